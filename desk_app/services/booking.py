"""Booking, moving and cancelling appointments, with no double bookings.

Two guards: a clash check inside a write transaction (names the clashing booking for
the user), and the database itself (exclusion constraint on PostgreSQL, triggers on
SQLite), which also holds when two counter PCs book the same slot at the same moment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.enums import (
    ACTIVE_APPOINTMENT_STATUSES,
    AbsenceKind,
    AppointmentStatus,
    BookingSource,
)
from desk_app.domain.errors import (
    BookingConflict,
    InvalidField,
    InvalidTimeRange,
    NotFound,
    OutsideOpeningHours,
    StaffUnavailable,
)
from desk_app.domain.fields import NOTE_MAX, checked_line
from desk_app.domain.scheduling import OpeningInterval, within_opening_hours
from desk_app.services.booking_messages import (
    CANCELLATION,
    CHANGE,
    CONFIRMATION,
    booking_messages,
    queue_booking_message,
    supersede_queued,
)
from desk_app.services.mapping import appointment_row
from desk_app.services.messages import MessageTemplates
from desk_app.services.recipients import consent_status
from desk_app.services.rows import AppointmentRow
from desk_app.services.settings_store import read_settings
from desk_sql.locks import lock_keys

_ACTIVE = tuple(s.value for s in ACTIVE_APPOINTMENT_STATUSES)
# Bookings for one staff member are written one after another (see desk_sql.locks).
_STAFF_CALENDAR = "staff-calendar"
_T = TypeVar("_T")


@dataclass(frozen=True)
class BookingRequest:
    customer_id: int
    staff_id: int
    service_id: int
    starts_at: datetime
    minutes: int | None = None  # None: the service's duration
    notify: bool | None = None  # None: on, but off for customers who objected
    source: BookingSource = BookingSource.COUNTER
    note: str = ""
    override: bool = False  # book outside opening hours or during an absence on purpose


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
    def book(self, request: BookingRequest) -> AppointmentRow:
        if request.starts_at.tzinfo is None:
            raise InvalidField("start", "no_time_zone", request.starts_at.isoformat())
        note = checked_line("note", request.note, NOTE_MAX)
        try:
            with self._db.write() as s:
                lock_keys(s, _STAFF_CALENDAR, request.staff_id)
                customer = _get(s, m.Customer, request.customer_id, "customer")
                staff = _get(s, m.Staff, request.staff_id, "staff")
                service = _get(s, m.Treatment, request.service_id, "service")
                minutes = request.minutes if request.minutes is not None else service.minutes
                ends_at = request.starts_at + timedelta(minutes=minutes)
                self._check_slot(s, staff, request.starts_at, ends_at, None, request.override)
                notify = request.notify
                # Set on purpose (staff who asked, the customer online): it outlives an
                # objection that arrives later but happened before (objection.py).
                notify_set_at = None if notify is None else self._clock()
                if notify is None:
                    notify = not consent_status(s, customer.id, self._clock()).objected
                appointment = m.Appointment(
                    customer_id=customer.id,
                    staff_id=staff.id,
                    service_id=service.id,
                    starts_at=request.starts_at,
                    ends_at=ends_at,
                    status=AppointmentStatus.BOOKED.value,
                    source=request.source.value,
                    notify=notify,
                    notify_set_at=notify_set_at,
                    note=note,
                )
                s.add(appointment)
                s.flush()
                client_id = queue_booking_message(
                    s, self._templates, CONFIRMATION, appointment, self._clock()
                )
                return appointment_row(appointment, customer, staff, service, client_id)
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
    ) -> AppointmentRow:
        """Move (other time or staff) and/or resize an appointment."""
        try:
            with self._db.write() as s:
                appointment = _get(s, m.Appointment, appointment_id, "appointment")
                lock_keys(
                    s, _STAFF_CALENDAR, appointment.staff_id, staff_id or appointment.staff_id
                )
                staff = _get(s, m.Staff, staff_id or appointment.staff_id, "staff")
                length = (
                    timedelta(minutes=minutes)
                    if minutes is not None
                    else appointment.ends_at - appointment.starts_at
                )
                ends_at = starts_at + length
                self._check_slot(s, staff, starts_at, ends_at, appointment.id, override)
                appointment.staff_id = staff.id
                appointment.starts_at, appointment.ends_at = starts_at, ends_at
                s.flush()
                handed_over = supersede_queued(s, appointment.id)
                kind = CHANGE if handed_over else CONFIRMATION
                queue_booking_message(s, self._templates, kind, appointment, self._clock())
                return self._row(s, appointment)
        except IntegrityError as exc:
            probe = BookingRequest(0, staff_id or 0, 0, starts_at, minutes)
            clash = self._clash_after_race(probe, exclude_id=appointment_id)
            if clash is None:
                raise
            raise clash from exc

    def set_status(self, appointment_id: int, status: AppointmentStatus) -> AppointmentRow:
        with self._db.write() as s:
            appointment = _get(s, m.Appointment, appointment_id, "appointment")
            if status.value in _ACTIVE and appointment.status not in _ACTIVE:
                lock_keys(s, _STAFF_CALENDAR, appointment.staff_id)
                staff = _get(s, m.Staff, appointment.staff_id, "staff")
                self._check_slot(
                    s, staff, appointment.starts_at, appointment.ends_at, appointment.id, True
                )
            was_active = appointment.status in _ACTIVE
            appointment.status = status.value
            s.flush()
            cancelled = status is AppointmentStatus.CANCELLED and was_active
            # Tell the customer only if they were told about the booking in the first place.
            if cancelled and supersede_queued(s, appointment.id, reason="cancelled"):
                queue_booking_message(s, self._templates, CANCELLATION, appointment, self._clock())
            return self._row(s, appointment)

    def cancel(self, appointment_id: int) -> AppointmentRow:
        return self.set_status(appointment_id, AppointmentStatus.CANCELLED)

    def set_notify(self, appointment_id: int, notify: bool) -> AppointmentRow:
        with self._db.write() as s:
            appointment = _get(s, m.Appointment, appointment_id, "appointment")
            appointment.notify = notify
            appointment.notify_set_at = self._clock()
            s.flush()
            # Switched on later (e.g. for a customer who objected): confirm now, once.
            if notify and not booking_messages(s, appointment.id):
                queue_booking_message(s, self._templates, CONFIRMATION, appointment, self._clock())
            return self._row(s, appointment)

    # ---- queries ------------------------------------------------------------------------
    def preview(
        self, request: BookingRequest
    ) -> BookingConflict | OutsideOpeningHours | StaffUnavailable | None:
        """What ``book`` would refuse the slot for, without writing anything (None: free)."""
        if request.starts_at.tzinfo is None:
            raise InvalidField("start", "no_time_zone", request.starts_at.isoformat())
        with self._db.read() as s:
            staff = _get(s, m.Staff, request.staff_id, "staff")
            service = _get(s, m.Treatment, request.service_id, "service")
            minutes = request.minutes if request.minutes is not None else service.minutes
            ends_at = request.starts_at + timedelta(minutes=minutes)
            try:
                self._check_slot(s, staff, request.starts_at, ends_at, None, request.override)
            except (BookingConflict, OutsideOpeningHours, StaffUnavailable) as problem:
                return problem
            return None

    def get(self, appointment_id: int) -> AppointmentRow:
        with self._db.read() as s:
            return self._row(s, _get(s, m.Appointment, appointment_id, "appointment"))

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
    def _check_slot(
        self,
        s: Session,
        staff: m.Staff,
        starts_at: datetime,
        ends_at: datetime,
        exclude_id: int | None,
        override: bool,
    ) -> None:
        if ends_at <= starts_at:
            raise InvalidTimeRange(starts_at, ends_at)
        clash = _find_clash(s, staff.id, starts_at, ends_at, exclude_id)
        if clash is not None:
            raise clash
        if override:
            return
        zone = read_settings(s).zone
        intervals = [
            OpeningInterval(h.weekday, h.opens, h.closes) for h in s.scalars(select(m.OpeningHours))
        ]
        local_start, local_end = starts_at.astimezone(zone), ends_at.astimezone(zone)
        # A salon that has not set opening hours yet is not limited by them.
        if intervals and not within_opening_hours(local_start, local_end, intervals):
            raise OutsideOpeningHours(starts_at, ends_at)
        absence = s.scalar(
            select(m.Absence)
            .where(
                m.Absence.staff_id == staff.id,
                m.Absence.starts_at < ends_at,
                m.Absence.ends_at > starts_at,
            )
            .limit(1)
        )
        if absence is not None:
            raise StaffUnavailable(
                staff.name, AbsenceKind(absence.kind), absence.starts_at, absence.ends_at
            )

    def _clash_after_race(
        self, request: BookingRequest, exclude_id: int | None = None
    ) -> BookingConflict | None:
        with self._db.read() as s:
            service = s.get(m.Treatment, request.service_id)
            minutes = request.minutes or (service.minutes if service else 0)
            ends_at = request.starts_at + timedelta(minutes=minutes)
            staff_id = request.staff_id
            if exclude_id is not None and not staff_id:
                appointment = s.get(m.Appointment, exclude_id)
                staff_id = appointment.staff_id if appointment else 0
                if request.minutes is None and appointment is not None:
                    ends_at = request.starts_at + (appointment.ends_at - appointment.starts_at)
            return _find_clash(s, staff_id, request.starts_at, ends_at, exclude_id)

    @staticmethod
    def _row(s: Session, appointment: m.Appointment) -> AppointmentRow:
        customer = _get(s, m.Customer, appointment.customer_id, "customer")
        staff = _get(s, m.Staff, appointment.staff_id, "staff")
        service = _get(s, m.Treatment, appointment.service_id, "service")
        return appointment_row(appointment, customer, staff, service)


def _get(s: Session, model: type[_T], key: int, kind: str) -> _T:
    found = s.get(model, key)
    if found is None:
        raise NotFound(kind, str(key))
    return found


def _find_clash(
    s: Session, staff_id: int, starts_at: datetime, ends_at: datetime, exclude_id: int | None
) -> BookingConflict | None:
    query = (
        select(m.Appointment, m.Customer, m.Staff)
        .join(m.Customer, m.Customer.id == m.Appointment.customer_id)
        .join(m.Staff, m.Staff.id == m.Appointment.staff_id)
        .where(
            m.Appointment.staff_id == staff_id,
            m.Appointment.status.in_(_ACTIVE),
            m.Appointment.starts_at < ends_at,
            m.Appointment.ends_at > starts_at,
        )
        .order_by(m.Appointment.starts_at)
        .limit(1)
    )
    if exclude_id is not None:
        query = query.where(m.Appointment.id != exclude_id)
    found = s.execute(query).first()
    if found is None:
        return None
    appointment, customer, staff = found
    return BookingConflict(
        clash_id=appointment.id,
        clash_starts_at=appointment.starts_at,
        clash_ends_at=appointment.ends_at,
        staff_name=staff.name,
        customer_name=f"{customer.first_name} {customer.last_name}".strip(),
    )
