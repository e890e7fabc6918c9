"""What the supervisors' reports sum up, for the PDF reports and the screen alike: the day's
figures and the two charts."""

from dataclasses import dataclass

from onestop.i18n import _
from onestop.report_figures import DailyReport, PeriodReport
from printing.money import format_vnd

CHART_PROCEDURES = 10


@dataclass(frozen=True)
class ChartFigures:
    heading: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]


def daily_summary(report: DailyReport) -> list[tuple[str, str]]:
    """(what, how many) for the day, fees last."""
    counts = [
        (_("Hồ sơ tiếp nhận"), report.received.total),
        (_("— trực tiếp"), report.received.in_person),
        (_("— trực tuyến"), report.received.online),
        (_("— qua bưu chính"), report.received.postal),
        (_("Hồ sơ đã có kết quả"), report.results_ready),
        (_("Hồ sơ đã trả kết quả"), report.returned),
        (_("Yêu cầu bổ sung, hoàn thiện"), report.supplement_requests),
        (_("Từ chối tiếp nhận"), report.refusals),
        (_("Rút hồ sơ"), report.withdrawals),
        (_("Hồ sơ quá hạn"), len(report.overdue)),
    ]
    return [(label, str(count)) for label, count in counts] + [
        (_("Phí, lệ phí đã thu"), format_vnd(report.fees_collected))
    ]


def daily_chart(report: DailyReport) -> ChartFigures:
    """The busiest procedures of the day: received and returned."""
    busiest = sorted(report.by_procedure, key=lambda row: -row.received)[:CHART_PROCEDURES]
    return ChartFigures(
        _("Hồ sơ theo thủ tục (nhiều nhất {count})").format(count=CHART_PROCEDURES),
        tuple(row.name for row in busiest),
        (
            (_("Tiếp nhận"), tuple(row.received for row in busiest)),
            (_("Trả kết quả"), tuple(row.returned for row in busiest)),
        ),
    )


def period_chart(report: PeriodReport) -> ChartFigures:
    """Each field of the period: taken in, resolved, and late."""
    fields = report.field_names()
    totals = [report.field_total(field) for field in fields]
    return ChartFigures(
        _("Hồ sơ theo lĩnh vực"),
        tuple(fields),
        (
            (_("Nhận giải quyết"), tuple(figures.received_total for figures in totals)),
            (_("Đã giải quyết"), tuple(figures.resolved_total for figures in totals)),
            (_("Quá hạn"),
             tuple(figures.resolved_late + figures.in_process_overdue for figures in totals)),
        ),
    )
