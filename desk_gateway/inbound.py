"""Provider webhooks: delivery reports and inbound SMS (STOP keywords become opt-outs)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain.sms import is_stop_request
from desk_gateway.context import Gateway
from desk_gateway.db.models import Message, OptOut, Suppression
from desk_gateway.events import append_event
from desk_gateway.sms.base import InboundSms, SmsStatus, StatusUpdate, WebhookResult
from desk_gateway.texts import STOP_REPLY, pick
from desk_gateway.tokens import address_hash
from desk_sql.upsert import insert_once

_STATUS_EVENTS = {
    SmsStatus.SENT: None,  # already reported when the provider took it
    SmsStatus.DELIVERED: "message.delivered",
    SmsStatus.FAILED: "message.failed",
    SmsStatus.BOUNCED: "message.bounced",
}


@dataclass(frozen=True)
class InboundReply:
    to: str
    text: str  # a short confirmation of a STOP


def apply_webhook(gw: Gateway, result: WebhookResult) -> list[InboundReply]:
    replies: list[InboundReply] = []
    with gw.db.write() as s:
        for update in result.statuses:
            _apply_status(gw, s, update)
        for sms in result.inbound:
            reply = _apply_inbound(gw, s, sms)
            if reply is not None:
                replies.append(reply)
    return replies


def _apply_status(gw: Gateway, s: Session, update: StatusUpdate) -> None:
    message = s.scalar(select(Message).where(Message.provider_id == update.provider_id))
    event = _STATUS_EVENTS[update.status]
    if message is None or event is None or message.status == update.status.value:
        return
    message.status = update.status.value
    data: dict[str, object] = {}
    if update.status in (SmsStatus.FAILED, SmsStatus.BOUNCED):
        data = {"error": update.error_code, "permanent": update.status is SmsStatus.BOUNCED}
    if update.status is SmsStatus.BOUNCED and message.to_address:
        insert_once(
            s,
            Suppression,
            installation_id=message.installation_id,
            address_hash=address_hash(gw.secret_key, message.to_address),
            reason="bounced",
            at=gw.clock(),
        )
    append_event(
        s,
        message.installation_id,
        event,
        gw.clock(),
        customer_ref=message.customer_ref,
        client_id=message.client_id,
        channel="sms",
        data=data,
    )


def _apply_inbound(gw: Gateway, s: Session, sms: InboundSms) -> InboundReply | None:
    """Attribute the SMS, per salon, to the customer that salon texted last at this number
    (one provider number may serve several salons: a STOP must reach all of them)."""
    latest_ids = s.scalars(
        select(func.max(Message.id))
        .where(Message.channel == "sms", Message.to_address == sms.sender)
        .group_by(Message.installation_id)
    ).all()
    senders = s.execute(
        select(Message.installation_id, Message.customer_ref, Message.id, Message.language)
        .where(Message.id.in_(latest_ids))
        .order_by(Message.id)
    ).all()
    if not senders:
        return None  # nobody we ever texted: nothing to attribute it to
    now = gw.clock()
    newest = senders[-1]
    language = newest.language or "de"
    if not is_stop_request(sms.text):
        installation_id, customer_ref = newest.installation_id, newest.customer_ref
        append_event(
            s,
            installation_id,
            "sms.inbound",
            now,
            customer_ref=customer_ref,
            channel="sms",
            data={"from": sms.sender, "text": sms.text[:1000]},
        )
        return None
    for installation_id, customer_ref, _, _ in senders:
        recorded = insert_once(
            s,
            OptOut,
            installation_id=installation_id,
            customer_ref=customer_ref,
            at=now,
            via="sms_stop",
        )
        if recorded:  # a provider resending the same STOP records it once
            append_event(
                s,
                installation_id,
                "optout.received",
                now,
                customer_ref=customer_ref,
                channel="sms",
                data={"via": "sms_stop", "client_id": None},
            )
    return InboundReply(sms.sender, pick(STOP_REPLY, language))
