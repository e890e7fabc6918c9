from pathlib import Path

import pytest

from scanning.arrangement import PageArrangement
from scanning.filing import discard_pages
from scanning.page import Page
from scanning.page_pipeline import PagePipeline, PageSettings
from scanning.scanner import ScannedImage
from tests.unit.scanning.drawn_pages import blank_page, text_page


@pytest.fixture
def pipeline(tmp_path: Path) -> PagePipeline:
    return PagePipeline(tmp_path / "pages", PageSettings(dpi=100))


def typed(pipeline: PagePipeline, lines: int) -> Page:
    return pipeline.store(ScannedImage(lines, text_page(100, lines=lines), 100))


def blank(pipeline: PagePipeline) -> Page:
    return pipeline.store(ScannedImage(0, blank_page(100), 100))


def lines_of(arrangement: PageArrangement) -> list[str]:
    return [placed.page.path.name for placed in arrangement]


def test_pages_are_moved_turned_assigned_and_deleted_in_place(pipeline: PagePipeline) -> None:
    arrangement = PageArrangement()
    pages = [typed(pipeline, n) for n in (3, 4, 5, 6)]
    for page in pages:
        arrangement.add(page, "TO-KHAI")
    arrangement.move(3, 0)
    assert lines_of(arrangement) == ["page-0004.jpg", "page-0001.jpg", "page-0002.jpg", "page-0003.jpg"]
    arrangement.move(0, 3)
    assert lines_of(arrangement) == [page.path.name for page in pages]
    arrangement.turn(1, 1)
    arrangement.turn(1, 2)
    assert arrangement[1].page.quarter_turns == 3
    arrangement.assign(2, "GIAY-CHUNG-SINH")
    assert [placed.document_code for placed in arrangement] == [
        "TO-KHAI", "TO-KHAI", "GIAY-CHUNG-SINH", "TO-KHAI"]
    removed = arrangement.delete(0)
    assert removed.page == pages[0]
    assert len(arrangement) == 3
    with pytest.raises(IndexError):
        arrangement.move(0, 3)
    with pytest.raises(IndexError):
        arrangement.turn(-1, 1)


def test_blank_pages_are_left_out_until_the_officer_keeps_them(pipeline: PagePipeline) -> None:
    arrangement = PageArrangement()
    arrangement.add(typed(pipeline, 3))
    arrangement.add(blank(pipeline))
    arrangement.add(blank(pipeline))
    assert arrangement.dropped() == 2
    assert [placed.page.path.name for placed in arrangement.to_file()] == ["page-0001.jpg"]
    arrangement.reverse_blank(1)
    assert len(arrangement.to_file()) == 2
    assert arrangement.keep_blank_pages() == [2]
    assert arrangement.dropped() == 0
    arrangement.reverse_blank(2)
    assert [placed.page.path.name for placed in arrangement.to_file()] == ["page-0001.jpg", "page-0002.jpg"]


def test_clearing_hands_back_every_page_so_its_file_can_go(pipeline: PagePipeline) -> None:
    arrangement = PageArrangement()
    for n in (3, 4, 5):
        arrangement.add(typed(pipeline, n))
    arrangement.delete(1)
    held = arrangement.clear()
    assert len(arrangement) == 0
    assert sorted(page.path.name for page in held) == ["page-0001.jpg", "page-0002.jpg", "page-0003.jpg"]
    discard_pages(held)
    assert not pipeline.folder.exists()
