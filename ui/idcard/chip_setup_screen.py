"""The technician's ID-card chip page: the readers this PC sees (and which has a card on it), the
reader the intake uses, the trust list of the Ministry's root certificates (CSCA) that proves a
card genuine, and a test read with the same panel the intake shows."""

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from idcard.pcsc_link import CardReader, list_readers
from onestop import chip_trust, settings
from onestop.i18n import _
from onestop.roles import Actor
from onestop.store.engine import Store
from ui.dialogs import StatusLine
from ui.idcard.chip_panel import ChipPanel
from ui.open_work import OpenWork
from ui.tasks import Call, StoreCall, TaskManager, failure_message

_MAX_CERTIFICATE_BYTES = 64 * 1024


def _reader_setting(store: Store) -> str:
    return str(settings.read_all(store)["idcard.reader"])


def _save_reader(store: Store, actor: Actor, reader: str) -> settings.Saved:
    return settings.save_changed(store, actor, {"idcard.reader": reader})


def _add_certificate(store: Store, actor: Actor, path: Path) -> chip_trust.TrustedCsca:
    with path.open("rb") as file:
        return chip_trust.add_csca(store, actor, file.read(_MAX_CERTIFICATE_BYTES))


class ChipSetupScreen(QWidget):
    settings_saved = Signal()

    def __init__(self, tasks: TaskManager, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._work = OpenWork(tasks)
        self._actor = actor
        # two columns: what is set up on the left, the test read beside it
        outer = QVBoxLayout(self)
        columns = QHBoxLayout()
        outer.addLayout(columns, 1)
        layout = QVBoxLayout()
        columns.addLayout(layout, 1)

        readers = QGroupBox(_("Đầu đọc thẻ"))
        readers_layout = QVBoxLayout(readers)
        self.readers = QListWidget()
        self.find_button = QPushButton(_("Tìm đầu đọc"))
        form = QFormLayout()
        self.reader = QLineEdit()
        self.reader.setPlaceholderText(_("trống: không đọc chip; *: đầu đọc đầu tiên"))
        form.addRow(_("Đầu đọc dùng khi tiếp nhận"), self.reader)
        self.save_button = QPushButton(_("Lưu"))
        row = QHBoxLayout()
        row.addWidget(self.find_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        readers_layout.addWidget(self.readers)
        readers_layout.addLayout(form)
        readers_layout.addLayout(row)
        layout.addWidget(readers)

        trust = QGroupBox(_("Chứng thư gốc của Bộ Công an (CSCA)"))
        trust_layout = QVBoxLayout(trust)
        self.certificates = QListWidget()
        self.add_button = QPushButton(_("Thêm chứng thư…"))
        trust_layout.addWidget(self.certificates)
        trust_layout.addWidget(self.add_button)
        layout.addWidget(trust)

        test = QGroupBox(_("Đọc thử một thẻ"))
        test_layout = QVBoxLayout(test)
        self.test_panel = ChipPanel(tasks, actor)
        test_layout.addWidget(self.test_panel)
        test_layout.addStretch(1)
        columns.addWidget(test, 1)
        self.status = StatusLine()
        outer.addWidget(self.status)

        self.find_button.clicked.connect(self._on_find_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self._work.on_database(StoreCall(_reader_setting), self._on_reader_read, self._on_failed)
        self._load_certificates()

    def _load_certificates(self) -> None:
        self._work.on_database(StoreCall(chip_trust.list_cscas), self._on_certificates_read,
                               self._on_failed)

    def _on_reader_read(self, reader: str) -> None:
        self.reader.setText(reader)

    def _on_certificates_read(self, found: list[chip_trust.TrustedCsca]) -> None:
        self.certificates.clear()
        for csca in found:
            self.certificates.addItem(_("{0} — hết hạn {1:%d/%m/%Y}").format(
                csca.subject, csca.valid_until))
        if not found:
            self.certificates.addItem(_("Chưa có chứng thư nào: thẻ đọc được nhưng chưa xác nhận "
                                        "được là thẻ thật."))

    @Slot()
    def _on_find_button_clicked(self) -> None:
        self.find_button.setEnabled(False)
        self.status.show_info(_("Đang tìm đầu đọc…"))
        self._work.on_device(Call(list_readers), self._on_readers_found, self._on_failed)

    def _on_readers_found(self, found: list[CardReader]) -> None:
        self.find_button.setEnabled(True)
        self.status.clear()
        self.readers.clear()
        for reader in found:
            self.readers.addItem(_("{0} (có thẻ)").format(reader.name) if reader.has_card
                                 else reader.name)
        if not found:
            self.status.show_error(_("Không thấy đầu đọc thẻ nào: hãy cắm đầu đọc và cài trình "
                                     "điều khiển."))

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save_button.setEnabled(False)
        self._work.on_database(StoreCall(_save_reader, self._actor, self.reader.text().strip()),
                               self._on_reader_saved, self._on_failed)

    def _on_reader_saved(self, _saved: settings.Saved) -> None:
        self.save_button.setEnabled(True)
        self.status.show_info(_("Đã lưu đầu đọc."))
        self.settings_saved.emit()

    @Slot()
    def _on_add_button_clicked(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn chứng thư gốc"), "", _("Chứng thư (*.pem *.crt *.cer *.der)"))
        if chosen:
            self.add_certificate(Path(chosen))

    def add_certificate(self, path: Path) -> None:
        self.add_button.setEnabled(False)
        self._work.on_database(StoreCall(_add_certificate, self._actor, path),
                               self._on_certificate_added, self._on_failed)

    def _on_certificate_added(self, added: chip_trust.TrustedCsca) -> None:
        self.add_button.setEnabled(True)
        self.status.show_info(_("Đã thêm chứng thư: {0}").format(added.subject))
        self._load_certificates()

    def _on_failed(self, error: Exception) -> None:
        for button in (self.find_button, self.save_button, self.add_button):
            button.setEnabled(True)
        self.status.show_error(failure_message(error))

    def shut_down(self) -> None:
        self.test_panel.shut_down()
        self._work.end()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.shut_down()
        super().closeEvent(event)
