"""How long to wait before trying the province again: capped exponential backoff with full jitter.

Full jitter spreads the counters of a province that all lost the link at the same moment, so
they do not come back in one wave; a server's Retry-After is a floor, never shortened.
"""

import random as _random
import time
from collections.abc import Callable
from typing import TypeVar

from sync.errors import TransientError

# Past this many doublings every ceiling is the cap anyway; stopping here keeps 2**n finite.
_MAX_DOUBLINGS = 64


def retry_delay(
    failures: int,
    *,
    retry_after: float | None = None,
    base: float = 2.0,
    cap: float = 600.0,
    retry_after_cap: float = 3600.0,
    random: Callable[[], float] = _random.random,
) -> float:
    """Seconds to wait after `failures` failed attempts in a row (1 for the first failure).

    The wait is drawn uniformly from [0, min(cap, base * 2**(failures - 1))), then raised to the
    server's `retry_after` when that is longer; a Retry-After beyond `retry_after_cap` counts as
    the cap, so a confused server cannot park the counter for days.
    """
    if failures < 1:
        raise ValueError("failures counts from 1")
    ceiling = min(cap, base * 2.0 ** min(failures - 1, _MAX_DOUBLINGS))
    delay = ceiling * random()
    if retry_after is not None:
        delay = max(delay, min(max(retry_after, 0.0), retry_after_cap))
    return delay


T = TypeVar("T")

# Within one run a call is tried this often, waiting at most this long between tries; a
# province asking for a longer wait is left for the next run.
TRIES_IN_A_RUN = 3
LONGEST_WAIT_IN_A_RUN = 5.0


def retried(call: Callable[[], T], deadline: float, *, tries: int = TRIES_IN_A_RUN,
            longest_wait: float = LONGEST_WAIT_IN_A_RUN,
            sleep: Callable[[float], None] = time.sleep) -> T:
    """Make an idempotent call, trying again after a transient failure while tries are left and
    the wait ends before the monotonic `deadline`."""
    for attempt in range(1, tries):
        try:
            return call()
        except TransientError as error:
            if (error.retry_after or 0.0) > longest_wait:
                raise
            wait = retry_delay(attempt, retry_after=error.retry_after, base=longest_wait / 8,
                               cap=longest_wait)
            if time.monotonic() + wait >= deadline:
                raise
            sleep(wait)
    return call()
