"""The pages in front of the officer: in the order they will be filed, each with the checklist item
it belongs to, turned, deleted or kept against the blank-page rule.

Deleted pages are set aside rather than forgotten, so their files can be removed with the rest once
the dossier's papers are filed or the officer starts over.
"""

from collections.abc import Iterator
from dataclasses import dataclass, replace

from scanning.page import Page


@dataclass(frozen=True)
class ArrangedPage:
    page: Page
    # the checklist item (document code of the procedure); None while not yet assigned
    document_code: str | None = None


class PageArrangement:
    def __init__(self) -> None:
        self._pages: list[ArrangedPage] = []
        self._set_aside: list[Page] = []

    def __len__(self) -> int:
        return len(self._pages)

    def __getitem__(self, row: int) -> ArrangedPage:
        return self._pages[row]

    def __iter__(self) -> Iterator[ArrangedPage]:
        return iter(self._pages)

    def add(self, page: Page, document_code: str | None = None) -> int:
        """Appends a page; returns its row."""
        self._pages.append(ArrangedPage(page, document_code))
        return len(self._pages) - 1

    def move(self, row: int, to: int) -> None:
        """The page at `row` ends up at `to` (counted in the arrangement after the move)."""
        self._at(to)
        self._pages.insert(to, self._pages.pop(self._index(row)))

    def turn(self, row: int, quarter_turns: int) -> None:
        placed = self._at(row)
        self._pages[row] = replace(placed, page=placed.page.turned(quarter_turns))

    def assign(self, row: int, document_code: str | None) -> None:
        self._pages[row] = replace(self._at(row), document_code=document_code)

    def reverse_blank(self, row: int) -> None:
        """Keeps a page the blank rule dropped, or drops it again."""
        placed = self._at(row)
        self._pages[row] = replace(placed, page=placed.page.with_blank_reversed())

    def keep_blank_pages(self) -> list[int]:
        """Undoes every drop the blank rule made; returns the rows that changed."""
        rows = [row for row, placed in enumerate(self._pages) if not placed.page.kept]
        for row in rows:
            self.reverse_blank(row)
        return rows

    def delete(self, row: int) -> ArrangedPage:
        removed = self._pages.pop(self._index(row))
        self._set_aside.append(removed.page)
        return removed

    def dropped(self) -> int:
        """How many pages the blank rule leaves out."""
        return sum(not placed.page.kept for placed in self._pages)

    def to_file(self) -> list[ArrangedPage]:
        """The pages that go into the dossier, in order: all but the dropped ones."""
        return [placed for placed in self._pages if placed.page.kept]

    def clear(self) -> list[Page]:
        """Empties the arrangement; returns every page it held, deleted ones too."""
        held = [placed.page for placed in self._pages] + self._set_aside
        self._pages = []
        self._set_aside = []
        return held

    def _index(self, row: int) -> int:
        if not 0 <= row < len(self._pages):
            raise IndexError(row)
        return row

    def _at(self, row: int) -> ArrangedPage:
        return self._pages[self._index(row)]
