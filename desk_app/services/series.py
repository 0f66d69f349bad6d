"""Recurring appointments: plan a series (every occurrence checked), book it in one
transaction with the receptionist's decision per conflict, cancel "this and following".

``plan`` checks **every** occurrence with the same check a single booking makes
(``booking_slots.check_slot``: the staff member's other bookings, opening hours,
absences) and proposes a free time next to each one that is refused
(``series_proposals``). ``book`` checks them all again inside its own write transaction
(the calendar may have changed since the plan) and writes all or nothing; the database's
no-overlap guarantee holds as for any booking. Each occurrence gets its own confirmation
(when the customer is to be told, as for a single booking) and, through the automations,
its own reminder: each is an appointment like any other, moved or cancelled on its own.

Permission.BOOK, as for a single booking.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.attendance import is_late_cancellation
from desk_app.domain.enums import AppointmentStatus, Permission
from desk_app.domain.errors import (
    BookingConflict,
    InvalidField,
    OutsideOpeningHours,
    OutsideStaffHours,
    SalonClosed,
    SeriesOccurrenceRefused,
    StaffUnavailable,
)
from desk_app.domain.fields import NOTE_MAX, checked_line
from desk_app.domain.recurrence import Frequency, InvalidRule, SeriesRule, occurrences
from desk_app.services.access_guard import authorize
from desk_app.services.booking_messages import CONFIRMATION, queue_booking_message
from desk_app.services.booking_slots import (
    ACTIVE,
    BookingRequest,
    change_status,
    check_slot,
    get,
    laid_out,
    place_appointment,
    processing_of,
)
from desk_app.services.mapping import appointment_row
from desk_app.services.messages import MessageTemplates
from desk_app.services.rows import AppointmentRow
from desk_app.services.series_proposals import propose_start
from desk_app.services.settings_store import read_settings

Problem = BookingConflict | OutsideOpeningHours | SalonClosed | OutsideStaffHours | StaffUnavailable
# Every reason a single booking is refused for a free time (a closed day and the staff
# member's own hours too: they are no reason to drop the whole series plan).
PROBLEMS = (BookingConflict, OutsideOpeningHours, SalonClosed, OutsideStaffHours, StaffUnavailable)


@dataclass(frozen=True)
class SeriesRequest:
    customer_id: int
    staff_id: int
    service_id: int
    first_day: date  # the salon's local date of the first occurrence
    at: time  # the salon's wall-clock time of every occurrence
    rule: SeriesRule
    minutes: int | None = None  # None: the service's duration
    notify: bool | None = None  # as BookingRequest.notify
    note: str = ""


@dataclass(frozen=True)
class PlannedOccurrence:
    index: int  # 0 = the first
    starts_at: datetime  # UTC, as the rule puts it
    problem: Problem | None  # why it cannot be booked there; None: free
    proposal: datetime | None  # a free start instead (UTC), when one was found


@dataclass(frozen=True)
class SeriesPlan:
    request: SeriesRequest
    occurrences: tuple[PlannedOccurrence, ...]

    @property
    def conflicts(self) -> list[PlannedOccurrence]:
        return [o for o in self.occurrences if o.problem is not None]


class Choice(StrEnum):
    ACCEPT = "accept"  # book it at the proposed time
    SKIP = "skip"  # leave this occurrence out
    MOVE = "move"  # book it at a time the receptionist chose


@dataclass(frozen=True)
class Decision:
    choice: Choice
    starts_at: datetime | None = None  # for ACCEPT (the proposal) and MOVE

    def __post_init__(self) -> None:
        if self.choice is not Choice.SKIP and self.starts_at is None:
            raise InvalidField("series", "decision_needs_time", self.choice.value)


@dataclass(frozen=True)
class SeriesPosition:
    index: int  # 0 = the first
    total: int  # occurrences of the rule as booked (skipped ones included)


@dataclass(frozen=True)
class SeriesSummary:
    """A customer's series as the customer view lists it: the rule, what is left of it
    (active occurrences from now on) and the next of those."""

    series_id: int
    frequency: Frequency
    interval: int
    total: int  # occurrences as booked
    remaining: int
    next_id: int | None  # the next active occurrence (cancel "this and following" there)
    next_starts_at: datetime | None
    service_name: str
    staff_name: str


class SeriesService:
    def __init__(
        self, db: Database, clock: Callable[[], datetime], templates: MessageTemplates
    ) -> None:
        self._db = db
        self._clock = clock
        self._templates = templates

    def plan(self, request: SeriesRequest) -> SeriesPlan:
        """Every occurrence, each checked, with a proposal next to each refused one."""
        with self._db.read() as s:
            starts = _starts(s, request)
            staff = get(s, m.Staff, request.staff_id, "staff")
            length = _length(s, request)
            planned = []
            for index, starts_at in enumerate(starts):
                problem = _problem(s, staff, starts_at, request)
                proposal = None
                if problem is not None:
                    others = [t for t in starts if t != starts_at]
                    proposal = propose_start(s, staff.id, starts_at, length, others, self._clock())
                planned.append(PlannedOccurrence(index, starts_at, problem, proposal))
            return SeriesPlan(request, tuple(planned))

    def book(
        self,
        request: SeriesRequest,
        decisions: Mapping[int, Decision],
        *,
        actor: Actor = SHARED_COUNTER,
    ) -> list[AppointmentRow]:
        """All occurrences but the skipped ones, in one transaction: each at its time,
        or where its decision puts it. Raises SeriesOccurrenceRefused (nothing is written)
        when one is refused there."""
        note = checked_line("note", request.note, NOTE_MAX)
        with self._db.write() as s:
            authorize(s, actor, Permission.BOOK)
            starts = _starts(s, request)
            now = self._clock()
            series = m.AppointmentSeries(
                frequency=request.rule.frequency.value,
                interval=request.rule.interval,
                occurrences=len(starts),
                until=request.rule.until,
                customer_id=get(s, m.Customer, request.customer_id, "customer").id,
                service_id=get(s, m.Treatment, request.service_id, "service").id,
                staff_id=get(s, m.Staff, request.staff_id, "staff").id,
            )
            s.add(series)
            s.flush()
            rows = []
            for index, planned_start in enumerate(starts):
                decision = decisions.get(index)
                if decision is not None and decision.choice is Choice.SKIP:
                    continue
                starts_at = planned_start if decision is None else decision.starts_at
                assert starts_at is not None  # Decision's own check
                single = BookingRequest(
                    request.customer_id,
                    request.staff_id,
                    request.service_id,
                    starts_at,
                    request.minutes,
                    request.notify,
                    note=note,
                )
                try:
                    appointment = place_appointment(s, single, note, now)
                except PROBLEMS as problem:
                    raise SeriesOccurrenceRefused(index, problem) from problem
                appointment.series_id, appointment.series_index = series.id, index
                s.flush()
                client_id = queue_booking_message(
                    s, self._templates, CONFIRMATION, appointment, now
                )
                rows.append(
                    appointment_row(
                        appointment,
                        get(s, m.Customer, appointment.customer_id, "customer"),
                        get(s, m.Staff, appointment.staff_id, "staff"),
                        get(s, m.Treatment, appointment.service_id, "service"),
                        client_id,
                    )
                )
            return rows

    def cancel_following(
        self, appointment_id: int, *, waive_late: bool = False, actor: Actor = SHARED_COUNTER
    ) -> int:
        """Cancel this occurrence and every later one of its series (by their place in
        the series, wherever one was moved); earlier ones stay. How many were cancelled
        (active ones only; each customer message as for a single cancellation).

        One inside the salon's cutoff is a late cancellation, as when cancelled alone
        (cancelling the rest of the series is no way around it), unless the salon
        waives it (``waive_late``: the receptionist unticked it)."""
        with self._db.write() as s:
            authorize(s, actor, Permission.BOOK)
            appointment = get(s, m.Appointment, appointment_id, "appointment")
            if appointment.series_id is None or appointment.series_index is None:
                raise InvalidField("series", "not_in_a_series", str(appointment_id))
            following = s.scalars(
                select(m.Appointment)
                .where(
                    m.Appointment.series_id == appointment.series_id,
                    m.Appointment.series_index >= appointment.series_index,
                    m.Appointment.status.in_(ACTIVE),
                )
                .order_by(m.Appointment.series_index)
            ).all()
            now = self._clock()
            cutoff = read_settings(s).late_cancel_hours
            for item in following:
                late = not waive_late and is_late_cancellation(item.starts_at, now, cutoff)
                change_status(s, item, AppointmentStatus.CANCELLED, self._templates, now, late=late)
            return len(following)

    def positions(self, appointment_ids: list[int]) -> dict[int, SeriesPosition]:
        """Each appointment's place in its series ("3 of 10"), for those in one."""
        if not appointment_ids:
            return {}
        with self._db.read() as s:
            found = s.execute(
                select(
                    m.Appointment.id,
                    m.Appointment.series_index,
                    m.AppointmentSeries.occurrences,
                )
                .join(m.AppointmentSeries, m.AppointmentSeries.id == m.Appointment.series_id)
                .where(m.Appointment.id.in_(appointment_ids))
            )
            return {a: SeriesPosition(i, n) for a, i, n in found if i is not None}

    def of_customer(self, customer_id: int) -> list[SeriesSummary]:
        """The customer's series, the newest first, each with what is left of it."""
        now = self._clock()
        with self._db.read() as s:
            series = s.scalars(
                select(m.AppointmentSeries)
                .where(m.AppointmentSeries.customer_id == customer_id)
                .order_by(m.AppointmentSeries.id.desc())
            ).all()
            if not series:
                return []
            ahead: dict[int, list[tuple[int, datetime, str, str]]] = {x.id: [] for x in series}
            for appointment_id, series_id, starts_at, service, staff in s.execute(
                select(
                    m.Appointment.id,
                    m.Appointment.series_id,
                    m.Appointment.starts_at,
                    m.Treatment.name,
                    m.Staff.name,
                )
                .join(m.Treatment, m.Treatment.id == m.Appointment.service_id)
                .join(m.Staff, m.Staff.id == m.Appointment.staff_id)
                .where(
                    m.Appointment.series_id.in_(list(ahead)),
                    m.Appointment.status.in_(ACTIVE),
                    m.Appointment.starts_at >= now,
                )
                .order_by(m.Appointment.starts_at, m.Appointment.id)
            ):
                ahead[series_id or 0].append((appointment_id, starts_at, service, staff))
            names = {
                x.id: (
                    get(s, m.Treatment, x.service_id, "service").name,
                    get(s, m.Staff, x.staff_id, "staff").name,
                )
                for x in series
            }
            summaries = []
            for x in series:
                left = ahead[x.id]
                first = left[0] if left else None
                service, staff = (first[2], first[3]) if first else names[x.id]
                summaries.append(
                    SeriesSummary(
                        series_id=x.id,
                        frequency=Frequency(x.frequency),
                        interval=x.interval,
                        total=x.occurrences,
                        remaining=len(left),
                        next_id=first[0] if first else None,
                        next_starts_at=first[1] if first else None,
                        service_name=service,
                        staff_name=staff,
                    )
                )
            return summaries

    def active_count(self, series_id: int) -> int:
        with self._db.read() as s:
            return (
                s.scalar(
                    select(func.count())
                    .select_from(m.Appointment)
                    .where(m.Appointment.series_id == series_id, m.Appointment.status.in_(ACTIVE))
                )
                or 0
            )


def _starts(s: Session, request: SeriesRequest) -> list[datetime]:
    try:
        return occurrences(request.first_day, request.at, request.rule, read_settings(s).zone)
    except InvalidRule as invalid:
        raise InvalidField("series", invalid.reason) from invalid


def _length(s: Session, request: SeriesRequest) -> timedelta:
    if request.minutes is not None:
        return timedelta(minutes=request.minutes)
    return timedelta(minutes=get(s, m.Treatment, request.service_id, "service").minutes)


def _problem(
    s: Session, staff: m.Staff, starts_at: datetime, request: SeriesRequest
) -> Problem | None:
    # Laid out as place_appointment will: a processing phase is free for others (issue 14).
    service = get(s, m.Treatment, request.service_id, "service")
    phases = laid_out(service, starts_at, request.minutes)
    try:
        check_slot(s, staff, phases.starts_at, phases.ends_at, None, False, processing_of(phases))
    except PROBLEMS as problem:
        return problem
    return None
