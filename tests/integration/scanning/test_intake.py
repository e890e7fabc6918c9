"""From the scanner to the dossier's PDF: SANE's test backend, the page pipeline, img2pdf."""

import io
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from scanning.dossier_pdf import assemble
from scanning.intake import IntakeEvent, receive
from scanning.page import Page
from scanning.page_pipeline import PageFormat, PagePipeline, PageSettings
from scanning.sane_backend import sane_scanner
from scanning.scanner import Scanner, ScanResult, ScanSettings, Source, StopReason
from tests.integration.scanning.conftest import SaneConfig
from tests.machine import need


@pytest.fixture
def scanner() -> Scanner:
    found = sane_scanner()
    need(found is not None, "neither python-sane nor scanimage is installed")
    assert found is not None
    return found


def feeder_into(scanner: Scanner, pipeline: PagePipeline) -> list[IntakeEvent]:
    events: list[IntakeEvent] = []
    for event in receive(scanner, ScanSettings("test:0", Source.FEEDER), threading.Event(), pipeline):
        if isinstance(event, Page):
            # what the counter shows is already on disk, whole
            assert event.path.stat().st_size == event.size
        events.append(event)
    return events


def test_ten_fed_pages_are_stored_and_become_one_pdf(
    scanner: Scanner, sane_config: SaneConfig, tmp_path: Path
) -> None:
    sane_config(test_picture='"Grid"')
    events = feeder_into(scanner, PagePipeline(tmp_path / "pages"))
    pages = [event for event in events if isinstance(event, Page)]
    assert events[-1] == ScanResult(10, StopReason.FINISHED)
    assert [page.path.name for page in pages] == [f"page-{n:04d}.jpg" for n in range(1, 11)]
    assert all(page.kept for page in pages)
    pdf = assemble(pages)
    reader = PdfReader(io.BytesIO(pdf.data))
    assert len(reader.pages) == 10
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595, abs=3)
    assert all(page.path.read_bytes() in pdf.data for page in pages)


def test_white_sheets_are_marked_blank_and_can_be_kept_again(
    scanner: Scanner, sane_config: SaneConfig, tmp_path: Path
) -> None:
    sane_config(test_picture='"Solid white"')
    settings = PageSettings(format=PageFormat.BILEVEL)
    pages = [e for e in feeder_into(scanner, PagePipeline(tmp_path, settings)) if isinstance(e, Page)]
    assert len(pages) == 10
    assert not any(page.kept for page in pages)
    kept = [pages[0].with_blank_reversed()]
    assert len(PdfReader(io.BytesIO(assemble(kept).data)).pages) == 1
