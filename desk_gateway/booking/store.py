"""The published availability and the slots held against it.

A salon's desktop publishes its free time (``publish``); the page offers the start times
in it that no online request holds and that are not too soon (``free_starts``); a submitted
request takes its slot with ``hold_slot``, which is the one place that decides whether a
slot is still free. It runs under a per-salon lock (PostgreSQL: an advisory lock; SQLite:
the write transaction excludes every other writer), so two requests for the same or
overlapping time of one staff member never both get it.

A hold is ``held`` until the desktop answers or ``BOOKING_HOLD_HOURS`` pass, ``booked``
until a snapshot computed after the decision shows the appointment itself, then no longer
counted; ``released`` and ``expired`` holds never count.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session, defer

from desk_app.domain.availability import Interval, start_times, subtract
from desk_gateway.booking.schemas import Snapshot, Treatment
from desk_gateway.db.models import BookingHold, BookingSite
from desk_sql.locks import lock_keys

LOCK_NAMESPACE = "gateway.booking"
HELD, BOOKED, RELEASED, EXPIRED = "held", "booked", "released", "expired"
_CACHE_SIZE = 64


class NameTaken(Exception):
    """Another installation publishes under this public name."""


@dataclass(frozen=True)
class Site:
    id: int
    installation_id: int
    public_name: str
    snapshot: Snapshot
    computed_at: datetime
    published_at: datetime

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.snapshot.salon.time_zone)


@dataclass(frozen=True)
class Start:
    starts_at: datetime
    staff_id: int


# Parsed snapshots by (database, site, publication): a page view must not re-validate
# thousands of intervals. Bounded; a new publication has a new key.
_parsed: dict[tuple[str, int, datetime], Snapshot] = {}
_parsed_lock = threading.Lock()


def _snapshot(s: Session, row: BookingSite) -> Snapshot:
    key = (str(s.get_bind().engine.url), row.id, row.published_at)
    with _parsed_lock:
        found = _parsed.get(key)
    if found is not None:
        return found
    # Loaded only now (the column is deferred): a cached page view reads no JSON.
    parsed = Snapshot.model_validate(row.snapshot)
    with _parsed_lock:
        if len(_parsed) >= _CACHE_SIZE:
            _parsed.clear()
        _parsed[key] = parsed
    return parsed


def _site(s: Session, row: BookingSite) -> Site:
    return Site(
        id=row.id,
        installation_id=row.installation_id,
        public_name=row.public_name,
        snapshot=_snapshot(s, row),
        computed_at=row.computed_at,
        published_at=row.published_at,
    )


def _site_row(s: Session, *where: Any) -> BookingSite | None:
    return s.scalar(select(BookingSite).options(defer(BookingSite.snapshot)).where(*where))


# ---- publishing ---------------------------------------------------------------------------
def publish(s: Session, installation_id: int, snapshot: Snapshot, now: datetime) -> int:
    """Store the snapshot as this installation's (replacing the last one) and return the
    number of bookable start times in it. NameTaken if another installation has the name
    (a race between two is caught by the unique constraint at flush: IntegrityError)."""
    other = s.scalar(
        select(BookingSite.id).where(
            BookingSite.public_name == snapshot.public_name,
            BookingSite.installation_id != installation_id,
        )
    )
    if other is not None:
        raise NameTaken(snapshot.public_name)
    row = s.scalar(select(BookingSite).where(BookingSite.installation_id == installation_id))
    if row is None:
        row = BookingSite(installation_id=installation_id)
        s.add(row)
    else:
        # published_at is the publication's version (it keys the parsed snapshots of every
        # gateway process): it must change with each one, even within a clock tick.
        now = max(now, row.published_at + timedelta(microseconds=1))
    row.public_name = snapshot.public_name
    row.snapshot = snapshot.model_dump(mode="json")
    row.computed_at = snapshot.computed_at
    row.published_at = now
    s.flush()
    return count_starts(snapshot)


def site_by_name(s: Session, public_name: str) -> Site | None:
    if not 3 <= len(public_name) <= 40:
        return None
    row = _site_row(s, BookingSite.public_name == public_name)
    return None if row is None else _site(s, row)


def site_of(s: Session, installation_id: int) -> Site | None:
    row = _site_row(s, BookingSite.installation_id == installation_id)
    return None if row is None else _site(s, row)


def count_starts(snapshot: Snapshot) -> int:
    """Bookable start times over all treatments and their staff. Counted, not listed
    (60 treatments × 40 staff × 8 weeks are millions of starts): per free interval, the
    grid points in it; an interval across a change of the UTC offset, or a step that does
    not divide the day, is listed by ``start_times`` itself."""
    zone = ZoneInfo(snapshot.salon.time_zone)
    step = snapshot.rules.step_minutes
    free = {f.staff_id: f.intervals for f in snapshot.free}
    # Treatments of one length share their starts: count each (staff, length) once.
    uses: Counter[tuple[int, int]] = Counter(
        (staff_id, treatment.minutes)
        for treatment in snapshot.treatments
        for staff_id in treatment.staff_ids
    )
    total = 0
    for (staff_id, minutes), times in uses.items():
        starts = sum(_starts_in(a, b, minutes, zone, step) for a, b in free.get(staff_id, ()))
        total += starts * times
    return total


def _starts_in(start: datetime, end: datetime, minutes: int, zone: ZoneInfo, step: int) -> int:
    last = end - timedelta(minutes=minutes)
    if last < start:
        return 0
    offset = start.astimezone(zone).utcoffset()
    if offset is None or offset != last.astimezone(zone).utcoffset() or 1440 % step:
        return len(start_times([Interval(start, end)], minutes, zone, step))
    step_s = step * 60
    first = math.ceil((start.timestamp() + offset.total_seconds()) / step_s) * step_s
    last_local = last.timestamp() + offset.total_seconds()
    return 0 if last_local < first else int((last_local - first) // step_s) + 1


# ---- what is free -------------------------------------------------------------------------
def _taken(s: Session, site: Site, now: datetime) -> dict[int, list[Interval]]:
    """Intervals online requests hold, per staff member."""
    rows = s.execute(
        select(BookingHold.staff_id, BookingHold.starts_at, BookingHold.ends_at).where(
            BookingHold.installation_id == site.installation_id,
            or_(
                and_(BookingHold.state == HELD, BookingHold.expires_at > now),
                # Booked: the appointment is in the snapshot only once one computed after
                # the decision arrives.
                and_(BookingHold.state == BOOKED, BookingHold.decided_at >= site.computed_at),
            ),
        )
    )
    taken: dict[int, list[Interval]] = {}
    for staff_id, starts_at, ends_at in rows:
        taken.setdefault(staff_id, []).append(Interval(starts_at, ends_at))
    for intervals in taken.values():
        intervals.sort(key=lambda i: i.start)
    return taken


def bookable_staff(site: Site, treatment: Treatment) -> list[int]:
    """The treatment's staff in the published order (``any`` takes the first free one)."""
    allowed = set(treatment.staff_ids)
    return [staff.id for staff in site.snapshot.staff if staff.id in allowed]


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(), zone)
    end = datetime.combine(day + timedelta(days=1), time(), zone)
    return start, end


def free_starts(
    s: Session,
    site: Site,
    treatment: Treatment,
    staff_id: int | None,
    now: datetime,
    day: date | None = None,
) -> list[Start]:
    """The start times the page may offer, sorted; ``staff_id`` None is „any": each time
    once, with the first free staff member in the published order. ``day`` (the salon's
    local date) limits the starts to that day."""
    snapshot = site.snapshot
    rules = snapshot.rules
    zone = site.zone
    not_before = now + timedelta(minutes=rules.lead_minutes)
    horizon = now + timedelta(days=rules.horizon_days)
    lower, upper = not_before, horizon
    if day is not None:
        day_start, day_end = day_bounds(day, zone)
        lower, upper = max(lower, day_start), min(upper, day_end)
    if lower >= upper:
        return []
    staff_ids = bookable_staff(site, treatment)
    if staff_id is not None:
        staff_ids = [staff_id] if staff_id in staff_ids else []
    published = {f.staff_id: f.intervals for f in snapshot.free}
    taken = _taken(s, site, now)
    length = timedelta(minutes=treatment.minutes)
    chosen: dict[datetime, int] = {}
    for member in staff_ids:
        intervals = [
            Interval(start, end)
            for start, end in published.get(member, ())
            if end > lower and start < upper
        ]
        free = subtract(intervals, taken.get(member, []))
        for moment in start_times(free, treatment.minutes, zone, rules.step_minutes, lower):
            if moment >= upper or moment + length > horizon or moment < lower:
                continue
            chosen.setdefault(moment, member)
    return [Start(moment, chosen[moment]) for moment in sorted(chosen)]


def free_days(
    s: Session, site: Site, treatment: Treatment, staff_id: int | None, now: datetime
) -> list[date]:
    """The salon's local dates that have at least one free start."""
    zone = site.zone
    days = {
        start.starts_at.astimezone(zone).date()
        for start in free_starts(s, site, treatment, staff_id, now)
    }
    return sorted(days)


# ---- holding a slot -------------------------------------------------------------------------
def lock_site(s: Session, installation_id: int) -> None:
    """Serialise everyone deciding about this salon's slots until the transaction ends."""
    lock_keys(s, LOCK_NAMESPACE, installation_id)


def hold_slot(
    s: Session,
    site: Site,
    treatment: Treatment,
    staff_id: int | None,
    starts_at: datetime,
    now: datetime,
    request_id: str,
    hold_for: timedelta,
) -> BookingHold | None:
    """Hold ``starts_at`` for ``request_id`` if it is still free (for ``staff_id``, or for
    the first free staff member when None); None when it is not. Call inside a write
    transaction: the hold and whatever the caller stores with it commit together."""
    lock_site(s, site.installation_id)
    expire_holds(s, site.installation_id, now)
    zone = site.zone
    day = starts_at.astimezone(zone).date()
    start = next(
        (
            x
            for x in free_starts(s, site, treatment, staff_id, now, day)
            if x.starts_at == starts_at
        ),
        None,
    )
    if start is None:
        return None
    hold = BookingHold(
        installation_id=site.installation_id,
        request_id=request_id,
        staff_id=start.staff_id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=treatment.minutes),
        state=HELD,
        created_at=now,
        expires_at=now + hold_for,
    )
    s.add(hold)
    s.flush()
    return hold


def open_for_contact(s: Session, installation_id: int, hashes: Sequence[str], now: datetime) -> int:
    """How many requests of this salon with one of these contact hashes are still open:
    held, or booked for a time not yet over."""
    if not hashes:
        return 0
    count = s.scalar(
        select(func.count(BookingHold.id)).where(
            BookingHold.installation_id == installation_id,
            or_(BookingHold.email_hash.in_(hashes), BookingHold.phone_hash.in_(hashes)),
            or_(
                and_(BookingHold.state == HELD, BookingHold.expires_at > now),
                and_(BookingHold.state == BOOKED, BookingHold.ends_at > now),
            ),
        )
    )
    return int(count or 0)


def expire_holds(s: Session, installation_id: int, now: datetime) -> None:
    """Holds whose time ran out are marked so (they stopped counting already)."""
    s.execute(
        update(BookingHold)
        .where(
            BookingHold.installation_id == installation_id,
            BookingHold.state == HELD,
            BookingHold.expires_at <= now,
        )
        .values(state=EXPIRED)
        .execution_options(synchronize_session=False)
    )


def hold_of(s: Session, installation_id: int, request_id: str) -> BookingHold | None:
    return s.scalar(
        select(BookingHold).where(
            BookingHold.installation_id == installation_id,
            BookingHold.request_id == request_id,
        )
    )
