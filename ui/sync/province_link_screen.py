"""The technicians' province-link screen: address, agency code, account and password (kept in
the keyring), a connection check, the queue with the province's reasons, retry now, and a
reconcile over a range of days. Every call to the store or the province runs off the main thread;
the services check the roles again."""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from onestop import outbox, settings
from onestop.changes import NOTHING, StoreChanges
from onestop.i18n import N_, _
from onestop.outbox import QueueItem, QueueView, Retried, queue_view
from onestop.roles import Actor
from onestop.store.engine import Store
from onestop.workdays import LOCAL_ZONE
from sync.link_state import LinkState, sync_now
from sync.province_link import LinkCheck, check_link
from sync.province_password import FILE, KEYRING, find_password, save_password
from sync.reconcile import check_days
from ui.open_work import OpenWork
from ui.sync.province_link_view import ProvinceLinkView
from ui.tasks import Operation, StoreCall, TaskManager, failure_message

T = TypeVar("T")
_KINDS = {outbox.DOSSIER: N_("Hồ sơ"), outbox.PROGRESS: N_("Tiến độ"), outbox.FILE: N_("Tệp")}
_STATES = {outbox.PENDING: N_("Chờ gửi lại"), outbox.FAILED: N_("Bị từ chối"),
           outbox.CONFLICT: N_("Xung đột")}
# the password is kept apart from the settings, yet a new one changes the link all the same
PASSWORD_SAVED = "province.password"
_KEPT = {KEYRING: N_("đã lưu trong kho khoá của hệ thống"),
         FILE: N_("đã lưu trong tệp chỉ chủ máy đọc được")}


@dataclass(frozen=True)
class LinkSettings:
    url: str
    agency: str
    username: str
    password_kept_in: str | None  # keyring, file, variable; None when there is none
    changes: StoreChanges = dataclasses.field(default=NOTHING, compare=False)


@dataclass(frozen=True)
class RetriedAndSynced:
    retried: Retried
    state: LinkState

    @property
    def changes(self) -> StoreChanges:
        return StoreChanges(outbox=True) | self.state.changes


def load_settings(store: Store) -> LinkSettings:
    values = settings.read_all(store)
    url, agency, username = (str(values[key]).strip() for key in
                             ("province.url", "agency.code", "province.username"))
    kept = find_password(store, username) if username else None
    return LinkSettings(url, agency, username, kept.kept_in if kept else None)


def save_settings(store: Store, actor: Actor, wanted: LinkSettings, password: str) -> LinkSettings:
    """Change only what differs, so that a technician may save the link without the right to
    change the agency code."""
    held = load_settings(store)
    changed = {key: new for key, old, new in (
        ("province.url", held.url, wanted.url),
        ("agency.code", held.agency, wanted.agency),
        ("province.username", held.username, wanted.username)) if new != old}
    settings.put(store, actor, changed)
    written = set(changed)
    if password:
        save_password(store, actor, wanted.username, password)
        written.add(PASSWORD_SAVED)
    return replace(load_settings(store), changes=StoreChanges(settings=frozenset(written)))


def retry_and_sync(store: Store, actor: Actor) -> RetriedAndSynced:
    return RetriedAndSynced(outbox.retry(store, actor), sync_now(store))


class ProvinceLinkScreen(QWidget):
    settings_loaded = Signal(object)  # LinkSettings
    settings_saved = Signal(object)  # LinkSettings
    connection_checked = Signal(object)  # LinkCheck
    queue_loaded = Signal(object)  # QueueView
    synced = Signal(object)  # LinkState, after retry now or a reconcile
    failed = Signal(str)

    def __init__(self, tasks: TaskManager, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._work = OpenWork(tasks)
        self.setWindowTitle(_("Kết nối hệ thống tỉnh"))
        self.view = ProvinceLinkView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        technician = actor.may("settings.devices")
        for field in (self.view.address, self.view.username, self.view.password):
            field.setReadOnly(not technician)
        self.view.agency.setReadOnly(not actor.may("settings.office"))
        self._actions: tuple[QPushButton, ...] = (
            self.view.save, self.view.check, self.view.retry, self.view.reconcile)
        for button in (self.view.save, self.view.retry, self.view.reconcile):
            button.setEnabled(technician)
        self._allowed = {button: button.isEnabled() for button in self._actions}
        self.view.save.clicked.connect(self._on_save_clicked)
        self.view.check.clicked.connect(self._on_check_clicked)
        self.view.retry.clicked.connect(self._on_retry_clicked)
        self.view.refresh.clicked.connect(self._on_refresh_clicked)
        self.view.reconcile.clicked.connect(self._on_reconcile_clicked)
        self._run_device(StoreCall(load_settings), self._on_settings_loaded)
        self.refresh_queue()

    def refresh_queue(self) -> None:
        self._work.on_database(StoreCall(queue_view, self._actor), self._on_queue_loaded,
                               self._on_job_failed)

    def shut_down(self) -> None:
        """Wait for calls under way; the owner calls this before the store closes."""
        self._work.end()

    # --- asking -------------------------------------------------------------------------------

    def _run_device(self, op: Operation[T], on_done: Callable[[T], None]) -> None:
        """Calls to the province, and to the keyring too: it may wait on the system (an unlock
        prompt, say), which must not hold up the database worker."""
        self._work.on_device(op, on_done, self._on_job_failed)

    def _form(self) -> LinkSettings:
        return LinkSettings(self.view.address.text().strip(), self.view.agency.text().strip(),
                            self.view.username.text().strip(), None)

    def _start(self, message: str) -> None:
        for action in self._actions:
            action.setEnabled(False)
        self.view.outcome.setText(message)

    @Slot()
    def _on_save_clicked(self) -> None:
        self._start(_("Đang lưu…"))
        self._run_device(StoreCall(save_settings, self._actor, self._form(),
                                  self.view.password.text()), self._on_settings_saved)

    @Slot()
    def _on_check_clicked(self) -> None:
        form = self._form()
        self._start(_("Đang kiểm tra kết nối…"))
        self._run_device(StoreCall(check_link, form.url, form.username, form.agency,
                                  self.view.password.text() or None), self._on_connection_checked)

    @Slot()
    def _on_retry_clicked(self) -> None:
        self._start(_("Đang gửi lại…"))
        self._run_device(StoreCall(retry_and_sync, self._actor), self._on_retried_and_synced)

    @Slot()
    def _on_refresh_clicked(self) -> None:
        self.refresh_queue()

    @Slot()
    def _on_reconcile_clicked(self) -> None:
        first, last = (_day(edit.date()) for edit in (self.view.first_day, self.view.last_day))
        self._start(_("Đang đối soát…"))
        self._run_device(StoreCall(_reconcile, first, last), self._on_reconciled)

    # --- answers ------------------------------------------------------------------------------

    def _done(self, message: str) -> None:
        for action in self._actions:
            action.setEnabled(self._allowed[action])
        self.view.outcome.setText(message)

    def _on_settings_loaded(self, loaded: LinkSettings) -> None:
        self._show_settings(loaded)
        self.settings_loaded.emit(loaded)

    def _on_settings_saved(self, saved: LinkSettings) -> None:
        self._show_settings(saved)
        self._done(_("Đã lưu cài đặt kết nối."))
        self.settings_saved.emit(saved)

    def _on_connection_checked(self, check: LinkCheck) -> None:
        self.view.link_result.setText(("✔ " if check.reached else "✘ ") + check.message)
        self._done("")
        self.connection_checked.emit(check)

    def _on_retried_and_synced(self, answer: RetriedAndSynced) -> None:
        retried = answer.retried
        self._done(_("Đưa lại vào hàng chờ {requeued} mục, gửi lại {resent} hồ sơ xung đột "
                     "thành phiên bản mới. {run}").format(
            requeued=retried.requeued + retried.due_now, resent=retried.resent,
            run=_run_outcome(answer.state)))
        self.refresh_queue()
        self.synced.emit(answer.state)

    def _on_reconciled(self, state: LinkState) -> None:
        if state.online and state.report is not None:
            self._done(_("Đối soát xong: gửi lại {count} hồ sơ tỉnh còn thiếu. {run}").format(
                count=state.report.requeued, run=_run_outcome(state)))
        else:
            self._done(_run_outcome(state))
        self.refresh_queue()
        self.synced.emit(state)

    def _on_queue_loaded(self, view: QueueView) -> None:
        waiting = view.waiting
        self.view.summary.setText(_(
            "Chờ gửi: {dossiers} hồ sơ, {progress} tiến độ, {files} tệp · bị từ chối: {failed} · "
            "xung đột: {conflicts}").format(
            dossiers=waiting[outbox.DOSSIER], progress=waiting[outbox.PROGRESS],
            files=waiting[outbox.FILE], failed=len(view.failed), conflicts=len(view.conflicts)))
        items = view.failed + view.conflicts + view.postponed
        table = self.view.queue
        table.setRowCount(len(items))
        for row, item in enumerate(items):
            for column, text in enumerate(_cells(item)):
                table.setItem(row, column, QTableWidgetItem(text))
        self.queue_loaded.emit(view)

    def _on_job_failed(self, error: Exception) -> None:
        message = failure_message(error)
        self._done(message)
        self.failed.emit(message)

    def _show_settings(self, shown: LinkSettings) -> None:
        self.view.address.setText(shown.url)
        self.view.agency.setText(shown.agency)
        self.view.username.setText(shown.username)
        self.view.password.clear()
        kept = _(_KEPT[shown.password_kept_in]) if shown.password_kept_in in _KEPT else (
            _("chưa có") if shown.password_kept_in is None else "")
        self.view.password.setPlaceholderText(kept)


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _reconcile(store: Store, first_day: date, last_day: date) -> LinkState:
    return sync_now(store, reconcile=check_days(first_day, last_day))


def _run_outcome(state: LinkState) -> str:
    if state.report is None or state.message:
        return _("Chưa đồng bộ được: {reason}").format(reason=state.message)
    report = state.report
    return _("Đã gửi {dossiers} hồ sơ, {progress} tiến độ, {files} tệp; còn chờ {waiting}.").format(
        dossiers=report.dossiers_sent, progress=report.progress_sent, files=report.files_sent,
        waiting=state.waiting)


def _cells(item: QueueItem) -> tuple[str, ...]:
    retry_at = item.next_attempt_at.astimezone(LOCAL_ZONE).strftime("%H:%M %d/%m") \
        if item.next_attempt_at is not None and item.state == outbox.PENDING else ""
    return (_(_STATES.get(item.state, item.state)), _(_KINDS.get(item.kind, item.kind)),
            item.dossier_code, str(item.version) if item.kind == outbox.DOSSIER else "",
            str(item.attempts), retry_at, item.reason)
