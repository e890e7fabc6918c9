"""A drawn slip as ESC/POS bytes: reset, raster bands (GS v 0), feed and, if the printer has a
cutter, cut.

The 1-bit image is packed straight into raster bytes (a set bit burns a dot). Runs of blank dot
rows are sent as paper feed (ESC J, one dot row per unit on 203 dpi printers) instead of rows of
zero bytes, which shortens the job on slow serial links.
"""

from enum import Enum

from escpos.constants import HW_INIT, PAPER_FULL_CUT, PAPER_PART_CUT
from PIL import Image

ESC, GS = b"\x1b", b"\x1d"
# Bands no taller than python-escpos sends, which printers' buffers are known to take.
BAND_ROWS = 960
FEED_ROWS_MAX = 255
# Shorter blank runs stay in the raster: a feed saves little there and splits bands.
FEED_ROWS_MIN = 8
# Enough for the last printed line to clear the cutter or the tear bar.
FEED_LINES_OUT = 6


class Cut(Enum):
    """How a slip comes off the roll."""

    PARTIAL = PAPER_PART_CUT
    FULL = PAPER_FULL_CUT
    # No cutter: the slip is only fed out, and torn off by hand.
    TEAR_OFF = b""


def encode_slip(image: Image.Image, *, copies: int = 1, cut: Cut = Cut.PARTIAL) -> bytes:
    """Bytes for `copies` slips, each coming off on its own."""
    if copies < 1:
        raise ValueError("at least one copy")
    one: bytes = HW_INIT + raster_job(image) + ESC + b"d" + bytes([FEED_LINES_OUT]) + cut.value
    return one * copies


def raster_job(image: Image.Image) -> bytes:
    """The image as raster bands and feeds, top to bottom."""
    stride = (image.width + 7) // 8
    packed = image.convert("1").tobytes("raw", "1;I")
    blank = bytes(stride)
    parts: list[bytes] = []
    band_start = row = 0
    while row < image.height:
        if packed[row * stride : (row + 1) * stride] != blank:
            row += 1
            continue
        run_end = row + 1
        while run_end < image.height and packed[run_end * stride : (run_end + 1) * stride] == blank:
            run_end += 1
        if run_end - row >= FEED_ROWS_MIN:
            parts += _bands(packed, stride, band_start, row)
            parts += _feeds(run_end - row)
            band_start = run_end
        row = run_end
    parts += _bands(packed, stride, band_start, image.height)
    return b"".join(parts)


def _bands(packed: bytes, stride: int, first: int, end: int) -> list[bytes]:
    bands = []
    for top in range(first, end, BAND_ROWS):
        rows = min(BAND_ROWS, end - top)
        header = GS + b"v0\x00" + stride.to_bytes(2, "little") + rows.to_bytes(2, "little")
        bands.append(header + packed[top * stride : (top + rows) * stride])
    return bands


def _feeds(rows: int) -> list[bytes]:
    full, rest = divmod(rows, FEED_ROWS_MAX)
    return [ESC + b"J" + bytes([FEED_ROWS_MAX])] * full + ([ESC + b"J" + bytes([rest])] if rest else [])
