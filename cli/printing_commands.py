"""Subcommands for paper: the trial slip, slips of dossiers through the print queue, reports."""

import argparse
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from cli.context import CommandContext
from onestop import print_jobs, reports, settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import require
from onestop.workdays import LOCAL_ZONE
from printing.pdf.daily_report import daily_report_pdf
from printing.pdf.period_report import period_report_pdf
from printing.print_queue_worker import JobOutcome, send_print_job
from printing.printer_errors import PrinterProblem
from printing.printer_profile import printer_profile
from printing.printer_status import describe_status
from printing.slip_layout import paper_for_mm
from printing.trial_slip import print_trial_slip

Subparsers = Any


class SlipNotPrinted(Exception):
    """The slip did not reach the paper; its job waits. The command ends with the failure code."""


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
    p.add_argument("job", type=int)
    p.set_defaults(run=run_printer_retry)

    rep = commands.add_parser("report", parents=[common], help=_("báo cáo"))
    rep_sub = rep.add_subparsers(dest="action", required=True)
    p = rep_sub.add_parser("daily", parents=[common], help=_("báo cáo trong ngày (PDF)"))
    p.add_argument("--date", type=_day, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    p.set_defaults(run=run_report_daily)
    p = rep_sub.add_parser("period", parents=[common], help=_("báo cáo theo kỳ, mẫu Biểu 06 (PDF)"))
    p.add_argument("--from", dest="first", type=_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", type=_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    p.set_defaults(run=run_report_period)

    p = _subcommands(commands, "dossier").add_parser("print", parents=[common],
                                                      help=_("in lại phiếu của hồ sơ"))
    p.add_argument("code")
    p.add_argument("--printer", metavar="URI", help=_("máy in (mặc định: máy in đã cài)"))
    p.add_argument("--copies", type=int, help=_("số liên (mặc định: theo cài đặt)"))
    p.set_defaults(run=run_dossier_print)


def _subcommands(commands: Subparsers, name: str) -> Any:
    """The subcommands of a command another module registered (argparse keeps them unexposed)."""
    parser = commands.choices[name]
    return next(action for action in parser._actions
                if isinstance(action, argparse._SubParsersAction))


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("ngày “{0}” không đúng dạng YYYY-MM-DD").format(
            text)) from None


def _office(context: CommandContext) -> dict[str, Any]:
    with context.store.read() as session:
        return settings.all_values(session)


def _printer(given: str | None, office: dict[str, Any]) -> str:
    printer = given or str(office["printer.uri"])
    if not printer:
        raise DomainError(_("Chưa cài máy in phiếu: dùng --printer URI hoặc "
                            "onestop config set printer.uri URI."))
    return printer


def run_printer_test(args: argparse.Namespace, context: CommandContext) -> object:
    require(context.actor, "settings.devices")
    office = _office(context)
    printer = _printer(args.printer, office)
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
                             _printer(args.printer, office), copies)
    return _sent_or_raise(send_print_job(context.store, context.actor, job.id))


def print_receipt(context: CommandContext, code: str, printer_uri: str) -> object:
    """The slip of a dossier just received; the dossier is stored whatever the printer does."""
    copies = int(_office(context)["printer.copies"])
    job = print_jobs.queue_intake_slip(context.store, context.actor, code, printer_uri, copies)
    return _sent_or_raise(send_print_job(context.store, context.actor, job.id),
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
