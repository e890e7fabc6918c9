"""Text at the boundaries: NFC everywhere, and the folded form that search compares."""

import unicodedata

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """NFC, trimmed, inner whitespace collapsed: what a typed or scanned field is stored as."""
    if text is None:
        return ""
    return " ".join(nfc(text).split())


def fold(text: str) -> str:
    """Lower case without diacritics, đ → d: 'Nguyễn Thị Hoà' and 'nguyen thi hoa' fold alike."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
