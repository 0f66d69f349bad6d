"""The week view: one staff member, a column for each day from Monday to Sunday."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QWidget

from desk_app.services.calendar_plans import WeekPlan
from desk_app.ui.calendar.grid import TimeGridView
from desk_app.ui.calendar.grid_layout import GridColumn, working_time


class WeekView(TimeGridView):
    """Seven day columns of one staff member (signals: see TimeGridView)."""

    def __init__(self, time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(time_zone, parent)
        self._plan: WeekPlan | None = None

    def plan(self) -> WeekPlan | None:
        return self._plan

    def set_plan(self, plan: WeekPlan) -> None:
        self._plan = plan
        locale = QLocale()
        columns = []
        for day in plan.days:
            qdate = QDate(day.day.year, day.day.month, day.day.day)
            columns.append(
                GridColumn(
                    staff_id=plan.staff.id,
                    day=day.day,
                    title=locale.dayName(qdate.dayOfWeek(), QLocale.FormatType.LongFormat),
                    subtitle=locale.toString(qdate, QLocale.FormatType.ShortFormat),
                    accent=plan.staff.colour,
                    opening=day.opening,
                    opening_hours_set=plan.opening_hours_set,
                    appointments=day.appointments,
                    absences=day.absences,
                    working=working_time(day.opening, plan.hours, day.day, day.closed),
                    closed=day.closed,
                )
            )
        self._show_columns(columns, dict(plan.service_colours))

    def column_index(self, day: date) -> int | None:
        return next((i for i, c in enumerate(self.canvas().columns()) if c.day == day), None)
