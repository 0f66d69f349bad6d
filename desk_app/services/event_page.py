"""Applying one page of gateway events: message status changes in bulk, the rest one by one.

Almost every event the gateway reports is a message's status (accepted, delivered,
bounced …). Applied one ORM object at a time, a page of 200 loaded 200 customers and 200
outbox rows with every column (bodies, JSON payloads) inside the write transaction and
flushed them back row by row: at 100,000 events the counter PCs waited seconds for the
write lock. Here the little those events need (each message's id, channel and address,
each customer's id by ref) is read before the write transaction (``PageFacts``); inside
it, a run of status events becomes one ``UPDATE … WHERE id = ?`` executemany whose
condition keeps the rule of ``advance_status`` (a status never goes back), and a hard
bounce one conditional ``UPDATE`` of the customer's address (only the address the message
went to). Other events – consent, opt-outs, inbound SMS, bookings – and messages the read
did not find (queued in this same transaction) go through ``apply_event`` in their
order, after the run before them is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, case, func, literal_column, select, update
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import Channel, OutboxStatus
from desk_app.gateway.port import GatewayEvent
from desk_app.services.gateway_events import FAILED, MESSAGE_STATUS, RANK, failure_reason


@dataclass(frozen=True)
class _Message:
    id: int
    channel: str
    to_address: str


class PageFacts:
    """The outbox rows and customers a page names: a few columns, read before writing.

    Channel and address of an outbox row and the ref of a customer never change, so
    reading them outside the write transaction is safe; everything that may change (a
    status, an address) is decided by the ``UPDATE``'s own condition."""

    def __init__(self, s: Session, events: Sequence[GatewayEvent]) -> None:
        refs = sorted({e.customer_ref for e in events if e.customer_ref})
        client_ids = sorted({e.client_id for e in events if e.client_id})
        o, c = m.OutboxMessage, m.Customer
        self.messages = {
            client_id: _Message(id_, channel, to_address)
            for client_id, id_, channel, to_address in s.execute(
                select(o.client_id, o.id, o.channel, o.to_address).where(
                    o.client_id.in_(client_ids)
                )
            )
        }
        self.customers: dict[str, int] = {
            ref: id_ for ref, id_ in s.execute(select(c.ref, c.id).where(c.ref.in_(refs)))
        }


# The status moves only forward: RANK of the stored status ≤ RANK of the new one. The
# ranks are written into the statement (fixed words of ours), not bound: sixteen bound
# values per row made building the parameters of an executemany the costliest part.
_STORED_RANK = case(
    *(
        (m.OutboxMessage.status == literal_column(f"'{status}'"), literal_column(str(rank)))
        for status, rank in RANK.items()
    ),
    else_=literal_column("0"),
)
_ADVANCE = (
    update(m.OutboxMessage)
    .where(m.OutboxMessage.id == bindparam("m_id"), bindparam("m_rank") >= _STORED_RANK)
    .values(
        status=bindparam("m_status"),
        reason=func.coalesce(bindparam("m_reason"), m.OutboxMessage.reason),
    )
)
_BOUNCED = {
    Channel.EMAIL.value: update(m.Customer)
    .where(m.Customer.id == bindparam("c_id"), m.Customer.email == bindparam("c_to"))
    .values(email_bounced_at=bindparam("c_at")),
    Channel.SMS.value: update(m.Customer)
    .where(m.Customer.id == bindparam("c_id"), m.Customer.phone == bindparam("c_to"))
    .values(phone_bounced_at=bindparam("c_at")),
}


class StatusRun:
    """Message status events collected in order, written by ``flush``."""

    def __init__(self, s: Session, facts: PageFacts) -> None:
        self._s = s
        self._facts = facts
        # Per message, its status events in order (dicts keep the messages' order too).
        self._advances: dict[int, list[dict[str, Any]]] = {}
        self._bounces: list[tuple[str, dict[str, Any]]] = []

    def take(self, event: GatewayEvent) -> bool:
        """Collect a status event of a message the facts know; False: not taken."""
        if event.type not in MESSAGE_STATUS:
            return False
        if not event.client_id:
            return True  # names no message: nothing to do (as ``apply_event``)
        message = self._facts.messages.get(event.client_id)
        if message is None:
            return False
        status = MESSAGE_STATUS[event.type].value
        reason = failure_reason(event, status) if status in FAILED else None
        self._advances.setdefault(message.id, []).append(
            {"m_id": message.id, "m_rank": RANK[status], "m_status": status, "m_reason": reason}
        )
        if status == OutboxStatus.BOUNCED.value and event.data.get("permanent"):
            customer_id = self._facts.customers.get(event.customer_ref or "")
            if customer_id is not None and message.channel in _BOUNCED:
                self._bounce(message, customer_id, event.at)
        return True

    def _bounce(self, message: _Message, customer_id: int, at: datetime) -> None:
        self._bounces.append(
            (message.channel, {"c_id": customer_id, "c_to": message.to_address, "c_at": at})
        )

    def flush(self) -> None:
        """Write what was collected, after whatever the session holds (event order)."""
        if not self._advances and not self._bounces:
            return
        self._s.flush()
        connection = self._s.connection()
        if self._advances:
            rows = [row for events in self._advances.values() for row in _folded(events)]
            connection.execute(_ADVANCE, rows)
        for channel in (Channel.EMAIL.value, Channel.SMS.value):
            bounces = [params for kind, params in self._bounces if kind == channel]
            if bounces:
                connection.execute(_BOUNCED[channel], bounces)
        # Objects an earlier event loaded may now be older than their rows.
        for obj in list(self._s.identity_map.values()):
            if isinstance(obj, m.OutboxMessage | m.Customer):
                self._s.expire(obj)
        self._advances, self._bounces = {}, []


def _folded(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One message's status events as few UPDATEs as give the same end.

    Applied one by one, an event takes effect when its rank is at least the current
    one, so the status ends as the last event of the highest rank (if that rank is not
    below the stored one) – one UPDATE says the same (accepted, then delivered: one
    row instead of two). A reason is written by every failure that takes effect, and
    which ones do depends on the stored status: such runs stay event by event."""
    if len(events) == 1 or any(event["m_reason"] is not None for event in events):
        return events
    top = max(event["m_rank"] for event in events)
    return [next(event for event in reversed(events) if event["m_rank"] == top)]
