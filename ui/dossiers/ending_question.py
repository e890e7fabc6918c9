"""Before a move that ends a dossier (refusal, withdrawal, stop): what will happen, said plainly,
and a reason without which the move cannot be confirmed."""

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from onestop.i18n import _
from ui.dialogs import hold_wrapped
from ui.dossiers.status_actions import StatusAction


class EndingQuestion(QDialog):
    def __init__(self, parent: QWidget, code: str, action: StatusAction) -> None:
        super().__init__(parent)
        self.setWindowTitle(action.title)
        warning = QLabel(_("Hồ sơ {code} sẽ chuyển sang “{status}” và kết thúc tại đây; "
                                  "không thể hoàn tác.").format(code=code, status=action.title))
        warning.setProperty("role", "warning")
        hold_wrapped(warning)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        buttons = QDialogButtonBox()
        self.confirm = buttons.addButton(_("Xác nhận: {0}").format(action.title),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setProperty("role", "destructive")
        self.confirm.setEnabled(False)
        self.confirm.setAutoDefault(False)
        cancel = buttons.addButton(_("Huỷ"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._on_reason_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(QLabel(action.question or _("Lý do:")))
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.resize(560, 300)

    @Slot()
    def _on_reason_text_changed(self) -> None:
        self.confirm.setEnabled(bool(self.reason.toPlainText().strip()))


def confirm_ending(parent: QWidget, code: str, action: StatusAction) -> str | None:
    """The reason given, or None when the officer stepped back."""
    question = EndingQuestion(parent, code, action)
    if question.exec() != QDialog.DialogCode.Accepted:
        return None
    return question.reason.toPlainText().strip()
