"""`onestop queue`: take a ticket, call at a counter, read the call display's board.

Taking a ticket and reading the board need no account (the kiosk and the display hold no
citizen's data); calling acts for the officer."""

import argparse
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from cli.context import CommandContext
from onestop import queue, settings
from onestop.i18n import _
from onestop.queue_board import Board, board
from onestop.queue_figures import QueueFigures, queue_figures
from onestop.queue_office import (
    CounterRecord,
    FieldRecord,
    define_field,
    list_counters,
    list_fields,
    set_counter,
)
from onestop.service_index import STALLED_DAYS, ServiceIndex, periods, service_index
from onestop.workdays import LOCAL_ZONE
from printing.pdf.queue_report import queue_report_pdf

Subparsers = Any


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    q = commands.add_parser("queue", parents=[common], help=_("số thứ tự và gọi số"))
    sub = q.add_subparsers(dest="action", required=True)
    p = sub.add_parser("take", parents=[common], help=_("lấy số thứ tự cho một lĩnh vực"))
    p.add_argument("field", metavar="FIELD_CODE")
    p.set_defaults(run=run_take)
    p = sub.add_parser("call", parents=[common], help=_("gọi số tiếp theo tại quầy"))
    p.add_argument("--counter", required=True)
    p.set_defaults(run=run_call)
    p = sub.add_parser("again", parents=[common], help=_("gọi lại số đang phục vụ"))
    p.add_argument("--counter", required=True)
    p.set_defaults(run=run_again)
    p = sub.add_parser("skip", parents=[common], help=_("công dân được gọi không có mặt"))
    p.add_argument("--counter", required=True)
    p.set_defaults(run=run_skip)
    p = sub.add_parser("send", parents=[common], help=_("chuyển công dân sang quầy khác"))
    p.add_argument("--counter", required=True)
    p.add_argument("--to", required=True)
    p.set_defaults(run=run_send)
    p = sub.add_parser("finish", parents=[common], help=_("kết thúc lượt phục vụ"))
    p.add_argument("--counter", required=True)
    p.add_argument("--dossier", help=_("mã hồ sơ đã tiếp nhận cho lượt này"))
    p.set_defaults(run=run_finish)
    p = sub.add_parser("field", parents=[common], help=_("khai báo một lĩnh vực ở máy lấy số"))
    p.add_argument("code")
    p.add_argument("name")
    p.add_argument("--prefix", default="", help=_("chữ đứng trước số thứ tự, vd. A"))
    p.add_argument("--position", type=int, default=0, help=_("thứ tự nút trên máy lấy số"))
    p.set_defaults(run=run_field)
    p = sub.add_parser("counter", parents=[common], help=_("khai báo quầy gọi số và các lĩnh vực"))
    p.add_argument("code")
    p.add_argument("--number", type=int, required=True, help=_("số quầy đọc khi gọi"))
    p.add_argument("--fields", required=True, help=_("mã các lĩnh vực, cách nhau bằng dấu phẩy"))
    p.add_argument("--name", default="")
    p.set_defaults(run=run_counter)
    p = sub.add_parser("setup", parents=[common], help=_("các lĩnh vực và quầy gọi số"))
    p.set_defaults(run=run_setup)
    p = sub.add_parser("board", parents=[common], help=_("nội dung màn hình gọi số"))
    p.set_defaults(run=run_board)
    p = sub.add_parser("figures", parents=[common],
                       help=_("thời gian chờ, phục vụ và đánh giá trong một khoảng ngày"))
    p.add_argument("--from", dest="start", type=date.fromisoformat, required=True)
    p.add_argument("--to", dest="end", type=date.fromisoformat, required=True)
    p.set_defaults(run=run_figures)
    p = sub.add_parser("index", parents=[common],
                       help=_("số liệu của xã cho Bộ chỉ số phục vụ: hôm nay, tháng này, năm nay"))
    p.add_argument("--stalled-days", type=int, default=STALLED_DAYS,
                   help=_("số ngày làm việc không xử lý để tính hồ sơ bị ngưng"))
    p.set_defaults(run=run_index)
    p = sub.add_parser("report", parents=[common],
                       help=_("báo cáo phục vụ và Bộ chỉ số phục vụ ra tệp PDF"))
    p.add_argument("--from", dest="start", type=date.fromisoformat, required=True)
    p.add_argument("--to", dest="end", type=date.fromisoformat, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--stalled-days", type=int, default=STALLED_DAYS)
    p.set_defaults(run=run_report)


def run_take(args: argparse.Namespace, context: CommandContext) -> queue.TicketRecord:
    return queue.take(context.store, args.field)


def run_call(args: argparse.Namespace, context: CommandContext) -> queue.TicketRecord:
    return queue.call_next(context.store, context.actor, args.counter)


def run_again(args: argparse.Namespace, context: CommandContext) -> queue.TicketRecord:
    return queue.call_again(context.store, context.actor, args.counter)


def run_skip(args: argparse.Namespace, context: CommandContext) -> queue.TicketRecord:
    return queue.skip(context.store, context.actor, args.counter)


def run_send(args: argparse.Namespace, context: CommandContext) -> queue.TicketRecord:
    return queue.send(context.store, context.actor, args.counter, args.to)


def run_finish(args: argparse.Namespace, context: CommandContext) -> queue.TicketRecord:
    return queue.finish(context.store, context.actor, args.counter, args.dossier)


def run_field(args: argparse.Namespace, context: CommandContext) -> FieldRecord:
    return define_field(context.store, context.actor, args.code, args.name, args.prefix,
                        args.position)


def run_counter(args: argparse.Namespace, context: CommandContext) -> CounterRecord:
    return set_counter(context.store, context.actor, args.code, args.name, args.number,
                       args.fields.split(","))


def run_setup(args: argparse.Namespace, context: CommandContext) -> dict[str, list[Any]]:
    return {"fields": list_fields(context.store), "counters": list_counters(context.store)}


def run_board(args: argparse.Namespace, context: CommandContext) -> Board:
    return board(context.store)


def run_figures(args: argparse.Namespace, context: CommandContext) -> QueueFigures:
    return queue_figures(context.store, context.actor, args.start, args.end)


def run_index(args: argparse.Namespace, context: CommandContext) -> dict[str, ServiceIndex]:
    today = datetime.now(LOCAL_ZONE).date()
    return {name: service_index(context.store, context.actor, start, end, args.stalled_days)
            for name, (start, end) in periods(today).items()}


def run_report(args: argparse.Namespace, context: CommandContext) -> dict[str, str]:
    figures = queue_figures(context.store, context.actor, args.start, args.end)
    index = {name: service_index(context.store, context.actor, start, end, args.stalled_days)
             for name, (start, end) in periods(args.end).items()}
    agency = str(settings.read_all(context.store)["agency.name"])
    args.out.write_bytes(queue_report_pdf(agency, figures, index, datetime.now(UTC),
                                          context.actor.full_name))
    return {"out": str(args.out)}
