"""Read-only view of the outbox for the screen: counts per status and keyset pages.

Every call is one set-based query (a GROUP BY for the counts, a join for a page), so a
long outbox never costs one query per row. Plain Python; no Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.enums import Category, Channel, OutboxStatus


@dataclass(frozen=True)
class OutboxListRow:
    """One outbox message as the list shows it (customer name joined in)."""

    id: int
    client_id: str
    customer_id: int
    customer_name: str  # "" when the customer no longer exists
    channel: Channel
    category: Category
    kind: str
    to_address: str
    subject: str
    status: OutboxStatus
    reason: str | None
    attempts: int
    created_at: datetime
    updated_at: datetime
    not_before: datetime | None
    not_after: datetime | None


@dataclass(frozen=True)
class OutboxMessageRow:
    """One message as its customer will see it: the list's row and the text sent."""

    row: OutboxListRow
    body: str


# What the list shows of a message: bodies and payloads stay in the database.
_LIST_COLUMNS = (
    m.OutboxMessage.id,
    m.OutboxMessage.client_id,
    m.OutboxMessage.customer_id,
    m.Customer.first_name,
    m.Customer.last_name,
    m.OutboxMessage.channel,
    m.OutboxMessage.category,
    m.OutboxMessage.kind,
    m.OutboxMessage.to_address,
    m.OutboxMessage.subject,
    m.OutboxMessage.status,
    m.OutboxMessage.reason,
    m.OutboxMessage.attempts,
    m.OutboxMessage.created_at,
    m.OutboxMessage.updated_at,
    m.OutboxMessage.not_before,
    m.OutboxMessage.not_after,
)


class OutboxView:
    def __init__(self, db: Database) -> None:
        self._db = db

    def counts(self) -> dict[OutboxStatus, int]:
        """Messages per status; every status is present (0 when there are none)."""
        query = select(m.OutboxMessage.status, func.count()).group_by(m.OutboxMessage.status)
        counts = dict.fromkeys(OutboxStatus, 0)
        with self._db.read() as s:
            for status, number in s.execute(query):
                counts[OutboxStatus(status)] = int(number)
        return counts

    def page(
        self,
        status_filter: OutboxStatus | None = None,
        after_id: int | None = None,
        limit: int = 200,
    ) -> list[OutboxListRow]:
        """Newest first. ``after_id`` is the last id of the previous page (the next page
        holds the older messages); keyset paging stays fast however far one scrolls."""
        message, customer = m.OutboxMessage, m.Customer
        query = (
            select(*_LIST_COLUMNS)
            .outerjoin(customer, customer.id == message.customer_id)
            .order_by(message.id.desc())
            .limit(limit)
        )
        if status_filter is not None:
            query = query.where(message.status == status_filter.value)
        if after_id is not None:
            query = query.where(message.id < after_id)
        with self._db.read() as s:
            return [_list_row(row) for row in s.execute(query)]

    def message(self, message_id: int) -> OutboxMessageRow | None:
        """One message with its body (the preview); None when it no longer exists (an
        erasure or the retention period removed it meanwhile)."""
        message, customer = m.OutboxMessage, m.Customer
        query = (
            select(*_LIST_COLUMNS, message.body)
            .outerjoin(customer, customer.id == message.customer_id)
            .where(message.id == message_id)
        )
        with self._db.read() as s:
            found = s.execute(query).first()
        if found is None:
            return None
        return OutboxMessageRow(row=_list_row(found), body=found.body or "")


def _list_row(row: Row[*tuple[Any, ...]]) -> OutboxListRow:
    return OutboxListRow(
        id=row.id,
        client_id=row.client_id,
        customer_id=row.customer_id,
        customer_name=f"{row.first_name or ''} {row.last_name or ''}".strip(),
        channel=Channel(row.channel),
        category=Category(row.category),
        kind=row.kind,
        to_address=row.to_address,
        subject=row.subject,
        status=OutboxStatus(row.status),
        reason=row.reason,
        attempts=row.attempts,
        created_at=row.created_at,
        updated_at=row.updated_at,
        not_before=row.not_before,
        not_after=row.not_after,
    )
