"""The window's "Quản trị" menu: the accounts, device, report and backup screens, each shown
only to the roles its permission names (the services check the role again).

Each screen's module is imported when the screen is first opened: together they bring reportlab,
the scanner and printer drivers and more, which the intake screen should not wait for."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from onestop.i18n import N_
from onestop.roles import Actor
from ui.tasks import TaskManager


@dataclass(frozen=True)
class AdminContext:
    tasks: TaskManager
    actor: Actor
    parent: QWidget
    store_restored: SignalInstance  # emitted once a backup has been restored over the store


@dataclass(frozen=True)
class AdminPage:
    title: str
    permission: str
    open: Callable[[AdminContext], QWidget]
    keys: str = ""
    # a shorter name for the bar of screens, which shares its row with the menus
    on_bar: str = ""


def _users(context: AdminContext) -> QWidget:
    from ui.accounts.users_screen import UsersScreen

    return UsersScreen(context.tasks, context.actor)


def _audit(context: AdminContext) -> QWidget:
    from ui.accounts.audit_view import AuditView

    return AuditView(context.tasks, context.actor)


def _backup(context: AdminContext) -> QWidget:
    from ui.accounts.backup_dialog import BackupDialog

    dialog = BackupDialog(context.tasks, context.actor)
    dialog.restored.connect(context.store_restored)
    return dialog


def _supervisor(context: AdminContext) -> QWidget:
    from ui.printing.supervisor_screen import SupervisorScreen

    return SupervisorScreen(context.tasks, context.actor)


def _printer(context: AdminContext) -> QWidget:
    from ui.printing.printer_setup_screen import PrinterSetupScreen

    return PrinterSetupScreen(context.tasks, context.actor)


def _scanner(context: AdminContext) -> QWidget:
    from ui.scanning.scanner_setup_screen import ScannerSetupScreen

    return ScannerSetupScreen(context.tasks, context.actor)


def _province_link(context: AdminContext) -> QWidget:
    from ui.sync.province_link_screen import ProvinceLinkScreen

    return ProvinceLinkScreen(context.tasks, context.actor)


def _chip(context: AdminContext) -> QWidget:
    from ui.idcard.chip_setup_screen import ChipSetupScreen

    return ChipSetupScreen(context.tasks, context.actor)


def admin_pages() -> tuple[AdminPage, ...]:
    """Every administration screen the window offers; the menu shows those the user may use."""
    return (
        AdminPage(N_("Báo cáo và theo dõi hồ sơ"), "report.read", _supervisor, "F9", N_("Báo cáo")),
        AdminPage(N_("Nhật ký thao tác"), "audit.read", _audit, "Ctrl+Shift+J", N_("Nhật ký")),
        AdminPage(N_("Tài khoản người dùng"), "users.manage", _users, "Ctrl+Shift+U"),
        AdminPage(N_("Máy in phiếu"), "settings.devices", _printer, "Ctrl+Shift+P"),
        AdminPage(N_("Máy quét"), "settings.devices", _scanner, "Ctrl+Shift+S"),
        AdminPage(N_("Kết nối hệ thống tỉnh"), "settings.devices", _province_link, "Ctrl+Shift+K"),
        AdminPage(N_("Chip thẻ căn cước"), "settings.devices", _chip, "Ctrl+Shift+C"),
        AdminPage(N_("Sao lưu và phục hồi"), "backup.run", _backup, "Ctrl+Shift+B"),
    )
