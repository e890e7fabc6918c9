"""Waits between tries: growing, capped, spread over the whole range, never shorter than asked."""

import statistics
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.backoff import LONGEST_WAIT_IN_A_RUN, retried, retry_delay
from sync.errors import TransientError

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


class Flaky:
    """A call that fails transiently `failures` times, then answers."""

    def __init__(self, failures: int, retry_after: float | None = None) -> None:
        self.failures = failures
        self.retry_after = retry_after
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise TransientError("Máy chủ tỉnh đang bận", retry_after=self.retry_after)
        return "trả lời"


def test_a_call_that_fails_now_and_then_is_answered_within_the_run() -> None:
    waits: list[float] = []
    call = Flaky(2)
    assert retried(call, time.monotonic() + 60, sleep=waits.append) == "trả lời"
    assert call.calls == 3 and len(waits) == 2 and all(0 <= w <= LONGEST_WAIT_IN_A_RUN
                                                       for w in waits)


def test_a_call_that_keeps_failing_gives_up_after_its_tries() -> None:
    call = Flaky(10)
    with pytest.raises(TransientError):
        retried(call, time.monotonic() + 60, tries=3, sleep=lambda seconds: None)
    assert call.calls == 3


def test_a_long_retry_after_is_left_for_the_next_run() -> None:
    call = Flaky(1, retry_after=120)
    with pytest.raises(TransientError):
        retried(call, time.monotonic() + 600, sleep=lambda seconds: None)
    assert call.calls == 1


def test_no_try_waits_past_the_deadline() -> None:
    call = Flaky(1, retry_after=2)
    with pytest.raises(TransientError):
        retried(call, time.monotonic() + 1, sleep=lambda seconds: None)
    assert call.calls == 1
