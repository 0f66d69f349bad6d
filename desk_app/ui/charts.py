"""Small charts drawn with QPainter: bars per category (grouped or stacked) and a
two-stage funnel. PySide6-Essentials has no QtCharts, and these two need little.

The charts only draw what they are given: labels come translated, numbers are
formatted with the default QLocale. The geometry is computed in one place
(``_layout``), so painting, tooltips and tests agree on where a bar is.

May import: PySide6 only (widgets; no services).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

Series = tuple[str, list[int], QColor]

MARGIN = 10
SWATCH = 10  # legend colour square, px
BAR_SHARE = 0.72  # of a category's slot the bars fill; the rest keeps groups apart
MAX_ROTATED_LABEL = 90  # px: longer vertical labels are elided
LABEL_GAP = 10  # px between two category labels side by side: less reads as one word

# Colour-blind-friendly hues (Okabe–Ito), in an order where neighbours differ in lightness.
_HUES = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442")


def nice_ticks(max_value: int, target: int = 5) -> list[int]:
    """Round, evenly spaced whole-number ticks from 0 that reach ``max_value``: steps of
    1, 2 or 5 times a power of ten, about ``target`` of them. Never below [0, 1]."""
    if max_value <= 0:
        return [0, 1]
    raw = max_value / max(target - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    fraction = raw / magnitude
    # The nearest round step (Heckbert's "nice numbers"), so the count stays near target.
    nice = 1 if fraction < 1.5 else 2 if fraction < 3 else 5 if fraction < 7 else 10
    step = max(1, round(nice * magnitude))
    top = math.ceil(max_value / step) * step
    return list(range(0, top + 1, step))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def chart_colours(palette: QPalette, count: int) -> list[QColor]:
    """``count`` distinguishable series colours that read well on the palette's base
    (lighter on a dark theme)."""
    colours = []
    for index in range(count):
        colour = QColor(_HUES[index % len(_HUES)])
        if is_dark(palette):
            colour = colour.lighter(135)
        colours.append(colour)
    return colours


def _format(value: int) -> str:
    return QLocale().toString(value)


class ChartBase(QWidget):
    """What both charts share: title, legend, empty state, hover tooltips and the
    accessible summary. Subclasses fill in ``_paint_chart``, ``index_at`` and
    ``tooltip_text``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._title_visible = True
        self._legend: list[tuple[str, QColor]] = []
        self._hover: int | None = None
        self.setMouseTracking(True)  # tooltips and highlight follow the mouse
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    # ---- public -------------------------------------------------------------------------
    def set_title(self, title: str) -> None:
        self._title = title
        self.setAccessibleName(title)
        self.update()

    def title(self) -> str:
        return self._title

    def set_title_visible(self, visible: bool) -> None:
        """Hide the drawn title when a heading next to the chart says it already (the
        title still names the chart for screen readers)."""
        self._title_visible = visible
        self.update()

    def is_empty(self) -> bool:
        raise NotImplementedError

    def index_at(self, pos: QPoint | QPointF) -> int | None:
        raise NotImplementedError

    def tooltip_text(self, index: int) -> str:
        raise NotImplementedError

    def tooltip_at(self, pos: QPoint | QPointF) -> str:
        """What the tooltip says at ``pos`` ("" where there is nothing to tell)."""
        index = self.index_at(pos)
        return "" if index is None else self.tooltip_text(index)

    def hovered(self) -> int | None:
        return self._hover

    def empty_text(self) -> str:
        return self.tr("No data yet")

    # ---- Qt overrides -------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position())
        if index != self._hover:
            self._hover = index
            self.update()
        text = "" if index is None else self.tooltip_text(index)
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        QToolTip.hideText()
        self.update()
        super().leaveEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LocaleChange:  # the numbers in the summary
            self._update_accessible_description()
        super().changeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = self._paint_header(painter)
        if self.is_empty():
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = QRectF(self.rect()).adjusted(MARGIN, top, -MARGIN, -MARGIN)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text())
        else:
            self._paint_chart(painter)
        painter.end()

    # ---- for subclasses -----------------------------------------------------------------
    def _paint_chart(self, painter: QPainter) -> None:
        raise NotImplementedError

    def _summary(self) -> str:
        raise NotImplementedError

    def _set_legend(self, entries: list[tuple[str, QColor]]) -> None:
        self._legend = entries
        self._hover = None
        self._update_accessible_description()
        self.updateGeometry()
        self.update()

    def _update_accessible_description(self) -> None:
        self.setAccessibleDescription(self.empty_text() if self.is_empty() else self._summary())

    def _text_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _header_height(self, width: float) -> float:
        """Title and legend rows together, from the top edge."""
        height = float(MARGIN)
        if self._title and self._title_visible:
            height += QFontMetrics(self._title_font()).height() + 4
        rows = len(self._legend_rows(width))
        if rows:
            height += rows * (self.fontMetrics().height() + 2) + 4
        return height

    def _legend_rows(self, width: float) -> list[list[tuple[str, QColor, float]]]:
        """Legend entries flowed into rows that fit ``width`` (name, colour, x)."""
        if len(self._legend) < 2 or self.is_empty():
            return []  # one series: the heading says what it is; nothing drawn: nothing to key
        metrics = self.fontMetrics()
        rows: list[list[tuple[str, QColor, float]]] = [[]]
        x = float(MARGIN)
        room = int(width) - 2 * MARGIN - SWATCH - 5
        for full_name, colour in self._legend:
            name = metrics.elidedText(full_name, Qt.TextElideMode.ElideRight, max(room, 20))
            entry = SWATCH + 5 + metrics.horizontalAdvance(name)
            if rows[-1] and x + entry > width - MARGIN:
                rows.append([])
                x = MARGIN
            rows[-1].append((name, colour, x))
            x += entry + 16
        return rows

    def _paint_header(self, painter: QPainter) -> float:
        y = float(MARGIN)
        width = self.width()
        painter.setPen(self._text_colour())
        if self._title and self._title_visible:
            painter.setFont(self._title_font())
            metrics = QFontMetrics(self._title_font())
            text = metrics.elidedText(self._title, Qt.TextElideMode.ElideRight, width - 2 * MARGIN)
            painter.drawText(QPointF(MARGIN, y + metrics.ascent()), text)
            y += metrics.height() + 4
            painter.setFont(self.font())
        metrics = self.fontMetrics()
        rows = self._legend_rows(width)
        for row in rows:
            for name, colour, x in row:
                swatch_top = y + (metrics.height() - SWATCH) / 2
                painter.fillRect(QRectF(x, swatch_top, SWATCH, SWATCH), colour)
                painter.setPen(self._text_colour())
                painter.drawText(QPointF(x + SWATCH + 5, y + metrics.ascent()), name)
            y += metrics.height() + 2
        return y + (4 if rows else 0)


# ---- bars -------------------------------------------------------------------------------
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
            return _pixel_rect(QRectF(left, bottom - value * scale, group, value * scale))
        width = group / len(self._series)
        return _pixel_rect(
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
        lines += [f"{name}: {_format(values[index])}" for name, values, _c in self._series]
        if len(self._series) > 1:
            total = sum(values[index] for _n, values, _c in self._series)
            lines.append(self.tr("Total: {count}").format(count=_format(total)))
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
                label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _format(tick)
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
        axis_width = max(metrics.horizontalAdvance(_format(t)) for t in ticks)
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
                    total=_format(sum(values)),
                    category=self._categories[peak],
                    count=_format(values[peak]),
                )
            )
        return " ".join(parts)


# ---- funnel -----------------------------------------------------------------------------
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
        self._colour = QColor(_HUES[0])
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
        return _pixel_rect(QRectF(layout.bars_left, y, length, thickness))

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
                f"{self._names[0]}: {_format(stage.first)}",
                f"{self._names[1]}: {_format(stage.second)} ({self._percent(stage.rate)})",
            ]
        )

    def value_text(self, index: int) -> str:
        stage = self._stages[index]
        return self.tr("{second} of {first} ({percent})").format(
            second=_format(stage.second),
            first=_format(stage.first),
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


def _pixel_rect(rect: QRectF) -> QRectF:
    """Snapped to whole pixels, so neighbouring bars do not blur into each other."""
    left, right = round(rect.left()), round(rect.right())
    top, bottom = round(rect.top()), round(rect.bottom())
    return QRectF(left, top, max(right - left, 0), max(bottom - top, 0))
