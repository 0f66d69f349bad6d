"""Keeping ``customer_consent`` equal to the replayed consent ledger.

The ledger stays the only truth (``desk_app.domain.consent.derive_consent``); this table is
its replay per customer, rewritten whenever a ledger row is inserted through the ORM (the
event registered below; ``desk_app.db`` imports this module, so whoever uses the models has
it) or, after bulk inserts, by calling ``refresh`` directly.
The replay runs "as of the customer's latest entry", so it does not depend on any clock:
expiry after that moment is left to readers via ``*_pending_until``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy import event as orm_event
from sqlalchemy.orm import Mapper

from desk_app.db import models as m
from desk_app.domain.consent import CONFIRMATION_WINDOW, ChannelConsent, LedgerEntry, derive_consent
from desk_app.domain.enums import Channel, ConsentEvent, ConsentState

CHUNK = 500
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def refresh(connection: Connection, customer_ids: Iterable[int]) -> None:
    """Rewrite the projection rows of these customers from their ledger entries."""
    for chunk in _chunks(customer_ids):
        entries: dict[int, list[LedgerEntry]] = defaultdict(list)
        rows = connection.execute(
            select(
                m.ConsentLedgerEntry.customer_id,
                m.ConsentLedgerEntry.event,
                m.ConsentLedgerEntry.at,
                m.ConsentLedgerEntry.channel,
                m.ConsentLedgerEntry.request_id,
            )
            .where(m.ConsentLedgerEntry.customer_id.in_(chunk))
            .order_by(m.ConsentLedgerEntry.id)
        )
        for customer_id, event, at, channel, request_id in rows:
            entries[customer_id].append(
                LedgerEntry(
                    event=ConsentEvent(event),
                    at=at,
                    channel=Channel(channel) if channel else None,
                    request_id=request_id,
                )
            )
        connection.execute(
            delete(m.CustomerConsent).where(m.CustomerConsent.customer_id.in_(chunk))
        )
        projected = [project_entries(cid, found) for cid, found in entries.items()]
        if projected:
            connection.execute(insert(m.CustomerConsent), projected)


@orm_event.listens_for(m.ConsentLedgerEntry, "after_insert")
def _project_inserted_entry(
    _mapper: Mapper[m.ConsentLedgerEntry], connection: Connection, target: m.ConsentLedgerEntry
) -> None:
    refresh(connection, [target.customer_id])


def refresh_all(connection: Connection) -> None:
    """Rebuild the whole projection (after bulk imports and in the migration)."""
    ids = connection.scalars(select(m.ConsentLedgerEntry.customer_id).distinct()).all()
    connection.execute(delete(m.CustomerConsent))
    refresh(connection, ids)


def project_entries(customer_id: int, entries: list[LedgerEntry]) -> dict[str, object]:
    """One projection row from one customer's ledger entries (in ledger order)."""
    as_of = max((e.at for e in entries), default=_EPOCH)
    status = derive_consent(entries, as_of)
    email, sms = status.channels[Channel.EMAIL], status.channels[Channel.SMS]
    return {
        "customer_id": customer_id,
        "objected": status.objected,
        "email_state": email.state.value,
        "email_pending_until": _pending_until(email),
        "email_basis": _basis(email),
        "sms_state": sms.state.value,
        "sms_pending_until": _pending_until(sms),
        "sms_basis": _basis(sms),
    }


def _pending_until(channel: ChannelConsent) -> datetime | None:
    if channel.state is not ConsentState.PENDING or channel.declaration is None:
        return None
    return channel.declaration.at + CONFIRMATION_WINDOW


def _basis(channel: ChannelConsent) -> str | None:
    """The confirmed declaration marketing relies on (the gateway checks it again)."""
    if channel.state is not ConsentState.CONFIRMED or channel.confirmation is None:
        return None
    return channel.confirmation.request_id


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    unique = sorted(set(ids))
    for start in range(0, len(unique), CHUNK):
        yield unique[start : start + CHUNK]
