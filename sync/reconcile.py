"""Reconciling with the province: what it lacks of the dossiers received in some days is sent
again, with their files and progress rows, so a province restored from an old backup loses
nothing the counter still has."""

from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop import outbox, settings
from onestop.dossiers import queue_for_province
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.store.engine import Store
from onestop.store.models import Attachment, Dossier, OutboxItem, StatusChange
from sync.client import ProvincialClient
from sync.report import SyncReport
from sync.wire import PROVINCE_ZONE

MAX_DAYS = 366


def check_days(first_day: date, last_day: date) -> tuple[date, date]:
    """A range of days a person asked to reconcile, refused when it makes no sense."""
    if first_day > last_day:
        raise DomainError(_("Ngày đầu phải trước hoặc cùng ngày với ngày cuối"))
    if last_day - first_day >= timedelta(days=MAX_DAYS):
        raise DomainError(_("Mỗi lần đối soát tối đa {days} ngày").format(days=MAX_DAYS))
    return first_day, last_day


def requeue_missing(store: Store, client: ProvincialClient, first_day: date, last_day: date,
                    report: SyncReport) -> Iterator[None]:
    held = {version.dossier_code: version.version
            for version in client.reconcile(first_day, last_day)}
    start = datetime.combine(first_day, time.min, PROVINCE_ZONE)
    end = datetime.combine(last_day + timedelta(days=1), time.min, PROVINCE_ZONE)
    with store.write() as session:
        agency = settings.get(session, "agency.code")
        waiting = set(session.scalars(select(OutboxItem.item_key).where(
            OutboxItem.kind == outbox.DOSSIER, OutboxItem.state == outbox.PENDING)))
        dossiers = session.scalars(select(Dossier).where(
            Dossier.agency_code == agency, Dossier.received_at >= start,
            Dossier.received_at < end)).all()
        for dossier in dossiers:
            province_version = held.get(dossier.code, 0)
            if province_version >= dossier.version or dossier.code in waiting:
                continue
            dossier.province_version = province_version
            queue_for_province(session, dossier, None)
            shas = session.scalars(select(Attachment.sha256).where(
                Attachment.dossier_id == dossier.id)).all()
            uids = session.scalars(select(StatusChange.uid).where(
                StatusChange.dossier_id == dossier.id, StatusChange.source == "counter")).all()
            _send_again(session, outbox.FILE, shas)
            _send_again(session, outbox.PROGRESS, uids)
            report.requeued += 1
    yield


def _send_again(session: Session, kind: str, keys: Sequence[str]) -> None:
    """Queue again the payloads already sent for these keys, exactly as they were frozen."""
    sent = session.scalars(select(OutboxItem).where(
        OutboxItem.kind == kind, OutboxItem.item_key.in_(keys),
        OutboxItem.state == outbox.SENT).order_by(OutboxItem.seq)).all()
    latest = {row.item_key: row for row in sent}
    for key, row in latest.items():
        outbox.enqueue(session, kind, key, row.payload, version=row.version)
