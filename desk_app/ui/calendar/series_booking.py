"""Booking a recurring series from the booking dialog: plan it (every occurrence checked,
off the GUI thread), show the conflicts step when any occurrence is refused, then book
all of it in one go with the receptionist's decisions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget

from desk_app.domain.recurrence import SeriesRule
from desk_app.services.booking import BookingRequest
from desk_app.services.rows import AppointmentRow
from desk_app.services.series import Decision, SeriesPlan, SeriesRequest
from desk_app.ui.calendar.series_conflicts import SeriesConflictsDialog
from desk_app.ui.context import UiContext

# The booked rows; None: the receptionist went back; an exception: it failed.
Done = Callable[[list[AppointmentRow] | BaseException | None], None]


def series_request(request: BookingRequest, rule: SeriesRule, zone: ZoneInfo) -> SeriesRequest:
    """The series of the booking dialog's request: its first start is the first one."""
    local: datetime = request.starts_at.astimezone(zone)
    return SeriesRequest(
        customer_id=request.customer_id,
        staff_id=request.staff_id,
        service_id=request.service_id,
        first_day=local.date(),
        at=local.time().replace(tzinfo=None),
        rule=rule,
        minutes=request.minutes,
        notify=request.notify,
        note=request.note,
    )


class SeriesBooking(QObject):
    def __init__(self, ctx: UiContext, parent: QWidget, request: SeriesRequest, done: Done) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._parent = parent
        self._request = request
        self._done = done
        self._dialog: SeriesConflictsDialog | None = None

    def start(self) -> None:
        series, request = self._ctx.services.series, self._request
        self._ctx.db_tasks.submit(self, lambda: series.plan(request), self._on_planned, self._done)

    def conflicts_dialog(self) -> SeriesConflictsDialog | None:
        return self._dialog

    def _on_planned(self, plan: SeriesPlan) -> None:
        if not plan.conflicts:
            self._book({})
            return
        dialog = SeriesConflictsDialog(plan, self._ctx.time_zone, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        dialog.open()

    def _on_dialog_finished(self, result: int) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is None or result != QDialog.DialogCode.Accepted:
            self._done(None)
            return
        self._book(dialog.decisions())

    def _book(self, decisions: dict[int, Decision]) -> None:
        series, request = self._ctx.services.series, self._request
        actor = self._ctx.signed_in.actor
        self._ctx.db_tasks.submit(
            self,
            lambda: series.book(request, decisions, actor=actor),
            self._done,
            self._done,
        )
