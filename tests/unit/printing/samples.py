"""Slips the printing tests share."""

from datetime import datetime, timedelta, timezone

from printing.slip_content import (
    Applicant,
    Refusal,
    ResultHandover,
    Slip,
    SlipKind,
    SubmittedDocument,
    SupplementRequest,
    standard_title,
)

VIETNAM = timezone(timedelta(hours=7))
CODE = "000.00.13.H24-261122-0007"


def receipt(**changes: object) -> Slip:
    fields: dict[str, object] = dict(
        title=standard_title(SlipKind.RECEIPT),
        agency="UBND xã Hoà Bình",
        counter="Bộ phận Một cửa — Quầy số 2",
        dossier_code=CODE,
        applicant=Applicant("Nguyễn Thị Hoà", "Thôn Đông, xã Hoà Bình, tỉnh Phú Thọ", "0912 345 678"),
        procedure="Đăng ký khai sinh",
        received_at=datetime(2026, 11, 22, 8, 5, tzinfo=VIETNAM),
        appointment=datetime(2026, 11, 27, 14, 0, tzinfo=VIETNAM),
        documents=(
            SubmittedDocument("Tờ khai đăng ký khai sinh", originals=1),
            SubmittedDocument("Giấy chứng sinh", originals=1, copies=1),
        ),
        sets=1,
        processing_time="03 ngày làm việc",
        result_delivery="Bộ phận Một cửa xã",
        book_entry="Quyển số 01, số thứ tự 0007",
        officer="Trần Văn Bình",
        lookup_hint="Tra cứu: dichvucong.gov.vn",
    )
    fields.update(changes)
    return Slip(**fields)  # type: ignore[arg-type]


def supplement_request() -> Slip:
    return receipt(
        title=standard_title(SlipKind.SUPPLEMENT_REQUEST),
        detail=SupplementRequest(
            ("Bản sao giấy chứng nhận kết hôn của cha mẹ",), "Tờ khai thiếu chữ ký người đi khai"
        ),
    )


def refusal() -> Slip:
    return receipt(
        title=standard_title(SlipKind.REFUSAL),
        detail=Refusal(("Thủ tục không thuộc thẩm quyền của xã", "Hồ sơ đã nộp tại nơi khác")),
    )


def result_handover() -> Slip:
    return receipt(
        title=standard_title(SlipKind.RESULT_HANDOVER),
        detail=ResultHandover("Lê Văn Đức", datetime(2026, 11, 27, 9, 30, tzinfo=VIETNAM)),
    )
