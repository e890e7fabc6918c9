"""A two-note chime before each call, drawn as 16-bit mono samples at the voice's own rate."""

import math
from array import array

NOTES_HZ = (1318.5, 1046.5)
NOTE_SECONDS = 0.4
LOUDNESS = 0.45


def chime(frame_rate: int) -> bytes:
    samples = array("h")
    length = int(frame_rate * NOTE_SECONDS)
    for frequency in NOTES_HZ:
        for i in range(length):
            fading = math.exp(-4.0 * i / length)
            value = LOUDNESS * fading * math.sin(2 * math.pi * frequency * i / frame_rate)
            samples.append(int(value * 32767))
    return samples.tobytes()
