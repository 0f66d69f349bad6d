"""The day the window shows first, read through plain ``sqlite3`` before SQLAlchemy.

Most of a window start is importing SQLAlchemy, the models and the services (some
600 ms of processor time on the counter PC, against 140 ms for a bare Qt window). The
receptionist's first look is at today's day: this reads it from a SQLite file with the
standard library alone, so the window shows the day while the rest is imported after it.

The rows go through the same assembly as ``CalendarService.day`` (``calendar_plans``),
so the plan equals the one the calendar loads a moment later (a test holds them equal).
Only when the file is a plain SQLite file at the schema these queries are written for
(``SCHEMA_REVISION``; an older file is backed up and upgraded by the normal path first)
and the salon does not sign in personally (the sign-in screen comes before any day).
Otherwise, or on any error, ``read_first_day`` answers None and the window starts the
normal way, which reports what is wrong. PostgreSQL always starts the normal way.

Touches no Qt and imports no SQLAlchemy: it runs on the opening thread.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from desk_app.config.environment import database_url
from desk_app.domain.enums import AbsenceKind, AppointmentStatus, BookingSource, StaffRole
from desk_app.domain.salon_settings import SalonSettings
from desk_app.domain.scheduling import MAX_APPOINTMENT_LENGTH, OpeningInterval
from desk_app.services.calendar_plans import (
    BOOKABLE_ROLES,
    AbsenceRow,
    DayPlan,
    closed_days,
    day_plan,
    day_staff,
    local_day_bounds,
)
from desk_app.services.rows import AppointmentRow, StaffRow

log = logging.getLogger(__name__)

# The Alembic revision whose tables these queries read; kept at the head by a test
# (tests/desktop/test_first_day.py), so a new migration cannot leave them behind unseen.
SCHEMA_REVISION = "0030"
LOCKED_WAIT_S = 0.5
_SQLITE_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")
# How SQLAlchemy stores a datetime in SQLite (naive UTC text, see desk_sql.types).
_STORED = "%Y-%m-%d %H:%M:%S.%f"
_STATUSES = {s.value: s for s in AppointmentStatus}
_SOURCES = {s.value: s for s in BookingSource}


@dataclass(frozen=True)
class FirstDay:
    """What the calendar shows of a day, as its own load has it (``CalendarPage``)."""

    staff: list[StaffRow]  # the staff choice: active bookable members by name
    salon_name: str
    plan: DayPlan


def sqlite_file(url: str) -> Path | None:
    """The file of a plain SQLite URL; None for anything else (PostgreSQL, options,
    escapes, in memory), which the normal path reads as SQLAlchemy does."""
    prefix = next((p for p in _SQLITE_PREFIXES if url.startswith(p)), None)
    if prefix is None:
        return None
    path = url[len(prefix) :]
    if not path or path == ":memory:" or any(c in path for c in "?%#"):
        return None
    return Path(path)


def read_first_day(url: str | None, now: Callable[[], datetime]) -> FirstDay | None:
    """Today's day (salon-local, by ``now``) of the database at ``url`` (None: the
    configured one), or None when the window must start the normal way."""
    path = sqlite_file(database_url(url))
    if path is None or not path.is_file():
        return None  # a new salon's file is created (and migrated) by the normal path
    try:
        # Read-only: nothing here may create, change or upgrade the file. A file another
        # PC holds locked is not waited for long: the normal path waits, if need be.
        uri = f"{path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=LOCKED_WAIT_S)) as db:
            return _read(db, now)
    except (sqlite3.Error, ValueError, KeyError):
        log.info("the first day is read the normal way", exc_info=True)
        return None


def _read(db: sqlite3.Connection, now: Callable[[], datetime]) -> FirstDay | None:
    if not _at_revision(db):
        return None
    salon = SalonSettings.from_stored(dict(db.execute("SELECT key, value FROM settings")))
    if salon.staff_sign_in:
        return None  # the sign-in screen first: no day before a member signs in
    day = now().astimezone(ZoneInfo(salon.time_zone)).date()
    everyone = {
        row.id: row
        for row in (
            StaffRow(id, name, StaffRole(role), bool(active), colour, bool(online))
            for id, name, role, active, colour, online in db.execute(
                "SELECT id, name, role, active, colour, online FROM staff"
            )
        )
    }
    appointments, colours = _appointments(db, day, salon.time_zone, everyone)
    staff = day_staff(everyone.values(), appointments)
    absences = _absences(db, day, salon.time_zone, [x.id for x in staff])
    plan = day_plan(
        day,
        salon.time_zone,
        _opening_hours(db),
        staff,
        appointments,
        absences,
        colours,
        _own_hours(db),
        closed_days(_closures(db, day), day, day).get(day),
    )
    # As ``CatalogueService.list_staff`` orders them (by name, the database's collation).
    listed = [
        everyone[id]
        for (id,) in db.execute("SELECT id FROM staff WHERE active = 1 ORDER BY name")
        if everyone[id].role in BOOKABLE_ROLES
    ]
    return FirstDay(listed, salon.salon_name, plan)


def _at_revision(db: sqlite3.Connection) -> bool:
    try:
        revisions = [r for (r,) in db.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.OperationalError:  # no schema at all yet
        return False
    return revisions == [SCHEMA_REVISION]


def _opening_hours(db: sqlite3.Connection) -> list[OpeningInterval]:
    rows = db.execute("SELECT weekday, opens, closes FROM opening_hours ORDER BY weekday, opens")
    return [
        OpeningInterval(weekday, time.fromisoformat(opens), time.fromisoformat(closes))
        for weekday, opens, closes in rows
    ]


def _own_hours(db: sqlite3.Connection) -> dict[int, list[OpeningInterval]]:
    """Every member's own week (of those who have one), as ``calendar_view`` reads it."""
    hours: dict[int, list[OpeningInterval]] = {}
    rows = db.execute(
        "SELECT staff_id, weekday, opens, closes FROM staff_hours ORDER BY weekday, opens"
    )
    for staff_id, weekday, opens, closes in rows:
        hours.setdefault(staff_id, []).append(
            OpeningInterval(weekday, time.fromisoformat(opens), time.fromisoformat(closes))
        )
    return hours


def _closures(db: sqlite3.Connection, day: date) -> list[tuple[date, date, str]]:
    rows = db.execute(
        "SELECT starts_on, ends_on, note FROM closures WHERE starts_on <= ? AND ends_on >= ?",
        (day.isoformat(), day.isoformat()),
    )
    return [
        (date.fromisoformat(starts), date.fromisoformat(ends), note) for starts, ends, note in rows
    ]


def _appointments(
    db: sqlite3.Connection, day: date, time_zone: str, staff: dict[int, StaffRow]
) -> tuple[list[AppointmentRow], dict[int, str]]:
    """As ``calendar_view._appointments``: along the (staff, start) index per member."""
    start, end = local_day_bounds(day, time_zone)
    rows = db.execute(
        "SELECT a.id, a.customer_id, a.staff_id, a.service_id, a.starts_at, a.ends_at,"
        " a.status, a.source, a.notify, a.note, a.series_id, a.series_index,"
        " a.processing_starts_at, a.processing_ends_at,"
        " c.first_name, c.last_name, t.name, t.colour"
        " FROM appointments AS a"
        " JOIN customers AS c ON c.id = a.customer_id"
        " JOIN salon_services AS t ON t.id = a.service_id"
        " WHERE a.staff_id IN (SELECT value FROM json_each(?))"
        " AND a.starts_at > ? AND a.starts_at < ? AND a.ends_at > ?"
        " ORDER BY a.starts_at, a.id",
        (
            json.dumps(sorted(staff)),
            _stored(start - MAX_APPOINTMENT_LENGTH),
            _stored(end),
            _stored(start),
        ),
    )
    appointments: list[AppointmentRow] = []
    colours: dict[int, str] = {}
    for (
        appointment_id,
        customer_id,
        staff_id,
        service_id,
        starts_at,
        ends_at,
        status,
        source,
        notify,
        note,
        series_id,
        series_index,
        processing_starts_at,
        processing_ends_at,
        first_name,
        last_name,
        service_name,
        colour,
    ) in rows:
        appointments.append(
            AppointmentRow(
                id=appointment_id,
                customer_id=customer_id,
                customer_name=f"{first_name} {last_name}".strip(),
                staff_id=staff_id,
                staff_name=staff[staff_id].name,
                service_id=service_id,
                service_name=service_name,
                starts_at=_loaded(starts_at),
                ends_at=_loaded(ends_at),
                status=_STATUSES[status],
                source=_SOURCES[source],
                notify=bool(notify),
                note=note,
                series_id=series_id,
                series_index=series_index,
                processing_starts_at=_maybe_loaded(processing_starts_at),
                processing_ends_at=_maybe_loaded(processing_ends_at),
            )
        )
        colours[service_id] = colour
    return appointments, colours


def _absences(
    db: sqlite3.Connection, day: date, time_zone: str, staff_ids: list[int]
) -> list[AbsenceRow]:
    if not staff_ids:
        return []
    start, end = local_day_bounds(day, time_zone)
    rows = db.execute(
        "SELECT id, staff_id, kind, starts_at, ends_at, note FROM absences"
        " WHERE starts_at < ? AND ends_at > ?"
        " AND staff_id IN (SELECT value FROM json_each(?))"
        " ORDER BY starts_at, id",
        (_stored(end), _stored(start), json.dumps(sorted(set(staff_ids)))),
    )
    return [
        AbsenceRow(id, staff_id, AbsenceKind(kind), _loaded(starts), _loaded(ends), note)
        for id, staff_id, kind, starts, ends, note in rows
    ]


def _stored(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).strftime(_STORED)


def _loaded(stored: str) -> datetime:
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


def _maybe_loaded(stored: str | None) -> datetime | None:
    return None if stored is None else _loaded(stored)
