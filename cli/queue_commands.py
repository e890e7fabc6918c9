"""`onestop queue`: take a ticket, call at a counter, read the call display's board.

Taking a ticket and reading the board need no account (the kiosk and the display hold no
citizen's data); calling acts for the officer."""

import argparse
from typing import Any

from cli.context import CommandContext
from onestop import queue
from onestop.i18n import _
from onestop.queue_board import Board, board

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
    p = sub.add_parser("board", parents=[common], help=_("nội dung màn hình gọi số"))
    p.set_defaults(run=run_board)


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


def run_board(args: argparse.Namespace, context: CommandContext) -> Board:
    return board(context.store)
