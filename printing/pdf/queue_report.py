"""The supervisor's front-of-house report: waiting and serving times per field and counter,
ratings per officer and procedure, visits without a dossier, and the commune's own figures for
the national service index (today, this month, this year)."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from onestop.i18n import _
from onestop.queue_figures import QueueFigures, RatingRow, TimesRow
from onestop.service_index import ServiceIndex
from printing.counter_time import format_day
from printing.pdf.document import pdf_bytes
from printing.pdf.form_parts import PORTRAIT_WIDTH, grid, portrait_widths, text
from printing.pdf.report_parts import QUEUE_FORM, report_heading, report_signatures
from printing.pdf.styles import BODY, HEADING

NOT_AVAILABLE = "—"


def _minutes(value: float | None) -> str:
    return NOT_AVAILABLE if value is None else f"{value:.1f}".replace(".", ",")


def _share(value: float | None) -> str:
    return NOT_AVAILABLE if value is None else f"{100 * value:.1f} %".replace(".", ",")


def _times_table(first: str, rows: Sequence[TimesRow], total: TimesRow | None = None) -> Flowable:
    header = [first, _("Số phiếu"), _("Đã phục vụ"), _("Vắng mặt"), _("Chờ trung bình (phút)"),
              _("Phục vụ trung bình (phút)")]
    body = [[row.name, str(row.tickets), str(row.served), str(row.absent),
             _minutes(row.average_wait_minutes), _minutes(row.average_service_minutes)]
            for row in (*rows, *([] if total is None else [replace(total, name=_("Tổng cộng"))]))]
    return grid([header, *body], portrait_widths(0.3, 0.12, 0.12, 0.12, 0.17, 0.17),
                right_from_column=1, bold_rows=[] if total is None else [len(body)])


def _ratings_table(first: str, rows: Sequence[RatingRow]) -> Flowable:
    header = [first, _("Lượt"), _("Điểm TB"), _("Rất hài lòng"), _("Hài lòng"), _("Bình thường"),
              _("Không hài lòng")]
    body = [[row.name, str(row.ratings), _minutes(row.average), str(row.very_satisfied),
             str(row.satisfied), str(row.neutral), str(row.not_satisfied)] for row in rows]
    return grid([header, *body], portrait_widths(0.3, 0.1, 0.1, 0.13, 0.12, 0.12, 0.13),
                right_from_column=1)


def _index_table(index: dict[str, ServiceIndex]) -> Flowable:
    names = {"today": _("Hôm nay"), "month": _("Tháng này"), "year": _("Năm nay")}
    columns = [index[name] for name in names]
    stalled_days = columns[0].stalled_days if columns else 0
    rows = [
        [_("Thành phần"), *names.values()],
        [_("Hồ sơ giải quyết đúng hạn"), *(_share(i.on_time_share) for i in columns)],
        [_("Hồ sơ giải quyết quá hạn"), *(str(i.resolved_late) for i in columns)],
        [_("Tỷ lệ hồ sơ nộp trực tuyến"), *(_share(i.online_share) for i in columns)],
        [_("Mức độ hài lòng (hài lòng trở lên)"), *(_share(i.satisfaction_share) for i in columns)],
        [_("Tỷ lệ số hoá hồ sơ"), *(_share(i.digitisation_share) for i in columns)],
        [_("Hồ sơ không được xử lý quá {0} ngày làm việc").format(stalled_days),
         *(str(i.stalled) for i in columns)],
    ]
    return grid(rows, portrait_widths(0.4, 0.2, 0.2, 0.2), right_from_column=1)


def queue_report_pdf(agency: str, figures: QueueFigures, index: dict[str, ServiceIndex],
                     made_at: datetime, made_by: str = "") -> bytes:
    heading = _("Báo cáo phục vụ công dân tại Bộ phận Một cửa")
    period = _("Kỳ báo cáo: từ ngày {start} đến ngày {end}").format(
        start=format_day(figures.start), end=format_day(figures.end))
    story: list[Flowable] = [
        *report_heading(agency, heading, period, made_at, _(QUEUE_FORM)),
        Spacer(1, 3 * mm),
        text(_("Số phiếu đã lấy: {0}. Lượt chỉ hướng dẫn, không có hồ sơ: {1}.").format(
            figures.tickets, figures.advice_only), BODY),
        text(_("Thời gian chờ và phục vụ theo lĩnh vực"), HEADING),
        _times_table(_("Lĩnh vực"), figures.by_field, figures.overall),
        text(_("Thời gian chờ và phục vụ theo quầy"), HEADING),
        _times_table(_("Quầy"), figures.by_counter),
        text(_("Đánh giá theo cán bộ"), HEADING),
        _ratings_table(_("Cán bộ"), figures.by_officer),
        text(_("Đánh giá theo thủ tục"), HEADING),
        _ratings_table(_("Thủ tục"), figures.by_procedure),
        text(_("Số liệu của xã cho Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định "
               "766/QĐ-TTg)"), HEADING),
        _index_table(index),
        text(_("“—”: chưa có số liệu để tính."), BODY),
        *report_signatures(PORTRAIT_WIDTH, made_by),
    ]
    return pdf_bytes(story, title=f"{heading} {period}")
