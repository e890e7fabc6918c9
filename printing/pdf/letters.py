"""Form 04 (apology and extension) and form 05 (stop notice): letters to the applicant."""

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from onestop.i18n import _
from printing.counter_time import format_moment
from printing.form_content import ApologyLetter, Signer, StopNotice
from printing.form_set import FORM_SET_2025, FormKind, FormSet
from printing.pdf.document import pdf_bytes
from printing.pdf.form_parts import labelled, letterhead, signatures, text, title
from printing.pdf.styles import BODY, BODY_BOLD, CENTRED, INDENTED


def apology_letter_pdf(letter: ApologyLetter, form_set: FormSet = FORM_SET_2025) -> bytes:
    story: list[Flowable] = [
        *_opening(letter, form_set.label(FormKind.APOLOGY),
                  _("Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết hồ sơ")),
        labelled(_("Thời gian hẹn trả kết quả"), format_moment(letter.original_appointment), BODY),
        text(_("Tuy nhiên đến nay, hồ sơ của Ông/Bà chưa được giải quyết xong. Lý do:"), BODY),
        text(letter.reason, INDENTED),
        text(
            _(
                "Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Chúng tôi thành thật xin lỗi "
                "và đề nghị gia hạn thời gian trả kết quả đến:"
            ),
            BODY,
        ),
        text(format_moment(letter.new_appointment), BODY_BOLD),
        text(_("Mong nhận được sự thông cảm của Ông/Bà."), BODY),
        Spacer(1, 6 * mm),
        _signer_on_the_right(letter.signer),
    ]
    return pdf_bytes(story, title=f"{_('Văn bản xin lỗi')} {letter.dossier_code}")


def stop_notice_pdf(notice: StopNotice, form_set: FormSet = FORM_SET_2025) -> bytes:
    story: list[Flowable] = [
        *_opening(notice, form_set.label(FormKind.STOP_NOTICE),
                  _("Thông báo dừng giải quyết hồ sơ")),
        text(_("Cơ quan, đơn vị thông báo dừng giải quyết hồ sơ nêu trên vì lý do sau:"), BODY),
        *(text(f"{index}. {reason}", INDENTED) for index, reason in enumerate(notice.reasons, 1)),
        text(_("Xin thông báo để Ông/Bà được biết."), BODY),
        Spacer(1, 6 * mm),
        _signer_on_the_right(notice.signer),
    ]
    return pdf_bytes(story, title=f"{_('Thông báo dừng giải quyết hồ sơ')} {notice.dossier_code}")


def _opening(letter: ApologyLetter | StopNotice, form_label: str, heading: str) -> list[Flowable]:
    """Letterhead, title, addressee and the paragraph recalling when the dossier was received."""
    return [
        *letterhead(letter.letterhead, form_label=form_label, number=letter.number,
                    issued_on=letter.issued_on),
        *title(heading),
        text(_("Kính gửi: {addressee}").format(addressee=letter.addressee), CENTRED),
        Spacer(1, 3 * mm),
        text(
            _(
                "Ngày {received}, {agency} tiếp nhận giải quyết hồ sơ của Ông/Bà, mã hồ sơ "
                "{code}, về việc: {procedure}."
            ).format(
                received=format_moment(letter.received_at),
                agency=letter.letterhead.agency,
                code=letter.dossier_code,
                procedure=letter.procedure,
            ),
            BODY,
        ),
    ]


def _signer_on_the_right(signer: Signer) -> Table:
    return signatures(None, (signer, _("(Ký, ghi rõ họ tên và đóng dấu)")))
