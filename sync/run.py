"""One sync run: optionally reconcile, push the outbox, pull from the province; and the loop
that repeats runs until told to stop."""

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from onestop import outbox
from onestop.errors import DomainError
from onestop.store.engine import Store
from sync import pull, push
from sync.backoff import retry_delay
from sync.client import ProvincialClient
from sync.errors import SyncError
from sync.reconcile import requeue_missing
from sync.report import DONE, SyncReport
from sync.wire import PROVINCE_ZONE

logger = logging.getLogger(__name__)

RECONCILE_DAYS = 31


def synchronise(store: Store, client: ProvincialClient, *, now: datetime | None = None,
                reconcile: tuple[date, date] | None = None) -> Iterator[SyncReport]:
    """Run the steps in order, yielding a snapshot of the report after each file, batch or page;
    the last snapshot has step "done". Stopping the iteration stops the run between steps.
    A failure ends the run with its message in `error`; nothing half-applied stays behind."""
    now = now or datetime.now(UTC)
    report = SyncReport()
    year = now.astimezone(PROVINCE_ZONE).year
    steps: list[tuple[str, Callable[[], Iterator[None]]]] = []
    if reconcile is not None:
        first, last = reconcile
        # First, so that what the province lacks goes out in this same run.
        steps.append(("reconcile",
                      lambda: requeue_missing(store, client, first, last, report)))
    steps += [
        ("files", lambda: push.push_files(store, client, now, report)),
        ("dossiers", lambda: push.push_records(store, client, outbox.DOSSIER, now, report)),
        ("progress", lambda: push.push_records(store, client, outbox.PROGRESS, now, report)),
        ("catalogue", lambda: pull.pull_procedures(store, client, now, report)),
        ("changes", lambda: pull.pull_changes(store, client, now, report)),
        ("days off", lambda: pull.pull_days_off(store, client, (year, year + 1), report)),
    ]
    try:
        for name, step in steps:
            report.step = name
            for _ in step():
                yield replace(report)
    except (SyncError, DomainError) as error:
        logger.warning("sync stopped at %s: %s", report.step, getattr(error, "detail", error))
        report.error = str(error)
    report.step = DONE
    yield replace(report)


def run_once(store: Store, client: ProvincialClient, *, now: datetime | None = None,
             reconcile: tuple[date, date] | None = None) -> SyncReport:
    return deque(synchronise(store, client, now=now, reconcile=reconcile), maxlen=1)[0]


class ReconcileSchedule:
    """The last month is reconciled on the first run, then once a day after one succeeds."""

    def __init__(self) -> None:
        self._next: datetime | None = None

    def due(self, now: datetime) -> tuple[date, date] | None:
        if self._next is not None and now < self._next:
            return None
        today = now.astimezone(PROVINCE_ZONE).date()
        return today - timedelta(days=RECONCILE_DAYS), today

    def done(self, now: datetime) -> None:
        self._next = now + timedelta(days=1)


def keep_syncing(store: Store, open_client: Callable[[], ProvincialClient],
                 stop: threading.Event, *, interval: float = 60.0,
                 on_report: Callable[[SyncReport], None] = lambda report: None) -> None:
    """Run after run until `stop` is set: every `interval` seconds while runs succeed, backing
    off while they fail. The last month is reconciled on the first run and then daily."""
    failures = 0
    schedule = ReconcileSchedule()
    while not stop.is_set():
        now = datetime.now(UTC)
        reconcile = schedule.due(now)
        try:
            with open_client() as client:
                report = run_once(store, client, now=now, reconcile=reconcile)
        except DomainError as error:
            report = SyncReport(step=DONE, error=str(error))
        on_report(report)
        if report.complete:
            failures = 0
            if reconcile is not None:
                schedule.done(now)
        else:
            failures += 1
        stop.wait(next_wait(failures, interval))


def next_wait(failures: int, interval: float) -> float:
    """Seconds until the next run after `failures` failed runs in a row."""
    return interval if failures == 0 else max(interval, retry_delay(failures, base=interval))
