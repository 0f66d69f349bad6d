"""Today's day as the calendar shows it, in the window's frame while the database opens.

The window shows the day it read through plain ``sqlite3`` (``desktop.first_day``) here
until its pages are in; the calendar page then shows the same day in its place. Only
looked at: nothing can be changed here (the grid is not editable, its requests go
nowhere). Imports no SQLAlchemy (the day view's modules do not).
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
        self._view = DayView(plan.time_zone)
        self._view.set_editable(False)
        self._view.set_plan(plan)
        local = now.astimezone(ZoneInfo(plan.time_zone))
        # Scrolled as the calendar page scrolls a day first shown: to now, or the morning.
        self._view.scroll_to(local.time() if local.date() == plan.day else time(0))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(title)
        layout.addWidget(self._view, 1)

    def plan(self) -> DayPlan | None:
        return self._view.plan()
