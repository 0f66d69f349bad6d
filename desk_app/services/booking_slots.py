"""Placing, moving and cancelling an appointment inside a caller's transaction.

The one code path for every booking, whoever asks: ``BookingService`` (the counter, the
command line) wraps each in a transaction of its own; the online intake
(``services.online_booking``) runs them inside the gateway event's transaction, in a
savepoint, so a refused slot leaves the rest of the event applied.

Two guards against double bookings: the clash check here (it names the clashing booking
for the user), and the database itself (exclusion constraint on PostgreSQL, triggers on
SQLite), which also holds when two counter PCs book the same slot at the same moment and
surfaces as an ``IntegrityError`` at the flush.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.attendance import FreedSlot
from desk_app.domain.enums import (
    ACTIVE_APPOINTMENT_STATUSES,
    AbsenceKind,
    AppointmentStatus,
    BookingSource,
)
from desk_app.domain.errors import (
    AppointmentTooLong,
    BookingConflict,
    InvalidTimeRange,
    NotFound,
    OutsideOpeningHours,
    OutsideStaffHours,
    SalonClosed,
    StaffUnavailable,
)
from desk_app.domain.phases import AppointmentPhases, ServicePhases
from desk_app.domain.scheduling import (
    MAX_APPOINTMENT_LENGTH,
    OpeningInterval,
    within_opening_hours,
)
from desk_app.services.booking_messages import (
    CANCELLATION,
    queue_booking_message,
    supersede_queued,
)
from desk_app.services.messages import MessageTemplates
from desk_app.services.recipients import consent_status
from desk_app.services.settings_store import read_settings
from desk_app.services.waitlist_openings import record_freed
from desk_sql.locks import lock_keys

ACTIVE = tuple(s.value for s in ACTIVE_APPOINTMENT_STATUSES)
# Bookings for one staff member are written one after another (see desk_sql.locks).
STAFF_CALENDAR = "staff-calendar"
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
    override: bool = False  # book outside the hours, on a closed day or in an absence on purpose


def place_appointment(
    s: Session, request: BookingRequest, note: str, now: datetime
) -> m.Appointment:
    """Check the slot and insert the appointment (flushed); no message is queued.

    Raises BookingConflict, OutsideOpeningHours, StaffUnavailable, NotFound, or an
    IntegrityError from the database when another writer took the slot meanwhile.
    """
    lock_keys(s, STAFF_CALENDAR, request.staff_id)
    customer = get(s, m.Customer, request.customer_id, "customer")
    staff = get(s, m.Staff, request.staff_id, "staff")
    service = get(s, m.Treatment, request.service_id, "service")
    phases = laid_out(service, request.starts_at, request.minutes)
    check_slot(
        s, staff, phases.starts_at, phases.ends_at, None, request.override, processing_of(phases)
    )
    notify = request.notify
    # Set on purpose (staff who asked, the customer online): it outlives an objection
    # that arrives later but happened before (objection.py).
    notify_set_at = None if notify is None else now
    if notify is None:
        notify = not consent_status(s, customer.id, now).objected
    appointment = m.Appointment(
        customer_id=customer.id,
        staff_id=staff.id,
        service_id=service.id,
        starts_at=phases.starts_at,
        ends_at=phases.ends_at,
        processing_starts_at=phases.processing_starts_at,
        processing_ends_at=phases.processing_ends_at,
        status=AppointmentStatus.BOOKED.value,
        source=request.source.value,
        notify=notify,
        notify_set_at=notify_set_at,
        note=note,
    )
    s.add(appointment)
    s.flush()
    return appointment


def move_appointment(
    s: Session,
    appointment: m.Appointment,
    starts_at: datetime,
    staff_id: int | None,
    minutes: int | None,
    override: bool,
    now: datetime | None = None,
) -> FreedSlot | None:
    """Move (other time or staff) and/or resize, flushed; no message is queued. A move
    keeps every phase's length; a resize changes the last working phase (domain.phases).

    Returns the old time when the move gave it up (the waitlist hears of it when
    ``now`` is given), else None."""
    lock_keys(s, STAFF_CALENDAR, appointment.staff_id, staff_id or appointment.staff_id)
    staff = get(s, m.Staff, staff_id or appointment.staff_id, "staff")
    phases = stored_phases(appointment).moved(starts_at)
    if minutes is not None:
        phases = phases.resized(timedelta(minutes=minutes))
    check_slot(
        s, staff, phases.starts_at, phases.ends_at, appointment.id, override, processing_of(phases)
    )
    old = (appointment.staff_id, appointment.service_id, appointment.starts_at, appointment.ends_at)
    appointment.staff_id = staff.id
    appointment.starts_at, appointment.ends_at = phases.starts_at, phases.ends_at
    appointment.processing_starts_at = phases.processing_starts_at
    appointment.processing_ends_at = phases.processing_ends_at
    s.flush()
    freed = freed_by_move(appointment, *old)
    if freed is not None and now is not None:
        record_freed(s, freed, now)
    return freed


def freed_by_move(
    appointment: m.Appointment,
    old_staff_id: int,
    old_service_id: int,
    old_starts_at: datetime,
    old_ends_at: datetime,
) -> FreedSlot | None:
    """The time an (active) appointment gave up by its move; None while its new place
    still covers the old one (made longer, or not moved at all)."""
    kept = (
        old_staff_id == appointment.staff_id
        and appointment.starts_at <= old_starts_at
        and old_ends_at <= appointment.ends_at
    )
    if kept or appointment.status not in ACTIVE:
        return None
    return FreedSlot(
        appointment.id, old_staff_id, old_service_id, old_starts_at, old_ends_at, "moved"
    )


def change_status(
    s: Session,
    appointment: m.Appointment,
    status: AppointmentStatus,
    templates: MessageTemplates,
    now: datetime,
    late: bool = False,
) -> FreedSlot | None:
    """Set the status; a cancelled booking the customer was told about gets a
    cancellation message (and waiting messages about it are withdrawn). ``late``:
    a cancellation inside the salon's cutoff (kept only with the status "cancelled").

    Returns the slot this frees (the appointment held its time and no longer does:
    cancelled or no-show), else None. Every path that frees a slot — the counter, the
    command line, a customer cancelling online — comes through here: this is the one
    place the waitlist (issue 14) hears of it."""
    if status.value in ACTIVE and appointment.status not in ACTIVE:
        lock_keys(s, STAFF_CALENDAR, appointment.staff_id)
        staff = get(s, m.Staff, appointment.staff_id, "staff")
        phases = stored_phases(appointment)
        check_slot(
            s, staff, phases.starts_at, phases.ends_at, appointment.id, True, processing_of(phases)
        )
    was_active = appointment.status in ACTIVE
    appointment.status = status.value
    appointment.late_cancellation = late and status is AppointmentStatus.CANCELLED
    s.flush()
    cancelled = status is AppointmentStatus.CANCELLED and was_active
    # Tell the customer only if they were told about the booking in the first place.
    if cancelled and supersede_queued(s, appointment.id, reason="cancelled"):
        queue_booking_message(s, templates, CANCELLATION, appointment, now)
    if not was_active or status.value in ACTIVE:
        return None
    freed = FreedSlot(
        appointment_id=appointment.id,
        staff_id=appointment.staff_id,
        service_id=appointment.service_id,
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        reason=status.value,
    )
    record_freed(s, freed, now)
    return freed


def check_slot(
    s: Session,
    staff: m.Staff,
    starts_at: datetime,
    ends_at: datetime,
    exclude_id: int | None,
    override: bool,
    processing: tuple[datetime, datetime] | None = None,
) -> None:
    """Refuse the slot [starts_at, ends_at) (with its processing phase, if any) for a
    clash in a working phase, or — unless ``override`` — outside the hours, on a closed
    day or in an absence. The processing phase is the customer's time too: it must lie
    inside the hours like the rest."""
    if ends_at <= starts_at:
        raise InvalidTimeRange(starts_at, ends_at)
    if ends_at - starts_at > MAX_APPOINTMENT_LENGTH:
        raise AppointmentTooLong(starts_at, ends_at, MAX_APPOINTMENT_LENGTH // timedelta(hours=1))
    clash = find_clash(s, staff.id, starts_at, ends_at, exclude_id, processing)
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
    closure = s.scalar(
        select(m.Closure)
        .where(
            m.Closure.starts_on <= local_end.date(),
            m.Closure.ends_on >= local_start.date(),
        )
        .order_by(m.Closure.starts_on)
        .limit(1)
    )
    if closure is not None:
        raise SalonClosed(max(closure.starts_on, local_start.date()), closure.note)
    own_hours = [
        OpeningInterval(h.weekday, h.opens, h.closes)
        for h in s.scalars(select(m.StaffHours).where(m.StaffHours.staff_id == staff.id))
    ]
    # A member without hours of their own works the salon's opening hours.
    if own_hours and not within_opening_hours(local_start, local_end, own_hours):
        raise OutsideStaffHours(staff.name, starts_at, ends_at)
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


def find_clash(
    s: Session,
    staff_id: int,
    starts_at: datetime,
    ends_at: datetime,
    exclude_id: int | None,
    processing: tuple[datetime, datetime] | None = None,
) -> BookingConflict | None:
    """The first active appointment of the staff member whose working phases meet those
    of [starts_at, ends_at) with its ``processing`` phase (None: all of it is work).
    The database reads those whose whole times overlap; the phases decide which clash."""
    new = AppointmentPhases(starts_at, ends_at, *(processing or (None, None)))
    query = (
        select(m.Appointment, m.Customer, m.Staff)
        .join(m.Customer, m.Customer.id == m.Appointment.customer_id)
        .join(m.Staff, m.Staff.id == m.Appointment.staff_id)
        .where(
            m.Appointment.staff_id == staff_id,
            m.Appointment.status.in_(ACTIVE),
            # Redundant with the next two but bounds the (staff, start) index range:
            # no appointment is longer (revision 0010).
            m.Appointment.starts_at > starts_at - MAX_APPOINTMENT_LENGTH,
            m.Appointment.starts_at < ends_at,
            m.Appointment.ends_at > starts_at,
        )
        .order_by(m.Appointment.starts_at, m.Appointment.id)
    )
    if exclude_id is not None:
        query = query.where(m.Appointment.id != exclude_id)
    for appointment, customer, staff in s.execute(query):
        if not new.works_during(stored_phases(appointment)):
            continue  # one works while the other one's processing runs
        return BookingConflict(
            clash_id=appointment.id,
            clash_starts_at=appointment.starts_at,
            clash_ends_at=appointment.ends_at,
            staff_name=staff.name,
            customer_name=f"{customer.first_name} {customer.last_name}".strip(),
        )
    return None


def service_phases(service: m.Treatment) -> ServicePhases:
    return ServicePhases(
        service.minutes, service.processing_after_minutes, service.processing_minutes
    )


def laid_out(service: m.Treatment, starts_at: datetime, minutes: int | None) -> AppointmentPhases:
    """The service's phases from ``starts_at``, resized to ``minutes`` if given."""
    return AppointmentPhases.laid_out(starts_at, service_phases(service), minutes)


def stored_phases(appointment: m.Appointment) -> AppointmentPhases:
    return AppointmentPhases(
        appointment.starts_at,
        appointment.ends_at,
        appointment.processing_starts_at,
        appointment.processing_ends_at,
    )


def processing_of(phases: AppointmentPhases) -> tuple[datetime, datetime] | None:
    if phases.processing_starts_at is None or phases.processing_ends_at is None:
        return None
    return phases.processing_starts_at, phases.processing_ends_at


def get(s: Session, model: type[_T], key: int, kind: str) -> _T:
    found = s.get(model, key)
    if found is None:
        raise NotFound(kind, str(key))
    return found
