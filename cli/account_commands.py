"""Subcommands for accounts, the audit log, backup and restore."""

import argparse
import getpass
import os
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from cli.arguments import day, whole_number
from cli.context import CommandContext
from cli.named_files import plain_file, read_secret
from cli.output import print_result
from onestop import audit, users
from onestop.audit_export import export_csv
from onestop.audit_key_sharing import export_chain_key, install_chain_key
from onestop.backup import StoreFiles, read_backup, take_backup
from onestop.backup_passphrase import remember_passphrase
from onestop.backup_schedule import run_due_backup
from onestop.data_dir import default_data_dir
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.restore import restore, restore_onto_server
from onestop.roles import ROLES, require
from onestop.workdays import LOCAL_ZONE

Subparsers = Any
PASSPHRASE_VARIABLE = "ONESTOP_BACKUP_PASSPHRASE"
MAX_AUDIT_ROWS = 10_000


class AuditChainBroken(Exception):
    """The audit log failed its check: the command ends with the failure exit code."""


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    aud = commands.add_parser("audit", parents=[common], help=_("nhật ký thao tác"))
    aud_sub = aud.add_subparsers(dest="action", required=True)
    p = aud_sub.add_parser("verify", parents=[common], help=_("kiểm tra nhật ký có bị sửa, xoá"))
    p.set_defaults(run=run_audit_verify)
    p = aud_sub.add_parser("list", parents=[common], help=_("xem nhật ký"))
    _audit_filters(p)
    p.add_argument("--limit", type=whole_number(1, MAX_AUDIT_ROWS), default=100)
    p.set_defaults(run=run_audit_list)
    p = aud_sub.add_parser("export", parents=[common], help=_("xuất nhật ký ra tệp CSV"))
    p.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    _audit_filters(p)
    p.set_defaults(run=run_audit_export)
    key = aud_sub.add_parser("key", parents=[common],
                             help=_("khoá niêm phong nhật ký, mang sang quầy khác dùng chung máy chủ"))
    key_sub = key.add_subparsers(dest="key_action", required=True)
    p = key_sub.add_parser("export", parents=[common], help=_("ghi khoá ra tệp chỉ chủ máy đọc được"))
    p.add_argument("file", type=Path)
    p.set_defaults(run=run_audit_key_export)
    p = key_sub.add_parser("install", parents=[common], help=_("nhận khoá từ tệp của quầy khác"))
    p.add_argument("file", type=Path)
    p.set_defaults(run=run_audit_key_install)

    p = commands.add_parser("backup", parents=[common], help=_("sao lưu dữ liệu"))
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("file", type=Path, nargs="?", help=_("tệp sao lưu sẽ tạo"))
    what.add_argument("--daily", action="store_true",
                      help=_("sao lưu hằng ngày vào thư mục đã cài (nếu hôm nay chưa có)"))
    what.add_argument("--remember-passphrase", action="store_true",
                      help=_("lưu mật khẩu cho sao lưu hằng ngày vào kho mật khẩu của máy"))
    _passphrase_option(p)
    p.set_defaults(run=run_backup)

    p = commands.add_parser("restore", parents=[common], help=_("phục hồi dữ liệu từ bản sao lưu"))
    p.add_argument("file", type=Path)
    p.add_argument("--check", action="store_true",
                   help=_("chỉ kiểm tra tệp sao lưu, không phục hồi"))
    p.add_argument("--accept-broken-trail", action="store_true",
                   help=_("phục hồi cả khi nhật ký trong bản sao lưu không còn nguyên vẹn"))
    _passphrase_option(p)
    p.set_defaults(run=run_restore)

    usr = commands.add_parser("user", parents=[common], help=_("tài khoản"))
    usr_sub = usr.add_subparsers(dest="action", required=True)
    p = usr_sub.add_parser("list", parents=[common])
    p.set_defaults(run=run_user_list)
    p = usr_sub.add_parser("add", parents=[common])
    p.add_argument("username")
    p.add_argument("--name", required=True, help=_("họ tên"))
    p.add_argument("--role", action="append", required=True, choices=ROLES)
    p.add_argument("--title", default="", help=_("chức danh"))
    p.add_argument("--counter", help=_("mã quầy"))
    p.add_argument("--password-file", type=Path, help=_("tệp chứa mật khẩu tạm"))
    p.set_defaults(run=run_user_add)
    for name, run in (("disable", run_user_disable), ("enable", run_user_enable)):
        p = usr_sub.add_parser(name, parents=[common])
        p.add_argument("username")
        p.set_defaults(run=run)
    p = usr_sub.add_parser("reset-password", parents=[common])
    p.add_argument("username")
    p.add_argument("--password-file", type=Path, help=_("tệp chứa mật khẩu tạm"))
    p.set_defaults(run=run_user_reset_password)
    p = usr_sub.add_parser("roles", parents=[common])
    p.add_argument("username")
    p.add_argument("--role", action="append", required=True, choices=ROLES)
    p.add_argument("--counter", help=_("mã quầy (bỏ trống: không gắn quầy)"))
    p.set_defaults(run=run_user_roles)


def _audit_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="since", type=day, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="until", type=day, metavar="YYYY-MM-DD")
    p.add_argument("--by", default="", metavar="USERNAME", help=_("người thực hiện"))
    p.add_argument("--action-code", default="", metavar="ACTION", help=_("mã thao tác"))
    p.add_argument("--subject", default="", help=_("mã hồ sơ hoặc đối tượng"))


def _passphrase_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--passphrase-file", type=Path,
                   help=_("tệp chứa mật khẩu sao lưu (hoặc biến môi trường {0})").format(
                       PASSPHRASE_VARIABLE))


def _local_midnight(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time(0), LOCAL_ZONE).astimezone(UTC)


def _filter(args: argparse.Namespace) -> audit.AuditFilter:
    until = None if args.until is None else args.until + timedelta(days=1)
    return audit.AuditFilter(_local_midnight(args.since), _local_midnight(until), args.by,
                             args.action_code, args.subject)


def ask_secret(path: Path | None, variable: str | None, prompt: str, *, confirm: bool) -> str:
    if path is not None:
        return read_secret(path)
    if variable and os.environ.get(variable):
        return os.environ[variable]
    if not sys.stdin.isatty():
        raise DomainError(_("Cần mật khẩu: dùng --passphrase-file, --password-file hoặc biến môi "
                            "trường {0}.").format(variable or PASSPHRASE_VARIABLE))
    secret = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Nhập lại: ")) != secret:
        raise DomainError(_("Hai lần nhập không khớp."))
    return secret


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    return ask_secret(args.passphrase_file, PASSPHRASE_VARIABLE, _("Mật khẩu sao lưu: "),
                   confirm=confirm)


def _new_password(args: argparse.Namespace) -> str:
    return ask_secret(args.password_file, None, _("Mật khẩu tạm: "), confirm=True)


def run_audit_verify(args: argparse.Namespace, context: CommandContext) -> object:
    checked = audit.entry_count(context.store)
    breaks = audit.check_chain(context.store, context.actor)
    result = {"ok": not breaks, "entries": checked,
              "breaks": [{"entry_id": b.entry_id, "problem": b.problem, "message": b.describe()}
                         for b in breaks]}
    if breaks:
        print_result(result, args.json)
        raise AuditChainBroken(_("Nhật ký đã bị can thiệp ở {0} chỗ: {1}").format(
            len(breaks), " ".join(b.describe() for b in breaks[:5])))
    return result


def run_audit_list(args: argparse.Namespace, context: CommandContext) -> object:
    rows = audit.entries(context.store, context.actor, _filter(args), args.limit)
    return [{"id": r.id, "at": r.at.astimezone(LOCAL_ZONE) if r.at else None, "actor": r.actor,
             "action": r.action, "subject": r.subject, "details": r.details} for r in rows]


def run_audit_export(args: argparse.Namespace, context: CommandContext) -> object:
    return export_csv(context.store, context.actor, args.out, _filter(args))


def run_backup(args: argparse.Namespace, context: CommandContext) -> object:
    if args.daily:
        require(context.actor, "backup.run")
        done = run_due_backup(context.store, datetime.now(UTC))
        return done if done is not None else {"made": None, "reason": _(
            "Chưa cài thư mục sao lưu hằng ngày, hoặc hôm nay đã sao lưu.")}
    if args.remember_passphrase:
        passphrase = _passphrase(args, confirm=True)
        remember_passphrase(context.store, context.actor, passphrase)
        return {"remembered": True}
    return take_backup(context.store, context.actor, args.file, _passphrase(args, confirm=True))


def run_restore(args: argparse.Namespace, context: CommandContext) -> object:
    plain_file(args.file)
    if args.check:
        return read_backup(args.file, _passphrase(args, confirm=False))
    if args.database_url:
        return restore_onto_server(context.store, context.actor, args.file,
                                   _passphrase(args, confirm=False),
                                   accept_broken_trail=args.accept_broken_trail)
    data_dir = context.data_dir
    if data_dir is None:
        data_dir = default_data_dir()
    actor = context.actor
    context.close()
    return restore(StoreFiles.in_data_dir(data_dir), actor, args.file,
                   _passphrase(args, confirm=False), accept_broken_trail=args.accept_broken_trail)


def run_audit_key_export(args: argparse.Namespace, context: CommandContext) -> object:
    return export_chain_key(context.store, context.actor, args.file)


def run_audit_key_install(args: argparse.Namespace, context: CommandContext) -> object:
    plain_file(args.file)
    return install_chain_key(context.store, context.actor, args.file)


def run_user_list(args: argparse.Namespace, context: CommandContext) -> object:
    return users.list_users(context.store, context.actor)


def run_user_add(args: argparse.Namespace, context: CommandContext) -> object:
    password = _new_password(args)
    return users.create_user(context.store, context.actor, args.username, args.name, password,
                             frozenset(args.role), title=args.title, counter_code=args.counter)


def run_user_disable(args: argparse.Namespace, context: CommandContext) -> object:
    return users.disable_user(context.store, context.actor, args.username)


def run_user_enable(args: argparse.Namespace, context: CommandContext) -> object:
    return users.enable_user(context.store, context.actor, args.username)


def run_user_reset_password(args: argparse.Namespace, context: CommandContext) -> object:
    password = _new_password(args)
    return users.reset_password(context.store, context.actor, args.username, password)


def run_user_roles(args: argparse.Namespace, context: CommandContext) -> object:
    return users.set_roles(context.store, context.actor, args.username, frozenset(args.role),
                           args.counter)
