"""The card reader through PC/SC (pcscd on Linux and macOS, WinSCard on Windows), with pyscard."""

import threading
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from smartcard.Exceptions import CardConnectionException, NoCardException, SmartcardException
from smartcard.pcsc.PCSCExceptions import BaseSCardException
from smartcard.scard import SCARD_LEAVE_CARD
from smartcard.System import readers

from idcard.reader_problem import NothingToRead, ReaderProblem
from onestop.i18n import _

_POLL_SECONDS = 0.1


@dataclass(frozen=True)
class CardReader:
    name: str
    has_card: bool


def _pcsc_readers() -> list[Any]:
    try:
        return list(readers())
    except (SmartcardException, BaseSCardException):
        raise NothingToRead(_("Dịch vụ thẻ thông minh (PC/SC) của máy không chạy: hãy khởi động "
                              "lại máy hoặc cài trình điều khiển đầu đọc thẻ.")) from None


def list_readers() -> list[CardReader]:
    found = []
    for reader in _pcsc_readers():
        connection = reader.createConnection()
        try:
            # leave the card as it is: another program may be reading it
            connection.connect(disposition=SCARD_LEAVE_CARD)
        except (NoCardException, CardConnectionException):
            has_card = False
        else:
            has_card = True
            connection.disconnect()
        finally:
            connection.release()
        found.append(CardReader(str(reader), has_card))
    return found


class CardLink:
    """A connection to the card on one reader; `transmit` takes and gives whole APDUs."""

    def __init__(self, connection: Any, reader: str) -> None:
        self._connection = connection
        self.reader = reader

    def transmit(self, apdu: bytes) -> bytes:
        try:
            data, sw1, sw2 = self._connection.transmit(list(apdu))
        except (CardConnectionException, NoCardException):
            raise ReaderProblem(_("Thẻ đã rời đầu đọc khi đang đọc: đặt thẻ lại và đọc lại.")) from None
        return bytes(data) + bytes([sw1, sw2])

    def close(self) -> None:
        try:
            self._connection.disconnect()
        except SmartcardException:
            pass
        finally:
            self._connection.release()

    def __enter__(self) -> "CardLink":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def _reader(name: str | None) -> Any:
    found = _pcsc_readers()
    if not found:
        raise NothingToRead(_("Không thấy đầu đọc thẻ nào: hãy cắm đầu đọc NFC vào máy."))
    if name is None:
        return found[0]
    for reader in found:
        if str(reader) == name or str(reader).startswith(name):
            return reader
    raise ReaderProblem(_("Không thấy đầu đọc “{0}”; các đầu đọc có: {1}.").format(
        name, ", ".join(str(r) for r in found)))


def connect(reader_name: str | None = None, wait_seconds: float = 0.0,
            cancelled: threading.Event | None = None) -> CardLink:
    """The card on the reader, waiting up to `wait_seconds` for one to be laid on it."""
    reader = _reader(reader_name)
    stop = cancelled or threading.Event()
    deadline = time.monotonic() + wait_seconds
    while True:
        connection = reader.createConnection()
        try:
            connection.connect()
        except (NoCardException, CardConnectionException):
            connection.release()
            if time.monotonic() >= deadline or stop.wait(_POLL_SECONDS):
                raise NothingToRead(_("Chưa có thẻ trên đầu đọc “{0}”: đặt thẻ căn cước lên "
                                      "đầu đọc.").format(reader)) from None
            continue
        return CardLink(connection, str(reader))
