"""The technician's chip page: the readers found, the reader the intake uses, the trust list."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from onestop import chip_trust, settings
from tests.conftest import Office
from tests.integration.idcard.chip_emulator import Authority, make_csca
from tests.integration.idcard.virtual_reader import VirtualReader
from tests.ui.conftest import release
from ui.idcard.chip_setup_screen import ChipSetupScreen
from ui.tasks import TaskManager

WAIT_MS = 15_000


@pytest.fixture
def page(qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> Iterator[ChipSetupScreen]:
    made = ChipSetupScreen(tasks, ui_office.technician)
    qtbot.addWidget(made)
    made.show()
    yield made
    made.shut_down()
    release(made)


def test_the_technician_finds_the_reader_sets_it_and_installs_the_trust_list(
        qtbot: QtBot, page: ChipSetupScreen, ui_office: Office, tmp_path: Path,
        virtual_reader: VirtualReader) -> None:
    qtbot.waitUntil(lambda: page.certificates.count() == 1, timeout=WAIT_MS)
    assert "Chưa có" in page.certificates.item(0).text()
    page.find_button.click()
    qtbot.waitUntil(lambda: page.readers.count() > 0, timeout=WAIT_MS)
    assert virtual_reader.name in [page.readers.item(i).text() for i in range(page.readers.count())]

    page.reader.setText(virtual_reader.name)
    with qtbot.waitSignal(page.settings_saved, timeout=WAIT_MS):
        page.save_button.click()
    assert settings.read_all(ui_office.store)["idcard.reader"] == virtual_reader.name

    csca: Authority = make_csca()
    pem = tmp_path / "csca.pem"
    pem.write_bytes(csca.pem)
    page.add_certificate(pem)
    qtbot.waitUntil(lambda: "Đã thêm" in page.status.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Chưa có" not in page.certificates.item(0).text(), timeout=WAIT_MS)
    assert len(chip_trust.list_cscas(ui_office.store)) == 1


def test_an_officer_cannot_install_a_root_certificate(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, tmp_path: Path) -> None:
    made = ChipSetupScreen(tasks, ui_office.officer)
    qtbot.addWidget(made)
    pem = tmp_path / "csca.pem"
    pem.write_bytes(make_csca().pem)
    made.add_certificate(pem)
    qtbot.waitUntil(lambda: bool(made.status.text()), timeout=WAIT_MS)
    assert "canbo" in made.status.text()
    assert chip_trust.list_cscas(ui_office.store) == []
    made.shut_down()
    release(made)
