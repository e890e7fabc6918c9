"""`onestop scan`, `onestop scan devices` and `onestop dossier attach` as a technician runs them: the
program as a subprocess, SANE's test backend through SANE_CONFIG_DIR, the loopback eSCL scanner.
The variations of a case already run as a process call the same entry point in this process."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import img2pdf
import pytest
from sqlalchemy import select

from cli import main
from cli.context import ACCOUNT_PASSWORD_VARIABLE
from onestop import dossiers, outbox
from onestop.store.engine import DATABASE_FILE, open_store
from onestop.store.models import Attachment, OutboxItem
from onestop.users import actor_named
from scanning.sane_backend import sane_scanner
from tests.conftest import PASSWORD, copy_audit_keys
from tests.integration.scanning.conftest import SaneConfig
from tests.integration.scanning.escl_server import EsclServer, Scenario
from tests.integration.scanning.test_filing import BIRTH, FORM
from tests.machine import need
from tests.unit.scanning.test_file_import import jpeg, png_claiming

ROOT = Path(__file__).resolve().parents[3]


def onestop(*args: str) -> subprocess.CompletedProcess[str]:
    """The program with this test's environment, SANE_CONFIG_DIR included."""
    return subprocess.run([sys.executable, "-c", "import sys; from cli import main; "
                           "sys.exit(main())", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env={**os.environ, ACCOUNT_PASSWORD_VARIABLE: PASSWORD})


def in_process(capsys: pytest.CaptureFixture[str], *args: str) -> subprocess.CompletedProcess[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ACCOUNT_PASSWORD_VARIABLE, PASSWORD)
        code = main(list(args))
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


def failure_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


@pytest.fixture
def sane(sane_config: SaneConfig) -> SaneConfig:
    need(sane_scanner() is not None, "neither python-sane nor scanimage is installed")
    return sane_config


@pytest.fixture
def officer(office_template: Path, tmp_path: Path) -> list[str]:
    """The options that run a command as the officer of a copy of the ready office."""
    data = tmp_path / "office"
    data.mkdir()
    shutil.copy(office_template, data / DATABASE_FILE)
    copy_audit_keys(office_template.parent, data)
    return ["--data-dir", str(data), "--user", "canbo"]


@pytest.fixture
def office_dir(office_template: Path, tmp_path: Path) -> tuple[Path, str]:
    """A copy of the ready office with one birth registration received: its data dir and code."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(office_template, data / DATABASE_FILE)
    copy_audit_keys(office_template.parent, data)
    store = open_store(data)
    try:
        with store.read() as session:
            officer = actor_named(session, "canbo")
        intake = dossiers.Intake(BIRTH, dossiers.ApplicantInput("Trần Văn Bình"))
        return data, dossiers.receive(store, officer, intake).code
    finally:
        store.close()


def test_a_feeder_scan_writes_every_page_and_says_it_finished(sane: SaneConfig, tmp_path: Path,
                                                            officer: list[str]) -> None:
    sane(test_picture='"Grid"')
    out = tmp_path / "trang"
    result = onestop("scan", "--device", "test:0", "--out", str(out), "--source", "feeder",
                     "--dpi", "100", "--json", *officer)
    assert result.returncode == 0, result.stderr
    scanned = json.loads(result.stdout)
    assert (scanned["pages"], scanned["stopped_by"], scanned["blank"]) == (10, "finished", 0)
    assert scanned["message"] == "Đã quét xong. Đã nhận 10 trang."
    assert sorted(path.name for path in out.iterdir()) == scanned["files"]
    assert len(scanned["files"]) == 10


def test_a_jammed_feeder_exits_1_with_the_reason_in_one_line(sane: SaneConfig, tmp_path: Path,
                                                             officer: list[str]) -> None:
    sane(read_status_code='"SANE_STATUS_JAMMED"')
    out = tmp_path / "trang"
    out.mkdir()
    result = onestop("scan", "--device", "test:0", "--out", str(out), "--source", "feeder",
                     *officer)
    assert result.returncode == 1
    assert failure_line(result) == ("Kẹt giấy trong khay nạp. Gỡ tờ bị kẹt rồi quét tiếp các "
                                    "trang còn lại. Đã nhận 0 trang.\n")
    assert "pages: 0" in result.stdout


def test_an_open_cover_and_a_missing_scanner_exit_1_too(
        sane: SaneConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        officer: list[str]) -> None:
    sane(read_status_code='"SANE_STATUS_COVER_OPEN"')
    result = in_process(capsys, "scan", "--device", "test:0", "--out", str(tmp_path), *officer)
    assert result.returncode == 1 and "Nắp máy quét đang mở" in failure_line(result)
    result = in_process(capsys, "scan", "--device", "test:7", "--out", str(tmp_path), "--json",
                        *officer)
    assert result.returncode == 1 and "test:7" in failure_line(result)
    assert json.loads(result.stdout)["stopped_by"] == "device_gone"


def test_a_jam_half_way_keeps_the_pages_received(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 officer: list[str]) -> None:
    out = tmp_path / "trang"
    with EsclServer(Scenario(pages=5, jam_after=2)) as escl:
        result = in_process(capsys, "scan", "--device", escl.base_url, "--out", str(out),
                            "--source", "feeder", "--mode", "bilevel", "--json", *officer)
    assert result.returncode == 1
    assert "Kẹt giấy" in failure_line(result)
    scanned = json.loads(result.stdout)
    assert (scanned["pages"], scanned["stopped_by"]) == (2, "jammed")
    assert sorted(path.name for path in out.iterdir()) == ["page-0001.tif", "page-0002.tif"]


def test_bad_options_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            officer: list[str]) -> None:
    assert in_process(capsys, "scan", "--out", str(tmp_path), *officer).returncode == 2
    result = in_process(capsys, "scan", "--device", "test:0", "--out", str(tmp_path), "--dpi", "5",
                        *officer)
    assert result.returncode == 2 and "--dpi" in failure_line(result)


def test_devices_lists_sane_s_devices(sane: SaneConfig, officer: list[str]) -> None:
    sane(number_of_devices="3")
    result = onestop("scan", "devices", "--seconds", "0.2", "--json", *officer)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [d for d in found if d["kind"] == "sane"] == [
        {"id": f"test:{n}", "name": "Noname frontend-tester", "kind": "sane"} for n in range(3)]


def stored(data: Path) -> tuple[list[Attachment], list[str], list[Path]]:
    store = open_store(data)
    try:
        with store.read() as session:
            rows = list(session.scalars(select(Attachment)))
            files = list(session.scalars(select(OutboxItem.item_key).where(OutboxItem.kind == outbox.FILE)))
        return rows, files, [path for path in store.attachments_dir.rglob("*") if path.is_file()]
    finally:
        store.close()


def test_files_are_attached_as_one_pdf_of_the_checklist_item(
        office_dir: tuple[Path, str], tmp_path: Path) -> None:
    data, code = office_dir
    photo = jpeg(tmp_path / "to-khai.jpg", dpi=150)
    scanned = tmp_path / "trang-sau.pdf"
    scanned.write_bytes(img2pdf.convert([jpeg(tmp_path / f"{n}.jpg", shade=90).read_bytes() for n in (1, 2)]))
    result = onestop("dossier", "attach", code, str(photo), str(scanned), "--document", FORM,
                     "--data-dir", str(data), "--user", "canbo", "--json")
    assert result.returncode == 0, result.stderr
    filed = json.loads(result.stdout)
    assert (filed["document_code"], filed["pages"]) == (FORM, 3)
    rows, files, kept = stored(data)
    assert [(row.document_code, row.pages, row.media_type) for row in rows] == [(FORM, 3, "application/pdf")]
    assert files == [filed["attached"]["sha256"]] == [path.name for path in kept]


def test_a_corrupt_file_is_refused_with_exit_2_and_nothing_is_written(
        office_dir: tuple[Path, str], tmp_path: Path) -> None:
    data, code = office_dir
    good = jpeg(tmp_path / "good.jpg")
    (tmp_path / "bad.jpg").write_bytes(good.read_bytes()[:500])
    result = onestop("dossier", "attach", code, str(good), str(tmp_path / "bad.jpg"),
                     "--data-dir", str(data), "--user", "canbo")
    assert result.returncode == 2
    assert failure_line(result) == "Tệp “bad.jpg” bị hỏng, không đọc được.\n"
    assert stored(data) == ([], [], [])


@pytest.mark.parametrize("trouble", ["over 100 MB", "too many pixels", "not a scan"])
def test_oversized_and_foreign_files_are_refused_too(
        office_dir: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        trouble: str) -> None:
    data, code = office_dir
    bad = tmp_path / "bad.tif"
    if trouble == "over 100 MB":
        with bad.open("wb") as file:
            file.truncate(101 * 2**20)
    elif trouble == "too many pixels":
        png_claiming(bad, 9_000, 8_000)
    else:
        bad.write_text("giấy hẹn trả kết quả", encoding="utf-8")
    result = in_process(capsys, "dossier", "attach", code, str(jpeg(tmp_path / "good.jpg")), str(bad),
                        "--data-dir", str(data), "--user", "canbo")
    assert result.returncode == 2
    assert "bad.tif" in failure_line(result)
    assert stored(data) == ([], [], [])
