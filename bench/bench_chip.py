"""How long the counter waits for an ID card: its chip, from the card laid on the reader to the
applicant's data read and checked (with and without the face photo), beside the same person's QR
typed by a keyboard-wedge scanner into the window.

The chip is the emulated card of the tests on vsmartcard's virtual PC/SC reader, so the figures
hold pcscd's card detection and the program's own work (BAC, secure messaging, passive
authentication), not the radio of a real NFC reader; a real card adds its own time per command.
Prints figures; passes or fails nothing.

    .venv/bin/python bench/bench_chip.py [--runs 5] [--photo-bytes 15000]
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from idcard.chip_reading import ChipCard, read_chip  # noqa: E402
from idcard.pcsc_link import connect  # noqa: E402
from tests.integration.idcard.chip_emulator import (  # noqa: E402
    CardFiles,
    Chip,
    VirtualCard,
    genuine_card,
    make_csca,
    make_signer,
)
from tests.integration.idcard.virtual_reader import (  # noqa: E402
    VirtualReader,
    machine_lacks,
    running_virtual_reader,
)

QR = "001185012345|123456789|Nguyễn Thị Hoà|15031985|Nữ|Số 5 ngõ 12, phường Láng, Hà Nội|20042021"
WEDGE_GAPS_MS = (3, 8)  # a fast and an ordinary handheld scanner, per key


def laid_to_read(reader: VirtualReader, card: CardFiles, trusted: list[bytes],
                 with_photo: bool) -> tuple[float, float, int]:
    """Seconds from the card laid to its data read, of the reading alone, and the commands sent."""
    reader.wait_empty()
    result: list[ChipCard] = []
    started_reading: list[float] = []

    def read() -> None:
        with connect(reader.name, wait_seconds=30) as link:
            started_reading.append(time.perf_counter())
            result.append(read_chip(link.transmit, card.key, trusted, with_photo))

    worker = threading.Thread(target=read)
    worker.start()
    time.sleep(0.3)  # the counter is waiting for the card
    laid_at = time.perf_counter()
    chip = Chip(card)
    placed = VirtualCard(chip, reader.port)
    worker.join()
    done = time.perf_counter()
    placed.remove()
    assert result and result[0].authenticity.authentic, "the emulated card did not read genuine"
    return done - laid_at, done - started_reading[0], chip.commands


def wedge_burst(gap_ms: int) -> float:
    """Seconds from the scanner's first key to the parsed card, through the window's wedge filter."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from onestop.idcard import parse_qr
    from ui.scanner.wedge_filter import WedgeScannerFilter

    app = QApplication.instance() or QApplication(sys.argv[:1])
    field = QLineEdit()
    field.show()
    field.setFocus()
    parsed: list[float] = []

    def sink(text: str) -> bool:
        parse_qr(text)
        parsed.append(time.perf_counter())
        return True

    wedge = WedgeScannerFilter(sink)
    app.installEventFilter(wedge)
    first = round(time.monotonic() * 1000)
    started = time.perf_counter()
    for number, char in enumerate(QR + "\r"):
        key = Qt.Key.Key_Return if char == "\r" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            event.setTimestamp(first + number * gap_ms)
            QApplication.sendEvent(field, event)
        QTest.qWait(gap_ms)
    deadline = time.monotonic() + 5
    while not parsed and time.monotonic() < deadline:
        QTest.qWait(1)
    app.removeEventFilter(wedge)
    field.deleteLater()
    if not parsed:
        raise RuntimeError("the wedge filter did not take the burst")
    return parsed[0] - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--photo-bytes", type=int, default=15_000)
    args = parser.parse_args()
    lacks = machine_lacks()
    pcscd = shutil.which("pcscd")
    if lacks is not None or pcscd is None:
        print(f"chip figures skipped: {lacks}")
    else:
        csca = make_csca()
        card = genuine_card(make_signer(csca), photo_bytes=args.photo_bytes)
        print(f"emulated card: DG2 {len(card.files[0x0102])} bytes, DG13 {len(card.files[0x010D])} bytes")
        with tempfile.TemporaryDirectory() as folder, \
                running_virtual_reader(pcscd, Path(folder)) as reader:
            laid_to_read(reader, card, [csca.pem], True)  # warm up
            for with_photo in (False, True):
                runs = [laid_to_read(reader, card, [csca.pem], with_photo)
                        for _ in range(args.runs)]
                total = statistics.median(r[0] for r in runs)
                reading = statistics.median(r[1] for r in runs)
                what = "with photo   " if with_photo else "without photo"
                print(f"chip {what}: card laid -> data read {total:6.3f} s "
                      f"(reading alone {reading:6.3f} s, {runs[0][2]} commands; median of "
                      f"{args.runs})")
        print("a real card over NFC adds its own time to every command (often 10-50 ms): "
              "multiply the commands above")
    for gap in WEDGE_GAPS_MS:
        runs = [wedge_burst(gap) for _ in range(args.runs)]
        print(f"wedge QR burst, {gap} ms a key ({len(QR) + 1} keys): first key -> card parsed "
              f"{statistics.median(runs):6.3f} s (median of {args.runs})")


if __name__ == "__main__":
    main()
