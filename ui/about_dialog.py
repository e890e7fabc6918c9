"""Giới thiệu: which program this is — its version, the schema of the store it has open, the
province protocol it speaks — and where its data lives, for the technician on the telephone."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import _
from onestop.store.engine import Store
from onestop.store.migrations import current_revision
from onestop.versions import versions
from ui.dialogs import name_buttons
from ui.open_work import OpenWork
from ui.tasks import StoreCall, TaskManager, failure_message

PLACE_WIDTH = 420


def _store_schema(store: Store) -> str:
    return current_revision(store.engine) or ""


def _store_place(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=True) if not store.is_sqlite \
        else str(store.attachments_dir.parent)


class AboutDialog(QDialog):
    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Giới thiệu OneStop"))
        known = versions()
        layout = QVBoxLayout(self)
        heading = QLabel(str(known))
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        self.program = QLabel(known.program)
        self.schema = QLabel("…")
        self.protocol = QLabel(known.protocol)
        # a path has no spaces to wrap at: a read-only line shows it whole by scrolling, and copies
        self.place = QLineEdit("…")
        self.place.setReadOnly(True)
        self.place.setMinimumWidth(PLACE_WIDTH)
        form.addRow(_("Phiên bản chương trình"), self.program)
        form.addRow(_("Cấu trúc dữ liệu đang mở (mới nhất: {0})").format(known.schema), self.schema)
        form.addRow(_("Giao thức với hệ thống tỉnh"), self.protocol)
        form.addRow(_("Nơi lưu dữ liệu"), self.place)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        name_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._work = OpenWork(tasks)
        self._work.on_database(StoreCall(_store_schema), self._on_schema_read, self._on_failed)
        self._work.on_database(StoreCall(_store_place), self._on_place_read, self._on_failed)

    def _on_schema_read(self, schema: str) -> None:
        self.schema.setText(schema)

    def _on_place_read(self, place: str) -> None:
        self.place.setText(place)

    def _on_failed(self, error: Exception) -> None:
        self.place.setText(failure_message(error))

    def done(self, result: int) -> None:
        self._work.end()
        super().done(result)
