"""The outbox list view: counts per status in one query, keyset pages with names joined."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, update

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.enums import Category, Channel, ConsentSource, OutboxStatus
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.outbox_view import OutboxView
from desk_app.services.rows import CustomerRow
from tests.services.support import Salon, add_customer, friday

STAFF = "Tanja Groß"


@contextmanager
def counted_statements(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _set_status(db: Database, outbox_id: int, status: OutboxStatus, reason: str | None) -> None:
    with db.write() as s:
        s.execute(
            update(m.OutboxMessage)
            .where(m.OutboxMessage.id == outbox_id)
            .values(status=status.value, reason=reason)
        )


@pytest.fixture
def customers(services: Services, salon: Salon) -> list[CustomerRow]:
    """Three customers, each with a booking confirmation and an email consent request."""
    people = [
        add_customer(services, "Anna", "Müller", "anna@example.org", None),
        add_customer(services, "Jörg", "Weiß", "joerg@example.org", None),
        add_customer(services, "Aylin", "Öztürk", "aylin@example.org", None),
    ]
    for hour, person in zip((9, 11, 14), people, strict=True):
        services.booking.book(
            BookingRequest(person.id, salon.stylist.id, salon.cut.id, friday(hour))
        )
        services.consent.declare(person.id, [Channel.EMAIL], ConsentSource.PHONE, STAFF, True)
    return people


def test_counts_every_status_with_one_query(
    services: Services, customers: list[CustomerRow]
) -> None:
    rows = services.outbox.messages()
    assert len(rows) == 6
    _set_status(services.db, rows[0].id, OutboxStatus.FAILED, "550 mailbox unavailable")
    _set_status(services.db, rows[1].id, OutboxStatus.REJECTED, "suppressed")
    _set_status(services.db, rows[2].id, OutboxStatus.DELIVERED, None)
    view = OutboxView(services.db)

    with counted_statements(services.db) as statements:
        counts = view.counts()

    assert len(statements) == 1 and "GROUP BY" in statements[0].upper()
    assert set(counts) == set(OutboxStatus)
    assert counts[OutboxStatus.QUEUED] == 3
    assert counts[OutboxStatus.FAILED] == 1
    assert counts[OutboxStatus.REJECTED] == 1
    assert counts[OutboxStatus.DELIVERED] == 1
    assert counts[OutboxStatus.SENT] == 0


def test_page_joins_names_newest_first_in_one_query(
    services: Services, customers: list[CustomerRow]
) -> None:
    view = OutboxView(services.db)

    with counted_statements(services.db) as statements:
        page = view.page(None, None, 100)

    assert len(statements) == 1
    assert [row.id for row in page] == sorted((row.id for row in page), reverse=True)
    names = {row.customer_name for row in page}
    assert names == {"Anna Müller", "Jörg Weiß", "Aylin Öztürk"}
    kinds = sorted(row.kind for row in page)
    assert kinds == ["booking_confirmation"] * 3 + ["consent_request"] * 3
    consent = next(row for row in page if row.kind == "consent_request")
    assert consent.category is Category.CONSENT_REQUEST
    assert consent.channel is Channel.EMAIL
    assert consent.status is OutboxStatus.QUEUED
    assert consent.to_address.endswith("@example.org")
    assert consent.created_at.tzinfo is not None


def test_keyset_pages_cover_everything_once(
    services: Services, customers: list[CustomerRow]
) -> None:
    view = OutboxView(services.db)
    seen: list[int] = []
    after: int | None = None
    while True:
        page = view.page(None, after, 4)
        if not page:
            break
        seen.extend(row.id for row in page)
        after = page[-1].id
    expected = [row.id for row in services.outbox.messages()]
    assert seen == expected  # newest first, no gaps, no repeats
    assert len(seen) == 6


def test_filter_by_status_with_paging(services: Services, customers: list[CustomerRow]) -> None:
    rows = services.outbox.messages()
    for row in rows[:4]:
        _set_status(services.db, row.id, OutboxStatus.FAILED, "failed")
    view = OutboxView(services.db)

    first = view.page(OutboxStatus.FAILED, None, 3)
    second = view.page(OutboxStatus.FAILED, first[-1].id, 3)

    assert [r.id for r in first + second] == [r.id for r in rows[:4]]
    assert {r.status for r in first + second} == {OutboxStatus.FAILED}
    assert {r.reason for r in first + second} == {"failed"}
    assert view.page(OutboxStatus.DELIVERED, None, 10) == []


def test_empty_outbox(services: Services) -> None:
    view = OutboxView(services.db)
    assert view.counts() == dict.fromkeys(OutboxStatus, 0)
    assert view.page(None, None, 10) == []


def test_one_message_with_its_body_for_the_preview(
    services: Services, customers: list[CustomerRow]
) -> None:
    view = OutboxView(services.db)
    listed = next(row for row in view.page(None, None, 100) if row.kind == "booking_confirmation")

    with counted_statements(services.db) as statements:
        message = view.message(listed.id)

    assert len(statements) == 1
    assert message is not None
    assert message.row == listed  # the list's row, and what the customer reads
    with services.db.read() as s:
        stored = s.get(m.OutboxMessage, listed.id)
        assert stored is not None
        assert message.body == stored.body and message.body.strip()
    assert view.message(max(row.id for row in view.page(None, None, 100)) + 1) is None
