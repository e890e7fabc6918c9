"""`onestop dossier correct`, `dossier ready` and `dossier return` as a separate process: each acts
only for an account that proved itself, ends a person's mistake with one line and exit code 2, and
prints the corrected receipt or the return confirmation when asked."""

import json
from pathlib import Path

import pytest

from tests.integration.core.command_line import audit_rows, copy_of, make_demo, one_line, onestop


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("demo") / "data", dossiers=0)


def as_officer(data: Path, *args: str, password: str | None = None) -> dict[str, object]:
    options = {} if password is None else {"password": password}
    result = onestop(*args, "--data-dir", str(data), "--user", "canbo", "--json", **options)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert isinstance(found, dict | list)
    return found  # type: ignore[return-value]


def with_printer(data: Path, slips: Path) -> str:
    """The counter's own printer, a virtual one: an officer prints to it alone."""
    uri = f"virtual://{slips.as_posix()}"
    set_up = onestop("config", "set", "printer.uri", uri, "--data-dir", str(data), "--user", "kythuat")
    assert set_up.returncode == 0, set_up.stderr
    return uri


def received(data: Path) -> str:
    made = as_officer(data, "dossier", "receive", "--procedure", "2.000815", "--name", "Nguyễn Văn Ân",
                      "--phone", "0912345678")
    return str(made["code"])


@pytest.mark.parametrize("command", [
    ["dossier", "correct", "000.00.13.H24-000000-0001", "--reason", "Gõ nhầm", "--phone", "0912345679"],
    ["dossier", "return", "000.00.13.H24-000000-0001"],
    ["dossier", "ready"],
])
def test_a_wrong_password_is_refused(demo: Path, command: list[str]) -> None:
    result = onestop(*command, "--data-dir", str(demo), "--user", "canbo", password="doan-bua")
    assert result.returncode == 2
    assert "mật khẩu" in one_line(result).lower()


def test_a_dossier_is_corrected_and_its_receipt_printed_again(demo: Path, tmp_path: Path) -> None:
    data = copy_of(demo, tmp_path / "data")
    code = received(data)
    slips = tmp_path / "slips"
    done = as_officer(data, "dossier", "correct", code, "--reason", "Gõ nhầm dấu",
                      "--name", "Nguyễn Văn An", "--phone", "0912345679",
                      "--print", with_printer(data, slips))
    assert done["dossier"]["changed"] == ["full_name", "phone"]  # type: ignore[index]
    assert done["print"]["sent"] is True  # type: ignore[index]
    assert len(list(slips.glob("*.png"))) == 1
    shown = as_officer(data, "dossier", "show", code)
    assert shown["applicant"]["full_name"] == "Nguyễn Văn An" and shown["corrected"] is True  # type: ignore[index]
    assert audit_rows(data, action="dossier.correct")[0].subject == code
    nothing = onestop("dossier", "correct", code, "--reason", "Lại", "--name", "Nguyễn Văn An",
                      "--data-dir", str(data), "--user", "canbo")
    assert nothing.returncode == 2 and "Không có gì khác" in one_line(nothing)
    no_reason = onestop("dossier", "correct", code, "--reason", " ", "--phone", "0912345670",
                        "--data-dir", str(data), "--user", "canbo")
    assert no_reason.returncode == 2 and "lý do" in one_line(no_reason)


def test_a_ready_result_is_listed_and_handed_to_an_authorised_person(demo: Path, tmp_path: Path) -> None:
    data = copy_of(demo, tmp_path / "data")
    code = received(data)
    not_ready = onestop("dossier", "return", code, "--data-dir", str(data), "--user", "canbo")
    assert not_ready.returncode == 2 and "chưa có kết quả" in one_line(not_ready)
    as_officer(data, "dossier", "transition", code, "result_ready")
    assert [r["code"] for r in as_officer(data, "dossier", "ready", "nguyen van an")] == [code]  # type: ignore[index, union-attr]
    wrong_id = onestop("dossier", "return", code, "--collector-name", "Lê Văn Bình",
                       "--collector-id", "12345", "--data-dir", str(data), "--user", "canbo")
    assert wrong_id.returncode == 2 and "12 chữ số" in one_line(wrong_id)
    slips = tmp_path / "slips"
    done = as_officer(data, "dossier", "return", code, "--collector-name", "Lê Văn Bình",
                      "--collector-id", "001090012345", "--relation", "con trai", "--fees", "3000",
                      "--print", with_printer(data, slips))
    collection = done["dossier"]["collection"]  # type: ignore[index]
    assert (collection["collector_name"], collection["fees_collected"]) == ("Lê Văn Bình", 3000)
    assert done["print"]["sent"] is True and len(list(slips.glob("*.png"))) == 1  # type: ignore[index]
    assert as_officer(data, "dossier", "show", code)["status"] == "returned"
    assert as_officer(data, "dossier", "ready") == []
