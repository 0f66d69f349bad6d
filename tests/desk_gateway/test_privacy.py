"""Data-protection requests: Art. 15 export of one customer, Art. 17 erasure that keeps only
the consent proof and a keyed hash of the addresses."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import inspect, select, text

from desk_gateway.db.models import Base

from .conftest import Salon
from .support import MOBILE, OTHER_MOBILE, Harness, new_id, one_link

ANNA = "anna.mueller@example.de"
BODY = "Liebe Anna, Ihre Farbe ist bestellt: Kupferrot 7.4, Termin am Freitag."


def export(harness: Harness, customer_ref: str, token: str | None = None) -> Any:
    response = harness.client.get(
        f"/v1/customers/{customer_ref}/export", headers=harness.auth(token)
    )
    assert response.status_code == 200, response.text
    return response.json()


def erase(harness: Harness, customer_ref: str) -> Any:
    response = harness.client.post(f"/v1/customers/{customer_ref}/erase", headers=harness.auth())
    assert response.status_code == 200, response.text
    return response.json()


def anna_with_history(harness: Harness) -> dict[str, Any]:
    """Anna: a confirmed email consent, an email and an SMS, an inbound SMS from her phone."""
    consent = harness.confirmed_consent(address=ANNA)
    customer = consent["customer_ref"]
    harness.submit(customer_ref=customer, to=ANNA, subject="Ihre Farbe", text=BODY)
    harness.submit(customer_ref=customer, channel="sms", to=MOBILE, text="Bis Freitag, Anna!")
    harness.deliver()
    response = harness.client.post(
        "/hooks/capture",
        content=json.dumps({"type": "inbound", "from": MOBILE, "text": "Danke, Anna"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200
    return consent


def rows_mentioning(harness: Harness, needle: str, skip: tuple[str, ...] = ()) -> list[str]:
    """Every table row (as text) that contains ``needle``, over the whole gateway database."""
    found = []
    with harness.gw.db.read() as s:
        tables = inspect(s.connection()).get_table_names()
        for table in tables:
            if table in skip:
                continue
            for row in s.execute(text(f'SELECT * FROM "{table}"')):
                if needle.lower() in str(tuple(row)).lower():
                    found.append(f"{table}: {tuple(row)}")
    return found


# ---- export ----------------------------------------------------------------------------------
def test_export_lists_this_customers_messages_requests_and_events(
    harness: Harness, make_installation: Callable[[str], Salon]
) -> None:
    consent = anna_with_history(harness)
    anna = consent["customer_ref"]
    harness.submit(to="bert@example.de", text="Hallo Bert")  # someone else
    other = make_installation("Kamm & Schere")
    harness.post_messages(
        [
            {
                "client_id": new_id(),
                "channel": "email",
                "category": "transactional",
                "to": "anna@anderswo.example",
                "text": "Anderer Salon",
                "customer_ref": anna,  # the same ref at another salon
            }
        ],
        token=other.token,
    )

    data = export(harness, anna)

    assert data["customer_ref"] == anna
    assert data["opted_out"] is False
    assert [m["channel"] for m in data["messages"]] == ["email", "email", "sms"]
    assert [m["to"] for m in data["messages"]] == [ANNA, ANNA, MOBILE]
    assert data["messages"][1]["text"].startswith(BODY)
    assert all(m["status"] == "sent" for m in data["messages"])
    (request,) = data["consent_requests"]
    assert request["request_id"] == consent["request_id"]
    assert request["address"] == ANNA
    assert request["statement_text"] == consent["statement"]["text"]
    assert request["confirmed_at"] is not None and request["ip"] == "testclient"
    assert data["events"], "the event log is part of the export"
    assert {e["customer_ref"] for e in data["events"]} == {anna}
    types = {e["type"] for e in data["events"]}
    assert {"consent.confirmed", "message.sent", "sms.inbound"} <= types
    serialized = json.dumps(data)
    assert "bert@example.de" not in serialized and "Anderer Salon" not in serialized
    assert export(harness, anna, token=other.token)["messages"][0]["text"].startswith(
        "Anderer Salon"
    )


def test_export_shows_the_opt_out(harness: Harness) -> None:
    result = harness.submit()
    harness.deliver()
    harness.post_page(f"/u/{one_link(harness.emails()[0].text, 'u')}")

    assert export(harness, result["item"]["customer_ref"])["opted_out"] is True


def test_export_of_an_unknown_customer_is_empty(harness: Harness) -> None:
    data = export(harness, new_id())

    assert data["messages"] == data["consent_requests"] == data["events"] == []
    assert data["opted_out"] is False


# ---- erasure ---------------------------------------------------------------------------------
def test_erasure_removes_bodies_and_addresses_but_keeps_the_proof(harness: Harness) -> None:
    consent = anna_with_history(harness)
    anna = consent["customer_ref"]

    answer = erase(harness, anna)

    assert answer["customer_ref"] == anna and answer["erased"] is True
    data = export(harness, anna)
    serialized = json.dumps(data)
    for secret in (ANNA, MOBILE, BODY, "Bis Freitag", "Danke, Anna"):
        assert secret not in serialized, secret
    assert all(m["to"] is None and m["text"] is None for m in data["messages"])
    (request,) = data["consent_requests"]
    assert request["address"] is None
    assert request["request_id"] == consent["request_id"]
    assert request["confirmed_at"] is not None  # the proof stays
    assert request["ip"] == "testclient"
    assert request["statement_version"] == "2026-11"
    # Nowhere in the gateway's own tables (the demo mailbox is the capture transport's).
    for secret in (ANNA, MOBILE, BODY, "Danke, Anna"):
        assert rows_mentioning(harness, secret, skip=("captured_messages",)) == [], secret


def test_after_erasure_the_addresses_are_suppressed(harness: Harness) -> None:
    consent = anna_with_history(harness)
    erase(harness, consent["customer_ref"])

    results = [
        harness.submit(to=ANNA, customer_ref=consent["customer_ref"]),
        harness.submit(to=ANNA, customer_ref=new_id()),  # a re-import under a new ref
        harness.submit(to=ANNA.upper(), customer_ref=new_id()),
        harness.submit(channel="sms", to=MOBILE, customer_ref=new_id()),
    ]
    harness.deliver()

    assert [(r["result"], r.get("code")) for r in results] == [("rejected", "suppressed")] * 4
    assert harness.submit(channel="sms", to=OTHER_MOBILE)["result"] == "accepted"


def test_queued_messages_of_an_erased_customer_are_not_sent(harness: Harness) -> None:
    customer = new_id()
    queued = harness.submit(customer_ref=customer, to=ANNA)

    erase(harness, customer)
    harness.deliver()

    assert harness.emails() == []
    data = export(harness, customer)
    assert data["messages"][0]["status"] != "sent"
    assert "message.sent" not in harness.event_types(client_id=queued["item"]["client_id"])


def test_an_erased_customer_may_declare_consent_anew(harness: Harness) -> None:
    consent = anna_with_history(harness)
    erase(harness, consent["customer_ref"])
    emails_before = len(harness.emails(to=ANNA))

    again = harness.request_consent(customer_ref=new_id(), address=ANNA)
    harness.deliver()

    assert again["result"] == "accepted"
    assert len(harness.emails(to=ANNA)) == emails_before + 1
    assert "consent.request_sent" in harness.event_types(client_id=again["request_id"])


def test_a_new_confirmed_consent_after_erasure_allows_marketing(harness: Harness) -> None:
    """The erasure suppression stops re-imports; the customer's own new double opt-in must
    open the address again, else the confirmation the gateway just sent is worthless."""
    old = anna_with_history(harness)
    erase(harness, old["customer_ref"])
    new_customer = new_id()
    harness.request_consent(customer_ref=new_customer, address=ANNA)
    harness.deliver()
    token = harness.confirm_token(ANNA)
    assert harness.post_page(f"/c/{token}").status_code == 200
    (confirmed,) = [
        e
        for e in harness.events()
        if e["type"] == "consent.confirmed" and e["customer_ref"] == new_customer
    ]

    result = harness.submit(
        category="marketing",
        customer_ref=new_customer,
        to=ANNA,
        basis_ref=confirmed["data"]["request_id"],
    )

    assert result["result"] == "accepted", result


def test_erasure_is_per_installation(
    harness: Harness, make_installation: Callable[[str], Salon]
) -> None:
    consent = anna_with_history(harness)
    other = make_installation("Kamm & Schere")
    erase(harness, consent["customer_ref"])

    (there,) = harness.post_messages(
        [
            {
                "client_id": new_id(),
                "channel": "email",
                "category": "transactional",
                "to": ANNA,
                "text": "Hallo",
                "customer_ref": new_id(),
            }
        ],
        token=other.token,
    )

    assert there["result"] == "accepted"


def test_erasure_leaves_no_working_unsubscribe_link_but_keeps_the_opt_out(
    harness: Harness,
) -> None:
    customer = new_id()
    harness.submit(customer_ref=customer, to=ANNA)
    harness.deliver()
    token = one_link(harness.emails()[0].text, "u")
    harness.post_page(f"/u/{token}")

    erase(harness, customer)

    assert harness.get_page(f"/u/{token}").status_code == 404
    assert export(harness, customer)["opted_out"] is True


def test_erasure_is_repeatable(harness: Harness) -> None:
    consent = anna_with_history(harness)

    erase(harness, consent["customer_ref"])
    second = erase(harness, consent["customer_ref"])

    assert second["erased"] is True
    with harness.gw.db.read() as s:
        assert s.scalar(select(Base.metadata.tables["suppressions"].c.reason).limit(1)) == "erased"
