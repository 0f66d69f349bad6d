"""Changing "this and all following" occurrences of a recurring series: time, duration,
staff member or service, as one change to the series' rest.

The receptionist changes one occurrence (drags it, resizes it, picks another service)
and chooses "this and all following". Every later active occurrence then gets the same
change: the same staff member, duration or service, and, when the time changed, the
same shift of day and the new time on the salon's clock ("from now on Wednesdays at
11:00", also across a change to or from summer time). ``plan`` checks **every** one of
them first, with the check a single booking makes, and proposes a free time next to
each one that is refused (``series_proposals``), as booking a series does. ``apply``
makes the change with the receptionist's decision per conflict (accept the proposal,
leave that occurrence as it is, or another time) in one transaction, with one audit
entry, and returns what ``restore`` needs to undo it.

Moving the rest of a series often moves an occurrence onto a time another one of the
same series is leaving ("one week later"): the occurrences that change are taken out of
the way first (inside the transaction), then each is checked and placed, so a sibling
never blocks a sibling and two new places never overlap each other. ``plan`` does the
same inside a savepoint it rolls back: what it reports is what ``apply`` would meet.

``only=True`` makes the same change to this one occurrence alone (any appointment,
also one of no series): the way the calendar changes one appointment's service.

Permission.BOOK, as for a single booking.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import AppointmentStatus, AuditAction, Permission
from desk_app.domain.errors import InvalidField, SeriesOccurrenceRefused
from desk_app.domain.phases import AppointmentPhases
from desk_app.domain.recurrence import local_instant
from desk_app.services.access_guard import authorize
from desk_app.services.audit import record
from desk_app.services.booking_messages import announce_move
from desk_app.services.booking_slots import (
    ACTIVE,
    STAFF_CALENDAR,
    check_slot,
    freed_by_move,
    get,
    laid_out,
    processing_of,
    stored_phases,
)
from desk_app.services.mapping import appointment_row
from desk_app.services.messages import MessageTemplates
from desk_app.services.rows import AppointmentRow
from desk_app.services.series import PROBLEMS, Choice, Decision, PlannedOccurrence, Problem
from desk_app.services.series_proposals import propose_start
from desk_app.services.settings_store import read_settings
from desk_app.services.waitlist_openings import record_freed
from desk_sql.locks import lock_keys


@dataclass(frozen=True)
class OccurrenceChange:
    """What changes, as made on one occurrence; None: that stays as it is."""

    starts_at: datetime | None = None  # the changed occurrence's new start (aware)
    staff_id: int | None = None
    minutes: int | None = None
    service_id: int | None = None  # without ``minutes``: that service's duration


@dataclass(frozen=True)
class Slot:
    staff_id: int
    service_id: int
    starts_at: datetime
    ends_at: datetime
    # The processing phase inside it (issue 14), None: one working phase. It moves with
    # the slot; a change of length or service lays it out as a single change would.
    processing: tuple[datetime, datetime] | None = None


@dataclass(frozen=True)
class FollowingPlan:
    """The occurrences the change reaches (this one first), each at its new place with
    its problem and proposal; ``total`` the series' occurrences as booked."""

    appointment_id: int
    change: OccurrenceChange
    occurrences: tuple[PlannedOccurrence, ...]
    total: int

    @property
    def conflicts(self) -> list[PlannedOccurrence]:
        return [o for o in self.occurrences if o.problem is not None]


@dataclass(frozen=True)
class Moved:
    appointment_id: int
    old: Slot
    new: Slot


@dataclass(frozen=True)
class FollowingResult:
    row: AppointmentRow  # the occurrence the change was made on
    moved: tuple[Moved, ...]  # what ``restore`` puts back


class SeriesChanges:
    def __init__(
        self, db: Database, clock: Callable[[], datetime], templates: MessageTemplates
    ) -> None:
        self._db = db
        self._clock = clock
        self._templates = templates

    def plan(self, appointment_id: int, change: OccurrenceChange) -> FollowingPlan:
        """This occurrence and every later active one at its new place, each checked."""
        with self._db.write() as s:
            savepoint = s.begin_nested()
            try:
                anchor, targets = _targets(s, appointment_id, change, only=False)
                _lock(s, targets)
                _park([a for a, _ in targets])
                now = self._clock()
                planned = []
                for appointment, slot in targets:
                    problem = _problem(s, slot, appointment.id)
                    proposal = None
                    place: Slot | None = slot
                    if problem is not None:
                        length = slot.ends_at - slot.starts_at
                        proposal = propose_start(s, slot.staff_id, slot.starts_at, length, (), now)
                        place = _at(slot, proposal) if proposal is not None else None
                    if place is not None:  # later ones see it taken, as ``apply`` would
                        _put(s, appointment, place)
                    index = appointment.series_index or 0
                    planned.append(PlannedOccurrence(index, slot.starts_at, problem, proposal))
                total = get(s, m.AppointmentSeries, anchor.series_id or 0, "series").occurrences
            finally:
                savepoint.rollback()
            return FollowingPlan(appointment_id, change, tuple(planned), total)

    def apply(
        self,
        appointment_id: int,
        change: OccurrenceChange,
        decisions: Mapping[int, Decision],
        *,
        only: bool = False,
        actor: Actor = SHARED_COUNTER,
    ) -> FollowingResult:
        """The change to this occurrence and every later active one (``only``: to this
        one alone), in one transaction; ``decisions`` by series index (SKIP: that one
        stays as it is). Raises SeriesOccurrenceRefused (nothing is written) when one is
        refused at its place."""
        with self._db.write() as s:
            authorize(s, actor, Permission.BOOK)
            anchor, targets = _targets(s, appointment_id, change, only=only)
            moves: list[tuple[m.Appointment, Slot]] = []
            for appointment, slot in targets:
                decision = decisions.get(appointment.series_index or 0)
                if decision is not None and decision.choice is Choice.SKIP:
                    continue
                if decision is not None:
                    assert decision.starts_at is not None  # Decision's own check
                    slot = _at(slot, decision.starts_at)
                moves.append((appointment, slot))
            now = self._clock()
            moved = _place_all(s, moves, override=False, now=now)
            for appointment, _ in moves:
                announce_move(s, self._templates, appointment, now)
            if not only:
                record(
                    s,
                    actor,
                    AuditAction.SERIES_CHANGED,
                    now,
                    f"customer:{anchor.customer_id}",
                    {
                        "series": anchor.series_id,
                        "from_occurrence": (anchor.series_index or 0) + 1,
                        "changed": len(moved),
                        "left_as_they_were": len(targets) - len(moves),
                        **_described(change),
                    },
                )
            return FollowingResult(_row(s, anchor), tuple(moved))

    def restore(
        self,
        appointment_id: int,
        moved: Sequence[Moved],
        *,
        back: bool = True,
        actor: Actor = SHARED_COUNTER,
    ) -> AppointmentRow:
        """Undo (``back``) or redo a change of ``apply`` made on ``appointment_id``: each
        occurrence to its old (or new) place again; undo puts them back exactly where
        they were, even outside the hours on purpose; a double booking is still
        refused. The row of ``appointment_id``."""
        with self._db.write() as s:
            authorize(s, actor, Permission.BOOK)
            moves = [
                (get(s, m.Appointment, x.appointment_id, "appointment"), x.old if back else x.new)
                for x in moved
            ]
            moves = [(a, slot) for a, slot in moves if a.status in ACTIVE]
            now = self._clock()
            _place_all(s, moves, override=back, now=now)
            for appointment, _ in moves:
                announce_move(s, self._templates, appointment, now)
            return _row(s, get(s, m.Appointment, appointment_id, "appointment"))


def _targets(
    s: Session, appointment_id: int, change: OccurrenceChange, *, only: bool
) -> tuple[m.Appointment, list[tuple[m.Appointment, Slot]]]:
    """The occurrence and every later active one of its series (``only``: itself), each
    with its new slot."""
    anchor = get(s, m.Appointment, appointment_id, "appointment")
    if only:
        following: Sequence[m.Appointment] = [anchor]
    elif anchor.series_id is None or anchor.series_index is None:
        raise InvalidField("series", "not_in_a_series", str(appointment_id))
    else:
        following = s.scalars(
            select(m.Appointment)
            .where(
                m.Appointment.series_id == anchor.series_id,
                m.Appointment.series_index >= anchor.series_index,
                m.Appointment.status.in_(ACTIVE),
            )
            .order_by(m.Appointment.series_index)
        ).all()
    zone = read_settings(s).zone
    moves_time = change.starts_at is not None and change.starts_at != anchor.starts_at
    shift = timedelta(0)
    if change.starts_at is not None and moves_time:
        new_local = change.starts_at.astimezone(zone)
        shift = new_local.date() - anchor.starts_at.astimezone(zone).date()
        wall = new_local.time().replace(tzinfo=None)
    service = (
        get(s, m.Treatment, change.service_id, "service") if change.service_id is not None else None
    )
    targets = []
    for appointment in following:
        starts_at = appointment.starts_at
        if moves_time:
            day = appointment.starts_at.astimezone(zone).date() + shift
            starts_at = local_instant(day, wall, zone)
        # Laid out as the single change would: another service brings its own phases,
        # a move keeps each phase's length, a new length goes to the last working phase.
        if service is not None and service.id != appointment.service_id:
            phases = laid_out(service, starts_at, change.minutes)
        else:
            phases = stored_phases(appointment).moved(starts_at)
            if change.minutes is not None:
                phases = phases.resized(timedelta(minutes=change.minutes))
        slot = _slot(
            change.staff_id or appointment.staff_id,
            change.service_id or appointment.service_id,
            phases,
        )
        targets.append((appointment, slot))
    return anchor, targets


def _lock(s: Session, targets: Sequence[tuple[m.Appointment, Slot]]) -> None:
    staff = {a.staff_id for a, _ in targets} | {slot.staff_id for _, slot in targets}
    lock_keys(s, STAFF_CALENDAR, *sorted(staff))


def _park(appointments: Sequence[m.Appointment]) -> None:
    """Out of the way of the checks (inside the transaction only): a sibling leaving a
    time never blocks another one arriving there."""
    for appointment in appointments:
        appointment.status = AppointmentStatus.CANCELLED.value


def _place_all(
    s: Session,
    moves: Sequence[tuple[m.Appointment, Slot]],
    *,
    override: bool,
    now: datetime,
) -> list[Moved]:
    """Each appointment to its slot, all checked after all were taken out of the way;
    SeriesOccurrenceRefused for the first one refused (the caller's transaction rolls
    back)."""
    _lock(s, moves)
    statuses = {a.id: a.status for a, _ in moves}
    old = {a.id: _slot_of(a) for a, _ in moves}
    _park([a for a, _ in moves])
    s.flush()
    moved = []
    for appointment, slot in moves:
        try:
            check_slot(
                s,
                get(s, m.Staff, slot.staff_id, "staff"),
                slot.starts_at,
                slot.ends_at,
                appointment.id,
                override,
                slot.processing,
            )
        except PROBLEMS as problem:
            raise SeriesOccurrenceRefused(appointment.series_index or 0, problem) from problem
        appointment.status = statuses[appointment.id]
        _put(s, appointment, slot)
        before = old[appointment.id]
        moved.append(Moved(appointment.id, before, slot))
        # The waitlist hears of the time given up, as of a single move (whether it is
        # still free when someone looks, a sibling may have taken it, is its question).
        freed = freed_by_move(
            appointment, before.staff_id, before.service_id, before.starts_at, before.ends_at
        )
        if freed is not None:
            record_freed(s, freed, now)
    return moved


def _put(s: Session, appointment: m.Appointment, slot: Slot) -> None:
    appointment.staff_id, appointment.service_id = slot.staff_id, slot.service_id
    appointment.starts_at, appointment.ends_at = slot.starts_at, slot.ends_at
    processing = slot.processing or (None, None)
    appointment.processing_starts_at, appointment.processing_ends_at = processing
    if appointment.status not in ACTIVE:  # parked by ``plan``: taken for the next checks
        appointment.status = AppointmentStatus.BOOKED.value
    s.flush()


def _problem(s: Session, slot: Slot, appointment_id: int) -> Problem | None:
    staff = get(s, m.Staff, slot.staff_id, "staff")
    try:
        check_slot(s, staff, slot.starts_at, slot.ends_at, appointment_id, False, slot.processing)
    except PROBLEMS as problem:
        return problem
    return None


def _at(slot: Slot, starts_at: datetime) -> Slot:
    return _slot(slot.staff_id, slot.service_id, _phases(slot).moved(starts_at))


def _slot_of(appointment: m.Appointment) -> Slot:
    return _slot(appointment.staff_id, appointment.service_id, stored_phases(appointment))


def _slot(staff_id: int, service_id: int, phases: AppointmentPhases) -> Slot:
    return Slot(staff_id, service_id, phases.starts_at, phases.ends_at, processing_of(phases))


def _phases(slot: Slot) -> AppointmentPhases:
    processing = slot.processing or (None, None)
    return AppointmentPhases(slot.starts_at, slot.ends_at, *processing)


def _described(change: OccurrenceChange) -> dict[str, object]:
    described: dict[str, object] = {}
    if change.starts_at is not None:
        described["starts_at"] = change.starts_at.isoformat()
    if change.staff_id is not None:
        described["staff"] = change.staff_id
    if change.minutes is not None:
        described["minutes"] = change.minutes
    if change.service_id is not None:
        described["service"] = change.service_id
    return described


def _row(s: Session, appointment: m.Appointment) -> AppointmentRow:
    return appointment_row(
        appointment,
        get(s, m.Customer, appointment.customer_id, "customer"),
        get(s, m.Staff, appointment.staff_id, "staff"),
        get(s, m.Treatment, appointment.service_id, "service"),
    )
