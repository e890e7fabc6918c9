"""Pages drawn for tests: a typed A4 page, a blank sheet, an ID card with its QR."""

import qrcode
from PIL import Image, ImageDraw, ImageFont

LINE = "Ủy ban nhân dân xã Thử Nghiệm – đơn đề nghị cấp bản sao trích lục khai sinh số "


def a4(dpi: int) -> tuple[int, int]:
    return round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)


def text_page(dpi: int = 200, lines: int = 40, paper: int = 245) -> Image.Image:
    page = Image.new("L", a4(dpi), paper)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=round(dpi * 11 / 72))
    margin = dpi
    for row in range(lines):
        draw.text((margin, margin + row * dpi * 0.2), f"{LINE}{row}", fill=20, font=font)
    return page


def blank_page(dpi: int = 200, paper: int = 240) -> Image.Image:
    page = Image.new("L", a4(dpi), paper)
    draw = ImageDraw.Draw(page)
    # the feeder's dark edge and a few specks of dust: still a blank page
    draw.rectangle((0, 0, 12, page.height), fill=30)
    for x, y in ((400, 500), (900, 1500), (1200, 300)):
        draw.ellipse((x, y, x + 3, y + 3), fill=40)
    return page


def id_card(text: str, dpi: int = 300) -> Image.Image:
    """The face of a CCCD with its QR at the top right, 85.6 × 54 mm."""
    card = Image.new("L", (round(85.6 / 25.4 * dpi), round(54 / 25.4 * dpi)), 225)
    draw = ImageDraw.Draw(card)
    font = ImageFont.load_default(size=round(dpi / 12))
    draw.text((dpi // 8, dpi // 8), "CĂN CƯỚC CÔNG DÂN", fill=40, font=font)
    draw.text((dpi // 8, dpi // 2), "Họ và tên / Full name:", fill=40, font=font)
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    symbol = code.make_image().get_image().convert("L")
    side = round(18 / 25.4 * dpi)
    card.paste(symbol.resize((side, side), Image.Resampling.NEAREST), (card.width - side - 20, 20))
    return card


def on_glass(card: Image.Image, dpi: int, angle: float = 0.0) -> Image.Image:
    """The card lying somewhere on an A4 flatbed scan, turned by `angle` degrees."""
    page = Image.new("L", a4(dpi), 250)
    turned = card.rotate(angle, expand=True, fillcolor=250, resample=Image.Resampling.BICUBIC)
    page.paste(turned, (dpi // 2, dpi))
    return page
