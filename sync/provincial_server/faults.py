"""Faults the simulated province answers with, to prove a counter loses nothing and sends
nothing twice."""

import random
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Fault(Enum):
    UNAVAILABLE = "503"  # 503 with Retry-After, nothing applied
    FAILED = "500"  # 500 before applying
    THROTTLED = "429"  # 429 with Retry-After, nothing applied
    SLOW = "slow"  # the answer comes after longer than the client waits; the call is applied
    DROPPED = "dropped"  # applied, then the connection closes without an answer


class FaultPlan:
    """Draws a fault for a fraction `rate` of calls, among `kinds` (all by default); `seed`
    makes the draws repeatable."""

    def __init__(self, rate: float = 0.0, seed: int | None = None, *, delay: float = 35.0,
                 retry_after: int = 2, kinds: Iterable[Fault] = tuple(Fault)) -> None:
        if not 0.0 <= rate <= 1.0:
            raise ValueError("the fault rate is between 0 and 1")
        self.rate = rate
        self.kinds = list(kinds)
        if not self.kinds:
            raise ValueError("at least one kind of fault")
        self.delay = delay
        self.retry_after = retry_after
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self.drawn = 0  # faults answered so far

    def draw(self) -> Fault | None:
        with self._lock:
            if self._random.random() >= self.rate:
                return None
            self.drawn += 1
            return self._random.choice(self.kinds)


@dataclass
class Hostility:
    """Ways a province misbehaves for tests, besides faults; each can be switched at any time."""

    drip: float = 0.0  # seconds between the bytes of every service answer; 0 answers at once
    endless: bool = False  # pulls always promise one more page
    impossible_dates: bool = False  # changes carry NgayHenTra 00010101000000
