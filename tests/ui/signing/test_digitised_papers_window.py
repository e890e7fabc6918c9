"""A dossier's papers in the counter window: the pages filed become digitised copies, read in the
background (which the officer can pause), signed with the PIN asked once for the login, each copy's
signature checked when the dossier is opened; a PIN refused leaves the papers waiting to be signed
later; papers scanned at intake are signed after the save; the PIN is kept nowhere but in the
window's memory, until the screen is locked."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from onestop import digitised, dossiers, settings
from onestop.roles import SYSTEM
from tests.conftest import Office
from tests.integration.scanning.vietnamese_paper import draw_paper
from tests.integration.signing.softhsm_token import SIGNER_NAME, SoftToken
from tests.machine import need_program
from tests.ui.conftest import ID_CARD, counter_setup
from tests.ui.scanning.conftest import BIRTH, FORM, a_dossier
from tests.ui.test_intake import log_in
from ui.counter_app import CounterApp
from ui.dossiers.dossier_dialog import DossierDialog
from ui.main_window import MainWindow
from ui.scanning.reading_status import ReadingStatus
from ui.scanning.scan_panel import ScanPanel
from ui.signing.pin_dialog import PinDialog
from ui.tasks import TaskManager

# reading a page with Tesseract on a shared machine
READ_MS = 180_000
WAIT_MS = 15_000


@pytest.fixture
def signing_office(ui_office: Office, soft_token: SoftToken) -> Office:
    with ui_office.store.write() as session:
        for name, value in (("signing.pkcs11_module", soft_token.module), ("signing.token", soft_token.token),
                            ("signing.key", soft_token.key)):
            settings.put_in(session, SYSTEM, name, value)
    return ui_office


@pytest.fixture
def window(qtbot: QtBot, tasks: TaskManager, signing_office: Office) -> Iterator[MainWindow]:
    window = MainWindow(tasks, signing_office.officer, counter_setup(signing_office.store))
    qtbot.addWidget(window)
    window.show()
    yield window
    window.shut_down()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=READ_MS)


def pin_dialog() -> PinDialog:
    (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, PinDialog) and w.isVisible()]
    return dialog


def give_pin(qtbot: QtBot, pin: str) -> None:
    qtbot.waitUntil(lambda: any(isinstance(w, PinDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=WAIT_MS)
    dialog = pin_dialog()
    # as typed by a person: a burst of keys would be taken for the handheld scanner
    dialog.pin.setText(pin)
    dialog.sign.click()


def line(dialog: DossierDialog) -> str:
    label = dialog.paper_lines.get(FORM)
    return "" if label is None else label.text()


def form_pages(qtbot: QtBot, panel: ScanPanel, tmp_path: Path) -> None:
    """A printed form's page imported into the panel, put under the form."""
    paper = tmp_path / "to-khai.png"
    drawn = draw_paper(repeat=1)
    drawn.image.save(paper, dpi=(drawn.dpi, drawn.dpi))
    qtbot.waitUntil(panel.view.import_files.isEnabled, timeout=WAIT_MS)
    panel.view.item.setCurrentIndex(panel.view.item.findData(FORM))
    with qtbot.waitSignal(panel.scan_ended, timeout=WAIT_MS):
        panel.import_files([paper])


def scanned_form(qtbot: QtBot, dialog: DossierDialog, tmp_path: Path) -> None:
    panel = dialog.scan_panel
    assert panel is not None
    form_pages(qtbot, panel, tmp_path)
    with qtbot.waitSignal(panel.papers_filed, timeout=WAIT_MS):
        panel.view.save.click()


@pytest.mark.slow
def test_papers_filed_become_copies_read_in_the_background_and_signed_with_one_pin(
        qtbot: QtBot, window: MainWindow, signing_office: Office, soft_token: SoftToken,
        tmp_path: Path) -> None:
    need_program("tesseract")
    desk = window.digitising
    status = window.status.findChild(ReadingStatus)
    assert status is not None
    qtbot.waitUntil(lambda: not desk.reading, timeout=WAIT_MS)
    status.pause.click()
    assert desk.paused and status.pause.text() == "Đọc tiếp"

    code = a_dossier(signing_office)
    dialog = window.open_dossier(code)
    qtbot.waitUntil(dialog.view.isVisible, timeout=WAIT_MS)
    assert dialog.view.no_papers.isVisible()
    scanned_form(qtbot, dialog, tmp_path)

    # the PIN is asked at once; a wrong one signs nothing, is forgotten, and the paper waits
    give_pin(qtbot, "000000")
    qtbot.waitUntil(lambda: "PIN" in dialog.view.error.text(), timeout=WAIT_MS)
    assert not desk.has_pin
    qtbot.waitUntil(lambda: "Chưa ký số" in line(dialog), timeout=WAIT_MS)
    assert "đang chờ nhận dạng chữ" in line(dialog)
    (copy,) = digitised.dossier_copies(signing_office.store, signing_office.officer, code)
    assert copy.ocr_state == "waiting" and copy.sign_state == "unsigned"

    # signing later: the PIN asked again, given right; the paper is signed as soon as it is read
    dialog.sign_buttons[FORM].click()
    give_pin(qtbot, soft_token.pin)
    qtbot.waitUntil(lambda: desk.has_pin, timeout=WAIT_MS)
    status.pause.click()
    assert not desk.paused
    qtbot.waitUntil(lambda: "ký số bởi" in line(dialog), timeout=READ_MS)
    assert line(dialog).startswith(f"Đã số hóa, ký số bởi {SIGNER_NAME} lúc ")
    assert FORM not in dialog.sign_buttons
    (copy,) = digitised.dossier_copies(signing_office.store, signing_office.officer, code)
    assert (copy.ocr_state, copy.sign_state) == ("read", "signed")

    # one file per paper: the scan filed became the copy
    (attached,) = dossiers.show(signing_office.store, signing_office.supervisor, code).attachments
    assert attached.sha256 == copy.sha256

    # the PIN is in no file the counter keeps, and goes with the lock
    data = signing_office.store.attachments_dir.parent
    for path in data.rglob("*"):
        if path.is_file():
            assert soft_token.pin.encode() not in path.read_bytes(), path
    desk.forget_pin()
    assert not desk.has_pin

    # a copy changed after signing says so when the dossier is opened again
    dialog.view.reject()
    stored = digitised.copy_file(signing_office.store, copy)
    changed = bytearray(stored.read_bytes())
    changed[len(changed) // 3] ^= 0x01
    stored.write_bytes(bytes(changed))
    again = window.open_dossier(code)
    qtbot.waitUntil(lambda: "không hợp lệ" in line(again), timeout=WAIT_MS)
    again.view.reject()


@pytest.mark.slow
def test_papers_scanned_at_intake_are_signed_after_the_save_and_the_lock_drops_the_pin(
        qtbot: QtBot, counter: CounterApp, signing_office: Office, soft_token: SoftToken,
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    need_program("tesseract")
    window = log_in(qtbot, counter)
    told: list[str] = []
    window.digitising.told.connect(lambda c, m: told.append(m))
    intake = window.intake
    assert intake is not None
    panel = intake.scan_panel
    assert intake.take_scan(ID_CARD)
    intake.view.procedure.search.setText(BIRTH)
    qtbot.keyClick(intake.view.procedure.search, Qt.Key.Key_Return)
    form_pages(qtbot, panel, tmp_path)
    intake.view.outcome.choose(dossiers.SUPPLEMENT_REQUESTED, ["Giấy chứng sinh"])
    with qtbot.waitSignal(panel.papers_filed, timeout=WAIT_MS) as filed:
        qtbot.keyClick(intake.view.checklist, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    code = filed.args[0]

    # the PIN is asked once the papers are made into copies, and they are signed once read
    give_pin(qtbot, soft_token.pin)

    def signed() -> bool:
        copies = digitised.dossier_copies(signing_office.store, signing_office.officer, code)
        return [(c.document_code, c.sign_state) for c in copies] == [(FORM, "signed")]

    # the window says so once the signature is stored
    qtbot.waitUntil(lambda: bool(told), timeout=READ_MS)
    assert told == [f"Đã ký số 1 giấy tờ của hồ sơ {code}."]
    assert signed()
    assert window.digitising.has_pin
    counter.lock_screen()
    assert not window.digitising.has_pin
    assert not any(soft_token.pin in record.getMessage() for record in caplog.records)
