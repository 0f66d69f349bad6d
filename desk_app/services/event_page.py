"""Applying one page of gateway events: message status changes in bulk, the rest one by one.

Almost every event the gateway reports is a message's status (accepted, delivered,
bounced …). Applied one ORM object at a time, a page of 200 loaded 200 customers and 200
outbox rows with every column (bodies, JSON payloads) inside the write transaction and
flushed them back row by row: at 100,000 events the counter PCs waited seconds for the
write lock. Here the little those events need (each message's id, channel and address,
each customer's id by ref) is read before the write transaction (``PageFacts``); inside
it, a run of status events becomes plain SQL whose condition keeps the rule of
``advance_status`` (a status never goes back): one prepared ``UPDATE … WHERE id = ?``
executemany on SQLite, one ``UPDATE … FROM unnest(…)`` per round on PostgreSQL, and a hard
bounce one conditional ``UPDATE`` of the customer's address (only the address the message
went to). Other events – consent, opt-outs, inbound SMS, bookings – and messages the read
did not find (queued in this same transaction) go through ``apply_event`` in their
order, after the run before them is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, select, update
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import Channel, OutboxStatus
from desk_app.gateway.port import GatewayEvent
from desk_app.services.gateway_events import FAILED, MESSAGE_STATUS, RANK, failure_reason
from desk_sql.driver_values import bound
from desk_sql.id_lists import among_texts
from desk_sql.schema import utcnow


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
        refs = {e.customer_ref for e in events if e.customer_ref}
        client_ids = {e.client_id for e in events if e.client_id}
        o, c = m.OutboxMessage, m.Customer
        dialect = s.get_bind().dialect.name
        # The lists bound as one value each (``among_texts``): 200 bound refs cost more
        # to bind and, on PostgreSQL, to parse anew than the lookups take to run.
        self.messages = {
            client_id: _Message(id_, channel, to_address)
            for client_id, id_, channel, to_address in s.execute(
                select(o.client_id, o.id, o.channel, o.to_address).where(
                    among_texts(o.client_id, client_ids, dialect)
                )
            )
        }
        self.customers: dict[str, int] = {
            ref: id_
            for ref, id_ in s.execute(select(c.ref, c.id).where(among_texts(c.ref, refs, dialect)))
        }


# The status moves only forward: RANK of the stored status ≤ RANK of the new one. The
# ranks are written into the statement (fixed words of ours), not bound.
_STORED_RANK = (
    "CASE outbox.status "
    + " ".join(f"WHEN '{status}' THEN {rank}" for status, rank in RANK.items())
    + " ELSE 0 END"
)
# SQLite: one prepared statement, executemany over plain tuples (SQLAlchemy's per-row
# parameter processing cost more than SQLite's updating).
_ADVANCE_ROWS = (
    "UPDATE outbox SET status = ?, reason = coalesce(?, outbox.reason), updated_at = ? "
    f"WHERE outbox.id = ? AND ? >= {_STORED_RANK}"
)
# PostgreSQL: one statement per round over arrays (psycopg's executemany runs a statement
# per row: a round trip each, most of the apply's time there). A message appears at most
# once per round (``_rounds``): UPDATE … FROM takes one source row per target row.
_ADVANCE_ARRAYS = (
    "UPDATE outbox SET status = v.status, reason = coalesce(v.reason, outbox.reason), "
    "updated_at = %s "
    "FROM unnest(%s::INTEGER[], %s::INTEGER[], %s::TEXT[], %s::TEXT[]) "
    "AS v(id, rank, status, reason) "
    f"WHERE outbox.id = v.id AND v.rank >= {_STORED_RANK}"
)
_BOUNCED = {
    Channel.EMAIL.value: update(m.Customer)
    .where(m.Customer.id == bindparam("c_id"), m.Customer.email == bindparam("c_to"))
    .values(email_bounced_at=bindparam("c_at")),
    Channel.SMS.value: update(m.Customer)
    .where(m.Customer.id == bindparam("c_id"), m.Customer.phone == bindparam("c_to"))
    .values(phone_bounced_at=bindparam("c_at")),
}


# Per status event type: the status it moves to, its rank, whether its row keeps a reason
# (looked up once per event; the enums' ``.value`` cost a tenth of the apply's time).
_STATUS_OF = {
    type_: (status.value, RANK[status.value], status in FAILED)
    for type_, status in MESSAGE_STATUS.items()
}
_BOUNCED_STATUS = OutboxStatus.BOUNCED.value
# One status row: message id, rank, status, reason (plain tuples: built per event).
_Row = tuple[int, int, str, str | None]


class StatusRun:
    """Message status events collected in order, written by ``flush``."""

    def __init__(self, s: Session, facts: PageFacts) -> None:
        self._s = s
        self._facts = facts
        # Per message, its status rows in order (dicts keep the messages' order too).
        self._advances: dict[int, list[_Row]] = {}
        self._bounces: list[tuple[str, dict[str, Any]]] = []

    def take(self, event: GatewayEvent) -> bool:
        """Collect a status event of a message the facts know; False: not taken."""
        found = _STATUS_OF.get(event.type)
        if found is None:
            return False
        if not event.client_id:
            return True  # names no message: nothing to do (as ``apply_event``)
        message = self._facts.messages.get(event.client_id)
        if message is None:
            return False
        status, rank, failed = found
        reason = failure_reason(event, status) if failed else None
        rows = self._advances.get(message.id)
        if rows is None:
            rows = self._advances[message.id] = []
        rows.append((message.id, rank, status, reason))
        if status == _BOUNCED_STATUS and event.data.get("permanent"):
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
            _advance(connection, [_folded(events) for events in self._advances.values()])
        for channel in (Channel.EMAIL.value, Channel.SMS.value):
            bounces = [params for kind, params in self._bounces if kind == channel]
            if bounces:
                connection.execute(_BOUNCED[channel], bounces)
        # Objects an earlier event loaded may now be older than their rows.
        for obj in list(self._s.identity_map.values()):
            if isinstance(obj, m.OutboxMessage | m.Customer):
                self._s.expire(obj)
        self._advances, self._bounces = {}, []


def _advance(connection: Connection, per_message: list[list[_Row]]) -> None:
    """Each message's status rows (in their order) by plain SQL, ``updated_at`` once."""
    dialect = connection.dialect
    table = cast(Table, m.OutboxMessage.__table__)
    now = bound(table.c.updated_at, utcnow(), dialect)
    if dialect.name != "postgresql":
        rows = [
            (status, reason, now, id_, rank)
            for rows in per_message
            for id_, rank, status, reason in rows
        ]
        connection.exec_driver_sql(_ADVANCE_ROWS, rows)
        return
    for round_ in _rounds(per_message):
        ids, ranks, statuses, reasons = (list(column) for column in zip(*round_, strict=True))
        connection.exec_driver_sql(_ADVANCE_ARRAYS, (now, ids, ranks, statuses, reasons))


def _rounds(per_message: list[list[_Row]]) -> list[list[_Row]]:
    """Round k: the k-th row of every message that has one. Rows of one message stay in
    their order (round after round); rows of different messages never meet a row."""
    longest = max((len(rows) for rows in per_message), default=0)
    return [[rows[k] for rows in per_message if len(rows) > k] for k in range(longest)]


def _folded(rows: list[_Row]) -> list[_Row]:
    """One message's status events as few UPDATEs as give the same end.

    Applied one by one, an event takes effect when its rank is at least the current
    one, so the status ends as the last event of the highest rank (if that rank is not
    below the stored one) – one UPDATE says the same (accepted, then delivered: one
    row instead of two). A reason is written by every failure that takes effect, and
    which ones do depends on the stored status: such runs stay event by event."""
    if len(rows) == 1 or any(row[3] is not None for row in rows):
        return rows
    top = max(row[1] for row in rows)
    return [next(row for row in reversed(rows) if row[1] == top)]
