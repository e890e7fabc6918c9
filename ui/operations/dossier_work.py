"""The dossier list and one dossier: filters, its view, and lifecycle moves."""

from dataclasses import dataclass
from datetime import datetime

from onestop import dossiers
from onestop.catalogue import ProcedureRecord, list_procedures
from onestop.dossier_list import DossierFilter, list_dossiers
from onestop.dossiers import Changed, DossierView
from onestop.outbox import waiting_count
from onestop.roles import Actor
from onestop.search import DossierSummary
from ui.tasks import Work


@dataclass
class ListDossiers:
    actor: Actor
    wanted: DossierFilter
    label: str = ""

    def run(self, work: Work) -> list[DossierSummary]:
        return list_dossiers(work.store, self.actor, self.wanted)


@dataclass
class ShowDossier:
    actor: Actor
    code: str
    label: str = ""

    def run(self, work: Work) -> DossierView:
        return dossiers.show(work.store, self.actor, self.code)


@dataclass
class ChangeStatus:
    actor: Actor
    code: str
    status: str
    note: str
    label: str = ""

    def run(self, work: Work) -> Changed:
        return dossiers.transition(work.store, self.actor, self.code, self.status, self.note)


@dataclass
class Reschedule:
    actor: Actor
    code: str
    new_due: datetime
    reason: str
    label: str = ""

    def run(self, work: Work) -> Changed:
        return dossiers.reschedule(work.store, self.actor, self.code, self.new_due, self.reason)


@dataclass
class CountWaiting:
    label: str = ""

    def run(self, work: Work) -> int:
        with work.store.read() as session:
            return waiting_count(session)


@dataclass
class ListProcedures:
    label: str = ""

    def run(self, work: Work) -> list[ProcedureRecord]:
        with work.store.read() as session:
            return list_procedures(session, active_only=False)
