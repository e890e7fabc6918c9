"""Anchoring the audit trail outside the store: after a run that pushed anything, its head goes
to the province (DongBoNhatKy), so rows older than an anchored head cannot be quietly removed
or rewritten."""

from collections.abc import Iterator
from functools import partial

from onestop import audit, settings
from sync.errors import NotTaken
from sync.running import Running


def anchor_trail(run: Running) -> Iterator[None]:
    if not run.report.pushed:
        return
    head = audit.audit_head(run.store)
    counter = str(settings.read_all(run.store)["counter.code"])
    try:
        run.call(partial(run.client.anchor_audit_trail, counter, head.rows, head.digest,
                         run.now))
    except NotTaken as error:
        run.report.not_taken.append(error.service)
    else:
        audit.note_anchored(run.store, head, run.now)
        run.report.anchored = True
    yield
