"""Papers drawn from known Vietnamese text, scanned-looking: slight blur, paper tone and noise;
a colour form carries a red round stamp across its last lines."""

from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from onestop.resources import resource_path

SENTENCES = (
    "Ủy ban nhân dân xã Thử Nghiệm xác nhận hồ sơ đăng ký khai sinh.",
    "Người đi khai sinh là bà Nguyễn Thị Hoà, sinh ngày 12 tháng 5 năm 1990.",
    "Trẻ được khai sinh tên là Trần Minh Đức, giới tính nam.",
    "Nơi sinh: Trạm y tế xã, huyện Đông Anh, thành phố Hà Nội.",
    "Quan hệ với người được khai sinh: mẹ đẻ, có giấy chứng sinh kèm theo.",
    "Đề nghị cơ quan đăng ký hộ tịch cấp bản chính giấy khai sinh.",
    "Tôi cam đoan nội dung khai trên đây là đúng sự thật.",
    "Hồ sơ gồm tờ khai, giấy chứng sinh và căn cước của người đi khai.",
)
_A4_MM = (210, 297)


@dataclass(frozen=True)
class DrawnPaper:
    image: Image.Image
    dpi: int
    text: str


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", "DejaVuSans.ttf")), size=size)


def _stamp(page: Image.Image, centre: tuple[int, int], radius: int) -> None:
    draw = ImageDraw.Draw(page)
    x, y = centre
    red = (205, 30, 40)
    for ring in (0, radius // 12):
        draw.ellipse((x - radius + ring, y - radius + ring, x + radius - ring, y + radius - ring),
                     outline=red, width=max(2, radius // 25))
    draw.regular_polygon((x, y, radius // 4), 5, fill=red)
    draw.text((x, y + radius // 2), "UBND XÃ", fill=red, font=_font(radius // 6), anchor="mm")


def draw_paper(dpi: int = 200, colour: bool = True, stamp: bool = False, repeat: int = 2) -> DrawnPaper:
    fine = dpi * 2
    width, height = (round(mm / 25.4 * fine) for mm in _A4_MM)
    page = Image.new("RGB", (width, height), (250, 248, 240) if colour else (255, 255, 255))
    draw = ImageDraw.Draw(page)
    font = _font(round(fine * 13 / 72))
    left, top = round(25 / 25.4 * fine), round(25 / 25.4 * fine)
    line_height = round(fine * 13 * 1.6 / 72)
    lines = list(SENTENCES) * repeat
    for number, line in enumerate(lines):
        draw.text((left, top + number * line_height), line, fill=(25, 25, 30), font=font)
    if stamp:
        last = top + len(lines) * line_height
        _stamp(page, (width * 2 // 3, last - line_height), round(fine * 0.7))
    scanned = page.resize((width // 2, height // 2), Image.Resampling.BOX)
    scanned = scanned.filter(ImageFilter.GaussianBlur(0.6))
    noise = Image.merge("RGB", [Image.effect_noise(scanned.size, 4.0)] * 3)
    scanned = ImageChops.add(scanned, noise, offset=-128)
    if not colour:
        scanned = scanned.convert("L")
    return DrawnPaper(scanned, dpi, "\n".join(lines))
