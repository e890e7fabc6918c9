"""Reconciling with the province: what it lacks of the dossiers received in some days is sent
again, with their files and progress rows, so a province restored from an old backup loses
nothing the counter still has."""

from collections.abc import Iterator
from datetime import date, timedelta
from functools import partial

from onestop import outbox
from onestop.errors import DomainError
from onestop.i18n import _
from sync.running import Running

MAX_DAYS = 366


def check_days(first_day: date, last_day: date) -> tuple[date, date]:
    """A range of days a person asked to reconcile, refused when it makes no sense."""
    if first_day > last_day:
        raise DomainError(_("Ngày đầu phải trước hoặc cùng ngày với ngày cuối"))
    if last_day - first_day >= timedelta(days=MAX_DAYS):
        raise DomainError(_("Mỗi lần đối soát tối đa {days} ngày").format(days=MAX_DAYS))
    return first_day, last_day


def requeue_missing(run: Running, first_day: date, last_day: date) -> Iterator[None]:
    held = {version.dossier_code: version.version
            for version in run.call(partial(run.client.reconcile, first_day, last_day))}
    run.report.requeued += outbox.requeue_missing(run.store, held, first_day, last_day)
    yield
