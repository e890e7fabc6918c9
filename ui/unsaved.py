"""Leaving a screen with changes not yet saved: save them, drop them, or stay. The question is
window-modal and answers later, so that closing never blocks the event loop."""

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from onestop.i18n import _


class UnsavedAnswer(Enum):
    SAVE = "save"
    DROP = "drop"
    STAY = "stay"


class UnsavedQuestion(QMessageBox):
    def __init__(self, parent: QWidget, what: str) -> None:
        super().__init__(QMessageBox.Icon.Question, _("Chưa lưu thay đổi"),
                         what + "\n" + _("Lưu trước khi đóng?"), QMessageBox.StandardButton.NoButton,
                         parent)
        self.save = self.addButton(_("Lưu rồi đóng"), QMessageBox.ButtonRole.AcceptRole)
        self.drop = self.addButton(_("Bỏ thay đổi"), QMessageBox.ButtonRole.DestructiveRole)
        self.stay = self.addButton(_("Ở lại"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.save)
        self.setEscapeButton(self.stay)

    def answer(self) -> UnsavedAnswer:
        if self.clickedButton() is self.drop:
            return UnsavedAnswer.DROP
        if self.clickedButton() is self.save:
            return UnsavedAnswer.SAVE
        return UnsavedAnswer.STAY
