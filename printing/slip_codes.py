"""The dossier code as machine-readable marks, drawn dot for dot so no bar is resampled.

zxing-cpp encodes (and picks the QR mask pattern) in native code; each module is then scaled to
whole dots with nearest-neighbour resizing, which copies dots and never blends them.
"""

import zxingcpp
from PIL import Image

CODE128_QUIET_MODULES = 10
QR_QUIET_MODULES = 4
WHITE = 1


def code128_image(text: str, *, max_width: int, height: int) -> Image.Image:
    """CODE128 at the widest whole-dot module that fits, quiet zones included."""
    drawn = _modules(zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.Code128))
    bars = drawn.crop((0, 0, drawn.width, 1))
    total = bars.width + 2 * CODE128_QUIET_MODULES
    module = max(1, max_width // total)
    image = Image.new("1", (total * module, height), WHITE)
    image.paste(bars.resize((bars.width * module, height), Image.Resampling.NEAREST),
                (CODE128_QUIET_MODULES * module, 0))
    return image


def qr_image(text: str, *, module: int) -> Image.Image:
    cells = _modules(zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M"))
    side = (cells.width + 2 * QR_QUIET_MODULES) * module
    image = Image.new("1", (side, side), WHITE)
    image.paste(cells.resize((cells.width * module, cells.height * module), Image.Resampling.NEAREST),
                (QR_QUIET_MODULES * module, QR_QUIET_MODULES * module))
    return image


def _modules(code: zxingcpp.Barcode) -> Image.Image:
    """One dot per module, black on white, without quiet zones."""
    drawn = memoryview(code.to_image(scale=1, add_quiet_zones=False))  # type: ignore[arg-type]
    rows, columns = drawn.shape or (0, 0)
    grey = Image.frombytes("L", (columns, rows), bytes(drawn))
    return grey.point(lambda value: 255 if value >= 128 else 0, mode="1")
