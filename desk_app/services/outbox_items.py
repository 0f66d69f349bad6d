"""Outbox rows as the gateway takes them (protocol v1 items): a message, or a consent
request with its statement and confirmation message."""

from __future__ import annotations

from desk_app.db import models as m
from desk_app.gateway.port import ConsentRequest, OutgoingMessage
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
    text = templates.render(
        f"consent_request_{message.channel}",
        customer.language,
        {"salon": salon, "first_name": customer.first_name},
    )
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
        message_subject=text.subject,
        message_text=text.body,
    )


def message_item(
    message: m.OutboxMessage, customer: m.Customer, sender_name: str | None = None
) -> OutgoingMessage:
    basis = message.payload.get("basis_ref") if message.payload else None
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
    )
