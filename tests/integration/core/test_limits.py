"""Limits at every boundary: each refusal names the field, says what to fix and writes nothing."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from onestop import dossiers, settings
from onestop.correction import Correction, correct_dossier
from onestop.dossiers import ApplicantInput, HandedIn, Intake
from onestop.errors import DomainError
from onestop.limits import limits
from onestop.search import search
from onestop.store.models import AuditEntry, Dossier, OutboxItem, Setting
from tests.conftest import Office

AN = ApplicantInput("Nguyễn Văn An", "001099012345", birth_date=date(1999, 1, 1), sex="Nam",
                    address="Số 1 Tràng Tiền", phone="0912345678")


def rows(office: Office) -> tuple[int, ...]:
    with office.store.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) or 0
                     for t in (Dossier, AuditEntry, OutboxItem, Setting))


def refused(office: Office, intake: Intake, actor_role: str = "officer") -> DomainError:
    actor = office.officer if actor_role == "officer" else office.supervisor
    before = rows(office)
    with pytest.raises(DomainError) as error:
        dossiers.receive(office.store, actor, intake)
    assert rows(office) == before
    return error.value


def test_an_oversized_address_is_refused_naming_the_field(office: Office) -> None:
    longest = limits().lengths["address"]
    error = refused(office, Intake("1.004873", replace(AN, address="Thôn Đông " * 12_000)))
    assert error.field == "address"
    assert "Địa chỉ" in str(error) and str(longest) in str(error)
    dossiers.receive(office.store, office.officer,
                     Intake("1.004873", replace(AN, address="x" * longest)))


@pytest.mark.parametrize("name", [
    "Nguyễn Văn \u202eAn",  # right-to-left override
    "Nguyễn\u200b Văn An",  # zero-width space
    "Nguyễn Văn An \U0001f600",  # emoji
    "Nguyễn Văn An\u2764\ufe0f",  # heart turned emoji
    "Nguyễn Văn\x1b[31m An",  # terminal escape
])
def test_names_take_printable_text_only(office: Office, name: str) -> None:
    assert refused(office, Intake("1.004873", replace(AN, full_name=name))).field == "full_name"


def test_addresses_take_printable_text_only(office: Office) -> None:
    error = refused(office, Intake("1.004873", replace(AN, address="Số 1 \u2066Tràng Tiền")))
    assert error.field == "address"


@pytest.mark.parametrize("born", [date.today() + timedelta(days=2), date(1899, 12, 31)])
def test_a_birth_date_in_the_future_or_before_1900_is_refused(office: Office, born: date) -> None:
    applicant = ApplicantInput("Nguyễn Văn An", birth_date=born, sex="Nam")
    assert refused(office, Intake("1.004873", applicant)).field == "birth_date"


@pytest.mark.parametrize(("intake", "field"), [
    (Intake("1.004873", AN, sets=100), "sets"),
    (Intake("1.004873", AN, documents=(HandedIn("000.00.00.G15-KQ004946", 100, 0),)), "documents"),
    (Intake("1.004873", AN, note="ghi chú " * 500), "note"),
    (Intake("1.004873", AN, outcome="refused", reasons="lý do " * 500), "reasons"),
    (Intake("1.004873", replace(AN, email="a" * 200 + "@example.vn")), "email"),
    (Intake("1.004873", replace(AN, sex="Khác")), "sex"),
    (Intake("1.004873", AN, note="Ghi chú \x1b[2J"), "note"),
    (Intake("1.004873", AN, outcome="refused", reasons="Thiếu giấy tờ \u202e"), "reasons"),
])
def test_numbers_and_texts_are_bounded(office: Office, intake: Intake, field: str) -> None:
    assert refused(office, intake).field == field


def test_a_typed_receiving_time_is_back_dated_only_by_a_supervisor_and_not_far(office: Office) -> None:
    now = datetime.now(UTC)
    yesterday = Intake("1.004873", AN, typed_received_at=now - timedelta(days=1))
    error = refused(office, yesterday)
    assert error.field == "received_at" and "lãnh đạo" in str(error)
    received = dossiers.receive(office.store, office.supervisor, yesterday)
    assert received.received_at == now - timedelta(days=1)
    far = limits().back_dated_days + 1
    assert refused(office, replace(yesterday, typed_received_at=now - timedelta(days=far)),
                   "supervisor").field == "received_at"
    assert refused(office, replace(yesterday, typed_received_at=now + timedelta(hours=1)),
                   "supervisor").field == "received_at"
    dossiers.receive(office.store, office.officer,
                     replace(yesterday, typed_received_at=now - timedelta(seconds=30)))


def test_a_lower_case_agency_code_is_kept_upper_case_and_new_dossiers_are_found(office: Office) -> None:
    with office.store.write() as session:
        settings.put_in(session, office.admin, "agency.code", "000.00.13.h24")
    assert settings.read_all(office.store)["agency.code"] == "000.00.13.H24"
    code = dossiers.receive(office.store, office.officer, Intake("1.004873", AN)).code
    assert dossiers.show(office.store, office.officer, code.lower()).code == code
    assert [s.code for s in search(office.store, office.officer, code[-11:])] == [code]


@pytest.mark.parametrize("typed", ["000.00.13.H24!", "000..13.H24", "", "0" * 36, "000.00.13.H24 Q1"])
def test_an_agency_code_off_the_national_format_is_refused(office: Office, typed: str) -> None:
    before = rows(office)
    with pytest.raises(DomainError) as error, office.store.write() as session:
        settings.put_in(session, office.admin, "agency.code", typed)
    assert error.value.field == "agency.code"
    assert rows(office) == before


@pytest.mark.parametrize(("url", "taken"), [
    ("http://tinh.example.vn/motcua", False),
    ("http://10.0.0.5:8080", False),
    ("ftp://tinh.example.vn", False),
    ("tinh.example.vn", False),
    ("https://", False),
    ("http://127.0.0.1:8765", True),
    ("http://localhost:8765", True),
    ("http://[::1]:8765", True),
    ("https://tinh.example.vn/motcua", True),
])
def test_the_province_link_is_https_except_on_this_computer(office: Office, url: str,
                                                            taken: bool) -> None:
    if not taken:
        with pytest.raises(DomainError) as error, office.store.write() as session:
            settings.put_in(session, office.technician, "province.url", url)
        assert error.value.field == "province.url" and "https://" in str(error.value)
        return
    with office.store.write() as session:
        settings.put_in(session, office.technician, "province.url", url)
    assert settings.read_all(office.store)["province.url"] == url


@pytest.mark.parametrize(("name", "value"), [
    ("ui.idle_minutes", 0), ("backup.keep", 100_000), ("counter.sequence_start", -1),
    ("counter.code", "Q" * 21), ("agency.name", "UBND\x07 xã"), ("lookup.hint", "x" * 501),
])
def test_every_setting_is_checked_when_it_is_set(office: Office, name: str, value: object) -> None:
    with pytest.raises(DomainError) as error, office.store.write() as session:
        settings.put_in(session, office.admin, name, value)
    assert error.value.field == name


def test_a_correction_meets_the_same_limits(office: Office) -> None:
    code = dossiers.receive(office.store, office.officer, Intake("1.004873", AN)).code
    with pytest.raises(DomainError) as error:
        correct_dossier(office.store, office.officer, code,
                        Correction(name="Nguyễn Văn \u202eAn"), "Sai tên")
    assert error.value.field == "full_name"
    with pytest.raises(DomainError) as too_long:
        correct_dossier(office.store, office.officer, code, Correction(address="x" * 10_000),
                        "Sai địa chỉ")
    assert too_long.value.field == "address"


@pytest.mark.parametrize("year", [1, 1999, 2101, 9999])
def test_a_receiving_time_in_a_year_no_counter_knew_is_refused(office: Office, year: int) -> None:
    at = datetime(year, 6, 1, 9, 0, tzinfo=UTC)
    assert refused(office, Intake("1.004873", AN, received_at=at)).field == "received_at"


def test_a_new_appointment_or_a_province_change_in_year_one_or_9999_is_refused(office: Office) -> None:
    code = dossiers.receive(office.store, office.officer, Intake("1.004873", AN)).code
    with pytest.raises(DomainError) as far:
        dossiers.reschedule(office.store, office.supervisor, code,
                            datetime(9999, 12, 31, 9, 0, tzinfo=UTC), "Cần xác minh")
    assert far.value.field == "due_at"
    before = rows(office)
    with pytest.raises(DomainError) as ancient, office.store.write() as session:
        dossiers.apply_province_change(session, office.supervisor, code, 4,
                                       datetime(1, 1, 1, tzinfo=UTC), None, None, "",
                                       datetime.now(UTC))
    assert ancient.value.field == "due_at"
    assert rows(office) == before
    assert dossiers.show(office.store, office.officer, code).status == "received"


def test_a_status_note_that_a_slip_would_print_takes_printable_text_only(office: Office) -> None:
    code = dossiers.receive(office.store, office.officer, Intake("1.004873", AN)).code
    with pytest.raises(DomainError) as error:
        dossiers.transition(office.store, office.officer, code, "supplement_requested",
                            "Bổ sung bản sao\x1b]0;chiếm terminal\x07")
    assert error.value.field == "note"
    assert dossiers.show(office.store, office.officer, code).status == "received"
