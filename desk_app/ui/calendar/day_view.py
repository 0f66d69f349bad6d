"""The day view: the bookable staff side by side, one column each."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desk_app.domain.enums import ACTIVE_APPOINTMENT_STATUSES
from desk_app.services.calendar_plans import DayPlan
from desk_app.ui.calendar.grid import TimeGridView
from desk_app.ui.calendar.grid_layout import GridColumn, working_time
from desk_app.ui.calendar.header_badge import initials_of


class DayView(TimeGridView):
    """One day, a column per staff member (signals: see TimeGridView)."""

    def __init__(self, time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(time_zone, parent)
        self._plan: DayPlan | None = None

    def plan(self) -> DayPlan | None:
        return self._plan

    def set_plan(self, plan: DayPlan) -> None:
        self._plan = plan
        columns = []
        for column in plan.columns:
            booked = sum(a.status in ACTIVE_APPOINTMENT_STATUSES for a in column.appointments)
            columns.append(
                GridColumn(
                    staff_id=column.staff.id,
                    day=plan.day,
                    title=column.staff.name,
                    subtitle=self.tr("%n appointment(s)", "", booked),
                    accent=column.staff.colour,
                    opening=plan.opening,
                    opening_hours_set=plan.opening_hours_set,
                    appointments=column.appointments,
                    absences=column.absences,
                    working=working_time(plan.opening, column.hours, plan.day, plan.closed),
                    closed=plan.closed,
                    initials=initials_of(column.staff.name),
                )
            )
        self._show_columns(columns, dict(plan.service_colours))

    def column_index(self, staff_id: int) -> int | None:
        return next(
            (i for i, c in enumerate(self.canvas().columns()) if c.staff_id == staff_id), None
        )
