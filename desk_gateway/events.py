"""The per-installation event log: ordered, gap-free, append-only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desk_gateway.db.models import Event, Installation


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
    """Append one event inside the caller's transaction and return its seq.

    The counter row is incremented with UPDATE … RETURNING, which locks it until commit:
    concurrent writers queue up, and a rolled-back transaction takes its seq with it, so
    readers never see a gap.
    """
    seq = s.execute(
        update(Installation)
        .where(Installation.id == installation_id)
        .values(last_seq=Installation.last_seq + 1)
        .returning(Installation.last_seq)
    ).scalar_one()
    s.add(
        Event(
            installation_id=installation_id,
            seq=seq,
            type=type_,
            at=at,
            customer_ref=customer_ref,
            client_id=client_id,
            channel=channel,
            data=data or {},
        )
    )
    return int(seq)


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
