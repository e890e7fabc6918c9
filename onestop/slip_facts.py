"""What a dossier's slip is drawn from, read in one transaction: the dossier as the slip shows it,
the office's settings, the procedure's duration, the full names of the officers it names and,
once the result went, who collected it."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from onestop import settings
from onestop.catalogue import get_procedure_in
from onestop.dossiers import DossierView, slip_view_in
from onestop.returning import Collection, collection_in
from onestop.roles import Actor
from onestop.store.engine import Store
from onestop.store.models import User
from onestop.workdays import Duration


@dataclass(frozen=True)
class SlipFacts:
    view: DossierView
    office: dict[str, Any]
    duration: Duration
    officer_names: dict[str, str]
    collection: Collection | None


def slip_facts(store: Store, actor: Actor, dossier_code: str) -> SlipFacts:
    with store.read() as session:
        view = slip_view_in(session, actor, dossier_code)
        office = settings.all_values_in(session)
        duration = get_procedure_in(session, view.procedure_code).duration
        named = {view.received_by, *(row.actor for row in view.history)}
        names = {username: full_name for username, full_name in session.execute(
            select(User.username, User.full_name).where(User.username.in_(named)))}
        collection = collection_in(session, view.code)
    return SlipFacts(view, office, duration, names, collection)
