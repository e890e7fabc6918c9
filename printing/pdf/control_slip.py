"""Form 06: the control slip that travels with the dossier and records each hand-over."""

from reportlab.platypus import Flowable

from onestop.i18n import _
from printing.counter_time import format_appointment, format_compact, format_moment
from printing.form_content import ControlSlip, Timeliness
from printing.form_set import FORM_SET_2025, FormKind, FormSet
from printing.pdf.document import pdf_bytes
from printing.pdf.form_parts import PORTRAIT_WIDTH, code_marks, grid, labelled, letterhead, title
from printing.pdf.styles import BODY


def timeliness_label(result: Timeliness | None) -> str:
    labels = {
        Timeliness.EARLY: _("Trước hạn"),
        Timeliness.ON_TIME: _("Đúng hạn"),
        Timeliness.LATE: _("Quá hạn"),
    }
    return "" if result is None else labels[result]


def control_slip_pdf(slip: ControlSlip, form_set: FormSet = FORM_SET_2025) -> bytes:
    rows = [
        [
            _("Tên cơ quan"),
            _("Thời gian giao, nhận hồ sơ"),
            _("Kết quả giải quyết hồ sơ (trước hạn / đúng hạn / quá hạn)"),
            _("Ghi chú"),
        ]
    ]
    for number, handover in enumerate(slip.handovers, start=1):
        rows.append(
            [
                _("{number}. Giao: {giver}\nNhận: {taker}").format(
                    number=number, giver=handover.from_party, taker=handover.to_party
                ),
                _("{moment}\nNgười giao: {giver}\nNgười nhận: {taker}").format(
                    moment=format_compact(handover.handed_at),
                    giver=handover.handed_by,
                    taker=handover.received_by,
                ),
                timeliness_label(handover.result),
                handover.note,
            ]
        )
    story: list[Flowable] = [
        *letterhead(slip.letterhead, form_label=form_set.label(FormKind.CONTROL_SLIP)),
        *title(
            _("Phiếu kiểm soát quá trình giải quyết hồ sơ"),
            _("Mã hồ sơ: {code}").format(code=slip.dossier_code),
        ),
        code_marks(slip.dossier_code),
        labelled(_("Người nộp hồ sơ"), slip.applicant, BODY),
        labelled(_("Số điện thoại"), slip.phone, BODY),
        labelled(_("Nội dung yêu cầu giải quyết"), slip.procedure, BODY),
        labelled(_("Cơ quan giải quyết hồ sơ"), slip.handling_agency, BODY),
        labelled(_("Thời gian nhận hồ sơ"), format_moment(slip.received_at), BODY),
        labelled(_("Thời gian hẹn trả kết quả"), format_appointment(slip.appointment), BODY),
        grid(rows, [PORTRAIT_WIDTH * share for share in (0.3, 0.34, 0.18, 0.18)]),
    ]
    return pdf_bytes(story, title=f"{_('Phiếu kiểm soát')} {slip.dossier_code}")
