"""One sync run: optionally reconcile, push the outbox, pull from the province, anchor the audit
trail; and the loop that repeats runs until told to stop.

The steps are independent: a step that fails reports why and the next one still runs, so a
province refusing dossiers still sends its changes, catalogue and days off. Only an account the
province refuses ends the run early. A run ends by its deadline whatever the province does.
"""

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
from sync.anchor import anchor_trail
from sync.backoff import retry_delay
from sync.client import ProvincialClient
from sync.errors import AuthFailed, SyncError
from sync.reconcile import requeue_missing
from sync.report import DONE, SyncReport
from sync.running import Limits, Running
from sync.wire import PROVINCE_ZONE

logger = logging.getLogger(__name__)

RECONCILE_DAYS = 31


def synchronise(store: Store, client: ProvincialClient, *, now: datetime | None = None,
                reconcile: tuple[date, date] | None = None,
                limits: Limits | None = None) -> Iterator[SyncReport]:
    """Run the steps in order, yielding a snapshot of the report after each file, batch or page;
    the last snapshot has step "done". Stopping the iteration stops the run between steps.
    Each failed step leaves its reason in `problems` and `error`; nothing half-applied stays
    behind."""
    now = now or datetime.now(UTC)
    run = Running(store, client, now, SyncReport(), limits or Limits())
    year = now.astimezone(PROVINCE_ZONE).year
    steps: list[tuple[str, Callable[[], Iterator[None]]]] = []
    if reconcile is not None:
        first, last = reconcile
        # First, so that what the province lacks goes out in this same run.
        steps.append(("reconcile", lambda: requeue_missing(run, first, last)))
    steps += [
        ("files", lambda: push.push_files(run)),
        ("dossiers", lambda: push.push_records(run, outbox.DOSSIER)),
        ("progress", lambda: push.push_records(run, outbox.PROGRESS)),
        ("ratings", lambda: push.push_records(run, outbox.RATING)),
        ("visits", lambda: push.push_records(run, outbox.VISIT)),
        ("catalogue", lambda: pull.pull_procedures(run)),
        ("changes", lambda: pull.pull_changes(run)),
        ("days off", lambda: pull.pull_days_off(run, (year, year + 1))),
        ("audit trail", lambda: anchor_trail(run)),
    ]
    report = run.report
    client.deadline = run.deadline
    try:
        for name, step in steps:
            report.step = name
            try:
                for _ in step():
                    yield replace(report)
            except AuthFailed as error:
                _failed(report, name, error)
                break
            except (SyncError, DomainError) as error:
                _failed(report, name, error)
    finally:
        client.deadline = None
    report.step = DONE
    yield replace(report)


def _failed(report: SyncReport, step: str, error: Exception) -> None:
    logger.warning("sync step %s failed: %s", step, getattr(error, "detail", "") or error)
    report.problems.append(f"{step}: {error}")
    if str(error) not in report.error.split("; "):
        report.error = "; ".join(filter(None, (report.error, str(error))))


def run_once(store: Store, client: ProvincialClient, *, now: datetime | None = None,
             reconcile: tuple[date, date] | None = None,
             limits: Limits | None = None) -> SyncReport:
    return deque(synchronise(store, client, now=now, reconcile=reconcile, limits=limits),
                 maxlen=1)[0]


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
    off while they fail. The last month is reconciled on the first run and then daily. No
    answer of the province, however wrong, ends the loop."""
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
        except Exception as error:  # noqa: BLE001 - the service outlives any one bad run
            logger.exception("sync run failed")
            report = SyncReport(step=DONE, error=str(error) or repr(error))
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
