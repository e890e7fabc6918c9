"""A vertical bar chart drawn with reportlab.graphics, every label in the bundled font."""

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from onestop.i18n import _
from onestop.text import nfc
from printing.pdf.fonts import REGULAR

PALETTE = (colors.HexColor("#1f5fa8"), colors.HexColor("#e08a1e"), colors.HexColor("#b8312f"))
LABEL_LENGTH = 22


def bar_chart(
    heading: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    width: float,
    height: float,
) -> Drawing:
    """One group of bars per category, one bar per series; counts on a whole-number axis."""
    drawing = Drawing(width, height, initialFontName=REGULAR)
    drawing.add(String(0, height - 12, nfc(heading), fontName=REGULAR, fontSize=10))
    if not categories:
        drawing.add(String(0, height - 30, _("Không có số liệu."), fontName=REGULAR, fontSize=9))
        return drawing
    chart = VerticalBarChart()
    chart.x, chart.y = 35, 60
    chart.width, chart.height = width - 45, height - 95
    chart.data = [list(values) for _name, values in series]
    chart.categoryAxis.categoryNames = [_short(nfc(name)) for name in categories]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 25
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    top = max((max(values, default=0) for _name, values in series), default=0)
    step = round_step(top)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = max(step, step * math.ceil(top / step))
    for index in range(len(series)):
        chart.bars[index].fillColor = PALETTE[index % len(PALETTE)]
    drawing.add(chart)
    legend = Legend()
    legend.fontName = REGULAR
    legend.fontSize = 8
    legend.x, legend.y = width - 10, height - 8
    legend.alignment = "right"
    legend.boxAnchor = "ne"
    legend.columnMaximum = 1
    legend.deltax = 90
    legend.colorNamePairs = [
        (PALETTE[index % len(PALETTE)], nfc(name)) for index, (name, _values) in enumerate(series)
    ]
    drawing.add(legend)
    return drawing


def round_step(top: int) -> int:
    """1, 2 or 5 times a power of ten, giving at most about six ticks."""
    rough = max(1.0, top / 5)
    power = int(10 ** math.floor(math.log10(rough)))
    return next(factor * power for factor in (1, 2, 5, 10) if factor * power >= rough)


def _short(name: str) -> str:
    return name if len(name) <= LABEL_LENGTH else name[: LABEL_LENGTH - 1] + "…"
