"""One dossier laid out for a 1366×768 screen: its facts, papers, attached scans and history on
one tab, the scan panel on a second tab for a role that may attach papers; correcting it beside its
code; the status moves in a grid, the moves that end the dossier apart, drawn in red, beside
reprint and close."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import _
from ui.dossiers.history_model import HistoryModel

MOVES_PER_ROW = 4
WIDTH, HEIGHT = 1180, 700
HISTORY_HEIGHT = 140


def _wrapping() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class DossierView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QLabel()
        self.code.setProperty("role", "heading")
        self.status = _wrapping()
        self.applicant = _wrapping()
        self.procedure = _wrapping()
        self.dates = _wrapping()
        self.documents = QPlainTextEdit()
        self.documents.setReadOnly(True)
        self.documents.setMaximumHeight(110)
        self.attachments = QPlainTextEdit()
        self.attachments.setReadOnly(True)
        self.attachments.setMaximumHeight(90)
        self.papers = QWidget()
        self.papers_grid = QGridLayout(self.papers)
        self.papers_grid.setContentsMargins(0, 0, 0, 0)
        self.papers_grid.setColumnStretch(1, 1)
        self.no_papers = QLabel(_("Chưa có giấy tờ nào được số hóa."))
        self.history_model = HistoryModel()
        self.history = QTableView()
        self.history.setModel(self.history_model)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.setWordWrap(True)
        self.history.setMinimumHeight(HISTORY_HEIGHT)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.error = _wrapping()
        self.error.setProperty("role", "error")
        self.moves = QGridLayout()
        self.ending_title = QLabel(_("Kết thúc hồ sơ:"))
        self.ending_title.setProperty("role", "error")
        self.ending_moves = QHBoxLayout()
        self.reprint = QPushButton(_("In lại phiếu"))
        self.correct = QPushButton(_("Đính chính… (Ctrl+E)"))
        self.correct.setAutoDefault(False)
        self.close_button = QPushButton(_("Đóng (Esc)"))

        facts = QFormLayout()
        facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        facts.addRow(_("Trạng thái"), self.status)
        facts.addRow(_("Người nộp"), self.applicant)
        facts.addRow(_("Thủ tục"), self.procedure)
        facts.addRow(_("Thời gian"), self.dates)
        facts.addRow(_("Giấy tờ đã nộp"), self.documents)
        facts.addRow(_("Bản quét đính kèm"), self.attachments)
        facts.addRow(_("Bản số hóa"), self.papers)
        dossier = QWidget()
        dossier_layout = QVBoxLayout(dossier)
        dossier_layout.addLayout(facts)
        dossier_layout.addWidget(QLabel(_("Quá trình xử lý")))
        dossier_layout.addWidget(self.history, 1)
        self.tabs = QTabWidget()
        # a long procedure and history scroll inside the tab instead of stretching the window
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(dossier)
        self.tabs.addTab(scroller, _("Hồ sơ"))
        self.ending_title.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.ending_title)
        bottom.addLayout(self.ending_moves)
        bottom.addStretch(1)
        bottom.addWidget(self.reprint)
        bottom.addWidget(self.close_button)
        heading = QHBoxLayout()
        heading.addWidget(self.code)
        heading.addStretch(1)
        heading.addWidget(self.correct)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addLayout(self.moves)
        layout.addLayout(bottom)
        self.clear_papers()
        self.resize(WIDTH, HEIGHT)

    def clear_papers(self) -> None:
        while (item := self.papers_grid.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None and widget is not self.no_papers:
                widget.deleteLater()
        self.papers_grid.addWidget(self.no_papers, 0, 0, 1, 3)
        self.no_papers.show()

    def place_paper(self, name: str, line: str, sign: QPushButton | None) -> QLabel:
        """One paper's copy: its name, what its signature says, and a button to sign it."""
        if self.papers_grid.indexOf(self.no_papers) >= 0:
            self.papers_grid.removeWidget(self.no_papers)
            self.no_papers.hide()
        row = self.papers_grid.rowCount()
        named = _wrapping()
        named.setText(name)
        said = _wrapping()
        said.setText(line)
        self.papers_grid.addWidget(named, row, 0)
        self.papers_grid.addWidget(said, row, 1)
        if sign is not None:
            self.papers_grid.addWidget(sign, row, 2, Qt.AlignmentFlag.AlignTop)
        return said

    def offer_scanning(self, panel: QWidget) -> None:
        self.tabs.addTab(panel, _("Quét thêm giấy tờ"))

    def place_move(self, button: QPushButton, *, ends_dossier: bool) -> None:
        if ends_dossier:
            button.setProperty("role", "destructive")
            self.ending_moves.addWidget(button)
            self.ending_title.show()
            return
        placed = self.moves.count()
        self.moves.addWidget(button, placed // MOVES_PER_ROW, placed % MOVES_PER_ROW,
                             Qt.AlignmentFlag(0))

    def clear_moves(self) -> None:
        for layout in (self.moves, self.ending_moves):
            while (item := layout.takeAt(0)) is not None:
                widget = item.widget()
                if widget is not None:
                    widget.deleteLater()
        self.ending_title.hide()
