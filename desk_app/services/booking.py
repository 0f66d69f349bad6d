"""Booking, moving and cancelling appointments, with no double bookings.

Two guards: a clash check inside a write transaction (names the clashing booking for
the user), and the database itself (exclusion constraint on PostgreSQL, triggers on
SQLite), which also holds when two counter PCs book the same slot at the same moment.

Every change is made by someone who may book (issue 12: reception, manager, owner; not
a stylist): ``actor`` is checked inside the change's own transaction, with the role as
stored now (``access_guard.authorize``). The default, the shared counter sign-in, is
what every counter could do before issue 12 and is refused once the salon switches
personal sign-in on, so a caller that forgets to pass the member fails closed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.attendance import (
    ATTENDANCE_WINDOW,
    AttendanceCounts,
    is_late_cancellation,
)
from desk_app.domain.enums import ACTIVE_APPOINTMENT_STATUSES, AppointmentStatus, Permission
from desk_app.domain.errors import (
    BookingConflict,
    InvalidField,
    OutsideOpeningHours,
    OutsideStaffHours,
    SalonClosed,
    StaffUnavailable,
)
from desk_app.domain.fields import NOTE_MAX, checked_line
from desk_app.services.access_guard import authorize
from desk_app.services.booking_messages import (
    CONFIRMATION,
    announce_move,
    booking_messages,
    queue_booking_message,
)
from desk_app.services.booking_slots import (
    BookingRequest,
    change_status,
    check_slot,
    find_clash,
    get,
    laid_out,
    move_appointment,
    place_appointment,
    processing_of,
    stored_phases,
)
from desk_app.services.mapping import appointment_row
from desk_app.services.messages import MessageTemplates
from desk_app.services.rows import AppointmentRow
from desk_app.services.settings_store import read_settings

__all__ = ["OVERRIDABLE", "BookingRequest", "BookingService", "SlotProblem"]

ACTIVE = tuple(s.value for s in ACTIVE_APPOINTMENT_STATUSES)
# What a receptionist may book over on purpose ("book anyway"); a double booking never.
OVERRIDABLE = (OutsideOpeningHours, SalonClosed, OutsideStaffHours, StaffUnavailable)
SlotProblem = (
    BookingConflict | OutsideOpeningHours | SalonClosed | OutsideStaffHours | StaffUnavailable
)


class BookingService:
    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime],
        templates: MessageTemplates,
    ) -> None:
        self._db = db
        self._clock = clock
        self._templates = templates

    # ---- commands -----------------------------------------------------------------------
    def book(self, request: BookingRequest, *, actor: Actor = SHARED_COUNTER) -> AppointmentRow:
        if request.starts_at.tzinfo is None:
            raise InvalidField("start", "no_time_zone", request.starts_at.isoformat())
        note = checked_line("note", request.note, NOTE_MAX)
        try:
            with self._db.write() as s:
                authorize(s, actor, Permission.BOOK)
                now = self._clock()
                appointment = place_appointment(s, request, note, now)
                client_id = queue_booking_message(
                    s, self._templates, CONFIRMATION, appointment, now
                )
                return appointment_row(
                    appointment,
                    get(s, m.Customer, appointment.customer_id, "customer"),
                    get(s, m.Staff, appointment.staff_id, "staff"),
                    get(s, m.Treatment, appointment.service_id, "service"),
                    client_id,
                )
        except IntegrityError as exc:
            # Lost a race against another counter PC: the database refused the overlap.
            clash = self._clash_after_race(request)
            if clash is None:
                raise
            raise clash from exc

    def reschedule(
        self,
        appointment_id: int,
        starts_at: datetime,
        staff_id: int | None = None,
        minutes: int | None = None,
        override: bool = False,
        *,
        actor: Actor = SHARED_COUNTER,
    ) -> AppointmentRow:
        """Move (other time or staff) and/or resize an appointment."""
        try:
            with self._db.write() as s:
                authorize(s, actor, Permission.BOOK)
                appointment = get(s, m.Appointment, appointment_id, "appointment")
                now = self._clock()
                move_appointment(s, appointment, starts_at, staff_id, minutes, override, now)
                announce_move(s, self._templates, appointment, now)
                return self._row(s, appointment)
        except IntegrityError as exc:
            probe = BookingRequest(0, staff_id or 0, 0, starts_at, minutes)
            clash = self._clash_after_race(probe, exclude_id=appointment_id)
            if clash is None:
                raise
            raise clash from exc

    def set_status(
        self, appointment_id: int, status: AppointmentStatus, *, actor: Actor = SHARED_COUNTER
    ) -> AppointmentRow:
        with self._db.write() as s:
            authorize(s, actor, Permission.BOOK)
            appointment = get(s, m.Appointment, appointment_id, "appointment")
            change_status(s, appointment, status, self._templates, self._clock())
            return self._row(s, appointment)

    def cancel(
        self, appointment_id: int, *, waive_late: bool = False, actor: Actor = SHARED_COUNTER
    ) -> AppointmentRow:
        """Cancel; inside the salon's cutoff (``late_cancel_hours`` before the start, by
        this service's clock now) it is recorded as a late cancellation, unless the
        salon waives it (``waive_late``: the receptionist unticked it)."""
        with self._db.write() as s:
            authorize(s, actor, Permission.BOOK)
            appointment = get(s, m.Appointment, appointment_id, "appointment")
            now = self._clock()
            late = not waive_late and self._late(s, appointment, now)
            change_status(
                s, appointment, AppointmentStatus.CANCELLED, self._templates, now, late=late
            )
            return self._row(s, appointment)

    def late_cutoff_if_cancelled_now(self, appointment_id: int) -> int | None:
        """The salon's cutoff in hours when cancelling this active appointment now would
        be a late cancellation, else None (the cancel dialog asks before it is made)."""
        with self._db.read() as s:
            appointment = get(s, m.Appointment, appointment_id, "appointment")
            if appointment.status not in ACTIVE or not self._late(s, appointment, self._clock()):
                return None
            return read_settings(s).late_cancel_hours

    def attendance(self, customer_id: int) -> AttendanceCounts:
        """The customer's no-shows and late cancellations of the last twelve months
        (appointments that started since then), shown at the counter."""
        since = self._clock() - ATTENDANCE_WINDOW
        a = m.Appointment
        with self._db.read() as s:
            get(s, m.Customer, customer_id, "customer")
            counts: dict[str, int] = {
                status: int(number)
                for status, number in s.execute(
                    select(a.status, func.count())
                    .where(
                        a.customer_id == customer_id,
                        a.starts_at >= since,
                        or_(
                            a.status == AppointmentStatus.NO_SHOW.value,
                            and_(
                                a.status == AppointmentStatus.CANCELLED.value,
                                a.late_cancellation.is_(True),
                            ),
                        ),
                    )
                    .group_by(a.status)
                )
            }
        return AttendanceCounts(
            since=since,
            no_shows=counts.get(AppointmentStatus.NO_SHOW.value, 0),
            late_cancellations=counts.get(AppointmentStatus.CANCELLED.value, 0),
        )

    def set_notify(
        self, appointment_id: int, notify: bool, *, actor: Actor = SHARED_COUNTER
    ) -> AppointmentRow:
        with self._db.write() as s:
            authorize(s, actor, Permission.BOOK)
            appointment = get(s, m.Appointment, appointment_id, "appointment")
            appointment.notify = notify
            appointment.notify_set_at = self._clock()
            s.flush()
            # Switched on later (e.g. for a customer who objected): confirm now, once.
            if notify and not booking_messages(s, appointment.id):
                queue_booking_message(s, self._templates, CONFIRMATION, appointment, self._clock())
            return self._row(s, appointment)

    # ---- queries ------------------------------------------------------------------------
    def preview(self, request: BookingRequest) -> SlotProblem | None:
        """What ``book`` would refuse the slot for, without writing anything (None: free)."""
        if request.starts_at.tzinfo is None:
            raise InvalidField("start", "no_time_zone", request.starts_at.isoformat())
        with self._db.read() as s:
            staff = get(s, m.Staff, request.staff_id, "staff")
            service = get(s, m.Treatment, request.service_id, "service")
            phases = laid_out(service, request.starts_at, request.minutes)
            try:
                check_slot(
                    s,
                    staff,
                    phases.starts_at,
                    phases.ends_at,
                    None,
                    request.override,
                    processing_of(phases),
                )
            except (BookingConflict, *OVERRIDABLE) as problem:
                return problem
            return None

    def first_free(self, request: BookingRequest, staff_ids: Sequence[int]) -> int | None:
        """The first of ``staff_ids`` for whom the slot is free (``request.staff_id`` is
        ignored); None when nobody is. For a booking with "whoever is free"."""
        for staff_id in staff_ids:
            if self.preview(replace(request, staff_id=staff_id, override=False)) is None:
                return staff_id
        return None

    def get(self, appointment_id: int) -> AppointmentRow:
        with self._db.read() as s:
            return self._row(s, get(s, m.Appointment, appointment_id, "appointment"))

    def between(self, start: datetime, end: datetime) -> list[AppointmentRow]:
        """Appointments overlapping [start, end), all staff, in start order."""
        with self._db.read() as s:
            rows = s.execute(
                select(m.Appointment, m.Customer, m.Staff, m.Treatment)
                .join(m.Customer, m.Customer.id == m.Appointment.customer_id)
                .join(m.Staff, m.Staff.id == m.Appointment.staff_id)
                .join(m.Treatment, m.Treatment.id == m.Appointment.service_id)
                .where(m.Appointment.starts_at < end, m.Appointment.ends_at > start)
                .order_by(m.Appointment.starts_at, m.Appointment.id)
            )
            return [appointment_row(a, c, st, sv) for a, c, st, sv in rows]

    # ---- helpers ------------------------------------------------------------------------
    def _clash_after_race(
        self, request: BookingRequest, exclude_id: int | None = None
    ) -> BookingConflict | None:
        with self._db.read() as s:
            if exclude_id is not None:
                appointment = s.get(m.Appointment, exclude_id)
                if appointment is None:
                    return None
                # As move_appointment laid it out: the phases moved, maybe resized.
                phases = stored_phases(appointment).moved(request.starts_at)
                if request.minutes is not None:
                    phases = phases.resized(timedelta(minutes=request.minutes))
                staff_id = request.staff_id or appointment.staff_id
            else:
                service = s.get(m.Treatment, request.service_id)
                if service is None:
                    return None
                phases = laid_out(service, request.starts_at, request.minutes)
                staff_id = request.staff_id
            return find_clash(
                s, staff_id, phases.starts_at, phases.ends_at, exclude_id, processing_of(phases)
            )

    @staticmethod
    def _late(s: Session, appointment: m.Appointment, now: datetime) -> bool:
        cutoff = read_settings(s).late_cancel_hours
        return is_late_cancellation(appointment.starts_at, now, cutoff)

    @staticmethod
    def _row(s: Session, appointment: m.Appointment) -> AppointmentRow:
        customer = get(s, m.Customer, appointment.customer_id, "customer")
        staff = get(s, m.Staff, appointment.staff_id, "staff")
        service = get(s, m.Treatment, appointment.service_id, "service")
        return appointment_row(appointment, customer, staff, service)
