"""Undoable calendar changes: create, move, resize, cancel and status marks (and the
notify switch, which cannot be undone).

A change runs in the background first (``ctx.db_tasks``) and goes onto the undo stack only
once the database accepted it, so a refused move never leaves a command behind. Undo
and redo run in the background too; when one of them is refused (another PC booked
the old slot meanwhile), the stack is put back where the database really is and the
reason is reported. Commands hold plain values only; the work closures call services.

Each run acts as the member signed in when it starts (read here, on the GUI thread, and
handed to the worker with the call): an undo after a switch at the counter is the new
member's, held to their rights.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desk_app.domain.access import Actor
from desk_app.domain.enums import AppointmentStatus
from desk_app.services.rows import AppointmentRow
from desk_app.texts import error_text
from desk_app.ui.context import UiContext

if TYPE_CHECKING:  # the booking service's module is imported with the first booking
    from desk_app.services.booking import BookingRequest
    from desk_app.services.series import Decision
    from desk_app.services.series_changes import Moved, OccurrenceChange

Work = Callable[[], AppointmentRow]


class CalendarCommands(QObject):
    """Carries out calendar changes and keeps them on an undo stack.

    Signals:
        changed(): bookings were changed or a change was refused; views reload.
        failed(str): a change, undo or redo was refused; the text says why.
        busy_changed(bool): a change is being saved (views refuse new drags meanwhile).
    """

    changed = Signal()
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._stack = QUndoStack(self)
        self._in_flight = 0

    def stack(self) -> QUndoStack:
        return self._stack

    def busy(self) -> bool:
        return self._in_flight > 0

    # ---- changes ------------------------------------------------------------------------
    def create(
        self,
        request: BookingRequest,
        on_done: Callable[[AppointmentRow], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._execute(CreateBookingCommand(self, request), on_done, on_error)

    def move(self, row: AppointmentRow, staff_id: int, starts_at: datetime) -> None:
        self._execute(MoveBookingCommand(self, row, staff_id, starts_at))

    def resize(self, row: AppointmentRow, minutes: int) -> None:
        self._execute(ResizeBookingCommand(self, row, minutes))

    def cancel(self, row: AppointmentRow, waive_late: bool = False) -> None:
        """``waive_late``: a late cancellation the salon does not count (unticked)."""
        self._execute(CancelBookingCommand(self, row, waive_late))

    def set_status(self, row: AppointmentRow, status: AppointmentStatus) -> None:
        self._execute(StatusCommand(self, row, status))

    def cancel_following(self, row: AppointmentRow, waive_late: bool = False) -> None:
        """This occurrence of a series and every later one. Not undoable: each customer
        message about them is on its way (as for the notify switch). ``waive_late``: as
        for ``cancel``."""
        series, zone = self._ctx.services.series, self._ctx.time_zone
        actor = self._ctx.signed_in.actor
        self._ctx.db_tasks.submit(
            self,
            lambda: series.cancel_following(row.id, waive_late=waive_late, actor=actor),
            lambda _count: self.changed.emit(),
            lambda exc: self.failed.emit(error_text.describe(exc, zone)),
        )

    def change_series(
        self,
        row: AppointmentRow,
        change: OccurrenceChange,
        decisions: dict[int, Decision],
        only: bool = False,
    ) -> None:
        """This occurrence and every later one of its series (``only``: this appointment
        alone, e.g. another service), with the decisions of the conflicts step."""
        self._execute(SeriesChangeCommand(self, row, change, decisions, only))

    def set_notify(self, row: AppointmentRow, notify: bool) -> None:
        """Not undoable: a confirmation that went out cannot be taken back."""
        booking, zone = self._ctx.services.booking, self._ctx.time_zone
        actor = self._ctx.signed_in.actor
        self._ctx.db_tasks.submit(
            self,
            lambda: booking.set_notify(row.id, notify, actor=actor),
            lambda _row: self.changed.emit(),
            lambda exc: self.failed.emit(error_text.describe(exc, zone)),
        )

    # ---- running ------------------------------------------------------------------------
    @property
    def ctx(self) -> UiContext:
        return self._ctx

    def _execute(
        self,
        command: BookingCommand,
        on_done: Callable[[AppointmentRow], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        def done(row: AppointmentRow) -> None:
            command.forward_done(row)
            self._stack.push(command)  # redo() is skipped once: the change is already done
            self._finished()
            if on_done is not None:
                on_done(row)

        def refused(exc: BaseException) -> None:
            self._finished(exc, report=on_error is None)
            if on_error is not None:
                on_error(exc)

        self._start(command.forward_work(self._ctx.signed_in.actor), done, refused)

    def _run_from_stack(self, command: BookingCommand, undoing: bool) -> None:
        """Called by the stack's undo()/redo(); the stack index has already moved."""
        actor = self._ctx.signed_in.actor
        work = command.backward_work(actor) if undoing else command.forward_work(actor)

        def done(row: AppointmentRow) -> None:
            if not undoing:
                command.forward_done(row)
            self._finished()

        def refused(exc: BaseException) -> None:
            self._restore_stack(command, undoing)
            self._finished(exc, report=True)

        self._start(work, done, refused)

    def _restore_stack(self, command: BookingCommand, undoing: bool) -> None:
        # The database did not change, so step the stack back without running anything.
        # That is only sound while the command is still next to the stack's index (no
        # other undo/redo in between); otherwise history is no longer trustworthy.
        index = self._stack.index()
        expected = index if undoing else index - 1
        neighbour = self._stack.command(expected) if 0 <= expected < self._stack.count() else None
        if shiboken6.isValid(command) and neighbour is command and self._in_flight == 1:
            command.skip_next()
            if undoing:
                self._stack.redo()
            else:
                self._stack.undo()
        else:
            self._stack.clear()

    def _start(
        self,
        work: Work,
        done: Callable[[AppointmentRow], None],
        refused: Callable[[BaseException], None],
    ) -> None:
        self._in_flight += 1
        if self._in_flight == 1:
            self.busy_changed.emit(True)
        self._ctx.db_tasks.submit(self, work, done, refused)

    def _finished(self, error: BaseException | None = None, report: bool = False) -> None:
        self._in_flight -= 1
        if error is not None and report:
            self.failed.emit(error_text.describe(error, self._ctx.time_zone))
        if self._in_flight == 0:
            self.busy_changed.emit(False)
        self.changed.emit()


def _when(row: AppointmentRow, ctx: UiContext) -> str:
    return error_text.format_moment(row.starts_at, ctx.time_zone)


class BookingCommand(QUndoCommand):
    """One calendar change; ``forward_work``/``backward_work`` return service calls made
    as ``actor``."""

    def __init__(self, host: CalendarCommands, text: str) -> None:
        super().__init__(text)
        self._host = host
        self._skip = True  # QUndoStack.push() calls redo(): the change was already made

    def skip_next(self) -> None:
        self._skip = True

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._host._run_from_stack(self, undoing=False)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._host._run_from_stack(self, undoing=True)

    def forward_work(self, actor: Actor) -> Work:
        raise NotImplementedError

    def backward_work(self, actor: Actor) -> Work:
        raise NotImplementedError

    def forward_done(self, row: AppointmentRow) -> None:
        """The change was made (first time or redo); remember what undo needs."""


class CreateBookingCommand(BookingCommand):
    """Undo cancels the booking; redo books the same request again (a new booking,
    with a fresh confirmation, as the customer was told about the cancellation)."""

    def __init__(self, host: CalendarCommands, request: BookingRequest) -> None:
        super().__init__(host, QCoreApplication.translate("CalendarCommands", "New appointment"))
        self._request = request
        self._appointment_id: int | None = None

    def appointment_id(self) -> int | None:
        return self._appointment_id

    def forward_work(self, actor: Actor) -> Work:
        booking, request = self._host.ctx.services.booking, self._request
        return lambda: booking.book(request, actor=actor)

    def forward_done(self, row: AppointmentRow) -> None:
        self._appointment_id = row.id
        self.setText(
            QCoreApplication.translate("CalendarCommands", "New appointment for {customer}").format(
                customer=row.customer_name
            )
        )

    def backward_work(self, actor: Actor) -> Work:
        booking, appointment_id = self._host.ctx.services.booking, self._appointment_id
        assert appointment_id is not None
        return lambda: booking.cancel(appointment_id, actor=actor)


class MoveBookingCommand(BookingCommand):
    def __init__(
        self, host: CalendarCommands, row: AppointmentRow, staff_id: int, starts_at: datetime
    ) -> None:
        super().__init__(
            host,
            QCoreApplication.translate(
                "CalendarCommands", "Move appointment of {customer} to {when}"
            ).format(
                customer=row.customer_name,
                when=error_text.format_moment(starts_at, host.ctx.time_zone),
            ),
        )
        self._id = row.id
        self._old = (row.staff_id, row.starts_at)
        self._new = (staff_id, starts_at)

    def forward_work(self, actor: Actor) -> Work:
        booking, appointment_id, (staff_id, starts_at) = (
            self._host.ctx.services.booking,
            self._id,
            self._new,
        )
        return lambda: booking.reschedule(appointment_id, starts_at, staff_id=staff_id, actor=actor)

    def backward_work(self, actor: Actor) -> Work:
        booking, appointment_id, (staff_id, starts_at) = (
            self._host.ctx.services.booking,
            self._id,
            self._old,
        )
        # Back to exactly where it was, even if that was booked outside the opening hours
        # on purpose; a double booking is still refused.
        return lambda: booking.reschedule(
            appointment_id, starts_at, staff_id=staff_id, override=True, actor=actor
        )


class ResizeBookingCommand(BookingCommand):
    def __init__(self, host: CalendarCommands, row: AppointmentRow, minutes: int) -> None:
        super().__init__(
            host,
            QCoreApplication.translate(
                "CalendarCommands", "Change duration of {customer}'s appointment"
            ).format(customer=row.customer_name),
        )
        self._id = row.id
        self._starts_at = row.starts_at
        self._old = int((row.ends_at - row.starts_at).total_seconds() // 60)
        self._new = minutes

    def forward_work(self, actor: Actor) -> Work:
        booking, appointment_id, starts_at, minutes = (
            self._host.ctx.services.booking,
            self._id,
            self._starts_at,
            self._new,
        )
        return lambda: booking.reschedule(appointment_id, starts_at, minutes=minutes, actor=actor)

    def backward_work(self, actor: Actor) -> Work:
        booking, appointment_id, starts_at, minutes = (
            self._host.ctx.services.booking,
            self._id,
            self._starts_at,
            self._old,
        )
        return lambda: booking.reschedule(
            appointment_id, starts_at, minutes=minutes, override=True, actor=actor
        )


class StatusCommand(BookingCommand):
    """Arrived, done, no-show, cancelled; undo puts the previous status back."""

    def __init__(
        self, host: CalendarCommands, row: AppointmentRow, status: AppointmentStatus
    ) -> None:
        super().__init__(host, self._describe(row, status, host.ctx))
        self._id = row.id
        self._old = row.status
        self._new = status

    @staticmethod
    def _describe(row: AppointmentRow, status: AppointmentStatus, ctx: UiContext) -> str:
        texts = {
            AppointmentStatus.ARRIVED: QCoreApplication.translate(
                "CalendarCommands", "Mark {customer} as arrived"
            ),
            AppointmentStatus.DONE: QCoreApplication.translate(
                "CalendarCommands", "Mark {customer}'s appointment as done"
            ),
            AppointmentStatus.NO_SHOW: QCoreApplication.translate(
                "CalendarCommands", "Mark {customer} as no-show"
            ),
            AppointmentStatus.CANCELLED: QCoreApplication.translate(
                "CalendarCommands", "Cancel appointment of {customer} ({when})"
            ),
            AppointmentStatus.BOOKED: QCoreApplication.translate(
                "CalendarCommands", "Reset status of {customer}'s appointment"
            ),
        }
        return texts[status].format(customer=row.customer_name, when=_when(row, ctx))

    def forward_work(self, actor: Actor) -> Work:
        booking, appointment_id, status = self._host.ctx.services.booking, self._id, self._new
        return lambda: booking.set_status(appointment_id, status, actor=actor)

    def backward_work(self, actor: Actor) -> Work:
        booking, appointment_id, status = self._host.ctx.services.booking, self._id, self._old
        return lambda: booking.set_status(appointment_id, status, actor=actor)


class CancelBookingCommand(StatusCommand):
    """Redo cancels again, classified anew by the clock then (the waiver is kept)."""

    def __init__(self, host: CalendarCommands, row: AppointmentRow, waive_late: bool) -> None:
        super().__init__(host, row, AppointmentStatus.CANCELLED)
        self._waive_late = waive_late

    def forward_work(self, actor: Actor) -> Work:
        booking, appointment_id, waive = self._host.ctx.services.booking, self._id, self._waive_late
        return lambda: booking.cancel(appointment_id, waive_late=waive, actor=actor)


class SeriesChangeCommand(BookingCommand):
    """A change to this and every later occurrence of a series (or to one appointment,
    ``only``) made at once; undo puts each one back where it was, redo moves them to
    where the change put them."""

    def __init__(
        self,
        host: CalendarCommands,
        row: AppointmentRow,
        change: OccurrenceChange,
        decisions: dict[int, Decision],
        only: bool,
    ) -> None:
        text = (
            QCoreApplication.translate("CalendarCommands", "Change appointment of {customer}")
            if only
            else QCoreApplication.translate(
                "CalendarCommands", "Change {customer}'s series from {when}"
            )
        )
        super().__init__(host, text.format(customer=row.customer_name, when=_when(row, host.ctx)))
        self._id = row.id
        self._change = change
        self._decisions = dict(decisions)
        self._only = only
        # What the change moved, filled in by the first run (on the worker, before done).
        self._moved: list[tuple[Moved, ...]] = []

    def forward_work(self, actor: Actor) -> Work:
        changes = self._host.ctx.services.series_changes
        if self._moved:
            appointment_id, moved = self._id, self._moved[0]
            return lambda: changes.restore(appointment_id, moved, back=False, actor=actor)
        appointment_id, change, decisions, only, record = (
            self._id,
            self._change,
            self._decisions,
            self._only,
            self._moved,
        )

        def first() -> AppointmentRow:
            result = changes.apply(appointment_id, change, decisions, only=only, actor=actor)
            record.append(result.moved)
            return result.row

        return first

    def backward_work(self, actor: Actor) -> Work:
        changes, appointment_id = self._host.ctx.services.series_changes, self._id
        moved = self._moved[0]
        return lambda: changes.restore(appointment_id, moved, back=True, actor=actor)
