import unicodedata

import pytest
from PIL import Image

from onestop.errors import DomainError
from scanning.id_card_qr import read_id_card_qr
from tests.unit.scanning.drawn_pages import id_card, on_glass, text_page

CCCD = "001099012345|123456789|Nguyễn Văn An|01011999|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021"


@pytest.mark.parametrize(("dpi", "angle"), [(300, 0), (300, 8), (200, -5), (300, 90), (300, 180)])
def test_the_qr_of_a_card_on_the_glass_is_read(dpi: int, angle: float) -> None:
    scan = on_glass(id_card(CCCD, dpi), dpi, angle)
    assert read_id_card_qr(scan) == CCCD


def test_a_coarse_scan_of_the_card_is_still_read() -> None:
    # about 90 dpi: the QR's modules are under two pixels wide
    scan = on_glass(id_card(CCCD, 300), 300).resize((760, 1075), Image.Resampling.LANCZOS)
    assert read_id_card_qr(scan) == CCCD


def test_a_colour_scan_is_read() -> None:
    scan = on_glass(id_card(CCCD, 300), 300).convert("RGB")
    assert read_id_card_qr(scan) == CCCD


def test_text_encoded_decomposed_comes_back_composed() -> None:
    decomposed = unicodedata.normalize("NFD", CCCD)
    assert decomposed != CCCD
    assert read_id_card_qr(on_glass(id_card(decomposed, 300), 300)) == CCCD


def test_a_page_without_a_qr_says_what_to_do() -> None:
    with pytest.raises(DomainError, match="Không đọc được mã QR"):
        read_id_card_qr(text_page(100))
