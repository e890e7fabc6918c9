"""The sound device: the first player program the system has, or Windows' own sound call."""

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Protocol

PLAYERS = (("paplay",), ("aplay", "-q"), ("afplay",), ("play", "-q"))
PLAYING_TIMEOUT = 60


class Speaker(Protocol):
    def play(self, wav: Path) -> None:
        """Play the WAV file to the end."""


class PlayerProgram:
    def __init__(self, command: tuple[str, ...]) -> None:
        self._command = command

    def play(self, wav: Path) -> None:
        subprocess.run([*self._command, str(wav)], capture_output=True, timeout=PLAYING_TIMEOUT,
                       check=False)


if sys.platform == "win32":
    import winsound

    class WindowsSound:
        def play(self, wav: Path) -> None:
            winsound.PlaySound(str(wav), winsound.SND_FILENAME)


def system_speaker() -> Speaker | None:
    if sys.platform == "win32":
        return WindowsSound()
    for name, *options in PLAYERS:
        program = shutil.which(name)
        if program is not None:
            return PlayerProgram((program, *options))
    return None
