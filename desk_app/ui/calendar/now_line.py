"""The current-time line of the time grid: where it is, how it looks, and the minute
timer that moves it.

The line is drawn across every column showing today (all staff in the day view, today's
column in the week view), with the time in a tag in the hour gutter. Today's shown
hours always include the current one (``widen_to_now``): before opening or after closing
the line would otherwise vanish just when someone looks for it. The timer fires on the
minute (as read from the injected clock), so the line and its time change together
with the desk clock rather than up to a minute late. Widgets only: no services.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen

from desk_app.ui.widgets import palette

MINUTE_MS = 60_000


def local_minute(now: datetime, zone: ZoneInfo) -> tuple[date, float]:
    """The local day and the minute of that day (with seconds as a fraction)."""
    local = now.astimezone(zone)
    return local.date(), local.hour * 60 + local.minute + local.second / 60


def widen_to_now(first: int, last: int, minute: float) -> tuple[int, int]:
    """The shown range of whole hours, stretched to hold ``minute`` (today only)."""
    first = min(first, int(minute // 60) * 60)
    last = max(last, min(24 * 60, int(math.floor(minute / 60) + 1) * 60))
    return first, last


def ms_to_next_minute(now: datetime) -> int:
    """How long until the clock's next full minute (at least a few ms: never spin)."""
    left = 60 - now.second - now.microsecond / 1_000_000
    return max(20, int(left * 1000) + 5)


def paint_now_line(
    painter: QPainter,
    y: float,
    span: tuple[float, float, float],
    label: str,
    font: QFont,
) -> None:
    """The line across today's columns (``span``: the gutter's right edge, then left and
    right of today), a dot where it starts, ``label`` (the time) in a tag in the hour
    gutter, and a faint line joining the tag to it across the other days of a week."""
    gutter, left, right = span
    colour = QColor(palette.NOW_LINE)
    if left > gutter:
        faint = QColor(colour)
        faint.setAlpha(90)
        painter.setPen(QPen(faint, 1))
        painter.drawLine(QPointF(gutter, y), QPointF(left, y))
    painter.setPen(QPen(colour, 2))
    painter.drawLine(QPointF(left, y), QPointF(right, y))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(QPointF(left + 1, y), 4, 4)
    metrics = QFontMetrics(font)
    width = min(gutter - 2, metrics.horizontalAdvance(label) + 8)
    height = metrics.height() + 2
    tag = QRectF(gutter - 2 - width, y - height / 2, width, height)
    painter.drawRoundedRect(tag, 3, 3)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, label)


class MinuteTicker(QObject):
    """Calls ``tick`` at each full minute of ``clock`` (re-armed after each call)."""

    def __init__(
        self, clock: Callable[[], datetime], tick: Callable[[], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._tick = tick
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._arm()

    def set_clock(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._arm()

    def interval(self) -> int:
        """Milliseconds until the next call (for the tests)."""
        return self._timer.interval()

    def _arm(self) -> None:
        self._timer.start(ms_to_next_minute(self._clock()))

    def _on_timer_timeout(self) -> None:
        self._tick()
        self._arm()
