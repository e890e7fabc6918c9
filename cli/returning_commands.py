"""Subcommands of a dossier after it was received: correct it (the corrected receipt printed again)
and hand its result over, listing first the results ready."""

import argparse
from typing import Any

from cli.arguments import subcommands_of, whole_number
from cli.context import CommandContext
from cli.core_commands import handed_in
from onestop.correction import Correction, correct_dossier
from onestop.i18n import _
from onestop.returning import Collector, Handover, results_ready, return_result

Subparsers = Any
HIGHEST_FEE = 1_000_000_000


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    dossier = subcommands_of(commands, "dossier")
    p = dossier.add_parser("correct", parents=[common],
                           help=_("đính chính hồ sơ đã tiếp nhận, có lý do; in lại phiếu đã đính chính"))
    p.add_argument("code")
    p.add_argument("--reason", required=True, help=_("lý do đính chính (bắt buộc)"))
    for option in ("--name", "--id-number", "--address", "--phone", "--email"):
        p.add_argument(option, help=_("giá trị đúng; bỏ trống = giữ nguyên"))
    p.add_argument("--procedure", help=_("thủ tục đúng, chỉ khi hồ sơ mới tiếp nhận"))
    p.add_argument("--doc", action="append", metavar="CODE[:ORIGINALS[:COPIES]]",
                   help=_("giấy tờ đã nộp, đủ cả danh sách; bỏ trống = giữ nguyên"))
    p.add_argument("--print", dest="printer", metavar="PRINTER",
                   help=_("in lại phiếu ra máy in này (URI) sau khi lưu"))
    p.set_defaults(run=run_correct)
    p = dossier.add_parser("ready", parents=[common], help=_("hồ sơ đã có kết quả, chờ trả"))
    p.add_argument("text", nargs="?", default="", help=_("tìm theo mã, tên, số định danh, điện thoại"))
    p.set_defaults(run=run_ready)
    p = dossier.add_parser("return", parents=[common],
                           help=_("trả kết quả: người nhận, phí và lệ phí đã thu"))
    p.add_argument("code")
    p.add_argument("--collector-name", default="",
                   help=_("người được uỷ quyền nhận thay; bỏ trống = người nộp hồ sơ tự nhận"))
    p.add_argument("--collector-id", default="", help=_("số định danh của người nhận thay"))
    p.add_argument("--relation", default="", help=_("quan hệ với người nộp hồ sơ"))
    p.add_argument("--fees", type=whole_number(0, HIGHEST_FEE),
                   help=_("phí, lệ phí đã thu (đồng); bỏ trống = theo danh mục"))
    p.add_argument("--print", dest="printer", metavar="PRINTER",
                   help=_("in phiếu trả kết quả ra máy in này (URI) sau khi lưu"))
    p.set_defaults(run=run_return)


def run_correct(args: argparse.Namespace, context: CommandContext) -> object:
    from cli.printing_commands import send_queued_slip, slip_order

    order = slip_order(context, args.printer) if args.printer else None
    correction = Correction(name=args.name, id_number=args.id_number, address=args.address,
                            phone=args.phone, email=args.email, procedure_code=args.procedure,
                            handed_in=handed_in(args.doc))
    corrected = correct_dossier(context.store, context.actor, args.code, correction, args.reason,
                                order)
    if corrected.print_job_id is not None:
        return {"dossier": corrected,
                "print": send_queued_slip(context, corrected.code, corrected.print_job_id)}
    return corrected


def run_ready(args: argparse.Namespace, context: CommandContext) -> object:
    return results_ready(context.store, context.actor, args.text)


def run_return(args: argparse.Namespace, context: CommandContext) -> object:
    from cli.printing_commands import send_queued_slip, slip_order

    order = slip_order(context, args.printer) if args.printer else None
    handover = Handover(Collector(args.collector_name, args.collector_id, args.relation), args.fees)
    returned = return_result(context.store, context.actor, args.code, handover,
                             order)
    if returned.print_job_id is not None:
        return {"dossier": returned,
                "print": send_queued_slip(context, returned.code, returned.print_job_id)}
    return returned
