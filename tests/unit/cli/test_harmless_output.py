"""Text from outside shown at a terminal: what a person reads stays, what a terminal would obey is
spelled out, and JSON stays JSON that reads back as the same text."""

import json

from cli.output import harmless


def test_vietnamese_emoji_and_line_breaks_stay_as_they_are() -> None:
    text = "Nguyễn Thị Hoà 😀\tĐã tiếp nhận\n"
    assert harmless(text) == text


def test_what_a_terminal_would_obey_is_spelled_out() -> None:
    assert harmless("a\x1b[2Jb\x07\r") == "a\\u001b[2Jb\\u0007\\u000d"
    assert harmless("\x9b31m\x7f") == "\\u009b31m\\u007f"
    assert harmless("\u202eabc\u2066\u200b\u2028") == "\\u202eabc\\u2066\\u200b\\u2028"
    assert harmless("\U000e0001") == "\\udb40\\udc01"


def test_json_made_harmless_reads_back_as_the_same_text() -> None:
    value = {"name": "Lê\x1b]0;x\x07 Văn\u202e\x9b \U000e0001 Bốn"}
    shown = harmless(json.dumps(value, ensure_ascii=False))
    assert not any(ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F for char in shown)
    assert json.loads(shown) == value
