"""A table of dossiers, one row each, to pick from with the keyboard: the applicant's column wide
enough for a long name, the procedure's taking the room left."""

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

APPLICANT_WIDTH = 230


def dossier_rows(model: QAbstractItemModel, applicant: int, procedure: int) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(procedure, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(applicant, QHeaderView.ResizeMode.Interactive)
    table.setColumnWidth(applicant, APPLICANT_WIDTH)
    return table
