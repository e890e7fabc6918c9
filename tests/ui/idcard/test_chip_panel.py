"""The chip panel beside the intake: the key from the QR, "Đọc chip" waiting for the card, the
photo shown for comparison, the verdict in words, and the applicant's fields handed on."""

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from onestop import audit, chip_reads, chip_trust, dossiers, settings
from onestop.idcard import parse_qr
from tests.conftest import Office
from tests.integration.idcard.chip_emulator import (
    Authority,
    CardFiles,
    Chip,
    VirtualCard,
    genuine_card,
    make_csca,
    make_signer,
)
from tests.integration.idcard.virtual_reader import VirtualReader
from tests.ui.conftest import ID_CARD, SCANNER_GAP_MS, release, type_text
from tests.ui.test_intake import log_in, pick_tick_and_save
from ui.counter_app import CounterApp
from ui.idcard.chip_panel import ChipApplicant, ChipPanel
from ui.tasks import TaskManager

WAIT_MS = 20_000


@pytest.fixture(scope="module")
def csca() -> Authority:
    return make_csca()


@pytest.fixture(scope="module")
def card(csca: Authority) -> CardFiles:
    return genuine_card(make_signer(csca))


@pytest.fixture
def panel(qtbot: QtBot, tasks: TaskManager, ui_office: Office,
          virtual_reader: VirtualReader) -> Iterator[ChipPanel]:
    made = ChipPanel(tasks, ui_office.officer, virtual_reader.name, wait_seconds=10)
    qtbot.addWidget(made)
    yield made
    made.shut_down()
    release(made)


@pytest.fixture
def laid(virtual_reader: VirtualReader) -> Iterator[list[VirtualCard]]:
    cards: list[VirtualCard] = []
    yield cards
    for card in cards:
        card.remove()


def test_a_card_laid_after_the_qr_scan_is_read_by_itself_shown_and_handed_on(
        qtbot: QtBot, panel: ChipPanel, ui_office: Office, card: CardFiles, csca: Authority,
        virtual_reader: VirtualReader, laid: list[VirtualCard],
        caplog: pytest.LogCaptureFixture) -> None:
    chip_trust.add_csca(ui_office.store, ui_office.technician, csca.pem)
    virtual_reader.wait_empty()

    def lay_card() -> None:
        laid.append(virtual_reader.lay(Chip(card)))

    caplog.set_level(logging.DEBUG)
    with qtbot.waitSignal(panel.applicant_read, timeout=WAIT_MS) as read:
        panel.use_qr(parse_qr(ID_CARD))
        assert panel.view.document_number.text() == "185012345"
        assert panel.view.expiry_date.text() == "15/03/2025"
        assert not panel.view.read.isEnabled()
        assert "Đặt thẻ" in panel.view.status.text()
        QTimer.singleShot(300, lay_card)
    applicant = read.args[0]
    assert isinstance(applicant, ChipApplicant)
    assert applicant.citizen.full_name == "Nguyễn Thị Hoà" and applicant.authentic
    assert not panel.view.photo.pixmap().isNull()
    assert panel.view.verdict.text() == "Thẻ thật — dữ liệu do Bộ Công an ký"
    assert panel.view.read.isEnabled()
    qtbot.waitUntil(lambda: _audited(ui_office), timeout=WAIT_MS)
    assert "photo" not in caplog.text.lower()
    panel.clear()
    assert panel.view.photo.pixmap().isNull()


def _audited(office: Office) -> bool:
    rows = audit.entries(office.store, office.supervisor, None, 20)
    return any(r.action == "idcard.read" and r.subject == "001185012345" for r in rows)


def test_without_the_trust_list_the_verdict_says_it_is_not_confirmed(
        qtbot: QtBot, panel: ChipPanel, card: CardFiles, virtual_reader: VirtualReader,
        laid: list[VirtualCard]) -> None:
    laid.append(virtual_reader.lay(Chip(card)))
    with qtbot.waitSignal(panel.applicant_read, timeout=WAIT_MS) as read:
        panel.use_qr(parse_qr(ID_CARD))
    assert not read.args[0].authentic
    assert panel.view.verdict.text().startswith("Chưa xác nhận được thẻ thật")


def test_wrong_keys_fill_nothing_and_say_what_to_check(
        qtbot: QtBot, panel: ChipPanel, card: CardFiles, virtual_reader: VirtualReader,
        laid: list[VirtualCard]) -> None:
    laid.append(virtual_reader.lay(Chip(card)))
    panel.view.document_number.setText("185012345")
    panel.view.birth_date.setText("16/03/1985")
    panel.view.expiry_date.setText("15/03/2025")
    read: list[object] = []
    panel.applicant_read.connect(read.append)
    with qtbot.waitSignal(panel.reading_failed, timeout=WAIT_MS) as failed:
        panel.view.read.click()
    assert "chưa đúng" in failed.args[0] and "chưa đúng" in panel.view.status.text()
    assert read == [] and panel.view.photo.pixmap().isNull()
    assert panel.view.read.isEnabled()


def test_a_qr_scan_at_a_counter_whose_card_never_comes_leaves_no_message(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office,
        virtual_reader: VirtualReader) -> None:
    virtual_reader.wait_empty()
    panel = ChipPanel(tasks, ui_office.officer, virtual_reader.name, wait_seconds=0.3)
    failed: list[str] = []
    panel.reading_failed.connect(failed.append)
    panel.use_qr(parse_qr(ID_CARD))
    qtbot.waitUntil(panel.view.read.isEnabled, timeout=WAIT_MS)
    assert failed == [] and panel.view.status.text() == ""
    with qtbot.waitSignal(panel.reading_failed, timeout=WAIT_MS) as clicked:
        panel.view.read.click()
    assert "Chưa có thẻ trên đầu đọc" in clicked.args[0]
    panel.shut_down()
    release(panel)


def test_the_intake_fills_from_the_chip_after_the_qr_and_keeps_what_was_typed(
        qtbot: QtBot, counter: CounterApp, ui_office: Office, card: CardFiles, csca: Authority,
        virtual_reader: VirtualReader, laid: list[VirtualCard]) -> None:
    chip_trust.add_csca(ui_office.store, ui_office.technician, csca.pem)
    with ui_office.store.write() as session:
        settings.put_in(session, ui_office.technician, "idcard.reader", virtual_reader.name)
        settings.put_in(session, ui_office.admin, "idcard.keep_photo", True)
    virtual_reader.wait_empty()
    window = log_in(qtbot, counter)
    intake = window.intake
    assert intake is not None and intake.chip is not None
    applicant = intake.view.applicant
    with qtbot.waitSignal(intake.chip.applicant_read, timeout=WAIT_MS):
        type_text(ID_CARD, SCANNER_GAP_MS)
        qtbot.waitUntil(lambda: applicant.id_number.text() == "001185012345")
        applicant.phone.setText("0912345678")
        QTimer.singleShot(300, lambda: laid.append(virtual_reader.lay(Chip(card))))
    assert applicant.full_name.text() == "Nguyễn Thị Hoà"
    assert applicant.phone.text() == "0912345678"
    assert applicant.card_note.text().startswith("Đọc từ chip: thẻ thật")
    assert intake.view.chip.isVisible()
    assert intake.applicant.applicant().from_genuine_chip
    applicant.full_name.setText("Nguyễn Thị Hòa")
    assert not intake.applicant.applicant().from_genuine_chip, "an edited name is not the chip's"
    applicant.full_name.setText("Nguyễn Thị Hoà")
    code = pick_tick_and_save(qtbot, intake)
    qtbot.waitUntil(lambda: chip_reads.photo_path(ui_office.store, code).exists(), timeout=WAIT_MS)
    assert dossiers.show(ui_office.store, ui_office.officer, code).applicant.from_genuine_chip
    intake.start_over()
    assert not intake.view.chip.isVisible() and intake.chip.view.photo.pixmap().isNull()
