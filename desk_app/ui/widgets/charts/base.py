"""What the charts share: a title and legend above the plot, hover tooltips, an
accessible summary, the tick and colour helpers, and whole-pixel rectangles.

PySide6-Essentials has no QtCharts, and these charts need little. They only draw what
they are given: labels come translated, numbers are formatted with the default QLocale.

May import: PySide6 and the palette only (widgets; no services).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desk_app.ui.widgets import palette

Series = tuple[str, list[int], QColor]


MARGIN = 10
SWATCH = 10  # legend colour square, px
BAR_SHARE = 0.72  # of a category's slot the bars fill; the rest keeps groups apart
MAX_ROTATED_LABEL = 90  # px: longer vertical labels are elided
LABEL_GAP = 10  # px between two category labels side by side: less reads as one word

HUES = palette.CHART_HUES


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
        colour = QColor(HUES[index % len(HUES)])
        if is_dark(palette):
            colour = colour.lighter(135)
        colours.append(colour)
    return colours


def format_count(value: int) -> str:
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


def pixel_rect(rect: QRectF) -> QRectF:
    """Snapped to whole pixels, so neighbouring bars do not blur into each other."""
    left, right = round(rect.left()), round(rect.right())
    top, bottom = round(rect.top()), round(rect.bottom())
    return QRectF(left, top, max(right - left, 0), max(bottom - top, 0))
