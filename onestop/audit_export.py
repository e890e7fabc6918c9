"""The audit log as a CSV file for a supervisor or an inspector: local times, actions in words,
UTF-8 with a byte-order mark so that spreadsheet programs on Windows show Vietnamese right."""

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path

from onestop import audit
from onestop.audit import AuditFilter, AuditRow
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.workdays import LOCAL_ZONE

# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class AuditExported:
    path: Path
    rows: int


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _line(row: AuditRow) -> list[str]:
    at = row.at.astimezone(LOCAL_ZONE).strftime("%d/%m/%Y %H:%M:%S") if row.at else ""
    details = json.dumps(row.details, ensure_ascii=False, sort_keys=True) \
        if row.readable else str(row.details)
    return [str(row.id), at, _cell(row.actor), row.action, audit.action_name(row.action),
            _cell(row.subject), _cell(details), row.hash]


def export_csv(store: Store, actor: Actor, target: Path,
               wanted: AuditFilter | None = None) -> AuditExported:
    """Write the rows that pass the filter, oldest first; the export itself is logged."""
    require(actor, "audit.read")
    wanted = wanted or AuditFilter()
    partial = target.with_name(target.name + ".part")
    count = 0
    try:
        with store.read() as session, partial.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([_("STT"), _("Thời điểm"), _("Người thực hiện"), _("Mã thao tác"),
                             _("Thao tác"), _("Đối tượng"), _("Chi tiết"), _("Mã niêm phong")])
            for row in audit.each_entry(session, actor, wanted):
                writer.writerow(_line(row))
                count += 1
        os.replace(partial, target)
    except OSError as error:
        raise DomainError(_("Không ghi được tệp {0}: {1}").format(
            target, error.strerror or error)) from None
    finally:
        partial.unlink(missing_ok=True)
    with store.write() as session:
        audit.record(session, actor, "audit.export", target.name, {"rows": count})
    return AuditExported(target, count)
