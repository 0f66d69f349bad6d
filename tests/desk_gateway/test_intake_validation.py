"""No input gives an HTTP 500, and one bad item never blocks a batch: POST /v1/messages
validates every item alone (``invalid_item``), forbidden characters (NUL, control
characters, lone surrogates, U+2028) never reach the database, times out of range and
over-long fields are refused, a consent request gets one answer (422), ``GET /v1/events``
with any ``after`` answers 200 or 422. SMS numbers are stored in E.164; without an SMS
provider SMS is refused with ``channel_unavailable``."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select, update

from desk_gateway.context import Gateway
from desk_gateway.db.models import ConsentRequest, Message
from desk_gateway.email_transport import CaptureTransport
from desk_gateway.sms.capture import CaptureProvider
from tests.conftest import Clock

from .conftest import Salon, make_harness
from .support import MOBILE, Harness, consent_body, message_item
from .test_web_api import assert_problem

# (In the middle of the value: whitespace at either end, U+0085 included, is stripped.)
BAD_TEXT = {
    "NUL": "Anna\x00Müller",
    "CR/LF": "Ihr Termin\r\nBcc: alle@example.de",
    "U+2028": "Ihr Termin\u2028morgen",
    "lone surrogate": "Ihr \ud800Termin",
    "C1 control": "Ihr Termin\x85morgen",
    "noncharacter": "Ihr Termin\uffff morgen",
    "escape": "Ihr \x1b[31mTermin",
}


def post(harness: Harness, items: list[Any]) -> list[dict[str, Any]]:
    """POST as a client would send it: JSON with escapes (a lone surrogate is no UTF-8)."""
    response = harness.client.post(
        "/v1/messages",
        content=json.dumps({"items": items}).encode(),
        headers={**harness.auth(), "Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def invalid(index: int, client_id: str | None, detail: str) -> dict[str, Any]:
    return {
        "client_id": client_id,
        "index": index,
        "result": "rejected",
        "code": "invalid_item",
        "detail": detail,
    }


def messages_stored(harness: Harness) -> int:
    with harness.gw.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Message)) or 0)


# ---- one bad item, alone ----------------------------------------------------------------------
@pytest.mark.parametrize("field", ["subject", "to", "customer_ref", "sender_name", "client_id"])
@pytest.mark.parametrize("bad", list(BAD_TEXT.values()), ids=list(BAD_TEXT))
def test_forbidden_characters_in_a_single_line_field_make_the_item_invalid(
    harness: Harness, field: str, bad: str
) -> None:
    before, after = message_item(), message_item()
    item = message_item(**{field: bad[:36]})

    results = post(harness, [before, item, after])

    # A client_id with forbidden characters cannot be echoed (it may not even be UTF-8).
    echoed = None if field == "client_id" else item["client_id"]
    assert results == [
        {"client_id": before["client_id"], "result": "accepted"},
        invalid(1, echoed, field),
        {"client_id": after["client_id"], "result": "accepted"},
    ]
    assert harness.event_types() == ["message.accepted", "message.accepted"]
    assert messages_stored(harness) == 2
    assert harness.deliver() == 2


@pytest.mark.parametrize("bad", [v for k, v in BAD_TEXT.items() if k != "CR/LF"])
def test_forbidden_characters_in_the_text_make_the_item_invalid(harness: Harness, bad: str) -> None:
    (result,) = post(harness, [item := message_item(text=f"Hallo\n\n{bad}")])

    assert result == invalid(0, item["client_id"], "text")
    assert messages_stored(harness) == 0


def test_line_breaks_and_tabs_are_fine_in_the_text(harness: Harness) -> None:
    result = harness.submit(text="Hallo Anna,\r\n\r\nIhr Termin:\tFreitag\n\nBis bald!")

    assert result["result"] == "accepted"
    harness.deliver()
    assert "Ihr Termin:\tFreitag" in harness.emails()[0].text


def test_every_invalid_item_is_named_with_its_fields(harness: Harness) -> None:
    items: list[Any] = [
        message_item(subject="a\nb", text="\x00"),
        {"client_id": 17, "channel": "email"},
        {},
        message_item(),
    ]

    results = harness.post_messages(items)

    assert results[0] == invalid(0, items[0]["client_id"], "subject, text")
    assert results[1] == invalid(1, None, "category, client_id, customer_ref, text, to")
    assert results[2] == invalid(2, None, "category, channel, client_id, customer_ref, text, to")
    assert results[3] == {"client_id": items[3]["client_id"], "result": "accepted"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("subject", "x" * 251),
        ("to", "a" * 250 + "@example.de"),
        ("customer_ref", "c" * 37),
        ("basis_ref", "b" * 65),
        ("text", "t" * 20_001),
        ("sender_name", "s" * 41),
        ("client_id", "i" * 65),
        ("language", "fr"),
        ("subject", 12),
        ("not_before", "morgen"),
    ],
)
def test_over_long_and_malformed_fields_make_the_item_invalid(
    harness: Harness, field: str, value: object
) -> None:
    good = message_item()
    item = message_item(**{field: value})

    results = harness.post_messages([item, good])

    assert results[0]["code"] == "invalid_item" and results[0]["detail"] == field
    assert results[1]["result"] == "accepted"


@pytest.mark.parametrize(
    "when",
    [
        "9999-12-31T23:59:59+00:00",
        "9999-12-31T23:59:59-05:00",  # beyond the year 9999 in UTC
        "0001-01-01T00:00:00+01:00",  # before the year 1 in UTC
        "1800-01-01T00:00:00+00:00",
        "+10000-01-01T00:00:00+00:00",
    ],
)
@pytest.mark.parametrize("field", ["not_before", "not_after"])
def test_times_out_of_range_make_the_item_invalid(harness: Harness, field: str, when: str) -> None:
    item = message_item(**{field: when})

    results = harness.post_messages([item, message_item()])

    assert results[0] == invalid(0, item["client_id"], field)
    assert results[1]["result"] == "accepted"
    harness.deliver()


def test_a_far_but_valid_date_is_taken(harness: Harness) -> None:
    result = harness.submit(not_after="9998-12-31T00:00:00+00:00")

    assert result["result"] == "accepted"
    assert harness.deliver() == 1


def test_a_resent_item_stays_a_duplicate_even_if_it_is_invalid_now(harness: Harness) -> None:
    """An item an older, laxer gateway took is still answered as the duplicate it is."""
    item = message_item()
    harness.post_messages([item])
    with harness.gw.db.write() as s:  # as an older gateway would have stored it
        s.execute(
            update(Message)
            .where(Message.client_id == item["client_id"])
            .values(subject="Ihr\u2028Termin")
        )

    (again,) = harness.post_messages([dict(item, subject="Ihr\u2028Termin")])

    assert again["result"] == "duplicate"
    assert again["first"]["result"] == "accepted"


def test_a_padded_resend_of_a_known_id_is_a_duplicate_even_if_invalid(
    harness: Harness,
) -> None:
    item = message_item()
    harness.post_messages([item])

    (again,) = harness.post_messages(
        [dict(item, client_id=f"  {item['client_id']} ", subject="Ihr\u2028Termin")]
    )

    assert again["result"] == "duplicate" and again["client_id"] == item["client_id"]


def test_an_invalid_item_is_not_remembered(harness: Harness) -> None:
    item = message_item(subject="a\rb")
    (first,) = harness.post_messages([item])

    (fixed,) = harness.post_messages([dict(item, subject="a b")])

    assert first["code"] == "invalid_item"
    assert fixed == {"client_id": item["client_id"], "result": "accepted"}


def test_a_batch_of_100_invalid_items_is_answered_item_by_item(harness: Harness) -> None:
    items = [message_item(text=f"Nr. {n}\x00") for n in range(100)]

    results = harness.post_messages(items)

    assert [r["index"] for r in results] == list(range(100))
    assert {r["code"] for r in results} == {"invalid_item"}
    assert harness.events() == []


# ---- consent requests -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "overrides",
    [
        {"customer_ref": "Anna\x00"},
        {"address": "anna@example.de\r\nBcc: x@y.de"},
        {"salon_name": "Salon\u2028Schnitt"},
        {"statement": {"version": "2026-11", "text": "Ich will\x00"}},
        {"statement": {"version": "2026\n11", "text": "Ich will"}},
        {"source": {"kind": "phone", "staff": "Mia\x00"}},
        {"source": {"kind": "online", "user_agent": "Mozilla\ud800"}},
        {"message": {"subject": "Bitte\nbestätigen", "text": "$confirm_url"}},
        {"message": {"subject": "Bitte", "text": "\x00 $confirm_url"}},
        {"declared_at": "9999-12-31T23:59:59+00:00"},  # + 30 days does not exist
        {"declared_at": "0001-01-01T00:00:00+01:00"},
        {"salon_name": "S" * 121},
        {"message": {"subject": "$salon" * 41, "text": "$confirm_url"}},  # long once filled
    ],
)
def test_an_invalid_consent_request_gets_one_answer(
    harness: Harness, overrides: dict[str, Any]
) -> None:
    body = consent_body(harness.clock, **overrides)

    response = harness.client.post(
        "/v1/consent-requests",
        content=json.dumps(body).encode(),
        headers={**harness.auth(), "Content-Type": "application/json"},
    )

    assert_problem(response, 422, "invalid_request")
    with harness.gw.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ConsentRequest)) == 0
    assert harness.events() == []


def test_a_consent_request_id_that_names_a_message_is_an_invalid_request(
    harness: Harness,
) -> None:
    item = message_item()
    harness.post_messages([item])
    body = consent_body(harness.clock, request_id=item["client_id"])

    answers = [
        harness.client.post("/v1/consent-requests", json=body, headers=harness.auth())
        for _ in range(2)  # a retry gets the same answer, never a 500
    ]

    for response in answers:
        assert_problem(response, 422, "invalid_request")
    with harness.gw.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ConsentRequest)) == 0
        assert s.scalar(select(func.count()).select_from(Message)) == 1
    assert [e["type"] for e in harness.events()] == ["message.accepted"]


def test_a_body_no_json_parser_takes_is_an_invalid_request(harness: Harness) -> None:
    response = harness.client.post(
        "/v1/messages",
        content=b'{"items": [], "n": ' + b"9" * 5000 + b"}",
        headers={**harness.auth(), "Content-Type": "application/json"},
    )

    assert_problem(response, 400, "invalid_request")


def test_a_consent_request_with_a_subject_that_just_fits(harness: Harness) -> None:
    body = consent_body(
        harness.clock,
        salon_name="Salon Schnittpunkt",  # 18 characters for "$salon" (6)
        message={"subject": "x" * 232 + "$salon", "text": "$confirm_url"},
    )

    response = harness.client.post("/v1/consent-requests", json=body, headers=harness.auth())

    assert response.status_code == 200 and response.json()["result"] == "accepted"
    harness.deliver()
    assert len(harness.emails()[0].subject) == 250


# ---- the event log ----------------------------------------------------------------------------
@pytest.mark.parametrize("after", [2**31, 2**63, 10**30, "1e400", "NaN"])
def test_a_huge_after_is_invalid_request(harness: Harness, after: object) -> None:
    response = harness.client.get("/v1/events", params={"after": after}, headers=harness.auth())

    assert_problem(response, 422, "invalid_request")


@pytest.mark.parametrize("after", [3, 1000, 2**31 - 1])
def test_after_beyond_the_log_is_an_empty_page(harness: Harness, after: int) -> None:
    harness.post_messages([message_item(), message_item()])

    page = harness.events_page(after=after)

    assert page == {"events": [], "last_seq": 2}


# ---- SMS numbers in E.164 ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "typed", ["+49 151 1234 5678", "+49 (0)151 12345678", "+49-151-12345678", "+4915112345678"]
)
def test_sms_numbers_are_stored_in_e164(harness: Harness, typed: str) -> None:
    result = harness.submit(channel="sms", to=typed)
    consent = harness.request_consent(channel="sms", address=typed)

    assert result["result"] == consent["result"] == "accepted"
    assert harness.message(result["client_id"]).to_address == MOBILE
    assert harness.message(consent["request_id"]).to_address == MOBILE
    harness.deliver()
    assert [sms.to for sms in harness.sms.sent] == [MOBILE, MOBILE]


def test_a_suppressed_number_is_found_whatever_its_formatting(harness: Harness) -> None:
    harness.submit(channel="sms", to=MOBILE)
    harness.sms.fail_next(permanent=True)  # the provider says: no such number
    harness.deliver()

    again = harness.submit(channel="sms", to="+49 151 123 456 78")

    assert (again["result"], again.get("code")) == ("rejected", "suppressed")


def test_email_addresses_are_stored_as_given(harness: Harness) -> None:
    result = harness.submit(to="Anna.Mueller@Example.de")

    assert harness.message(result["client_id"]).to_address == "Anna.Mueller@Example.de"


# ---- no SMS provider --------------------------------------------------------------------------
@pytest.fixture
def no_sms(gw: Gateway, clock: Clock, salon: Salon) -> Iterator[Harness]:
    """A gateway without an SMS provider (SMS_PROVIDER=none)."""
    config = dataclasses.replace(gw.config, sms_provider="none")
    without = Gateway(gw.db, config, gw.secret_key, clock)
    yield from make_harness(without, clock, salon, CaptureProvider(), CaptureTransport(gw.db))


def test_without_an_sms_provider_sms_items_are_refused(no_sms: Harness) -> None:
    email, sms = message_item(), message_item(channel="sms", to=MOBILE)

    results = no_sms.post_messages([email, sms])
    no_sms.deliver()

    assert results == [
        {"client_id": email["client_id"], "result": "accepted"},
        {"client_id": sms["client_id"], "result": "rejected", "code": "channel_unavailable"},
    ]
    assert no_sms.sms.sent == []
    assert no_sms.event_types(client_id=sms["client_id"]) == ["message.rejected"]
    assert "message.sent" not in no_sms.event_types(client_id=sms["client_id"])
    assert no_sms.client.get("/v1/status", headers=no_sms.auth()).json()["transports"]["sms"] == {
        "state": "unavailable",
        "error": None,
        "since": None,
    }


def test_without_an_sms_provider_sms_consent_requests_are_refused(no_sms: Harness) -> None:
    response = no_sms.request_consent(channel="sms", address=MOBILE)
    no_sms.deliver()

    assert (response["result"], response["code"]) == ("rejected", "channel_unavailable")
    assert no_sms.sms.sent == []
    assert no_sms.request_consent(channel="email")["result"] == "accepted"


def test_sms_taken_before_the_provider_was_switched_off_are_refused_at_sending(
    harness: Harness, no_sms: Harness
) -> None:
    """Accepted while a provider was configured; the gateway restarted without one."""
    result = harness.submit(channel="sms", to=MOBILE)

    no_sms.deliver()

    assert no_sms.sms.sent == [] and harness.sms.sent == []
    message = harness.message(result["client_id"])
    assert (message.status, message.reject_code) == ("rejected", "channel_unavailable")
    assert harness.event_types(client_id=result["client_id"]) == [
        "message.accepted",
        "message.rejected",
    ]


# ---- data-protection requests -----------------------------------------------------------------
@pytest.mark.parametrize("ref", ["a%00b", "a%0Ab", "a%E2%80%A8b", "x" * 37])
@pytest.mark.parametrize(("method", "action"), [("get", "export"), ("post", "erase")])
def test_a_customer_ref_no_customer_can_have_is_invalid_request(
    harness: Harness, method: str, action: str, ref: str
) -> None:
    response = harness.client.request(
        method, f"/v1/customers/{ref}/{action}", headers=harness.auth()
    )

    assert_problem(response, 422, "invalid_request")
    assert harness.events() == []


@pytest.mark.parametrize("path", ["/u/a%00b", "/c/a%00b", "/u/%E2%80%A8", "/c/" + "x" * 5000])
def test_links_with_control_characters_are_not_found(harness: Harness, path: str) -> None:
    assert harness.client.get(path).status_code == 404
    assert harness.client.post(path).status_code == 404
