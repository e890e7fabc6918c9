"""Pushing the outbox: scanned files first, then dossiers, then their progress rows.

A transient failure, or an answer off the protocol, postpones what was being sent with its
reason and ends the push (the province is not answering, or not as it should; the next run tries
again under the same key). A refusal fails only what it concerns. Each function is a generator
that yields after every file or batch, so the caller can show progress or stop.
"""

from collections.abc import Iterator
from datetime import datetime

from onestop import outbox
from onestop.attachments import attachment_path
from onestop.i18n import _
from onestop.store.engine import Store
from sync import pending
from sync.client import ProvincialClient
from sync.errors import OffsetMismatch, PermanentError, ProtocolError, TransientError
from sync.file_upload import upload_file
from sync.report import SyncReport


def push_files(store: Store, client: ProvincialClient, now: datetime,
               report: SyncReport) -> Iterator[None]:
    rows_by_file: dict[str, list[str]] = {}
    for row in pending.files_due(store, now):
        rows_by_file.setdefault(row.item_key, []).append(row.id)
    for sha256, ids in rows_by_file.items():
        try:
            upload_file(client, attachment_path(store, sha256), sha256=sha256)
        except (TransientError, OffsetMismatch, ProtocolError) as error:
            retry_after = error.retry_after if isinstance(error, TransientError) else None
            pending.postpone(store, ids, now, str(error), retry_after)
            report.postponed += len(ids)
            raise
        except PermanentError as error:
            pending.fail(store, ids, str(error))
            report.failed += len(ids)
        except OSError as error:
            pending.fail(store, ids, _("Không đọc được tệp đính kèm {name}: {error}").format(
                name=sha256, error=error.strerror or error))
            report.failed += len(ids)
        else:
            pending.mark_sent(store, ids, now)
            report.files_sent += 1
        yield


def push_records(store: Store, client: ProvincialClient, kind: str, now: datetime,
                 report: SyncReport) -> Iterator[None]:
    """Push the due dossier rows (kind "dossier") or progress rows (kind "progress")."""
    if kind == outbox.DOSSIER:
        pending.supersede_older_versions(store)
    for batch in pending.claim_batches(store, kind, now, report):
        ids = [row.id for row in batch.rows]
        payloads = [row.payload for row in batch.rows]
        try:
            if kind == outbox.DOSSIER:
                results = client.push_dossiers(payloads, key=batch.key, updating=batch.updating)
            else:
                results = client.push_progress(payloads, key=batch.key)
        except (TransientError, ProtocolError) as error:
            retry_after = error.retry_after if isinstance(error, TransientError) else None
            pending.postpone(store, ids, now, str(error), retry_after)
            report.postponed += len(ids)
            raise
        except PermanentError as error:
            if error.status == 422:
                pending.rebatch(store, ids)
            else:
                pending.fail(store, ids, str(error))
                report.failed += len(ids)
        else:
            pending.settle(store, batch, results, now, report)
        yield
