"""The window's "Quản trị" menu: screens of the accounts work (users, audit log, backup) plug in
here, each shown only to the roles its permission names."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from onestop.roles import Actor
from ui.tasks import TaskManager


@dataclass(frozen=True)
class AdminContext:
    tasks: TaskManager
    actor: Actor
    parent: QWidget


@dataclass(frozen=True)
class AdminPage:
    title: str
    permission: str
    open: Callable[[AdminContext], QWidget]


def admin_pages() -> tuple[AdminPage, ...]:
    """Every administration screen the window offers; the menu shows those the user may use."""
    return ()
