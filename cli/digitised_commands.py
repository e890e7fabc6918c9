"""Subcommands of digitised copies: make a paper's copy from files, export a dossier's copies
(each signature checked as it is opened), find dossiers by words on their papers."""

import argparse
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cli.arguments import subcommands_of
from cli.context import CommandContext
from onestop import digitised, settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import require
from scanning.digitised_copy import stored_pages
from scanning.file_import import read_pages
from scanning.mixed_raster import CopyMode
from scanning.page_pipeline import PageFormat, PagePipeline, PageSettings
from scanning.paper_copies import keep_paper_copy, office_copy_mode
from signing.pades import check_signature

Subparsers = Any
_CAPTURE = {CopyMode.COLOUR: PageFormat.COLOUR_JPEG, CopyMode.GREY: PageFormat.GREY_JPEG,
            CopyMode.BILEVEL: PageFormat.GREY_JPEG}


@dataclass(frozen=True)
class MadeCopy:
    dossier_code: str
    document_code: str
    pages: int
    blank_pages: list[int]
    size: int
    sha256: str
    mode: str
    ocr_state: str


@dataclass(frozen=True)
class ExportedPaper:
    document_code: str
    file: Path
    caption: str
    signature: str
    signer: str
    signed_at: datetime | None


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    dossier = subcommands_of(commands, "dossier")
    p = dossier.add_parser("digitise", parents=[common],
                           help=_("làm bản số hóa (PDF/A, màu 200 dpi) của một giấy tờ từ tệp quét"))
    p.add_argument("code")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--document", required=True, metavar="CODE", help=_("mã giấy tờ trong thành phần hồ sơ"))
    p.add_argument("--mode", choices=[mode.value for mode in CopyMode],
                   help=_("màu, xám hoặc đen trắng (mặc định: cài đặt digitised.mode)"))
    p.set_defaults(run=run_digitise)
    p = dossier.add_parser("papers", parents=[common], help=_("xuất các bản số hóa của hồ sơ ra thư mục"))
    p.add_argument("code")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.set_defaults(run=run_papers_export)

    papers = commands.add_parser("papers", parents=[common], help=_("giấy tờ đã số hóa"))
    actions = papers.add_subparsers(dest="action", required=True)
    p = actions.add_parser("list", parents=[common], help=_("các bản số hóa của hồ sơ và trạng thái ký"))
    p.add_argument("code")
    p.set_defaults(run=run_papers_list)
    p = actions.add_parser("find", parents=[common], help=_("tìm hồ sơ theo chữ trên giấy tờ"))
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(run=run_papers_find)


def run_digitise(args: argparse.Namespace, context: CommandContext) -> object:
    actor = context.actor
    digitised.paper_facts(context.store, actor, args.code, args.document)
    mode = CopyMode(args.mode) if args.mode else office_copy_mode(context.store)
    dpi = int(settings.get(context.store, "scanner.resolution"))
    with tempfile.TemporaryDirectory(prefix="onestop-digitise-") as folder:
        pipeline = PagePipeline(Path(folder), PageSettings(dpi=max(200, dpi), format=_CAPTURE[mode]))
        pages = [pipeline.store(image) for path in args.files for image in read_pages(path)]
        kept = keep_paper_copy(context.store, actor, args.code, args.document, stored_pages(pages), mode)
    return MadeCopy(kept.dossier_code, kept.document_code, kept.pages,
                    [number for number, page in enumerate(pages, 1) if page.blank.looks_blank],
                    digitised.copy_file(context.store, kept).stat().st_size, kept.sha256, mode.value,
                    kept.ocr_state)


def run_papers_export(args: argparse.Namespace, context: CommandContext) -> object:
    copies = digitised.dossier_copies(context.store, context.actor, args.code)
    if not copies:
        raise DomainError(_("Hồ sơ {0} chưa có bản số hóa nào.").format(args.code))
    args.out.mkdir(parents=True, exist_ok=True)
    exported = []
    for state in copies:
        data = digitised.copy_file(context.store, state).read_bytes()
        target = args.out / f"{state.document_code}.pdf"
        target.write_bytes(data)
        check = check_signature(data)
        verdict = "none" if check is None else "valid" if check.good else "broken"
        exported.append(ExportedPaper(state.document_code, target, digitised.caption(state), verdict,
                                      "" if check is None else check.signer.common_name,
                                      None if check is None else check.signed_at))
    return exported


@dataclass(frozen=True)
class ListedPaper:
    document_code: str
    caption: str
    pages: int
    digitised_by: str
    digitised_at: datetime
    ocr_state: str
    sign_state: str


def run_papers_list(args: argparse.Namespace, context: CommandContext) -> object:
    return [ListedPaper(state.document_code, digitised.caption(state), state.pages, state.digitised_by,
                        state.digitised_at, state.ocr_state, state.sign_state)
            for state in digitised.dossier_copies(context.store, context.actor, args.code)]


def run_papers_find(args: argparse.Namespace, context: CommandContext) -> object:
    require(context.actor, "dossier.read")
    return digitised.find_by_paper_text(context.store, context.actor, args.text, args.limit)
