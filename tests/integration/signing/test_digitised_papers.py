"""The counter's round of a dossier's papers from the command line, as a script runs it: the copy
made without waiting for OCR, read in the background, found by its words, signed with one PIN
entry, exported, and checked by independent tools."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from onestop.demo import DEMO_PASSWORD
from tests.integration.scanning.vietnamese_paper import SENTENCES, draw_paper
from tests.integration.signing.softhsm_token import SIGNER_NAME, SoftToken
from tests.machine import need_program

ROOT = Path(__file__).resolve().parents[3]
QR = "001190012345|123456789|Nguyễn Thị Hoà|12051990|Nữ|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021"
FORM = "000.00.00.G15-KQ003204"
BIRTH_PAPER = "000.00.00.G15-KQ004389"


def onestop(data: Path, *args: str, user: str = "canbo", pin: str | None = None
            ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ONESTOP_PASSWORD": DEMO_PASSWORD}
    env.pop("ONESTOP_TOKEN_PIN", None)
    if pin is not None:
        env["ONESTOP_TOKEN_PIN"] = pin
    return subprocess.run([sys.executable, "-c", "import sys; from cli import main; sys.exit(main())",
                           *args, "--data-dir", str(data), "--json",
                           *(() if args[0] == "demo" else ("--user", user))],
                          capture_output=True, text=True, cwd=ROOT, timeout=280, env=env,
                          stdin=subprocess.DEVNULL)


def ok(result: subprocess.CompletedProcess[str]) -> object:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def dossier(tmp_path: Path) -> tuple[Path, str]:
    data = tmp_path / "data"
    assert onestop(data, "demo", "--dossiers", "1").returncode == 0
    received = ok(onestop(data, "dossier", "receive", "--procedure", "1.001193", "--qr", QR))
    assert isinstance(received, dict)
    return data, str(received["code"])


def scanned_files(tmp_path: Path) -> tuple[Path, Path]:
    form, birth = draw_paper(stamp=True, repeat=1), draw_paper(stamp=False, repeat=1)
    form_file, birth_file = tmp_path / "to-khai.png", tmp_path / "giay-chung-sinh.jpg"
    form.image.save(form_file, dpi=(200, 200))
    birth.image.save(birth_file, dpi=(200, 200), quality=92)
    return form_file, birth_file


@pytest.mark.slow
def test_papers_digitised_read_found_signed_and_exported(
        dossier: tuple[Path, str], soft_token: SoftToken, tmp_path: Path) -> None:
    need_program("tesseract")
    data, code = dossier
    form_file, birth_file = scanned_files(tmp_path)
    made = ok(onestop(data, "dossier", "digitise", code, str(form_file), "--document", FORM))
    assert isinstance(made, dict)
    assert made["mode"] == "color" and made["pages"] == 1 and made["ocr_state"] == "waiting"
    assert made["size"] <= 100 * 1024
    ok(onestop(data, "dossier", "digitise", code, str(birth_file), "--document", BIRTH_PAPER))
    assert ok(onestop(data, "ocr", "status")) == {"waiting": 2, "reading": 0, "read": 0, "failed": 0}

    # nothing is signed before its text is laid in: a signature seals the file
    ok(onestop(data, "signing", "set", "--pkcs11-module", soft_token.module, "--token", soft_token.token,
               "--key", soft_token.key, user="kythuat"))
    early = onestop(data, "signing", "sign", code, pin=soft_token.pin)
    assert early.returncode == 2 and "chờ ký" in early.stderr

    run = ok(onestop(data, "ocr", "run"))
    assert isinstance(run, dict) and run["read"] == 2 and run["failed"] == 0
    found = ok(onestop(data, "papers", "find", "tram y te xa huyen dong anh", user="lanhdao"))
    assert isinstance(found, list)
    assert {(f["dossier_code"], f["document_code"]) for f in found} == {(code, FORM), (code, BIRTH_PAPER)}
    assert ok(onestop(data, "papers", "find", "giấy đăng ký kết hôn xa lạ")) == []

    signed = ok(onestop(data, "signing", "sign", code, pin=soft_token.pin))
    assert isinstance(signed, list) and all(paper["signed"] for paper in signed)
    assert all(f"ký số bởi {SIGNER_NAME} lúc" in paper["caption"] for paper in signed)

    listed = ok(onestop(data, "papers", "list", code, user="lanhdao"))
    assert isinstance(listed, list)
    assert [(paper["document_code"], paper["sign_state"]) for paper in listed] == [(FORM, "signed"),
                                                                                   (BIRTH_PAPER, "signed")]

    out = tmp_path / "out"
    exported = ok(onestop(data, "dossier", "papers", code, "--out", str(out)))
    assert isinstance(exported, list) and len(exported) == 2
    for paper in exported:
        assert paper["signature"] == "valid" and paper["signer"] == SIGNER_NAME
        path = Path(paper["file"])
        report = subprocess.run([need_program("pdfsig"), str(path)], capture_output=True, text=True).stdout
        assert "Signature is Valid" in report
        text = " ".join(subprocess.run([need_program("pdftotext"), str(path), "-"], capture_output=True,
                                       text=True).stdout.split())
        assert SENTENCES[0] in text and SENTENCES[2] in text
        checked = subprocess.run([need_program("qpdf"), "--check", str(path)], capture_output=True)
        assert checked.returncode == 0

    for path in data.rglob("*"):
        if path.is_file():
            assert soft_token.pin.encode() not in path.read_bytes(), path
