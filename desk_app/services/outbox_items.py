"""Outbox rows as the gateway takes them (protocol v1 items): a message (with its booking
and calendar file when it is about a booking), or a consent request with its statement and
confirmation message (none of its own when the link rides in a booking confirmation).

A stored payload that cannot be read raises ``InvalidConsentRequest`` or
``InvalidBookingPayload``: the sync rejects that row alone."""

from __future__ import annotations

from desk_app.db import models as m
from desk_app.gateway.port import Attachment, ConsentRequest, OutgoingMessage
from desk_app.services.booking_payload import BookingPayload, InvalidBookingPayload
from desk_app.services.consent_request import ConsentRequestPayload, InvalidConsentRequest
from desk_app.services.messages import MessageTemplates


def consent_request_item(
    templates: MessageTemplates, message: m.OutboxMessage, customer: m.Customer, salon: str
) -> ConsentRequest:
    """The consent request as the gateway takes it; ``InvalidConsentRequest`` when the
    stored payload cannot be read."""
    try:
        payload = ConsentRequestPayload.from_json(message.payload)
    except InvalidConsentRequest as exc:
        raise InvalidConsentRequest(f"consent request {message.client_id}: {exc}") from exc
    subject: str | None = None
    body: str | None = None
    if payload.carried_by is None:
        text = templates.render(
            f"consent_request_{message.channel}",
            customer.language,
            {"salon": salon, "first_name": customer.first_name},
        )
        subject, body = text.subject, text.body
    return ConsentRequest(
        request_id=message.client_id,
        customer_ref=customer.ref,
        channel=message.channel,
        address=message.to_address,
        statement_version=payload.statement_version,
        statement_text=payload.statement_text,
        source_kind=payload.source.value,
        staff=payload.staff,
        declared_at=payload.declared_at,
        language=customer.language,
        salon_name=salon,
        message_subject=subject,
        message_text=body,
        carried_by=payload.carried_by,
        ip=payload.ip,
        user_agent=payload.user_agent,
    )


def message_item(
    message: m.OutboxMessage, customer: m.Customer, sender_name: str | None = None
) -> OutgoingMessage:
    basis = message.payload.get("basis_ref") if message.payload else None
    about = None
    if BookingPayload.present(message.payload):
        try:
            about = BookingPayload.from_json(message.payload)
        except InvalidBookingPayload as exc:
            raise InvalidBookingPayload(f"message {message.client_id}: {exc}") from exc
    return OutgoingMessage(
        client_id=message.client_id,
        channel=message.channel,
        category=message.category,
        to=message.to_address,
        subject=message.subject,
        text=message.body,
        customer_ref=customer.ref,
        basis_ref=str(basis) if basis else None,
        not_before=message.not_before,
        not_after=message.not_after,
        language=customer.language,
        sender_name=sender_name,
        booking=about.booking.to_json() if about else None,
        offer=_offer(message),
        attachments=tuple(
            Attachment(a.filename, a.content_type, a.text)
            for a in (about.attachments if about else ())
        ),
    )


def _offer(message: m.OutboxMessage) -> dict[str, object] | None:
    """A waitlist offer's freed time (written by ``waitlist_offers``)."""
    offer = message.payload.get("offer") if message.payload else None
    if offer is None:
        return None
    if not isinstance(offer, dict):
        raise InvalidBookingPayload(f"message {message.client_id}: offer is not an object")
    return offer
