"""A grouped bar chart painted with QPainter: one group per category, one bar per series."""

import math
from collections.abc import Sequence

from PySide6.QtCore import QLineF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from onestop.i18n import _
from printing.pdf.bar_chart import round_step

PALETTE = (QColor("#1f5fa8"), QColor("#e08a1e"), QColor("#b8312f"))
_AXIS, _LEGEND, _LABELS = 36, 22, 48


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = ""
        self.categories: list[str] = []
        self.series: list[tuple[str, list[int]]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_figures(self, heading: str, categories: Sequence[str],
                     series: Sequence[tuple[str, Sequence[int]]]) -> None:
        self.heading = heading
        self.categories = list(categories)
        self.series = [(name, list(values)) for name, values in series]
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(480, 260)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        painter.drawText(QRectF(0, 0, self.width(), _LEGEND), Qt.AlignmentFlag.AlignLeft, self.heading)
        if not self.categories:
            painter.drawText(QRectF(0, _LEGEND, self.width(), _LEGEND), Qt.AlignmentFlag.AlignLeft,
                             _("Không có số liệu."))
            return
        self._legend(painter, metrics)
        plot = QRectF(_AXIS, 2 * _LEGEND, self.width() - _AXIS - 8,
                      self.height() - 2 * _LEGEND - _LABELS)
        top = max((max(values, default=0) for _name, values in self.series), default=0)
        step = round_step(top)
        ceiling = max(step, step * math.ceil(top / step))
        painter.setPen(QColor("#999999"))
        for tick in range(0, ceiling + 1, step):
            y = plot.bottom() - plot.height() * tick / ceiling
            painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
            painter.drawText(QRectF(0, y - 8, _AXIS - 4, 16), Qt.AlignmentFlag.AlignRight, str(tick))
        group = plot.width() / len(self.categories)
        bar = group * 0.8 / max(1, len(self.series))
        for column, category in enumerate(self.categories):
            left = plot.left() + column * group + group * 0.1
            for index, (_name, values) in enumerate(self.series):
                height = plot.height() * values[column] / ceiling
                painter.fillRect(QRectF(left + index * bar, plot.bottom() - height, bar, height),
                                 PALETTE[index % len(PALETTE)])
            painter.setPen(self.palette().text().color())
            label = metrics.elidedText(category, Qt.TextElideMode.ElideRight,
                                       max(int(group) - 4, metrics.averageCharWidth() * 3))
            painter.drawText(QRectF(plot.left() + column * group, plot.bottom() + 4, group, _LABELS),
                             Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, label)

    def _legend(self, painter: QPainter, metrics: QFontMetrics) -> None:
        left = float(self.width())
        for index, (name, _values) in reversed(list(enumerate(self.series))):
            left -= metrics.horizontalAdvance(name) + 24
            painter.fillRect(QRectF(left, _LEGEND + 4, 12, 12), PALETTE[index % len(PALETTE)])
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(left + 16, _LEGEND, metrics.horizontalAdvance(name) + 4, 20),
                             Qt.AlignmentFlag.AlignLeft, name)
