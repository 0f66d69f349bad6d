"""Revision 0013 (resumable campaign queuing): campaigns queued before it count as done,
and from then on the database itself refuses a second message of one campaign to one
customer – while messages of no campaign (bookings, automations) stay unrestricted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, bindparam, insert, select, text
from sqlalchemy.exc import IntegrityError

from desk_app.db import migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine
from desk_sql.types import UTCDateTime

CREATED = datetime(2026, 11, 2, 9, tzinfo=UTC)


@pytest.fixture
def engine_at_0012(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    migrate.downgrade(engine, "0012")
    yield engine
    engine.dispose()


def _message(n: int, campaign_id: int | None) -> dict[str, object]:
    return {
        "client_id": f"00000000-0000-0000-0000-{n:012d}",
        "customer_id": 1,
        "campaign_id": campaign_id,
        "channel": "email",
        "category": "marketing",
        "kind": "campaign_promotion",
        "to_address": "anna@example.org",
        "payload": {},
    }


def test_campaigns_queued_before_are_done_and_one_message_per_customer_and_campaign(
    engine_at_0012: Engine,
) -> None:
    with engine_at_0012.begin() as c:
        c.execute(
            insert(m.Customer).values(
                id=1, first_name="Anna", last_name="X", first_name_key="anna", last_name_key="x"
            )
        )
        # The table as 0012 left it (the model has the new columns already).
        c.execute(
            text(
                "INSERT INTO campaigns (id, name, type, channel, filters, subject, body, "
                "sms_body, send_at, queued, excluded, created_by, created_at) VALUES "
                "(1, 'Alt', 'promotion', 'email', '{}', '', '', '', :at, 1, '{}', '', :at)"
            ).bindparams(bindparam("at", type_=UTCDateTime())),
            {"at": CREATED},
        )
        c.execute(insert(m.OutboxMessage.__table__), [_message(1, 1)])

    migrate.upgrade(engine_at_0012)

    c_ = m.Campaign
    with engine_at_0012.connect() as c:
        row = c.execute(select(c_.queue_cursor, c_.queue_done_at, c_.queue_touched_at)).one()
    assert tuple(row) == (0, CREATED, CREATED)
    with engine_at_0012.begin() as c:  # messages of no campaign: as many as ever
        c.execute(insert(m.OutboxMessage), [_message(2, None), _message(3, None)])
    with pytest.raises(IntegrityError), engine_at_0012.begin() as c:
        c.execute(insert(m.OutboxMessage), [_message(4, 1)])
