import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from printing.fonts import slip_font
from printing.text_wrap import wrap_to_width

FONT = slip_font(20)


def test_words_wrap_within_the_width() -> None:
    text = "Đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam có yếu tố nước ngoài"
    lines = wrap_to_width(text, FONT, 200)
    assert len(lines) > 1
    assert all(FONT.getlength(line) <= 200 for line in lines)
    assert " ".join(lines) == text


def test_a_word_longer_than_the_line_is_broken() -> None:
    lines = wrap_to_width("https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html", FONT, 120)
    assert "".join(lines) == "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html"
    assert all(FONT.getlength(line) <= 120 for line in lines)


def test_later_lines_can_be_narrower() -> None:
    lines = wrap_to_width("một hai ba bốn năm sáu bảy tám chín mười", FONT, 200, 100)
    assert all(FONT.getlength(line) <= 100 for line in lines[1:])


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậễếệỗốộờởỡớợ ", max_size=80))
def test_wrapping_keeps_every_letter_and_the_width(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    lines = wrap_to_width(text, FONT, 150)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(FONT.getlength(line) <= 150 for line in lines)
