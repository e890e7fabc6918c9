"""A call as the hall hears it: the chime, then the spoken call, in one WAV."""

import tempfile
import wave
from pathlib import Path

from announcing.call_words import spoken_call
from announcing.chime import chime
from announcing.speaker import Speaker
from announcing.voice import Voice


class Announcer:
    def __init__(self, voice: Voice, speaker: Speaker | None = None) -> None:
        self._voice, self._speaker = voice, speaker

    def render(self, label: str, counter_number: int, target: Path) -> Path:
        """Write the chime and the spoken call for a ticket and a counter to target."""
        speech = target.with_name(target.name + ".speech.wav")
        try:
            self._voice.say_to_file(spoken_call(label, counter_number), speech)
            with wave.open(str(speech), "rb") as spoken:
                params = spoken.getparams()
                words = spoken.readframes(spoken.getnframes())
        finally:
            speech.unlink(missing_ok=True)
        with wave.open(str(target), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(params.framerate)
            out.writeframes(chime(params.framerate) + words)
        return target

    def announce(self, label: str, counter_number: int) -> None:
        """Say the call on the sound device (nothing when this machine has none)."""
        if self._speaker is None:
            return
        with tempfile.TemporaryDirectory(prefix="onestop-call-") as folder:
            self._speaker.play(self.render(label, counter_number, Path(folder) / "call.wav"))
