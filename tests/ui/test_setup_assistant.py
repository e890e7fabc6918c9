"""The set-up assistant on an empty data dir: a technician walks through the office, counter,
admin, printer (with a trial slip), province and catalogue, and the office exists only once the
last step is done."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from onestop import catalogue, settings, users
from onestop.store.engine import Store, open_store
from onestop.workcalendar_store import declared_days
from scanning.sane_backend import sane_scanner
from tests.integration.scanning.conftest import SaneConfig, sane_config  # noqa: F401 - the fixture
from tests.machine import need
from tests.ui.conftest import slips_in, task_manager
from ui.setup.setup_assistant import SetupAssistant


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "new-office")
    yield store
    store.close()


@pytest.fixture
def assistant(qtbot: QtBot, empty_store: Store) -> Iterator[SetupAssistant]:
    for tasks in task_manager(empty_store):
        shown = SetupAssistant(tasks)
        qtbot.addWidget(shown)
        shown.show()
        yield shown


def next_page(assistant: SetupAssistant) -> None:
    assistant.button(QWizard.WizardButton.NextButton).click()


def only_what_is_needed(assistant: SetupAssistant) -> None:
    """The office and the admin, every other step left empty, up to the last step."""
    assistant.office.code.setText("000.00.21.H40")
    assistant.office.name.setText("UBND xã Tân Phú")
    next_page(assistant)
    next_page(assistant)
    assistant.admin.username.setText("trang")
    assistant.admin.full_name.setText("Lê Thu Trang")
    assistant.admin.password.setText("Quantri-2026")
    assistant.admin.repeated.setText("Quantri-2026")
    for _ in range(3):
        next_page(assistant)


def test_the_office_is_made_at_the_last_step_and_not_before(
        qtbot: QtBot, assistant: SetupAssistant, empty_store: Store, tmp_path: Path) -> None:
    office = assistant.office
    office.code.setText("000.00.21.H40")
    next_page(assistant)
    assert assistant.currentPage() is office, "an office without a name went on"
    assert office.status.text()
    office.name.setText("UBND xã Tân Phú")
    office.address.setText("Xã Tân Phú, tỉnh Đồng Nai")
    next_page(assistant)

    assert assistant.currentPage() is assistant.counter
    assistant.counter.code.setText("Q2")
    assistant.counter.start.setValue(5001)
    next_page(assistant)

    admin = assistant.admin
    admin.username.setText("trang")
    admin.full_name.setText("Lê Thu Trang")
    admin.password.setText("Quantri-2026")
    admin.repeated.setText("Quantri-2027")
    next_page(assistant)
    assert assistant.currentPage() is admin and "khớp" in admin.status.text()
    admin.repeated.setText("Quantri-2026")
    next_page(assistant)

    devices = assistant.devices
    devices.printer.setText(f"virtual://{tmp_path / 'slips'}")
    devices.trial_button.click()
    qtbot.waitUntil(lambda: devices.trial_button.isEnabled() and bool(devices.status.text()),
                    timeout=15000)
    assert slips_in(tmp_path / "slips"), devices.status.text()
    next_page(assistant)
    next_page(assistant)  # no province yet: the counter works offline

    assistant.catalogue.sample.setChecked(True)
    assistant.catalogue.days.setPlainText("13/02/2027 LamBu\n02/09/2027 Nghi")
    assert users.first_admin_needed(empty_store), "something was written before the last step"
    with qtbot.waitSignal(assistant.admin_created, timeout=15000) as created:
        assistant.button(QWizard.WizardButton.FinishButton).click()
    assert created.args == ["trang"]

    with empty_store.read() as session:
        assert not users.first_admin_needed_in(session)
        assert settings.get_in(session, "agency.name") == "UBND xã Tân Phú"
        assert settings.get_in(session, "counter.sequence_start") == 5001
        assert settings.get_in(session, "printer.uri") == f"virtual://{tmp_path / 'slips'}"
    assert len(catalogue.list_procedures(empty_store)) == 21
    assert [(d, k) for d, k, _note in declared_days(empty_store, 2027)] == [
        (date(2027, 2, 13), "LamBu"), (date(2027, 9, 2), "Nghi")]


def test_the_assistant_speaks_vietnamese_and_fits_the_counter_screen(
        assistant: SetupAssistant) -> None:
    assert assistant.button(QWizard.WizardButton.NextButton).text() == "Tiếp >"
    assert assistant.button(QWizard.WizardButton.CancelButton).text() == "Huỷ"
    for page_id in assistant.pageIds():
        page = assistant.page(page_id)
        needed = page.sizeHint()
        assert needed.width() <= 1280 - 40 and needed.height() <= 720 - 160, page.title()
    assert assistant.frameGeometry().width() <= 1280
    assert assistant.frameGeometry().height() <= 720


def test_a_wrong_office_hours_text_keeps_the_last_step_open(
        qtbot: QtBot, assistant: SetupAssistant) -> None:
    only_what_is_needed(assistant)
    assert assistant.currentPage() is assistant.catalogue
    assistant.catalogue.hours.setText("thứ hai đến thứ sáu")
    assistant.button(QWizard.WizardButton.FinishButton).click()
    assert assistant.isVisible() and "thứ hai đến thứ sáu" in assistant.catalogue.status.text()
    assistant.catalogue.hours.setText("T2-T6 07:30-11:30 13:30-17:00")
    assistant.catalogue.days.setPlainText("30/02/2027 Nghi")
    assistant.button(QWizard.WizardButton.FinishButton).click()
    assert assistant.isVisible() and "30/02/2027" in assistant.catalogue.status.text()


def test_a_store_set_up_meanwhile_is_not_set_up_again(
        qtbot: QtBot, assistant: SetupAssistant, empty_store: Store) -> None:
    with empty_store.write() as session:
        users.create_first_admin(session, "quantri", "Phạm Thu Hà", "mat-khau-quan-tri")
    only_what_is_needed(assistant)
    assistant.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: "đã được thiết lập" in assistant.catalogue.status.text(), timeout=15000)
    assert assistant.isVisible()
    assert assistant.button(QWizard.WizardButton.FinishButton).isEnabled()
    with empty_store.read() as session:
        admin = users.actor_named(session, "quantri")
    assert [u.username for u in users.list_users(empty_store, admin)] == ["quantri"]


def test_a_trial_scan_says_how_many_pages_the_scanner_gave(
        qtbot: QtBot, assistant: SetupAssistant, sane_config: SaneConfig) -> None:  # noqa: F811
    need(sane_scanner() is not None, "neither python-sane nor scanimage is installed")
    sane_config()
    for _ in range(3):
        next_page(assistant)
    devices = assistant.devices
    devices.scan_button.click()
    assert "máy quét" in devices.status.text(), "no scanner typed: nothing to try"
    devices.scanner.setText("test:0")
    devices.scan_button.click()
    qtbot.waitUntil(lambda: devices.scan_button.isEnabled() and "trang" in devices.status.text(),
                    timeout=60_000)
    assert "Đã nhận 1 trang" in devices.status.text()
