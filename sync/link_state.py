"""How the link to the province stands after a run, in the few words a status bar shows."""

from dataclasses import dataclass
from datetime import date, datetime

from onestop import outbox
from onestop.changes import NOTHING, StoreChanges
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.store.engine import Store
from sync.province_link import open_client
from sync.report import SyncReport
from sync.run import run_once


@dataclass(frozen=True)
class LinkState:
    configured: bool  # the settings name a province, an account and its password
    online: bool | None  # None when no run was tried
    waiting: int  # outbox rows not yet at the province
    message: str  # why the run stopped or could not start; empty when all went well
    report: SyncReport | None

    @property
    def changes(self) -> StoreChanges:
        return NOTHING if self.report is None else self.report.changes


def sync_now(store: Store, *, now: datetime | None = None,
             reconcile: tuple[date, date] | None = None) -> LinkState:
    """One run against the province in the settings, told as a link state."""
    try:
        client = open_client(store)
    except DomainError as error:
        return LinkState(False, None, outbox.pending_count(store), str(error), None)
    with client:
        report = run_once(store, client, now=now, reconcile=reconcile)
    return LinkState(True, not report.error, outbox.pending_count(store), told(report), report)


def told(report: SyncReport) -> str:
    """What went wrong in a run, and which records the province does not take yet."""
    not_taken = ""
    if report.not_taken:
        not_taken = _("Hệ thống tỉnh chưa nhận {services}; các mục này vẫn chờ gửi").format(
            services=", ".join(sorted(set(report.not_taken))))
    return "; ".join(filter(None, (report.error, not_taken)))
