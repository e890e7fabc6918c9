"""Waits between tries: growing, capped, spread over the whole range, never shorter than asked."""

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.backoff import retry_delay

failures = st.integers(min_value=1, max_value=100_000)
seconds = st.floats(min_value=0.001, max_value=100_000, allow_nan=False)
draws = st.floats(min_value=0.0, max_value=1.0, exclude_max=True)


def ceiling(failures: int, base: float, cap: float) -> float:
    return cap if failures > 64 else min(cap, base * 2.0 ** (failures - 1))


@given(failures, seconds, seconds, draws)
def test_a_wait_stays_under_the_doubling_ceiling_and_the_cap(
        failures: int, base: float, cap: float, draw: float) -> None:
    delay = retry_delay(failures, base=base, cap=cap, random=lambda: draw)
    assert 0.0 <= delay <= ceiling(failures, base, cap)
    assert delay == pytest.approx(draw * ceiling(failures, base, cap))


@given(failures, st.floats(min_value=-10, max_value=1e9, allow_nan=False), draws)
def test_retry_after_is_a_floor_up_to_its_cap(
        failures: int, retry_after: float, draw: float) -> None:
    delay = retry_delay(failures, retry_after=retry_after, base=1.0, cap=60.0,
                        retry_after_cap=3600.0, random=lambda: draw)
    assert delay >= min(max(retry_after, 0.0), 3600.0)
    assert delay <= max(60.0, min(retry_after, 3600.0))


def test_ceilings_double_until_the_cap() -> None:
    almost_one = 1.0 - 1e-12
    delays = [retry_delay(n, base=2.0, cap=100.0, random=lambda: almost_one)
              for n in range(1, 10)]
    assert delays == pytest.approx([2, 4, 8, 16, 32, 64, 100, 100, 100])


def test_the_jitter_is_full_so_counters_do_not_come_back_together() -> None:
    assert retry_delay(5, base=1.0, random=lambda: 0.0) == 0.0
    delays = [retry_delay(5, base=1.0, cap=600.0) for _ in range(2000)]
    assert all(0.0 <= delay < 16.0 for delay in delays)
    assert 7.0 < statistics.mean(delays) < 9.0
    assert len({round(delay, 3) for delay in delays}) > 1000


def test_failures_count_from_one() -> None:
    with pytest.raises(ValueError):
        retry_delay(0)
