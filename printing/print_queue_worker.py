"""Send one queued print job: claim it, draw the dossier's slip, send it, and record how it went.

A printer that is off, refuses, drops mid-job or is out of paper leaves the job failed with the
printer's message; it waits there for a retry (the same job again) or a reprint (a new job).
"""

from dataclasses import dataclass

from onestop import print_jobs
from onestop.changes import StoreChanges
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.print_jobs import PrintJobRow
from onestop.roles import Actor
from onestop.slip_facts import slip_facts
from onestop.store.engine import Store
from printing.dossier_slip import dossier_slip, slip_office
from printing.print_service import DEFAULT_TIMEOUT, print_slip
from printing.printer_errors import PrinterProblem
from printing.printer_profile import PrinterProfile, printer_profile
from printing.slip_content import Slip
from printing.slip_layout import PaperWidth, paper_for_mm


@dataclass(frozen=True)
class JobOutcome:
    job: PrintJobRow
    sent: bool
    message: str
    problem: PrinterProblem | None = None

    @property
    def changes(self) -> StoreChanges:
        return self.job.changes


def send_print_job(store: Store, actor: Actor, job_id: int, *,
                   timeout: float = DEFAULT_TIMEOUT) -> JobOutcome:
    """Raises Conflict for a job already sent or being sent; every other outcome is recorded."""
    job = print_jobs.claim(store, actor, job_id)
    try:
        slip, paper, profile = _slip_and_printer(store, actor, job.dossier_code, job.kind)
        outcome = print_slip(slip, job.printer, copies=job.copies, width_dots=paper, profile=profile,
                             timeout=timeout)
    except DomainError as error:
        return JobOutcome(print_jobs.mark_failed(store, job_id, error.message), False, error.message)
    except BaseException:
        print_jobs.mark_failed(store, job_id, _("Lỗi chương trình khi in phiếu."))
        raise
    if not outcome.sent:
        failed = print_jobs.mark_failed(store, job_id, outcome.message)
        return JobOutcome(failed, False, outcome.message, outcome.problem)
    return JobOutcome(print_jobs.mark_sent(store, job_id), True, outcome.message)


def stored_dossier_slip(store: Store, actor: Actor, dossier_code: str,
                        job_kind: str | None = None) -> tuple[Slip, int]:
    """A stored dossier's slip of a print job's kind (None: the slip of its current status), and
    how many dots across the counter printer draws it."""
    slip, paper, profile = _slip_and_printer(store, actor, dossier_code, job_kind)
    return slip, profile.slip_width(paper)


def _slip_and_printer(store: Store, actor: Actor, dossier_code: str,
                      job_kind: str | None) -> tuple[Slip, PaperWidth, PrinterProfile]:
    facts = slip_facts(store, actor, dossier_code)
    values = facts.office
    slip = dossier_slip(facts.view, slip_office(values), job_kind, officer_names=facts.officer_names,
                        duration=facts.duration,
                        collection=facts.collection)
    paper = paper_for_mm(int(values["printer.paper_width"]))
    return slip, paper, printer_profile(str(values["printer.profile"]))
