"""A sync run under way: the store, the province's client, the report, and the run's limits."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from onestop.store.engine import Store
from sync.backoff import LONGEST_WAIT_IN_A_RUN, TRIES_IN_A_RUN, retried
from sync.client import ProvincialClient
from sync.report import SyncReport

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    seconds: float = 600.0  # a whole run, however the province answers
    pages: int = 200  # pages of one pull in one run; the next run goes on from the cursor
    tries: int = TRIES_IN_A_RUN  # of one idempotent call
    longest_wait: float = LONGEST_WAIT_IN_A_RUN  # between two tries of a call


@dataclass
class Running:
    store: Store
    client: ProvincialClient
    now: datetime
    report: SyncReport
    limits: Limits = field(default_factory=Limits)
    deadline: float = 0.0  # monotonic; set from the limits when 0

    def __post_init__(self) -> None:
        if not self.deadline:
            self.deadline = time.monotonic() + self.limits.seconds

    def call(self, work: Callable[[], T]) -> T:
        """An idempotent call to the province, tried again within the run after a transient
        failure."""
        return retried(work, self.deadline, tries=self.limits.tries,
                       longest_wait=self.limits.longest_wait)
