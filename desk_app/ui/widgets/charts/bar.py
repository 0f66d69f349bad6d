"""Bars per category, grouped or stacked (e.g. messages per week by channel).

The geometry is computed in one place (``_layout``), so painting, tooltips and tests
agree on where a bar is. May import: PySide6 and the chart base only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QWidget

from desk_app.ui.widgets.charts.base import (
    BAR_SHARE,
    LABEL_GAP,
    MARGIN,
    MAX_ROTATED_LABEL,
    ChartBase,
    Series,
    format_count,
    nice_ticks,
    pixel_rect,
)


@dataclass(frozen=True)
class _BarLayout:
    plot: QRectF  # where the bars stand; the value axis is its left edge
    ticks: list[int]
    slot: float  # width of one category
    rotated: bool  # category labels drawn vertically
    label_step: int  # every n-th category labelled (counted back from the last)
    label_space: float  # length available to one label


class BarChart(ChartBase):
    """Bars per category, one per series side by side (grouped) or on top of each other
    (stacked), with a value axis on round numbers and a tooltip per category.

    Category labels never overlap: when they do not fit side by side they turn vertical
    (and are elided when long), or, for a sequence such as weeks, only every n-th is
    written; the tooltip always names the category.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._categories: list[str] = []
        self._details: list[str] = []
        self._series: list[Series] = []
        self._stacked = False
        self._sequence = False

    # ---- public -------------------------------------------------------------------------
    def set_data(
        self,
        categories: list[str],
        series: list[Series],
        stacked: bool = False,
        details: list[str] | None = None,
        sequence: bool = False,
    ) -> None:
        """One value per category in every series. ``details``: a longer name per
        category for the tooltip ("Week 47: 16.11.26 – 22.11.26" for "KW 47").
        ``sequence``: the categories follow each other (weeks), so when their labels
        do not fit, every n-th is enough (the others can be counted)."""
        for name, values, _colour in series:
            if len(values) != len(categories):
                raise ValueError(f"series {name!r} has {len(values)} values, not {len(categories)}")
        if details is not None and len(details) != len(categories):
            raise ValueError("one detail per category")
        self._categories = list(categories)
        self._details = list(details) if details is not None else list(categories)
        self._series = [(name, list(values), QColor(colour)) for name, values, colour in series]
        self._stacked = stacked
        self._sequence = sequence
        self._set_legend([(name, colour) for name, _values, colour in self._series])

    def categories(self) -> list[str]:
        return list(self._categories)

    def is_stacked(self) -> bool:
        return self._stacked

    def is_empty(self) -> bool:
        return not any(v for _name, values, _colour in self._series for v in values)

    def ticks(self) -> list[int]:
        return nice_ticks(self._max_value())

    def bar_rect(self, category: int, series: int) -> QRectF:
        """Where the bar of one series in one category is drawn (empty for a 0)."""
        layout = self._layout()
        plot, scale = layout.plot, layout.plot.height() / layout.ticks[-1]
        group = layout.slot * BAR_SHARE
        left = plot.left() + category * layout.slot + (layout.slot - group) / 2
        value = self._series[series][1][category]
        if self._stacked:
            below = sum(values[category] for _n, values, _c in self._series[:series])
            bottom = plot.bottom() - below * scale
            return pixel_rect(QRectF(left, bottom - value * scale, group, value * scale))
        width = group / len(self._series)
        return pixel_rect(
            QRectF(left + series * width, plot.bottom() - value * scale, width, value * scale)
        )

    def label_rects(self) -> dict[int, QRectF]:
        """The category labels that are written, by category, and the space each takes."""
        layout = self._layout()
        metrics = self.fontMetrics()
        rects: dict[int, QRectF] = {}
        top = layout.plot.bottom() + 4
        free_until = float(self.width() - 2)  # labels are placed from the right
        for index in reversed(self._labelled(layout)):
            centre = layout.plot.left() + (index + 0.5) * layout.slot
            text = self._label_text(index, layout)
            length = metrics.horizontalAdvance(text)
            if layout.rotated:
                rects[index] = QRectF(centre - metrics.height() / 2, top, metrics.height(), length)
                continue
            # Kept inside the widget (the last week's label must not be cut off); one
            # pushed left that way may leave no room for its neighbour, which is dropped.
            left = min(max(centre - length / 2, layout.plot.left() - 4), free_until - length)
            if left < layout.plot.left() - 4:
                continue
            rects[index] = QRectF(left, top, length, metrics.height())
            free_until = left - LABEL_GAP
        return dict(sorted(rects.items()))

    def index_at(self, pos: QPoint | QPointF) -> int | None:
        if self.is_empty():
            return None
        layout = self._layout()
        x, y = pos.x(), pos.y()
        if not (layout.plot.left() <= x < layout.plot.right()):
            return None
        if not (layout.plot.top() <= y <= self.height() - MARGIN):
            return None  # the labels under the plot count as their category
        return min(int((x - layout.plot.left()) // layout.slot), len(self._categories) - 1)

    def tooltip_text(self, index: int) -> str:
        lines = [self._details[index]]
        lines += [f"{name}: {format_count(values[index])}" for name, values, _c in self._series]
        if len(self._series) > 1:
            total = sum(values[index] for _n, values, _c in self._series)
            lines.append(self.tr("Total: {count}").format(count=format_count(total)))
        return "\n".join(lines)

    def sizeHint(self) -> QSize:
        return QSize(460, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, 150)

    # ---- drawing ------------------------------------------------------------------------
    def _paint_chart(self, painter: QPainter) -> None:
        layout = self._layout()
        plot = layout.plot
        palette = self.palette()
        metrics = self.fontMetrics()
        text = self._text_colour()
        grid = QColor(palette.color(QPalette.ColorRole.Mid))
        grid.setAlphaF(0.45)

        if self._hover is not None:
            highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
            highlight.setAlphaF(0.14)
            painter.fillRect(
                QRectF(
                    plot.left() + self._hover * layout.slot, plot.top(), layout.slot, plot.height()
                ),
                highlight,
            )

        # Value axis: gridlines on the round ticks, numbers right-aligned left of them.
        scale = plot.height() / layout.ticks[-1]
        for tick in layout.ticks:
            y = round(plot.bottom() - tick * scale) + 0.5
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            label = QRectF(
                MARGIN, y - metrics.height() / 2, plot.left() - MARGIN - 6, metrics.height()
            )
            painter.drawText(
                label,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                format_count(tick),
            )

        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp bar edges
        for category in range(len(self._categories)):
            for series, (_name, values, colour) in enumerate(self._series):
                if values[category]:
                    painter.fillRect(self.bar_rect(category, series), colour)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        axis = QColor(text)
        axis.setAlphaF(0.6)
        painter.setPen(QPen(axis, 1))
        painter.drawLine(
            QPointF(plot.left(), plot.bottom() + 0.5), QPointF(plot.right(), plot.bottom() + 0.5)
        )

        painter.setPen(text)
        for index, rect in self.label_rects().items():
            name = self._label_text(index, layout)
            if layout.rotated:
                painter.save()
                # Read bottom to top, ending at the axis.
                painter.translate(rect.center().x(), rect.top())
                painter.rotate(-90)
                area = QRectF(-rect.height(), -rect.width() / 2, rect.height(), rect.width())
                painter.drawText(
                    area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name
                )
                painter.restore()
            else:
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)

    # ---- geometry -----------------------------------------------------------------------
    def _max_value(self) -> int:
        if not self._series or not self._categories:
            return 0
        if self._stacked:
            return max(
                sum(values[i] for _n, values, _c in self._series)
                for i in range(len(self._categories))
            )
        return max(max(values) for _n, values, _c in self._series)

    def _layout(self) -> _BarLayout:
        metrics = self.fontMetrics()
        width, height = float(self.width()), float(self.height())
        ticks = self.ticks()
        axis_width = max(metrics.horizontalAdvance(format_count(t)) for t in ticks)
        left = MARGIN + axis_width + 6
        right = width - MARGIN
        count = max(len(self._categories), 1)
        slot = max(right - left, 1.0) / count
        widest = max((metrics.horizontalAdvance(c) for c in self._categories), default=0)
        rotated = False
        label_step, label_height = 1, float(metrics.height())
        if widest <= slot - LABEL_GAP:
            label_space = slot - LABEL_GAP
        elif self._sequence:
            label_space = float(widest)
            label_step = math.ceil((widest + LABEL_GAP) / slot)
        else:
            rotated = True
            label_space = float(min(widest, MAX_ROTATED_LABEL, max(height * 0.3, 30)))
            label_step = max(1, math.ceil((metrics.height() + 2) / slot))
            label_height = label_space
        # Half a line above the top gridline, so its number is not cut off.
        top = self._header_height(width) + metrics.height() / 2
        bottom = height - MARGIN - label_height - 4
        plot = QRectF(left, top, max(right - left, 1.0), max(bottom - top, 1.0))
        return _BarLayout(plot, ticks, slot, rotated, label_step, label_space)

    def _labelled(self, layout: _BarLayout) -> list[int]:
        last = len(self._categories) - 1
        # Counted back from the last category: with weeks, the current one is labelled.
        return [i for i in range(len(self._categories)) if (last - i) % layout.label_step == 0]

    def _label_text(self, index: int, layout: _BarLayout) -> str:
        # Two pixels of slack: the advance is rounded, the elision measures exactly.
        return self.fontMetrics().elidedText(
            self._categories[index], Qt.TextElideMode.ElideRight, int(layout.label_space) + 2
        )

    def _summary(self) -> str:
        parts = [
            self.tr("%n value(s) from {first} to {last}.", "", len(self._categories)).format(
                first=self._categories[0], last=self._categories[-1]
            )
        ]
        for name, values, _colour in self._series:
            peak = max(range(len(values)), key=lambda i: values[i])
            parts.append(
                self.tr("{series}: {total} in total, most in {category} ({count}).").format(
                    series=name,
                    total=format_count(sum(values)),
                    category=self._categories[peak],
                    count=format_count(values[peak]),
                )
            )
        return " ".join(parts)


# ---- funnel -----------------------------------------------------------------------------
