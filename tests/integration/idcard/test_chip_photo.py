"""The face photo a chip gave is kept with the dossier only where the office chose so, readable by
the program's account alone, and never sent to the province."""

import stat

import pytest
from sqlalchemy import select

from onestop import chip_reads, dossiers, settings
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import NotAllowed
from onestop.store.models import AuditEntry, OutboxItem
from tests.conftest import Office

JPEG = b"\xff\xd8\xff\xe0 a face \xff\xd9"


def received(office: Office) -> str:
    return dossiers.receive(office.store, office.officer, Intake(
        "1.004873", ApplicantInput("Nguyễn Thị Hoà", from_genuine_chip=True))).code


def test_an_office_that_keeps_no_photos_keeps_none(office: Office) -> None:
    code = received(office)
    assert chip_reads.keep_photo(office.store, office.officer, code, JPEG) is None
    assert not chip_reads.photo_path(office.store, code).exists()


def test_an_office_that_chose_to_keep_them_keeps_it_privately_and_never_sends_it(
        office: Office) -> None:
    with office.store.write() as session:
        settings.put_in(session, office.admin, "idcard.keep_photo", True)
    code = received(office)
    kept = chip_reads.keep_photo(office.store, office.officer, code, JPEG)
    assert kept is not None and kept.read_bytes() == JPEG
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    with office.store.read() as session:
        assert session.scalars(select(AuditEntry.subject).where(
            AuditEntry.action == "idcard.photo_kept")).all() == [code]
        payloads = [str(p) for p in session.scalars(select(OutboxItem.payload))]
    assert not any("a face" in p for p in payloads)
    with pytest.raises(NotAllowed):
        chip_reads.keep_photo(office.store, office.technician, code, JPEG)
