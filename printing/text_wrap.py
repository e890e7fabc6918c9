"""Word wrap by printed width, for text drawn with a proportional font."""

from typing import Protocol


class Measures(Protocol):
    def getlength(self, text: str, /) -> float: ...


def wrap_to_width(text: str, font: Measures, width: int, later_width: int | None = None) -> list[str]:
    """Greedy wrap on spaces; a word wider than the line is broken between characters.

    `later_width` is the room for every line after the first (a hanging indent).
    """
    lines: list[str] = []

    def room() -> int:
        return width if not lines or later_width is None else later_width

    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if font.getlength(candidate) <= room():
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for char in word:
                if line and font.getlength(line + char) > room():
                    lines.append(line)
                    line = ""
                line += char
        lines.append(line)
    return lines
