"""Reading a digitised copy: every page through Tesseract, the text laid into the copy."""

from dataclasses import dataclass

from onestop import digitised
from onestop.errors import DomainError
from onestop.store.engine import Store
from scanning.digitised_copy import copy_pages, lay_text
from scanning.ocr import read_page


@dataclass(frozen=True)
class ReadCopy:
    text: str
    # the copy with its text layer; None when no page had any text to lay
    data: bytes | None
    pages: int


def read_copy(copy: bytes) -> ReadCopy:
    pages = copy_pages(copy)
    texts = [read_page(page.ink, page.dpi) for page in pages]
    text = "\n\n".join(page.text for page in texts)
    data = lay_text(copy, texts) if any(page.lines for page in texts) else None
    return ReadCopy(text, data, len(pages))


def read_claimed(store: Store, claim: digitised.CopyToRead) -> str | None:
    """Reads the claimed copy and stores what was read; the reason when it could not be read."""
    try:
        result = read_copy(claim.path.read_bytes())
    except (DomainError, OSError) as error:
        return str(error)
    digitised.finish_reading(store, claim, result.text, result.data)
    return None
