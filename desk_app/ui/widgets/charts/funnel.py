"""A two-stage funnel: per row how many reached the first and the second stage (e.g.
sent and opened), with the rate between them. May import: PySide6 and the chart base.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QWidget

from desk_app.ui.widgets.charts.base import (
    HUES,
    MARGIN,
    ChartBase,
    format_count,
    pixel_rect,
)


@dataclass(frozen=True)
class FunnelStage:
    """One row of a funnel: how many entered (``first``), how many of them got through."""

    label: str
    first: int
    second: int

    @property
    def rate(self) -> float | None:
        return self.second / self.first if self.first else None


@dataclass(frozen=True)
class _FunnelLayout:
    label_width: float
    bars_left: float
    bars_width: float
    value_width: float
    top: float
    row_height: float


class FunnelChart(ChartBase):
    """One horizontal row per stage: a pale bar for how many entered and, over it, a
    solid bar for how many got through, with "9 of 12 (75 %)" at its end; optionally a
    total row under a line. All bars share one scale, so the rows compare."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stages: list[FunnelStage] = []
        self._names = ("", "")
        self._colour = QColor(HUES[0])
        self._has_total = False

    # ---- public -------------------------------------------------------------------------
    def set_data(
        self,
        stages: Sequence[FunnelStage],
        first_name: str,
        second_name: str,
        colour: QColor,
        total_label: str | None = None,
    ) -> None:
        """``first_name``/``second_name`` say what the two numbers are ("Declared",
        "Confirmed"); ``colour`` is the solid one, the pale one is derived from it.
        With ``total_label`` and more than one stage, a last row sums them up."""
        self._stages = list(stages)
        self._has_total = bool(total_label) and len(self._stages) > 1
        if self._has_total:
            self._stages.append(
                FunnelStage(
                    str(total_label),
                    sum(stage.first for stage in stages),
                    sum(stage.second for stage in stages),
                )
            )
        self._names = (first_name, second_name)
        self._colour = QColor(colour)
        self._set_legend([(first_name, self._pale()), (second_name, self._colour)])

    def stages(self) -> list[FunnelStage]:
        """The rows drawn, the total row included."""
        return list(self._stages)

    def has_total(self) -> bool:
        return self._has_total

    def is_empty(self) -> bool:
        return not any(stage.first for stage in self._stages)

    def bar_rect(self, row: int, second: bool) -> QRectF:
        """The pale (``second`` False) or the solid bar of one row."""
        layout = self._layout()
        stage = self._stages[row]
        biggest = max(s.first for s in self._stages) or 1
        value = stage.second if second else stage.first
        thickness = max(layout.row_height * 0.62, 6.0)
        y = layout.top + row * layout.row_height + (layout.row_height - thickness) / 2
        length = layout.bars_width * min(value, biggest) / biggest
        return pixel_rect(QRectF(layout.bars_left, y, length, thickness))

    def index_at(self, pos: QPoint | QPointF) -> int | None:
        if self.is_empty():
            return None
        layout = self._layout()
        if not (MARGIN <= pos.x() <= self.width() - MARGIN) or pos.y() < layout.top:
            return None
        row = int((pos.y() - layout.top) // layout.row_height)
        return row if row < len(self._stages) else None

    def tooltip_text(self, index: int) -> str:
        stage = self._stages[index]
        return "\n".join(
            [
                stage.label,
                f"{self._names[0]}: {format_count(stage.first)}",
                f"{self._names[1]}: {format_count(stage.second)} ({self._percent(stage.rate)})",
            ]
        )

    def value_text(self, index: int) -> str:
        stage = self._stages[index]
        return self.tr("{second} of {first} ({percent})").format(
            second=format_count(stage.second),
            first=format_count(stage.first),
            percent=self._percent(stage.rate),
        )

    def sizeHint(self) -> QSize:
        rows = max(len(self._stages), 3)
        line = self.fontMetrics().height()
        return QSize(460, int(self._header_height(460) + rows * (line + 12) + MARGIN))

    def minimumSizeHint(self) -> QSize:
        # Every row must fit, at its closest spacing.
        rows = len(self._stages)
        line = QFontMetrics(self._title_font()).height() + 4
        return QSize(220, max(150, int(self._header_height(220) + 2 + rows * line + MARGIN)))

    # ---- drawing ------------------------------------------------------------------------
    def _paint_chart(self, painter: QPainter) -> None:
        layout = self._layout()
        metrics = self.fontMetrics()
        text = self._text_colour()
        for row, stage in enumerate(self._stages):
            top = layout.top + row * layout.row_height
            line = QRectF(MARGIN, top, self.width() - 2 * MARGIN, layout.row_height)
            if row == self._hover:
                highlight = QColor(self.palette().color(QPalette.ColorRole.Highlight))
                highlight.setAlphaF(0.14)
                painter.fillRect(line, highlight)
            total = self._has_total and row == len(self._stages) - 1
            if total:
                rule = QColor(text)
                rule.setAlphaF(0.35)
                painter.setPen(QPen(rule, 1))
                painter.drawLine(QPointF(MARGIN, top + 0.5), QPointF(line.right(), top + 0.5))
                painter.setFont(self._title_font())
                metrics = QFontMetrics(self._title_font())
            painter.setPen(text)
            label = metrics.elidedText(
                stage.label, Qt.TextElideMode.ElideRight, int(layout.label_width)
            )
            painter.drawText(
                QRectF(MARGIN, top, layout.label_width, layout.row_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            entered = self.bar_rect(row, second=False)
            painter.fillRect(entered, self._pale())
            painter.fillRect(self.bar_rect(row, second=True), self._colour)
            painter.setPen(text)
            painter.drawText(
                QRectF(entered.right() + 6, top, layout.value_width, layout.row_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.value_text(row),
            )
        painter.setFont(self.font())

    # ---- geometry -----------------------------------------------------------------------
    def _layout(self) -> _FunnelLayout:
        # Measured in bold: the total row is written so.
        metrics = QFontMetrics(self._title_font())
        width = float(self.width())
        widest_label = max((metrics.horizontalAdvance(s.label) for s in self._stages), default=0)
        label_width = min(float(widest_label), width * 0.4)
        value_width = (
            float(
                max(
                    (
                        metrics.horizontalAdvance(self.value_text(i))
                        for i in range(len(self._stages))
                    ),
                    default=0,
                )
            )
            + 2
        )
        bars_left = MARGIN + label_width + 10
        bars_width = max(width - MARGIN - value_width - 6 - bars_left, 10.0)
        top = self._header_height(width) + 2
        available = self.height() - MARGIN - top
        # Rows share the height there is (no taller than airy, no closer than readable).
        row_height = min(available / max(len(self._stages), 1), 2.4 * metrics.height())
        row_height = max(row_height, metrics.height() + 4.0)
        return _FunnelLayout(label_width, bars_left, bars_width, value_width, top, row_height)

    def _pale(self) -> QColor:
        pale = QColor(self._colour)
        pale.setAlphaF(0.3)
        return pale

    def _percent(self, rate: float | None) -> str:
        if rate is None:
            return "–"
        return self.tr("{number}%").format(number=QLocale().toString(round(rate * 100)))

    def _summary(self) -> str:
        rows = [
            f"{stage.label}: {self.value_text(i)}"
            for i, stage in enumerate(self._stages)
            if stage.first
        ]
        return "; ".join(rows) + "."
