"""The scan panel of a dossier or an intake: pages from SANE's test backend, the loopback eSCL
scanner and files, arranged by the officer, filed into the dossier."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QPixmap
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from onestop import dossiers
from scanning.page_pipeline import PagePipeline, PageSettings
from scanning.scanner import ScannedImage
from tests.conftest import Office
from tests.integration.scanning.conftest import SaneConfig
from tests.integration.scanning.escl_server import EsclServer, Scenario
from tests.ui.conftest import release
from tests.ui.scanning.conftest import BIRTH_CERTIFICATE, CHECKLIST, FORM, WAIT_MS, a_dossier, set_scanner
from tests.unit.scanning.drawn_pages import blank_page, text_page
from tests.unit.scanning.test_file_import import jpeg
from ui.scanning.page_model import DROPPED_ROLE, PAGE_ROLE, ScannedPagesModel
from ui.scanning.scan_panel import ScanPanel
from ui.tasks import TaskManager


def open_panel(qtbot: QtBot, tasks: TaskManager, office: Office) -> ScanPanel:
    panel = ScanPanel(tasks, office.officer)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.settings_loaded, timeout=WAIT_MS):
        pass
    return panel


@pytest.fixture
def panel(qtbot: QtBot, tasks: TaskManager, sane_office: Office) -> Iterator[ScanPanel]:
    opened = open_panel(qtbot, tasks, sane_office)
    opened.show_checklist(CHECKLIST)
    yield opened
    opened.shut_down()
    release(opened)


def scan(qtbot: QtBot, panel: ScanPanel, source: str) -> str:
    v = panel.view
    v.source.setCurrentIndex(v.source.findText(source))
    with qtbot.waitSignal(panel.scan_ended, timeout=WAIT_MS) as ended:
        v.scan.click()
        assert not v.progress.isHidden() and not v.cancel.isHidden() and not v.scan.isEnabled()
    assert v.progress.isHidden() and v.scan.isEnabled()
    return str(ended.args[0])


def select(panel: ScanPanel, rows: list[int]) -> None:
    selection = panel.view.pages.selectionModel()
    selection.clear()
    for row in rows:
        selection.select(panel.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)


def names(panel: ScanPanel) -> list[str]:
    return [panel.model.page(row).page.path.name for row in range(panel.model.rowCount())]


def test_the_page_model_passes_qt_s_model_tester(qtbot: QtBot, qtmodeltester: ModelTester,
                                                  tmp_path: Path) -> None:
    pipeline = PagePipeline(tmp_path, PageSettings(dpi=100))
    model = ScannedPagesModel()
    model.show_checklist(CHECKLIST)
    model.add(pipeline.store(ScannedImage(1, text_page(100), 100)), FORM)
    # the tester stays on the model and checks every change from here on
    qtmodeltester.check(model, force_py=True)
    for picture in (blank_page(100), text_page(100, lines=3)):
        model.add(pipeline.store(ScannedImage(1, picture, 100)), FORM)
    assert model.index(1, 0).data(DROPPED_ROLE) and model.index(1, 0).data() == "Trang trắng, đã bỏ"
    assert model.index(0, 0).data() == "Tờ khai đăng ký khai sinh"
    assert isinstance(model.index(0, 0).data(Qt.ItemDataRole.DecorationRole), QPixmap)
    assert model.move(0, 2) and names_of(model) == ["page-0002.jpg", "page-0003.jpg", "page-0001.jpg"]
    assert not model.move(1, 1)
    mime = model.mimeData([model.index(2, 0)])
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index(-1, 0))
    assert names_of(model) == ["page-0001.jpg", "page-0002.jpg", "page-0003.jpg"]
    model.turn([0], 1)
    model.assign([0, 2], BIRTH_CERTIFICATE)
    assert model.index(0, 0).data(PAGE_ROLE).page.quarter_turns == 1
    model.keep_blank_pages()
    model.delete([1])
    assert len(model.clear()) == 3 and model.rowCount() == 0


def names_of(model: ScannedPagesModel) -> list[str]:
    return [model.page(row).page.path.name for row in range(model.rowCount())]


def test_fed_pages_are_arranged_and_filed_into_the_dossier(
        qtbot: QtBot, panel: ScanPanel, sane_office: Office) -> None:
    v = panel.view
    assert v.item.currentData() == FORM
    assert not v.save.isEnabled()
    said = scan(qtbot, panel, "Khay nạp giấy")
    assert said == "Đã quét xong. Đã nhận 10 trang."
    assert panel.model.rowCount() == 10
    assert {panel.model.page(row).document_code for row in range(10)} == {FORM}
    folder = panel.model.page(0).page.path.parent
    assert folder.parent.name == "scanned-pages"

    select(panel, [5, 6, 7, 8, 9])
    v.item.setCurrentIndex(v.item.findData(BIRTH_CERTIFICATE))
    v.assign.click()
    select(panel, [9])
    v.delete.click()
    select(panel, [4])
    v.earlier.click()
    assert panel.view.pages.currentIndex().row() == 3
    v.turn_right.click()
    assert names(panel)[3:5] == ["page-0005.jpg", "page-0004.jpg"]
    assert panel.model.page(3).page.quarter_turns == 1
    assert panel.model.index(6, 0).data() == "Giấy chứng sinh"

    code = a_dossier(sane_office)
    panel.set_dossier(code)
    assert v.save.isEnabled()
    with qtbot.waitSignal(panel.papers_filed, timeout=WAIT_MS) as filed:
        v.save.click()
    assert filed.args[0] == code
    assert [(f.document_code, f.pages) for f in filed.args[1]] == [(FORM, 5), (BIRTH_CERTIFICATE, 4)]
    assert panel.model.rowCount() == 0 and "Đã lưu 9 trang" in v.state.text()
    shown = dossiers.show(sane_office.store, sane_office.officer, code)
    assert [(a.document_code, a.pages) for a in shown.attachments] == [(FORM, 5), (BIRTH_CERTIFICATE, 4)]
    qtbot.waitUntil(lambda: not folder.exists(), timeout=WAIT_MS)


def test_cancel_keeps_the_pages_already_scanned(
        qtbot: QtBot, panel: ScanPanel, sane_config: SaneConfig) -> None:
    sane_config(read_delay="true", read_delay_duration="20000")
    v = panel.view
    v.source.setCurrentIndex(v.source.findText("Khay nạp giấy"))
    with qtbot.waitSignal(panel.scan_ended, timeout=WAIT_MS) as ended:
        v.scan.click()
        qtbot.waitUntil(lambda: panel.model.rowCount() >= 1, timeout=WAIT_MS)
        v.cancel.click()
    assert "Đã huỷ quét" in ended.args[0]
    assert 1 <= panel.model.rowCount() < 10
    assert all(panel.model.page(row).page.path.exists() for row in range(panel.model.rowCount()))


def test_blank_pages_are_shown_dropped_and_the_drop_can_be_undone(
        qtbot: QtBot, panel: ScanPanel, sane_config: SaneConfig, sane_office: Office) -> None:
    sane_config(test_picture='"Solid white"')
    scan(qtbot, panel, "Mặt kính")
    v = panel.view
    assert panel.model.dropped() == 1 and panel.model.index(0, 0).data(DROPPED_ROLE)
    assert not v.blank_notice.isHidden() and v.blank_notice.text() == "Đã bỏ 1 trang trắng."
    panel.set_dossier(a_dossier(sane_office))
    assert not v.save.isEnabled()
    v.keep_blank.click()
    assert v.blank_notice.isHidden() and v.save.isEnabled()
    select(panel, [0])
    v.keep_or_drop.click()
    assert panel.model.dropped() == 1


def test_files_come_in_and_a_bad_one_is_named(qtbot: QtBot, panel: ScanPanel, tmp_path: Path) -> None:
    (tmp_path / "hong.jpg").write_bytes(b"\xff\xd8 not a picture")
    with qtbot.waitSignal(panel.scan_ended, timeout=WAIT_MS) as ended:
        panel.import_files([jpeg(tmp_path / "to-khai.jpg", dpi=150), tmp_path / "hong.jpg"])
    assert panel.model.rowCount() == 1
    assert "hong.jpg" in ended.args[0] and "Đã nhận 1 trang" in ended.args[0]


def test_a_network_scanner_that_jams_half_way_leaves_its_pages_for_the_intake(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> None:
    with EsclServer(Scenario(pages=5, jam_after=3)) as escl:
        set_scanner(ui_office, {"scanner.device": escl.base_url, "scanner.source": "feeder",
                                "scanner.duplex": True})
        panel = open_panel(qtbot, tasks, ui_office)
        try:
            assert panel.view.source.currentText() == "Khay nạp, hai mặt"
            with qtbot.waitSignal(panel.scan_ended, timeout=WAIT_MS) as ended:
                panel.scan()
            assert "Kẹt giấy" in ended.args[0] and "Đã nhận 3 trang" in ended.args[0]
            assert panel.model.rowCount() == 3
            assert not panel.view.save.isEnabled()
            code = a_dossier(ui_office)
            with qtbot.waitSignal(panel.papers_filed, timeout=WAIT_MS):
                panel.file_into(code)
        finally:
            panel.shut_down()
            release(panel)
    shown = dossiers.show(ui_office.store, ui_office.officer, code)
    assert [(a.document_code, a.pages) for a in shown.attachments] == [(None, 3)]


def test_a_scanner_that_is_gone_is_said_and_nothing_is_added(
        qtbot: QtBot, tasks: TaskManager, panel: ScanPanel, sane_office: Office) -> None:
    set_scanner(sane_office, {"scanner.device": "test:9"})
    fresh = open_panel(qtbot, tasks, sane_office)
    try:
        with qtbot.waitSignal(fresh.scan_ended, timeout=WAIT_MS) as ended:
            fresh.scan()
        assert "Mất kết nối với máy quét" in ended.args[0]
        assert fresh.model.rowCount() == 0
    finally:
        fresh.shut_down()
        release(fresh)


def test_files_a_network_scanner_drops_in_the_folder_are_taken(
        qtbot: QtBot, panel: ScanPanel, sane_office: Office, tmp_path: Path) -> None:
    folder = tmp_path / "may-quet"
    folder.mkdir()
    set_scanner(sane_office, {"scanner.watch_folder": str(folder)})
    with qtbot.waitSignal(panel.settings_loaded, timeout=WAIT_MS):
        panel.reload_settings()
    with qtbot.waitSignal(panel.scan_ended, timeout=WAIT_MS) as ended:
        panel.view.from_folder.click()
        assert "may-quet" in panel.view.state.text()
        jpeg(folder / "scan0001.jpg", dpi=150)
        qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT_MS)
        panel.view.cancel.click()
    assert "Đã huỷ quét. Đã nhận 1 trang." in ended.args[0]
    assert (folder / "taken" / "scan0001.jpg").exists()
