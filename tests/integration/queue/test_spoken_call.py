"""The call display's voice: a chime and the Vietnamese call from espeak-ng, into a WAV file."""

import wave
from array import array
from pathlib import Path

import pytest

from announcing.announcer import Announcer
from announcing.call_words import spoken_call, written_call
from announcing.voice import EspeakVoice
from onestop.errors import DomainError
from tests.machine import need_program


def loud_seconds(path: Path, start: float, end: float) -> float:
    """How many seconds between start and end carry sound above a whisper."""
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        samples = array("h", wav.readframes(wav.getnframes()))
    window = rate // 50
    loud = 0
    for first in range(int(start * rate), min(int(end * rate), len(samples)), window):
        chunk = samples[first:first + window]
        if chunk and (sum(s * s for s in chunk) / len(chunk)) ** 0.5 > 500:
            loud += 1
    return loud / 50


def test_the_words_of_a_call() -> None:
    assert written_call("012", 2) == "Mời công dân số 012 đến quầy số 2"
    assert spoken_call("A012", 2) == "Mời công dân số A 0 1 2 đến quầy số 2"


def test_a_call_is_a_chime_then_speech_long_enough_to_be_the_whole_sentence(tmp_path: Path) -> None:
    need_program("espeak-ng")
    target = Announcer(EspeakVoice()).render("012", 2, tmp_path / "call.wav")
    with wave.open(str(target), "rb") as wav:
        seconds = wav.getnframes() / wav.getframerate()
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
    # Eleven syllables and three digits take a speaker well over two seconds.
    assert 2.5 < seconds < 12
    assert loud_seconds(target, 0, 0.8) > 0.3, "no chime"
    assert loud_seconds(target, 0.8, seconds) > 1.2, "no speech after the chime"
    assert not list(tmp_path.glob("*.speech.wav"))


def test_a_longer_ticket_takes_longer_to_say(tmp_path: Path) -> None:
    need_program("espeak-ng")
    announcer = Announcer(EspeakVoice())
    short = announcer.render("1", 1, tmp_path / "short.wav")
    long = announcer.render("A123456", 12, tmp_path / "long.wav")
    with wave.open(str(short), "rb") as a, wave.open(str(long), "rb") as b:
        assert b.getnframes() > a.getnframes() * 1.2


def test_a_missing_voice_program_is_a_message_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="no-such-voice"):
        Announcer(EspeakVoice(program="no-such-voice")).render("1", 1, tmp_path / "x.wav")
