"""`onestop setup`: a real office's first day from the command line, for scripted installs — the
same steps as the window's set-up assistant, on an empty data dir."""

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from cli.account_commands import ask_secret
from cli.context import CommandContext
from onestop.i18n import _
from onestop.office_setup import OfficeSetup, set_up_office
from onestop.roles import SYSTEM
from onestop.workcalendar_store import DAY_OFF, WORKING_DAY
from sync.province_password import save_password

Subparsers = Any
ADMIN_PASSWORD_VARIABLE = "ONESTOP_PASSWORD"
PROVINCE_PASSWORD_VARIABLE = "ONESTOP_PROVINCE_PASSWORD"


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("setup", parents=[common],
                            help=_("thiết lập cơ quan trên thư mục dữ liệu mới"))
    p.add_argument("--agency-code", required=True, help=_("mã định danh cơ quan"))
    p.add_argument("--agency-name", required=True)
    p.add_argument("--agency-address", default="")
    p.add_argument("--counter-code", default="Q1")
    p.add_argument("--counter-name", default="Quầy 1")
    p.add_argument("--sequence-start", type=int, default=1)
    p.add_argument("--admin", required=True, metavar="USERNAME",
                   help=_("tài khoản quản trị đầu tiên (mật khẩu: hỏi, hoặc biến {0})").format(
                       ADMIN_PASSWORD_VARIABLE))
    p.add_argument("--admin-name", required=True, help=_("họ tên người quản trị"))
    p.add_argument("--printer", default="", metavar="URI")
    p.add_argument("--scanner", default="", metavar="DEVICE")
    p.add_argument("--province-url", default="")
    p.add_argument("--province-user", default="",
                   help=_("tài khoản kết nối tỉnh (mật khẩu: hỏi, hoặc biến {0})").format(
                       PROVINCE_PASSWORD_VARIABLE))
    p.add_argument("--hours", default="", help=_("giờ làm việc, vd. “T2-T6 07:00-11:30 13:30-17:00”"))
    p.add_argument("--catalogue", type=Path, metavar="FILE", help=_("danh mục thủ tục của tỉnh"))
    p.add_argument("--day-off", type=date.fromisoformat, action="append", default=[],
                   metavar="YYYY-MM-DD", help=_("ngày nghỉ thêm (nhắc lại được)"))
    p.add_argument("--working-day", type=date.fromisoformat, action="append", default=[],
                   metavar="YYYY-MM-DD", help=_("ngày làm bù (nhắc lại được)"))
    p.set_defaults(run=run_setup)


def run_setup(args: argparse.Namespace, context: CommandContext) -> object:
    admin_password = ask_secret(None, ADMIN_PASSWORD_VARIABLE, _("Mật khẩu quản trị: "), confirm=True)
    province_password = ""
    if args.province_user:
        province_password = ask_secret(None, PROVINCE_PASSWORD_VARIABLE,
                                    _("Mật khẩu kết nối tỉnh: "), confirm=False)
    done = set_up_office(context.store, OfficeSetup(
        agency_code=args.agency_code, agency_name=args.agency_name,
        agency_address=args.agency_address, counter_code=args.counter_code,
        counter_name=args.counter_name, sequence_start=args.sequence_start,
        admin_username=args.admin, admin_full_name=args.admin_name,
        admin_password=admin_password, printer_uri=args.printer, scanner_device=args.scanner,
        province_url=args.province_url, province_username=args.province_user,
        office_hours=args.hours, catalogue_file=args.catalogue,
        declared_days=(*((day, DAY_OFF) for day in args.day_off),
                       *((day, WORKING_DAY) for day in args.working_day))))
    if province_password:
        save_password(context.store, SYSTEM, args.province_user, province_password)
    return done
