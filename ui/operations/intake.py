"""The intake's background work: the catalogue with this officer's usual procedures, what earlier
dossiers know of a citizen, and receiving the dossier."""

from dataclasses import dataclass

from onestop import catalogue, dossiers
from onestop.catalogue import ProcedureRecord
from onestop.dossiers import ApplicantInput, DossierView, Intake, Received
from onestop.procedure_choice import ProcedureUse, procedure_uses
from onestop.roles import Actor
from ui.tasks import Work


@dataclass(frozen=True)
class Catalogue:
    procedures: list[ProcedureRecord]
    uses: list[ProcedureUse]


@dataclass
class LoadCatalogue:
    actor: Actor
    label: str = ""

    def run(self, work: Work) -> Catalogue:
        with work.store.read() as session:
            procedures = catalogue.list_procedures(session)
        return Catalogue(procedures, procedure_uses(work.store, self.actor))


@dataclass
class LookUpReturningApplicant:
    actor: Actor
    id_number: str
    label: str = ""

    def run(self, work: Work) -> ApplicantInput | None:
        return dossiers.returning_applicant(work.store, self.actor, self.id_number)


@dataclass(frozen=True)
class DossierReceived:
    received: Received
    view: DossierView


@dataclass
class ReceiveDossier:
    actor: Actor
    intake: Intake
    label: str = ""

    def run(self, work: Work) -> DossierReceived:
        received = dossiers.receive(work.store, self.actor, self.intake)
        return DossierReceived(received, dossiers.receipt_view(work.store, self.actor, received.code))
