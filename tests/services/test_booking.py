"""Booking, moving and cancelling appointments (BookingService)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from desk_app.db import models as m
from desk_app.domain.enums import AbsenceKind, AppointmentStatus, Category, Channel, OutboxStatus
from desk_app.domain.errors import (
    AppointmentTooLong,
    BookingConflict,
    InvalidField,
    InvalidTimeRange,
    NotFound,
    OutsideOpeningHours,
    StaffUnavailable,
)
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.booking import BookingRequest
from desk_app.services.catalogue import default_week
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow, CustomerRow
from desk_app.texts.error_text import describe
from tests.conftest import Clock
from tests.services.support import (
    Salon,
    add_customer,
    berlin,
    count,
    friday,
    object_customer,
    outbox_messages,
)


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    return add_customer(services)


@pytest.fixture
def bea(services: Services) -> CustomerRow:
    return add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")


def _book(
    services: Services,
    customer: CustomerRow,
    salon: Salon,
    starts_at: datetime,
    *,
    staff_id: int | None = None,
    service_id: int | None = None,
    **options: object,
) -> AppointmentRow:
    return services.booking.book(
        BookingRequest(
            customer_id=customer.id,
            staff_id=staff_id or salon.stylist.id,
            service_id=service_id or salon.cut.id,
            starts_at=starts_at,
            **options,  # type: ignore[arg-type]
        )
    )


# ---- booking confirmation -------------------------------------------------------------------
def test_book_queues_a_booking_confirmation(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    row = _book(services, anna, salon, friday(10, 0))

    assert row.notify is True
    assert row.status is AppointmentStatus.BOOKED
    assert (row.starts_at, row.ends_at) == (friday(10, 0), friday(10, 45))
    [message] = outbox_messages(services.db)
    assert message.category == Category.TRANSACTIONAL.value
    assert message.kind == "booking_confirmation"
    assert message.status == OutboxStatus.QUEUED.value
    assert message.channel == Channel.EMAIL.value
    assert message.to_address == "anna.mueller@example.org"
    assert message.appointment_id == row.id
    assert message.client_id == row.confirmation_client_id
    assert message.not_after == friday(10, 0)
    assert "Freitag, 27. November 2026" in message.body
    assert "10:00" in message.body
    assert "Damenhaarschnitt" in message.body
    assert "Jörg Weiß" in message.body
    assert "Hallo Anna" in message.body
    assert "27. November 2026" in message.subject


def test_confirmation_uses_salon_local_time(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    # 13:30 UTC is 14:30 in Berlin (CET, UTC+1 in November).
    _book(services, anna, salon, datetime(2026, 11, 27, 13, 30, tzinfo=UTC))
    [message] = outbox_messages(services.db)
    assert "14:30" in message.body
    assert "13:30" not in message.body


def test_confirmation_in_the_customers_language(services: Services, salon: Salon) -> None:
    english = add_customer(services, "Emma", "Smith", "emma@example.org", None, language="en")
    _book(services, english, salon, friday(10, 0))
    [message] = outbox_messages(services.db)
    assert "Friday" in message.body
    assert "Freitag" not in message.body
    assert "Damenhaarschnitt" in message.body


def test_confirmation_goes_by_sms_when_preferred(services: Services, salon: Salon) -> None:
    customer = add_customer(services, preferred_channel=Channel.SMS)
    row = _book(services, customer, salon, friday(10, 0))
    [message] = outbox_messages(services.db)
    assert message.channel == Channel.SMS.value
    assert message.to_address == "+4915112345678"
    assert message.client_id == row.confirmation_client_id


def test_no_confirmation_without_any_address(services: Services, salon: Salon) -> None:
    customer = add_customer(services, email=None, phone=None)
    row = _book(services, customer, salon, friday(10, 0))
    assert row.notify is True
    assert row.confirmation_client_id is None
    assert outbox_messages(services.db) == []


def test_confirmation_falls_back_to_email_when_preferred_sms_goes_to_a_landline(
    services: Services, salon: Salon
) -> None:
    """Transactional messages need a valid address; a landline cannot take an SMS but the
    customer's valid email can take the confirmation."""
    customer = add_customer(services, phone="030 12345678", preferred_channel=Channel.SMS)
    row = _book(services, customer, salon, friday(10, 0))
    assert row.confirmation_client_id is not None
    [message] = outbox_messages(services.db)
    assert (message.channel, message.to_address) == ("email", "anna.mueller@example.org")


def test_notify_false_queues_nothing(services: Services, salon: Salon, anna: CustomerRow) -> None:
    row = _book(services, anna, salon, friday(10, 0), notify=False)
    assert row.notify is False
    assert row.confirmation_client_id is None
    assert outbox_messages(services.db) == []
    assert services.booking.get(row.id).notify is False


def test_notify_defaults_off_for_a_customer_who_objected(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    object_customer(services.db, anna.id, clock.now - timedelta(days=3))

    row = _book(services, anna, salon, friday(10, 0))

    assert row.notify is False
    assert row.confirmation_client_id is None
    assert outbox_messages(services.db) == []
    assert count(services.db, m.Appointment) == 1


def test_objected_customer_with_notify_switched_on_gets_the_confirmation(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    object_customer(services.db, anna.id, clock.now - timedelta(days=3))

    row = _book(services, anna, salon, friday(10, 0), notify=True)

    assert row.notify is True
    [message] = outbox_messages(services.db)
    assert message.kind == "booking_confirmation"
    assert message.client_id == row.confirmation_client_id


def test_objection_of_another_customer_does_not_matter(
    services: Services, salon: Salon, anna: CustomerRow, bea: CustomerRow, clock: Clock
) -> None:
    object_customer(services.db, bea.id, clock.now - timedelta(days=1))
    row = _book(services, anna, salon, friday(10, 0))
    assert row.notify is True
    assert len(outbox_messages(services.db)) == 1


# ---- clashes --------------------------------------------------------------------------------
def test_overlapping_booking_raises_conflict_naming_the_clash(
    services: Services, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    first = _book(services, anna, salon, friday(10, 0))

    with pytest.raises(BookingConflict) as info:
        _book(services, bea, salon, friday(10, 30))

    clash = info.value
    assert clash.clash_id == first.id
    assert clash.staff_name == "Jörg Weiß"
    assert clash.customer_name == "Anna Müller"
    assert (clash.clash_starts_at, clash.clash_ends_at) == (friday(10, 0), friday(10, 45))
    assert count(services.db, m.Appointment) == 1
    assert len(outbox_messages(services.db)) == 1  # only the first confirmation


@pytest.mark.parametrize(
    ("start", "minutes"),
    [
        ((9, 30), 45),  # ends inside
        ((10, 44), 10),  # starts inside
        ((9, 0), 180),  # encloses it
        ((10, 10), 5),  # inside it
        ((10, 0), 45),  # same slot
    ],
)
def test_every_kind_of_overlap_is_refused(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bea: CustomerRow,
    start: tuple[int, int],
    minutes: int,
) -> None:
    first = _book(services, anna, salon, friday(10, 0))
    with pytest.raises(BookingConflict) as info:
        _book(services, bea, salon, friday(*start), minutes=minutes)
    assert info.value.clash_id == first.id


def test_touching_bookings_are_fine(
    services: Services, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    middle = _book(services, anna, salon, friday(10, 0))
    after = _book(services, bea, salon, friday(10, 45))
    before = _book(services, bea, salon, friday(9, 15))

    assert (before.ends_at, middle.starts_at) == (friday(10, 0), friday(10, 0))
    assert after.starts_at == middle.ends_at
    assert count(services.db, m.Appointment) == 3


def test_same_slot_with_another_staff_member_is_fine(
    services: Services, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    _book(services, anna, salon, friday(10, 0))
    row = _book(services, bea, salon, friday(10, 0), staff_id=salon.other_stylist.id)
    assert row.staff_name == "Aylin Öztürk"


def test_first_free_finds_whoever_is_free_in_the_order_given(
    services: Services, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    both = [salon.stylist.id, salon.other_stylist.id]
    ten = berlin(2026, 11, 25, 10)
    request = BookingRequest(anna.id, 0, salon.cut.id, ten)  # the staff id is not looked at
    assert services.booking.first_free(request, both) == salon.stylist.id
    _book(services, bea, salon, ten)
    assert services.booking.first_free(request, both) == salon.other_stylist.id
    _book(services, bea, salon, ten, staff_id=salon.other_stylist.id)
    assert services.booking.first_free(request, both) is None
    # Outside the opening hours nobody counts as free, even with the override asked for.
    services.catalogue.set_opening_hours(default_week(time(9, 0), time(18, 0)))
    late = BookingRequest(anna.id, 0, salon.cut.id, berlin(2026, 11, 25, 20), override=True)
    assert services.booking.first_free(late, both) is None


def test_cancelled_booking_frees_the_slot(
    services: Services, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    first = _book(services, anna, salon, friday(10, 0))
    cancelled = services.booking.cancel(first.id)
    assert cancelled.status is AppointmentStatus.CANCELLED

    second = _book(services, bea, salon, friday(10, 0))

    assert second.id != first.id
    assert services.booking.get(first.id).status is AppointmentStatus.CANCELLED


def test_no_show_frees_the_slot_but_done_does_not(
    services: Services, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    no_show = _book(services, anna, salon, friday(10, 0))
    services.booking.set_status(no_show.id, AppointmentStatus.NO_SHOW)
    _book(services, bea, salon, friday(10, 0), staff_id=salon.stylist.id)

    done = _book(services, anna, salon, friday(12, 0))
    services.booking.set_status(done.id, AppointmentStatus.DONE)
    with pytest.raises(BookingConflict):
        _book(services, bea, salon, friday(12, 0))


def test_reactivating_a_cancelled_booking_onto_a_taken_slot_is_refused(
    services: Services, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    first = _book(services, anna, salon, friday(10, 0))
    services.booking.cancel(first.id)
    second = _book(services, bea, salon, friday(10, 0))

    with pytest.raises(BookingConflict) as info:
        services.booking.set_status(first.id, AppointmentStatus.BOOKED)

    assert info.value.clash_id == second.id
    assert services.booking.get(first.id).status is AppointmentStatus.CANCELLED


# ---- opening hours and absences ------------------------------------------------------------
def test_outside_opening_hours_is_refused_unless_override(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    services.catalogue.set_opening_hours(default_week(time(9, 0), time(18, 0)))

    with pytest.raises(OutsideOpeningHours) as info:
        _book(services, anna, salon, friday(8, 30))
    assert (info.value.starts_at, info.value.ends_at) == (friday(8, 30), friday(9, 15))
    with pytest.raises(OutsideOpeningHours):
        _book(services, anna, salon, friday(17, 30))  # ends 18:15
    with pytest.raises(OutsideOpeningHours):
        _book(services, anna, salon, berlin(2026, 11, 28, 10, 0))  # Saturday: closed
    assert count(services.db, m.Appointment) == 0

    row = _book(services, anna, salon, friday(8, 30), override=True)
    assert row.starts_at == friday(8, 30)
    assert count(services.db, m.Appointment) == 1


def test_opening_hours_edges_are_inside(
    services: Services, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    services.catalogue.set_opening_hours(default_week(time(9, 0), time(18, 0)))
    _book(services, anna, salon, friday(9, 0))
    _book(services, bea, salon, friday(17, 15))  # ends exactly at 18:00
    assert count(services.db, m.Appointment) == 2


def test_opening_hours_are_salon_local_time(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    services.catalogue.set_opening_hours(default_week(time(9, 0), time(18, 0)))
    # 08:00 UTC is 09:00 in Berlin: inside.
    row = _book(services, anna, salon, datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
    assert row.starts_at == friday(9, 0)
    # 17:30 UTC is 18:30 in Berlin: outside, although 17:30 < 18:00.
    with pytest.raises(OutsideOpeningHours):
        _book(services, anna, salon, datetime(2026, 11, 27, 17, 0, tzinfo=UTC), minutes=30)


def test_lunch_break_between_two_intervals_is_closed(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    services.catalogue.set_opening_hours(
        [OpeningInterval(4, time(9, 0), time(13, 0)), OpeningInterval(4, time(14, 0), time(18, 0))]
    )
    with pytest.raises(OutsideOpeningHours):
        _book(services, anna, salon, friday(12, 30))  # runs into the break
    assert _book(services, anna, salon, friday(14, 0)).starts_at == friday(14, 0)


def test_no_opening_hours_configured_means_not_limited(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    assert services.catalogue.opening_hours() == []
    late = _book(services, anna, salon, berlin(2026, 11, 29, 22, 0))  # Sunday night
    early = _book(services, anna, salon, friday(6, 0))
    assert (late.starts_at, early.starts_at) == (berlin(2026, 11, 29, 22, 0), friday(6, 0))


def test_absence_raises_staff_unavailable(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    services.catalogue.add_absence(salon.stylist.id, AbsenceKind.ABSENCE, friday(11, 0), friday(15))

    with pytest.raises(StaffUnavailable) as info:
        _book(services, anna, salon, friday(10, 30))  # runs into the absence

    assert info.value.staff_name == "Jörg Weiß"
    assert info.value.kind is AbsenceKind.ABSENCE
    assert (info.value.starts_at, info.value.ends_at) == (friday(11, 0), friday(15, 0))
    assert count(services.db, m.Appointment) == 0

    # Before it, with someone else, or on purpose: fine.
    _book(services, anna, salon, friday(10, 15))
    _book(services, anna, salon, friday(12, 0), staff_id=salon.other_stylist.id)
    _book(services, anna, salon, friday(13, 0), override=True)
    assert count(services.db, m.Appointment) == 3


def test_break_raises_staff_unavailable(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    services.catalogue.add_absence(salon.stylist.id, AbsenceKind.BREAK, friday(12, 30), friday(13))
    with pytest.raises(StaffUnavailable) as info:
        _book(services, anna, salon, friday(12, 0))
    assert info.value.kind is AbsenceKind.BREAK
    assert _book(services, anna, salon, friday(13, 0)).starts_at == friday(13, 0)


# ---- invalid requests -----------------------------------------------------------------------
def test_naive_start_is_refused(services: Services, salon: Salon, anna: CustomerRow) -> None:
    with pytest.raises(InvalidField) as info:
        _book(services, anna, salon, datetime(2026, 11, 27, 10, 0))
    assert (info.value.field, info.value.problem) == ("start", "no_time_zone")


def test_non_positive_length_is_refused(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    with pytest.raises(InvalidTimeRange):
        _book(services, anna, salon, friday(10, 0), minutes=0)
    assert count(services.db, m.Appointment) == 0


def test_longer_than_a_day_is_refused_when_booked_moved_or_resized(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    with pytest.raises(AppointmentTooLong) as info:
        _book(services, anna, salon, friday(10, 0), minutes=24 * 60 + 15, override=True)
    assert info.value.max_hours == 24
    assert info.value.ends_at - info.value.starts_at == timedelta(hours=24, minutes=15)
    assert count(services.db, m.Appointment) == 0
    # A whole day is the most (outside the opening hours only on purpose).
    whole_day = _book(services, anna, salon, friday(10, 0), minutes=24 * 60, override=True)
    short = _book(services, anna, salon, friday(10, 0) + timedelta(days=2))
    with pytest.raises(AppointmentTooLong):
        services.booking.reschedule(short.id, short.starts_at, minutes=25 * 60, override=True)
    with pytest.raises(AppointmentTooLong):  # moved to another staff member, length kept
        services.booking.reschedule(
            short.id, short.starts_at, salon.other_stylist.id, minutes=24 * 60 + 1, override=True
        )
    assert services.booking.get(short.id).ends_at == short.ends_at
    assert services.booking.get(whole_day.id).ends_at == friday(10, 0) + timedelta(days=1)


def test_too_long_reads_as_a_sentence_with_the_limit() -> None:
    text = describe(AppointmentTooLong(friday(10, 0), friday(10, 0) + timedelta(hours=30), 24))
    assert "24 hours" in text
    assert "AppointmentTooLong" not in text and "longer than 24 h" not in text


@pytest.mark.parametrize("which", ["customer", "staff", "service"])
def test_unknown_references_raise_not_found(
    services: Services, salon: Salon, anna: CustomerRow, which: str
) -> None:
    ids = {"customer_id": anna.id, "staff_id": salon.stylist.id, "service_id": salon.cut.id}
    ids[f"{which}_id"] = 999
    with pytest.raises(NotFound) as info:
        services.booking.book(BookingRequest(starts_at=friday(10, 0), **ids))
    assert info.value.kind == which


def test_minutes_override_the_service_duration(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    row = _book(services, anna, salon, friday(10, 0), service_id=salon.colour.id)
    assert row.ends_at - row.starts_at == timedelta(minutes=90)
    row = _book(services, anna, salon, friday(14, 0), minutes=20)
    assert row.ends_at == friday(14, 20)


# ---- reschedule -----------------------------------------------------------------------------
def test_reschedule_onto_a_booked_slot_raises_and_changes_nothing(
    services: Services, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    first = _book(services, anna, salon, friday(10, 0))
    second = _book(services, bea, salon, friday(14, 0))

    with pytest.raises(BookingConflict) as info:
        services.booking.reschedule(second.id, friday(10, 30))

    assert info.value.clash_id == first.id
    assert info.value.customer_name == "Anna Müller"
    unchanged = services.booking.get(second.id)
    assert (unchanged.starts_at, unchanged.ends_at) == (friday(14, 0), friday(14, 45))
    assert unchanged.staff_id == salon.stylist.id


def test_reschedule_to_another_staff_member(
    services: Services, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    _book(services, anna, salon, friday(10, 0))
    second = _book(services, bea, salon, friday(14, 0))

    moved = services.booking.reschedule(second.id, friday(10, 0), staff_id=salon.other_stylist.id)

    assert (moved.staff_id, moved.staff_name) == (salon.other_stylist.id, "Aylin Öztürk")
    assert (moved.starts_at, moved.ends_at) == (friday(10, 0), friday(10, 45))
    stored = services.booking.get(second.id)
    assert (stored.staff_id, stored.starts_at) == (salon.other_stylist.id, friday(10, 0))
    # The old slot is free again.
    _book(services, anna, salon, friday(14, 0))


def test_reschedule_to_another_staff_member_who_is_busy_is_refused(
    services: Services, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    busy = _book(services, anna, salon, friday(10, 0), staff_id=salon.other_stylist.id)
    second = _book(services, bea, salon, friday(10, 0))

    with pytest.raises(BookingConflict) as info:
        services.booking.reschedule(second.id, friday(10, 15), staff_id=salon.other_stylist.id)

    assert info.value.clash_id == busy.id
    assert info.value.staff_name == "Aylin Öztürk"
    assert services.booking.get(second.id).staff_id == salon.stylist.id


def test_reschedule_overlapping_its_own_old_slot_is_fine(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    row = _book(services, anna, salon, friday(10, 0))
    moved = services.booking.reschedule(row.id, friday(10, 15), minutes=60)
    assert (moved.starts_at, moved.ends_at) == (friday(10, 15), friday(11, 15))


def test_reschedule_respects_opening_hours(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    services.catalogue.set_opening_hours(default_week(time(9, 0), time(18, 0)))
    row = _book(services, anna, salon, friday(10, 0))
    with pytest.raises(OutsideOpeningHours):
        services.booking.reschedule(row.id, friday(17, 45))
    assert services.booking.get(row.id).starts_at == friday(10, 0)
    moved = services.booking.reschedule(row.id, friday(17, 45), override=True)
    assert moved.ends_at == friday(18, 30)


def test_between_lists_overlapping_appointments_in_order(
    services: Services, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    late = _book(services, bea, salon, friday(15, 0))
    early = _book(services, anna, salon, friday(9, 0), staff_id=salon.other_stylist.id)
    _book(services, anna, salon, berlin(2026, 11, 30, 9, 0))  # Monday: outside the range

    rows = services.booking.between(friday(9, 30), friday(15, 1))

    assert [r.id for r in rows] == [early.id, late.id]
    assert [r.customer_name for r in rows] == ["Anna Müller", "Bea Bauer"]
