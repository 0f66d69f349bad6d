"""Taking messages and consent requests from a desktop (POST /v1/messages, /v1/consent-requests).

Idempotent forever: a ``client_id`` (or ``request_id``) seen before is answered with its
first result and nothing is sent again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk_gateway import carried_links
from desk_gateway.booking.offers import keep_offer
from desk_gateway.booking.records import keep_booking
from desk_gateway.context import Gateway
from desk_gateway.db.models import ConsentRequest, Message, OptOut, Suppression
from desk_gateway.enforcement import (
    Facts,
    address_key,
    address_valid,
    channel_available,
    normalised_address,
    refusal,
)
from desk_gateway.events import NewEvent, append_event, append_events
from desk_gateway.schemas import (
    ConsentRequestBody,
    InvalidItem,
    MessageItem,
    parse_item,
)
from desk_gateway.suppressions import blocks as suppression_blocks
from desk_gateway.texts import (
    DEFAULT_CONSENT_SMS,
    DEFAULT_CONSENT_SUBJECT,
    DEFAULT_CONSENT_TEXT,
    pick,
)
from desk_gateway.tokens import address_hash, link_token, sha256_hex

CONFIRMATION_WINDOW = timedelta(days=30)
_ATTEMPTS_ON_RACE = 3


def suppression_reason(gw: Gateway, s: Session, installation_id: int, address: str) -> str | None:
    return s.scalar(
        select(Suppression.reason).where(
            Suppression.installation_id == installation_id,
            Suppression.address_hash == address_hash(gw.secret_key, address),
        )
    )


class IdInUse(Exception):
    """A consent request's ``request_id`` is already the ``client_id`` of a message of this
    installation (both name the message the gateway sends): an invalid request."""


def _retry_on_race(operation: Any) -> Any:
    """Two desktops (or retries) racing with the same id: the loser sees a duplicate."""
    for attempt in range(_ATTEMPTS_ON_RACE):
        try:
            return operation()
        except IntegrityError:
            if attempt == _ATTEMPTS_ON_RACE - 1:
                raise
    raise AssertionError("unreachable")


def submit_messages(
    gw: Gateway, installation_id: int, items: Sequence[Mapping[str, Any] | MessageItem]
) -> list[dict[str, Any]]:
    """Answer every item of a batch in request order. Each item is validated alone: an
    invalid one is answered ``invalid_item`` (unless its client_id was seen before: then it
    is a duplicate like any other) and stored nowhere; the others are taken as usual."""
    parsed = [_normalised(parse_item(index, raw)) for index, raw in enumerate(items)]

    def run() -> list[dict[str, Any]]:
        with gw.db.write() as s:
            return _submit_batch(gw, s, installation_id, parsed)

    results: list[dict[str, Any]] = _retry_on_race(run)
    return results


def _normalised(item: MessageItem | InvalidItem) -> MessageItem | InvalidItem:
    """SMS numbers in E.164, whatever their formatting, so that replies find them."""
    if isinstance(item, MessageItem) and item.channel == "sms":
        to = normalised_address("sms", item.to)
        if to != item.to:
            return item.model_copy(update={"to": to})
    return item


def _duplicate(client_id: str, first: Message) -> dict[str, Any]:
    first_result: dict[str, Any] = {"result": first.first_result, "status": first.status}
    if first.reject_code:
        first_result["code"] = first.reject_code
    return {"client_id": client_id, "result": "duplicate", "first": first_result}


@dataclass(frozen=True)
class _Known:
    """What the database knows about a batch's customers and addresses (set-based)."""

    existing: dict[str, Message]
    opted_out: set[str]
    suppressed: dict[str, str]  # address hash -> reason
    confirmed: set[tuple[str, str, str, str]]  # (request_id, customer_ref, channel, address)
    carried: set[str]  # messages whose carried consent request has arrived


def _known(
    gw: Gateway,
    s: Session,
    installation_id: int,
    items: list[MessageItem],
    client_ids: set[str],
) -> _Known:
    existing = {
        m.client_id: m
        for m in s.scalars(
            select(Message).where(
                Message.installation_id == installation_id,
                Message.client_id.in_(client_ids),
            )
        )
    }
    opted = set(
        s.scalars(
            select(OptOut.customer_ref).where(
                OptOut.installation_id == installation_id,
                OptOut.customer_ref.in_({i.customer_ref for i in items}),
            )
        )
    )
    suppressed: dict[str, str] = dict(
        s.execute(
            select(Suppression.address_hash, Suppression.reason).where(
                Suppression.installation_id == installation_id,
                Suppression.address_hash.in_({address_hash(gw.secret_key, i.to) for i in items}),
            )
        ).all()
    )
    bases = {i.basis_ref for i in items if i.basis_ref}
    confirmed: set[tuple[str, str, str, str]] = set()
    if bases:
        rows = s.execute(
            select(
                ConsentRequest.request_id,
                ConsentRequest.customer_ref,
                ConsentRequest.channel,
                ConsentRequest.address,
            ).where(
                ConsentRequest.installation_id == installation_id,
                ConsentRequest.request_id.in_(bases),
                ConsentRequest.confirmed_at.is_not(None),
            )
        )
        # The address belongs to the basis: a confirmation proves only the address the
        # request went to, never the customer's new one.
        confirmed = {(r, c, ch, address_key(a)) for r, c, ch, a in rows}
    carriers = {i.client_id for i in items if carried_links.carries_link("message", i.text)}
    carried = carried_links.arrived(s, installation_id, carriers)
    return _Known(existing, opted, suppressed, confirmed, carried)


def _submit_batch(
    gw: Gateway, s: Session, installation_id: int, parsed: list[MessageItem | InvalidItem]
) -> list[dict[str, Any]]:
    now = gw.clock()
    items = [item for item in parsed if isinstance(item, MessageItem)]
    client_ids = {item.client_id for item in items} | {
        item.client_id for item in parsed if isinstance(item, InvalidItem) and item.client_id
    }
    known = _known(gw, s, installation_id, items, client_ids)
    results: list[dict[str, Any]] = []
    events: list[NewEvent] = []
    for item in parsed:
        if isinstance(item, InvalidItem):
            taken = known.existing.get(item.client_id) if item.client_id else None
            # A resend of an item taken before stays a duplicate, even if this gateway
            # checks more strictly than the one that took it.
            if item.client_id and taken:
                results.append(_duplicate(item.client_id, taken))
            else:
                results.append(item.result())
            continue
        first = known.existing.get(item.client_id)
        if first is not None:  # seen before, or earlier in this very batch
            results.append(_duplicate(item.client_id, first))
            continue
        code = refusal(
            Facts(
                category=item.category,
                channel=item.channel,
                address=item.to,
                opted_out=item.customer_ref in known.opted_out,
                # A number that sent STOP: what an objection blocks, whoever is stored there.
                suppressed=suppression_blocks(
                    known.suppressed.get(address_hash(gw.secret_key, item.to)), item.category
                ),
                basis_confirmed=(
                    item.basis_ref,
                    item.customer_ref,
                    item.channel,
                    address_key(item.to),
                )
                in known.confirmed,
                not_after=item.not_after,
                channel_available=channel_available(gw.config, item.channel),
            ),
            now,
        )
        message = Message(
            installation_id=installation_id,
            client_id=item.client_id,
            channel=item.channel,
            category=item.category,
            customer_ref=item.customer_ref,
            to_address=item.to,
            subject=item.subject,
            text=item.text,
            language=item.language,
            sender_name=item.sender_name,
            basis_ref=item.basis_ref,
            not_before=item.not_before,
            not_after=item.not_after,
            status="rejected" if code else "accepted",
            first_result="rejected" if code else "accepted",
            reject_code=code,
            next_attempt_at=_first_attempt(item, known, now),
            attachments=[a.model_dump() for a in item.attachments] or None,
            booking_ref=item.booking.ref if item.booking else None,
        )
        s.add(message)
        if item.booking is not None:
            keep_booking(
                gw, s, installation_id, item.booking, item.customer_ref, item.language, now
            )
        if item.offer is not None and not code:
            keep_offer(gw, s, installation_id, item.offer, item.customer_ref, item.language)
        known.existing[item.client_id] = message
        events.append(
            NewEvent(
                "message.rejected" if code else "message.accepted",
                now,
                item.customer_ref,
                item.client_id,
                item.channel,
                {"code": code} if code else {},
            )
        )
        if code:
            results.append({"client_id": item.client_id, "result": "rejected", "code": code})
        else:
            results.append({"client_id": item.client_id, "result": "accepted"})
    s.flush()
    append_events(s, installation_id, events)
    return results


def _first_attempt(item: MessageItem, known: _Known, now: datetime) -> datetime:
    """A message carrying a consent request's link waits for the request (an hour at most)."""
    if not carried_links.carries_link("message", item.text):
        return item.not_before or now
    return carried_links.first_attempt(item.not_before, now, item.client_id in known.carried)


def submit_consent_request(
    gw: Gateway, installation_id: int, body: ConsentRequestBody
) -> dict[str, Any]:
    address = normalised_address(body.channel, body.address)
    if address != body.address:
        body = body.model_copy(update={"address": address})

    def run() -> dict[str, Any]:
        with gw.db.write() as s:
            return _submit_consent_request(gw, s, installation_id, body)

    result: dict[str, Any] = _retry_on_race(run)
    return result


def _submit_consent_request(
    gw: Gateway, s: Session, installation_id: int, body: ConsentRequestBody
) -> dict[str, Any]:
    existing = s.scalar(
        select(ConsentRequest).where(
            ConsentRequest.installation_id == installation_id,
            ConsentRequest.request_id == body.request_id,
        )
    )
    if existing is not None and existing.carried_by is not None:
        return _carried_duplicate(existing)
    if existing is not None:
        first = s.scalar(
            select(Message).where(
                Message.installation_id == installation_id,
                Message.client_id == existing.message_client_id,
            )
        )
        first_result: dict[str, Any] = {
            "result": first.first_result if first else "accepted",
            "status": first.status if first else "accepted",
        }
        if first is not None and first.reject_code:
            first_result["code"] = first.reject_code
        return {"request_id": body.request_id, "result": "duplicate", "first": first_result}
    taken = s.scalar(
        select(Message.id).where(
            Message.installation_id == installation_id, Message.client_id == body.request_id
        )
    )
    if taken is not None:
        raise IdInUse(body.request_id)
    now = gw.clock()
    code: str | None = None
    if not channel_available(gw.config, body.channel):
        code = "channel_unavailable"
    elif not address_valid(body.channel, body.address):
        code = "invalid_address"
    elif suppression_reason(gw, s, installation_id, body.address) == "bounced":
        code = "suppressed"  # an erased customer may declare anew; a dead address may not
    token = link_token(gw.secret_key, "c", installation_id, body.request_id)
    s.add(
        ConsentRequest(
            installation_id=installation_id,
            request_id=body.request_id,
            customer_ref=body.customer_ref,
            channel=body.channel,
            address=body.address,
            statement_version=body.statement.version,
            statement_text=body.statement.text,
            source=body.source.model_dump(),
            declared_at=body.declared_at,
            language=body.language,
            salon_name=body.salon_name,
            token_hash=None if code else sha256_hex(token),
            expires_at=body.declared_at + CONFIRMATION_WINDOW,
            message_client_id=body.carried_by or body.request_id,
            carried_by=body.carried_by,
            reject_code=code if body.carried_by else None,
        )
    )
    if body.carried_by is not None:
        # No message of its own: the link goes out in the carrying message.
        carried_links.release_carrier(s, installation_id, body.carried_by, now)
        return _taken(s, installation_id, body, code, now)
    subject, text = _consent_message(body)
    s.add(
        Message(
            installation_id=installation_id,
            client_id=body.request_id,
            kind="consent_request",
            channel=body.channel,
            category="consent_request",
            customer_ref=body.customer_ref,
            to_address=body.address,
            subject=subject,
            text=text,
            language=body.language,
            not_after=body.declared_at + CONFIRMATION_WINDOW,
            status="rejected" if code else "accepted",
            first_result="rejected" if code else "accepted",
            reject_code=code,
            next_attempt_at=now,
        )
    )
    return _taken(s, installation_id, body, code, now)


def _taken(
    s: Session, installation_id: int, body: ConsentRequestBody, code: str | None, now: datetime
) -> dict[str, Any]:
    s.flush()
    append_event(
        s,
        installation_id,
        "message.rejected" if code else "message.accepted",
        now,
        customer_ref=body.customer_ref,
        client_id=body.request_id,
        channel=body.channel,
        data={"code": code} if code else {},
    )
    return {
        "request_id": body.request_id,
        "result": "rejected" if code else "accepted",
        "code": code,
    }


def _carried_duplicate(first: ConsentRequest) -> dict[str, Any]:
    result = "rejected" if first.reject_code else "accepted"
    first_result: dict[str, Any] = {"result": result, "status": result}
    if first.reject_code:
        first_result["code"] = first.reject_code
    return {"request_id": first.request_id, "result": "duplicate", "first": first_result}


def _consent_message(body: ConsentRequestBody) -> tuple[str, str]:
    language = body.language
    if body.message is not None:
        subject, text = body.message.subject, body.message.text
    elif body.channel == "sms":
        subject, text = "", pick(DEFAULT_CONSENT_SMS, language)
    else:
        subject = pick(DEFAULT_CONSENT_SUBJECT, language)
        text = pick(DEFAULT_CONSENT_TEXT, language)
    if "$confirm_url" not in text:
        text += "\n\n$confirm_url"
    salon = body.salon_name or "Salon"
    return subject.replace("$salon", salon), text.replace("$salon", salon)
