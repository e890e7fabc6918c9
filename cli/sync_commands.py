"""Subcommands of the province link: sync once or as a service, the queue, retry, reconcile, the
province password (kept out of the settings), and the simulated province."""

import argparse
import json
import logging
import math
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from cli.context import CommandContext, to_plain
from cli.output import print_text
from onestop import outbox, settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import require
from onestop.store.engine import Store
from sync import provincial_server
from sync.link_state import told
from sync.province_link import open_client
from sync.province_password import FILE, find_password, password_file, save_password
from sync.reconcile import check_days
from sync.report import SyncReport
from sync.run import keep_syncing, run_once

Subparsers = Any
Run = Callable[[argparse.Namespace, CommandContext], object]

PASSWORD_KEY = "province.password"
# The service's pause between runs, in seconds: from a test's quick loop up to one run a day.
SHORTEST_INTERVAL, LONGEST_INTERVAL = 0.01, 86400.0


class SyncStopped(Exception):
    """A run that stopped before the end; the message says why, in one line."""


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    sync = commands.add_parser("sync", parents=[common], help=_("đồng bộ với hệ thống tỉnh"))
    sync.add_argument("--once", action="store_true", help=_("gửi, nhận một lượt rồi thoát"))
    sync.add_argument("--interval", default="60",
                      help=_("số giây giữa hai lượt khi chạy liên tục"))
    sync.set_defaults(run=run_sync)
    actions = sync.add_subparsers(dest="action")
    p = actions.add_parser("status", parents=[common], help=_("hàng chờ gửi lên tỉnh"))
    p.add_argument("--limit", type=int, default=50, help=_("số mục tối đa mỗi danh sách"))
    p.set_defaults(run=run_status)
    p = actions.add_parser("retry", parents=[common],
                           help=_("gửi lại ngay các mục lỗi, xung đột và đang chờ"))
    p.set_defaults(run=run_retry)
    p = actions.add_parser("reconcile", parents=[common],
                           help=_("đối soát với tỉnh các hồ sơ nhận trong khoảng ngày"))
    p.add_argument("--from", dest="first", type=date.fromisoformat, required=True,
                   metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", type=date.fromisoformat, required=True,
                   metavar="YYYY-MM-DD")
    p.set_defaults(run=run_reconcile)

    # Its options go to the simulator untouched (it has its own --data-dir and --json).
    p = commands.add_parser("provincial-sim", prefix_chars="+", add_help=False,
                            help=_("chạy máy chủ tỉnh mô phỏng"))
    p.add_argument("arguments", nargs=argparse.REMAINDER)
    p.set_defaults(run=run_provincial_sim)

    # The province password is no setting: `config set|get province.password` come here, every
    # other key goes on to the core's own handler.
    config = commands.choices["config"]
    for name, run in (("set", run_config_set), ("get", run_config_get)):
        parser = _subcommand(config, name)
        parser.set_defaults(run=partial(run, parser.get_default("run")))


def _subcommand(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    """A subcommand that another module registered (argparse has no public way to reach it)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[name]
            return found
    raise LookupError(name)


# --- syncing ----------------------------------------------------------------------------------


def run_sync(args: argparse.Namespace, context: CommandContext) -> object:
    if args.once:
        return _run_once(args, context, None)
    interval = _interval(args.interval)
    require(context.actor, "sync.run")
    store = context.store
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # Ctrl+C is how a person or a service manager stops it: not a failure.
    with _sync_log(handler), suppress(KeyboardInterrupt):
        keep_syncing(store, partial(open_client, store), threading.Event(),
                     interval=interval, on_report=partial(_tell, args.json))
    return None


def _interval(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and SHORTEST_INTERVAL <= seconds <= LONGEST_INTERVAL):
        raise DomainError(_("--interval phải là số giây từ {shortest} đến {longest}").format(
            shortest=SHORTEST_INTERVAL, longest=int(LONGEST_INTERVAL)), field="interval")
    return seconds


def run_reconcile(args: argparse.Namespace, context: CommandContext) -> object:
    return _run_once(args, context, check_days(args.first, args.last))


def _run_once(args: argparse.Namespace, context: CommandContext,
              reconcile: tuple[date, date] | None) -> SyncReport:
    require(context.actor, "sync.run")
    store = context.store
    # The reason goes out as one line; the wire detail would be a second one.
    with open_client(store) as client, _sync_log(logging.NullHandler()):
        report = run_once(store, client, reconcile=reconcile)
    if report.troubled:
        if args.json:
            print(json.dumps(to_plain(report), ensure_ascii=False, indent=2))
        else:
            print_text(report)
        raise SyncStopped(report.error or _(
            "bị từ chối {failed}, xung đột {conflicts}, thay đổi từ tỉnh để riêng {set_aside}; "
            "xem onestop sync status").format(failed=report.failed, conflicts=report.conflicts,
                                              set_aside=report.changes_set_aside))
    return report


@contextmanager
def _sync_log(handler: logging.Handler) -> Iterator[None]:
    logger = logging.getLogger("sync")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _tell(as_json: bool, report: SyncReport) -> None:
    """One line per run, for the service's log."""
    at = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
    if as_json:
        print(json.dumps({"at": at, **to_plain(report)}, ensure_ascii=False), flush=True)
        return
    line = _("gửi {dossiers} hồ sơ, {progress} tiến độ, {files} tệp; nhận {changes} thay đổi; "
             "bị từ chối {failed}, xung đột {conflicts}, hoãn {postponed}").format(
        dossiers=report.dossiers_sent, progress=report.progress_sent, files=report.files_sent,
        changes=report.changes_applied, failed=report.failed, conflicts=report.conflicts,
        postponed=report.postponed)
    trouble = told(report)
    print(f"{at} {line}" + (f" — {trouble}" if trouble else ""), flush=True)


# --- the queue --------------------------------------------------------------------------------


def run_status(args: argparse.Namespace, context: CommandContext) -> object:
    store = context.store
    view = outbox.queue_view(store, context.actor, limit=args.limit)
    values = settings.read_all(store)
    url, username = values["province.url"], str(values["province.username"]).strip()
    kept = find_password(store, username) if username else None
    return {"province": {"url": url, "username": username,
                         "password": kept.kept_in if kept else None},
            "waiting": view.waiting, "next_attempt_at": view.next_attempt_at,
            "postponed": view.postponed, "failed": view.failed, "conflicts": view.conflicts,
            "changes_set_aside": view.changes_set_aside, "set_aside": view.set_aside}


def run_retry(args: argparse.Namespace, context: CommandContext) -> object:
    return outbox.retry(context.store, context.actor)


# --- the simulator and the password -----------------------------------------------------------


def run_provincial_sim(args: argparse.Namespace, context: CommandContext) -> object:
    code = provincial_server.main(args.arguments)
    if code:
        raise SystemExit(code)
    return None


def run_config_set(settings_set: Run, args: argparse.Namespace, context: CommandContext) -> object:
    """`config set province.password VALUE` (or `-` to read it from the standard input) keeps
    the password where `sync.province_password` does; other keys are settings."""
    if args.key != PASSWORD_KEY:
        return settings_set(args, context)
    password = sys.stdin.readline().rstrip("\r\n") if args.value == "-" else args.value
    store = context.store
    username = str(settings.get(store, "province.username")).strip()
    kept_in = save_password(store, context.actor, username, password)
    return {PASSWORD_KEY: _kept(store, kept_in)}


def run_config_get(settings_get: Run, args: argparse.Namespace, context: CommandContext) -> object:
    """`config get province.password` says where the password is kept, never the password."""
    if args.key != PASSWORD_KEY:
        return settings_get(args, context)
    store = context.store
    username = str(settings.get(store, "province.username")).strip()
    kept = find_password(store, username) if username else None
    return {PASSWORD_KEY: _kept(store, kept.kept_in) if kept else None}


def _kept(store: Store, kept_in: str) -> dict[str, str]:
    if kept_in == FILE:
        return {"kept_in": kept_in, "file": str(password_file(store))}
    return {"kept_in": kept_in}
