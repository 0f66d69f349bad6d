"""The desktop does not trust the gateway's event data: 10 kB in a field, control
characters, wrong types and broken addresses refuse the request as not bookable and
keep none of its content; evidence (IP, user agent) is cleaned instead."""

from __future__ import annotations

from typing import Any

import pytest

from desk_app.db import models as m
from desk_app.domain.enums import Channel
from desk_app.services.container import Services
from desk_app.services.online_submission import BookingSubmission, InvalidSubmission
from tests.conftest import Clock
from tests.services.online_support import (
    appointments,
    booking_data,
    deliver,
    requested,
    shown_statement,
)
from tests.services.support import Salon, count, ledger_rows, outbox_messages

TEN_KB = "x" * 10_240


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"first_name": TEN_KB}, "first_name"),
        ({"last_name": "Müller\x00"}, "last_name"),
        ({"first_name": "Anna\u2028"}, "first_name"),
        ({"last_name": ""}, "last_name"),
        ({"email": "anna@", "phone": None}, "email"),
        ({"email": None, "phone": None}, "email"),
        ({"phone": "+49 1"}, "phone"),
        ({"note": TEN_KB}, "note"),
        ({"note": "kürzer\x1b[31m"}, "note"),
        ({"treatment_id": "3"}, "treatment_id"),
        ({"staff_id": True}, "staff_id"),
        ({"starts_at": "Freitag"}, "starts_at"),
        ({"starts_at": "2026-11-27T10:00:00"}, "starts_at"),  # no offset
        ({"ends_at": "2026-11-27T08:00:00+00:00"}, "ends_at"),  # before the start
        ({"notify_after_objection": "yes"}, "notify_after_objection"),
    ],
)
def test_bad_data_refuses_the_request_and_keeps_none_of_it(
    services: Services, salon: Salon, clock: Clock, change: dict[str, Any], field: str
) -> None:
    data = {**booking_data(salon), **change}
    with pytest.raises(InvalidSubmission) as refused:
        BookingSubmission.from_event(data)
    assert refused.value.field == field
    request = requested(services, clock, data)
    assert (request.state, request.reason) == ("refused", "not_bookable")
    assert request.data == {"invalid": field}
    assert appointments(services) == [] and services.customers.all() == []
    assert outbox_messages(services.db) == [] and ledger_rows(services.db) == []
    [outcome] = services.online_booking.unreported_outcomes()
    assert (outcome.result, outcome.reason) == ("refused", "not_bookable")


@pytest.mark.parametrize("request_id", [None, "", 7, "x" * 65, "a b", "r\x00"])
def test_an_event_without_a_usable_request_id_is_skipped(
    services: Services, salon: Salon, clock: Clock, request_id: object
) -> None:
    deliver(services, clock, ("booking.requested", booking_data(salon, request_id=request_id)))
    assert count(services.db, m.OnlineRequest) == 0
    assert appointments(services) == []


def test_evidence_is_cleaned_not_refused(services: Services, salon: Salon, clock: Clock) -> None:
    consent = {"email": shown_statement(Channel.EMAIL), "sms": None}
    data = booking_data(
        salon, consent=consent, ip="not an address", user_agent="Bot\x00\r\nX" + "y" * 1000
    )
    request = requested(services, clock, data)
    assert request.state == "booked"
    [declared] = ledger_rows(services.db)
    assert declared.ip is None
    assert declared.user_agent is not None and declared.user_agent.startswith("Bot X")
    assert len(declared.user_agent) == 400


def test_a_statement_that_is_no_clean_text_records_no_consent(
    services: Services, salon: Salon, clock: Clock
) -> None:
    bad = {"version": "2026-11", "text": "Ich bin einverstanden\x00"}
    huge = {"version": "2026-11", "text": TEN_KB}
    data = booking_data(salon, consent={"email": bad, "sms": huge})
    request = requested(services, clock, data)
    assert request.state == "booked" and ledger_rows(services.db) == []
    assert request.data["consent"] == {"email": None, "sms": None}


def test_a_ticked_box_without_its_address_counts_as_unticked() -> None:
    submission = BookingSubmission.from_event(
        {
            **booking_data_without_salon(),
            "phone": None,
            "consent": {"email": None, "sms": shown_statement(Channel.SMS)},
        }
    )
    assert submission.consent == {}


def booking_data_without_salon() -> dict[str, Any]:
    return {
        "request_id": "r-1",
        "treatment_id": 1,
        "staff_id": 1,
        "starts_at": "2026-11-27T09:00:00+00:00",
        "ends_at": "2026-11-27T09:45:00+00:00",
        "first_name": "Anna",
        "last_name": "Müller",
        "email": "anna@example.org",
        "phone": "+4915112345678",
    }


def test_the_kept_data_reads_back_the_same() -> None:
    data = {**booking_data_without_salon(), "language": "fr", "note": " a\n\tb "}
    submission = BookingSubmission.from_event(data)
    assert submission.language == "de" and submission.note == "a b"
    assert BookingSubmission.from_event(submission.to_json()) == submission
