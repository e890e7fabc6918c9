"""A catalogue from the province or a file meets the limits before anything of it is stored."""

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from onestop import catalogue
from onestop.errors import DomainError
from onestop.store.models import Procedure
from tests.conftest import Office


def one_procedure(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "MaTTHC": "9.000001", "TenTTHC": "Thủ tục thử", "MaLinhVuc": "HT", "TenLinhVuc": "Hộ tịch",
        "HieuLuc": True, "ThoiHanGiaiQuyet": {"SoLuong": 3, "DonVi": "NgayLamViec"},
        "PhiLePhi": [{"MaPhiLePhi": "phi", "TenPhiLePhi": "Lệ phí", "Gia": 2000}],
        "ThanhPhanHoSo": [{"MaThanhPhanHoSo": "tk", "TenThanhPhanHoSo": "Tờ khai",
                           "SoBanChinh": 1, "SoBanSao": 0, "BatBuoc": True}],
    }
    item.update(changes)
    return item


@pytest.mark.parametrize(("changes", "says"), [
    ({"TenTTHC": "Thủ tục " * 2000}, "TenTTHC"),
    ({"PhiLePhi": [{"MaPhiLePhi": "phi", "TenPhiLePhi": "Lệ phí", "Gia": -5}]}, "Gia"),
    ({"PhiLePhi": [{"MaPhiLePhi": "phi", "TenPhiLePhi": "Lệ phí", "Gia": 10**30}]}, "Gia"),
    ({"ThanhPhanHoSo": [{"MaThanhPhanHoSo": "tk", "TenThanhPhanHoSo": "Tờ khai",
                         "SoBanChinh": 1000, "SoBanSao": 0, "BatBuoc": True}]}, "SoBanChinh"),
    ({"ThoiHanGiaiQuyet": {"SoLuong": 10**9, "DonVi": "NgayLamViec"}}, "SoLuong"),
    ({"TenLinhVuc": 12}, "TenLinhVuc"),
])
def test_an_oversized_or_unbounded_catalogue_is_refused_whole(
        office: Office, tmp_path: Path, changes: dict[str, Any], says: str) -> None:
    path = tmp_path / "danh-muc.json"
    path.write_text(json.dumps({"procedures": [one_procedure(MaTTHC="9.000002"), one_procedure(**changes)]}),
                    encoding="utf-8")
    with office.store.read() as session:
        before = session.scalar(select(func.count()).select_from(Procedure))
    with pytest.raises(DomainError) as error:
        catalogue.import_file(office.store, office.admin, path)
    assert says in str(error.value) and "9.000001" in str(error.value)
    with office.store.read() as session:
        assert session.scalar(select(func.count()).select_from(Procedure)) == before
        assert session.get(Procedure, "9.000001") is None
        assert session.get(Procedure, "9.000002") is None


def test_a_catalogue_within_the_limits_is_taken(office: Office, tmp_path: Path) -> None:
    path = tmp_path / "danh-muc.json"
    fee = {"MaPhiLePhi": "phi", "TenPhiLePhi": "Lệ phí", "Gia": "2000"}
    path.write_text(json.dumps({"procedures": [one_procedure(PhiLePhi=[fee])]}), encoding="utf-8")
    assert catalogue.import_file(office.store, office.admin, path) == 1
    assert catalogue.get_procedure(office.store, "9.000001").fees_total == 2000
