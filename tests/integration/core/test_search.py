from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from onestop import dossiers
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import NotAllowed
from onestop.search import search
from onestop.store.engine import Store, open_store
from onestop.store.migrations import alembic_config
from tests.conftest import Office, set_up_office

PEOPLE = [
    ApplicantInput("Nguyễn Thị Hoà", "001303012345", birth_date=date(2003, 5, 1), sex="Nữ",
                   phone="0912000001"),
    ApplicantInput("Đặng Văn Đức", "079099054321", birth_date=date(1999, 2, 2), sex="Nam",
                   phone="0987000002"),
    ApplicantInput("Trần Hòa Bình", phone="0365000003"),
]


@pytest.fixture
def codes(office: Office) -> list[str]:
    return [dossiers.receive(office.store, office.officer,
                             Intake("1.004873" if i < 2 else "2.000815", person)).code
            for i, person in enumerate(PEOPLE)]


def names(office: Office, typed: str) -> set[str]:
    return {s.applicant_name for s in search(office.store, office.officer, typed)}


def test_names_without_diacritics_and_either_tone_placement(office: Office, codes: list[str]) -> None:
    assert names(office, "nguyen thi hoa") == {"Nguyễn Thị Hoà"}
    assert names(office, "hòa") == {"Nguyễn Thị Hoà", "Trần Hòa Bình"}
    assert names(office, "HOÀ") == {"Nguyễn Thị Hoà", "Trần Hòa Bình"}
    assert names(office, "dang duc") == {"Đặng Văn Đức"}


def test_names_match_by_word_prefix_as_typed(office: Office, codes: list[str]) -> None:
    assert names(office, "ngu th") == {"Nguyễn Thị Hoà"}
    assert names(office, "tran b") == {"Trần Hòa Bình"}
    assert names(office, "uyen") == set()


def test_code_id_number_phone_and_procedure(office: Office, codes: list[str]) -> None:
    assert [s.code for s in search(office.store, office.officer, codes[1])] == [codes[1]]
    assert names(office, "079099054321") == {"Đặng Văn Đức"}
    assert names(office, "0987 000 002") == {"Đặng Văn Đức"}
    assert names(office, "+84 365 000 003") == {"Trần Hòa Bình"}
    assert names(office, "chung thuc") == {"Trần Hòa Bình"}
    assert names(office, "2.000815") == {"Trần Hòa Bình"}
    tail = codes[0].split("-", 1)[1]
    assert names(office, tail) == {"Nguyễn Thị Hoà"}


def test_nothing_found_and_nothing_typed(office: Office, codes: list[str]) -> None:
    assert names(office, "khong ai ten nay") == set()
    assert names(office, "   ") == set()
    assert names(office, "!!!") == set()


def test_a_technician_cannot_search_citizens(office: Office, codes: list[str]) -> None:
    with pytest.raises(NotAllowed):
        search(office.store, office.technician, "hoa")


def search_index_prefixes(store: Store) -> str:
    with store.read() as session:
        sql = session.execute(text("SELECT sql FROM sqlite_master WHERE name = 'dossier_search'"))
        return str(sql.scalar())


def test_a_store_from_before_longer_prefixes_keeps_finding_its_dossiers(tmp_path: Path) -> None:
    office = set_up_office(open_store(tmp_path))
    for person in PEOPLE:
        dossiers.receive(office.store, office.officer, Intake("1.004873", person))
    command.downgrade(alembic_config(office.store.engine), "0001")
    office.store.close()
    reopened = replace(office, store=open_store(tmp_path))
    try:
        assert "prefix='1 2 3 4 5 6'" in search_index_prefixes(reopened.store)
        assert names(reopened, "nguye thi hoa") == {"Nguyễn Thị Hoà"}
        assert names(reopened, "tran binh") == {"Trần Hòa Bình"}
        assert names(reopened, "dang duc") == {"Đặng Văn Đức"}
        dossiers.receive(reopened.store, reopened.officer,
                         Intake("1.004873", ApplicantInput("Nghiêm Thị Lan", phone="0912000009")))
        assert names(reopened, "nghie") == {"Nghiêm Thị Lan"}
    finally:
        reopened.store.close()
