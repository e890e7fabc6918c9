"""What every printer link offers: one job, a status where the link can tell, and closing."""

from abc import ABC, abstractmethod
from collections.abc import Iterator
from types import TracebackType
from typing import Self

from printing.printer_status import UNKNOWN, PrinterStatus

# Written piece by piece so a timeout means "no progress", not "the whole slip took too long".
CHUNK = 4096


class PrinterConnection(ABC):
    where: str

    @abstractmethod
    def send_job(self, data: bytes, name: str) -> None:
        """Hand over one whole job; `name` labels it where the link keeps names (spooler, files)."""

    def status(self) -> PrinterStatus:
        return UNKNOWN

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def chunks(data: bytes, size: int = CHUNK) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]
