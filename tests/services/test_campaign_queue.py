"""Queuing a campaign is resumable and cannot be doubled (issue 11).

A process killed inside a chunk's transaction loses that chunk only, and resuming
queues exactly the recipients still missing; a second process queuing the same campaign
at the same moment loses the race for the chunk and queues nothing twice. Real
processes (SIGKILL), real SQLite files and the real PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.postgresql import psycopg

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType
from desk_app.domain.enums import Channel, ConsentEvent, ConsentSource
from desk_app.domain.unsubscribe_link import UNSUBSCRIBE_PLACEHOLDER
from desk_app.services import campaign_queue
from desk_app.services.campaign_placeholders import SalonDetails
from desk_app.services.container import Services, build_services
from desk_app.services.rows import CustomerRow
from tests.conftest import Clock
from tests.services import queue_worker
from tests.services.support import Salon, add_customer, add_ledger_entry, ledger_rows

ROOT = Path(__file__).resolve().parents[2]
RECIPIENTS = 10  # four chunks of queue_worker.CHUNK (3): 3 + 3 + 3 + 1


@pytest.fixture
def recipients(services: Services, salon: Salon) -> list[CustomerRow]:
    """Customers with confirmed email consent: each one a recipient of the promotion."""
    services.catalogue.set_setting("salon_name", "Salon Weiß", actor=SHARED_COUNTER)
    found = []
    for n in range(RECIPIENTS):
        customer = add_customer(
            services, f"Kundin{n:02d}", "Muster", f"kundin{n}@example.org", None
        )
        [declared] = services.consent.declare(
            customer.id, [Channel.EMAIL], ConsentSource.PHONE, salon.reception.name, True
        )
        at = ledger_rows(services.db, customer.id)[-1].at + timedelta(minutes=5)
        add_ledger_entry(
            services.db,
            customer.id,
            ConsentEvent.CONFIRMED,
            at,
            Channel.EMAIL,
            declared.request_id,
        )
        found.append(customer)
    return found


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(campaign_queue, "CHUNK", queue_worker.CHUNK)
    monkeypatch.setattr(campaign_queue, "WRITE_CHUNK", {})  # CHUNK on every backend


def _worker(url: str, clock: Clock, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "tests.services.queue_worker", url, clock.now.isoformat(), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _url(services: Services) -> str:
    return services.db.engine.url.render_as_string(hide_password=False)


def _campaign(db: Database) -> m.Campaign:
    with db.read() as s:
        [campaign] = s.scalars(select(m.Campaign))
        return campaign


def _messages_per_customer(db: Database, campaign_id: int) -> Counter[int]:
    with db.read() as s:
        ids = s.scalars(
            select(m.OutboxMessage.customer_id).where(m.OutboxMessage.campaign_id == campaign_id)
        )
        return Counter(ids)


def _killed_in_chunk(services: Services, clock: Clock, chunk: int) -> m.Campaign:
    """A ``send`` in its own process, killed inside the ``chunk``-th chunk's transaction."""
    killed = _worker(_url(services), clock, "send", "--kill-in-chunk", str(chunk))
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # The chunks before the killed one committed (and said so), the killed one did not.
    committed = [line.split() for line in killed.stdout.splitlines()]
    assert committed == [[str(n * queue_worker.CHUNK), str(RECIPIENTS)] for n in range(1, chunk)]
    return _campaign(services.db)


def test_a_queuing_killed_inside_a_chunk_is_resumed_without_loss_or_double(
    services: Services, recipients: list[CustomerRow], clock: Clock, small_chunks: None
) -> None:
    campaign = _killed_in_chunk(services, clock, chunk=2)
    first_chunk = recipients[: queue_worker.CHUNK]
    assert campaign.queue_done_at is None
    assert campaign.queued == queue_worker.CHUNK
    assert campaign.queue_cursor == first_chunk[-1].id
    assert _messages_per_customer(services.db, campaign.id) == Counter(c.id for c in first_chunk)

    # Left alone while it might still be running elsewhere; taken up once it is stale.
    assert services.campaigns.unfinished() == []
    clock.advance(seconds=campaign_queue.QUEUE_LEASE.total_seconds() + 1)
    assert services.campaigns.unfinished() == [campaign.id]
    [row] = services.campaigns.resume_unfinished()

    assert row.queued == RECIPIENTS
    assert _messages_per_customer(services.db, campaign.id) == Counter(c.id for c in recipients)
    done = _campaign(services.db)
    assert done.queue_done_at == clock.now
    assert done.queue_cursor == recipients[-1].id
    assert services.campaigns.unfinished() == []
    with services.db.read() as s:
        messages = s.scalars(
            select(m.OutboxMessage).where(m.OutboxMessage.campaign_id == campaign.id)
        ).all()
    by_customer = {c.id: c for c in recipients}
    for message in messages:  # every message whole: its name, its address, its link
        customer = by_customer[message.customer_id]
        assert message.to_address == customer.email
        assert f"Hallo {customer.first_name}," in message.body
        assert UNSUBSCRIBE_PLACEHOLDER in message.body
        assert message.subject == "Winter bei Salon Weiß"

    # Resuming a finished campaign changes nothing.
    assert services.campaigns.resume(campaign.id).queued == RECIPIENTS
    assert sum(_messages_per_customer(services.db, campaign.id).values()) == RECIPIENTS


def test_a_killed_queuing_resumed_by_another_process_leaves_out_who_objected_meanwhile(
    services: Services, recipients: list[CustomerRow], clock: Clock, small_chunks: None
) -> None:
    """Resuming decides the rest of the audience anew: the rules apply when queued."""
    campaign = _killed_in_chunk(services, clock, chunk=3)
    objecting = recipients[-1]
    clock.advance(minutes=5)
    add_ledger_entry(services.db, objecting.id, ConsentEvent.OBJECTED, clock.now)
    resumed = _worker(_url(services), clock, "resume", str(campaign.id))
    assert resumed.returncode == 0, resumed.stderr
    assert _messages_per_customer(services.db, campaign.id) == Counter(
        c.id for c in recipients[:-1]
    )
    assert _campaign(services.db).queue_done_at is not None


@pytest.fixture
def second_process(database_url: str, clock: Clock) -> Iterator[Services]:
    """Another counter PC: its own engine and connections on the same database."""
    database = Database(create_database_engine(database_url))
    yield build_services(database, templates_dir(), clock=clock)
    database.dispose()


def test_a_second_process_queuing_the_same_campaign_at_the_same_time_does_not_double_it(
    services: Services,
    second_process: Services,
    recipients: list[CustomerRow],
    clock: Clock,
    small_chunks: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The worst interleaving, forced: A has moved the cursor in its first chunk's open
    transaction when B reads the same cursor and prepares the same chunk; then A
    commits and B tries to write hers."""
    campaign = _killed_in_chunk(services, clock, chunk=1)  # created, nothing queued yet
    assert campaign.queued == 0

    a_holds_chunk, b_prepared = threading.Event(), threading.Event()
    b_thread: list[threading.Thread] = []

    @event.listens_for(services.db.engine, "after_cursor_execute")
    def _pause_a(_c: Any, _cur: Any, statement: str, *_a: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE CAMPAIGNS") and not a_holds_chunk.is_set():
            a_holds_chunk.set()
            assert b_prepared.wait(60), "the second process never prepared its chunk"

    real_values = campaign_queue._recipient_values

    def values_then_signal(*args: Any) -> Any:
        found = real_values(*args)
        if threading.current_thread() in b_thread:
            b_prepared.set()  # B has read everything and goes on to write
        return found

    monkeypatch.setattr(campaign_queue, "_recipient_values", values_then_signal)
    b_progress: list[tuple[int, int]] = []
    b_result: list[Any] = []

    def run_b() -> None:
        assert a_holds_chunk.wait(60)
        b_result.append(
            second_process.campaigns.resume(campaign.id, lambda *p: b_progress.append(p))
        )

    b = threading.Thread(target=run_b)
    b_thread.append(b)
    b.start()
    a_row = services.campaigns.resume(campaign.id)
    b.join(120)

    assert not b.is_alive()
    assert b_prepared.is_set()  # the race really happened
    assert b_progress == []  # B committed nothing: its chunk was rolled back
    assert a_row.queued == RECIPIENTS
    assert _messages_per_customer(services.db, campaign.id) == Counter(c.id for c in recipients)
    assert _campaign(services.db).queue_done_at is not None


def test_two_processes_resuming_together_queue_each_recipient_once(
    services: Services, recipients: list[CustomerRow], clock: Clock
) -> None:
    """Two real processes, no choreography: whoever wins each chunk, nobody twice."""
    campaign = _killed_in_chunk(services, clock, chunk=1)
    url = _url(services)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tests.services.queue_worker", url, clock.now.isoformat()]
    workers = [
        subprocess.Popen(
            [*command, "resume", str(campaign.id)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for worker in workers:
        _out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    assert _messages_per_customer(services.db, campaign.id) == Counter(c.id for c in recipients)
    done = _campaign(services.db)
    assert done.queued == RECIPIENTS
    assert done.queue_done_at is not None


def test_every_queued_row_is_whole_in_each_language(
    services: Services, salon: Salon, recipients: list[CustomerRow], clock: Clock
) -> None:
    """The rows go to the driver as plain values (campaign_queue._OutboxRows): each one
    must read back as the ORM would have written it – its own time-ordered client id,
    the consent it relies on, the shared values with their types, the recipient's own
    name, language and unsubscribe link."""
    english = add_customer(services, "Emily", "Smith", "emily@example.org", None, language="en")
    [declared] = services.consent.declare(
        english.id, [Channel.EMAIL], ConsentSource.PHONE, salon.reception.name, True
    )
    confirmed_at = ledger_rows(services.db, english.id)[-1].at + timedelta(minutes=5)
    add_ledger_entry(
        services.db,
        english.id,
        ConsentEvent.CONFIRMED,
        confirmed_at,
        Channel.EMAIL,
        declared.request_id,
    )
    row = services.campaigns.send(queue_worker.DRAFT, actor=SHARED_COUNTER)
    with services.db.read() as s:
        messages = s.scalars(select(m.OutboxMessage).where(m.OutboxMessage.campaign_id == row.id))
        messages = list(messages)
        basis = dict(
            s.execute(select(m.AudienceFacts.customer_id, m.AudienceFacts.email_basis)).all()
        )

    everyone = {c.id: c for c in [*recipients, english]}
    assert sorted(message.customer_id for message in messages) == sorted(everyone)
    assert len({message.client_id for message in messages}) == len(messages)
    for message in messages:
        customer = everyone[message.customer_id]
        assert uuid.UUID(message.client_id).version == 7
        assert message.to_address == customer.email
        assert (message.channel, message.category, message.kind) == (
            "email",
            "marketing",
            "campaign_promotion",
        )
        assert message.payload == {"basis_ref": basis[customer.id]}
        assert basis[customer.id]  # a promotion names the confirmed consent
        assert (message.status, message.attempts, message.gateway_failures) == ("queued", 0, 0)
        assert (message.created_at, message.updated_at) == (clock.now, clock.now)
        assert message.not_before is None and message.appointment_id is None
        assert message.subject == "Winter bei Salon Weiß"
        assert message.body.startswith(f"Hallo {customer.first_name}, 20 % auf Pflege")
        unsubscribe = "Unsubscribe" if customer.id == english.id else "Abmelden"
        assert message.body.endswith(f"{unsubscribe}: {UNSUBSCRIBE_PLACEHOLDER}")


def test_the_queue_gives_every_column_the_database_would_not_fill_itself() -> None:
    """The rows bypass the ORM's Python-side defaults: a column added to the outbox with
    only such a default must be added to the queue's insert too (or get a server
    default), else campaign rows would break or differ from every other row."""
    table = m.OutboxMessage.__table__
    needed = {
        column.name
        for column in table.columns
        if column.default is not None and column.server_default is None
    }
    job = campaign_queue.QueueJob(
        campaign_id=1,
        templates=campaign_queue.Templates(CampaignType.PROMOTION, "Betreff", "Text", "SMS"),
        send_at=datetime(2026, 12, 4, 9, tzinfo=UTC),
        now=datetime(2026, 12, 4, 9, tzinfo=UTC),
        salon=SalonDetails("Salon", "", "", "", "Europe/Berlin"),
        clock=lambda: datetime(2026, 12, 4, 9, tzinfo=UTC),
    )
    for dialect in (sqlite.dialect(), psycopg.dialect()):
        given = set(campaign_queue._OutboxRows(dialect, job).columns)
        assert needed <= given, needed - given
