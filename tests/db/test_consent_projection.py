"""The consent projection equals the ledger replay, at any later moment.

``customer_consent`` is written "as of the latest ledger entry"; readers turn a pending
state into expired once ``*_pending_until`` has passed. For random ledgers and random
later moments that must give exactly what ``derive_consent`` says at that moment.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.db.consent_projection import project_entries
from desk_app.db.engine import Database
from desk_app.domain.consent import LedgerEntry, derive_consent
from desk_app.domain.enums import Channel, ConsentEvent, ConsentState

START = datetime(2026, 1, 1, tzinfo=UTC)
EVENTS = [
    ConsentEvent.DECLARED,
    ConsentEvent.CONFIRMED,
    ConsentEvent.EXPIRED,
    ConsentEvent.REVOKED,
    ConsentEvent.OBJECTED,
    ConsentEvent.REQUEST_SENT,
    ConsentEvent.LINK_VIEWED,
]


def random_ledger(rng: random.Random) -> list[LedgerEntry]:
    entries: list[LedgerEntry] = []
    requests: list[str] = []
    at = START
    for _ in range(rng.randrange(1, 9)):
        at += timedelta(days=rng.choice([0, 1, 5, 20, 29, 31, 45]), minutes=rng.randrange(60))
        event = rng.choice(EVENTS)
        channel = None if event is ConsentEvent.OBJECTED else rng.choice(list(Channel))
        if event is ConsentEvent.DECLARED:
            requests.append(f"r{len(requests)}")
            request = requests[-1]
        else:
            request = rng.choice([*requests, None]) if requests else None
        entries.append(LedgerEntry(event=event, at=at, channel=channel, request_id=request))
    return entries


def read_back(row: dict[str, object], channel: Channel, now: datetime) -> ConsentState:
    """What the audience SQL makes of a projection row at ``now``."""
    state = ConsentState(str(row[f"{channel.value}_state"]))
    until = row[f"{channel.value}_pending_until"]
    if state is ConsentState.PENDING and isinstance(until, datetime) and until < now:
        return ConsentState.EXPIRED
    return state


@pytest.mark.parametrize("seed", range(400))
def test_projection_read_later_equals_the_replay_then(seed: int) -> None:
    rng = random.Random(seed)
    entries = random_ledger(rng)
    row = project_entries(1, entries)
    last = max(e.at for e in entries)
    for later in (timedelta(0), timedelta(days=1), timedelta(days=29), timedelta(days=40)):
        now = last + later
        truth = derive_consent(entries, now)
        assert row["objected"] == truth.objected
        for channel in Channel:
            assert read_back(row, channel, now) is truth.state(channel), (seed, later, channel)
        basis = truth.channels[Channel.EMAIL].confirmation
        expected_basis = (
            basis.request_id
            if truth.state(Channel.EMAIL) is ConsentState.CONFIRMED and basis
            else None
        )
        assert row["email_basis"] == expected_basis


def test_every_ledger_insert_rewrites_the_customers_row(db: Database) -> None:
    with db.write() as s:
        customer = m.Customer(
            first_name="Anna", last_name="Test", first_name_key="anna", last_name_key="test"
        )
        s.add(customer)
        s.flush()
        cid = customer.id
        s.add(
            m.ConsentLedgerEntry(
                customer_id=cid, channel="email", event="declared", at=START, request_id="r1"
            )
        )
    with db.read() as s:
        row = s.get(m.CustomerConsent, cid)
        assert row is not None
        assert (row.email_state, row.email_pending_until) == ("pending", START + timedelta(days=30))
    with db.write() as s:
        s.add(
            m.ConsentLedgerEntry(
                customer_id=cid,
                channel="email",
                event="confirmed",
                at=START + timedelta(hours=2),
                request_id="r1",
            )
        )
        s.add(m.ConsentLedgerEntry(customer_id=cid, event="objected", at=START + timedelta(days=3)))
    with db.read() as s:
        row = s.scalars(select(m.CustomerConsent).where(m.CustomerConsent.customer_id == cid)).one()
        assert (row.email_state, row.objected, row.email_basis) == ("revoked", True, None)
