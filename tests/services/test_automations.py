"""Automations: each one queues the right message for the right customers, and only once.

The clock starts on Wednesday 2026-11-25 08:00 UTC (09:00 in Berlin, the salon's zone).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.automations import (
    Automation,
    birthday_key,
    occasion_client_id,
    reminder_key,
    review_key,
    win_back_key,
)
from desk_app.domain.enums import (
    AppointmentStatus,
    Channel,
    ConsentEvent,
    ConsentSource,
    OutboxStatus,
)
from desk_app.services import automations
from desk_app.services.automations import AutomationResult
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services, build_services
from desk_app.services.rows import AppointmentRow, CustomerRow
from tests.conftest import Clock
from tests.services.support import (
    SALON_ADDRESS,
    Salon,
    add_customer,
    add_ledger_entry,
    berlin,
    count,
    friday,
    give_salon_address,
    ledger_rows,
    object_customer,
    outbox_messages,
)

REVIEW_URL = "https://g.page/r/salon-weiss/review"
EMAIL, SMS = Channel.EMAIL, Channel.SMS
THURSDAY_8 = berlin(2026, 11, 26, 8)  # 23 hours after the clock's start


# ---- helpers ----------------------------------------------------------------------------
def _customer(services: Services, first: str, n: int, **extra: object) -> CustomerRow:
    """A customer with an email address and a mobile number of their own."""
    extra.setdefault("email", f"{first.lower()}@example.org")
    extra.setdefault("phone", f"0151 {n:04d}5678")
    return add_customer(services, first, "Beispiel", **extra)  # type: ignore[arg-type]


def _book(
    services: Services,
    salon: Salon,
    customer: CustomerRow,
    starts_at: datetime,
    notify: bool | None = None,
    colour: bool = False,
) -> AppointmentRow:
    return services.booking.book(
        BookingRequest(
            customer_id=customer.id,
            staff_id=salon.stylist.id,
            service_id=(salon.colour if colour else salon.cut).id,
            starts_at=starts_at,
            notify=notify,
            override=True,
        )
    )


def _visit(
    services: Services, salon: Salon, customer: CustomerRow, starts_at: datetime, **kw: bool
) -> AppointmentRow:
    """A completed appointment."""
    row = _book(services, salon, customer, starts_at, **kw)
    return services.booking.set_status(row.id, AppointmentStatus.DONE)


def _confirm(services: Services, salon: Salon, customer: CustomerRow, channel: Channel) -> str:
    """Declared by staff, confirmed by the customer's click; the confirmation's request id."""
    [declared] = services.consent.declare(
        customer.id, [channel], ConsentSource.PHONE, salon.reception.name, True
    )
    at = ledger_rows(services.db, customer.id)[-1].at + timedelta(minutes=5)
    add_ledger_entry(
        services.db, customer.id, ConsentEvent.CONFIRMED, at, channel, declared.request_id
    )
    return declared.request_id


def _messages(services: Services, kind: str) -> list[m.OutboxMessage]:
    return [msg for msg in outbox_messages(services.db) if msg.kind == kind]


def _switch_on(services: Services, *which: Automation) -> None:
    for automation in which:
        services.automations.set_enabled(automation, True)


def _result(automation: Automation, **counts: object) -> AutomationResult:
    return AutomationResult(automation, enabled=True, **counts)  # type: ignore[arg-type]


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    return _customer(services, "Anna", 1)


# ---- templates --------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", ["reminder", "birthday", "review_request", "win_back"])
def test_every_automation_template_carries_the_unsubscribe_link(language: str, kind: str) -> None:
    text = (templates_dir() / language / f"{kind}.txt").read_text(encoding="utf-8")
    assert text.startswith("Subject: ")
    assert "$unsubscribe_url" in text
    assert ("$review_url" in text) is (kind == "review_request")


# ---- settings -----------------------------------------------------------------------------
def test_settings_show_the_declared_defaults_and_switches_change_them(services: Services) -> None:
    settings = services.automations.settings()
    assert dict(settings.enabled) == {
        Automation.CONFIRMATION: True,
        Automation.REMINDER: True,
        Automation.BIRTHDAY: False,
        Automation.REVIEW_REQUEST: False,
        Automation.WIN_BACK: False,
    }
    assert (settings.reminder_hours, settings.review_request_hours) == (24, 3)
    assert (settings.win_back_days, settings.review_url) == (120, "")

    changed = services.automations.set_enabled(Automation.BIRTHDAY, True)
    assert changed.enabled[Automation.BIRTHDAY] is True
    assert services.catalogue.stored_settings()["auto_birthday"] == "on"
    services.automations.set_enabled(Automation.REMINDER, False)
    assert services.catalogue.stored_settings()["auto_reminder"] == "off"


# ---- booking confirmation -----------------------------------------------------------------
def test_booking_confirmation_follows_its_switch(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    services.automations.set_enabled(Automation.CONFIRMATION, False)
    row = _book(services, salon, anna, friday(10))
    assert row.confirmation_client_id is None
    services.booking.reschedule(row.id, friday(15))
    services.booking.cancel(row.id)
    assert outbox_messages(services.db) == []

    services.automations.set_enabled(Automation.CONFIRMATION, True)
    again = _book(services, salon, anna, friday(11))
    [confirmation] = _messages(services, "booking_confirmation")
    assert (confirmation.client_id, confirmation.appointment_id) == (
        again.confirmation_client_id,
        again.id,
    )
    # The run itself never sends confirmations: they go out at booking time.
    services.automations.run()
    assert len(_messages(services, "booking_confirmation")) == 1


# ---- reminder -----------------------------------------------------------------------------
def test_reminder_for_booked_appointments_starting_within_24_hours(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    due = _book(services, salon, anna, THURSDAY_8)
    bernd = _customer(services, "Bernd", 2)
    _book(services, salon, bernd, friday(10))  # 49 hours ahead
    clara = _customer(services, "Clara", 3)
    cancelled = _book(services, salon, clara, berlin(2026, 11, 25, 15))
    services.booking.cancel(cancelled.id)
    dora = _customer(services, "Dora", 4)
    _book(services, salon, dora, berlin(2026, 11, 25, 8, 30))  # began half an hour ago
    emil = _customer(services, "Emil", 5)
    arrived = _book(services, salon, emil, berlin(2026, 11, 25, 9, 30))
    services.booking.set_status(arrived.id, AppointmentStatus.ARRIVED)  # already here

    report = services.automations.run()

    assert report[Automation.REMINDER] == _result(Automation.REMINDER, queued=1)
    assert report.queued == 1
    [reminder] = _messages(services, "reminder")
    assert reminder.customer_id == anna.id
    assert reminder.appointment_id == due.id
    assert (reminder.channel, reminder.to_address) == ("email", "anna@example.org")
    assert (reminder.category, reminder.status) == ("transactional", "queued")
    assert reminder.not_after == THURSDAY_8
    assert reminder.client_id == occasion_client_id(reminder_key(due.id, THURSDAY_8))
    assert reminder.subject == "Erinnerung: Ihr Termin bei Salon am Donnerstag, 26. November 2026"
    assert "Damenhaarschnitt bei Jörg Weiß" in reminder.body
    assert "Donnerstag, 26. November 2026 um 08:00 Uhr" in reminder.body
    assert reminder.body.rstrip().endswith("$unsubscribe_url")
    assert reminder.payload == {}  # transactional: no consent to rely on


def test_reminder_in_english_by_sms_for_a_customer_who_prefers_sms(
    services: Services, salon: Salon
) -> None:
    bernd = _customer(services, "Bernd", 2, preferred_channel=SMS, language="en")
    _book(services, salon, bernd, THURSDAY_8)
    services.automations.run()
    [reminder] = _messages(services, "reminder")
    assert (reminder.channel, reminder.to_address) == ("sms", "+4915100025678")
    assert "Thursday, 26 November 2026 at 08:00" in reminder.body


def test_reminder_for_objected_customers_only_where_notify_is_on(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    object_customer(services.db, anna.id, clock.now - timedelta(days=3))
    _book(services, salon, anna, THURSDAY_8)  # notify defaults to off after an objection
    bernd = _customer(services, "Bernd", 2)
    object_customer(services.db, bernd.id, clock.now - timedelta(days=3))
    switched_on = _book(services, salon, bernd, berlin(2026, 11, 25, 14), notify=True)
    clara = _customer(services, "Clara", 3)
    _book(services, salon, clara, berlin(2026, 11, 25, 15), notify=False)
    dora = _customer(services, "Dora", 4, email=None, phone=None)
    _book(services, salon, dora, berlin(2026, 11, 25, 16))

    report = services.automations.run()

    assert report[Automation.REMINDER] == _result(
        Automation.REMINDER,
        queued=1,
        refused={"objected": 1, "no_address": 1},
        skipped={"notify_off": 1},
    )
    [reminder] = _messages(services, "reminder")
    assert (reminder.customer_id, reminder.appointment_id) == (bernd.id, switched_on.id)


def test_reminder_switched_off_queues_nothing(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    services.automations.set_enabled(Automation.REMINDER, False)
    _book(services, salon, anna, THURSDAY_8)
    report = services.automations.run()
    assert report[Automation.REMINDER] == AutomationResult(Automation.REMINDER, enabled=False)
    assert _messages(services, "reminder") == []


def test_reminder_comes_when_the_clock_reaches_the_window(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    row = _book(services, salon, anna, friday(10))  # 09:00 UTC, 49 hours ahead
    assert services.automations.run()[Automation.REMINDER].queued == 0
    clock.advance(hours=24)  # 25 hours ahead
    assert services.automations.run()[Automation.REMINDER].queued == 0
    clock.advance(hours=1)  # exactly 24 hours ahead
    assert services.automations.run()[Automation.REMINDER].queued == 1
    [reminder] = _messages(services, "reminder")
    assert reminder.appointment_id == row.id
    assert services.automations.run()[Automation.REMINDER] == _result(
        Automation.REMINDER, skipped_already_sent=1
    )


def test_moving_an_appointment_withdraws_the_waiting_reminder_and_reminds_of_the_new_time(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    row = _book(services, salon, anna, THURSDAY_8)
    services.automations.run()
    services.booking.reschedule(row.id, berlin(2026, 11, 25, 17))

    [old] = _messages(services, "reminder")
    assert (old.status, old.reason) == ("rejected", "superseded")
    assert services.automations.run()[Automation.REMINDER].queued == 1
    old, new = _messages(services, "reminder")
    assert new.status == "queued"
    assert "Mittwoch, 25. November 2026 um 17:00 Uhr" in new.body
    assert new.client_id == occasion_client_id(reminder_key(row.id, berlin(2026, 11, 25, 17)))
    assert services.automations.run()[Automation.REMINDER].queued == 0


def test_cancelling_withdraws_the_waiting_reminder(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    row = _book(services, salon, anna, THURSDAY_8)
    services.automations.run()
    services.booking.cancel(row.id)
    [reminder] = _messages(services, "reminder")
    assert (reminder.status, reminder.reason) == ("rejected", "cancelled")
    assert services.automations.run()[Automation.REMINDER] == _result(Automation.REMINDER)


# ---- birthday ---------------------------------------------------------------------------------
def test_birthday_greeting_goes_to_customers_with_confirmed_consent(
    services: Services, salon: Salon, clock: Clock
) -> None:
    _switch_on(services, Automation.BIRTHDAY)
    born = {"birthday": date(1990, 11, 25)}
    anna = _customer(services, "Anna", 1, **born)
    anna_ref = _confirm(services, salon, anna, EMAIL)
    bernd = _customer(services, "Bernd", 2, **born)  # never asked
    clara = _customer(services, "Clara", 3, **born)
    services.consent.declare(clara.id, [EMAIL], ConsentSource.PHONE, salon.reception.name, True)
    dora = _customer(services, "Dora", 4, **born)
    _confirm(services, salon, dora, EMAIL)
    clock.advance(minutes=10)  # after her confirmation
    object_customer(services.db, dora.id, clock.now)
    emil = _customer(services, "Emil", 5, birthday=date(1990, 11, 26))  # tomorrow
    _confirm(services, salon, emil, EMAIL)
    fritz = _customer(services, "Fritz", 6, **born)  # prefers email, confirmed SMS only
    fritz_ref = _confirm(services, salon, fritz, SMS)

    report = services.automations.run()

    assert report[Automation.BIRTHDAY] == _result(
        Automation.BIRTHDAY,
        queued=2,
        refused={"no_consent": 1, "consent_pending": 1, "objected": 1},
    )
    greetings = {msg.customer_id: msg for msg in _messages(services, "birthday")}
    assert set(greetings) == {anna.id, fritz.id}
    assert {bernd.id, clara.id, dora.id, emil.id}.isdisjoint(greetings)
    mail, sms = greetings[anna.id], greetings[fritz.id]
    assert (mail.channel, mail.to_address, mail.category) == ("email", anna.email, "marketing")
    assert mail.payload == {"basis_ref": anna_ref}
    assert mail.client_id == occasion_client_id(birthday_key(anna.id, 2026))
    assert mail.subject == "Alles Gute zum Geburtstag, Anna!"
    assert mail.not_after == berlin(2026, 11, 26, 0)  # on the day only
    assert (sms.channel, sms.to_address, sms.payload) == (
        "sms",
        fritz.phone,
        {"basis_ref": fritz_ref},
    )
    # The greeting advertises: the email carries the salon's imprint, the SMS does not.
    assert mail.body.rstrip().endswith(f"--\nImpressum: Salon · {SALON_ADDRESS}")
    assert "Impressum" not in sms.body


def test_no_advertising_email_goes_without_the_salons_address(
    services: Services, salon: Salon, clock: Clock
) -> None:
    give_salon_address(services.db, "")
    _switch_on(services, Automation.BIRTHDAY)
    born = {"birthday": date(1990, 11, 25)}
    anna = _customer(services, "Anna", 1, **born)
    _confirm(services, salon, anna, EMAIL)
    fritz = _customer(services, "Fritz", 6, **born)
    _confirm(services, salon, fritz, SMS)

    report = services.automations.run()

    assert report[Automation.BIRTHDAY] == _result(
        Automation.BIRTHDAY, queued=1, skipped={"no_imprint": 1}
    )
    assert [msg.channel for msg in _messages(services, "birthday")] == ["sms"]
    give_salon_address(services.db)  # asked again at the next run
    assert services.automations.run()[Automation.BIRTHDAY].queued == 1


def test_birthday_counts_in_the_salon_time_zone_and_comes_again_next_year(
    services: Services, salon: Salon, clock: Clock
) -> None:
    _switch_on(services, Automation.BIRTHDAY)
    anna = _customer(services, "Anna", 1, birthday=date(1990, 11, 25))
    _confirm(services, salon, anna, EMAIL)

    clock.now = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)  # 23:30 on the 24th in Berlin
    assert services.automations.run()[Automation.BIRTHDAY] == _result(Automation.BIRTHDAY)
    clock.advance(hours=1)  # 00:30 on the 25th in Berlin, still the 24th in UTC
    assert services.automations.run()[Automation.BIRTHDAY] == _result(Automation.BIRTHDAY, queued=1)
    clock.advance(hours=20)
    assert services.automations.run()[Automation.BIRTHDAY] == _result(
        Automation.BIRTHDAY, skipped_already_sent=1
    )
    clock.now = datetime(2027, 11, 25, 10, tzinfo=UTC)
    assert services.automations.run()[Automation.BIRTHDAY] == _result(Automation.BIRTHDAY, queued=1)
    assert [msg.client_id for msg in _messages(services, "birthday")] == [
        occasion_client_id(birthday_key(anna.id, 2026)),
        occasion_client_id(birthday_key(anna.id, 2027)),
    ]


def test_leap_day_birthday_is_greeted_on_28_february_in_common_years(
    services: Services, salon: Salon, clock: Clock
) -> None:
    _switch_on(services, Automation.BIRTHDAY)
    anna = _customer(services, "Anna", 1, birthday=date(2000, 2, 29))
    _confirm(services, salon, anna, EMAIL)
    greeted = {}
    for day in (date(2027, 2, 27), date(2027, 2, 28), date(2027, 3, 1), date(2028, 2, 28)):
        clock.now = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=10)
        greeted[day] = services.automations.run()[Automation.BIRTHDAY].queued
    clock.now = datetime(2028, 2, 29, 10, tzinfo=UTC)
    greeted[date(2028, 2, 29)] = services.automations.run()[Automation.BIRTHDAY].queued
    assert greeted == {
        date(2027, 2, 27): 0,
        date(2027, 2, 28): 1,
        date(2027, 3, 1): 0,
        date(2028, 2, 28): 0,
        date(2028, 2, 29): 1,
    }


# ---- review request -------------------------------------------------------------------------
def test_review_request_hours_after_a_completed_visit(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    _switch_on(services, Automation.REVIEW_REQUEST)
    services.catalogue.set_setting("review_url", REVIEW_URL, actor=SHARED_COUNTER)
    anna_ref = _confirm(services, salon, anna, EMAIL)
    visit = _visit(services, salon, anna, berlin(2026, 11, 24, 14))  # ended 18 hours ago
    bernd = _customer(services, "Bernd", 2)
    _confirm(services, salon, bernd, EMAIL)
    _visit(services, salon, bernd, berlin(2026, 11, 22, 10))  # three days ago: too old
    clara = _customer(services, "Clara", 3)
    _confirm(services, salon, clara, EMAIL)
    recent = _visit(services, salon, clara, berlin(2026, 11, 25, 7))  # ended 75 minutes ago
    dora = _customer(services, "Dora", 4)
    _confirm(services, salon, dora, EMAIL)
    no_show = _book(services, salon, dora, berlin(2026, 11, 24, 16))
    services.booking.set_status(no_show.id, AppointmentStatus.NO_SHOW)
    emil = _customer(services, "Emil", 5)  # never asked for consent
    _visit(services, salon, emil, berlin(2026, 11, 24, 15))

    assert services.automations.run()[Automation.REVIEW_REQUEST] == _result(
        Automation.REVIEW_REQUEST, queued=1, refused={"no_consent": 1}
    )
    [request] = _messages(services, "review_request")
    assert (request.customer_id, request.appointment_id) == (anna.id, visit.id)
    assert (request.channel, request.category) == ("email", "marketing")
    assert request.payload == {"basis_ref": anna_ref}
    assert request.client_id == occasion_client_id(review_key(anna.id, date(2026, 11, 24)))
    assert "(Damenhaarschnitt)" in request.body
    assert REVIEW_URL in request.body
    assert "$unsubscribe_url" in request.body

    clock.advance(hours=2)  # Clara's visit ended 3 hours 15 minutes ago
    assert services.automations.run()[Automation.REVIEW_REQUEST] == _result(
        Automation.REVIEW_REQUEST, queued=1, skipped_already_sent=1, refused={"no_consent": 1}
    )
    assert [msg.appointment_id for msg in _messages(services, "review_request")] == [
        visit.id,
        recent.id,
    ]
    clock.advance(days=3)  # everything is old now
    assert services.automations.run()[Automation.REVIEW_REQUEST] == _result(
        Automation.REVIEW_REQUEST
    )


def test_two_appointments_of_one_visit_ask_for_one_review(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    _switch_on(services, Automation.REVIEW_REQUEST)
    services.catalogue.set_setting("review_url", REVIEW_URL, actor=SHARED_COUNTER)
    _confirm(services, salon, anna, EMAIL)
    _visit(services, salon, anna, berlin(2026, 11, 24, 13))
    colour = _visit(services, salon, anna, berlin(2026, 11, 24, 13, 45), colour=True)

    assert services.automations.run()[Automation.REVIEW_REQUEST].queued == 1
    [request] = _messages(services, "review_request")
    assert request.appointment_id == colour.id
    assert "(Färben)" in request.body


def test_review_requests_wait_for_the_review_link(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    _switch_on(services, Automation.REVIEW_REQUEST)
    _confirm(services, salon, anna, EMAIL)
    _visit(services, salon, anna, berlin(2026, 11, 24, 14))

    assert services.automations.run()[Automation.REVIEW_REQUEST] == _result(
        Automation.REVIEW_REQUEST, skipped={"no_review_url": 1}
    )
    assert _messages(services, "review_request") == []
    services.catalogue.set_setting("review_url", REVIEW_URL, actor=SHARED_COUNTER)
    assert services.automations.run()[Automation.REVIEW_REQUEST].queued == 1


def test_review_request_switched_off_queues_nothing(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    services.catalogue.set_setting("review_url", REVIEW_URL, actor=SHARED_COUNTER)
    _confirm(services, salon, anna, EMAIL)
    _visit(services, salon, anna, berlin(2026, 11, 24, 14))
    report = services.automations.run()
    assert report[Automation.REVIEW_REQUEST] == AutomationResult(
        Automation.REVIEW_REQUEST, enabled=False
    )
    assert _messages(services, "review_request") == []


# ---- win-back -----------------------------------------------------------------------------
def test_win_back_after_120_days_without_a_visit(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    _switch_on(services, Automation.WIN_BACK)
    long_ago = clock.now - timedelta(days=200)
    anna_ref = _confirm(services, salon, anna, EMAIL)
    _visit(services, salon, anna, long_ago)
    bernd = _customer(services, "Bernd", 2)  # gone as long, but booked again
    _confirm(services, salon, bernd, EMAIL)
    _visit(services, salon, bernd, long_ago + timedelta(hours=1))
    _book(services, salon, bernd, friday(10))
    clara = _customer(services, "Clara", 3)  # here a month ago
    _confirm(services, salon, clara, EMAIL)
    _visit(services, salon, clara, clock.now - timedelta(days=30))
    dora = _customer(services, "Dora", 4)  # never asked for consent
    _visit(services, salon, dora, long_ago + timedelta(hours=2))
    emil = _customer(services, "Emil", 5)  # never here
    _confirm(services, salon, emil, EMAIL)
    fritz = _customer(services, "Fritz", 6)  # came back 100 days ago
    _confirm(services, salon, fritz, EMAIL)
    _visit(services, salon, fritz, clock.now - timedelta(days=300))
    _visit(services, salon, fritz, clock.now - timedelta(days=100))

    assert services.automations.run()[Automation.WIN_BACK] == _result(
        Automation.WIN_BACK, queued=1, refused={"no_consent": 1}
    )
    [message] = _messages(services, "win_back")
    assert (message.customer_id, message.channel, message.category) == (
        anna.id,
        "email",
        "marketing",
    )
    assert message.appointment_id is None
    assert message.payload == {"basis_ref": anna_ref}
    assert message.client_id == occasion_client_id(win_back_key(anna.id, long_ago.date()))
    assert message.subject == "Wir vermissen Sie bei Salon"


def test_win_back_comes_again_only_after_a_new_visit_and_a_new_absence(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    _switch_on(services, Automation.WIN_BACK)
    _confirm(services, salon, anna, EMAIL)
    _visit(services, salon, anna, clock.now - timedelta(days=200))
    assert services.automations.run()[Automation.WIN_BACK].queued == 1
    clock.advance(days=30)
    assert services.automations.run()[Automation.WIN_BACK] == _result(
        Automation.WIN_BACK, skipped_already_sent=1
    )
    _visit(services, salon, anna, clock.now - timedelta(hours=2))
    assert services.automations.run()[Automation.WIN_BACK] == _result(Automation.WIN_BACK)
    clock.advance(days=121)
    assert services.automations.run()[Automation.WIN_BACK] == _result(Automation.WIN_BACK, queued=1)
    assert len(_messages(services, "win_back")) == 2


def test_a_waiting_win_back_is_withdrawn_when_the_customer_books_again(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    _switch_on(services, Automation.WIN_BACK)
    _confirm(services, salon, anna, EMAIL)
    _visit(services, salon, anna, clock.now - timedelta(days=200))
    services.automations.run()
    _book(services, salon, anna, friday(10))

    assert services.automations.run()[Automation.WIN_BACK] == _result(Automation.WIN_BACK)
    [message] = _messages(services, "win_back")
    assert (message.status, message.reason) == ("rejected", "booked_again")


# ---- running again, in two places at once ---------------------------------------------------
def _one_occasion_each(services: Services, salon: Salon, clock: Clock) -> None:
    _switch_on(services, Automation.BIRTHDAY, Automation.REVIEW_REQUEST, Automation.WIN_BACK)
    services.catalogue.set_setting("review_url", REVIEW_URL, actor=SHARED_COUNTER)
    anna = _customer(services, "Anna", 1)
    _book(services, salon, anna, THURSDAY_8)
    bernd = _customer(services, "Bernd", 2, birthday=date(1980, 11, 25))
    _confirm(services, salon, bernd, EMAIL)
    clara = _customer(services, "Clara", 3)
    _confirm(services, salon, clara, SMS)
    _visit(services, salon, clara, berlin(2026, 11, 24, 14))
    dora = _customer(services, "Dora", 4)
    _confirm(services, salon, dora, EMAIL)
    _visit(services, salon, dora, clock.now - timedelta(days=200))


ONE_EACH = {
    "reminder": 1,
    "birthday": 1,
    "review_request": 1,
    "win_back": 1,
}


def _queued_by_kind(services: Services) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for msg in outbox_messages(services.db):
        if msg.kind in ONE_EACH and msg.status == OutboxStatus.QUEUED.value:
            kinds[msg.kind] = kinds.get(msg.kind, 0) + 1
    return kinds


def test_automations_run_twice_in_a_row_queue_nothing_the_second_time(
    services: Services, salon: Salon, clock: Clock
) -> None:
    _one_occasion_each(services, salon, clock)

    first = services.automations.run()
    assert {r.automation.value: r.queued for r in first.results} == ONE_EACH
    assert _queued_by_kind(services) == ONE_EACH
    rows = count(services.db, m.OutboxMessage)

    second = services.automations.run()
    assert second.queued == 0
    assert {r.automation.value: r.skipped_already_sent for r in second.results} == ONE_EACH
    assert count(services.db, m.OutboxMessage) == rows


@pytest.fixture
def other_services(database_url: str, clock: Clock) -> Iterator[Services]:
    """A second process's services: own engine and connections, same database."""
    database = Database(create_database_engine(database_url))
    yield build_services(database, templates_dir(), clock=clock)
    database.dispose()


def test_dedup_holds_for_two_services_on_the_same_database(
    services: Services, other_services: Services, salon: Salon, clock: Clock
) -> None:
    _one_occasion_each(services, salon, clock)
    assert services.automations.run().queued == 4
    assert other_services.automations.run().queued == 0
    assert _queued_by_kind(services) == ONE_EACH


def test_two_runs_at_the_same_moment_queue_each_occasion_once(
    services: Services, other_services: Services, salon: Salon, clock: Clock
) -> None:
    _one_occasion_each(services, salon, clock)
    start = threading.Barrier(2)
    reports = []
    errors: list[BaseException] = []

    def run(which: Services) -> None:
        try:
            start.wait(timeout=10)
            reports.append(which.automations.run())
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in (services, other_services)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    # Each automation runs under the lock: one of the two queues it, the other finds it.
    assert len(reports) == 2
    for automation in ONE_EACH:
        results = [r[Automation(automation)] for r in reports]
        assert sorted(r.queued for r in results) == [0, 1]
        assert sorted(r.skipped_already_sent for r in results) == [0, 1]
    assert _queued_by_kind(services) == ONE_EACH


def test_a_lost_insert_race_is_reported_as_already_sent(
    services: Services, salon: Salon, anna: CustomerRow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process inserted the same occasion after we looked: the run looks again."""
    _book(services, salon, anna, THURSDAY_8)
    assert services.automations.run()[Automation.REMINDER].queued == 1
    real = automations._existing_client_ids
    blind = iter([True])

    def existing_after_a_race(s: object, client_ids: list[str]) -> set[str]:
        if next(blind, False):
            return set()  # as if the other process had not committed yet
        return real(s, client_ids)  # type: ignore[arg-type]

    monkeypatch.setattr(automations, "_existing_client_ids", existing_after_a_race)

    assert services.automations.run()[Automation.REMINDER] == _result(
        Automation.REMINDER, skipped_already_sent=1
    )
    assert len(_messages(services, "reminder")) == 1
