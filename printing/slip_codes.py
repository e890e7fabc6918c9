"""The dossier code as machine-readable marks, drawn dot for dot so no bar is resampled."""

import qrcode
from barcode import Code128
from PIL import Image, ImageDraw

CODE128_QUIET_MODULES = 10
QR_QUIET_MODULES = 4


def code128_image(text: str, *, max_width: int, height: int) -> Image.Image:
    """CODE128 at the widest whole-dot module that fits, quiet zones included."""
    modules = Code128(text).build()[0]
    total = len(modules) + 2 * CODE128_QUIET_MODULES
    module = max(1, max_width // total)
    image = Image.new("1", (total * module, height), 1)
    draw = ImageDraw.Draw(image)
    for index, bar in enumerate(modules):
        if bar == "1":
            left = (CODE128_QUIET_MODULES + index) * module
            draw.rectangle((left, 0, left + module - 1, height - 1), fill=0)
    return image


def qr_image(text: str, *, module: int) -> Image.Image:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    side = (len(matrix) + 2 * QR_QUIET_MODULES) * module
    image = Image.new("1", (side, side), 1)
    draw = ImageDraw.Draw(image)
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                left = (QR_QUIET_MODULES + column) * module
                top = (QR_QUIET_MODULES + row) * module
                draw.rectangle((left, top, left + module - 1, top + module - 1), fill=0)
    return image
