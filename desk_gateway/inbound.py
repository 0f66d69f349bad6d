"""Provider webhooks: delivery reports and inbound SMS (STOP keywords become opt-outs).

One provider number may serve several salons, and a customer may be known to several of
them. An inbound SMS goes to every salon that texted the number, each with its own
customer (the one it texted last there); a STOP opts the customer out at every one of
them, and the reply names them all. At each salon a STOP is the number's objection, not
one record's: every customer the salon texted there is opted out (the same person entered
twice, a family phone), and the number itself is suppressed as ``objected`` so that what an
objection blocks is refused there whoever it is addressed to, until a new double opt-in is
confirmed at that number.

"Texted the number" means an SMS was handed to the provider (``_HANDED_OVER``): a message
that was refused at intake or never left is no reason to show a salon the customer's
replies or to name it in the STOP reply (any installation can submit any number).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from desk_app.domain.sms import is_stop_request
from desk_gateway.context import Gateway
from desk_gateway.db.models import Installation, Message, OptOut
from desk_gateway.enforcement import normalised_address
from desk_gateway.events import NewEvent, append_events_in_order
from desk_gateway.sms.base import InboundSms, SmsStatus, StatusUpdate, WebhookResult
from desk_gateway.suppressions import OBJECTED, suppress_statement
from desk_gateway.texts import stop_reply
from desk_gateway.tokens import address_hash
from desk_sql.upsert import insert_once

_STATUS_EVENTS = {
    SmsStatus.SENT: None,  # already reported when the provider took it
    SmsStatus.DELIVERED: "message.delivered",
    SmsStatus.FAILED: "message.failed",
    SmsStatus.BOUNCED: "message.bounced",
}

Events = dict[int, list[NewEvent]]


@dataclass(frozen=True)
class InboundReply:
    to: str
    text: str  # a short confirmation of a STOP


@dataclass(frozen=True)
class _Texted:
    """A salon that texted the number, and whom it texted there (the newest last)."""

    installation_id: int
    customer_refs: tuple[str, ...]
    language: str
    message_id: int  # its newest message there

    @property
    def customer_ref(self) -> str:
        return self.customer_refs[-1]


def apply_webhook(gw: Gateway, result: WebhookResult) -> list[InboundReply]:
    replies: list[InboundReply] = []
    events: Events = defaultdict(list)
    with gw.db.write() as s:
        for update in result.statuses:
            _apply_status(gw, s, update, events)
        for sms in result.inbound:
            reply = _apply_inbound(gw, s, sms, events)
            if reply is not None:
                replies.append(reply)
        append_events_in_order(s, events)
    return replies


def _apply_status(gw: Gateway, s: Session, update: StatusUpdate, events: Events) -> None:
    message = s.scalar(select(Message).where(Message.provider_id == update.provider_id))
    event = _STATUS_EVENTS[update.status]
    if message is None or event is None or message.status == update.status.value:
        return
    message.status = update.status.value
    data: dict[str, object] = {}
    if update.status in (SmsStatus.FAILED, SmsStatus.BOUNCED):
        data = {"error": update.error_code, "permanent": update.status is SmsStatus.BOUNCED}
    if update.status is SmsStatus.BOUNCED and message.to_address:
        hashed = address_hash(gw.secret_key, message.to_address)
        dialect = s.get_bind().dialect.name
        s.execute(
            suppress_statement(dialect, message.installation_id, hashed, "bounced", gw.clock())
        )
    events[message.installation_id].append(
        NewEvent(event, gw.clock(), message.customer_ref, message.client_id, "sms", data)
    )


def _handed_over() -> ColumnElement[bool]:
    """The message reached the provider: sent (and maybe delivered), or the provider gave
    it an id (a later delivery report may have turned it into failed or bounced)."""
    return or_(
        Message.status.in_(("sent", "delivered")),
        Message.sent_at.is_not(None),
        Message.provider_id.is_not(None),
    )


def _texted(s: Session, number: str) -> list[_Texted]:
    """Every salon that handed an SMS to ``number`` over to the provider, with every
    customer it texted there and the language of its newest message there."""
    newest_per_customer = s.execute(
        select(Message.installation_id, Message.customer_ref, func.max(Message.id))
        .where(Message.channel == "sms", Message.to_address == number, _handed_over())
        .group_by(Message.installation_id, Message.customer_ref)
    ).all()
    refs: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for installation_id, customer_ref, message_id in newest_per_customer:
        refs[installation_id].append((message_id, customer_ref))
    for texted in refs.values():
        texted.sort()
    newest = [texted[-1][0] for texted in refs.values()]
    languages = dict(
        s.execute(select(Message.id, Message.language).where(Message.id.in_(newest))).all()
    )
    return [
        _Texted(
            installation_id,
            tuple(ref for _, ref in refs[installation_id]),
            languages.get(refs[installation_id][-1][0]) or "de",
            refs[installation_id][-1][0],
        )
        for installation_id in sorted(refs)
    ]


def _apply_inbound(gw: Gateway, s: Session, sms: InboundSms, events: Events) -> InboundReply | None:
    sender = normalised_address("sms", sms.sender.strip())
    salons = _texted(s, sender)
    if not salons:
        return None  # nobody we ever texted: nothing to attribute it to
    now = gw.clock()
    if not is_stop_request(sms.text):
        for salon in salons:
            events[salon.installation_id].append(
                NewEvent(
                    "sms.inbound",
                    now,
                    salon.customer_ref,
                    None,
                    "sms",
                    {"from": sender, "text": sms.text[:1000]},
                )
            )
        return None
    hashed = address_hash(gw.secret_key, sender)
    dialect = s.get_bind().dialect.name
    for salon in salons:
        s.execute(suppress_statement(dialect, salon.installation_id, hashed, OBJECTED, now))
        for customer_ref in salon.customer_refs:
            recorded = insert_once(
                s,
                OptOut,
                installation_id=salon.installation_id,
                customer_ref=customer_ref,
                at=now,
                via="sms_stop",
            )
            if recorded:  # a provider resending the same STOP records it once
                events[salon.installation_id].append(
                    NewEvent(
                        "optout.received",
                        now,
                        customer_ref,
                        None,
                        "sms",
                        {"via": "sms_stop", "client_id": None},
                    )
                )
    # The customer's language is the one the salon that texted last wrote in.
    language = max(salons, key=lambda salon: salon.message_id).language
    return InboundReply(sender, stop_reply(_salon_names(s, salons), language))


def _salon_names(s: Session, salons: list[_Texted]) -> list[str]:
    """What the customer knows each salon as: the name its desktop signs emails with
    (its salon name), else the name the installation was registered under."""
    ids = [salon.installation_id for salon in salons]
    registered = dict(
        s.execute(select(Installation.id, Installation.name).where(Installation.id.in_(ids))).all()
    )
    newest = (
        select(Message.installation_id, func.max(Message.id).label("id"))
        .where(
            Message.installation_id.in_(ids),
            Message.channel == "email",
            Message.sender_name.is_not(None),
        )
        .group_by(Message.installation_id)
        .subquery()
    )
    signed = dict(
        s.execute(
            select(Message.installation_id, Message.sender_name).join(
                newest, Message.id == newest.c.id
            )
        ).all()
    )
    return [signed.get(i) or registered.get(i) or "" for i in ids]
