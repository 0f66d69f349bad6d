"""The consent request's outbox payload (services/consent_request.py): what the
declaration writes is what the sync reads, and a damaged payload is an error, never a
guessed default."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from desk_app.domain.enums import Channel, ConsentSource
from desk_app.domain.statements import render_statement
from desk_app.services.consent_request import ConsentRequestPayload, InvalidConsentRequest

STATEMENT = render_statement("Salon Schnittpunkt", (Channel.EMAIL,), language="de")
DECLARED_AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def _payload(**changes: Any) -> ConsentRequestPayload:
    payload = ConsentRequestPayload.declared(
        "req-1", STATEMENT, ConsentSource.IN_PERSON, "Tanja Groß", DECLARED_AT
    )
    return ConsentRequestPayload(**{**payload.__dict__, **changes})


def test_round_trip_through_json_keeps_every_field() -> None:
    payload = _payload()
    assert ConsentRequestPayload.from_json(payload.to_json()) == payload
    assert payload.statement_sha256 == STATEMENT.sha256
    assert payload.statement_text == STATEMENT.text


def test_without_staff_round_trips_as_none() -> None:
    payload = _payload(staff=None)
    assert ConsentRequestPayload.from_json(payload.to_json()).staff is None


def test_a_request_queued_before_the_hash_was_stored_reads_with_the_text_hash() -> None:
    stored = _payload().to_json()
    del stored["statement"]["sha256"]
    assert ConsentRequestPayload.from_json(stored).statement_sha256 == STATEMENT.sha256


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.pop("source"), "source is missing"),
        (lambda p: p["source"].pop("kind"), "source.kind is missing"),
        (lambda p: p["source"].update(kind="fax"), "source.kind is unknown"),
        (lambda p: p.pop("declared_at"), "declared_at is missing"),
        (lambda p: p.update(declared_at="yesterday"), "declared_at is no time"),
        (lambda p: p["statement"].pop("text"), "statement.text is missing"),
        (lambda p: p["statement"].update(text="other words"), "does not match"),
        (lambda p: p.pop("statement"), "statement is missing"),
    ],
)
def test_a_damaged_payload_is_an_error_naming_what_is_wrong(damage: Any, message: str) -> None:
    stored = _payload().to_json()
    damage(stored)
    with pytest.raises(InvalidConsentRequest, match=message):
        ConsentRequestPayload.from_json(stored)


def test_no_payload_at_all_is_an_error() -> None:
    with pytest.raises(InvalidConsentRequest, match="payload is missing"):
        ConsentRequestPayload.from_json(None)


def test_an_online_request_keeps_its_evidence_and_its_carrier() -> None:
    payload = ConsentRequestPayload.declared(
        "r-2",
        STATEMENT,
        ConsentSource.ONLINE_BOOKING,
        None,
        datetime(2026, 11, 27, 9, 30, tzinfo=UTC),
        ip="203.0.113.9",
        user_agent="Mozilla/5.0 (X11; Linux x86_64)",
        carried_by="confirmation-1",
    )
    stored = payload.to_json()
    assert stored["source"] == {
        "kind": "online_booking",
        "staff": None,
        "ip": "203.0.113.9",
        "user_agent": "Mozilla/5.0 (X11; Linux x86_64)",
    }
    assert stored["carried_by"] == "confirmation-1"
    assert ConsentRequestPayload.from_json(stored) == payload
    stored["carried_by"] = 7
    with pytest.raises(InvalidConsentRequest, match="carried_by is not text"):
        ConsentRequestPayload.from_json(stored)
