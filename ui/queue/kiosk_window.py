"""The kiosk: a full-screen touch window with a big button per field; a touch (or the field's
number key) takes a ticket and prints it. A ticket whose printing failed can be printed again."""

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from onestop import queue, settings
from onestop.i18n import _
from onestop.queue_office import FieldRecord, list_fields
from onestop.store.engine import Store
from printing.print_service import PrintOutcome
from printing.printer_profile import printer_profile
from printing.queue_ticket import QueueTicketSlip, print_queue_ticket
from printing.slip_layout import paper_for_mm
from ui.tasks import Call, StoreCall, TaskManager

SHOW_TICKET_MS = 15_000


@dataclass(frozen=True)
class KioskSetup:
    office: str
    fields: tuple[FieldRecord, ...]
    printer: str
    paper_mm: int
    profile: str
    follow_url: str


def load_kiosk_setup(store: Store) -> KioskSetup:
    values = settings.read_all(store)
    return KioskSetup(str(values["agency.name"]), tuple(list_fields(store)),
                      str(values["queue.ticket_printer"] or values["printer.uri"]),
                      int(values["printer.paper_width"]), str(values["printer.profile"]),
                      str(values["queue.follow_url"]))


def ticket_slip(setup: KioskSetup, ticket: queue.TicketRecord) -> QueueTicketSlip:
    follow = setup.follow_url.replace("{so}", ticket.label) if setup.follow_url else ""
    return QueueTicketSlip(setup.office, ticket.label, ticket.field_name, ticket.waiting_before,
                           ticket.taken_at, follow)


@dataclass(frozen=True)
class PrintedTicket:
    ticket: queue.TicketRecord
    outcome: PrintOutcome


def print_ticket(setup: KioskSetup, ticket: queue.TicketRecord) -> PrintedTicket:
    return PrintedTicket(ticket, print_queue_ticket(ticket_slip(setup, ticket), setup.printer,
                                                    width_dots=paper_for_mm(setup.paper_mm),
                                                    profile=printer_profile(setup.profile)))


class KioskWindow(QWidget):
    ticket_taken = Signal(object)
    ticket_printed = Signal(object)

    def __init__(self, tasks: TaskManager, setup: KioskSetup) -> None:
        super().__init__()
        self._tasks, self._setup = tasks, setup
        self._unprinted: queue.TicketRecord | None = None
        self._busy = False
        self.setWindowTitle(_("Lấy số thứ tự"))
        self.setStyleSheet("QPushButton { font-size: 30pt; font-weight: bold; min-height: 110px; }"
                           "QLabel#title { font-size: 30pt; font-weight: bold; color: #0b4f9c; }"
                           "QLabel#number { font-size: 44pt; font-weight: bold; }"
                           "QLabel#message { font-size: 18pt; }")
        layout = QVBoxLayout(self)
        title = QLabel(f"{setup.office}\n{_('Chạm vào lĩnh vực để lấy số thứ tự')}")
        title.setObjectName("title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        layout.addWidget(title)
        grid = QGridLayout()
        self.field_buttons: list[QPushButton] = []
        for index, field in enumerate(setup.fields):
            button = QPushButton(f"{index + 1}.  {field.name}")
            button.setProperty("field", field.code)
            button.setAutoDefault(True)
            button.clicked.connect(self._on_field_button_clicked)
            grid.addWidget(button, index // 2, index % 2)
            self.field_buttons.append(button)
        layout.addLayout(grid, 1)
        self.number = QLabel("")
        self.number.setObjectName("number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.number)
        self.message = QLabel(_("Hoặc bấm phím số của lĩnh vực trên bàn phím."))
        self.message.setObjectName("message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.reprint_button = QPushButton(_("In lại phiếu"))
        keep_room = self.reprint_button.sizePolicy()
        keep_room.setRetainSizeWhenHidden(True)  # nothing moves when it appears
        self.reprint_button.setSizePolicy(keep_room)
        self.reprint_button.setVisible(False)
        self.reprint_button.clicked.connect(self._on_reprint_button_clicked)
        layout.addWidget(self.reprint_button)
        self._clear = QTimer(self)
        self._clear.setSingleShot(True)
        self._clear.setInterval(SHOW_TICKET_MS)
        self._clear.timeout.connect(self._on_clear_timeout)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= len(self._setup.fields):
            self.take(self._setup.fields[int(text) - 1].code)
            return
        super().keyPressEvent(event)

    def take(self, field_code: str) -> None:
        if self._busy:
            return
        self._busy = True
        self.message.setText(_("Đang in phiếu…"))
        self._tasks.run_database(StoreCall(queue.take, field_code, None), self._on_ticket_taken,
                                 self._on_take_failed)

    @Slot()
    def _on_field_button_clicked(self) -> None:
        button = self.sender()
        assert isinstance(button, QPushButton)
        self.take(str(button.property("field")))

    @Slot()
    def _on_reprint_button_clicked(self) -> None:
        if self._unprinted is not None and not self._busy:
            self._busy = True
            # Read again: the people waiting before this citizen are fewer by now.
            self._tasks.run_database(StoreCall(queue.reprint, self._unprinted.uid), self._print,
                                     self._on_take_failed)

    def _on_ticket_taken(self, ticket: queue.TicketRecord) -> None:
        self.ticket_taken.emit(ticket)
        self.number.setText(_("Số của bạn: {0}").format(ticket.label))
        self._print(ticket)

    def _on_take_failed(self, error: Exception) -> None:
        self._busy = False
        self.message.setText(str(error))

    def _print(self, ticket: queue.TicketRecord) -> None:
        self._tasks.run_device(Call(print_ticket, self._setup, ticket), self._on_printed)

    def _on_printed(self, printed: PrintedTicket) -> None:
        ticket, outcome = printed.ticket, printed.outcome
        self._busy = False
        if outcome.sent:
            self._unprinted = None
            self.message.setText(_("Mời nhận phiếu. Có {0} người chờ trước bạn.").format(
                ticket.waiting_before))
            self.ticket_printed.emit(ticket)
        else:
            self._unprinted = ticket
            self.message.setText(_("Chưa in được phiếu số {0}: {1}").format(ticket.label,
                                                                           outcome.message))
        self.reprint_button.setVisible(self._unprinted is not None)
        self._clear.start()

    @Slot()
    def _on_clear_timeout(self) -> None:
        self.number.setText("")
        self.message.setText(_("Hoặc bấm phím số của lĩnh vực trên bàn phím."))
        self.reprint_button.setVisible(self._unprinted is not None)
