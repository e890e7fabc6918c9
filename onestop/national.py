"""A dossier and its progress in the national portal's field names, as the province receives them."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop.lifecycle import lifecycle
from onestop.store.digitised_models import SIGNED, DigitisedCopy
from onestop.store.models import Attachment, Dossier, StatusChange
from onestop.workdays import LOCAL_ZONE

ID_NUMBER, OLD_ID_NUMBER = 1, 2


def wire_time(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone(LOCAL_ZONE).strftime("%Y%m%d%H%M%S")


def digitised_marks(session: Session, attachment_ids: list[int]) -> dict[int, dict[str, Any]]:
    """For each attachment that is a digitised copy, the fields its TaiLieuNop item gains
    (protocol 1.1): the paper, who digitised it and when, and the signature once it is signed."""
    marks: dict[int, dict[str, Any]] = {}
    for copy in session.scalars(select(DigitisedCopy).where(
            DigitisedCopy.attachment_id.in_(attachment_ids))):
        mark: dict[str, Any] = {
            "DuocSoHoa": True, "MaThanhPhanHoSo": copy.document_code,
            "NguoiSoHoa": copy.digitised_by, "ThoiDiemSoHoa": wire_time(copy.digitised_at),
        }
        if copy.sign_state == SIGNED and copy.signed_at is not None:
            mark["ChuKySo"] = {"NguoiKy": copy.signer_name, "CoQuan": copy.signer_organisation,
                               "SoSerial": copy.signer_serial, "ThoiDiemKy": wire_time(copy.signed_at),
                               "ChuanKy": copy.signature_standard}
        marks[copy.attachment_id] = mark
    return marks


def dossier_record(dossier: Dossier, attachments: list[Attachment], agency_name: str,
                   marks: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    applicant = dossier.applicant
    identities = []
    if applicant.id_number:
        identities.append({"LoaiDinhDanh": ID_NUMBER, "SoDinhDanh": applicant.id_number})
    if applicant.old_id_number:
        identities.append({"LoaiDinhDanh": OLD_ID_NUMBER, "SoDinhDanh": applicant.old_id_number})
    status = lifecycle().status(dossier.status)
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": dossier.procedure.code,
        "TenTTHC": dossier.procedure.name,
        "MaLinhVuc": dossier.procedure.field_code or "",
        "TenLinhVuc": dossier.procedure.field_name or "",
        "KenhThucHien": dossier.channel,
        "ChuHoSo": applicant.full_name,
        "LoaiDoiTuong": 1,
        "MaDoiTuong": "",
        "DinhDanhCHS": identities,
        "SoDienThoai": applicant.phone,
        "Email": applicant.email,
        "DiaChi": applicant.address,
        "TrichYeuHoSo": dossier.procedure.name,
        "NgayTiepNhan": wire_time(dossier.received_at),
        "NgayHenTra": wire_time(dossier.due_at),
        "TrangThaiHoSo": status.national,
        "NgayTra": wire_time(dossier.returned_at),
        "NgayKetThucXuLy": wire_time(dossier.finished_at),
        "DonViXuLy": agency_name,
        "GhiChu": dossier.note,
        "TaiLieuNop": [
            {
                "TepDinhKemId": a.sha256,
                "TenTepDinhKem": a.file_name,
                "MaThanhPhanHoSo": a.document_code or "",
                "DuongDanTaiTepTin": f"files/{a.sha256}",
                "DuocSoHoa": True,
                **(marks or {}).get(a.id, {}),
            }
            for a in attachments
        ],
        "DanhSachLePhi": [
            {"TenPhiLePhi": f.name, "MaPhiLePhi": f.code, "Gia": f.amount} for f in dossier.fees
        ],
        "DanhSachHoSoBoSung": [],
        "PhienBan": dossier.version,
    }


def progress_record(dossier: Dossier, change: StatusChange, department: str) -> dict[str, Any]:
    status = lifecycle().status(change.to_status)
    return {
        "MaTienDo": change.uid,
        "MaHoSo": dossier.code,
        "NguoiXuLy": change.actor,
        "ChucDanh": change.actor_title,
        "ThoiDiemXuLy": wire_time(change.at),
        "PhongBanXuLy": department,
        "NoiDungXuLy": change.note or status.name,
        "TrangThai": status.national,
        "NgayBatDau": wire_time(dossier.counting_from),
        "NgayKetThucTheoQuyDinh": wire_time(dossier.due_at),
    }
