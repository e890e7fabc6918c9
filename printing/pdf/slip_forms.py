"""Forms 01 to 03 on A4, from the same content as the thermal slip.

A receipt is made in two copies: one stays with the control slip, one goes to the applicant.
"""

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from onestop.i18n import _
from printing.counter_time import format_appointment, format_moment
from printing.form_content import Letterhead, Signer
from printing.form_set import FORM_SET_2025, FormKind, FormSet
from printing.pdf.document import pdf_bytes
from printing.pdf.form_parts import (
    code_marks,
    grid,
    labelled,
    letterhead,
    portrait_widths,
    signatures,
    signing_hint,
    text,
    title,
)
from printing.pdf.styles import BODY, BODY_BOLD, INDENTED, SMALL_CENTRED
from printing.slip_content import Refusal, ResultHandover, Slip, SupplementRequest, qr_content


def slip_form_pdf(slip: Slip, head: Letterhead, form_set: FormSet = FORM_SET_2025) -> bytes:
    """Form 01, 02 or 03 after the slip's kind; a result handover has no form of its own."""
    match slip.detail:
        case None:
            story = _receipt(slip, head, form_set)
        case SupplementRequest():
            story = _supplement_request(slip, slip.detail, head, form_set)
        case Refusal():
            story = _refusal(slip, slip.detail, head, form_set)
        case ResultHandover():
            raise ValueError("a result handover is printed on a slip only")
    return pdf_bytes(story, title=f"{slip.title} {slip.dossier_code}")


def _receipt(slip: Slip, head: Letterhead, form_set: FormSet) -> list[Flowable]:
    story = [
        *letterhead(head, form_label=form_set.label(FormKind.RECEIPT)),
        *title(slip.title, _("Mã hồ sơ: {code}").format(code=slip.dossier_code)),
        text(_("{agency} tiếp nhận hồ sơ của:").format(agency=slip.agency), BODY),
        *_applicant(slip),
        labelled(_("Nội dung yêu cầu giải quyết"), slip.procedure, BODY),
    ]
    number = 0

    def item(label: str, value: str | None = None) -> None:
        nonlocal number
        number += 1
        heading = f"{number}. {label}"
        story.append(text(heading, BODY) if value is None else labelled(heading, value, BODY))

    if slip.documents:
        item(_("Thành phần hồ sơ nộp gồm:"))
        rows = [[_("STT"), _("Tên giấy tờ"), _("Bản chính"), _("Bản sao")]]
        rows += [
            [str(index), document.name, str(document.originals), str(document.copies)]
            for index, document in enumerate(slip.documents, start=1)
        ]
        story.append(grid(rows, portrait_widths(0.08, 0.62, 0.15, 0.15), right_from_column=2))
        story.append(Spacer(1, 2 * mm))
    item(_("Số lượng hồ sơ"), _("{sets} bộ").format(sets=slip.sets))
    if slip.processing_time:
        item(_("Thời gian giải quyết hồ sơ theo quy định"), slip.processing_time)
    item(_("Thời gian nhận hồ sơ"), format_moment(slip.received_at))
    item(_("Thời gian trả kết quả giải quyết hồ sơ"), format_appointment(slip.appointment))
    if slip.result_delivery:
        item(_("Đăng ký nhận kết quả tại"), slip.result_delivery)
    if slip.book_entry:
        story.append(labelled(_("Vào sổ theo dõi hồ sơ"), slip.book_entry, BODY))
    story += _marks(slip)
    story.append(
        signatures(
            (Signer(_("Người nộp hồ sơ"), slip.applicant.name), signing_hint()),
            (Signer(_("Người tiếp nhận hồ sơ"), slip.officer), signing_hint()),
        )
    )
    return story


def _supplement_request(
    slip: Slip, request: SupplementRequest, head: Letterhead, form_set: FormSet
) -> list[Flowable]:
    return [
        *letterhead(head, form_label=form_set.label(FormKind.SUPPLEMENT_REQUEST)),
        *title(slip.title, _("Mã hồ sơ: {code}").format(code=slip.dossier_code)),
        text(_("{agency} tiếp nhận hồ sơ của:").format(agency=slip.agency), BODY),
        *_applicant(slip),
        labelled(_("Nội dung yêu cầu giải quyết"), slip.procedure, BODY),
        labelled(_("Thời gian nhận hồ sơ"), format_moment(slip.received_at), BODY),
        text(
            _("Sau khi xem xét, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:"),
            BODY_BOLD,
        ),
        *(text(f"{index}. {item}", INDENTED) for index, item in enumerate(request.items, 1)),
        *([labelled(_("Lý do"), request.reason, BODY)] if request.reason else []),
        text(
            _(
                "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ {officer} "
                "tại {counter} để được hướng dẫn."
            ).format(officer=slip.officer, counter=slip.counter or slip.agency),
            BODY,
        ),
        *_marks(slip),
        signatures((Signer(_("Người hướng dẫn"), slip.officer), signing_hint())),
    ]


def _refusal(slip: Slip, refusal: Refusal, head: Letterhead, form_set: FormSet) -> list[Flowable]:
    return [
        *letterhead(head, form_label=form_set.label(FormKind.REFUSAL)),
        *title(slip.title, _("Mã hồ sơ: {code}").format(code=slip.dossier_code)),
        text(_("{agency} tiếp nhận hồ sơ của:").format(agency=slip.agency), BODY),
        *_applicant(slip),
        labelled(_("Nội dung yêu cầu giải quyết"), slip.procedure, BODY),
        text(
            _(
                "Qua xem xét, cơ quan, đơn vị từ chối tiếp nhận, giải quyết hồ sơ này với lý do "
                "cụ thể như sau:"
            ),
            BODY_BOLD,
        ),
        *(text(f"{index}. {reason}", INDENTED) for index, reason in enumerate(refusal.reasons, 1)),
        text(_("Xin thông báo cho Ông/Bà được biết và thực hiện."), BODY),
        *_marks(slip),
        signatures((Signer(_("Người tiếp nhận hồ sơ"), slip.officer), signing_hint())),
    ]


def _applicant(slip: Slip) -> list[Flowable]:
    lines = [labelled(_("Ông/Bà"), slip.applicant.name, INDENTED)]
    for label, value in (
        (_("Địa chỉ"), slip.applicant.address),
        (_("Số điện thoại"), slip.applicant.phone),
        (_("Email"), slip.applicant.email),
    ):
        if value:
            lines.append(labelled(label, value, INDENTED))
    return lines


def _marks(slip: Slip) -> list[Flowable]:
    parts: list[Flowable] = [Spacer(1, 3 * mm), code_marks(slip.dossier_code, qr_content(slip))]
    if slip.lookup_hint:
        parts.append(text(slip.lookup_hint, SMALL_CENTRED))
    parts.append(Spacer(1, 4 * mm))
    return parts
