"""Small charts drawn with QPainter: bars per category (``bar``) and a two-stage funnel
(``funnel``) on a shared base (``base``). Widgets only: no services."""

from desk_app.ui.widgets.charts.bar import BarChart
from desk_app.ui.widgets.charts.base import ChartBase, chart_colours, is_dark, nice_ticks
from desk_app.ui.widgets.charts.funnel import FunnelChart, FunnelStage

__all__ = [
    "BarChart",
    "ChartBase",
    "FunnelChart",
    "FunnelStage",
    "chart_colours",
    "is_dark",
    "nice_ticks",
]
