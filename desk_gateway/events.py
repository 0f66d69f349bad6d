"""The per-installation event log: ordered, gap-free, append-only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from desk_gateway.db.models import Event, Installation

# Statements built once, on the tables: this runs once per delivered message, and
# building a statement (or going through the ORM) costs more than running it.
_EVENTS = cast(Table, Event.__table__)
_INSTALLATIONS = cast(Table, Installation.__table__)
_ADVANCE = (
    update(_INSTALLATIONS)
    .where(_INSTALLATIONS.c.id == bindparam("installation"))
    .values(last_seq=_INSTALLATIONS.c.last_seq + bindparam("count"))
    .returning(_INSTALLATIONS.c.last_seq)
)
_INSERT = insert(_EVENTS)


@dataclass(frozen=True)
class NewEvent:
    type: str
    at: datetime
    customer_ref: str | None = None
    client_id: str | None = None
    channel: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


def append_event(
    s: Session,
    installation_id: int,
    type_: str,
    at: datetime,
    *,
    customer_ref: str | None = None,
    client_id: str | None = None,
    channel: str | None = None,
    data: dict[str, Any] | None = None,
) -> int:
    """Append one event inside the caller's transaction and return its seq."""
    event = NewEvent(type_, at, customer_ref, client_id, channel, data or {})
    return append_events(s, installation_id, [event])


def append_events(s: Session | Connection, installation_id: int, events: Sequence[NewEvent]) -> int:
    """Append events inside the caller's transaction; returns the seq of the first.

    The counter row is advanced with UPDATE … RETURNING, which locks it until commit:
    concurrent writers queue up, and a rolled-back transaction takes its seqs with it,
    so readers never see a gap.
    """
    if not events:
        return 0
    newest = s.execute(_ADVANCE, {"installation": installation_id, "count": len(events)})
    first = int(newest.scalar_one()) - len(events) + 1
    s.execute(
        _INSERT,
        [
            {
                "installation_id": installation_id,
                "seq": first + offset,
                "type": event.type,
                "at": event.at,
                "customer_ref": event.customer_ref,
                "client_id": event.client_id,
                "channel": event.channel,
                "data": event.data,
            }
            for offset, event in enumerate(events)
        ],
    )
    return first


def append_events_in_order(s: Session, events: Mapping[int, Sequence[NewEvent]]) -> None:
    """Events of several installations in one transaction. Their counters are locked in
    ascending installation order: two transactions that touch the same installations
    then queue up instead of each holding one counter the other waits for (a deadlock
    on PostgreSQL)."""
    for installation_id in sorted(events):
        append_events(s, installation_id, events[installation_id])


def events_after(s: Session, installation_id: int, after: int, limit: int) -> list[Event]:
    return list(
        s.scalars(
            select(Event)
            .where(Event.installation_id == installation_id, Event.seq > after)
            .order_by(Event.seq)
            .limit(limit)
        )
    )


def last_seq(s: Session, installation_id: int) -> int:
    value = s.scalar(select(Installation.last_seq).where(Installation.id == installation_id))
    return int(value or 0)


def event_json(event: Event) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "type": event.type,
        "at": event.at.isoformat(),
        "customer_ref": event.customer_ref,
        "client_id": event.client_id,
        "channel": event.channel,
        "data": event.data,
    }
