"""Subcommands of the core: demo data, catalogue, settings, dossiers, search, work calendar."""

import argparse
import shlex
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from cli.arguments import day, local_time, whole_number, year
from cli.context import CommandContext
from cli.named_files import plain_file
from onestop import catalogue, demo, dossiers, settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.idcard import parse_card_date, parse_qr, parse_sex
from onestop.search import MAX_LIMIT, search
from onestop.workcalendar_store import declare_day, declared_days, load_calendar
from onestop.workdays import WORKING_DAYS, Duration, public_holidays
from sync.demo_province import PROVINCE_FOLDER

Subparsers = Any
MAX_DEMO_DOSSIERS = 10_000
MAX_SETS = 99
MAX_WORKING_DAYS = 3650


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("demo", parents=[common], help=_("tạo thư mục dữ liệu mẫu"))
    p.add_argument("--dossiers", type=whole_number(0, MAX_DEMO_DOSSIERS), default=24)
    p.add_argument("--open", action="store_true",
                   help=_("mở cửa sổ trên dữ liệu mẫu (tạo nếu thư mục còn trống)"))
    p.set_defaults(run=run_demo)

    cat = commands.add_parser("catalogue", parents=[common], help=_("danh mục thủ tục"))
    cat_sub = cat.add_subparsers(dest="action", required=True)
    p = cat_sub.add_parser("list", parents=[common])
    p.add_argument("--all", action="store_true", help=_("cả thủ tục hết hiệu lực"))
    p.set_defaults(run=run_catalogue_list)
    p = cat_sub.add_parser("import", parents=[common])
    p.add_argument("file", type=Path)
    p.set_defaults(run=run_catalogue_import)

    cfg = commands.add_parser("config", parents=[common], help=_("cài đặt"))
    cfg_sub = cfg.add_subparsers(dest="action", required=True)
    p = cfg_sub.add_parser("get", parents=[common])
    p.add_argument("key", nargs="?")
    p.set_defaults(run=run_config_get)
    p = cfg_sub.add_parser("set", parents=[common])
    p.add_argument("key")
    p.add_argument("value")
    p.set_defaults(run=run_config_set)

    dos = commands.add_parser("dossier", parents=[common], help=_("hồ sơ"))
    dos_sub = dos.add_subparsers(dest="action", required=True)
    p = dos_sub.add_parser("receive", parents=[common], help=_("tiếp nhận hồ sơ"))
    p.add_argument("--procedure", required=True)
    p.add_argument("--qr", help=_("nội dung mã QR trên thẻ căn cước"))
    p.add_argument("--id-number", default="")
    p.add_argument("--old-id-number", default="")
    p.add_argument("--name", default="")
    p.add_argument("--birth-date", help="dd/mm/yyyy")
    p.add_argument("--sex", help="Nam/Nữ")
    p.add_argument("--address", default="")
    p.add_argument("--phone", default="")
    p.add_argument("--email", default="")
    p.add_argument("--doc", action="append", metavar="CODE[:ORIGINALS[:COPIES]]",
                   help=_("giấy tờ đã nộp; bỏ trống = mọi giấy tờ bắt buộc"))
    p.add_argument("--sets", type=whole_number(1, MAX_SETS), default=1)
    p.add_argument("--channel", type=int, default=1, choices=(1, 2, 3))
    p.add_argument("--delivery", default="counter", choices=("counter", "post"))
    p.add_argument("--note", default="")
    p.add_argument("--received-at")
    p.add_argument("--outcome", default="received",
                   choices=("received", "supplement_requested", "refused"))
    p.add_argument("--reasons", default="")
    p.add_argument("--print", dest="printer", metavar="PRINTER",
                   help=_("in phiếu ra máy in này (URI) sau khi lưu"))
    p.set_defaults(run=run_receive)
    p = dos_sub.add_parser("show", parents=[common])
    p.add_argument("code")
    p.set_defaults(run=run_show)
    p = dos_sub.add_parser("transition", parents=[common])
    p.add_argument("code")
    p.add_argument("status")
    p.add_argument("--note", default="")
    p.set_defaults(run=run_transition)

    p = commands.add_parser("search", parents=[common], help=_("tìm hồ sơ"))
    p.add_argument("text")
    p.add_argument("--limit", type=whole_number(1, MAX_LIMIT), default=50,
                   help=_("số kết quả tối đa (1 đến {0})").format(MAX_LIMIT))
    p.set_defaults(run=run_search)

    cal = commands.add_parser("calendar", parents=[common], help=_("lịch làm việc"))
    cal_sub = cal.add_subparsers(dest="action", required=True)
    p = cal_sub.add_parser("due", parents=[common], help=_("tính ngày hẹn trả"))
    p.add_argument("--received-at", required=True)
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--procedure")
    group.add_argument("--working-days", type=whole_number(0, MAX_WORKING_DAYS))
    p.set_defaults(run=run_due)
    p = cal_sub.add_parser("show", parents=[common])
    p.add_argument("year", type=year)
    p.set_defaults(run=run_calendar_show)
    p = cal_sub.add_parser("declare", parents=[common], help=_("khai báo ngày nghỉ / làm bù"))
    p.add_argument("day", type=day)
    p.add_argument("kind", choices=("Nghi", "LamBu"))
    p.add_argument("--note", default="")
    p.set_defaults(run=run_declare)


@dataclass(frozen=True)
class DemoReady:
    users: int
    procedures: int
    dossiers: int
    data_dir: str
    slips: str
    province: str
    reopen: str


def run_demo(args: argparse.Namespace, context: CommandContext) -> object:
    if context.data_dir is None:
        raise DomainError(_("Cần --data-dir cho dữ liệu mẫu."))
    if catalogue.list_procedures(context.store, active_only=False):
        raise DomainError(_("Thư mục {0} đã có dữ liệu; hãy chọn thư mục trống.").format(
            context.data_dir))
    ready = demo_ready(demo.fill(context.store, context.data_dir, dossiers=args.dossiers),
                       context.data_dir)
    if args.json:
        return ready
    print(demo_guide(ready))
    return None


def demo_ready(filled: demo.DemoFilled, data_dir: Path) -> DemoReady:
    """What the demo holds and where, and how to open it again with its province."""
    folder = data_dir.resolve()
    return DemoReady(filled.users, filled.procedures, filled.dossiers, str(folder),
                     str(folder / demo.SLIPS_FOLDER), str(folder / PROVINCE_FOLDER),
                     shlex.join(["onestop", "demo", "--open", "--data-dir", str(folder)]))


def demo_guide(ready: DemoReady) -> str:
    return "\n".join((
        _("Đã tạo dữ liệu mẫu trong {data_dir}: {procedures} thủ tục, {dossiers} hồ sơ đã nhận "
          "trong những ngày qua, {users} tài khoản ({accounts}; mật khẩu {password}).").format(
              data_dir=ready.data_dir, procedures=ready.procedures, dossiers=ready.dossiers,
              users=ready.users, accounts=", ".join(user[0] for user in demo.DEMO_USERS),
              password=demo.DEMO_PASSWORD),
        _("Phiếu in ra thành ảnh PNG trong {slips}.").format(slips=ready.slips),
        _("Máy quét mẫu đưa vào các trang quét có sẵn, không cần máy quét thật."),
        _("Hệ thống tỉnh mẫu lưu trong {province} và chạy cùng cửa sổ khi mở lại bằng:").format(
            province=ready.province),
        f"  {ready.reopen}",
    ))


def run_catalogue_list(args: argparse.Namespace, context: CommandContext) -> object:
    return catalogue.list_procedures(context.store, active_only=not args.all)


@dataclass(frozen=True)
class Imported:
    procedures: int


def run_catalogue_import(args: argparse.Namespace, context: CommandContext) -> object:
    return Imported(catalogue.import_file(context.store, context.actor, plain_file(args.file)))


def run_config_get(args: argparse.Namespace, context: CommandContext) -> object:
    if args.key is None:
        return settings.read_all(context.store)
    return {args.key: settings.get(context.store, args.key)}


def run_config_set(args: argparse.Namespace, context: CommandContext) -> object:
    value = settings.parse(args.key, args.value)
    settings.put(context.store, context.actor, {args.key: value})
    return {args.key: value}


def handed_in(specs: list[str] | None) -> tuple[dossiers.HandedIn, ...] | None:
    if not specs:
        return None
    items = []
    for spec in specs:
        parts = spec.split(":")
        try:
            originals = int(parts[1]) if len(parts) > 1 else 1
            copies = int(parts[2]) if len(parts) > 2 else 0
        except ValueError:
            raise DomainError(_("--doc “{0}”: cần dạng MÃ:SỐ_BẢN_CHÍNH:SỐ_BẢN_SAO.").format(
                spec)) from None
        items.append(dossiers.HandedIn(parts[0], originals, copies))
    return tuple(items)


def _applicant(args: argparse.Namespace) -> dossiers.ApplicantInput:
    if args.qr:
        card = parse_qr(args.qr)
        return dossiers.ApplicantInput(card.full_name, card.id_number, card.old_id_number,
                                       card.birth_date, card.sex, card.address, args.phone,
                                       args.email, card.issued_on)
    if not args.name:
        raise DomainError(_("Cần --qr hoặc --name (kèm --id-number) của người nộp."))
    birth = parse_card_date(args.birth_date.replace("/", ""), _("Ngày sinh")) \
        if args.birth_date else None
    return dossiers.ApplicantInput(args.name, args.id_number, args.old_id_number, birth,
                                   parse_sex(args.sex) if args.sex else None, args.address,
                                   args.phone, args.email)


def run_receive(args: argparse.Namespace, context: CommandContext) -> object:
    from cli.printing_commands import chosen_printer, print_receipt

    printer = chosen_printer(context, args.printer) if args.printer else None
    intake = dossiers.Intake(
        procedure_code=args.procedure, applicant=_applicant(args),
        documents=handed_in(args.doc), sets=args.sets, channel=args.channel,
        result_delivery=args.delivery, note=args.note,
        typed_received_at=local_time(args.received_at) if args.received_at else None,
        outcome=args.outcome, reasons=args.reasons)
    received = dossiers.receive(context.store, context.actor, intake)
    if printer:
        return {"dossier": received, "print": print_receipt(context, received.code, printer)}
    return received


def run_show(args: argparse.Namespace, context: CommandContext) -> object:
    return dossiers.show(context.store, context.actor, args.code)


def run_transition(args: argparse.Namespace, context: CommandContext) -> object:
    return dossiers.transition(context.store, context.actor, args.code, args.status, args.note)


def run_search(args: argparse.Namespace, context: CommandContext) -> object:
    return search(context.store, context.actor, args.text, args.limit)


def run_due(args: argparse.Namespace, context: CommandContext) -> object:
    received_at = local_time(args.received_at)
    calendar = load_calendar(context.store)
    if args.procedure:
        duration = catalogue.get_procedure(context.store, args.procedure).duration
    else:
        duration = Duration(WORKING_DAYS, args.working_days)
    appointment = calendar.appointment(received_at, duration)
    return {
        "received_at": received_at,
        "counting_from": appointment.counting_from,
        "due_at": appointment.due_at,
        "duration": duration,
    }


def run_calendar_show(args: argparse.Namespace, context: CommandContext) -> object:
    calendar = load_calendar(context.store)
    declared = declared_days(context.store, args.year)
    working = list(calendar.working_days_in(args.year))
    first = date(args.year, 1, 1)
    weekends_worked = [d for d in working if d.weekday() >= 5]
    return {
        "year": args.year,
        "working_days": len(working),
        "public_holidays": sorted(public_holidays(args.year)),
        "declared": [{"day": d, "kind": k, "note": n} for d, k, n in declared],
        "weekend_working_days": weekends_worked,
        "days": (date(args.year + 1, 1, 1) - first) // timedelta(days=1),
    }


def run_declare(args: argparse.Namespace, context: CommandContext) -> object:
    declare_day(context.store, context.actor, args.day, args.kind, args.note)
    return {"day": args.day, "kind": args.kind}
