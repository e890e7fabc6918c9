"""Subcommands of the background reading (OCR) of digitised copies: work through what waits,
then exit; how much waits. Ctrl-C pauses: the copies being read are finished, nothing new is
taken, and the next run goes on from there."""

import argparse
import signal
import sys
import threading
from dataclasses import dataclass
from typing import Any

from cli.context import CommandContext
from onestop import digitised
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import require
from onestop.store.engine import Store
from scanning.copy_reading import read_claimed

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
    p.add_argument("--workers", type=int, default=1, help=_("số bản đọc cùng lúc (một lõi mỗi bản)"))
    p.set_defaults(run=run_ocr)
    p = actions.add_parser("status", parents=[common], help=_("số bản đang chờ, đã đọc, lỗi"))
    p.set_defaults(run=run_ocr_status)


class _Reader:
    """One of the run's readers: claims copies one by one until none waits or the run stops."""

    def __init__(self, store: Store, limit: int) -> None:
        self.store = store
        self.limit = limit
        self.read = self.failed = 0
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._tried: set[int] = set()

    def _claim(self) -> digitised.CopyToRead | None:
        with self._lock:
            if self.stopping.is_set() or (self.limit and len(self._tried) >= self.limit):
                return None
            claim = digitised.claim_for_reading(self.store, frozenset(self._tried))
            if claim is not None:
                self._tried.add(claim.copy_id)
            return claim

    def work(self) -> None:
        while (claim := self._claim()) is not None:
            failure = read_claimed(self.store, claim)
            if failure is not None and self.stopping.is_set():
                digitised.release_claim(self.store, claim)
                return
            if failure is not None:
                digitised.fail_reading(self.store, claim, failure)
            with self._lock:
                self.read += failure is None
                self.failed += failure is not None
                read, failed = self.read, self.failed
            print(_("Đã đọc {0}, lỗi {1}").format(read, failed), file=sys.stderr, flush=True)


def run_ocr(args: argparse.Namespace, context: CommandContext) -> object:
    require(context.actor, "dossier.attach")
    if args.workers < 1:
        raise DomainError(_("--workers phải từ 1 trở lên."))
    reader = _Reader(context.store, args.limit)
    threads = [threading.Thread(target=reader.work) for _n in range(args.workers)]
    # Ctrl-C pauses: the pages in hand finish, nothing new is taken
    before = signal.signal(signal.SIGINT, lambda _signal, _frame: reader.stopping.set())
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        signal.signal(signal.SIGINT, before)
    paused = reader.stopping.is_set()
    return ReadingRun(reader.read, reader.failed, paused, digitised.reading_progress(context.store))


def run_ocr_status(args: argparse.Namespace, context: CommandContext) -> object:
    require(context.actor, "dossier.read")
    return digitised.reading_progress(context.store)
