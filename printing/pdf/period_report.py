"""The period report after Biểu 06: by field and procedure, received, resolved, in process."""

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from onestop.i18n import _
from onestop.report_figures import PeriodFigures, PeriodReport
from printing.counter_time import format_day
from printing.pdf.bar_chart import bar_chart
from printing.pdf.document import pdf_bytes
from printing.pdf.form_parts import LANDSCAPE_WIDTH, grid, text
from printing.pdf.report_parts import PERIOD_FORM, percent, report_heading, report_signatures
from printing.pdf.styles import BODY
from printing.report_summary import period_chart

_SHARES = (0.045, 0.175, *(0.06,) * 13)
_HEADER_ROWS = 3


def period_report_pdf(report: PeriodReport) -> bytes:
    heading = _("Báo cáo tình hình, kết quả giải quyết thủ tục hành chính")
    period = _("Kỳ báo cáo: từ ngày {start} đến ngày {end}").format(
        start=format_day(report.start), end=format_day(report.end)
    )
    total = report.total()
    timely = total.resolved_early + total.resolved_on_time
    story: list[Flowable] = [
        *report_heading(report.agency, heading, period, report.made_at, _(PERIOD_FORM)),
        Spacer(1, 3 * mm),
        text(
            _("Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn: {share}").format(
                share=percent(timely, total.resolved_total)
            ),
            BODY,
        ),
        _chart(report),
        Spacer(1, 3 * mm),
        _table(report),
        *report_signatures(LANDSCAPE_WIDTH, report.made_by),
    ]
    return pdf_bytes(story, title=f"{heading} {period}", wide=True)


def _table(report: PeriodReport) -> Flowable:
    rows: list[list[str]] = [
        [
            _("STT"),
            _("Lĩnh vực, thủ tục hành chính"),
            _("Số hồ sơ nhận giải quyết"),
            "",
            "",
            "",
            _("Số hồ sơ đã giải quyết"),
            "",
            "",
            "",
            _("Số hồ sơ đang giải quyết"),
            "",
            "",
            _("Tạm dừng"),
            _("Trả lại, rút hồ sơ"),
        ],
        [
            "",
            "",
            _("Tổng số"),
            _("Trực tuyến"),
            _("Trực tiếp, bưu chính"),
            _("Từ kỳ trước"),
            _("Tổng số"),
            _("Trước hạn"),
            _("Đúng hạn"),
            _("Quá hạn"),
            _("Tổng số"),
            _("Trong hạn"),
            _("Quá hạn"),
            "",
            "",
        ],
        [f"({column})" for column in range(1, 16)],
    ]
    field_rows: list[int] = []
    for field_number, field in enumerate(report.field_names(), start=1):
        field_rows.append(len(rows))
        rows.append([_roman(field_number), field, *_figures(report.field_total(field))])
        for number, row in enumerate((r for r in report.rows if r.field == field), start=1):
            rows.append([str(number), f"{row.procedure_code} {row.procedure}", *_figures(row.figures)])
    field_rows.append(len(rows))
    rows.append(["", _("Tổng cộng"), *_figures(report.total())])
    return grid(
        rows,
        [LANDSCAPE_WIDTH * share for share in _SHARES],
        header_rows=_HEADER_ROWS,
        bold_rows=field_rows,
        spans=[
            ((0, 0), (0, 1)),
            ((1, 0), (1, 1)),
            ((2, 0), (5, 0)),
            ((6, 0), (9, 0)),
            ((10, 0), (12, 0)),
            ((13, 0), (13, 1)),
            ((14, 0), (14, 1)),
        ],
        right_from_column=2,
    )


def _figures(figures: PeriodFigures) -> list[str]:
    return [
        str(value)
        for value in (
            figures.received_total,
            figures.received_online,
            figures.received_in_person_or_postal,
            figures.carried_over,
            figures.resolved_total,
            figures.resolved_early,
            figures.resolved_on_time,
            figures.resolved_late,
            figures.in_process_total,
            figures.in_process_within_time,
            figures.in_process_overdue,
            figures.paused,
            figures.returned_or_withdrawn,
        )
    ]


def _chart(report: PeriodReport) -> Flowable:
    chart = period_chart(report)
    return bar_chart(chart.heading, chart.categories, chart.series, width=LANDSCAPE_WIDTH * 0.7,
                     height=70 * mm)


def _roman(number: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    digits = ""
    for value, numeral in numerals:
        while number >= value:
            digits += numeral
            number -= value
    return digits or "0"
