"""PDFs read back with poppler's pdftotext and pdffonts, as a person's PDF viewer would."""

import subprocess
import unicodedata
from pathlib import Path

from tests.machine import need_program


def read_back(pdf: bytes, tmp_path: Path) -> str:
    """pdftotext's reading of the PDF, lines joined, spaces collapsed."""
    program = need_program("pdftotext")
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    done = subprocess.run([program, str(path), "-"], capture_output=True, check=True)
    text = done.stdout.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    return " ".join(text.split())


def pages_of(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each page's text as `read_back` gives it."""
    program = need_program("pdftotext")
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    done = subprocess.run([program, str(path), "-"], capture_output=True, check=True)
    return [" ".join(page.split()) for page in done.stdout.decode("utf-8").split("\f") if page.strip()]


def fonts_of(pdf: bytes, tmp_path: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) for every font pdffonts lists."""
    program = need_program("pdffonts")
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    done = subprocess.run([program, str(path)], capture_output=True, check=True, text=True)
    rows = done.stdout.splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows]


def assert_fonts_embedded(pdf: bytes, tmp_path: Path) -> None:
    fonts = fonts_of(pdf, tmp_path)
    assert fonts, "no fonts at all"
    assert all(embedded == "yes" for _name, embedded in fonts), fonts
    assert all("DejaVuSans" in name for name, _embedded in fonts), fonts
