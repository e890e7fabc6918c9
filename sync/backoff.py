"""How long to wait before trying the province again: capped exponential backoff with full jitter.

Full jitter spreads the counters of a province that all lost the link at the same moment, so
they do not come back in one wave; a server's Retry-After is a floor, never shortened.
"""

import random as _random
from collections.abc import Callable

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
