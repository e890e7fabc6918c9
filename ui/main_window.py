"""The counter's main window: today's figures (F4), intake (F2), the dossier list (F3) and the
results to return (F10) on one stack, a bar of the role's screens with their keys, the admin menu,
the status bar with the slips that did not print. It routes scanned codes to the screen that can
use them: a receipt's code opens its dossier from any screen."""

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import _
from onestop.queue import TicketRecord
from onestop.roles import OFFICER, Actor
from sync.link_state import LinkState
from ui.about_dialog import AboutDialog
from ui.accounts.password_dialog import ChangePasswordDialog
from ui.admin_menu import AdminContext, AdminPage, admin_pages
from ui.dossiers.dossier_dialog import DossierDialog
from ui.dossiers.dossier_list_screen import DossierListScreen
from ui.esc_closes import EscCloses
from ui.idcard.chip_setup_screen import ChipSetupScreen
from ui.intake.intake_screen import IntakeScreen
from ui.landing_page import LandingPage
from ui.operations.counter_setup import CounterSetup
from ui.operations.devices import CheckPrinter, PrinterCheck
from ui.queue.call_panel import (
    CALL_AGAIN_KEY,
    CALL_NEXT_KEY,
    CallPanel,
    CallPanelSetup,
    load_call_panel_setup,
)
from ui.queue.citizen_screen import CitizenScreen, show_facing_citizen
from ui.returns.results_ready_screen import ResultsReadyScreen
from ui.returns.return_dialog import ReturnDialog
from ui.scanner.receipt_code import dossier_code_in
from ui.scanning.reading_status import ReadingStatus
from ui.scanning.scanner_setup_screen import ScannerSetupScreen
from ui.settings_news import SettingsNews
from ui.signing.digitising_desk import DigitisingDesk
from ui.slip_desk import SlipDesk
from ui.status_bar import CounterStatusBar
from ui.sync.link_watch import ProvinceLinkWatch
from ui.sync.province_link_screen import ProvinceLinkScreen
from ui.tasks import StoreCall, TaskManager

WAITING_REFRESH_MS = 30_000
# F6 to F9 belong to the intake's own moves
RETURNS_KEY = Qt.Key.Key_F10

APPOINTMENT_SHOWN_MS = 5_000

class MainWindow(QMainWindow):
    lock_asked = Signal()
    log_out_asked = Signal()
    store_restored = Signal()

    def __init__(self, tasks: TaskManager, actor: Actor, setup: CounterSetup) -> None:
        super().__init__()
        self.setWindowTitle(_("OneStop — {agency} — {counter}").format(
            agency=setup.agency_name, counter=setup.counter_name))
        self._tasks = tasks
        self._actor = actor
        self._setup = setup
        self._province_online: bool | None = None
        self._province_configured = bool(setup.province_url)
        self._chip_reader = setup.chip_reader
        # before the landing page: the waiting count it tells is the status bar's, counted first
        self.status = CounterStatusBar(actor, tasks)
        self.setStatusBar(self.status)
        self.slips = SlipDesk(tasks, actor, setup, self)
        self.settings_news = SettingsNews(tasks, self)
        self.settings_news.settings_changed.connect(self._on_settings_news_settings_changed)
        self.admin_actions: dict[str, QAction] = {}
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.intake: IntakeScreen | None = None
        self.dossier_list: DossierListScreen | None = None
        self.returns: ResultsReadyScreen | None = None
        if actor.may("dossier.receive"):
            self.intake = IntakeScreen(tasks, actor, self.slips)
            self.intake.view.checklist_model.mandatory_start_ticked = setup.papers_start_ticked
            self.intake.use_chip_reader(setup.chip_reader)
            self.stack.addWidget(self.intake.view)
        if actor.may("dossier.read"):
            self.dossier_list = DossierListScreen(tasks, actor)
            self.stack.addWidget(self.dossier_list.view)
            self.dossier_list.dossier_opened.connect(self.open_dossier)
            self.returns = ResultsReadyScreen(tasks, actor, self.slips)
            self.stack.addWidget(self.returns.view)
        self.landing = LandingPage(_("Xin chào {name} ({title}) — hôm nay tại {agency}").format(
            name=actor.full_name, title=actor.title, agency=setup.agency_name), tasks, actor)
        self.landing.figures_read.connect(self._on_landing_figures_read)
        self.stack.addWidget(self.landing)
        # the officer starts on intake, the citizen waiting; other roles on today's figures
        self.stack.setCurrentWidget(self.intake.view if self.intake is not None and OFFICER in actor.roles
                                    else self.landing)
        self.status.cancel.clicked.connect(tasks.cancel_slow_work)
        tasks.slow_work_started.connect(self.status.show_slow_work)
        tasks.slow_work_ended.connect(self.status.hide_slow_work)
        self.slips.printer_state_changed.connect(self._on_slips_printer_state_changed)
        self.slips.failed_slips_changed.connect(self.status.show_unprinted_slips)
        self.status.unprinted.clicked.connect(self._on_unprinted_clicked)
        self.digitising = DigitisingDesk(tasks, actor, self)
        if actor.may("dossier.attach"):
            self.status.addWidget(ReadingStatus(self.digitising, self.status), 1)
            if self.intake is not None:
                self.intake.scan_panel.digitise_with(self.digitising)
            self.digitising.start_reading()
        self.call_panel: CallPanel | None = None
        self.citizen_screen: CitizenScreen | None = None
        self._build_menus()
        if self.intake is not None:
            tasks.run_database(StoreCall(load_call_panel_setup), self._on_call_panel_setup_loaded)
        self._waiting_timer = QTimer(self)
        self._waiting_timer.setInterval(WAITING_REFRESH_MS)
        self._waiting_timer.timeout.connect(self.refresh_waiting)
        self._waiting_timer.start()
        self.province_watch = ProvinceLinkWatch(tasks, parent=self)
        self.province_watch.link_checked.connect(self._on_province_watch_link_checked)
        self.refresh_waiting()
        self._check_printer()
        self.slips.refresh_failed()
        self.province_watch.start()

    def _build_menus(self) -> None:
        work = self._work_menu = self.menuBar().addMenu(_("&Hồ sơ"))
        self.navigation = QToolBar(_("Màn hình"))
        self.navigation.setMovable(False)
        self.navigation.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # beside the menus, on their row: the intake has no height to spare at 1280×720
        self.menuBar().setCornerWidget(self.navigation, Qt.Corner.TopRightCorner)
        self._navigate(work, _("Hôm nay"), Qt.Key.Key_F4, self.show_landing)
        if self.intake is not None:
            self._navigate(work, _("Tiếp nhận hồ sơ"), Qt.Key.Key_F2, self.show_intake,
                           _("Tiếp nhận"))
        if self.dossier_list is not None:
            self._navigate(work, _("Danh sách hồ sơ"), Qt.Key.Key_F3, self.show_dossier_list,
                           _("Hồ sơ"))
        if self.returns is not None:
            self._navigate(work, _("Trả kết quả"), RETURNS_KEY, self.show_returns)
        work.addSeparator()
        self._add_action(work, _("Đổi mật khẩu của tôi…"), QKeySequence(), self.change_password)
        self._add_action(work, _("Khoá màn hình"), QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L),
                         self.lock_asked.emit)
        self._add_action(work, _("Đăng xuất / đổi người dùng"),
                         QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_L),
                         self.log_out_asked.emit)
        self._add_action(work, _("Giới thiệu OneStop…"), QKeySequence(), self.show_about)
        self._add_action(work, _("Thoát"), QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q),
                         self.close)
        pages = [p for p in admin_pages() if self._actor.may(p.permission)]
        if pages:
            admin = self.menuBar().addMenu(_("&Quản trị"))
            for page in pages:
                action = self._add_action(admin, _(page.title), QKeySequence(page.keys),
                                          self._opener(page))
                self._show_on_navigation(action, _(page.on_bar) if page.on_bar else "")
                self.admin_actions[page.title] = action

    def _navigate(self, menu: QMenu, text: str, key: Qt.Key, slot: Callable[[], object],
                  on_bar: str = "") -> None:
        """`on_bar`: a shorter name for the bar, which a supervisor's 1280-wide screen shares
        with the menus."""
        self._show_on_navigation(self._add_action(menu, text, QKeySequence(key), slot), on_bar)

    def _show_on_navigation(self, action: QAction, on_bar: str = "") -> None:
        """A screen on the bar, its key written beside it so that nobody has to find it."""
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        name = on_bar or action.text()
        action.setIconText(f"{name} ({keys})" if keys else name)
        self.navigation.addAction(action)

    def _on_call_panel_setup_loaded(self, setup: CallPanelSetup) -> None:
        """A counter that calls queue tickets gets its call screen (F5); F12 calls the next
        citizen and F11 calls again from any screen, and a screen facing the citizen greets them
        and takes their rating."""
        if setup.counter is None:
            return
        panel = self.call_panel = CallPanel(self._tasks, self._actor, setup.counter, setup.counters)
        self._call_page = QWidget()
        layout = QVBoxLayout(self._call_page)
        layout.addWidget(panel)
        layout.addStretch(1)
        self.stack.addWidget(self._call_page)
        self._navigate(self._work_menu, _("Gọi số"), Qt.Key.Key_F5, self.show_call_panel)
        self._add_action(self._work_menu, _("Gọi số tiếp"), QKeySequence(CALL_NEXT_KEY),
                         panel.call_next)
        self._add_action(self._work_menu, _("Gọi lại số đang phục vụ"), QKeySequence(CALL_AGAIN_KEY),
                         panel.call_again)
        # the menu bar sized its corner for the screens it had: let it make room for this one
        self.menuBar().setCornerWidget(self.navigation, Qt.Corner.TopRightCorner)
        panel.ticket_called.connect(self._on_call_panel_ticket_called)
        panel.refresh()
        if setup.citizen_monitor:
            screen = CitizenScreen(setup.office)
            if show_facing_citizen(screen, setup.citizen_monitor):
                panel.face_citizen(screen)
                self.citizen_screen = screen
                self.activateWindow()
                if self.intake is not None:
                    self.intake.citizen_changed.connect(screen.show_citizen)
                    self.intake.dossier_received.connect(self._on_intake_receipt_for_rating)

    def _on_intake_receipt_for_rating(self, _code: str) -> None:
        # the appointment stays on the citizen's screen a moment before the rating replaces it
        QTimer.singleShot(APPOINTMENT_SHOWN_MS, self._ask_citizen_rating)

    def _ask_citizen_rating(self) -> None:
        if self.citizen_screen is not None:
            self.citizen_screen.ask_rating()

    def show_call_panel(self) -> None:
        self.stack.setCurrentWidget(self._call_page)

    def _on_call_panel_ticket_called(self, ticket: TicketRecord) -> None:
        self.status.showMessage(_("Đang phục vụ số {0} ({1})").format(ticket.label,
                                                                     ticket.field_name))

    def show_landing(self) -> None:
        self.stack.setCurrentWidget(self.landing)
        self.refresh_landing()

    def refresh_landing(self) -> None:
        self.landing.refresh()

    def _on_landing_figures_read(self) -> None:
        self.landing.show_devices(self.status.printer.text(),
                                  self._setup.scanner_device or _("chưa cài máy quét"),
                                  self.status.province.text())

    def _add_action(self, menu: QMenu, text: str, keys: QKeySequence,
                    slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def show_intake(self) -> None:
        if self.intake is not None:
            self.stack.setCurrentWidget(self.intake.view)
            self.intake.view.applicant.full_name.setFocus()

    def show_dossier_list(self) -> None:
        if self.dossier_list is not None:
            self.stack.setCurrentWidget(self.dossier_list.view)
            self.dossier_list.refresh()
            self.dossier_list.view.search.setFocus()

    def show_returns(self) -> None:
        if self.returns is not None:
            self.stack.setCurrentWidget(self.returns.view)
            self.returns.refresh()
            self.returns.view.search.setFocus()

    def open_dossier(self, code: str) -> DossierDialog:
        return DossierDialog(self, self._tasks, self._actor, self.slips, code, self.digitising)

    def take_scan(self, text: str) -> bool:
        """A scanned code: an ID card goes to intake; on a screen with a search box, the code is
        searched for there; elsewhere a receipt's code opens its dossier. A result being handed
        over takes the ID card of the person collecting it."""
        handover = QApplication.activeModalWidget() or QApplication.activeWindow()
        if isinstance(handover, ReturnDialog) and handover.take_card(text):
            return True
        if self.intake is not None and self.intake.take_scan(text):
            self.show_intake_keeping_focus()
            return True
        if self.dossier_list is not None and self.stack.currentWidget() is self.dossier_list.view:
            self.dossier_list.search_for(text)
            return True
        if self.returns is not None and self.stack.currentWidget() is self.returns.view:
            self.returns.search_for(text)
            return True
        code = dossier_code_in(text)
        if code is not None and self.dossier_list is not None:
            self.open_dossier(code)
            return True
        return False

    def show_intake_keeping_focus(self) -> None:
        if self.intake is not None and self.stack.currentWidget() is not self.intake.view:
            focus = self.focusWidget()
            self.stack.setCurrentWidget(self.intake.view)
            if focus is not None and self.intake.view.isAncestorOf(focus):
                focus.setFocus()

    def show_province_link(self, online: bool | None) -> None:
        """The link to the province went up or down."""
        self._province_online = online
        self._show_province()

    def shut_down(self) -> None:
        """Before the window goes: stop what runs on a timer, the link to the province and the
        devices' work."""
        # every screen's timers (the waiting count, a search's typing pause…): none may fire on a
        # task manager that is stopping
        for timer in self.findChildren(QTimer):
            timer.stop()
        self.digitising.shut_down()
        self.province_watch.stop()
        if self.intake is not None:
            self.intake.shut_down()
        for scanner in self.findChildren(ScannerSetupScreen):
            scanner.shut_down()
        for province in self.findChildren(ProvinceLinkScreen):
            province.shut_down()
        for chip in self.findChildren(ChipSetupScreen):
            chip.shut_down()
        if self.citizen_screen is not None:
            self.citizen_screen.close()

    def refresh_waiting(self) -> None:
        # what other counters sharing the store change reaches no signal here: read it on a timer
        self.status.count_waiting()
        if self.stack.currentWidget() is self.landing:
            self.refresh_landing()

    def _show_province(self) -> None:
        self.status.show_province_link(self._province_online, self.status.waiting,
                                       configured=self._province_configured)

    def _check_printer(self) -> None:
        if not self._setup.printer_uri:
            self.status.show_printer(None, _("chưa cài (xem trước phiếu)"))
            return
        self.status.show_printer(None, _("đang kiểm tra…"))
        self._tasks.run_device(CheckPrinter(self._setup.printer_uri), self._on_printer_checked)

    def _on_printer_checked(self, check: PrinterCheck) -> None:
        if check.status is None:
            self.status.show_printer(False, check.message)
        else:
            self.status.show_printer(check.status.ready if check.status.known else None,
                                     _("sẵn sàng") if check.status.ready else check.message)

    def _on_slips_printer_state_changed(self, sent: bool, message: str) -> None:
        self.status.show_printer(sent, message)

    def _opener(self, page: AdminPage) -> Callable[[], object]:
        def open_page(_checked: bool = False) -> None:
            self.open_admin_page(page)

        return open_page

    def open_admin_page(self, page: AdminPage) -> QWidget:
        widget = page.open(AdminContext(self._tasks, self._actor, self, self.store_restored))
        widget.setParent(self, widget.windowFlags() | Qt.WindowType.Window)
        widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        widget.setWindowTitle(_(page.title))
        EscCloses(widget)
        if isinstance(widget, ProvinceLinkScreen):
            widget.synced.connect(self._on_province_watch_link_checked)
        room = self.screen().availableGeometry()
        wanted = widget.sizeHint()
        widget.resize(min(wanted.width(), room.width()), min(wanted.height(), room.height() - 40))
        widget.show()
        return widget

    @Slot(object)
    def _on_province_watch_link_checked(self, state: LinkState) -> None:
        self._province_configured = state.configured
        self._province_online = state.online
        self.status.province.setToolTip(state.message)
        self.status.show_province_link(state.online, state.waiting, configured=state.configured)

    @Slot(object)
    def _on_settings_news_settings_changed(self, setup: CounterSetup) -> None:
        self._setup = setup
        self.setWindowTitle(_("OneStop — {agency} — {counter}").format(
            agency=setup.agency_name, counter=setup.counter_name))
        self.slips.use_setup(setup)
        self._check_printer()
        if self.intake is not None:
            self.intake.scan_panel.reload_settings()
            self.intake.view.checklist_model.mandatory_start_ticked = setup.papers_start_ticked
            if setup.chip_reader != self._chip_reader:
                self.intake.use_chip_reader(setup.chip_reader)
        self._chip_reader = setup.chip_reader
        self._province_configured = bool(setup.province_url)
        self.province_watch.sync_now()

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self._tasks, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self._tasks, self._actor, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_unprinted_clicked(self) -> None:
        if self.slips.failed:
            self.slips.open_slip(self.slips.failed[0].dossier_code)
