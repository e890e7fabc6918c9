"""`onestop idcard …` as a technician and an officer use it, on an emulated card and a real store."""

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cli import main
from onestop.store.engine import DATABASE_FILE
from tests.conftest import PASSWORD, copy_audit_keys
from tests.integration.idcard.chip_emulator import (
    DG1,
    DG2,
    Authority,
    CardFiles,
    Chip,
    genuine_card,
    make_csca,
    make_signer,
)
from tests.integration.idcard.virtual_reader import VirtualReader

Run = Callable[..., tuple[int, str, str]]
FIELDS = {"id_number", "full_name", "birth_date", "sex", "nationality", "ethnicity", "religion",
          "home_town", "residence", "identifying_marks", "issue_date", "expiry_date",
          "father_name", "mother_name", "old_id_number", "authentic"}


@pytest.fixture(scope="module")
def csca() -> Authority:
    return make_csca()


@pytest.fixture(scope="module")
def card(csca: Authority) -> CardFiles:
    return genuine_card(make_signer(csca))


@pytest.fixture
def data_dir(tmp_path: Path, office_template: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(office_template, data / DATABASE_FILE)
    copy_audit_keys(office_template.parent, data)
    monkeypatch.setenv("ONESTOP_PASSWORD", PASSWORD)
    return data


@pytest.fixture
def onestop(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    def run(*args: str) -> tuple[int, str, str]:
        try:
            account = () if "--user" in args else ("--user", "canbo")
            code = main([*args, "--data-dir", str(data_dir), *account])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def on_reader(virtual_reader: VirtualReader, card: CardFiles) -> Iterator[Chip]:
    chip = Chip(card)
    laid = virtual_reader.lay(chip)
    yield chip
    laid.remove()


def _key_options(card: CardFiles) -> list[str]:
    return ["--document-number", card.key.document_number,
            "--birth-date", card.key.birth_date.isoformat(),
            "--expiry-date", card.key.expiry_date.isoformat()]


def test_the_technician_installs_the_csca_and_the_officer_reads_a_genuine_card(
        onestop: Run, on_reader: Chip, card: CardFiles, csca: Authority, tmp_path: Path,
        virtual_reader: VirtualReader) -> None:
    pem = tmp_path / "csca.pem"
    pem.write_bytes(csca.pem)
    code, _out, err = onestop("idcard", "trust", "add", str(pem), "--user", "canbo")
    assert code == 2 and "không có quyền" in err
    code, out, err = onestop("idcard", "trust", "add", str(pem), "--user", "kythuat", "--json")
    assert code == 0, err
    assert "CSCA Viet Nam (test)" in json.loads(out)["subject"]

    code, out, err = onestop("idcard", "read", "--reader", virtual_reader.name,
                             *_key_options(card), "--user", "canbo", "--json")
    assert code == 0, err
    read = json.loads(out)
    assert set(read) == FIELDS
    assert read["authentic"] is True
    assert read["full_name"] == "Nguyễn Thị Hoà" and read["birth_date"] == "1985-03-15"
    assert read["mother_name"] == "Trần Thị Lựu" and read["old_id_number"] == "123456789"

    code, out, err = onestop("audit", "list", "--user", "lanhdao", "--json")
    assert code == 0, err
    trail = {(row["action"], row["actor"], row["subject"]) for row in json.loads(out)}
    assert ("idcard.trust_add", "kythuat", csca.certificate.subject.rfc4514_string()) in trail
    assert ("idcard.read", "canbo", "001185012345") in trail


def test_without_the_trust_list_the_card_reads_but_is_not_called_genuine(
        onestop: Run, on_reader: Chip, card: CardFiles) -> None:
    code, out, err = onestop("idcard", "read", *_key_options(card), "--json")
    assert code == 0, err
    read = json.loads(out)
    assert read["authentic"] is False and "trust add" in read["problem"]


def test_the_mrz_opens_the_chip_too(onestop: Run, on_reader: Chip, card: CardFiles) -> None:
    mrz = card.files[DG1][5:].decode("ascii")
    code, out, err = onestop("idcard", "read", "--mrz", mrz, "--json")
    assert code == 0, err
    assert json.loads(out)["id_number"] == "001185012345"


def test_wrong_keys_fail_with_one_line_and_print_nothing(
        onestop: Run, on_reader: Chip, card: CardFiles) -> None:
    code, out, err = onestop("idcard", "read", "--document-number", card.key.document_number,
                             "--birth-date", "1985-03-16", "--expiry-date",
                             card.key.expiry_date.isoformat(), "--json")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "chưa đúng" in err


def test_a_read_without_a_full_key_is_bad_input(onestop: Run) -> None:
    code, _out, err = onestop("idcard", "read", "--document-number", "185012345")
    assert code == 2 and "--mrz" in err


def test_the_photo_goes_only_to_the_file_asked_for(
        onestop: Run, on_reader: Chip, card: CardFiles, data_dir: Path, tmp_path: Path) -> None:
    photo = tmp_path / "mat.jpg"
    code, out, err = onestop("idcard", "read", *_key_options(card), "--photo", str(photo),
                             "--json")
    assert code == 0, err
    image = photo.read_bytes()
    assert image.startswith(b"\xff\xd8") and image in card.files[DG2]
    sample = image[len(image) // 2:len(image) // 2 + 64]
    for stored in data_dir.rglob("*"):
        if stored.is_file():
            assert sample not in stored.read_bytes(), stored
    assert sample.hex() not in out


def test_the_readers_are_listed_with_whether_a_card_lies_on_them(
        onestop: Run, on_reader: Chip, virtual_reader: VirtualReader) -> None:
    code, out, err = onestop("idcard", "readers", "--json")
    assert code == 0, err
    assert {"name": virtual_reader.name, "has_card": True} in json.loads(out)


def test_with_no_card_on_the_reader_the_command_fails_with_what_to_do(
        onestop: Run, virtual_reader: VirtualReader) -> None:
    virtual_reader.wait_empty()
    code, out, err = onestop("idcard", "read", "--document-number", "185012345",
                             "--birth-date", "1985-03-15", "--expiry-date", "2025-03-15")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "đặt thẻ căn cước lên đầu đọc" in err
