"""The counter's digitised copies for one login: the papers filed are made into copies, the copies
read (OCR) one by one in the background, and each dossier's copies signed as soon as they are read.

The token's PIN is asked once, when the first paper is to be signed, and kept in this object
alone, in memory, until the screen is locked or the officer leaves; nothing writes it down.
A pause lets the copy in hand finish and takes no new one; copies left waiting are read after
a restart, the core's queue remembering where reading stood.
"""

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from onestop.i18n import _, ngettext
from onestop.roles import Actor
from scanning.arrangement import ArrangedPage
from ui.operations.digitising import (
    CheckTokenChosen,
    DigitisePapers,
    MadeCopies,
    ReadingTurn,
    ReadNextCopy,
    SigningTurn,
    SignWaitingCopies,
    TokenChosen,
)
from ui.signing.pin_dialog import PinDialog
from ui.tasks import Operation, TaskManager, Ticket, failure_message

T = TypeVar("T")


class DigitisingDesk(QObject):
    # a dossier whose copies changed (made, read, signed, failed)
    papers_changed = Signal(str)
    # digitised.ReadingProgress
    reading_progressed = Signal(object)
    reading_paused = Signal(bool)
    # what to tell the officer, and the dossier it is about
    told = Signal(str, str)

    def __init__(self, tasks: TaskManager, actor: Actor, window: QWidget) -> None:
        super().__init__(window)
        self._tasks = tasks
        self._actor = actor
        self._window = window
        self._pin: str | None = None
        self._asking: PinDialog | None = None
        self._pin_over: QWidget = window
        # dossiers whose copies are to be signed as soon as they are read
        self._to_sign: set[str] = set()
        self._signing: set[str] = set()
        self._sign_again: set[str] = set()
        self._reading: Ticket | None = None
        self._failed_reading: set[int] = set()
        self._paused = False
        self._ended = False
        self._tickets: list[Ticket] = []

    # --- what the screens ask -----------------------------------------------------------------

    def digitise(self, dossier_code: str, pages: Sequence[ArrangedPage]) -> None:
        """The pages just filed into the dossier become its papers' copies; the desk owns the
        pages' files from here on."""
        self._run(DigitisePapers(self._actor, dossier_code, list(pages)), self._on_papers_digitised)

    def sign(self, dossier_code: str, over: QWidget | None = None) -> None:
        """Signs the dossier's copies that are read, and the rest once they are; asks the PIN if
        this login has not given it yet, once the office has a token chosen."""
        self._to_sign.add(dossier_code)
        if self._pin is not None:
            self._sign_now(dossier_code)
            return
        self._pin_over = over or self._window
        self._run(CheckTokenChosen(dossier_code), self._on_token_checked)

    def _on_token_checked(self, chosen: TokenChosen) -> None:
        code = chosen.dossier_code
        if chosen.missing:
            # no token yet: the papers wait, unsigned, and say so
            self._to_sign.discard(code)
            self.told.emit(code, chosen.missing)
        elif self._pin is None:
            self._ask_pin(code, self._pin_over)
        else:
            self._sign_now(code)

    def forget_pin(self) -> None:
        self._pin = None
        if self._asking is not None:
            self._asking.reject()

    @property
    def has_pin(self) -> bool:
        return self._pin is not None

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def reading(self) -> bool:
        """Whether a copy is being read now."""
        return self._reading is not None

    def start_reading(self) -> None:
        """Reads what waits, from an earlier day or another counter too."""
        self._read_next()

    def pause_reading(self, paused: bool) -> None:
        self._paused = paused
        self.reading_paused.emit(paused)
        if not paused:
            self._read_next()

    def shut_down(self) -> None:
        """The officer leaves: the PIN goes, nothing more is started or heard."""
        self._ended = True
        self.forget_pin()
        for ticket in self._tickets:
            ticket.cancel()
        if self._reading is not None:
            self._reading.cancel()

    # --- the PIN -------------------------------------------------------------------------------

    def _ask_pin(self, dossier_code: str, over: QWidget) -> None:
        if self._asking is not None:
            return
        self._asking = PinDialog(over, dossier_code)
        self._asking.pin_given.connect(self._on_pin_given)
        self._asking.finished.connect(self._on_pin_dialog_finished)
        self._asking.open()

    def _on_pin_given(self, pin: str) -> None:
        self._pin = pin
        for code in sorted(self._to_sign):
            self._sign_now(code)

    def _on_pin_dialog_finished(self, _result: int) -> None:
        if self._asking is not None:
            self._asking.deleteLater()
            self._asking = None

    # --- signing -------------------------------------------------------------------------------

    def _sign_now(self, dossier_code: str) -> None:
        if self._pin is None or self._ended:
            return
        if dossier_code in self._signing:
            self._sign_again.add(dossier_code)
            return
        self._signing.add(dossier_code)
        self._run(SignWaitingCopies(self._actor, dossier_code, self._pin), self._on_signed)

    def _on_signed(self, turn: SigningTurn) -> None:
        code = turn.dossier_code
        self._signing.discard(code)
        if turn.refused:
            # nothing was signed; the papers wait, and the PIN is asked again next time
            self._sign_again.discard(code)
            self._pin = None
            self.told.emit(code, turn.refused)
            return
        if not turn.waiting:
            self._to_sign.discard(code)
        if turn.signed:
            self.papers_changed.emit(code)
            failed = [paper.caption for paper in turn.signed if not paper.signed]
            signed = len(turn.signed) - len(failed)
            told = ngettext("Đã ký số {count} giấy tờ của hồ sơ {code}.",
                            "Đã ký số {count} giấy tờ của hồ sơ {code}.", signed).format(
                count=signed, code=code)
            if failed:
                told = " ".join([told, _("Chưa ký được: {reason}").format(reason=failed[0])])
            self.told.emit(code, told)
        if code in self._sign_again:
            self._sign_again.discard(code)
            self._sign_now(code)

    # --- making and reading copies ------------------------------------------------------------

    def _on_papers_digitised(self, made: MadeCopies) -> None:
        code = made.dossier_code
        self.papers_changed.emit(code)
        if made.failures:
            self.told.emit(code, _("Chưa số hóa được: {reason}").format(reason=made.failures[0]))
        if made.copies:
            self.sign(code)
        self._read_next()

    def _read_next(self) -> None:
        if self._paused or self._ended or self._reading is not None:
            return
        self._reading = self._tasks.run_device(ReadNextCopy(frozenset(self._failed_reading)),
                                               self._on_copy_read, self._on_reading_failed)

    def _on_copy_read(self, turn: ReadingTurn) -> None:
        self._reading = None
        self.reading_progressed.emit(turn.progress)
        if turn.copy is None:
            return
        if turn.failure is not None:
            self._failed_reading.add(turn.copy.copy_id)
        code = turn.copy.dossier_code
        self.papers_changed.emit(code)
        if code in self._to_sign:
            self._sign_now(code)
        self._read_next()

    def _on_reading_failed(self, error: Exception) -> None:
        self._reading = None
        self.told.emit("", failure_message(error))

    def _run(self, op: Operation[T], on_done: Callable[[T], None]) -> None:
        if self._ended:
            return
        self._tickets = [t for t in self._tickets if not t.ended.is_set()]
        self._tickets.append(self._tasks.run_device(op, on_done, self._on_work_failed))

    def _on_work_failed(self, error: Exception) -> None:
        self.told.emit("", failure_message(error))
