"""The slip print queue in the background: a job row is written first, then the job is sent."""

import io
from dataclasses import dataclass

from onestop import print_jobs
from onestop.print_jobs import PrintJobRow
from onestop.roles import Actor
from printing.print_queue_worker import JobOutcome, send_print_job, stored_dossier_slip
from printing.slip_layout import render_slip
from ui.tasks import Work


@dataclass
class QueueReprint:
    actor: Actor
    dossier_code: str
    printer: str
    copies: int
    label: str = ""

    def run(self, work: Work) -> PrintJobRow:
        return print_jobs.reprint(work.store, self.actor, self.dossier_code, self.printer,
                                  self.copies)


@dataclass
class SendPrintJob:
    """On the device pool: the printer may take seconds to answer or time out."""

    actor: Actor
    job_id: int
    label: str = ""

    def run(self, work: Work) -> JobOutcome:
        return send_print_job(work.store, self.actor, self.job_id)


@dataclass
class ListFailedSlips:
    actor: Actor
    label: str = ""

    def run(self, work: Work) -> list[PrintJobRow]:
        return [job for job in print_jobs.waiting(work.store, self.actor)
                if job.state == print_jobs.FAILED]


@dataclass
class DrawStoredSlip:
    """The dossier's slip as PNG bytes, for the preview when no printer is set up."""

    actor: Actor
    dossier_code: str
    label: str = ""

    def run(self, work: Work) -> bytes:
        slip, paper = stored_dossier_slip(work.store, self.actor, self.dossier_code)
        buffer = io.BytesIO()
        render_slip(slip, paper).convert("L").save(buffer, format="PNG")
        return buffer.getvalue()
