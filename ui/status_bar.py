"""The bottom line of the window: the province link and what waits for it, the printer and the
slips it could not print, the officer at the counter, and work that takes long (with a way to
stop it). What waits for the province is counted again whenever the store tells the outbox
changed."""

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from onestop.changes import StoreChanges
from onestop.i18n import _
from onestop.roles import ROLE_NAMES, Actor
from ui.operations.dossier_work import CountWaiting
from ui.tasks import TaskManager


class CounterStatusBar(QStatusBar):
    def __init__(self, actor: Actor, tasks: TaskManager) -> None:
        super().__init__()
        self._tasks = tasks
        self._online: bool | None = None
        self._configured = False
        self.waiting = 0
        self.province = QLabel()
        self.printer = QLabel()
        self.officer = QLabel()
        self.work = QProgressBar()
        self.work.setRange(0, 0)
        self.work.setMaximumWidth(160)
        self.work.hide()
        self.cancel = QPushButton(_("Dừng"))
        self.cancel.hide()
        self.unprinted = QPushButton()
        self.unprinted.setFlat(True)
        self.unprinted.hide()
        roles = ", ".join(_(ROLE_NAMES[role]) for role in sorted(actor.roles))
        self.officer.setText(_("Cán bộ: {name} ({roles})").format(name=actor.full_name,
                                                                  roles=roles))
        for widget in (self.work, self.cancel):
            self.addWidget(widget)
        for label in (self.province, self.printer, self.unprinted, self.officer):
            self.addPermanentWidget(label)
        self.show_province_link(None, 0, configured=False)
        tasks.store_changed.connect(self._on_tasks_store_changed)

    def count_waiting(self) -> None:
        self._tasks.run_database(CountWaiting(), self._on_waiting_counted)

    @Slot(object)
    def _on_tasks_store_changed(self, changes: StoreChanges) -> None:
        if changes.outbox:
            self.count_waiting()

    def _on_waiting_counted(self, waiting: int) -> None:
        self.show_province_link(self._online, waiting, configured=self._configured)

    def show_province_link(self, online: bool | None, waiting: int, *, configured: bool) -> None:
        self._online, self.waiting, self._configured = online, waiting, configured
        if not configured:
            state = _("chưa cài kết nối")
        elif online is None:
            state = _("chưa rõ")
        else:
            state = _("trực tuyến") if online else _("mất kết nối")
        self.province.setText(_("Tỉnh: {state} · chờ gửi: {waiting}").format(state=state,
                                                                            waiting=waiting))

    def show_printer(self, ready: bool | None, message: str) -> None:
        if ready is None:
            text = _("Máy in: {0}").format(message)
        else:
            text = _("Máy in: sẵn sàng") if ready else _("Máy in: LỖI")
        self.printer.setText(text)
        self.printer.setToolTip(message)
        self.printer.setProperty("role", "" if ready is not False else "error")
        self.printer.style().unpolish(self.printer)
        self.printer.style().polish(self.printer)

    def show_unprinted_slips(self, count: int) -> None:
        self.unprinted.setText(_("Phiếu chưa in được: {0} — bấm để in lại").format(count))
        self.unprinted.setVisible(count > 0)

    def show_slow_work(self, label: str) -> None:
        self.work.setFormat(label)
        self.work.setToolTip(label)
        self.showMessage(label)
        self.work.show()
        self.cancel.show()

    def hide_slow_work(self) -> None:
        self.work.hide()
        self.cancel.hide()
        self.unprinted = QPushButton()
        self.unprinted.setFlat(True)
        self.unprinted.hide()
        self.clearMessage()
