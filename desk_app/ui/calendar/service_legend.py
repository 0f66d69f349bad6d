"""The legend of service colours above the calendar: a swatch and the name of each
service booked on the shown day or week, in one line; what does not fit is counted
("+3") and named in the tool tip. The colours are the services' own (set in the
catalogue); nothing here chooses a colour. Widgets only: no services.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from desk_app.services.calendar_plans import DayPlan, WeekPlan
from desk_app.services.rows import AppointmentRow
from desk_app.ui.widgets import palette

SWATCH = 10  # px, the square before each name
GAP = 14  # px between entries


def legend_entries(plan: DayPlan | WeekPlan | None) -> list[tuple[str, str]]:
    """(name, colour) of every service the plan shows, by name."""
    if plan is None:
        return []
    rows: Iterable[AppointmentRow]
    if isinstance(plan, DayPlan):
        rows = (a for column in plan.columns for a in column.appointments)
    else:
        rows = (a for day in plan.days for a in day.appointments)
    names = {row.service_id: row.service_name for row in rows}
    colours = plan.service_colours
    entries = {(name, colours.get(sid) or palette.MARK_IDLE) for sid, name in names.items()}
    return sorted(entries, key=lambda entry: entry[0].casefold())


class ServiceLegend(QWidget):
    """One line of colour swatches with service names (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("service_legend")
        self._entries: list[tuple[str, str]] = []
        self._shown = 0  # how many entries the last paint had room for
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_entries(self, entries: Sequence[tuple[str, str]]) -> None:
        self._entries = list(entries)
        self.setToolTip("\n".join(name for name, _ in self._entries))
        self.update()

    def entries(self) -> list[tuple[str, str]]:
        return list(self._entries)

    def shown(self) -> int:
        """How many entries the last paint named (the rest are counted)."""
        return self._shown

    def fitting(self, width: int) -> int:
        """How many entries fit in ``width`` px with room left for the "+n" of the rest."""
        metrics = QFontMetrics(self.font())
        more = metrics.horizontalAdvance(self._more_text(len(self._entries)))
        x = 0
        for index, (name, _) in enumerate(self._entries):
            x += SWATCH + 4 + metrics.horizontalAdvance(name)
            rest = len(self._entries) - index - 1
            if x + (GAP + more if rest else 0) > width:
                return index
            x += GAP
        return len(self._entries)

    def sizeHint(self) -> QSize:
        return QSize(200, QFontMetrics(self.font()).height() + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self.sizeHint().height())

    def _more_text(self, count: int) -> str:
        return self.tr("+%n more", "", count)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = QFontMetrics(self.font())
        text = self.palette().color(QPalette.ColorRole.WindowText)
        frame = self.palette().color(QPalette.ColorRole.Mid)
        shown = self.fitting(self.width())
        self._shown = shown
        x = 0.0
        middle = self.height() / 2
        for name, colour in self._entries[:shown]:
            painter.setPen(frame)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(QRectF(x, middle - SWATCH / 2, SWATCH, SWATCH), 2, 2)
            x += SWATCH + 4
            width = metrics.horizontalAdvance(name)
            painter.setPen(text)
            painter.drawText(
                QRectF(x, 0, width + 1, self.height()), Qt.AlignmentFlag.AlignVCenter, name
            )
            x += width + GAP
        rest = len(self._entries) - shown
        if rest:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRectF(x, 0, self.width() - x, self.height()),
                Qt.AlignmentFlag.AlignVCenter,
                self._more_text(rest),
            )
        painter.end()
