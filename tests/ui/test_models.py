"""Every Qt model of the window passes Qt's own model tester, filled with real rows."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from onestop import catalogue, dossiers
from onestop.dossier_list import DossierFilter, list_dossiers
from tests.conftest import Office
from ui.dossiers.dossier_table_model import DUE, DossierTableModel
from ui.dossiers.history_model import HistoryModel
from ui.intake.checklist_model import ChecklistModel
from ui.intake.procedure_model import ProcedureListModel


def test_procedure_list_model(qtmodeltester: ModelTester, ui_office: Office) -> None:
    model = ProcedureListModel()
    model.show_procedures(catalogue.list_procedures(ui_office.store))
    qtmodeltester.check(model, force_py=True)


def test_checklist_model(qtmodeltester: ModelTester, ui_office: Office) -> None:
    model = ChecklistModel()
    model.show_documents(catalogue.get_procedure(ui_office.store, "1.001193").documents)
    qtmodeltester.check(model, force_py=True)
    model.tick(0, False)
    assert model.missing()
    qtmodeltester.check(model, force_py=True)


def test_dossier_table_and_history_models(qtmodeltester: ModelTester, ui_office: Office) -> None:
    received = dossiers.receive(ui_office.store, ui_office.officer, dossiers.Intake(
        "1.001193", dossiers.ApplicantInput("Lê Văn Tám"),
        received_at=datetime.now(UTC) - timedelta(days=20)))
    dossiers.transition(ui_office.store, ui_office.officer, received.code, "in_process")
    table = DossierTableModel()
    table.show_dossiers(list_dossiers(ui_office.store, ui_office.officer, DossierFilter()))
    qtmodeltester.check(table, force_py=True)
    history = HistoryModel()
    history.show_history(dossiers.show(ui_office.store, ui_office.officer, received.code).history)
    qtmodeltester.check(history, force_py=True)
    assert history.rowCount() == 2


@pytest.mark.parametrize("move", ["supplement_requested", "refused"])
def test_a_supplement_request_or_refusal_shows_no_appointment_nor_due_colour(
        ui_office: Office, move: str) -> None:
    received = dossiers.receive(ui_office.store, ui_office.officer, dossiers.Intake(
        "1.001193", dossiers.ApplicantInput("Lê Văn Tám"),
        received_at=datetime.now(UTC) - timedelta(days=20)))
    dossiers.transition(ui_office.store, ui_office.officer, received.code, move, note="Thiếu tờ khai")
    table = DossierTableModel()
    table.show_dossiers(list_dossiers(ui_office.store, ui_office.officer, DossierFilter()))
    row = next(r for r in range(table.rowCount()) if table.code_at(r) == received.code)
    assert table.data(table.index(row, DUE)) == "không hẹn"
    for column in range(table.columnCount()):
        assert table.data(table.index(row, column), Qt.ItemDataRole.BackgroundRole) is None
