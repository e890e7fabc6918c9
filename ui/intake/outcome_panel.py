"""What the visit ends in: a receipt, a supplement request, or a refusal with its reasons."""

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QPlainTextEdit

from onestop.dossiers import RECEIVED, REFUSED, SUPPLEMENT_REQUESTED
from onestop.i18n import _

OUTCOMES = (RECEIVED, SUPPLEMENT_REQUESTED, REFUSED)


# two lines of reasons at least: at 1280×720 the column has no more height to give
REASONS_MIN_HEIGHT = 60


class OutcomePanel(QGroupBox):
    save_asked = Signal()

    def __init__(self) -> None:
        super().__init__(_("Kết quả tiếp nhận"))
        self.outcome = QComboBox()
        self.outcome.addItems([_("Tiếp nhận, hẹn trả kết quả"), _("Yêu cầu bổ sung hồ sơ (F7)"),
                               _("Từ chối tiếp nhận (F8)")])
        self.reasons = QPlainTextEdit()
        self.reasons.setTabChangesFocus(True)
        self.reasons.setPlaceholderText(_("Lý do, giấy tờ cần bổ sung (mỗi ý một dòng)"))
        self.reasons.setMaximumHeight(90)
        self.reasons.setMinimumHeight(REASONS_MIN_HEIGHT)
        layout = QFormLayout(self)
        layout.addRow(_("Kết quả"), self.outcome)
        layout.addRow(_("Lý do"), self.reasons)
        self.outcome.currentIndexChanged.connect(self._on_outcome_current_index_changed)
        self._on_outcome_current_index_changed(0)
        self.reasons.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The text box takes Ctrl+Enter as its own key, before any shortcut sees it.
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                    and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
                self.save_asked.emit()
                return True
        return False

    def chosen(self) -> str:
        return OUTCOMES[self.outcome.currentIndex()]

    def reasons_text(self) -> str:
        return self.reasons.toPlainText() if self.chosen() != RECEIVED else ""

    def choose(self, outcome: str, missing: tuple[str, ...]) -> None:
        """Switch to a supplement request or refusal, the missing papers written in."""
        self.outcome.setCurrentIndex(OUTCOMES.index(outcome))
        if missing and not self.reasons.toPlainText().strip():
            self.reasons.setPlainText("\n".join(_("Thiếu: {0}").format(name) for name in missing))
        self.reasons.setFocus()

    def clear(self) -> None:
        self.outcome.setCurrentIndex(0)
        self.reasons.clear()

    def _on_outcome_current_index_changed(self, index: int) -> None:
        self.reasons.setEnabled(index != 0)
