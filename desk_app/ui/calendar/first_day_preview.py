"""Today's day as the calendar shows it, in the window's frame while the database opens.

The window shows the day it read through plain ``sqlite3`` (``desktop.first_day``) here
until its pages are in; the calendar page then shows the same day in its place. Only
looked at: nothing can be changed here (the grid is not editable, its requests go
nowhere). The calendar page takes the day view over as it is (laid out for a chain
day's thousand appointments, scrolled), instead of laying the same day out again.
Imports no SQLAlchemy (the day view's modules do not).
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desk_app.services.calendar_plans import DayPlan
from desk_app.ui.calendar.day_view import DayView


class FirstDayPreview(QWidget):
    def __init__(self, plan: DayPlan, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_day_preview")
        # The calendar page's title, in its place (the toolbar comes with the page).
        title = QLabel(
            QLocale().toString(
                QDate(plan.day.year, plan.day.month, plan.day.day), QLocale.FormatType.LongFormat
            )
        )
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        title.setFont(font)
        view = DayView(plan.time_zone)
        view.set_editable(False)
        view.set_plan(plan)
        local = now.astimezone(ZoneInfo(plan.time_zone))
        # Scrolled as the calendar page scrolls a day first shown: to now, or the morning.
        view.scroll_to(local.time() if local.date() == plan.day else time(0))
        self._view: DayView | None = view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)  # the calendar page's: the grid as wide
        layout.addWidget(title)
        layout.addWidget(view, 1)

    def plan(self) -> DayPlan | None:
        return self._view.plan() if self._view is not None else None

    def take_view(self) -> DayView | None:
        """The day view, laid out and scrolled, for the calendar page to keep (once)."""
        view, self._view = self._view, None
        return view
