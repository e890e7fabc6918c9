"""The supervisor's daily report: what came in, what went out, who did it, what is late."""

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from onestop.i18n import _
from onestop.report_figures import DailyReport
from printing.counter_time import format_compact, format_day, local
from printing.pdf.bar_chart import bar_chart
from printing.pdf.document import pdf_bytes
from printing.pdf.form_parts import PORTRAIT_WIDTH, code_cell, grid, portrait_widths, text
from printing.pdf.report_parts import DAILY_FORM, report_heading, report_signatures
from printing.pdf.styles import HEADING
from printing.report_summary import daily_chart, daily_summary


def daily_report_pdf(report: DailyReport) -> bytes:
    heading = _("Báo cáo tiếp nhận và trả kết quả trong ngày")
    story: list[Flowable] = [
        *report_heading(
            report.agency,
            heading,
            _("Ngày {day}").format(day=format_day(report.day)),
            report.made_at,
            _(DAILY_FORM),
        ),
        Spacer(1, 4 * mm),
        _summary(report),
        Spacer(1, 4 * mm),
        _chart(report),
        text(_("Theo cán bộ"), HEADING),
        grid(
            [[_("Cán bộ"), _("Tiếp nhận"), _("Trả kết quả")]]
            + [[row.officer, str(row.received), str(row.returned)] for row in report.by_officer],
            portrait_widths(0.6, 0.2, 0.2),
            right_from_column=1,
        ),
        text(_("Theo thủ tục"), HEADING),
        grid(
            [[_("Mã thủ tục"), _("Tên thủ tục"), _("Tiếp nhận"), _("Trả kết quả")]]
            + [[row.code, row.name, str(row.received), str(row.returned)] for row in report.by_procedure],
            portrait_widths(0.16, 0.54, 0.15, 0.15),
            right_from_column=2,
        ),
        text(
            _("Hồ sơ quá hạn ({count})").format(count=len(report.overdue)),
            HEADING,
        ),
        grid(
            [[_("STT"), _("Mã hồ sơ"), _("Người nộp"), _("Thủ tục"), _("Hẹn trả"), _("Cán bộ")]]
            + [
                [
                    str(number),
                    code_cell(row.dossier_code),
                    row.applicant,
                    row.procedure,
                    format_compact(row.appointment),
                    row.officer,
                ]
                for number, row in enumerate(report.overdue, start=1)
            ],
            portrait_widths(0.06, 0.22, 0.17, 0.25, 0.14, 0.16),
        ),
        text(_("Hồ sơ tiếp nhận trong ngày ({count})").format(count=len(report.received_dossiers)),
             HEADING),
        _received(report),
        *report_signatures(PORTRAIT_WIDTH, report.made_by),
    ]
    return pdf_bytes(story, title=f"{heading} {format_day(report.day)}")


def _summary(report: DailyReport) -> Flowable:
    table = [[_("Chỉ tiêu"), _("Số lượng")]] + [list(row) for row in daily_summary(report)]
    return grid(table, portrait_widths(0.7, 0.3), right_from_column=1)


def _chart(report: DailyReport) -> Flowable:
    chart = daily_chart(report)
    return bar_chart(chart.heading, chart.categories, chart.series, width=PORTRAIT_WIDTH,
                     height=75 * mm)


def _received(report: DailyReport) -> Flowable:
    return grid(
        [[_("STT"), _("Mã hồ sơ"), _("Giờ nhận"), _("Người nộp"), _("Thủ tục"), _("Hẹn trả"),
          _("Cán bộ tiếp nhận")]]
        + [
            [
                str(number),
                code_cell(row.dossier_code),
                f"{local(row.received_at):%H:%M}",
                row.applicant,
                row.procedure,
                format_compact(row.appointment) if row.appointment else _("Không hẹn"),
                row.officer,
            ]
            for number, row in enumerate(report.received_dossiers, start=1)
        ],
        portrait_widths(0.06, 0.2, 0.07, 0.16, 0.23, 0.13, 0.15),
    )
