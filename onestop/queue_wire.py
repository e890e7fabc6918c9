"""Visits and ratings in the province's field names (protocol 1.1: DongBoLuotPhucVu and
DongBoDanhGia), frozen into the outbox when the visit ends or the rating is given."""

from typing import Any

from onestop.national import wire_time
from onestop.store.queue_models import QueueRating, QueueTicket

RECEIVED, RETURNED, ADVICE, ABSENT = "TiepNhan", "TraKetQua", "HuongDan", "VangMat"


def visit_record(ticket: QueueTicket) -> dict[str, Any]:
    served = ticket.outcome != ABSENT
    return {
        "MaLuot": ticket.uid,
        "SoThuTu": ticket.label,
        "MaLinhVuc": ticket.field_code,
        "Quay": ticket.counter_code or "",
        "ThoiDiemLaySo": wire_time(ticket.taken_at),
        "ThoiDiemGoi": wire_time(ticket.first_called_at),
        "ThoiDiemBatDau": wire_time(ticket.called_at) if served else "",
        "ThoiDiemKetThuc": wire_time(ticket.ended_at) if served else "",
        "KetQua": ticket.outcome or "",
        "MaHoSo": ticket.dossier_code or "",
        "MaCanBo": ticket.officer or "",
    }


def rating_record(rating: QueueRating, ticket_label: str) -> dict[str, Any]:
    return {
        "MaDanhGia": rating.uid,
        "MaHoSo": rating.dossier_code or "",
        "SoThuTu": ticket_label,
        "MaCanBo": rating.officer,
        "TenCanBo": rating.officer_name,
        "MucDo": rating.level,
        "LyDo": list(rating.reasons),
        "GopY": rating.comment,
        "KenhDanhGia": rating.channel,
        "ThoiDiem": wire_time(rating.at),
    }
