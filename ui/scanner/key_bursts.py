"""Telling a keyboard-wedge scanner from a person by key timing.

A scanner types a whole code in a burst, a few milliseconds a key; people leave 60 ms and more
between keys, and even a fast typist's rolled keys give at most two or three quick ones in a row.
So keys that follow each other within `max_gap` are held back until either `min_length` of them
have come (a burst: from then on every key is the scanner's until a gap of `end_gap` or Enter)
or the gap is exceeded (a person: the held keys go on to where they were typed).
"""

from dataclasses import dataclass

SECOND = 1.0


@dataclass(frozen=True)
class BurstTiming:
    max_gap: float = 0.030 * SECOND
    min_length: int = 8
    end_gap: float = 0.150 * SECOND


WEDGE_TIMING = BurstTiming()


class BurstTracker:
    """The timing rule alone, fed with key texts and their times in seconds."""

    HOLD, BURST, RELEASE = "hold", "burst", "release"

    def __init__(self, timing: BurstTiming) -> None:
        self.timing = timing
        self.held = 0
        self.in_burst = False
        self._last_at: float | None = None

    def gap_exceeded(self, at: float) -> bool:
        if self._last_at is None:
            return False
        limit = self.timing.end_gap if self.in_burst else self.timing.max_gap
        gap = at - self._last_at
        return gap < 0 or gap > limit  # < 0: the keys' clock started again

    def key(self, at: float) -> str:
        """One printable key: HOLD it, or it made a BURST (or continues one)."""
        self._last_at = at
        if self.in_burst:
            return self.BURST
        self.held += 1
        if self.held >= self.timing.min_length:
            self.in_burst = True
            return self.BURST
        return self.HOLD

    def reset(self) -> None:
        self.held = 0
        self.in_burst = False
        self._last_at = None
