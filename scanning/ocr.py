"""Reading a page's words with Tesseract (Vietnamese), with where each word stands on the page.

Tesseract runs as a program, one page at a time and one thread each, so that two pages on two
cores read twice as fast and a crash costs one page.
"""

import csv
import io
import os
import shutil
import subprocess
from dataclasses import dataclass

from PIL import Image

from onestop.errors import DomainError
from onestop.i18n import _
from onestop.text import nfc

LANGUAGE = "vie"
_WORD_LEVEL = "5"
_SECONDS_PER_PAGE = 300


class OcrError(DomainError):
    """The page could not be read; the copy stays as it is and waits for another try."""


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def top(self) -> int:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> int:
        return max(word.top + word.height for word in self.words)


@dataclass(frozen=True)
class PageText:
    width: int
    height: int
    dpi: float
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return "\n".join(" ".join(word.text for word in line.words) for line in self.lines)


def tesseract() -> str:
    found = shutil.which("tesseract")
    if found is None:
        raise OcrError(_("Chưa cài Tesseract OCR; không nhận dạng được chữ trên trang."))
    return found


def _lines(tsv: str) -> tuple[Line, ...]:
    grouped: dict[tuple[str, str, str], list[Word]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = nfc((row.get("text") or "").strip())
        if row.get("level") != _WORD_LEVEL or not text:
            continue
        key = (row["block_num"], row["par_num"], row["line_num"])
        grouped.setdefault(key, []).append(Word(text, int(row["left"]), int(row["top"]),
                                                int(row["width"]), int(row["height"])))
    return tuple(Line(tuple(words)) for words in grouped.values())


def read_page(image: Image.Image, dpi: float) -> PageText:
    page = io.BytesIO()
    image.save(page, "PNG", dpi=(round(dpi), round(dpi)))
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run(
            [tesseract(), "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(round(dpi)), "tsv"],
            input=page.getvalue(), capture_output=True, timeout=_SECONDS_PER_PAGE, env=environment,
            # a Ctrl-C at the terminal pauses the reader, which lets the page in hand finish
            start_new_session=True)
    except subprocess.TimeoutExpired:
        raise OcrError(_("Nhận dạng chữ quá lâu; trang sẽ được thử lại sau.")) from None
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(_("Tesseract không đọc được trang: {0}").format(reason[-1] if reason else
                                                                        result.returncode))
    return PageText(image.width, image.height, dpi, _lines(result.stdout.decode("utf-8")))
