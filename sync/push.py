"""Pushing the outbox: scanned files first, then dossiers, then progress rows, ratings and visits.

Each call is tried a few times within the run. A transient failure that outlasts them, or an
answer off the protocol, postpones what was being sent with its reason and ends the step (the
province is not answering, or not as it should; the next run tries again under the same key). A
refusal fails only what it concerns; a batch too large for the province is split, down to one
record, which then fails alone with its reason. Each function is a generator that yields after
every file or batch, so the caller can show progress or stop.
"""

from collections.abc import Iterator
from datetime import timedelta
from functools import partial

from onestop import outbox
from onestop.attachments import attachment_path
from onestop.i18n import _
from sync.backoff import retry_delay
from sync.client import MAX_ITEMS, ProvincialClient
from sync.errors import (
    NotTaken,
    OffsetMismatch,
    PermanentError,
    ProtocolError,
    SyncError,
    TransientError,
)
from sync.file_upload import upload_file
from sync.replies import ItemResult
from sync.running import Running

# What a request holds besides its records (service, agency, isUpdating, the list's brackets).
_ENVELOPE_BYTES = 4096
# A province that does not take a kind of record yet is asked again after this long.
NOT_TAKEN_PAUSE = timedelta(hours=1)
SERVICES = {outbox.PROGRESS: "CapNhatTienDoHoSoMC", outbox.RATING: "DongBoDanhGia",
            outbox.VISIT: "DongBoLuotPhucVu"}


def push_files(run: Running) -> Iterator[None]:
    rows_by_file: dict[str, list[str]] = {}
    for row in outbox.files_due(run.store, run.now):
        rows_by_file.setdefault(row.item_key, []).append(row.id)
    report = run.report
    for sha256, ids in rows_by_file.items():
        try:
            run.call(partial(upload_file, run.client, attachment_path(run.store, sha256),
                             sha256=sha256))
        except (TransientError, OffsetMismatch, ProtocolError) as error:
            _postpone(run, ids, error)
            raise
        except PermanentError as error:
            outbox.fail(run.store, ids, str(error))
            report.failed += len(ids)
        except OSError as error:
            outbox.fail(run.store, ids, _("Không đọc được tệp đính kèm {name}: {error}").format(
                name=sha256, error=error.strerror or error))
            report.failed += len(ids)
        else:
            outbox.mark_sent(run.store, ids, run.now)
            report.files_sent += 1
        yield


def push_records(run: Running, kind: str) -> Iterator[None]:
    """Push the due rows of one kind: dossier, progress, rating or visit."""
    store, report = run.store, run.report
    if kind == outbox.DOSSIER:
        outbox.supersede_older_versions(store)
    claimed = outbox.claim_batches(store, kind, run.now, max_items=MAX_ITEMS,
                                   max_bytes=run.client.max_request_bytes - _ENVELOPE_BYTES)
    report.failed += claimed.failed
    waiting = list(claimed.batches)
    while waiting:
        batch = waiting.pop(0)
        try:
            results = run.call(partial(_send, run.client, batch))
        except NotTaken as error:
            until = run.now + NOT_TAKEN_PAUSE
            for held in [batch, *waiting]:
                outbox.hold(store, held.ids, until, str(error))
            report.not_taken.append(error.service)
            return
        except (TransientError, ProtocolError) as error:
            _postpone(run, batch.ids, error)
            raise
        except PermanentError as error:
            if error.status == 413 and len(batch.rows) > 1:
                waiting[:0] = outbox.split(store, batch)
            elif error.status == 413:
                outbox.fail(store, batch.ids, _(
                    "Bản ghi quá lớn, hệ thống tỉnh không nhận trong một lần gửi: {reason}")
                    .format(reason=error))
                report.failed += 1
            elif error.status == 422:
                outbox.rebatch(store, batch.ids)
            else:
                outbox.fail(store, batch.ids, str(error))
                report.failed += len(batch.rows)
        else:
            settled = outbox.settle(store, batch, [(r.outcome, r.message) for r in results],
                                    run.now, retry_delay)
            if kind == outbox.DOSSIER:
                report.dossiers_sent += settled.sent
            elif kind == outbox.PROGRESS:
                report.progress_sent += settled.sent
            else:
                report.records_sent += settled.sent
            report.conflicts += settled.conflicts
            report.failed += settled.failed
            report.postponed += settled.postponed
        yield


def _send(client: ProvincialClient, batch: outbox.Batch) -> list[ItemResult]:
    payloads = [row.payload for row in batch.rows]
    if batch.kind == outbox.DOSSIER:
        return client.push_dossiers(payloads, key=batch.key, updating=batch.updating)
    return client.push_records(SERVICES[batch.kind], outbox.IDENTITY[batch.kind], payloads,
                               key=batch.key)


def _postpone(run: Running, ids: list[str], error: SyncError) -> None:
    retry_after = error.retry_after if isinstance(error, TransientError) else None
    outbox.postpone(run.store, ids, run.now, str(error),
                    partial(_wait, retry_after=retry_after))
    run.report.postponed += len(ids)


def _wait(attempts: int, *, retry_after: float | None) -> float:
    return retry_delay(attempts, retry_after=retry_after)
