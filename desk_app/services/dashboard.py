"""The owner's dashboard in numbers: the consent funnel, and messages, unsubscribes and
bookings per week; no-shows and late cancellations per month.

Every figure is one set-based query (GROUP BY), never one query per row. Weeks are ISO
weeks (Monday to Sunday) in the salon's time zone. SQLite has no time zones, so the
week boundaries are computed here (through zoneinfo, so summer time is right) and handed
to the database as UTC instants; a CASE expression then puts each row into its week.
That is the same SQL on SQLite and PostgreSQL, and a message sent at 23:30 UTC on a
Sunday in summer counts for the Monday's week it belongs to in Berlin.

Plain Python; no Qt here. May import: sqlalchemy, desk_app.db, desk_app.domain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    SQLColumnExpression,
    and_,
    case,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.enums import (
    AppointmentStatus,
    BookingSource,
    Category,
    Channel,
    ConsentEvent,
    ConsentSource,
    OutboxStatus,
)

# Handed over to the gateway (or further): these count as sent. Queued, failed, rejected
# and expired messages never left the salon.
SENT_STATUSES: tuple[OutboxStatus, ...] = (
    OutboxStatus.ACCEPTED,
    OutboxStatus.SENT,
    OutboxStatus.DELIVERED,
    OutboxStatus.BOUNCED,
)
# How a customer can declare consent (the others, link and SMS reply, only withdraw).
DECLARATION_SOURCES: tuple[ConsentSource, ...] = (
    ConsentSource.PHONE,
    ConsentSource.IN_PERSON,
    ConsentSource.WRITTEN,
    ConsentSource.ONLINE,
)
UNSUBSCRIBE_EVENTS: tuple[ConsentEvent, ...] = (ConsentEvent.OBJECTED, ConsentEvent.REVOKED)
MAX_WEEKS = 104
ATTENDANCE_MONTHS = 12

_K = TypeVar("_K")


@dataclass(frozen=True)
class WeekRow:
    """One ISO week of the salon's calendar."""

    year: int  # the ISO year (the days around New Year may belong to the other year)
    number: int  # ISO week number, 1..53
    starts_on: date  # its Monday, salon-local


@dataclass(frozen=True)
class FunnelRow:
    """Declarations of one source and channel made in the period, and how many of them
    the customer confirmed (a ``confirmed`` ledger entry with the same request id)."""

    source: ConsentSource
    channel: Channel
    declared: int
    confirmed: int

    @property
    def rate(self) -> float | None:
        """Confirmed share of the declarations, 0..1; None without declarations."""
        return self.confirmed / self.declared if self.declared else None


@dataclass(frozen=True)
class MonthAttendance:
    """One salon-local calendar month: appointments that started in it and were not kept."""

    year: int
    month: int
    no_shows: int
    late_cancellations: int


@dataclass(frozen=True)
class DashboardRow:
    """Everything the dashboard shows for one period.

    Every weekly series has one count per entry of ``weeks`` (oldest first, the current
    week last, weeks without anything are 0), and every key is present.
    """

    as_of: datetime  # when the figures were taken (aware UTC)
    time_zone: str
    weeks: tuple[WeekRow, ...]
    funnel: tuple[FunnelRow, ...]  # DECLARATION_SOURCES × Channel first, then any other
    messages: Mapping[Category, tuple[int, ...]]  # sent messages by category
    unsubscribes: Mapping[ConsentEvent, tuple[int, ...]]  # OBJECTED and REVOKED
    bookings: Mapping[BookingSource, tuple[int, ...]]  # new bookings, not cancelled
    # No-shows and late cancellations per month (issue 14), the last ATTENDANCE_MONTHS
    # months up to the current one, by the appointment's start: it is the month the chair
    # stayed empty, whatever period the weekly charts show.
    attendance: tuple[MonthAttendance, ...] = ()

    @property
    def period_start(self) -> date:
        return self.weeks[0].starts_on

    @property
    def period_end(self) -> date:
        """The day after the period (the Monday after the current week)."""
        return self.weeks[-1].starts_on + timedelta(days=7)


def weekly_totals(series: Mapping[Any, Sequence[int]]) -> tuple[int, ...]:
    """The sum of several weekly series, week by week."""
    columns = list(zip(*series.values(), strict=True))
    return tuple(sum(column) for column in columns)


def week_rows(now: datetime, weeks: int, time_zone: str) -> tuple[WeekRow, ...]:
    """The last ``weeks`` ISO weeks up to and including the one ``now`` falls in, locally."""
    today = now.astimezone(ZoneInfo(time_zone)).date()
    monday = today - timedelta(days=today.weekday())
    rows = []
    for back in range(weeks - 1, -1, -1):
        starts_on = monday - timedelta(weeks=back)
        iso = starts_on.isocalendar()
        rows.append(WeekRow(iso.year, iso.week, starts_on))
    return tuple(rows)


class DashboardService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def overview(self, weeks: int = 12, time_zone: str = "Europe/Berlin") -> DashboardRow:
        """The last ``weeks`` weeks (the current one included, so it is still running).

        The funnel counts the declarations made in those weeks and which of them have
        been confirmed so far; a confirmation after the period still counts.
        """
        if not 1 <= weeks <= MAX_WEEKS:
            raise ValueError(f"weeks must be 1..{MAX_WEEKS}, not {weeks}")
        zone = ZoneInfo(time_zone)
        now = self._clock()
        week_list = week_rows(now, weeks, time_zone)
        starts = [w.starts_on for w in week_list]
        bounds = [
            datetime.combine(day, time(0), zone)
            for day in [*starts, starts[-1] + timedelta(days=7)]
        ]
        with self._db.read() as s:
            return DashboardRow(
                as_of=now,
                time_zone=time_zone,
                weeks=week_list,
                funnel=_funnel(s, bounds[0], bounds[-1]),
                messages=_messages(s, bounds),
                unsubscribes=_unsubscribes(s, bounds),
                bookings=_bookings(s, bounds),
                attendance=_attendance(s, now, zone),
            )


# ---- queries ------------------------------------------------------------------------------
def _funnel(s: Session, start: datetime, end: datetime) -> tuple[FunnelRow, ...]:
    ledger = m.ConsentLedgerEntry
    confirmed = (
        select(ledger.request_id.label("request_id"))
        .where(ledger.event == ConsentEvent.CONFIRMED.value, ledger.request_id.is_not(None))
        .distinct()
        .subquery("confirmed")
    )
    declared = (
        select(ledger.id, ledger.source, ledger.channel, ledger.request_id)
        .where(
            ledger.event == ConsentEvent.DECLARED.value,
            ledger.source.is_not(None),
            ledger.channel.is_not(None),
            ledger.at >= start,
            ledger.at < end,
        )
        .subquery("declared")
    )
    query = (
        select(
            declared.c.source,
            declared.c.channel,
            func.count(declared.c.id),
            func.count(confirmed.c.request_id),
        )
        .select_from(declared)
        .outerjoin(confirmed, confirmed.c.request_id == declared.c.request_id)
        .group_by(declared.c.source, declared.c.channel)
    )
    counts: dict[tuple[ConsentSource, Channel], tuple[int, int]] = {
        (source, channel): (0, 0) for source in DECLARATION_SOURCES for channel in Channel
    }
    for source, channel, declared_count, confirmed_count in s.execute(query):
        counts[(ConsentSource(source), Channel(channel))] = (
            int(declared_count),
            int(confirmed_count),
        )
    return tuple(
        FunnelRow(source, channel, declared_count, confirmed_count)
        for (source, channel), (declared_count, confirmed_count) in counts.items()
    )


def _messages(s: Session, bounds: Sequence[datetime]) -> dict[Category, tuple[int, ...]]:
    message = m.OutboxMessage
    # A message planned for later (a campaign's send time, a reminder) goes out at
    # not_before, not when it was queued: count it in that week.
    send_moment = case(
        (message.not_before > message.created_at, message.not_before),
        else_=message.created_at,
    )
    query = _weekly_query(
        send_moment,
        bounds,
        message.category,
        message.status.in_([status.value for status in SENT_STATUSES]),
    )
    return _zero_filled(s.execute(query), Category, Category, len(bounds) - 1)


def _unsubscribes(s: Session, bounds: Sequence[datetime]) -> dict[ConsentEvent, tuple[int, ...]]:
    ledger = m.ConsentLedgerEntry
    query = _weekly_query(
        ledger.at,
        bounds,
        ledger.event,
        ledger.event.in_([event.value for event in UNSUBSCRIBE_EVENTS]),
    )
    return _zero_filled(s.execute(query), UNSUBSCRIBE_EVENTS, ConsentEvent, len(bounds) - 1)


def _bookings(s: Session, bounds: Sequence[datetime]) -> dict[BookingSource, tuple[int, ...]]:
    appointment = m.Appointment
    query = _weekly_query(
        appointment.created_at,
        bounds,
        appointment.source,
        appointment.status != AppointmentStatus.CANCELLED.value,
    )
    return _zero_filled(s.execute(query), BookingSource, BookingSource, len(bounds) - 1)


def month_starts(now: datetime, months: int, zone: ZoneInfo) -> list[date]:
    """The first days of the last ``months`` local months up to ``now``'s, and of the next."""
    today = now.astimezone(zone).date()
    index = today.year * 12 + today.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 2)]


def _attendance(s: Session, now: datetime, zone: ZoneInfo) -> tuple[MonthAttendance, ...]:
    firsts = month_starts(now, ATTENDANCE_MONTHS, zone)
    bounds = [datetime.combine(day, time(0), zone) for day in firsts]
    appointment = m.Appointment
    kept_apart = case(
        (appointment.status == AppointmentStatus.NO_SHOW.value, "no_show"), else_="late"
    )
    not_kept = or_(
        appointment.status == AppointmentStatus.NO_SHOW.value,
        and_(
            appointment.status == AppointmentStatus.CANCELLED.value,
            appointment.late_cancellation.is_(True),
        ),
    )
    counts = _zero_filled(
        s.execute(_weekly_query(appointment.starts_at, bounds, kept_apart, not_kept)),
        ("no_show", "late"),
        str,
        len(bounds) - 1,
    )
    return tuple(
        MonthAttendance(day.year, day.month, counts["no_show"][i], counts["late"][i])
        for i, day in enumerate(firsts[:-1])
    )


def _weekly_query(
    moment: SQLColumnExpression[datetime],
    bounds: Sequence[datetime],
    key: SQLColumnExpression[str],
    condition: ColumnElement[bool],
) -> Select[Any]:
    """(period index, key, count) for the rows whose ``moment`` lies within ``bounds``
    (weeks, or any other consecutive periods).

    The week is computed in a subquery and grouped by its name outside: PostgreSQL
    cannot tell that a CASE full of bound parameters in GROUP BY is the one in SELECT.
    """
    whens = [(moment < bound, index) for index, bound in enumerate(bounds[1:-1])]
    week: ColumnElement[int] = case(*whens, else_=len(bounds) - 2) if whens else literal(0, Integer)
    rows = (
        select(week.label("week"), key.label("key"))
        .where(condition, moment >= bounds[0], moment < bounds[-1])
        .subquery("rows")
    )
    return select(rows.c.week, rows.c.key, func.count()).group_by(rows.c.week, rows.c.key)


def _zero_filled(
    result: Iterable[Any],
    keys: Iterable[_K],
    parse: Callable[[str], _K],
    weeks: int,
) -> dict[_K, tuple[int, ...]]:
    counts: dict[_K, list[int]] = {key: [0] * weeks for key in keys}
    for week, raw_key, number in result:
        key = parse(raw_key)
        counts.setdefault(key, [0] * weeks)[int(week)] += int(number)
    return {key: tuple(values) for key, values in counts.items()}
