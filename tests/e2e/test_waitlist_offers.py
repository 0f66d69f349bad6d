"""Issue 14's waitlist, end to end: the desktop's services (in this process, with a clock
the test moves) against the real ``desk-gateway serve`` process on loopback and a real
SMTP server (aiosmtpd).

A cancellation frees a slot → the first waiting customer gets an offer mail → unanswered,
it rolls to the next after the hold time → the first customer's POST takes it → the
second customer's later acceptance loses ("already taken") → the calendar shows it → the
time freed again is a new opening the second customer can take → the counter books it before
the desktop sees that, so she is told and the gateway's claim is released.
The hold is measured on the desktop's clock (moved, never slept).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
import requests
from aiosmtpd.controller import Controller

from desk_app.bootstrap import open_sync
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Channel
from desk_app.services.booking_slots import BookingRequest
from desk_app.services.container import Services
from desk_app.services.waitlist import NewWaitlistEntry
from tests.conftest import Clock
from tests.e2e.conftest import GatewayProcess, Mailbox, free_port
from tests.services.support import BERLIN, add_customer, make_salon


@pytest.fixture
def backend() -> str:
    """One backend: the race is decided by the gateway's database, and the booking path's
    guarantee on both backends has tests of its own (tests/db)."""
    return "sqlite"


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox(free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


@pytest.fixture
def gateway(tmp_path: Path, mailbox: Mailbox) -> Iterator[GatewayProcess]:
    process = GatewayProcess(tmp_path / "gw", mailbox.port)
    process.directory.mkdir()
    process.create_token()
    process.start()
    yield process
    process.stop()


def _sync(services: Services, gateway: GatewayProcess, clock: Clock) -> None:
    sync = open_sync(services, token=gateway.token, clock=clock)
    try:
        report = sync.run_once()
        assert report.ok, report.error
    finally:
        sync.close()


def _offer_link(mail: EmailMessage) -> str:
    body = mail.get_body(("plain",))
    assert body is not None
    found = re.search(r"http://127\.0\.0\.1:\d+/w/[A-Za-z0-9_-]+", body.get_content())
    assert found, body.get_content()
    return found.group(0)


def test_a_freed_slot_is_offered_in_line_rolls_on_and_is_given_once(
    services: Services, clock: Clock, gateway: GatewayProcess, mailbox: Mailbox
) -> None:
    # The gateway runs on the real clock: the desktop's starts there too, then moves.
    clock.now = datetime.now(UTC).replace(microsecond=0)
    salon = make_salon(services)
    cat = services.catalogue
    cat.set_settings(
        {"gateway_url": gateway.url, "waitlist_auto_offers": "on", "waitlist_hold_minutes": "30"},
        actor=SHARED_COUNTER,
    )
    day = (clock.now + timedelta(days=3)).astimezone(BERLIN).date()
    start = datetime(day.year, day.month, day.day, 10, tzinfo=BERLIN)
    holder = add_customer(services, "Paula", "Platz", email="paula@example.org", phone=None)
    booked = services.booking.book(
        BookingRequest(holder.id, salon.stylist.id, salon.cut.id, start, notify=False)
    )
    anna = add_customer(services, "Anna", "Erste", email="anna@example.org", phone=None)
    berta = add_customer(services, "Berta", "Zweite", email="berta@example.org", phone=None)
    for customer in (anna, berta):  # Anna waits longest
        services.waitlist.add(
            NewWaitlistEntry(customer.id, salon.cut.id, day, day, channel=Channel.EMAIL)
        )
        clock.now += timedelta(minutes=1)

    services.booking.cancel(booked.id)
    [opening] = services.waitlist.open_matches()
    assert [w.customer_name for w in opening.waiting] == ["Anna Erste", "Berta Zweite"]
    _sync(services, gateway, clock)
    [first] = mailbox.wait_for(1)
    assert first["To"] == "anna@example.org"
    anna_link = _offer_link(first)

    # A mail scanner's GET shows the page and accepts nothing.
    shown = requests.get(anna_link, timeout=10)
    assert shown.status_code == 200 and 'method="post"' in shown.text

    # Not answered within the hold: the next round offers it to Berta.
    clock.now += timedelta(minutes=29)
    _sync(services, gateway, clock)
    assert len(mailbox.messages) == 1
    clock.now += timedelta(minutes=2)
    _sync(services, gateway, clock)
    second = mailbox.wait_for(2)[1]
    assert second["To"] == "berta@example.org"
    berta_link = _offer_link(second)

    # Forged and foreign tokens get the not-found page; a huge body is refused unread.
    forged = anna_link[:-4] + ("AAAA" if not anna_link.endswith("AAAA") else "BBBB")
    assert requests.post(forged, timeout=10).status_code == 404
    assert requests.post(gateway.url + "/w/" + "x" * 500, timeout=10).status_code == 404
    huge = requests.post(anna_link, data=b"a" * (2 * 1024 * 1024), timeout=10)
    assert huge.status_code == 413
    assert requests.get(anna_link, timeout=10).text.count('method="post"') == 1

    # Anna answers first: the time is hers; her repeated POST changes nothing.
    taken = requests.post(anna_link, timeout=10)
    assert taken.status_code == 200 and "gehört Ihnen" in taken.text
    again = requests.post(anna_link, timeout=10)
    assert again.status_code == 200 and "gehört Ihnen" in again.text
    # Berta's later acceptance loses, in words.
    lost = requests.post(berta_link + "?lang=en", timeout=10)
    assert lost.status_code == 409 and "already been taken" in lost.text

    _sync(services, gateway, clock)
    plan = services.calendar.day(day, "Europe/Berlin")
    column = plan.column(salon.stylist.id)
    assert column is not None
    active = [a for a in column.appointments if a.status == "booked"]
    assert [(a.customer_id, a.starts_at) for a in active] == [(anna.id, start)]
    assert services.waitlist.entries() == [services.waitlist.entries(berta.id)[0]]
    assert services.waitlist.open_matches() == []
    # No third offer, and Anna is told she is booked.
    confirmation = mailbox.wait_for(3)[2]
    assert confirmation["To"] == "anna@example.org"
    assert len(mailbox.messages) == 3

    # Anna cancels: the same time frees up again, a new opening the gateway has not seen.
    services.booking.cancel(active[0].id)
    _sync(services, gateway, clock)
    cancelled, fifth = mailbox.wait_for(5)[3:]  # she is told, then Berta is offered it
    assert (cancelled["To"], fifth["To"]) == ("anna@example.org", "berta@example.org")
    berta_again = _offer_link(fifth)
    assert requests.post(berta_again, timeout=10).status_code == 200  # not "taken" for good
    # The counter books the time before the desktop sees her acceptance: she is told, and
    # the desktop releases the gateway's claim (her page no longer says it is hers).
    services.booking.book(
        BookingRequest(holder.id, salon.stylist.id, salon.cut.id, start, notify=False)
    )
    _sync(services, gateway, clock)
    sorry = mailbox.wait_for(6)[5]
    assert sorry["To"] == "berta@example.org" and "vergeben" in str(sorry["Subject"])
    released = requests.get(berta_again + "?lang=en", timeout=10)
    assert released.status_code == 409 and "already been taken" in released.text


def test_when_nothing_suits_the_booking_page_takes_a_waitlist_entry(
    services: Services, clock: Clock, gateway: GatewayProcess
) -> None:
    clock.now = datetime.now(UTC).replace(microsecond=0)
    salon = make_salon(services)
    services.catalogue.set_settings(
        {"gateway_url": gateway.url, "online_booking": "on", "public_name": "haarwerk"},
        actor=SHARED_COUNTER,
    )
    services.catalogue.set_treatment_online(salon.cut.id, True)
    services.catalogue.set_staff_online(salon.stylist.id, True)
    _sync(services, gateway, clock)  # publishes the availability
    page = gateway.url + "/book/haarwerk"
    days = requests.get(f"{page}?treatment={salon.cut.id}&lang=en", timeout=10)
    assert "Join the waitlist" in days.text
    form_url = f"{page}/waitlist"
    shown = requests.get(f"{form_url}?treatment={salon.cut.id}&staff={salon.stylist.id}&lang=en",
                         timeout=10)  # fmt: skip
    assert shown.status_code == 200 and 'name="first_day"' in shown.text
    day = (clock.now + timedelta(days=2)).astimezone(BERLIN).date()
    body = {
        "lang": "en", "treatment": str(salon.cut.id), "staff": str(salon.stylist.id),
        "first_name": "Wanda", "last_name": "Warte", "email": "wanda@example.org",
        "first_day": day.isoformat(), "last_day": (day + timedelta(days=5)).isoformat(),
        "day": ["1", "3"], "from": "09:00", "until": "12:00", "channel": "email",
    }  # fmt: skip
    # Refused in words, everything typed kept: no contact, hours the wrong way round.
    wrong = requests.post(form_url, data={**body, "email": "", "until": "08:00"}, timeout=10)
    assert wrong.status_code == 422 and "Wanda" in wrong.text
    assert "the end after the start" in wrong.text
    assert requests.post(form_url, data=b"a" * (2 * 1024 * 1024), timeout=10).status_code == 413
    sent = requests.post(form_url, data=body, timeout=10, allow_redirects=False)
    assert sent.status_code == 303, sent.text

    _sync(services, gateway, clock)
    _sync(services, gateway, clock)  # applied once
    [entry] = services.waitlist.entries()
    assert (entry.customer_name, entry.source, entry.channel) == (
        "Wanda Warte",
        "online",
        Channel.EMAIL,
    )
    assert (entry.service_id, entry.staff_id) == (salon.cut.id, salon.stylist.id)
    assert [w.to_text() for w in entry.windows] == ["1=09:00-12:00", "3=09:00-12:00"]
