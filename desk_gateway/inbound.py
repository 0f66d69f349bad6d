"""Provider webhooks: delivery reports and inbound SMS (STOP keywords become opt-outs)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.sms import is_stop_request
from desk_gateway.context import Gateway
from desk_gateway.db.models import Message, OptOut, Suppression
from desk_gateway.events import append_event
from desk_gateway.sms.base import InboundSms, SmsStatus, StatusUpdate, WebhookResult
from desk_gateway.texts import STOP_REPLY, pick
from desk_gateway.tokens import address_hash

_STATUS_EVENTS = {
    SmsStatus.SENT: None,  # already reported when the provider took it
    SmsStatus.DELIVERED: "message.delivered",
    SmsStatus.FAILED: "message.failed",
    SmsStatus.BOUNCED: "message.bounced",
}


@dataclass(frozen=True)
class InboundOutcome:
    reply_text: str | None  # a short confirmation for a STOP, else nothing


def apply_webhook(gw: Gateway, result: WebhookResult) -> InboundOutcome:
    reply: str | None = None
    with gw.db.write() as s:
        for update in result.statuses:
            _apply_status(gw, s, update)
        for sms in result.inbound:
            reply = _apply_inbound(gw, s, sms) or reply
    return InboundOutcome(reply)


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
        key = {
            "installation_id": message.installation_id,
            "address_hash": address_hash(gw.secret_key, message.to_address),
        }
        if s.get(Suppression, key) is None:
            s.add(Suppression(**key, reason="bounced", at=gw.clock()))
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


def _apply_inbound(gw: Gateway, s: Session, sms: InboundSms) -> str | None:
    """Attribute the SMS to the customer we last texted at that number."""
    latest = s.scalar(
        select(Message)
        .where(Message.channel == "sms", Message.to_address == sms.sender)
        .order_by(Message.id.desc())
        .limit(1)
    )
    if latest is None:
        return None  # nobody we ever texted: nothing to attribute it to
    now = gw.clock()
    if not is_stop_request(sms.text):
        append_event(
            s,
            latest.installation_id,
            "sms.inbound",
            now,
            customer_ref=latest.customer_ref,
            channel="sms",
            data={"from": sms.sender, "text": sms.text[:1000]},
        )
        return None
    key = {"installation_id": latest.installation_id, "customer_ref": latest.customer_ref}
    if s.get(OptOut, key) is None:
        s.add(OptOut(**key, at=now, via="sms_stop"))
        append_event(
            s,
            latest.installation_id,
            "optout.received",
            now,
            customer_ref=latest.customer_ref,
            channel="sms",
            data={"via": "sms_stop", "client_id": None},
        )
    return pick(STOP_REPLY, latest.language)
