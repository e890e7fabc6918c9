"""Voices that say a text into a WAV file. espeak-ng's Vietnamese voice works everywhere it is
installed; the Windows OS voice can stand behind the same interface."""

import shutil
import subprocess
from pathlib import Path
from typing import Protocol

from onestop.errors import DomainError
from onestop.i18n import _

SPEAKING_TIMEOUT = 30


class Voice(Protocol):
    def say_to_file(self, text: str, target: Path) -> None:
        """Write the spoken text to target as a 16-bit mono WAV."""


class EspeakVoice:
    def __init__(self, program: str = "espeak-ng", voice: str = "vi", words_per_minute: int = 140
                 ) -> None:
        self._program, self._voice, self._speed = program, voice, words_per_minute

    @staticmethod
    def available(program: str = "espeak-ng") -> bool:
        return shutil.which(program) is not None

    def say_to_file(self, text: str, target: Path) -> None:
        program = shutil.which(self._program)
        if program is None:
            raise DomainError(_("Không tìm thấy chương trình đọc {0}.").format(self._program))
        result = subprocess.run(
            [program, "-v", self._voice, "-s", str(self._speed), "-w", str(target), text],
            capture_output=True, text=True, timeout=SPEAKING_TIMEOUT)
        if result.returncode != 0 or not target.exists():
            raise DomainError(_("Không đọc được số gọi: {0}").format(
                (result.stderr.strip().splitlines() or [str(result.returncode)])[-1]))
