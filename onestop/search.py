"""Finding a dossier by code, ID number, phone, name or procedure: case and diacritics ignored
(đ → d, either tone placement), names matched by word prefix as typed."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select, table, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from onestop import audit, settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.lifecycle import is_overdue, lifecycle
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Applicant, Dossier, Procedure
from onestop.text import clean, fold

_WORD = re.compile(r"[0-9a-z]+")
_CODE_LIKE = re.compile(r"^[0-9A-Z.]*[-.][0-9A-Z.\-]*$")
_CODE_TAIL = re.compile(r"\d{6}-\d{1,5}$")
_HIGH = "\uffff"
MAX_LIMIT = 200
TYPED_IN_AUDIT = 200


@dataclass(frozen=True)
class DossierSummary:
    code: str
    applicant_name: str
    id_number: str
    phone: str
    procedure_code: str
    procedure_name: str
    status: str
    status_name: str
    received_at: datetime
    due_at: datetime | None
    finished_at: datetime | None
    overdue: bool


def _base() -> Select[*tuple[Any, ...]]:
    # Plain columns, not whole objects: a list of fifty is built several times faster.
    return (select(Dossier.code, Applicant.full_name, Applicant.id_number, Applicant.phone,
                   Procedure.code, Procedure.name, Dossier.status, Dossier.received_at,
                   Dossier.due_at, Dossier.finished_at)
            .join(Applicant, Dossier.applicant_id == Applicant.id)
            .join(Procedure, Dossier.procedure_code == Procedure.code))


def _starts_with(column: InstrumentedAttribute[Any], prefix: str) -> ColumnElement[bool]:
    # A range instead of LIKE so that the B-tree index serves the prefix on every database.
    return column.between(prefix, prefix + _HIGH)


def _name_query(session: Session, words: list[str], limit: int) -> Select[*tuple[Any, ...]]:
    if session.get_bind().dialect.name == "sqlite":
        # Newest first by rowid lets FTS5 stop after `limit` matches of a common name.
        match = " ".join(f'"{w}"*' for w in words)
        ids: Select[Any] = (select(literal_column("rowid")).select_from(table("dossier_search"))
                            .where(text("dossier_search MATCH :q").bindparams(q=match))
                            .order_by(literal_column("rowid").desc()).limit(limit))
        return _base().where(Dossier.id.in_(ids))
    query = " & ".join(f"{w}:*" for w in words)
    return _base().where(
        func.to_tsvector("simple", Dossier.search_text).bool_op("@@")(
            func.to_tsquery("simple", query)))


def _conditions(session: Session, typed: str) -> list[ColumnElement[bool]] | None:
    """Each condition is one index lookup; None means a name/procedure word search."""
    compact = re.sub(r"[\s.\-+()]", "", typed)
    upper = typed.upper().replace(" ", "")
    if _CODE_TAIL.search(upper) and "." not in upper:
        agency = str(settings.get_in(session, "agency.code"))
        return [_starts_with(Dossier.code, f"{agency}-{upper}")]
    if compact.isascii() and compact.isdigit():
        if compact.startswith("84") and len(compact) == 11:
            compact = "0" + compact[2:]
        if len(compact) == 12:
            return [Applicant.id_number == compact]
        if len(compact) == 9:
            return [Applicant.old_id_number == compact, _starts_with(Applicant.phone, compact)]
        if len(compact) in (10, 11) and compact.startswith("0"):
            return [Applicant.phone == compact]
        return [_starts_with(Applicant.id_number, compact), _starts_with(Applicant.phone, compact),
                _starts_with(Dossier.procedure_code, typed)]
    if _CODE_LIKE.match(upper) and any(ch.isdigit() for ch in upper):
        return [_starts_with(Dossier.code, upper), _starts_with(Dossier.procedure_code, typed)]
    return None


def find(session: Session, typed: str, limit: int = 50) -> list[DossierSummary]:
    typed = clean(typed)
    if not typed:
        return []
    conditions = _conditions(session, typed)
    if conditions is None:
        words = _WORD.findall(fold(typed))
        if not words:
            return []
        queries = [_name_query(session, words, limit)]
    else:
        queries = [_base().where(condition) for condition in conditions]
    found: dict[str, Any] = {}
    for query in queries:
        for row in session.execute(query.order_by(Dossier.received_at.desc()).limit(limit)):
            found[row[0]] = row
    rows = sorted(found.values(), key=lambda row: row[7], reverse=True)[:limit]
    now = datetime.now(UTC)
    life = lifecycle()
    return [
        DossierSummary(code, name, id_number or "", phone, procedure_code, procedure_name, status,
                       life.status(status).name, received_at, due_at, finished_at,
                       is_overdue(due_at, finished_at, now))
        for (code, name, id_number, phone, procedure_code, procedure_name, status, received_at,
             due_at, finished_at) in rows
    ]


def search(store: Store, actor: Actor, typed: str, limit: int = 50) -> list[DossierSummary]:
    """Dossiers with their applicants' ID numbers and phones: a look at citizens' data, audited
    as one, with what was typed and which dossiers were shown."""
    require(actor, "dossier.read")
    if not 1 <= limit <= MAX_LIMIT:
        raise DomainError(_("Số kết quả tối đa phải từ 1 đến {0}.").format(MAX_LIMIT),
                          field="limit")
    with store.write() as session:
        found = find(session, typed, limit)
        audit.record(session, actor, "dossier.view", "",
                     {"search": clean(typed)[:TYPED_IN_AUDIT], "shown": [summary.code for summary in found]})
    return found
