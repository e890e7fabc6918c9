"""No printer at all: each job lands in a folder as the raw bytes and one PNG per slip.

For trying the program out and for training; the PNGs show exactly what a printer would print.
"""

import re
from datetime import datetime

from printing.escpos_raster import printed_pieces
from printing.printer_errors import unreachable
from printing.printer_status import PaperLevel, PrinterStatus
from printing.printer_uri import VirtualAddress
from printing.printers.connection import PrinterConnection


class VirtualPrinter(PrinterConnection):
    def __init__(self, address: VirtualAddress, timeout: float) -> None:
        self.where = str(address)
        self.folder = address.folder

    def send_job(self, data: bytes, name: str) -> None:
        stem = f"{datetime.now():%Y%m%d-%H%M%S-%f}-{_file_safe(name)}"
        try:
            # the folder itself, never a chain of folders where nothing was before
            self.folder.mkdir(exist_ok=True)
            (self.folder / f"{stem}.bin").write_bytes(data)
            for number, piece in enumerate(printed_pieces(data), start=1):
                piece.save(self.folder / f"{stem}-{number}.png")
        except OSError:
            raise unreachable(self.where) from None

    def status(self) -> PrinterStatus:
        return PrinterStatus(online=True, paper=PaperLevel.ENOUGH)

    def close(self) -> None:
        """Nothing stays open between jobs."""


def _file_safe(name: str) -> str:
    return re.sub(r"[^0-9A-Za-z.-]+", "_", name).strip("_") or "job"
