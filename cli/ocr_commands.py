"""Subcommands of the background reading (OCR) of digitised copies: work through what waits,
then exit; how much waits. Ctrl-C pauses: the copy being read waits again for the next run."""

import argparse
from dataclasses import dataclass
from typing import Any

from cli.context import CommandContext
from onestop import digitised
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import require
from scanning.copy_reading import read_copy

Subparsers = Any


@dataclass(frozen=True)
class ReadingRun:
    read: int
    failed: int
    paused: bool
    progress: digitised.ReadingProgress


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    ocr = commands.add_parser("ocr", parents=[common], help=_("nhận dạng chữ trên bản số hóa"))
    actions = ocr.add_subparsers(dest="action", required=True)
    p = actions.add_parser("run", parents=[common], help=_("đọc các bản số hóa đang chờ rồi thoát"))
    p.add_argument("--limit", type=int, default=0, help=_("số bản tối đa (0 = tất cả)"))
    p.set_defaults(run=run_ocr)
    p = actions.add_parser("status", parents=[common], help=_("số bản đang chờ, đã đọc, lỗi"))
    p.set_defaults(run=run_ocr_status)


def _read_one(context: CommandContext, claim: digitised.CopyToRead) -> bool:
    try:
        result = read_copy(claim.path.read_bytes())
    except (DomainError, OSError) as error:
        digitised.fail_reading(context.store, claim, str(error))
        return False
    digitised.finish_reading(context.store, claim, result.text, result.data)
    return True


def run_ocr(args: argparse.Namespace, context: CommandContext) -> object:
    require(context.actor, "dossier.attach")
    read = failed = 0
    paused = False
    tried: set[int] = set()
    while not args.limit or read + failed < args.limit:
        claim = digitised.claim_for_reading(context.store, frozenset(tried))
        if claim is None:
            break
        tried.add(claim.copy_id)
        try:
            if _read_one(context, claim):
                read += 1
            else:
                failed += 1
        except KeyboardInterrupt:
            digitised.release_claim(context.store, claim)
            paused = True
            break
    return ReadingRun(read, failed, paused, digitised.reading_progress(context.store))


def run_ocr_status(args: argparse.Namespace, context: CommandContext) -> object:
    require(context.actor, "dossier.read")
    return digitised.reading_progress(context.store)
