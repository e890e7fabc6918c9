"""From the scanner into a dossier: SANE's test backend or the loopback eSCL scanner, the page
pipeline, the officer's arrangement, one PDF per checklist item in the attachment store, the files
queued for the province."""

import hashlib
import io
import threading
from pathlib import Path

import pikepdf
import pytest
from sqlalchemy import select

from onestop import dossiers, outbox
from onestop.attachments import attachment_path
from onestop.errors import DomainError
from onestop.store.models import Attachment, OutboxItem
from scanning.arrangement import ArrangedPage, PageArrangement
from scanning.escl import EsclScanner
from scanning.filing import file_pages
from scanning.intake import receive
from scanning.page import Page
from scanning.page_pipeline import PagePipeline, PageSettings
from scanning.sane_backend import sane_scanner
from scanning.scanner import Scanner, ScanResult, ScanSettings, Source, StopReason
from tests.conftest import Office
from tests.integration.scanning.conftest import SaneConfig
from tests.integration.scanning.escl_server import EsclServer, Scenario
from tests.integration.scanning.test_escl import QUICK
from tests.machine import need

BIRTH = "1.001193"
FORM = "000.00.00.G15-KQ003204"
BIRTH_CERTIFICATE = "000.00.00.G15-KQ004389"
RESIDENCE = "000.00.00.G15-KQ003785"


def a_dossier(office: Office) -> str:
    intake = dossiers.Intake(BIRTH, dossiers.ApplicantInput("Lê Thị Hồng"))
    return dossiers.receive(office.store, office.officer, intake).code


def scan_in(scanner: Scanner, settings: ScanSettings, folder: Path) -> tuple[list[Page], ScanResult]:
    pipeline = PagePipeline(folder, PageSettings(dpi=100))
    events = list(receive(scanner, settings, threading.Event(), pipeline))
    result = events[-1]
    assert isinstance(result, ScanResult)
    return [event for event in events if isinstance(event, Page)], result


def sane() -> Scanner:
    found = sane_scanner()
    need(found is not None, "neither python-sane nor scanimage is installed")
    assert found is not None
    return found


def file_rows(office: Office) -> list[str]:
    with office.store.read() as session:
        return list(session.scalars(select(OutboxItem.item_key).where(OutboxItem.kind == outbox.FILE)))


def test_ten_fed_pages_become_one_pdf_per_checklist_item(
    office: Office, sane_config: SaneConfig, tmp_path: Path
) -> None:
    sane_config(test_picture='"Grid"')
    code = a_dossier(office)
    pages, result = scan_in(sane(), ScanSettings("test:0", Source.FEEDER, dpi=100), tmp_path / "pages")
    assert result == ScanResult(10, StopReason.FINISHED)

    arrangement = PageArrangement()
    for number, page in enumerate(pages, 1):
        arrangement.add(page, FORM if number <= 3 else BIRTH_CERTIFICATE)
    arrangement.delete(9)
    arrangement.assign(8, None)
    arrangement.move(6, 3)
    arrangement.turn(3, 1)
    filed = file_pages(office.store, office.officer, code, arrangement.to_file())

    assert [(f.document_code, f.pages) for f in filed] == [(FORM, 3), (BIRTH_CERTIFICATE, 5), (None, 1)]
    shown = dossiers.show(office.store, office.supervisor, code)
    assert [(a.document_code, a.pages, a.media_type) for a in shown.attachments] == [
        (FORM, 3, "application/pdf"), (BIRTH_CERTIFICATE, 5, "application/pdf"), (None, 1, "application/pdf")]
    assert shown.version == filed[-1].attached.version
    assert sorted(file_rows(office)) == sorted(f.attached.sha256 for f in filed)

    certificate = attachment_path(office.store, filed[1].attached.sha256).read_bytes()
    assert hashlib.sha256(certificate).hexdigest() == filed[1].attached.sha256
    # the pages in the officer's order, each JPEG as the pipeline stored it, the turned one turned
    in_order = [pages[6], pages[3], pages[4], pages[5], pages[7]]
    offsets = [certificate.index(page.path.read_bytes()) for page in in_order]
    assert offsets == sorted(offsets)
    with pikepdf.open(io.BytesIO(certificate)) as pdf:
        assert [int(page.obj.get("/Rotate", 0)) for page in pdf.pages] == [90, 0, 0, 0, 0]


def test_filing_the_same_pages_again_adds_nothing(
    office: Office, sane_config: SaneConfig, tmp_path: Path
) -> None:
    sane_config()
    code = a_dossier(office)
    pages, _result = scan_in(sane(), ScanSettings("test:0", Source.FLATBED, dpi=100), tmp_path)
    arranged = [ArrangedPage(pages[0], FORM)]
    first = file_pages(office.store, office.officer, code, arranged)
    again = file_pages(office.store, office.officer, code, arranged)
    assert again[0].attached == first[0].attached
    assert len(dossiers.show(office.store, office.officer, code).attachments) == 1
    assert file_rows(office) == [first[0].attached.sha256]


def test_a_jam_half_way_keeps_the_pages_received_and_they_are_filed(office: Office, tmp_path: Path) -> None:
    code = a_dossier(office)
    with EsclServer(Scenario(pages=5, jam_after=2)) as escl:
        scanner = EsclScanner(find=list, timeouts=QUICK)
        pages, result = scan_in(scanner, ScanSettings(escl.base_url, Source.FEEDER), tmp_path)
    assert result.stopped_by is StopReason.JAMMED and result.pages == 2
    assert [page.path.exists() for page in pages] == [True, True]
    filed = file_pages(office.store, office.officer, code, [ArrangedPage(page, RESIDENCE) for page in pages])
    assert [(f.document_code, f.pages) for f in filed] == [(RESIDENCE, 2)]
    assert [a.pages for a in dossiers.show(office.store, office.officer, code).attachments] == [2]


@pytest.mark.parametrize("trouble", ["a checklist item of another procedure", "a page changed on disk"])
def test_a_refused_filing_attaches_nothing_at_all(
    office: Office, sane_config: SaneConfig, tmp_path: Path, trouble: str
) -> None:
    sane_config(test_picture='"Grid"')
    code = a_dossier(office)
    pages, _result = scan_in(sane(), ScanSettings("test:0", Source.FEEDER, dpi=100), tmp_path)
    arranged = [ArrangedPage(pages[0], FORM), ArrangedPage(pages[1], BIRTH_CERTIFICATE)]
    if trouble == "a page changed on disk":
        pages[1].path.write_bytes(b"\xff\xd8 something else")
        says = "đã bị thay đổi"
    else:
        arranged.append(ArrangedPage(pages[2], "1.000656-TO-KHAI"))
        says = "không thuộc thủ tục"
    with pytest.raises(DomainError, match=says):
        file_pages(office.store, office.officer, code, arranged)
    with office.store.read() as session:
        assert session.scalars(select(Attachment)).all() == []
    assert file_rows(office) == []
    assert list(office.store.attachments_dir.iterdir()) == []


def test_only_the_counter_roles_file_pages(office: Office, sane_config: SaneConfig, tmp_path: Path) -> None:
    sane_config()
    code = a_dossier(office)
    pages, _result = scan_in(sane(), ScanSettings("test:0", Source.FLATBED, dpi=100), tmp_path)
    with pytest.raises(DomainError):
        file_pages(office.store, office.technician, code, [ArrangedPage(pages[0], FORM)])
