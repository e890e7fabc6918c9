"""The counter window's call panel: call the next citizen with one key, call again, mark not
present, send to another counter, finish the visit. The window gives F12 and F11 to `call_next`
and `call_again` wherever the officer is."""

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton, QWidget

from onestop import queue, settings
from onestop.i18n import _
from onestop.queue_office import CounterRecord, list_counters
from onestop.queue_ratings import RatingRecord, rate
from onestop.roles import Actor
from onestop.store.engine import Store
from ui.queue.citizen_screen import CitizenScreen
from ui.tasks import StoreCall, TaskManager

CALL_NEXT_KEY = Qt.Key.Key_F12
CALL_AGAIN_KEY = Qt.Key.Key_F11


@dataclass(frozen=True)
class CallPanelSetup:
    """This machine's counter (the `counter.code` setting) among the calling counters; None when
    it is not one of them."""

    counter: CounterRecord | None
    counters: list[CounterRecord]
    office: str = ""
    citizen_monitor: int = 0  # the `queue.citizen_screen` setting: 0 = no screen faces the citizen


def load_call_panel_setup(store: Store) -> CallPanelSetup:
    values = settings.read_all(store)
    code = str(values["counter.code"]).upper()
    counters = list_counters(store)
    return CallPanelSetup(next((c for c in counters if c.code == code), None), counters,
                          str(values["agency.name"]), int(values["queue.citizen_screen"]))


class CallPanel(QWidget):
    ticket_called = Signal(object)
    visit_ended = Signal(object)
    rating_saved = Signal(object)

    def __init__(self, tasks: TaskManager, actor: Actor, counter: CounterRecord,
                 others: list[CounterRecord]) -> None:
        super().__init__()
        self._tasks, self._actor, self._counter = tasks, actor, counter
        self.current: queue.TicketRecord | None = None
        self.last_served: queue.TicketRecord | None = None
        layout = QGridLayout(self)
        self.number = QLabel(_("{0}: chưa gọi số").format(counter.name))
        self.number.setProperty("role", "heading")
        layout.addWidget(self.number, 0, 0, 1, 4)
        self.call_button = QPushButton(_("Gọi số tiếp (F12)"))
        self.again_button = QPushButton(_("Gọi lại (F11)"))
        self.skip_button = QPushButton(_("Vắng mặt"))
        self.finish_button = QPushButton(_("Xong lượt"))
        for column, button in enumerate((self.call_button, self.again_button, self.skip_button,
                                         self.finish_button)):
            layout.addWidget(button, 1, column)
        self.send_to = QComboBox()
        for other in others:
            if other.code != counter.code:
                self.send_to.addItem(other.name, other.code)
        self.send_button = QPushButton(_("Chuyển sang quầy"))
        layout.addWidget(self.send_button, 2, 0, 1, 2)
        layout.addWidget(self.send_to, 2, 2, 1, 2)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message, 3, 0, 1, 4)
        self.call_button.clicked.connect(self._on_call_button_clicked)
        self.again_button.clicked.connect(self._on_again_button_clicked)
        self.skip_button.clicked.connect(self._on_skip_button_clicked)
        self.finish_button.clicked.connect(self._on_finish_button_clicked)
        self.send_button.clicked.connect(self._on_send_button_clicked)
        self._show_buttons()

    def refresh(self) -> None:
        """Read what this counter is serving (the window opened again in the middle of a visit)."""
        self._tasks.run_database(StoreCall(queue.serving, self._counter.code), self._on_serving_read)

    def _on_serving_read(self, ticket: queue.TicketRecord | None) -> None:
        if ticket is not None:
            self._on_called(ticket)

    def _show_buttons(self) -> None:
        serving = self.current is not None
        for button in (self.again_button, self.skip_button, self.finish_button, self.send_button):
            button.setEnabled(serving)
        self.send_button.setEnabled(serving and self.send_to.count() > 0)

    def _run(self, call: StoreCall[queue.TicketRecord], called: bool) -> None:
        self.message.setText("")
        self._tasks.run_database(call, self._on_called if called else self._on_ended,
                                 self._on_refused)

    @Slot()
    def _on_call_button_clicked(self) -> None:
        self.call_next()

    @Slot()
    def _on_again_button_clicked(self) -> None:
        self.call_again()

    def call_next(self) -> None:
        """The window's F12, wherever the officer is."""
        self._run(StoreCall(queue.call_next, self._actor, self._counter.code, None), True)

    def call_again(self) -> None:
        """The window's F11."""
        if self.current is not None:
            self._run(StoreCall(queue.call_again, self._actor, self._counter.code, None), True)

    @Slot()
    def _on_skip_button_clicked(self) -> None:
        self._run(StoreCall(queue.skip, self._actor, self._counter.code, None), False)

    @Slot()
    def _on_finish_button_clicked(self) -> None:
        self._run(StoreCall(queue.finish, self._actor, self._counter.code, None, None), False)

    @Slot()
    def _on_send_button_clicked(self) -> None:
        target = self.send_to.currentData()
        if target:
            self._run(StoreCall(queue.send, self._actor, self._counter.code, str(target), None),
                      False)

    def face_citizen(self, screen: CitizenScreen) -> None:
        """The screen facing the citizen greets each citizen called, and their rating is saved
        tied to their ticket, its dossier and this officer."""
        self.ticket_called.connect(screen.show_welcome)
        screen.rated.connect(self._on_citizen_rated)

    @Slot(int, tuple)
    def _on_citizen_rated(self, level: int, reasons: tuple[str, ...]) -> None:
        ticket = self.current or self.last_served
        self._tasks.run_database(
            StoreCall(rate, self._actor, level, reasons, "", ticket.uid if ticket else None),
            self._on_rating_saved, self._on_refused)

    def _on_rating_saved(self, rating: RatingRecord) -> None:
        self.rating_saved.emit(rating)

    def _on_called(self, ticket: queue.TicketRecord) -> None:
        if self.current is not None and self.current.uid != ticket.uid:
            self.last_served = self.current
        self.current = ticket
        self.number.setText(_("{0}: đang phục vụ số {1} ({2})").format(
            self._counter.name, ticket.label, ticket.field_name))
        self._show_buttons()
        self.ticket_called.emit(ticket)

    def _on_ended(self, ticket: queue.TicketRecord) -> None:
        self.current, self.last_served = None, ticket
        self.number.setText(_("{0}: đã xong số {1}").format(self._counter.name, ticket.label))
        self._show_buttons()
        self.visit_ended.emit(ticket)

    def _on_refused(self, error: Exception) -> None:
        self.message.setText(str(error))
