"""Forms and reports the PDF tests share, full of the letters Vietnamese needs."""

from datetime import date, datetime, timedelta

from onestop.report_figures import (
    ChannelCounts,
    DailyReport,
    OfficerDay,
    OverdueDossier,
    PeriodFigures,
    PeriodReport,
    PeriodRow,
    ProcedureDay,
    ReceivedDossier,
)
from printing.form_content import (
    ApologyLetter,
    ControlSlip,
    Handover,
    Letterhead,
    Signer,
    StopNotice,
    Timeliness,
    TrackingBook,
    TrackingBookEntry,
)
from tests.unit.printing.samples import CODE, VIETNAM

HEAD = Letterhead("Ủy ban nhân dân xã Hoà Bình", "Trung tâm phục vụ hành chính công", "Hoà Bình")
DIRECTOR = Signer("Giám đốc", "Phạm Thị Ngọc Ánh")
RECEIVED = datetime(2026, 11, 22, 8, 5, tzinfo=VIETNAM)
PROCEDURES = [
    ("1.001193", "Đăng ký khai sinh", "Hộ tịch"),
    ("1.000656", "Đăng ký kết hôn", "Hộ tịch"),
    ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực"),
    ("1.003583", "Đăng ký thường trú", "Cư trú"),
]


def apology() -> ApologyLetter:
    return ApologyLetter(
        letterhead=HEAD,
        number="15/TB-TTPVHCC",
        issued_on=date(2026, 11, 27),
        addressee="Bà Nguyễn Thị Hoà",
        dossier_code=CODE,
        procedure="Đăng ký khai sinh",
        received_at=RECEIVED,
        original_appointment=datetime(2026, 11, 27, 14, 0, tzinfo=VIETNAM),
        reason="Cần xác minh thông tin nơi sinh với Ủy ban nhân dân phường Ỷ La",
        new_appointment=datetime(2026, 12, 2, 10, 0, tzinfo=VIETNAM),
        signer=DIRECTOR,
    )


def stop_notice() -> StopNotice:
    return StopNotice(
        letterhead=HEAD,
        number="16/TB-TTPVHCC",
        issued_on=date(2026, 11, 28),
        addressee="Ông Đặng Quốc Việt",
        dossier_code=CODE,
        procedure="Đăng ký kết hôn",
        received_at=RECEIVED,
        reasons=("Người nộp đề nghị dừng giải quyết", "Hồ sơ có dấu hiệu giả mạo giấy tờ"),
        signer=DIRECTOR,
    )


def control_slip() -> ControlSlip:
    return ControlSlip(
        letterhead=HEAD,
        dossier_code=CODE,
        applicant="Nguyễn Thị Hoà",
        phone="0912 345 678",
        procedure="Đăng ký khai sinh",
        handling_agency="Công chức Tư pháp - Hộ tịch",
        received_at=RECEIVED,
        appointment=datetime(2026, 11, 27, 14, 0, tzinfo=VIETNAM),
        handovers=(
            Handover(
                "Bộ phận Một cửa",
                "Trần Văn Bình",
                "Tư pháp - Hộ tịch",
                "Lê Thị Thuỷ",
                RECEIVED + timedelta(hours=1),
            ),
            Handover(
                "Tư pháp - Hộ tịch",
                "Lê Thị Thuỷ",
                "Bộ phận Một cửa",
                "Trần Văn Bình",
                RECEIVED + timedelta(days=3),
                Timeliness.EARLY,
                "Đã ký",
            ),
        ),
    )


def tracking_book(entries: int = 30) -> TrackingBook:
    return TrackingBook(
        letterhead=HEAD,
        volume="01",
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        entries=tuple(
            TrackingBookEntry(
                number=number,
                dossier_code=f"000.00.13.H24-261122-{number:04d}",
                procedure=PROCEDURES[number % 4][1],
                sets=1,
                applicant="Nguyễn Thị Hoà" if number % 2 else "Đặng Quốc Việt",
                address_phone="Thôn Đông, 0912 345 678",
                handling_agency="Tư pháp - Hộ tịch",
                received_at=RECEIVED + timedelta(minutes=7 * number),
                due_at=RECEIVED + timedelta(days=3),
                sent_on=RECEIVED + timedelta(hours=2),
                returned_at=RECEIVED + timedelta(days=2) if number % 3 else None,
                note="Bổ sung lần 1" if number == 5 else "",
            )
            for number in range(1, entries + 1)
        ),
    )


def daily_report(dossiers: int = 40) -> DailyReport:
    officers = ["Trần Văn Bình", "Lê Thị Thuỷ", "Hoàng Ngọc Ước"]
    overdue = tuple(
        OverdueDossier(
            f"000.00.13.H24-261118-{number:04d}",
            "Đỗ Thị Hương",
            "Đăng ký thường trú",
            datetime(2026, 11, 20, 16, 0, tzinfo=VIETNAM),
            officers[number % 3],
        )
        for number in range(1, dossiers // 20 + 1)
    )
    return DailyReport(
        agency="Trung tâm phục vụ hành chính công xã Hoà Bình",
        day=date(2026, 11, 22),
        made_at=datetime(2026, 11, 22, 17, 5, tzinfo=VIETNAM),
        received=ChannelCounts(
            in_person=dossiers * 6 // 10, online=dossiers * 3 // 10, postal=dossiers - dossiers * 9 // 10
        ),
        results_ready=dossiers // 2,
        returned=dossiers // 3,
        supplement_requests=dossiers // 10,
        refusals=dossiers // 40,
        withdrawals=1,
        fees_collected=dossiers * 8_000,
        by_officer=tuple(OfficerDay(name, dossiers // 3, dossiers // 9) for name in officers),
        by_procedure=tuple(
            ProcedureDay(code, name, dossiers // (index + 2), dossiers // (index + 4))
            for index, (code, name, _field) in enumerate(PROCEDURES)
        ),
        overdue=overdue,
        received_dossiers=tuple(
            ReceivedDossier(
                f"000.00.13.H24-261122-{number:04d}",
                RECEIVED + timedelta(minutes=2 * number),
                "Nguyễn Thị Hoà" if number % 2 else "Đặng Quốc Việt",
                PROCEDURES[number % 4][1],
                None if number % 4 == 2 else datetime(2026, 11, 27, 14, 0, tzinfo=VIETNAM),
                officers[number % 3],
            )
            for number in range(1, dossiers + 1)
        ),
        made_by="Trần Văn Đức",
    )


def period_report() -> PeriodReport:
    return PeriodReport(
        agency="Trung tâm phục vụ hành chính công xã Hoà Bình",
        start=date(2026, 10, 1),
        end=date(2026, 12, 31),
        made_at=datetime(2027, 1, 2, 9, 0, tzinfo=VIETNAM),
        made_by="Trần Văn Đức",
        rows=tuple(
            PeriodRow(
                field,
                code,
                name,
                PeriodFigures(
                    received_online=10 + index,
                    received_in_person_or_postal=40 + 3 * index,
                    carried_over=2,
                    resolved_early=20,
                    resolved_on_time=25 + index,
                    resolved_late=index,
                    in_process_within_time=5,
                    in_process_overdue=index % 2,
                    paused=1,
                    returned_or_withdrawn=index % 3,
                ),
            )
            for index, (code, name, field) in enumerate(PROCEDURES)
        ),
    )
