"""Subcommands for paper: the trial slip, slips of dossiers through the print queue, reports."""

import argparse
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cli.arguments import day, subcommands_of, whole_number
from cli.context import CommandContext
from onestop import print_jobs, reports, settings
from onestop.errors import DomainError, ErrorKind, NotAllowed
from onestop.i18n import _
from onestop.print_jobs import SlipOrder
from onestop.roles import require
from onestop.workdays import LOCAL_ZONE
from printing.pdf.daily_report import daily_report_pdf
from printing.pdf.period_report import period_report_pdf
from printing.print_queue_worker import JobOutcome, send_print_job
from printing.printer_errors import PrinterProblem
from printing.printer_profile import printer_profile
from printing.printer_status import describe_status
from printing.printer_uri import parse_printer_uri
from printing.slip_layout import paper_for_mm
from printing.trial_slip import print_trial_slip

Subparsers = Any
MAX_ID = 2**62
MAX_COPIES = 9


class SlipNotPrinted(DomainError):
    """The slip did not reach the paper; its job waits."""

    default_kind = ErrorKind.DEVICE


@dataclass(frozen=True)
class TrialPrint:
    printer: str
    sent: bool
    message: str
    online: bool | None
    paper: str | None
    state: str


@dataclass(frozen=True)
class ReportWritten:
    out: Path
    bytes: int


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    prn = commands.add_parser("printer", parents=[common], help=_("máy in phiếu"))
    prn_sub = prn.add_subparsers(dest="action", required=True)
    p = prn_sub.add_parser("test", parents=[common], help=_("in thử một phiếu"))
    p.add_argument("--printer", metavar="URI", help=_("máy in (mặc định: máy in đã cài)"))
    p.add_argument("--paper", type=int, choices=(58, 80), help=_("khổ giấy (mm)"))
    p.set_defaults(run=run_printer_test)
    p = prn_sub.add_parser("jobs", parents=[common], help=_("phiếu chưa in được, đang chờ"))
    p.set_defaults(run=run_printer_jobs)
    p = prn_sub.add_parser("retry", parents=[common], help=_("gửi lại một lệnh in chưa in được"))
    p.add_argument("job", type=whole_number(1, MAX_ID))
    p.set_defaults(run=run_printer_retry)

    rep = commands.add_parser("report", parents=[common], help=_("báo cáo"))
    rep_sub = rep.add_subparsers(dest="action", required=True)
    p = rep_sub.add_parser("daily", parents=[common], help=_("báo cáo trong ngày (PDF)"))
    p.add_argument("--date", type=day, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    p.set_defaults(run=run_report_daily)
    p = rep_sub.add_parser("period", parents=[common], help=_("báo cáo theo kỳ, mẫu Biểu 06 (PDF)"))
    p.add_argument("--from", dest="first", type=day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", type=day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    p.set_defaults(run=run_report_period)

    p = subcommands_of(commands, "dossier").add_parser("print", parents=[common],
                                                      help=_("in lại phiếu của hồ sơ"))
    p.add_argument("code")
    p.add_argument("--printer", metavar="URI", help=_("máy in (mặc định: máy in đã cài)"))
    p.add_argument("--copies", type=whole_number(1, MAX_COPIES), help=_("số liên (mặc định: theo cài đặt)"))
    p.set_defaults(run=run_dossier_print)


def _office(context: CommandContext) -> dict[str, Any]:
    return settings.read_all(context.store)


def _printer(context: CommandContext, given: str | None, office: dict[str, Any]) -> str:
    """The printer set up, or the one named on the command line: a printer address reaches
    files and devices, so naming another is for accounts that may set printers up."""
    set_up = str(office["printer.uri"])
    printer = given or set_up
    if not printer:
        raise DomainError(_("Chưa cài máy in phiếu: dùng --printer URI hoặc "
                            "onestop config set printer.uri URI."))
    if printer != set_up and not context.actor.may("settings.devices") \
            and not _same_printer(printer, set_up):
        raise NotAllowed(_("Tài khoản “{0}” chỉ được in ra máy in đã cài ({1}); in ra máy in khác "
                           "cần quyền cài đặt thiết bị.").format(context.actor.username,
                                                                 set_up or _("chưa cài")))
    return printer


def _same_printer(given: str, set_up: str) -> bool:
    try:
        return bool(set_up) and parse_printer_uri(given) == parse_printer_uri(set_up)
    except DomainError:
        return False


def chosen_printer(context: CommandContext, given: str) -> str:
    """The printer named by `dossier receive --print`, checked before anything is received."""
    return _printer(context, given, _office(context))


def run_printer_test(args: argparse.Namespace, context: CommandContext) -> object:
    """An officer tries the printer set up (paper, cutter); a technician tries any address."""
    if not context.actor.may("settings.devices"):
        require(context.actor, "dossier.print")
    office = _office(context)
    printer = _printer(context, args.printer, office)
    paper = paper_for_mm(args.paper or int(office["printer.paper_width"]))
    outcome = print_trial_slip(printer, width_dots=paper, agency=str(office["agency.name"]),
                               at=datetime.now(UTC),
                               profile=printer_profile(str(office["printer.profile"])))
    if outcome.problem is PrinterProblem.BAD_ADDRESS:
        raise DomainError(outcome.message)
    if not outcome.sent:
        known = f" {describe_status(outcome.status)}" if outcome.status.known else ""
        raise SlipNotPrinted(outcome.message + known)
    status = outcome.status
    return TrialPrint(printer, outcome.sent, outcome.message, status.online,
                      status.paper.value if status.paper else None, describe_status(status))


def run_printer_jobs(args: argparse.Namespace, context: CommandContext) -> object:
    return print_jobs.waiting(context.store, context.actor)


def run_printer_retry(args: argparse.Namespace, context: CommandContext) -> object:
    return _sent_or_raise(send_print_job(context.store, context.actor, args.job))


def run_dossier_print(args: argparse.Namespace, context: CommandContext) -> object:
    office = _office(context)
    copies = args.copies or int(office["printer.copies"])
    job = print_jobs.reprint(context.store, context.actor, args.code,
                             _printer(context, args.printer, office), copies)
    return _sent_or_raise(send_print_job(context.store, context.actor, job.id))


def print_receipt(context: CommandContext, code: str, printer_uri: str) -> object:
    """The slip of a dossier just received; the dossier is stored whatever the printer does."""
    copies = int(_office(context)["printer.copies"])
    job = print_jobs.queue_intake_slip(context.store, context.actor, code, printer_uri, copies)
    return _sent_or_raise(send_print_job(context.store, context.actor, job.id),
                          _("Hồ sơ {code} đã được lưu.").format(code=code))


def slip_order(context: CommandContext, given: str) -> SlipOrder:
    """The printer named by `--print` (checked before anything is stored) and the office's copies."""
    office = _office(context)
    return SlipOrder(_printer(context, given, office), int(office["printer.copies"]))


def send_queued_slip(context: CommandContext, code: str, job_id: int) -> object:
    """The slip whose job a change queued with it, sent now that the change is stored."""
    return _sent_or_raise(send_print_job(context.store, context.actor, job_id),
                          _("Hồ sơ {code} đã được lưu.").format(code=code))


def _sent_or_raise(done: JobOutcome, before: str = "") -> JobOutcome:
    if not done.sent:
        waits = _(
            "Phiếu của hồ sơ {code} chưa in được: {reason} Lệnh in số {job} đang chờ: in lại "
            "bằng “onestop printer retry {job}” hoặc “onestop dossier print {code}”."
        ).format(code=done.job.dossier_code, reason=done.message, job=done.job.id)
        raise SlipNotPrinted(f"{before} {waits}".strip())
    return done


def run_report_daily(args: argparse.Namespace, context: CommandContext) -> object:
    day = args.date or datetime.now(LOCAL_ZONE).date()
    return _written(args.out, daily_report_pdf(reports.daily(context.store, context.actor, day)))


def run_report_period(args: argparse.Namespace, context: CommandContext) -> object:
    if args.last < args.first:
        raise DomainError(_("Ngày cuối kỳ phải từ ngày đầu kỳ trở đi."))
    report = reports.period(context.store, context.actor, args.first, args.last)
    return _written(args.out, period_report_pdf(report))


def _written(out: Path, pdf: bytes) -> ReportWritten:
    try:
        out.write_bytes(pdf)
    except OSError as error:
        raise DomainError(_("Không ghi được tệp {0}: {1}").format(out, error.strerror)) from None
    return ReportWritten(out, len(pdf))
