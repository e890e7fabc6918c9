"""Subcommands for paper coming in: a scan into a folder, the scanners this machine can reach,
files attached to a dossier."""

import argparse
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cli.arguments import seconds, subcommands_of, whole_number
from cli.context import CommandContext
from cli.named_files import plain_file
from cli.output import print_result
from onestop.errors import DomainError, ErrorKind
from onestop.i18n import _
from onestop.roles import require
from scanning.arrangement import ArrangedPage
from scanning.file_import import read_pages
from scanning.filing import FiledDocument, file_pages
from scanning.intake import receive
from scanning.office_scanner import MODES, find_scanners, is_network_device, office_scanner, scanner_for
from scanning.page import Page
from scanning.page_pipeline import PagePipeline, PageSettings
from scanning.scanner import ScanResult, ScanSettings, Source, StopReason

Subparsers = Any
_DPI_RANGE = (50, 1200)
MAX_WAIT = 60.0


class ScanStopped(DomainError):
    """The scanner stopped before the end; the pages received are written."""

    default_kind = ErrorKind.DEVICE


@dataclass(frozen=True)
class ScannedPages:
    device: str
    out: Path
    pages: int
    blank: int
    stopped_by: str
    message: str
    files: list[str]


@dataclass(frozen=True)
class FoundScanner:
    id: str
    name: str
    kind: str


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    scan = commands.add_parser("scan", parents=[common], help=_("quét giấy tờ vào một thư mục"))
    scan.add_argument("--device", metavar="NAME",
                      help=_("máy quét: tên SANE (vd. test:0) hoặc địa chỉ eSCL (http://…/eSCL)"))
    scan.add_argument("--out", type=Path, metavar="DIR", help=_("thư mục lưu các trang"))
    scan.add_argument("--source", choices=[source.value for source in Source], default=Source.FLATBED.value,
                      help=_("nguồn giấy"))
    scan.add_argument("--dpi", type=whole_number(*_DPI_RANGE), default=200, help=_("độ phân giải"))
    scan.add_argument("--mode", choices=("gray", "bilevel"), default="gray", help=_("xám hoặc đen trắng"))
    scan.set_defaults(run=run_scan)
    actions = scan.add_subparsers(dest="action")
    p = actions.add_parser("devices", parents=[common], help=_("tìm máy quét: SANE và eSCL trên mạng"))
    p.add_argument("--seconds", type=seconds(0, MAX_WAIT), default=2.0,
                   help=_("số giây chờ máy quét mạng trả lời"))
    p.set_defaults(run=run_scan_devices)

    p = subcommands_of(commands, "dossier").add_parser(
        "attach", parents=[common], help=_("đính kèm tệp (PDF, JPEG, PNG, TIFF) vào hồ sơ"))
    p.add_argument("code")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--document", metavar="CODE", help=_("mã giấy tờ trong thành phần hồ sơ"))
    p.set_defaults(run=run_dossier_attach)


def _scan_settings(args: argparse.Namespace) -> tuple[ScanSettings, PageSettings]:
    if not args.device or args.out is None:
        raise DomainError(_("Cần --device và --out; “onestop scan devices” liệt kê các máy quét."))
    colour, page_format = MODES[args.mode]
    return (ScanSettings(args.device, Source(args.source), args.dpi, colour),
            PageSettings(dpi=args.dpi, format=page_format))


def _scan(settings: ScanSettings, pipeline: PagePipeline, pages: list[Page]) -> ScanResult:
    try:
        scanner = scanner_for(settings.device)
    except DomainError as error:
        return ScanResult(0, StopReason.DEVICE_ERROR, error.message)
    events = receive(scanner, settings, threading.Event(), pipeline)
    try:
        for event in events:
            if isinstance(event, Page):
                pages.append(event)
            elif isinstance(event, ScanResult):
                return event
    except KeyboardInterrupt:
        # closing the scan below stops and frees the device; the pages stored are kept
        return ScanResult(len(pages), StopReason.CANCELLED)
    finally:
        events.close()
    raise AssertionError("a scan always ends with its result")


def run_scan(args: argparse.Namespace, context: CommandContext) -> object:
    settings, page_settings = _scan_settings(args)
    pipeline = PagePipeline(args.out, page_settings)
    pages: list[Page] = []
    result = _scan(settings, pipeline, pages)
    scanned = ScannedPages(
        device=settings.device, out=args.out, pages=result.pages,
        blank=sum(not page.kept for page in pages), stopped_by=result.stopped_by.name.lower(),
        message=result.message, files=[page.path.name for page in pages])
    if result.stopped_by is StopReason.FINISHED:
        return scanned
    # the pages received are on disk: say which before the failure
    print_result(scanned, args.json)
    raise ScanStopped(result.message)


def run_scan_devices(args: argparse.Namespace, context: CommandContext) -> object:
    return [FoundScanner(device.id, device.name, "escl" if is_network_device(device.id) else "sane")
            for device in find_scanners(args.seconds)]


def run_dossier_attach(args: argparse.Namespace, context: CommandContext) -> object:
    """Every page of every file, checked before anything is stored, as one PDF of the dossier."""
    actor = context.actor
    require(actor, "dossier.attach")
    files = [plain_file(path) for path in args.files]
    page_settings = office_scanner(context.store).page_settings()
    with tempfile.TemporaryDirectory(prefix="onestop-attach-") as folder:
        pipeline = PagePipeline(Path(folder), page_settings)
        pages = [pipeline.store(image) for path in files for image in read_pages(path)]
        filed: list[FiledDocument] = file_pages(
            context.store, actor, args.code, [ArrangedPage(page, args.document) for page in pages])
    return filed[0]
