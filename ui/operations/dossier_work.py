"""The dossier list and one dossier: filters, its view, lifecycle moves and corrections."""

from dataclasses import dataclass
from datetime import datetime

from onestop import dossiers
from onestop.catalogue import ProcedureRecord, list_procedures
from onestop.changes import StoreChanges
from onestop.correction import Corrected, Correction, correct_dossier
from onestop.dossier_list import DossierFilter, list_dossiers
from onestop.dossiers import Changed, DossierView
from onestop.outbox import pending_count
from onestop.print_jobs import SlipOrder
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


@dataclass(frozen=True)
class CorrectedDossier:
    corrected: Corrected
    shown: DossierView

    @property
    def changes(self) -> StoreChanges:
        return self.corrected.changes


@dataclass
class CorrectDossier:
    actor: Actor
    code: str
    correction: Correction
    reason: str
    slip: SlipOrder | None
    label: str = ""

    def run(self, work: Work) -> CorrectedDossier:
        corrected = correct_dossier(work.store, self.actor, self.code, self.correction, self.reason,
                                    self.slip)
        return CorrectedDossier(corrected, dossiers.show(work.store, self.actor, self.code))


@dataclass
class CountWaiting:
    label: str = ""

    def run(self, work: Work) -> int:
        return pending_count(work.store)


@dataclass
class ListProcedures:
    label: str = ""

    def run(self, work: Work) -> list[ProcedureRecord]:
        return list_procedures(work.store, active_only=False)
