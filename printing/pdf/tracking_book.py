"""Form 07: the tracking book, one ruled line per dossier, on landscape pages."""

from reportlab.platypus import Flowable

from onestop.i18n import _
from printing.counter_time import format_compact, format_day
from printing.form_content import TrackingBook
from printing.form_set import FORM_SET_2025, FormKind, FormSet
from printing.pdf.document import pdf_bytes
from printing.pdf.form_parts import LANDSCAPE_WIDTH, code_cell, grid, letterhead, title

_SHARES = (0.035, 0.11, 0.13, 0.04, 0.1, 0.1, 0.08, 0.065, 0.065, 0.065, 0.065, 0.065, 0.08)


def tracking_book_pdf(book: TrackingBook, form_set: FormSet = FORM_SET_2025) -> bytes:
    rows = [
        [
            _("STT"),
            _("Mã hồ sơ"),
            _("Tên thủ tục hành chính"),
            _("Số bộ"),
            _("Tên cá nhân, tổ chức"),
            _("Địa chỉ, số điện thoại"),
            _("Cơ quan chủ trì giải quyết"),
            _("Nhận hồ sơ"),
            _("Hẹn trả kết quả"),
            _("Chuyển hồ sơ đến cơ quan giải quyết"),
            _("Nhận kết quả từ cơ quan giải quyết"),
            _("Trả kết quả cho cá nhân, tổ chức"),
            _("Ghi chú"),
        ]
    ]
    rows += [
        [
            str(entry.number),
            code_cell(entry.dossier_code),
            entry.procedure,
            str(entry.sets),
            entry.applicant,
            entry.address_phone,
            entry.handling_agency,
            format_compact(entry.received_at),
            format_compact(entry.due_at),
            format_compact(entry.sent_on),
            format_compact(entry.result_back),
            format_compact(entry.returned_at),
            entry.note,
        ]
        for entry in book.entries
    ]
    period = _("Quyển số {volume}, từ ngày {start} đến ngày {end}").format(
        volume=book.volume, start=format_day(book.start), end=format_day(book.end)
    )
    story: list[Flowable] = [
        *letterhead(
            book.letterhead,
            form_label=form_set.label(FormKind.TRACKING_BOOK),
            width=LANDSCAPE_WIDTH,
        ),
        *title(_("Sổ theo dõi hồ sơ"), period),
        grid(rows, [LANDSCAPE_WIDTH * share for share in _SHARES]),
    ]
    return pdf_bytes(story, title=f"{_('Sổ theo dõi hồ sơ')} {book.volume}", wide=True)
