"""Reading the citizen's ID card chip at the counter: the key from the QR just scanned (the chip is
then read by itself as soon as the card is laid on the reader) or typed from the card with
"Đọc chip", the face photo beside the form for the officer to compare, and whether the card is
genuine. The intake screen connects `applicant_read` to fill in the applicant.

The photo lives in this panel: it is shown, dropped with `clear()`, never emitted or logged, and
kept with the dossier only where the office chose so (the intake hands `photo` to the core)."""

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from idcard.access_key import AccessKey, access_key, key_from_card_number, key_from_mrz
from idcard.chip_reading import ChipCard, read_chip
from idcard.citizen_data import CitizenData
from idcard.pcsc_link import connect
from idcard.reader_problem import NothingToRead, ReaderProblem
from onestop import chip_reads, chip_trust
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.idcard import IdCard
from onestop.roles import Actor
from ui.open_work import OpenWork
from ui.tasks import StoreCall, TaskManager, Work, failure_message

WAIT_FOR_CARD_SECONDS = 30.0
PHOTO_WIDTH, PHOTO_HEIGHT = 120, 160


@dataclass(frozen=True)
class ChipApplicant:
    """What the chip gives the intake: the citizen's data in exact Vietnamese, and whether a
    genuine chip gave them. No photo."""

    citizen: CitizenData
    authentic: bool
    problem: str


class ReadChip:
    """Waits for the card on the reader, then reads it; the wait ends when the work is cancelled.
    It has no label: the panel itself tells the officer to lay the card, and a wait that nobody
    answers (a QR read at a counter that uses no chip) must not show as slow work."""

    label = ""

    def __init__(self, reader: str | None, key: AccessKey, with_photo: bool,
                 wait_seconds: float) -> None:
        self._reader, self._key = reader, key
        self._with_photo, self._wait = with_photo, wait_seconds

    def run(self, work: Work) -> ChipCard:
        trusted = chip_trust.trusted_cscas(work.store)
        with connect(self._reader, self._wait, work.cancelled) as link:
            return read_chip(link.transmit, self._key, trusted, self._with_photo)


class ChipPanelView(QGroupBox):
    """The panel's widgets, laid out; the logic is in ChipPanel."""

    def __init__(self) -> None:
        super().__init__(_("Chip thẻ căn cước"))
        self.document_number = QLineEdit()
        self.document_number.setMaxLength(9)
        self.document_number.setPlaceholderText(_("9 chữ số cuối của số định danh"))
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(_("ngày/tháng/năm"))
        self.expiry_date = QLineEdit()
        self.expiry_date.setPlaceholderText(_("ngày/tháng/năm"))
        self.mrz = QLineEdit()
        self.mrz.setPlaceholderText(_("hoặc dòng MRZ ở mặt sau thẻ"))
        self.read = QPushButton(_("Đọc chip"))
        self.photo = QLabel()
        self.photo.setFixedSize(PHOTO_WIDTH, PHOTO_HEIGHT)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setFrameShape(QLabel.Shape.Box)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(_("Số giấy tờ"), self.document_number)
        form.addRow(_("Ngày sinh"), self.birth_date)
        form.addRow(_("Có giá trị đến"), self.expiry_date)
        form.addRow(_("MRZ"), self.mrz)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.read)
        left.addWidget(self.verdict)
        left.addWidget(self.status)
        left.addStretch(1)
        row = QHBoxLayout(self)
        row.addLayout(left, 1)
        row.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)


def _typed_date(text: str, what: str) -> date:
    parts = text.replace("-", "/").replace(".", "/").split("/")
    try:
        day, month, year = (int(part) for part in parts)
        return date(year, month, day)
    except ValueError:
        raise DomainError(_("{0} phải có dạng ngày/tháng/năm (đang có: “{1}”).").format(
            what, text)) from None


class ChipPanel(QWidget):
    applicant_read = Signal(object)
    reading_failed = Signal(str)

    def __init__(self, tasks: TaskManager, actor: Actor, reader: str | None = None,
                 wait_seconds: float = WAIT_FOR_CARD_SECONDS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._work = OpenWork(tasks)
        self._actor = actor
        self._reader = reader
        self._wait_seconds = wait_seconds
        self._by_itself = False
        self.photo: bytes | None = None  # the last card's face photo (JPEG), while it is shown
        self.view = ChipPanelView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.view.read.clicked.connect(self._on_read_clicked)

    def use_qr(self, card: IdCard) -> None:
        """Take the key from the QR just scanned (the expiry from the card's validity rules) and
        read the chip as soon as the card is laid on the reader; a counter without a reader, or a
        card never laid, hears nothing of it."""
        self.clear()
        try:
            if card.birth_date is None:
                raise DomainError(_("Mã QR không có ngày sinh: hãy nhập dòng MRZ ở mặt sau thẻ."))
            key = key_from_card_number(card.id_number, card.birth_date, card.issued_on)
        except DomainError as error:
            self._show_problem(str(error))
            return
        self._show_key(key)
        self._start(key, by_itself=True)

    def _show_key(self, key: AccessKey) -> None:
        v = self.view
        v.document_number.setText(key.document_number)
        v.birth_date.setText(key.birth_date.strftime("%d/%m/%Y"))
        v.expiry_date.setText(key.expiry_date.strftime("%d/%m/%Y"))
        v.mrz.clear()

    def _key(self) -> AccessKey:
        v = self.view
        if v.mrz.text().strip():
            return key_from_mrz(v.mrz.text())
        return access_key(v.document_number.text(), _typed_date(v.birth_date.text(), _("Ngày sinh")),
                          _typed_date(v.expiry_date.text(), _("Ngày hết hạn")))

    def clear(self) -> None:
        """Forget the last card, its photo first."""
        self.photo = None
        self.view.photo.clear()
        self.view.verdict.clear()
        self.view.verdict.setProperty("role", "")
        self.view.status.clear()

    @Slot()
    def _on_read_clicked(self) -> None:
        self.read()

    def read(self) -> None:
        """Read the card now, or as soon as it is laid on the reader."""
        if not self.view.read.isEnabled():
            return
        self.clear()
        try:
            key = self._key()
        except DomainError as error:
            self._show_problem(str(error))
            return
        self._start(key, by_itself=False)

    def _start(self, key: AccessKey, by_itself: bool) -> None:
        if not self.view.read.isEnabled():
            return
        try:
            chip_reads.require_chip_reader(self._actor)
        except DomainError as error:
            self._show_problem(str(error))
            return
        self._by_itself = by_itself
        self.view.read.setEnabled(False)
        self.view.status.setText(_("Đặt thẻ căn cước lên đầu đọc…"))
        self._work.on_device(ReadChip(self._reader, key, True, self._wait_seconds),
                             self._on_chip_read, self._on_failed)

    def shut_down(self) -> None:
        self._work.end()
        self.clear()

    def _on_chip_read(self, card: ChipCard) -> None:
        v = self.view
        v.read.setEnabled(True)
        v.status.clear()
        if card.photo is not None:
            self.photo = card.photo.image
            picture = QPixmap.fromImage(QImage.fromData(card.photo.image))
            v.photo.setPixmap(picture.scaled(
                PHOTO_WIDTH, PHOTO_HEIGHT, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        verdict = card.authenticity
        v.verdict.setText(verdict.message if verdict.authentic
                          else _("Chưa xác nhận được thẻ thật: {0}").format(verdict.message))
        self._set_role(v.verdict, "notice" if verdict.authentic else "warning")
        self._work.on_database(
            StoreCall(chip_reads.note_chip_read, self._actor, card.citizen.id_number,
                      verdict.authentic), self._on_read_audited, self._on_failed)
        self.applicant_read.emit(ChipApplicant(
            card.citizen, verdict.authentic, "" if verdict.authentic else verdict.message))

    def _on_read_audited(self, _nothing: None) -> None:
        """The read is in the audit trail; nothing on the panel changes."""

    def _on_failed(self, error: Exception) -> None:
        self.view.read.setEnabled(True)
        if self._by_itself and isinstance(error, NothingToRead):
            self.view.status.clear()
            return
        self._show_problem(str(error) if isinstance(error, ReaderProblem | DomainError)
                           else failure_message(error))

    def _show_problem(self, message: str) -> None:
        self.view.status.setText(message)
        self._set_role(self.view.status, "error")
        self.reading_failed.emit(message)

    @staticmethod
    def _set_role(label: QLabel, role: str) -> None:
        label.setProperty("role", role)
        label.style().unpolish(label)
        label.style().polish(label)
