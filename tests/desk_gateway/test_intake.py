"""POST /v1/messages and /v1/consent-requests: what is accepted, what is refused, and that a
``client_id`` (``request_id``) makes a send idempotent forever."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from .conftest import Salon
from .support import (
    LANDLINE,
    MOBILE,
    OTHER_MOBILE,
    Harness,
    message_item,
    new_id,
    one_link,
)

NEEDS_NO_OPT_OUT = ["marketing", "service_info", "similar_offer"]


def opt_out(harness: Harness, customer_ref: str, address: str = "kunde@example.de") -> None:
    """The customer clicks one-click unsubscribe in a transactional email."""
    harness.submit(customer_ref=customer_ref, to=address)
    harness.deliver()
    token = one_link(harness.emails(to=address)[-1].text, "u")
    response = harness.client.post(
        f"/u/{token}",
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200


# ---- accepted and duplicates -----------------------------------------------------------------
def test_a_valid_message_is_accepted_and_logged(harness: Harness) -> None:
    result = harness.submit()

    assert {k: v for k, v in result.items() if k != "item"} == {
        "client_id": result["item"]["client_id"],
        "result": "accepted",
    }
    (event,) = harness.events()
    assert event["type"] == "message.accepted"
    assert event["client_id"] == result["item"]["client_id"]
    assert event["customer_ref"] == result["item"]["customer_ref"]
    assert event["channel"] == "email"


def test_results_come_back_in_request_order(harness: Harness) -> None:
    items = [
        message_item(),
        message_item(to="not-an-address"),
        message_item(channel="sms", to=MOBILE),
    ]

    results = harness.post_messages(items)

    assert [r["client_id"] for r in results] == [i["client_id"] for i in items]
    assert [r["result"] for r in results] == ["accepted", "rejected", "accepted"]


def test_a_repeated_client_id_is_a_duplicate_and_sent_once(harness: Harness) -> None:
    item = message_item()

    first, again_in_batch = harness.post_messages([item, dict(item, text="anders")])
    (later,) = harness.post_messages([item])
    harness.deliver()
    (after_sending,) = harness.post_messages([dict(item, to="jemand.anders@example.de")])
    harness.deliver()

    assert first == {"client_id": item["client_id"], "result": "accepted"}
    waiting = {"client_id": item["client_id"], "result": "duplicate", "first": first_result()}
    assert again_in_batch == later == waiting
    # The first result stays; "status" tells where the message stands now.
    assert after_sending == {**waiting, "first": first_result(status="sent")}
    emails = harness.emails()
    assert len(emails) == 1
    assert emails[0].to_address == item["to"]
    assert emails[0].text.startswith(item["text"])
    assert harness.event_types(client_id=item["client_id"]) == ["message.accepted", "message.sent"]


def first_result(code: str | None = None, status: str | None = None) -> dict[str, str]:
    if code:
        return {"result": "rejected", "status": status or "rejected", "code": code}
    return {"result": "accepted", "status": status or "accepted"}


def test_a_duplicate_of_a_rejection_repeats_the_rejection(harness: Harness) -> None:
    item = message_item(to="kaputt@")

    (first,) = harness.post_messages([item])
    (again,) = harness.post_messages([dict(item, to="richtig@example.de")])
    harness.deliver()

    assert first["code"] == "invalid_address"
    assert again == {
        "client_id": item["client_id"],
        "result": "duplicate",
        "first": first_result("invalid_address"),
    }
    assert harness.emails() == []


def test_client_ids_are_per_installation(
    harness: Harness, make_installation: Callable[[str], Salon]
) -> None:
    other = make_installation("Kamm & Schere")
    item = message_item()

    (mine,) = harness.post_messages([item])
    (theirs,) = harness.post_messages([item], token=other.token)

    assert mine["result"] == theirs["result"] == "accepted"


def test_a_long_client_id_within_the_schema_is_taken(harness: Harness) -> None:
    """The schema allows client ids of up to 64 characters; all of them must work."""
    item = message_item(client_id="outbox-" + "7" * 57)

    (result,) = harness.post_messages([item])
    harness.deliver()

    assert result["result"] == "accepted"
    assert harness.event_types(client_id=item["client_id"]) == ["message.accepted", "message.sent"]


# ---- rejections ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("channel", "to"),
    [
        ("email", "anna.example.de"),
        ("email", "anna@"),
        ("email", "anna mueller@example.de"),
        ("sms", LANDLINE),
        ("sms", "0151 12345678"),  # not E.164
        ("sms", "+49123"),
        ("sms", "anna@example.de"),
        ("email", MOBILE),
    ],
)
def test_bad_addresses_are_rejected(harness: Harness, channel: str, to: str) -> None:
    result = harness.submit(channel=channel, to=to)
    harness.deliver()

    assert result["result"] == "rejected"
    assert result["code"] == "invalid_address"
    assert harness.emails() == [] and harness.sms.sent == []
    assert harness.event_types() == ["message.rejected"]
    assert harness.events()[0]["data"] == {"code": "invalid_address"}


def test_a_mobile_number_is_fine_for_sms(harness: Harness) -> None:
    assert harness.submit(channel="sms", to=OTHER_MOBILE)["result"] == "accepted"


def test_a_message_past_its_not_after_is_rejected_as_expired(harness: Harness) -> None:
    past = (harness.clock.now - timedelta(minutes=1)).isoformat()
    now = harness.clock.now.isoformat()
    future = (harness.clock.now + timedelta(hours=1)).isoformat()

    results = harness.post_messages(
        [message_item(not_after=past), message_item(not_after=now), message_item(not_after=future)]
    )

    assert [(r["result"], r.get("code")) for r in results] == [
        ("rejected", "expired"),
        ("rejected", "expired"),
        ("accepted", None),
    ]


@pytest.mark.parametrize("category", NEEDS_NO_OPT_OUT)
def test_an_opted_out_customer_gets_no_advertising(harness: Harness, category: str) -> None:
    consent = harness.confirmed_consent()
    customer = consent["customer_ref"]
    opt_out(harness, customer)

    result = harness.submit(
        customer_ref=customer, category=category, basis_ref=consent["request_id"]
    )

    assert (result["result"], result.get("code")) == ("rejected", "suppressed")


def test_an_opted_out_customer_still_gets_transactional_messages(harness: Harness) -> None:
    customer = new_id()
    opt_out(harness, customer)

    result = harness.submit(customer_ref=customer, category="transactional")

    assert result["result"] == "accepted"


def test_the_opt_out_is_per_customer(harness: Harness) -> None:
    opt_out(harness, new_id())

    assert harness.submit(category="service_info")["result"] == "accepted"


@pytest.mark.parametrize("channel", ["email", "sms"])
def test_marketing_without_a_basis_is_rejected(harness: Harness, channel: str) -> None:
    to = MOBILE if channel == "sms" else "anna@example.de"

    result = harness.submit(category="marketing", channel=channel, to=to, basis_ref=None)

    assert (result["result"], result.get("code")) == ("rejected", "no_basis")


def test_marketing_on_an_unknown_basis_is_rejected(harness: Harness) -> None:
    result = harness.submit(category="marketing", basis_ref=new_id())

    assert result["code"] == "no_basis"


def test_marketing_on_a_consent_nobody_confirmed_is_rejected(harness: Harness) -> None:
    pending = harness.request_consent()
    harness.deliver()
    token = one_link(harness.emails()[-1].text, "c")
    assert harness.get_page(f"/c/{token}").status_code == 200  # only looked at

    result = harness.submit(
        category="marketing",
        customer_ref=pending["body"]["customer_ref"],
        basis_ref=pending["request_id"],
    )

    assert result["code"] == "no_basis"


def test_marketing_on_a_confirmed_consent_is_accepted(harness: Harness) -> None:
    consent = harness.confirmed_consent()

    result = harness.submit(
        category="marketing",
        customer_ref=consent["customer_ref"],
        to=consent["address"],
        basis_ref=consent["request_id"],
    )

    assert result["result"] == "accepted"


def test_marketing_on_another_customers_consent_is_rejected(harness: Harness) -> None:
    consent = harness.confirmed_consent()

    result = harness.submit(
        category="marketing", customer_ref=new_id(), basis_ref=consent["request_id"]
    )

    assert result["code"] == "no_basis"


def test_an_email_consent_is_no_basis_for_sms(harness: Harness) -> None:
    consent = harness.confirmed_consent()

    result = harness.submit(
        category="marketing",
        channel="sms",
        to=MOBILE,
        customer_ref=consent["customer_ref"],
        basis_ref=consent["request_id"],
    )

    assert result["code"] == "no_basis"


def test_a_consent_confirmed_at_another_installation_is_no_basis(
    harness: Harness, make_installation: Callable[[str], Salon]
) -> None:
    consent = harness.confirmed_consent()
    other = make_installation("Kamm & Schere")

    (result,) = harness.post_messages(
        [
            message_item(
                category="marketing",
                customer_ref=consent["customer_ref"],
                basis_ref=consent["request_id"],
            )
        ],
        token=other.token,
    )

    assert result["code"] == "no_basis"


# ---- consent requests ------------------------------------------------------------------------
def test_a_consent_request_is_accepted(harness: Harness) -> None:
    response = harness.request_consent()

    assert response["result"] == "accepted"
    assert response["code"] is None
    assert response["request_id"] == response["body"]["request_id"]
    assert harness.event_types(client_id=response["request_id"]) == ["message.accepted"]


def test_a_repeated_consent_request_is_a_duplicate_and_sent_once(harness: Harness) -> None:
    first = harness.request_consent()
    body = first["body"]

    again = harness.request_consent(**{**body, "address": "anders@example.de"})
    harness.deliver()
    later = harness.request_consent(**body)
    harness.deliver()

    expected = {"request_id": body["request_id"], "result": "duplicate", "first": first_result()}
    assert {k: v for k, v in again.items() if k != "body"} == expected
    assert {k: v for k, v in later.items() if k != "body"} == {
        **expected,
        "first": first_result(status="sent"),
    }
    assert len(harness.emails()) == 1


@pytest.mark.parametrize(("channel", "address"), [("email", "anna@"), ("sms", LANDLINE)])
def test_a_consent_request_to_a_bad_address_is_rejected(
    harness: Harness, channel: str, address: str
) -> None:
    response = harness.request_consent(channel=channel, address=address)
    again = harness.request_consent(**response["body"])
    harness.deliver()

    assert (response["result"], response["code"]) == ("rejected", "invalid_address")
    assert again["first"] == first_result("invalid_address")
    assert harness.emails() == [] and harness.sms.sent == []
