"""The waitlist's rules: who waits for which freed time, in which order, and whether
an offer may go to them.

A wish is a customer waiting for a service, optionally with one staff member, between
two days, at times that suit them (weekday windows, salon-local; none: any time). A
freed slot (``attendance.FreedSlot``) fits a wish when the wished service, started at
the slot's start, ends inside the slot, on a day of the range, inside one of the
windows of that weekday, with the wished staff member (if any). The first in line is
the one who waited longest (earliest entry, then the lower id).

Pure: standard library and ``desk_app.domain`` only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from desk_app.domain.errors import InvalidField

MAX_WINDOWS = 14  # two per weekday is plenty; more is a typo or an attack
MAX_RANGE_DAYS = 366


@dataclass(frozen=True, order=True)
class TimeWindow:
    """A weekday (0 = Monday) and the salon-local times [starts, ends) that suit."""

    weekday: int
    starts: time
    ends: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise InvalidField("windows", "weekday", str(self.weekday))
        if self.ends <= self.starts:
            raise InvalidField("windows", "order", f"{self.starts}-{self.ends}")

    def to_text(self) -> str:
        return f"{self.weekday}={self.starts:%H:%M}-{self.ends:%H:%M}"

    @classmethod
    def from_text(cls, text: str) -> TimeWindow:
        """``"2=09:00-12:30"`` (the stored and command-line form)."""
        try:
            day, span = text.strip().split("=", 1)
            starts, ends = span.split("-", 1)
            return cls(int(day), time.fromisoformat(starts), time.fromisoformat(ends))
        except ValueError as exc:
            raise InvalidField("windows", "format", text) from exc


@dataclass(frozen=True)
class Wish:
    """One waiting customer's entry, as the matching needs it."""

    entry_id: int
    customer_id: int
    service_id: int
    minutes: int  # the wished service's length
    staff_id: int | None  # None: anyone
    first_day: date
    last_day: date
    windows: tuple[TimeWindow, ...]
    created_at: datetime


def check_wish(first_day: date, last_day: date, windows: Sequence[TimeWindow]) -> None:
    """Refuse a range that ends before it begins or is longer than a year, and too many
    windows (``InvalidField``)."""
    if last_day < first_day:
        raise InvalidField("last_day", "before_first", last_day.isoformat())
    if (last_day - first_day).days > MAX_RANGE_DAYS:
        raise InvalidField("last_day", "too_far", last_day.isoformat())
    if len(windows) > MAX_WINDOWS:
        raise InvalidField("windows", "too_many", str(len(windows)))


def fits(wish: Wish, staff_id: int, starts_at: datetime, ends_at: datetime, zone: ZoneInfo) -> bool:
    """Whether the wished service, started at ``starts_at``, fits this freed time."""
    if wish.staff_id is not None and wish.staff_id != staff_id:
        return False
    wished_end = starts_at + timedelta(minutes=wish.minutes)
    if wished_end > ends_at:
        return False
    local_start, local_end = starts_at.astimezone(zone), wished_end.astimezone(zone)
    if not wish.first_day <= local_start.date() <= wish.last_day:
        return False
    if not wish.windows:
        return True
    if local_end.date() != local_start.date():
        return False
    return any(
        w.weekday == local_start.weekday()
        and w.starts <= local_start.time()
        and local_end.time() <= w.ends
        for w in wish.windows
    )


def in_line(
    wishes: Iterable[Wish], staff_id: int, starts_at: datetime, ends_at: datetime, zone: ZoneInfo
) -> list[Wish]:
    """The wishes this freed time fits, the longest-waiting first."""
    fitting = [w for w in wishes if fits(w, staff_id, starts_at, ends_at, zone)]
    return sorted(fitting, key=lambda w: (w.created_at, w.entry_id))


def may_offer_after_objection(objected_at: datetime | None, asked_at: datetime) -> bool:
    """An offer is a message the customer asked for: it may go after an objection only
    when they asked for it on the entry *after* objecting (as a booking's notify switch
    set after the objection, DESIGN.md 2)."""
    return objected_at is None or asked_at > objected_at


class OfferReach(StrEnum):
    """Whether automatic offers of an entry reach its customer, as staff need to know it."""

    USUAL = "usual"  # no objection: offers go like booking messages (or the salon calls)
    ASKED = "asked"  # objected, but asked on this entry after it: offers only
    BLOCKED = "blocked"  # objected, and this entry does not lift it: no offers, call her


def offer_reach(
    objected_at: datetime | None, asked_at: datetime, *, speaks_for_customer: bool
) -> OfferReach:
    """``speaks_for_customer``: the entry was taken at the counter (the booking page
    cannot tell who typed an address, so its entries never lift an objection)."""
    if objected_at is None:
        return OfferReach.USUAL
    if speaks_for_customer and may_offer_after_objection(objected_at, asked_at):
        return OfferReach.ASKED
    return OfferReach.BLOCKED


def slot_key(opening_id: int, staff_id: int, starts_at: datetime) -> str:
    """Names one opening towards the gateway: offers of the same opening share it, and
    the gateway lets only one of them be accepted. The opening's id is part of it: a time
    that frees up again (booked from the waitlist, then cancelled) is a new opening with a
    new key, not a time the gateway still counts as taken."""
    return f"{staff_id}@{starts_at.astimezone(UTC):%Y%m%dT%H%M}#{opening_id}"
