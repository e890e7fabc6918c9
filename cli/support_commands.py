"""`onestop support-bundle`: one archive of logs, versions, settings and devices, without any
citizen's data, for the technician to send on."""

import argparse
import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

from cli.context import CommandContext, to_plain
from onestop.i18n import _
from onestop.program_log import log_folder
from onestop.support_bundle import write_support_bundle
from printing.printer_choices import serial_ports
from printing.usb_discovery import find_usb_printers
from scanning.office_scanner import find_scanners

Subparsers = Any


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("support-bundle", parents=[common],
                            help=_("gói thông tin hỗ trợ kỹ thuật (không có dữ liệu công dân)"))
    p.add_argument("--out", type=Path, help=_("tệp .zip cần ghi"))
    p.add_argument("--seconds", type=float, default=1.0,
                   help=_("thời gian tìm máy quét trên mạng (giây)"))
    p.set_defaults(run=run_support_bundle)


def _devices(seconds: float) -> dict[str, Any]:
    return {
        "usb_printers": [to_plain(dataclasses.asdict(p)) for p in find_usb_printers()],
        "serial_ports": serial_ports(),
        "scanners": [{"id": s.id, "name": s.name} for s in find_scanners(max(0.0, min(seconds, 10.0)))],
    }


def run_support_bundle(args: argparse.Namespace, context: CommandContext) -> object:
    actor = context.actor
    out = args.out or Path(f"onestop-support-{date.today():%Y%m%d}.zip")
    folder = log_folder(context.data_dir) if context.data_dir else None
    return write_support_bundle(context.store, actor, out, log_folder=folder,
                                found={"devices": _devices(args.seconds)})
