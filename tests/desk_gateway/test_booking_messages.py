"""Messages about a booking: the booking kept (latest message wins), ``$manage_url`` filled
with the manage link at send time, calendar files as MIME parts at a real SMTP server, and
invalid bookings and attachments refused item by item."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from sqlalchemy import select

from desk_gateway.config import load_config
from desk_gateway.context import Gateway, ensure_secret_key
from desk_gateway.db.models import Booking
from desk_gateway.email_transport import SmtpTransport
from desk_gateway.sms.capture import CaptureProvider
from desk_gateway.tokens import sha256_hex
from desk_sql.database import Database
from tests.conftest import Clock

from .booking_support import (
    MANAGE_LINK,
    booking,
    booking_item,
    calendar_file,
    ics,
    manage_token,
    when,
)
from .conftest import Salon, SmtpRecorder, make_harness
from .support import MOBILE, Harness, message_item, one_link

PUBLIC_URL = "https://gateway.example.test"


@pytest.fixture
def smtp_harness(
    gateway_db: Database,
    gateway_db_url: str,
    clock: Clock,
    salon: Salon,
    smtp_server: SmtpRecorder,
) -> Iterator[Harness]:
    config = load_config(
        environ={
            "DESK_GATEWAY_DATABASE_URL": gateway_db_url,
            "DESK_GATEWAY_PUBLIC_URL": PUBLIC_URL,
            "DESK_GATEWAY_MAIL_FROM": "Salon Schnittpunkt <termine@schnittpunkt.example>",
            "DESK_GATEWAY_SMTP_HOST": "127.0.0.1",
            "DESK_GATEWAY_SMTP_PORT": str(smtp_server.port),
            "DESK_GATEWAY_SMTP_SECURITY": "none",
            "DESK_GATEWAY_DEMO": "1",
            "DESK_GATEWAY_SECRET_KEY": "6b" * 32,
        }
    )
    assert config.smtp is not None
    gw = Gateway(gateway_db, config, ensure_secret_key(gateway_db, config), clock)
    yield from make_harness(gw, clock, salon, CaptureProvider(), SmtpTransport(config.smtp))


def stored_booking(harness: Harness, ref: str) -> Booking:
    with harness.gw.db.read() as s:
        found = s.scalar(select(Booking).where(Booking.ref == ref))
        assert found is not None
        return found


def accepted(harness: Harness, item: dict[str, Any]) -> None:
    (result,) = harness.post_messages([item])
    assert result["result"] == "accepted", result


# ---- the booking and its manage link ---------------------------------------------------------
def test_the_manage_url_becomes_the_bookings_link_and_the_booking_is_kept(
    harness: Harness, clock: Clock
) -> None:
    item = booking_item(clock)
    ref = item["booking"]["ref"]
    accepted(harness, item)

    harness.deliver()

    (email,) = harness.emails()
    token = manage_token(harness, ref)
    assert f"Absagen oder verschieben: {harness.gw.config.public_url}/m/{token}" in email.text
    assert "$manage_url" not in email.text
    kept = stored_booking(harness, ref)
    assert (kept.treatment, kept.staff, kept.state) == ("Damen Schnitt", "Mia", "booked")
    assert kept.starts_at == when(item["booking"]["starts_at"])
    assert kept.cancel_until == when(item["booking"]["cancel_until"])
    assert kept.customer_ref == item["customer_ref"]
    # Only the token's hash is kept, never the token (nor the link in the stored text).
    assert kept.token_hash == sha256_hex(token)
    assert token not in harness.message(item["client_id"]).text  # type: ignore[operator]


def test_the_latest_message_about_a_booking_wins(harness: Harness, clock: Clock) -> None:
    first = booking_item(clock)
    ref = first["booking"]["ref"]
    later = clock.now + timedelta(days=5)
    moved = booking(
        clock,
        ref=ref,
        staff="Anna",
        starts_at=later.isoformat(),
        ends_at=(later + timedelta(minutes=45)).isoformat(),
        cancel_until=(later - timedelta(hours=24)).isoformat(),
    )
    cancelled = {**moved, "state": "cancelled"}

    accepted(harness, first)
    accepted(harness, booking_item(clock, booking=moved, attachments=[]))
    assert (stored_booking(harness, ref).staff, stored_booking(harness, ref).starts_at) == (
        "Anna",
        later,
    )
    accepted(harness, booking_item(clock, booking=cancelled, attachments=[]))

    assert stored_booking(harness, ref).state == "cancelled"
    with harness.gw.db.read() as s:
        assert len(list(s.scalars(select(Booking)))) == 1


def test_the_same_booking_twice_in_one_batch_is_one_booking(harness: Harness, clock: Clock) -> None:
    first = booking_item(clock)
    second = booking_item(clock, booking={**first["booking"], "staff": "Lea"})

    results = harness.post_messages([first, second])

    assert [r["result"] for r in results] == ["accepted", "accepted"]
    assert stored_booking(harness, first["booking"]["ref"]).staff == "Lea"


def test_a_booking_sms_carries_the_manage_link_too(harness: Harness, clock: Clock) -> None:
    item = booking_item(
        clock, channel="sms", to=MOBILE, text="Termin Fr 10:00. Ändern: $manage_url", attachments=[]
    )
    accepted(harness, item)

    harness.deliver()

    (text,) = harness.texts(to=MOBILE)
    assert MANAGE_LINK.findall(text) == [manage_token(harness, item["booking"]["ref"])]


# ---- the calendar file at a real SMTP server ---------------------------------------------------
def attachments_of(message: EmailMessage) -> list[EmailMessage]:
    return list(message.iter_attachments())  # type: ignore[arg-type]


def test_the_calendar_file_arrives_as_a_part_of_its_own(
    smtp_harness: Harness, smtp_server: SmtpRecorder, clock: Clock
) -> None:
    item = booking_item(clock, attachments=[ics(text=calendar_file("Färben – Müller"))])
    accepted(smtp_harness, item)

    smtp_harness.deliver()

    (message,) = smtp_server.messages()
    assert message.get_content_type() == "multipart/mixed"
    assert message["Message-ID"] == f"<{item['client_id']}@gateway.example.test>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Subject"] == "Ihr Termin bei Salon Schnittpunkt"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    assert MANAGE_LINK.findall(body.get_content()) == [
        manage_token(smtp_harness, item["booking"]["ref"])
    ]
    (calendar,) = attachments_of(message)
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "PUBLISH"
    assert calendar.get_content_charset() == "utf-8"
    assert calendar.get_filename() == "termin.ics"
    assert calendar.get_content_disposition() == "attachment"
    content = calendar.get_content()
    assert content.splitlines() == calendar_file("Färben – Müller").splitlines()
    (sent,) = [e for e in smtp_harness.events() if e["type"] == "message.sent"]
    assert sent["data"]["message_id"] == message["Message-ID"]


def test_two_calendar_files_and_none(
    smtp_harness: Harness, smtp_server: SmtpRecorder, clock: Clock
) -> None:
    two = booking_item(clock, attachments=[ics(), ics(filename="Termin_2.ics")])
    plain = booking_item(clock, attachments=[])
    smtp_harness.post_messages([two, plain])

    smtp_harness.deliver()

    first, second = smtp_server.messages()
    assert [a.get_filename() for a in attachments_of(first)] == ["termin.ics", "Termin_2.ics"]
    assert second.get_content_type() == "multipart/alternative"
    assert attachments_of(second) == []


# ---- what intake refuses, item by item ----------------------------------------------------------
BAD_BOOKING = object()  # the item's booking with the fields given in place of its own


@pytest.mark.parametrize(
    ("overrides", "detail"),
    [
        ({"channel": "sms", "to": MOBILE}, "attachments"),
        ({"attachments": [ics(), ics(), ics()]}, "attachments"),
        ({"attachments": [ics(text="X" * (64 * 1024 + 1))]}, "attachments"),
        ({"attachments": [ics(text="Ä" * (32 * 1024 + 1))]}, "attachments"),  # bytes count
        ({"attachments": [ics(filename="../termin.ics")]}, "attachments"),
        ({"attachments": [ics(filename="termin.txt")]}, "attachments"),
        ({"attachments": [ics(filename="termin.ics.exe")]}, "attachments"),
        ({"attachments": [ics(filename="mein termin.ics")]}, "attachments"),
        ({"attachments": [ics(filename="t" * 61 + ".ics")]}, "attachments"),
        ({"attachments": [ics(content_type="text/plain")]}, "attachments"),
        ({"attachments": [ics(content_type="text/calendar; charset=utf-8")]}, "attachments"),
        ({"attachments": [ics(text="BEGIN:VCALENDAR\x00")]}, "attachments"),
        ({"attachments": [{"filename": "termin.ics", "text": "x"}]}, "attachments"),
        ({"attachments": "termin.ics"}, "attachments"),
        ({"booking": None}, "booking"),  # $manage_url without a booking
        ({"booking": {"ref": "r-1", "state": "booked"}}, "booking"),
        ({BAD_BOOKING: {"state": "moved"}}, "booking"),
        ({BAD_BOOKING: {"starts_at": "morgen"}}, "booking"),
        ({BAD_BOOKING: {"ref": ""}}, "booking"),
        ({BAD_BOOKING: {"treatment": "Schnitt\nBcc: x"}}, "booking"),
    ],
)
def test_invalid_attachments_and_bookings_are_refused_alone(
    harness: Harness, clock: Clock, overrides: dict[Any, Any], detail: str
) -> None:
    bad = booking_item(clock, **{k: v for k, v in overrides.items() if k is not BAD_BOOKING})
    bad["booking"] = bad["booking"] and {**bad["booking"], **overrides.get(BAD_BOOKING, {})}
    good = booking_item(clock)

    results = harness.post_messages([bad, good])

    assert results[0]["code"] == "invalid_item", results[0]
    assert results[0]["detail"] == detail
    assert results[1]["result"] == "accepted"
    with harness.gw.db.read() as s:
        assert [b.ref for b in s.scalars(select(Booking))] == [good["booking"]["ref"]]


def test_a_booking_must_end_after_it_starts(harness: Harness, clock: Clock) -> None:
    starts = booking(clock)["starts_at"]
    (result,) = harness.post_messages([booking_item(clock, booking=booking(clock, ends_at=starts))])
    assert (result["code"], result["detail"]) == ("invalid_item", "booking")


def test_a_calendar_file_of_64_kb_is_taken(harness: Harness, clock: Clock) -> None:
    text = "BEGIN:VCALENDAR\r\n" + "X" * (64 * 1024 - 32) + "\r\nEND:VCALENDAR"
    accepted(harness, booking_item(clock, attachments=[ics(text=text)]))


def test_a_message_without_booking_is_as_before(harness: Harness) -> None:
    item = message_item(text="Bis Freitag!")
    accepted(harness, item)
    harness.deliver()
    assert "Bis Freitag!" in harness.emails()[0].text
    stored = harness.message(item["client_id"])
    assert (stored.attachments, stored.booking_ref) == (None, None)
    one_link(harness.emails()[0].text, "u")


def test_a_duplicate_does_not_change_the_booking(harness: Harness, clock: Clock) -> None:
    item = booking_item(clock)
    accepted(harness, item)
    later = booking(clock, ref=item["booking"]["ref"], staff="Lea")

    (again,) = harness.post_messages([{**item, "booking": later}])

    assert again["result"] == "duplicate"
    assert stored_booking(harness, item["booking"]["ref"]).staff == "Mia"


# ---- data protection -------------------------------------------------------------------------
def test_the_export_holds_the_customers_bookings_and_calendar_files(
    harness: Harness, clock: Clock
) -> None:
    item = booking_item(clock)
    accepted(harness, item)
    accepted(harness, booking_item(clock))  # someone else's

    exported = harness.client.get(
        f"/v1/customers/{item['customer_ref']}/export", headers=harness.auth()
    ).json()

    (kept,) = exported["bookings"]
    assert kept["ref"] == item["booking"]["ref"]
    assert (kept["treatment"], kept["staff"], kept["state"]) == ("Damen Schnitt", "Mia", "booked")
    assert when(kept["starts_at"]) == when(item["booking"]["starts_at"])
    (message,) = exported["messages"]
    assert message["attachments"] == [ics()]


def test_erasure_deletes_the_bookings_and_calendar_files(harness: Harness, clock: Clock) -> None:
    item = booking_item(clock)
    other = booking_item(clock)
    harness.post_messages([item, other])

    response = harness.client.post(
        f"/v1/customers/{item['customer_ref']}/erase", headers=harness.auth()
    )

    assert response.status_code == 200
    with harness.gw.db.read() as s:
        assert [b.ref for b in s.scalars(select(Booking))] == [other["booking"]["ref"]]
    assert harness.message(item["client_id"]).attachments is None
    assert harness.message(other["client_id"]).attachments == [ics()]
