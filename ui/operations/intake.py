"""The intake's background work: the catalogue with this officer's usual procedures, what earlier
dossiers know of a citizen, and receiving the dossier."""

from dataclasses import dataclass

from onestop import catalogue, dossiers
from onestop.catalogue import ProcedureRecord
from onestop.dossiers import ApplicantInput, Intake, Received
from onestop.print_jobs import SlipOrder
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
        return Catalogue(LoadProcedures().run(work), procedure_uses(work.store, self.actor))


@dataclass
class LoadProcedures:
    label: str = ""

    def run(self, work: Work) -> list[ProcedureRecord]:
        return catalogue.list_procedures(work.store)


@dataclass
class LookUpReturningApplicant:
    actor: Actor
    id_number: str
    label: str = ""

    def run(self, work: Work) -> ApplicantInput | None:
        return dossiers.returning_applicant(work.store, self.actor, self.id_number)


@dataclass
class ReceiveDossier:
    actor: Actor
    intake: Intake
    slip: SlipOrder | None
    label: str = ""

    def run(self, work: Work) -> Received:
        return dossiers.receive(work.store, self.actor, self.intake, self.slip)
