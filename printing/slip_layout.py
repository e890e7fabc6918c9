"""Where everything goes on a thermal slip: the slip drawn as a 1-bit raster."""

import re
from dataclasses import dataclass
from enum import IntEnum

from PIL import Image

from onestop.i18n import _
from printing.counter_time import format_appointment, format_moment
from printing.fonts import slip_font
from printing.money import format_vnd
from printing.slip_canvas import SlipCanvas
from printing.slip_codes import code128_image, qr_image
from printing.slip_content import (
    Refusal,
    ResultHandover,
    Slip,
    SupplementRequest,
)
from printing.slip_font import SlipFont
from printing.text_wrap import wrap_to_width


class PaperWidth(IntEnum):
    """Printable dots across the roll at 203 dpi."""

    MM58 = 384
    MM80 = 576


def paper_for_mm(millimetres: int) -> PaperWidth:
    """The roll a `printer.paper_width` setting names: 58 mm or narrower, otherwise 80 mm."""
    return PaperWidth.MM58 if millimetres <= 58 else PaperWidth.MM80


@dataclass(frozen=True)
class _Sizes:
    body: int
    small: int
    title: int
    code_largest: int
    margin: int
    barcode_height: int
    qr_module: int

    @property
    def indent(self) -> int:
        return self.body


def _sizes_for(width: int) -> _Sizes:
    if width >= PaperWidth.MM80:
        return _Sizes(body=22, small=19, title=26, code_largest=52, margin=8, barcode_height=64, qr_module=6)
    return _Sizes(body=20, small=17, title=22, code_largest=44, margin=4, barcode_height=56, qr_module=5)


def render_slip(slip: Slip, width_dots: int) -> Image.Image:
    """The slip as a mode-"1" image exactly `width_dots` wide (384 for 58 mm, 576 for 80 mm)."""
    if width_dots < PaperWidth.MM58:
        raise ValueError(f"a slip needs at least {int(PaperWidth.MM58)} dots, got {width_dots}")
    sizes = _sizes_for(width_dots)
    canvas = SlipCanvas(width_dots, sizes.margin)
    body = slip_font(sizes.body)
    bold = slip_font(sizes.body, bold=True)

    canvas.text(slip.agency, bold, align="center")
    if slip.counter:
        canvas.text(slip.counter, body, align="center")
    canvas.rule()
    canvas.text(slip.title.upper(), slip_font(sizes.title, bold=True), align="center")
    if slip.reprint:
        canvas.text(_("(Bản in lại)"), slip_font(sizes.small, bold=True), align="center")
    if slip.corrected:
        canvas.text(_("ĐÃ ĐÍNH CHÍNH"), slip_font(sizes.small, bold=True), align="center")
    canvas.gap(sizes.body // 2)
    canvas.text(_("Mã hồ sơ"), slip_font(sizes.small), align="center")
    code_font, code_lines = _fit_code(slip.dossier_code, canvas.usable, sizes)
    canvas.lines(code_lines, code_font, align="center")
    canvas.gap(sizes.body // 3)
    canvas.picture(code128_image(slip.dossier_code, max_width=width_dots, height=sizes.barcode_height))
    canvas.rule()

    match slip.detail:
        case SupplementRequest():
            _supplement_request(canvas, slip, slip.detail, sizes)
        case Refusal():
            _refusal(canvas, slip, slip.detail, sizes)
        case ResultHandover():
            _result_handover(canvas, slip, slip.detail, sizes)
        case None:
            _receipt(canvas, slip, sizes)

    canvas.rule()
    canvas.picture(qr_image(slip.dossier_code, module=sizes.qr_module))
    if slip.lookup_hint:
        canvas.text(slip.lookup_hint, slip_font(sizes.small), align="center")
    return canvas.image()


def _receipt(canvas: SlipCanvas, slip: Slip, sizes: _Sizes) -> None:
    body = slip_font(sizes.body)
    bold = slip_font(sizes.body, bold=True)
    _applicant(canvas, slip, sizes, _("Tiếp nhận hồ sơ của"))
    canvas.text(f"{_('Về việc')}: {slip.procedure}", body, hanging=sizes.indent)

    number = 0

    def heading(label: str) -> None:
        nonlocal number
        number += 1
        canvas.text(f"{number}. {label}", body, hanging=sizes.indent)

    if slip.documents:
        heading(_("Giấy tờ đã nộp:"))
        for index, document in enumerate(slip.documents, start=1):
            canvas.text(f"{index}) {document.name}", body, indent=sizes.indent, hanging=sizes.indent)
            counts = _("Bản chính: {originals}, bản sao: {copies}").format(
                originals=document.originals, copies=document.copies
            )
            canvas.text(counts, slip_font(sizes.small), indent=2 * sizes.indent)
    heading(_("Số bộ hồ sơ: {sets}").format(sets=slip.sets))
    if slip.processing_time:
        heading(f"{_('Thời gian giải quyết theo quy định')}: {slip.processing_time}")
    heading(_("Thời gian nhận hồ sơ:"))
    canvas.text(format_moment(slip.received_at), body, indent=sizes.indent)
    heading(_("Thời gian trả kết quả:"))
    canvas.text(format_appointment(slip.appointment), bold, indent=sizes.indent)
    if slip.result_delivery:
        heading(f"{_('Nơi nhận kết quả')}: {slip.result_delivery}")
    if slip.book_entry:
        canvas.text(f"{_('Vào sổ theo dõi hồ sơ')}: {slip.book_entry}", body, hanging=sizes.indent)
    _officer(canvas, slip, sizes, _("Người tiếp nhận"))


def _supplement_request(canvas: SlipCanvas, slip: Slip, request: SupplementRequest, sizes: _Sizes) -> None:
    body = slip_font(sizes.body)
    _applicant(canvas, slip, sizes, _("Người nộp hồ sơ"))
    canvas.text(f"{_('Về việc')}: {slip.procedure}", body, hanging=sizes.indent)
    canvas.text(
        f"{_('Thời gian nhận hồ sơ')}: {format_moment(slip.received_at)}",
        body,
        hanging=sizes.indent,
    )
    canvas.text(_("Hồ sơ cần bổ sung, hoàn thiện:"), slip_font(sizes.body, bold=True))
    _numbered(canvas, request.items, sizes)
    if request.reason:
        canvas.text(f"{_('Lý do')}: {request.reason}", body, hanging=sizes.indent)
    _officer(canvas, slip, sizes, _("Người tiếp nhận"))


def _refusal(canvas: SlipCanvas, slip: Slip, refusal: Refusal, sizes: _Sizes) -> None:
    body = slip_font(sizes.body)
    _applicant(canvas, slip, sizes, _("Người nộp hồ sơ"))
    canvas.text(f"{_('Về việc')}: {slip.procedure}", body, hanging=sizes.indent)
    canvas.text(_("Lý do từ chối:"), slip_font(sizes.body, bold=True))
    _numbered(canvas, refusal.reasons, sizes)
    _officer(canvas, slip, sizes, _("Người tiếp nhận"))


def _result_handover(canvas: SlipCanvas, slip: Slip, handover: ResultHandover, sizes: _Sizes) -> None:
    body = slip_font(sizes.body)
    bold = slip_font(sizes.body, bold=True)
    _applicant(canvas, slip, sizes, _("Người nộp hồ sơ"))
    canvas.text(f"{_('Về việc')}: {slip.procedure}", body, hanging=sizes.indent)
    canvas.text(
        f"{_('Thời gian nhận hồ sơ')}: {format_moment(slip.received_at)}",
        body,
        hanging=sizes.indent,
    )
    canvas.text(
        f"{_('Hẹn trả kết quả')}: {format_appointment(slip.appointment)}",
        body,
        hanging=sizes.indent,
    )
    canvas.text(f"{_('Người nhận kết quả')}: {handover.collected_by}", bold, hanging=sizes.indent)
    if handover.id_number:
        canvas.text(_("Người được uỷ quyền, số định danh {0}").format(handover.id_number), body,
                    indent=sizes.indent)
        if handover.relation:
            canvas.text(f"{_('Quan hệ với người nộp hồ sơ')}: {handover.relation}", body,
                        indent=sizes.indent)
    if handover.fees_collected is not None:
        canvas.text(f"{_('Phí, lệ phí đã thu')}: {format_vnd(handover.fees_collected)}", body,
                    hanging=sizes.indent)
    canvas.text(_("Thời gian trả kết quả:"), body)
    canvas.text(format_moment(handover.collected_at), bold, indent=sizes.indent)
    _officer(canvas, slip, sizes, _("Người trả kết quả"))


def _applicant(canvas: SlipCanvas, slip: Slip, sizes: _Sizes, label: str) -> None:
    body = slip_font(sizes.body)
    canvas.text(f"{label}: {slip.applicant.name}", slip_font(sizes.body, bold=True), hanging=sizes.indent)
    for caption, value in (
        (_("Địa chỉ"), slip.applicant.address),
        (_("Số điện thoại"), slip.applicant.phone),
        (_("Email"), slip.applicant.email),
    ):
        if value:
            canvas.text(f"{caption}: {value}", body, hanging=sizes.indent)


def _numbered(canvas: SlipCanvas, items: tuple[str, ...], sizes: _Sizes) -> None:
    for index, item in enumerate(items, start=1):
        canvas.text(
            f"{index}) {item}",
            slip_font(sizes.body),
            indent=sizes.indent // 2,
            hanging=sizes.indent,
        )


def _officer(canvas: SlipCanvas, slip: Slip, sizes: _Sizes, label: str) -> None:
    if slip.officer:
        canvas.gap(sizes.body // 2)
        canvas.text(f"{label}: {slip.officer}", slip_font(sizes.body), hanging=sizes.indent)


def _fit_code(code: str, usable: int, sizes: _Sizes) -> tuple[SlipFont, list[str]]:
    """The dossier code as large as the paper allows, broken after a dash only if it must be."""
    smallest_whole = sizes.body * 3 // 2
    for size in range(sizes.code_largest, smallest_whole - 1, -1):
        font = slip_font(size, bold=True)
        if font.getlength(code) <= usable:
            return font, [code]
    pieces = re.split(r"(?<=-)", code)
    for size in range(sizes.code_largest, sizes.body - 1, -1):
        font = slip_font(size, bold=True)
        if all(font.getlength(piece) <= usable for piece in pieces):
            return font, _joined_to_width(pieces, font, usable)
    font = slip_font(sizes.body, bold=True)
    return font, wrap_to_width(code, font, usable)


def _joined_to_width(pieces: list[str], font: SlipFont, width: int) -> list[str]:
    lines = [""]
    for piece in pieces:
        if lines[-1] and font.getlength(lines[-1] + piece) > width:
            lines.append("")
        lines[-1] += piece
    return lines
