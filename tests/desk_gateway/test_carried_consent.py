"""A consent request carried by a booking confirmation (``carried_by``): one message with
the /c/ link, the request's events when it goes, the message waiting for its request up
to an hour, then going without the link's line."""

from __future__ import annotations

from typing import Any

import pytest

from desk_gateway.carried_links import CARRIED_WAIT
from tests.conftest import Clock

from .booking_support import CARRYING_TEXT, booking_item
from .support import MOBILE, USER_AGENT, Harness, consent_body, links_in, one_link

SUBMITTED_FROM = {"ip": "203.0.113.7", "user_agent": "Mozilla/5.0 (Android 14) Booking"}


def carried_request(harness: Harness, carrier: dict[str, Any], **overrides: Any) -> Any:
    """The consent request of a ticked box, carried by the confirmation ``carrier``."""
    body = {
        "customer_ref": carrier["customer_ref"],
        "channel": carrier["channel"],
        "address": carrier["to"],
        "source": {"kind": "online_booking", "staff": None, **SUBMITTED_FROM},
        "carried_by": carrier["client_id"],
    }
    return harness.request_consent(**{**body, **overrides})


def confirmation(clock: Clock, **overrides: Any) -> dict[str, Any]:
    return booking_item(clock, **{"text": CARRYING_TEXT, **overrides})


def test_one_email_carries_the_confirmation_link(harness: Harness, clock: Clock) -> None:
    carrier = confirmation(clock)
    request = carried_request(harness, carrier)
    assert request["result"] == "accepted"
    (result,) = harness.post_messages([carrier])
    assert result["result"] == "accepted"

    assert harness.deliver() == 1

    (email,) = harness.emails()  # one message, not two
    assert email.subject == "Ihr Termin bei Salon Schnittpunkt"
    token = one_link(email.text, "c")
    assert f"Einwilligung in Werbung per E-Mail:\n{harness.gw.config.public_url}/c/{token}" in (
        email.text
    )
    assert "$confirm_url" not in email.text and "$manage_url" not in email.text
    sent = [e for e in harness.events() if e["type"] == "consent.request_sent"]
    assert len(sent) == 1
    assert sent[0]["client_id"] == request["request_id"]
    assert sent[0]["customer_ref"] == carrier["customer_ref"]
    assert sent[0]["data"]["request_id"] == request["request_id"]
    (message_sent,) = [e for e in harness.events() if e["type"] == "message.sent"]
    assert message_sent["client_id"] == carrier["client_id"]
    assert sent[0]["data"]["message_id"] == message_sent["data"]["message_id"]

    page = harness.post_page(f"/c/{token}")

    assert page.status_code == 200
    (confirmed,) = [e for e in harness.events() if e["type"] == "consent.confirmed"]
    assert confirmed["data"] == {
        "request_id": request["request_id"],
        "ip": "testclient",
        "user_agent": USER_AGENT,
    }


def test_the_submissions_ip_and_user_agent_are_kept_as_proof(
    harness: Harness, clock: Clock
) -> None:
    carrier = confirmation(clock)
    carried_request(harness, carrier)
    harness.post_messages([carrier])

    response = harness.client.get(
        f"/v1/customers/{carrier['customer_ref']}/export", headers=harness.auth()
    )

    (request,) = response.json()["consent_requests"]
    assert request["source"] == {"kind": "online_booking", "staff": None, **SUBMITTED_FROM}


def test_one_sms_carries_the_link(harness: Harness, clock: Clock) -> None:
    carrier = confirmation(
        clock,
        channel="sms",
        to=MOBILE,
        text="Termin Fr 10:00 bestätigt. Werbe-SMS bestätigen: $confirm_url",
        attachments=[],
    )
    carried_request(harness, carrier)
    harness.post_messages([carrier])

    harness.deliver()

    (text,) = harness.texts()
    assert len(links_in(text, "c")) == 1
    assert harness.event_types().count("consent.request_sent") == 1


def test_a_request_for_another_channel_is_not_carried(harness: Harness, clock: Clock) -> None:
    carrier = confirmation(clock)
    carried_request(harness, carrier, channel="sms", address=MOBILE)
    harness.post_messages([carrier])

    harness.deliver()

    (email,) = harness.emails()
    assert links_in(email.text, "c") == []
    assert "Einwilligung in Werbung per E-Mail:" in email.text  # only the link's line went
    assert harness.texts() == []
    assert "consent.request_sent" not in harness.event_types()


@pytest.mark.parametrize(
    "other",
    [{"address": "jemand.anders@example.de"}, {"customer_ref": "someone-else"}],
)
def test_a_link_goes_only_to_the_address_and_customer_it_confirms(
    harness: Harness, clock: Clock, other: dict[str, str]
) -> None:
    """The click proves that the holder of the request's address agreed: a request for
    another address (or customer) is never carried to this one."""
    carrier = confirmation(clock)
    carried_request(harness, carrier, **other)
    harness.post_messages([carrier])

    assert harness.deliver() == 1

    (email,) = harness.emails()
    assert links_in(email.text, "c") == []
    assert "consent.request_sent" not in harness.event_types()


def test_the_message_waits_for_its_request(harness: Harness, clock: Clock) -> None:
    carrier = confirmation(clock)
    harness.post_messages([carrier])

    assert harness.deliver() == 0
    clock.advance(minutes=59)
    assert harness.deliver() == 0
    request = carried_request(harness, carrier)  # a moment late, but within the hour

    assert harness.deliver() == 1

    (email,) = harness.emails()
    token = one_link(email.text, "c")
    assert harness.post_page(f"/c/{token}").status_code == 200
    assert harness.event_types(client_id=request["request_id"]) == [
        "message.accepted",
        "consent.request_sent",
        "consent.confirmed",
    ]


def test_after_an_hour_the_message_goes_without_the_links_line(
    harness: Harness, clock: Clock
) -> None:
    carrier = confirmation(clock)
    harness.post_messages([carrier])
    clock.advance(minutes=59, seconds=59)
    assert harness.deliver() == 0

    clock.advance(seconds=1)
    assert harness.deliver() == 1

    (email,) = harness.emails()
    assert "$confirm_url" not in email.text
    assert links_in(email.text, "c") == []
    lines = email.text.split("\n")
    assert "Bitte bestätigen Sie noch Ihre Einwilligung in Werbung per E-Mail:" in lines
    assert "Absagen oder verschieben: http" in email.text
    assert "consent.request_sent" not in harness.event_types()

    late = carried_request(harness, carrier)  # arrives after its message went: nothing more
    assert late["result"] == "accepted"
    assert harness.deliver() == 0
    assert len(harness.emails()) == 1


def test_a_refused_request_lets_its_message_go_without_the_link(
    harness: Harness, clock: Clock
) -> None:
    carrier = confirmation(clock)
    harness.post_messages([carrier])
    refused = carried_request(harness, carrier, address="keine-adresse")
    assert (refused["result"], refused["code"]) == ("rejected", "invalid_address")

    assert harness.deliver() == 1  # at once: its request is there (and refused)

    assert links_in(harness.emails()[0].text, "c") == []
    again = carried_request(harness, carrier, request_id=refused["request_id"])
    assert again["result"] == "duplicate"
    assert again["first"] == {
        "result": "rejected",
        "status": "rejected",
        "code": "invalid_address",
    }


def test_a_repeated_carried_request_is_a_duplicate(harness: Harness, clock: Clock) -> None:
    carrier = confirmation(clock)
    first = carried_request(harness, carrier)

    again = carried_request(harness, carrier, request_id=first["request_id"])

    assert again["result"] == "duplicate"
    assert again["first"] == {"result": "accepted", "status": "accepted"}


def test_a_request_carried_by_a_message_sent_later_waits_for_its_time(
    harness: Harness, clock: Clock
) -> None:
    later = clock.now + CARRIED_WAIT * 3
    carrier = confirmation(clock, not_before=later.isoformat())
    harness.post_messages([carrier])
    carried_request(harness, carrier)

    assert harness.deliver() == 0
    clock.advance(hours=3)
    assert harness.deliver() == 1
    assert len(links_in(harness.emails()[0].text, "c")) == 1


@pytest.mark.parametrize("kind", ["online_booking", "phone"])
def test_the_source_kinds_are_taken(harness: Harness, clock: Clock, kind: str) -> None:
    carrier = confirmation(clock)
    response = carried_request(
        harness, carrier, source={"kind": kind, "staff": None, **SUBMITTED_FROM}
    )
    assert response["result"] == "accepted"


@pytest.mark.parametrize(
    "overrides",
    [{"source": {"kind": "carrier_pigeon"}}, {"carried_by": ""}, {"carried_by": "x" * 65}],
)
def test_an_invalid_carried_request_is_refused(
    harness: Harness, clock: Clock, overrides: dict[str, Any]
) -> None:
    body = {**consent_body(clock, carried_by="c-1"), **overrides}
    response = harness.client.post("/v1/consent-requests", json=body, headers=harness.auth())
    assert response.status_code == 422
