"""The ID card laid on the glass: its QR read from the scanned image fills the applicant."""

import io
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from onestop.idcard import IdCard
from tests.conftest import Office
from tests.integration.scanning.escl_server import EsclServer, Scenario
from tests.ui.conftest import ID_CARD, release
from tests.ui.scanning.conftest import WAIT_MS, set_scanner
from tests.unit.scanning.drawn_pages import id_card, on_glass
from ui.scanning.id_card_glass import ID_CARD_DPI, IdCardFromGlass
from ui.tasks import TaskManager


def card_on_glass() -> bytes:
    out = io.BytesIO()
    on_glass(id_card(ID_CARD, ID_CARD_DPI), ID_CARD_DPI, angle=3).save(
        out, "JPEG", quality=90, dpi=(ID_CARD_DPI, ID_CARD_DPI))
    return out.getvalue()


@pytest.fixture
def reader(tasks: TaskManager) -> Iterator[IdCardFromGlass]:
    made = IdCardFromGlass(tasks)
    yield made
    made.shut_down()
    release(made)


def test_the_card_on_a_network_scanner_s_glass_is_read(
        qtbot: QtBot, ui_office: Office, reader: IdCardFromGlass) -> None:
    with EsclServer(Scenario(pages=1, picture=card_on_glass())) as escl:
        set_scanner(ui_office, {"scanner.device": escl.base_url, "scanner.source": "feeder",
                                "scanner.mode": "bilevel"})
        with qtbot.waitSignal(reader.id_card_read, timeout=WAIT_MS) as read:
            reader.action.trigger()
            assert not reader.action.isEnabled()
    card = read.args[0]
    assert isinstance(card, IdCard)
    assert (card.id_number, card.full_name, card.sex) == ("001185012345", "Nguyễn Thị Hoà", "Nữ")
    assert reader.action.isEnabled()
    sent = escl.record.settings[-1]
    assert "Platen" in sent and ">300<" in sent and "Grayscale8" in sent


def test_a_scan_without_a_card_says_how_to_lay_it(
        qtbot: QtBot, sane_office: Office, reader: IdCardFromGlass) -> None:
    with qtbot.waitSignal(reader.reading_failed, timeout=WAIT_MS) as failed:
        reader.read()
    assert "Không đọc được mã QR" in failed.args[0]
    assert reader.action.isEnabled()


def test_without_a_scanner_set_up_the_technician_is_named(
        qtbot: QtBot, ui_office: Office, reader: IdCardFromGlass) -> None:
    with qtbot.waitSignal(reader.reading_failed, timeout=WAIT_MS) as failed:
        reader.read()
    assert "Chưa chọn máy quét" in failed.args[0]
