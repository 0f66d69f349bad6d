"""The dashboard's figures: exact counts for a known history, weeks without anything,
and week boundaries in salon-local time (both backends)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

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
from desk_app.services.container import Services
from desk_app.services.dashboard import (
    DashboardService,
    FunnelRow,
    WeekRow,
    week_rows,
    weekly_totals,
)
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, add_ledger_entry, berlin

# The conftest clock: Wednesday 2026-11-25 08:00 UTC, in ISO week 48 (Monday 23 November).
# With 12 weeks the period starts on Monday 7 September (week 37); index 11 is week 48.
THIS_WEEK = 11
LAST_WEEK = 10


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def weeks_with(weeks: int, **by_index: int) -> tuple[int, ...]:
    """A weekly series of zeros except the given ``i<index>=count`` weeks."""
    counts = [0] * weeks
    for name, number in by_index.items():
        counts[int(name.removeprefix("i"))] = number
    return tuple(counts)


def funnel_of(rows: tuple[FunnelRow, ...]) -> dict[tuple[ConsentSource, Channel], tuple[int, int]]:
    return {(r.source, r.channel): (r.declared, r.confirmed) for r in rows}


_client_ids = itertools.count()


def add_message(
    db: Database,
    customer_id: int,
    category: Category,
    status: OutboxStatus,
    created_at: datetime,
    not_before: datetime | None = None,
) -> None:
    """An outbox row as queueing and a later sync would have left it."""
    with db.write() as s:
        s.add(
            m.OutboxMessage(
                client_id=f"dashboard-{next(_client_ids)}",
                customer_id=customer_id,
                channel=Channel.EMAIL.value,
                category=category.value,
                kind="test",
                to_address="anna@example.org",
                status=status.value,
                created_at=created_at,
                updated_at=created_at,
                not_before=not_before,
            )
        )


def add_booking(
    services: Services,
    salon: Salon,
    customer_id: int,
    created_at: datetime,
    source: BookingSource = BookingSource.COUNTER,
    status: AppointmentStatus = AppointmentStatus.BOOKED,
    hour: int = 9,
) -> None:
    """An appointment made at ``created_at`` (each in its own hour: no overlaps)."""
    starts = berlin(2026, 12, 1, hour)
    with services.db.write() as s:
        s.add(
            m.Appointment(
                customer_id=customer_id,
                staff_id=salon.stylist.id,
                service_id=salon.cut.id,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=45),
                status=status.value,
                source=source.value,
                created_at=created_at,
                updated_at=created_at,
            )
        )


@pytest.fixture
def dashboard(services: Services, clock: Clock) -> DashboardService:
    return DashboardService(services.db, clock)


# ---- weeks --------------------------------------------------------------------------------
def test_weeks_are_iso_weeks_in_local_time() -> None:
    # Sunday 23:30 UTC is already Monday in Berlin: the new week is the current one.
    rows = week_rows(utc(2026, 11, 22, 23, 30), 3, "Europe/Berlin")

    assert rows == (
        WeekRow(2026, 46, date(2026, 11, 9)),
        WeekRow(2026, 47, date(2026, 11, 16)),
        WeekRow(2026, 48, date(2026, 11, 23)),
    )
    assert week_rows(utc(2026, 11, 22, 23, 30), 1, "UTC") == (
        WeekRow(2026, 47, date(2026, 11, 16)),
    )


def test_weeks_around_new_year_keep_the_iso_year() -> None:
    rows = week_rows(utc(2027, 1, 5, 12), 2, "Europe/Berlin")

    assert rows == (WeekRow(2026, 53, date(2026, 12, 28)), WeekRow(2027, 1, date(2027, 1, 4)))


def test_an_empty_salon_has_zero_filled_weeks(dashboard: DashboardService) -> None:
    row = dashboard.overview(weeks=12)

    assert [w.number for w in row.weeks] == list(range(37, 49))
    assert row.period_start == date(2026, 9, 7)
    assert row.period_end == date(2026, 11, 30)
    zeros = (0,) * 12
    assert row.messages == dict.fromkeys(Category, zeros)
    assert row.unsubscribes == {ConsentEvent.OBJECTED: zeros, ConsentEvent.REVOKED: zeros}
    assert row.bookings == dict.fromkeys(BookingSource, zeros)
    assert len(row.funnel) == 8  # four declaration sources × two channels
    assert all(r.declared == r.confirmed == 0 and r.rate is None for r in row.funnel)


def test_weeks_out_of_range_are_refused(dashboard: DashboardService) -> None:
    with pytest.raises(ValueError):
        dashboard.overview(weeks=0)


# ---- exact counts -------------------------------------------------------------------------
def test_consent_funnel_by_source_and_channel(
    services: Services, dashboard: DashboardService
) -> None:
    anna = add_customer(services).id
    db = services.db

    def declared(request: str, source: ConsentSource, channel: Channel, at: datetime) -> None:
        add_ledger_entry(db, anna, ConsentEvent.DECLARED, at, channel, request, source)

    def confirmed(request: str, channel: Channel, at: datetime) -> None:
        add_ledger_entry(db, anna, ConsentEvent.CONFIRMED, at, channel, request)

    # By phone for email: three declarations, two confirmed (one of them twice).
    declared("p1", ConsentSource.PHONE, Channel.EMAIL, utc(2026, 10, 1, 9))
    declared("p2", ConsentSource.PHONE, Channel.EMAIL, utc(2026, 11, 2, 9))
    declared("p3", ConsentSource.PHONE, Channel.EMAIL, utc(2026, 11, 24, 9))
    confirmed("p1", Channel.EMAIL, utc(2026, 10, 1, 12))
    confirmed("p2", Channel.EMAIL, utc(2026, 11, 3, 12))
    confirmed("p2", Channel.EMAIL, utc(2026, 11, 3, 13))
    # Online for SMS: one, confirmed. In person for email: one, not (yet) confirmed.
    declared("o1", ConsentSource.ONLINE, Channel.SMS, utc(2026, 11, 20, 9))
    confirmed("o1", Channel.SMS, utc(2026, 11, 21, 9))
    declared("i1", ConsentSource.IN_PERSON, Channel.EMAIL, utc(2026, 11, 25, 7))
    # Declared before the period (confirmed within it): not part of this period's funnel.
    declared("old", ConsentSource.WRITTEN, Channel.SMS, utc(2026, 9, 6, 21))
    confirmed("old", Channel.SMS, utc(2026, 9, 8, 9))
    # A confirmation of nothing declared here changes nothing.
    confirmed("stray", Channel.EMAIL, utc(2026, 11, 4, 9))

    funnel = funnel_of(dashboard.overview(weeks=12).funnel)

    assert funnel[(ConsentSource.PHONE, Channel.EMAIL)] == (3, 2)
    assert funnel[(ConsentSource.ONLINE, Channel.SMS)] == (1, 1)
    assert funnel[(ConsentSource.IN_PERSON, Channel.EMAIL)] == (1, 0)
    assert funnel[(ConsentSource.WRITTEN, Channel.SMS)] == (0, 0)
    assert sum(d for d, _ in funnel.values()) == 5
    rates = {(r.source, r.channel): r.rate for r in dashboard.overview(weeks=12).funnel}
    assert rates[(ConsentSource.PHONE, Channel.EMAIL)] == pytest.approx(2 / 3)
    # The longer period takes in the old declaration (Sunday 6 September, 23:00 in Berlin).
    assert funnel_of(dashboard.overview(weeks=13).funnel)[(ConsentSource.WRITTEN, Channel.SMS)] == (
        1,
        1,
    )


def test_sent_messages_per_week_by_category(
    services: Services, dashboard: DashboardService
) -> None:
    anna = add_customer(services).id
    db = services.db
    this_week, last_week = utc(2026, 11, 24, 10), utc(2026, 11, 17, 10)
    add_message(db, anna, Category.MARKETING, OutboxStatus.DELIVERED, this_week)
    add_message(db, anna, Category.MARKETING, OutboxStatus.SENT, this_week)
    add_message(db, anna, Category.MARKETING, OutboxStatus.BOUNCED, last_week)
    add_message(db, anna, Category.TRANSACTIONAL, OutboxStatus.ACCEPTED, last_week)
    add_message(db, anna, Category.CONSENT_REQUEST, OutboxStatus.DELIVERED, utc(2026, 9, 7, 6))
    # Never left the salon: not counted.
    for status in (
        OutboxStatus.QUEUED,
        OutboxStatus.FAILED,
        OutboxStatus.REJECTED,
        OutboxStatus.EXPIRED,
    ):
        add_message(db, anna, Category.MARKETING, status, this_week)
    # Before the period: not counted.
    add_message(db, anna, Category.SERVICE_INFO, OutboxStatus.DELIVERED, utc(2026, 9, 6, 21))
    # Queued two weeks ahead of its send time: counted in the week it went out.
    add_message(
        db,
        anna,
        Category.SIMILAR_OFFER,
        OutboxStatus.SENT,
        created_at=utc(2026, 11, 3, 10),
        not_before=utc(2026, 11, 18, 8),
    )

    messages = dashboard.overview(weeks=12).messages

    assert messages == {
        Category.TRANSACTIONAL: weeks_with(12, i10=1),
        Category.CONSENT_REQUEST: weeks_with(12, i0=1),
        Category.SERVICE_INFO: weeks_with(12),
        Category.SIMILAR_OFFER: weeks_with(12, i10=1),
        Category.MARKETING: weeks_with(12, i10=1, i11=2),
    }
    assert weekly_totals(messages) == weeks_with(12, i0=1, i10=3, i11=2)


def test_unsubscribes_per_week(services: Services, dashboard: DashboardService) -> None:
    anna = add_customer(services).id
    db = services.db
    add_ledger_entry(db, anna, ConsentEvent.OBJECTED, utc(2026, 11, 25, 7))
    add_ledger_entry(db, anna, ConsentEvent.OBJECTED, utc(2026, 11, 16, 9))
    add_ledger_entry(db, anna, ConsentEvent.REVOKED, utc(2026, 11, 16, 10), Channel.SMS)
    add_ledger_entry(db, anna, ConsentEvent.REVOKED, utc(2026, 11, 17, 10), Channel.EMAIL)
    # Not an unsubscribe.
    add_ledger_entry(db, anna, ConsentEvent.EXPIRED, utc(2026, 11, 17, 11), Channel.EMAIL)

    unsubscribes = dashboard.overview(weeks=4).unsubscribes

    assert unsubscribes == {
        ConsentEvent.OBJECTED: (0, 0, 1, 1),
        ConsentEvent.REVOKED: (0, 0, 2, 0),
    }


def test_bookings_per_week_by_source_without_cancelled(
    services: Services, salon: Salon, dashboard: DashboardService
) -> None:
    anna = add_customer(services).id
    add_booking(services, salon, anna, utc(2026, 11, 23, 9), BookingSource.ONLINE, hour=9)
    add_booking(services, salon, anna, utc(2026, 11, 24, 9), BookingSource.PHONE, hour=10)
    add_booking(services, salon, anna, utc(2026, 11, 24, 9), BookingSource.PHONE, hour=11)
    add_booking(
        services,
        salon,
        anna,
        utc(2026, 11, 10, 9),
        BookingSource.COUNTER,
        AppointmentStatus.DONE,
        12,
    )
    add_booking(
        services,
        salon,
        anna,
        utc(2026, 11, 24, 9),
        BookingSource.ONLINE,
        AppointmentStatus.CANCELLED,
        13,
    )
    add_booking(
        services,
        salon,
        anna,
        utc(2026, 11, 24, 9),
        BookingSource.ONLINE,
        AppointmentStatus.NO_SHOW,
        14,
    )

    bookings = dashboard.overview(weeks=4).bookings

    assert bookings == {
        BookingSource.COUNTER: (0, 1, 0, 0),
        BookingSource.PHONE: (0, 0, 0, 2),
        BookingSource.ONLINE: (0, 0, 0, 2),
    }


# ---- week boundaries in local time ---------------------------------------------------------
def test_week_boundary_is_local_midnight_in_winter_and_summer(
    services: Services, dashboard: DashboardService
) -> None:
    anna = add_customer(services).id
    db = services.db
    # Winter (UTC+1): Sunday 22:59 UTC is Sunday 23:59 in Berlin, 23:00 UTC is Monday 00:00.
    add_ledger_entry(db, anna, ConsentEvent.OBJECTED, utc(2026, 11, 22, 22, 59))
    add_ledger_entry(db, anna, ConsentEvent.OBJECTED, utc(2026, 11, 22, 23, 0))
    add_ledger_entry(db, anna, ConsentEvent.OBJECTED, utc(2026, 11, 22, 23, 30))
    # Summer (UTC+2): Sunday 30 August 22:30 UTC is Monday 31 August 00:30 (week 36).
    add_ledger_entry(db, anna, ConsentEvent.REVOKED, utc(2026, 8, 30, 22, 30), Channel.EMAIL)
    add_ledger_entry(db, anna, ConsentEvent.REVOKED, utc(2026, 8, 30, 21, 30), Channel.EMAIL)

    row = dashboard.overview(weeks=26)

    index = {w.number: i for i, w in enumerate(row.weeks)}
    objected = row.unsubscribes[ConsentEvent.OBJECTED]
    revoked = row.unsubscribes[ConsentEvent.REVOKED]
    assert (objected[index[47]], objected[index[48]]) == (1, 2)
    assert (revoked[index[35]], revoked[index[36]]) == (1, 1)
    assert sum(objected) == 3 and sum(revoked) == 2
    # In UTC the same moments fall differently: the time zone is really used.
    utc_row = dashboard.overview(weeks=26, time_zone="UTC")
    assert utc_row.unsubscribes[ConsentEvent.OBJECTED][-2:] == (3, 0)


def test_the_current_week_follows_the_clock(
    services: Services, dashboard: DashboardService, clock: Clock
) -> None:
    anna = add_customer(services).id
    add_ledger_entry(services.db, anna, ConsentEvent.OBJECTED, utc(2026, 11, 25, 7))

    assert dashboard.overview(weeks=2).unsubscribes[ConsentEvent.OBJECTED] == (0, 1)
    clock.advance(days=7)
    assert dashboard.overview(weeks=2).unsubscribes[ConsentEvent.OBJECTED] == (1, 0)
    assert dashboard.overview(weeks=2).weeks[-1].number == 49
