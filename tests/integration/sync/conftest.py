"""A simulated province on a loopback port, a counter's client for it, and dossiers to send."""

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from sync.client import Credentials, ProvincialClient
from sync.provincial_server import RunningServer, serve
from sync.wire import PROVINCE_ZONE, wire_time

AGENCY = "000.00.13.H24"
OTHER_AGENCY = "000.00.14.H24"

CATALOGUE = [
    {"MaTTHC": f"1.00{n}", "TenTTHC": name, "MaLinhVuc": "G15-TP07", "TenLinhVuc": "Hộ tịch",
     "HieuLuc": True, "ThoiHanGiaiQuyet": {"SoLuong": 1, "DonVi": "NgayLamViec"},
     "PhiLePhi": [{"MaPhiLePhi": "le-phi", "TenPhiLePhi": "Lệ phí", "Gia": 0}],
     "ThanhPhanHoSo": [{"MaThanhPhanHoSo": "to-khai", "TenThanhPhanHoSo": "Tờ khai",
                        "SoBanChinh": 1, "SoBanSao": 0, "BatBuoc": True}]}
    for n, name in enumerate(["Thủ tục đăng ký khai sinh", "Thủ tục đăng ký kết hôn",
                              "Thủ tục đăng ký khai tử", "Thủ tục chứng thực bản sao",
                              "Thủ tục đăng ký thường trú"], start=1193)
]


class Clock:
    """The province's clock, which a test can move forward."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def start_province(tmp_path: Path, clock: Clock) -> Iterator[Callable[..., RunningServer]]:
    started: list[RunningServer] = []

    def start(**options: Any) -> RunningServer:
        options = {"catalogue": CATALOGUE, "clock": clock, "page_size": 2, **options}
        running = serve(0, tmp_path / f"province-{len(started)}", **options)
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()


@pytest.fixture
def province(start_province: Callable[..., RunningServer]) -> RunningServer:
    return start_province()


@pytest.fixture
def connect() -> Iterator[Callable[..., ProvincialClient]]:
    clients: list[ProvincialClient] = []

    def make(url: str, *, agency: str = AGENCY, username: str = "motcua",
             password: str = "motcua-demo", **options: Any) -> ProvincialClient:
        options = {"connect_timeout": 2.0, "read_timeout": 5.0, **options}
        client = ProvincialClient(url, Credentials(username, password, agency), **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(province: RunningServer,
           connect: Callable[..., ProvincialClient]) -> ProvincialClient:
    return connect(province.url)


def received(day: int, hour: int = 9) -> str:
    return wire_time(datetime(2027, 3, day, hour, 15, tzinfo=PROVINCE_ZONE))


@pytest.fixture
def make_dossier() -> Callable[..., dict[str, Any]]:
    def make(code: str, version: int = 1, **fields: Any) -> dict[str, Any]:
        return {
            "MaHoSo": code, "PhienBan": version, "MaTTHC": "1.001193",
            "TenTTHC": "Thủ tục đăng ký khai sinh", "KenhThucHien": 1,
            "ChuHoSo": "Nguyễn Thị Hoà", "LoaiDoiTuong": 1,
            "DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": "001190012345"}],
            "NgayTiepNhan": received(22), "NgayHenTra": received(23, 16),
            "TrangThaiHoSo": 2, "NgayTra": "", "NgayKetThucXuLy": "", "GhiChu": "",
            "TaiLieuNop": [], "DanhSachLePhi": [], **fields,
        }

    return make


@pytest.fixture
def make_progress() -> Callable[..., dict[str, Any]]:
    def make(dossier_code: str, status: int = 4, **fields: Any) -> dict[str, Any]:
        return {
            "MaTienDo": str(uuid.uuid4()), "MaHoSo": dossier_code, "NguoiXuLy": "Trần Văn Bình",
            "ChucDanh": "Công chức một cửa", "ThoiDiemXuLy": received(22, 10),
            "PhongBanXuLy": "Bộ phận một cửa", "NoiDungXuLy": "Chuyển xử lý",
            "TrangThai": status, "NgayBatDau": received(22), "NgayKetThucTheoQuyDinh": "",
            **fields,
        }

    return make
