import unicodedata
from dataclasses import replace

import pytest
import zxingcpp
from PIL import Image, ImageChops

from printing.fonts import slip_font
from printing.slip_content import Applicant, Slip, SlipKind
from printing.slip_layout import PaperWidth, render_slip
from tests.unit.printing.samples import (
    CODE,
    receipt,
    refusal,
    result_handover,
    supplement_request,
)

EVERY_KIND = [receipt(), supplement_request(), refusal(), result_handover()]


def _codes(image: Image.Image) -> dict[zxingcpp.BarcodeFormat, str]:
    return {found.format: found.text for found in zxingcpp.read_barcodes(image.convert("L"))}


@pytest.mark.parametrize("paper", list(PaperWidth))
@pytest.mark.parametrize("slip", EVERY_KIND, ids=lambda slip: slip.kind.value)
def test_every_kind_of_slip_fits_the_roll_and_scans(slip: Slip, paper: PaperWidth) -> None:
    image = render_slip(slip, paper)

    assert image.mode == "1"
    assert image.width == int(paper)
    codes = _codes(image)
    assert codes[zxingcpp.BarcodeFormat.QRCode] == CODE
    assert codes[zxingcpp.BarcodeFormat.Code128] == CODE


@pytest.mark.parametrize("paper", list(PaperWidth))
def test_nothing_is_drawn_in_the_margins(paper: PaperWidth) -> None:
    image = render_slip(receipt(), paper)
    margin = 4
    ink = ImageChops.invert(image.convert("L"))
    assert ink.crop((0, 0, margin, image.height)).getbbox() is None
    assert ink.crop((paper - margin, 0, paper, image.height)).getbbox() is None


def test_decomposed_text_prints_like_composed_text() -> None:
    composed = receipt()
    decomposed = replace(
        composed,
        applicant=Applicant(
            unicodedata.normalize("NFD", composed.applicant.name),
            unicodedata.normalize("NFD", composed.applicant.address),
        ),
        procedure=unicodedata.normalize("NFD", composed.procedure),
    )
    expected = replace(composed, applicant=Applicant(composed.applicant.name, composed.applicant.address))
    drawn = render_slip(decomposed, PaperWidth.MM80)
    assert ImageChops.difference(drawn, render_slip(expected, PaperWidth.MM80)).getbbox() is None


def test_the_kind_follows_the_detail() -> None:
    assert [slip.kind for slip in EVERY_KIND] == [
        SlipKind.RECEIPT,
        SlipKind.SUPPLEMENT_REQUEST,
        SlipKind.REFUSAL,
        SlipKind.RESULT_HANDOVER,
    ]


def test_long_text_makes_a_longer_slip_not_a_wider_one() -> None:
    short = render_slip(receipt(), PaperWidth.MM58)
    long = render_slip(receipt(procedure="Thủ tục " * 60), PaperWidth.MM58)
    assert long.width == short.width
    assert long.height > short.height


def test_a_long_dossier_code_still_scans_on_58_mm() -> None:
    code = "000.00.13.H24-261122-12345"
    image = render_slip(receipt(dossier_code=code), PaperWidth.MM58)
    assert _codes(image)[zxingcpp.BarcodeFormat.QRCode] == code


def test_no_appointment_changes_the_slip() -> None:
    with_date = render_slip(receipt(), PaperWidth.MM80)
    without = render_slip(receipt(appointment=None), PaperWidth.MM80)
    assert ImageChops.difference(with_date, without).getbbox() is not None


def test_paper_narrower_than_58_mm_is_a_mistake() -> None:
    with pytest.raises(ValueError):
        render_slip(receipt(), 300)


def test_slips_take_only_aware_times() -> None:
    from datetime import datetime

    with pytest.raises(ValueError, match="timezone-aware"):
        receipt(received_at=datetime(2026, 11, 22, 8, 5))


def test_a_reprint_says_so_on_the_paper() -> None:
    first = render_slip(receipt(), PaperWidth.MM58)
    again = render_slip(receipt(reprint=True), PaperWidth.MM58)
    assert again.height > first.height
    assert _codes(again)[zxingcpp.BarcodeFormat.QRCode] == CODE


def test_text_never_runs_past_the_width_it_was_measured_at() -> None:
    font = slip_font(22)
    line = "Nguyễn Thị Hoà — Đăng ký khai sinh, ỄẾỖỠẴẪ"
    image = Image.new("1", (600, 60), 1)
    font.draw(image, 10, 40, line)
    ink = ImageChops.invert(image.convert("L")).getbbox()
    assert ink is not None
    assert ink[2] <= 10 + round(font.getlength(line)) + 2
