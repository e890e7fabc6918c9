"""The reference province checks a signed digitised copy it holds (protocol 1.1): a copy whose
bytes changed after signing is refused with a per-item 422, a sound one is kept."""

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from signing.pades import sign_pdf
from signing.token_session import TokenSession, TokenSettings
from sync.client import Credentials, ProvincialClient
from sync.file_upload import upload_file
from sync.provincial_server import RunningServer, serve
from tests.integration.signing.softhsm_token import SIGNER_NAME, SoftToken
from tests.integration.sync.conftest import AGENCY, CATALOGUE, received


@pytest.fixture
def client(tmp_path: Path) -> Iterator[ProvincialClient]:
    running: RunningServer = serve(0, tmp_path / "province", catalogue=CATALOGUE)
    client = ProvincialClient(running.url, Credentials("motcua", "motcua-demo", AGENCY),
                              connect_timeout=2.0, read_timeout=5.0)
    yield client
    client.close()
    running.stop()


def dossier(code: str, sha256: str) -> dict[str, Any]:
    return {
        "MaHoSo": code, "PhienBan": 2, "MaTTHC": "1.001193", "TenTTHC": "Thủ tục đăng ký khai sinh",
        "KenhThucHien": 1, "ChuHoSo": "Nguyễn Thị Hoà", "LoaiDoiTuong": 1,
        "DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": "001190012345"}],
        "NgayTiepNhan": received(22), "NgayHenTra": received(23, 16), "TrangThaiHoSo": 2,
        "NgayTra": "", "NgayKetThucXuLy": "", "GhiChu": "", "DanhSachLePhi": [],
        "TaiLieuNop": [{
            "TepDinhKemId": sha256, "TenTepDinhKem": "to-khai.pdf", "MaThanhPhanHoSo": "to-khai",
            "DuongDanTaiTepTin": f"files/{sha256}", "DuocSoHoa": True, "NguoiSoHoa": "canbo",
            "ThoiDiemSoHoa": received(22),
            "ChuKySo": {"NguoiKy": SIGNER_NAME, "CoQuan": "UBND xã", "SoSerial": "1",
                        "ThoiDiemKy": received(22), "ChuanKy": "PAdES-B-B"},
        }],
    }


def uploaded(client: ProvincialClient, tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    digest = upload_file(client, path)
    assert digest == hashlib.sha256(data).hexdigest()
    return digest


def test_a_signed_copy_changed_after_signing_is_refused_and_a_sound_one_kept(
        client: ProvincialClient, soft_token: SoftToken, paper_pdf: bytes, tmp_path: Path) -> None:
    with TokenSession(TokenSettings(soft_token.module, soft_token.token, soft_token.key),
                      soft_token.pin) as token:
        signed = sign_pdf(token, paper_pdf, "Số hóa").data
    changed = bytearray(signed)
    # a byte of the page's image, well inside what the signature covers
    at = len(paper_pdf) // 2
    changed[at] ^= 0x01
    sound = uploaded(client, tmp_path, "sound.pdf", signed)
    broken = uploaded(client, tmp_path, "broken.pdf", bytes(changed))

    results = client.push_dossiers([dossier("A-1", sound), dossier("A-2", broken)], key="k-1")
    assert [(r.record, r.error_code) for r in results] == [("A-1", 0), ("A-2", 422)]
    assert "to-khai.pdf" in results[1].message and "sửa sau khi ký" in results[1].message
    assert client.look_up_dossier("A-1") is not None and client.look_up_dossier("A-2") is None
