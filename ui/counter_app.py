"""The program at the counter, from the login window to the locked screen: it opens the store in
the background (and asks for the first admin of a new one), logs the officer in (with a new
password when an admin has reset it), builds the main window, watches for scans and idling, and
keeps the daily backup. After a restore the store is opened again and the login asked again."""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

from onestop.i18n import _, set_language
from onestop.roles import Actor
from onestop.store.engine import Store
from ui.accounts.password_dialog import ChangePasswordDialog
from ui.daily_backup import DailyBackup
from ui.event_log import log_event
from ui.idle_lock import MINUTE_MS, IdleWatcher, LockDialog
from ui.login.login_window import LoginWindow
from ui.operations.counter_setup import CounterSetup, LoadCounterSetup
from ui.operations.login import (
    CheckAccount,
    CheckFirstAdmin,
    LoggedIn,
    LogIn,
    OpenStore,
    ReopenStore,
    SaveLanguage,
    Unlock,
)
from ui.scanner.key_bursts import WEDGE_TIMING, BurstTiming
from ui.scanner.wedge_filter import WedgeScannerFilter, keeps_scans
from ui.setup.setup_assistant import SetupAssistant
from ui.tasks import TaskManager, Ticket, failure_message

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SERIAL_MODE = "serial"
ACCOUNT_CHECK_MS = 60_000


class CounterApp(QObject):
    def __init__(self, data_dir: Path | None, database_url: str | None,
                 timing: BurstTiming = WEDGE_TIMING, login: LoginWindow | None = None,
                 account_check_ms: int = ACCOUNT_CHECK_MS) -> None:
        super().__init__()
        self._account_check = QTimer(self)
        self._account_check.setInterval(account_check_ms)
        self._account_check.timeout.connect(self._on_account_check_timeout)
        self._data_dir = data_dir
        self._database_url = database_url
        self.tasks = TaskManager(self)
        self.login = self._watch(login or LoginWindow())
        self.daily_backup = DailyBackup(self.tasks, parent=self)
        self.daily_backup.backup_made.connect(self._on_daily_backup_backup_made)
        self.daily_backup.backup_failed.connect(self._on_daily_backup_backup_failed)
        self.window: MainWindow | None = None
        self.actor: Actor | None = None
        self.idle: IdleWatcher | None = None
        self.lock: LockDialog | None = None
        self._serial: Ticket | None = None
        self.wedge = WedgeScannerFilter(self._on_wedge_scanned, timing, parent=self)
        _application().installEventFilter(self.wedge)

    def start(self) -> None:
        """Open the store behind the login window, showing it if it is not on screen yet."""
        if not self.login.view.isVisible():
            self.login.show()
        self.tasks.run_database(OpenStore(self._data_dir, self._database_url),
                                self._on_store_opened, self._on_store_failed)

    def _watch(self, login: LoginWindow) -> LoginWindow:
        login.login_asked.connect(self._on_login_login_asked)
        return login

    def shut_down(self) -> None:
        self.daily_backup.stop()
        if self.window is not None:
            self.window.shut_down()
        _application().removeEventFilter(self.wedge)
        if self.idle is not None:
            _application().removeEventFilter(self.idle)
        self.tasks.shut_down()
        if self.tasks.store is not None:
            self.tasks.store.close()

    def _on_store_opened(self, store: Store) -> None:
        self.tasks.use_store(store)
        self.tasks.run_database(CheckFirstAdmin(), self._on_first_admin_checked,
                                self._on_store_failed)

    def _on_first_admin_checked(self, needed: bool) -> None:
        if not needed:
            self._store_ready()
            return
        assistant = SetupAssistant(self.tasks, parent=self.login.view)
        assistant.admin_created.connect(self._on_assistant_admin_created)
        assistant.rejected.connect(self._on_assistant_rejected)
        assistant.open()
        log_event("setup_asked")

    @Slot(str)
    def _on_assistant_admin_created(self, username: str) -> None:
        self.login.view.username.setText(username)
        self._store_ready()

    @Slot()
    def _on_assistant_rejected(self) -> None:
        self.login.store_failed(_("chưa có tài khoản quản trị nào."))

    def _store_ready(self) -> None:
        self.login.store_opened()
        self.daily_backup.start()
        log_event("login_ready")

    def _on_store_failed(self, error: Exception) -> None:
        self.login.store_failed(failure_message(error))

    def _on_login_login_asked(self, username: str, password: str) -> None:
        log_event("login_submitted", username=username)
        self.tasks.run_database(LogIn(username, password), self._on_logged_in,
                                self._on_login_failed)

    def _on_login_failed(self, error: Exception) -> None:
        self.login.refuse(failure_message(error))

    def _on_logged_in(self, logged_in: LoggedIn) -> None:
        self.actor = logged_in.actor
        if self.login.language_chosen:
            set_language(self.login.chosen_language())
            if self.login.chosen_language() != logged_in.language:
                self.tasks.run_database(SaveLanguage(self.actor, self.login.chosen_language()),
                                        lambda _saved: None)
        else:
            set_language(logged_in.language)
        if logged_in.must_change_password:
            dialog = ChangePasswordDialog(self.tasks, self.actor, forced=True,
                                          parent=self.login.view)
            dialog.password_changed.connect(self._on_password_password_changed)
            dialog.rejected.connect(self._on_password_rejected)
            dialog.open()
            log_event("password_change_asked", username=self.actor.username)
            return
        self.tasks.run_database(LoadCounterSetup(), self._on_setup_loaded)

    @Slot()
    def _on_password_password_changed(self) -> None:
        self.tasks.run_database(LoadCounterSetup(), self._on_setup_loaded)

    @Slot()
    def _on_password_rejected(self) -> None:
        self.actor = None
        self.login.refuse(_("Cần đổi mật khẩu trước khi làm việc."))

    def _on_setup_loaded(self, setup: CounterSetup) -> None:
        # Imported here so that the login window shows before the printing and scanning
        # libraries are loaded.
        from ui.main_window import MainWindow
        from ui.operations.devices import ListenToSerialScanner

        assert self.actor is not None
        self.window = MainWindow(self.tasks, self.actor, setup)
        self.window.lock_asked.connect(self.lock_screen)
        self.window.log_out_asked.connect(self.log_out)
        self.window.store_restored.connect(self._on_window_store_restored)
        screen = QApplication.primaryScreen().availableGeometry()
        self.window.resize(min(1366, screen.width()), min(768, screen.height()))
        self.window.showMaximized()
        self.login.view.close()
        self.window.activateWindow()
        self.window.show_intake()
        self.idle = IdleWatcher(max(setup.idle_minutes, 1) * MINUTE_MS, self)
        self.idle.idle_reached.connect(self.lock_screen)
        _application().installEventFilter(self.idle)
        if setup.qr_mode == SERIAL_MODE and setup.qr_port:
            self._serial = self.tasks.run_device(ListenToSerialScanner(setup.qr_port),
                                                 self._on_serial_stopped,
                                                 self._on_serial_failed, self._on_serial_scanned)
        self._account_check.start()
        log_event("intake_ready", username=self.actor.username)

    @Slot()
    def _on_window_store_restored(self) -> None:
        """The store under the window was replaced: start again from the login."""
        assert self.tasks.store is not None
        self._close_window()
        self.daily_backup.stop()
        old = self.tasks.store
        self.login = self._watch(LoginWindow())
        self.login.show()
        self.login.view.error.setText(_("Đã phục hồi dữ liệu; hãy đăng nhập lại."))
        log_event("store_restored")
        self.tasks.run_database(ReopenStore(old, self._data_dir, self._database_url),
                                self._on_store_opened, self._on_store_failed)

    @Slot()
    def log_out(self) -> None:
        """The officer leaves, or another person takes the counter: back to the login window,
        the store staying open."""
        if self.actor is None:
            return
        log_event("logged_out", username=self.actor.username)
        self._close_window()
        self.login = self._watch(LoginWindow())
        self.login.show()
        self.login.store_opened()

    def _close_window(self) -> None:
        self._account_check.stop()
        if self._serial is not None:
            self._serial.cancel()
            self._serial = None
        if self.idle is not None:
            _application().removeEventFilter(self.idle)
            self.idle.deleteLater()
            self.idle = None
        if self.lock is not None:
            self.lock.deleteLater()
            self.lock = None
        if self.window is not None:
            self.window.shut_down()
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self.actor = None

    @Slot(str)
    def _on_daily_backup_backup_made(self, path: str) -> None:
        if self.window is not None:
            self.window.status.showMessage(_("Đã sao lưu hằng ngày: {0}").format(path))

    @Slot(str)
    def _on_daily_backup_backup_failed(self, message: str) -> None:
        log_event("daily_backup_failed", message=message)
        if self.window is not None:
            self.window.status.showMessage(_("Sao lưu hằng ngày chưa làm được: {0}").format(message))

    def lock_screen(self) -> None:
        if self.window is None or self.actor is None or self.lock is not None:
            return
        self.window.stack.hide()
        self.window.digitising.forget_pin()
        self.lock = LockDialog(self.window, self.actor)
        self.lock.unlock_asked.connect(self._on_lock_unlock_asked)
        self.lock.switch_user_asked.connect(self.log_out)
        self.lock.show()
        self.lock.password.setFocus()
        log_event("screen_locked")

    def _on_account_check_timeout(self) -> None:
        if self.actor is not None and self.lock is None:
            self.tasks.run_database(CheckAccount(self.actor.username), self._on_account_checked)

    def _on_account_checked(self, active: bool) -> None:
        if active or self.actor is None:
            return
        log_event("account_disabled", username=self.actor.username)
        self.lock_screen()
        if self.lock is not None:
            self.lock.refuse(_("Tài khoản này vừa bị vô hiệu hoá; hãy liên hệ quản trị viên."))

    def _on_lock_unlock_asked(self, password: str) -> None:
        assert self.actor is not None
        self.tasks.run_database(Unlock(self.actor.username, password), self._on_unlocked,
                                self._on_unlock_failed)

    def _on_unlocked(self, actor: Actor) -> None:
        assert self.window is not None and self.lock is not None and self.idle is not None
        self.lock.done(0)
        self.lock.deleteLater()
        self.lock = None
        self.window.stack.show()
        self.idle.restart()
        log_event("screen_unlocked")

    def _on_unlock_failed(self, error: Exception) -> None:
        if self.lock is not None:
            self.lock.refuse(failure_message(error))

    def _on_wedge_scanned(self, text: str) -> bool:
        if self.window is None or self.lock is not None:
            return False
        focus = QApplication.focusWidget()
        if focus is not None and keeps_scans(focus):
            return False
        return self.window.take_scan(text)

    def _on_serial_scanned(self, text: object) -> None:
        if self.window is not None and self.lock is None:
            self.window.take_scan(str(text))

    def _on_serial_stopped(self, _result: object) -> None:
        self._serial = None

    def _on_serial_failed(self, error: Exception) -> None:
        self._serial = None
        if self.window is not None:
            self.window.status.showMessage(failure_message(error))


def _application() -> QCoreApplication:
    application = QCoreApplication.instance()
    assert application is not None
    return application
