"""``audience_facts`` (the audience's read model) follows every write, on both backends.

After each thing the counter, the gateway sync and the owner do – consent declared,
confirmed, revoked, an unsubscribe, an appointment booked, completed, moved, cancelled, a
customer created, edited and erased, a campaign sent and a message refused – the table
must hold exactly what a recomputation from its sources gives, and the fact that changed
must read as the change says. Also when two sessions write for the same customer at the
same time (PostgreSQL: the later recompute waits for the earlier transaction).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert, select, text, update

from desk_app.db import audience_facts
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import (
    AppointmentStatus,
    Channel,
    ConsentEvent,
    ConsentSource,
    OutboxStatus,
    Reason,
)
from desk_app.services.booking import BookingRequest
from desk_app.services.campaign_rows import CampaignDraft
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, add_ledger_entry, ledger_rows, make_salon

PROMOTION = CampaignDraft(
    name="Winteraktion",
    type=CampaignType.PROMOTION,
    channel=ChannelChoice.EMAIL,
    subject="Winter bei {{ salon_name }}",
    body="Hallo {{ first_name }}, 20 % auf Pflege bis Freitag.",
    sms_body="",
)


def _kept(db: Database) -> list[tuple[object, ...]]:
    with db.read() as s:
        rows = s.connection().exec_driver_sql(
            f"SELECT {audience_facts.COLUMNS} FROM audience_facts ORDER BY customer_id"
        )
        return [tuple(row) for row in rows]


def _recomputed(db: Database) -> list[tuple[object, ...]]:
    with db.read() as s:
        connection = s.connection()
        statement = audience_facts.facts_select(connection.dialect.name)
        return [tuple(row) for row in connection.exec_driver_sql(f"{statement} ORDER BY c.id")]


def assert_current(db: Database) -> None:
    """The table equals its recomputation from the sources, row for row."""
    assert _kept(db) == _recomputed(db)


def facts(db: Database, customer_id: int) -> m.AudienceFacts:
    with db.read() as s:
        row = s.get(m.AudienceFacts, customer_id)
        assert row is not None
        return row


@pytest.fixture
def salon(services: Services) -> Salon:
    services.catalogue.set_setting("salon_name", "Salon Weiß", actor=SHARED_COUNTER)
    return make_salon(services)


def _confirm(services: Services, customer_id: int, channel: Channel) -> None:
    """The customer's click on the confirmation link, as the sync records it."""
    declared = ledger_rows(services.db, customer_id)[-1]
    add_ledger_entry(
        services.db,
        customer_id,
        ConsentEvent.CONFIRMED,
        declared.at + timedelta(minutes=5),
        channel,
        declared.request_id,
    )


def _book(services: Services, salon: Salon, customer_id: int, starts: datetime) -> int:
    row = services.booking.book(
        BookingRequest(
            customer_id=customer_id,
            staff_id=salon.stylist.id,
            service_id=salon.cut.id,
            starts_at=starts,
            notify=False,
            override=True,
        )
    )
    return row.id


def test_consent_follows_declaration_confirmation_revocation_and_unsubscribe(
    services: Services, salon: Salon, clock: Clock
) -> None:
    anna = add_customer(services, birthday=date(1990, 12, 5), preferred_channel=Channel.SMS)
    first = facts(services.db, anna.id)
    assert (first.email_state, first.sms_state, first.objected) == ("none", "none", False)
    assert (first.birthday_md, first.prefers_sms, first.email_problem) == (1205, 1, None)
    assert_current(services.db)

    services.consent.declare(
        anna.id, [Channel.EMAIL], ConsentSource.PHONE, salon.reception.name, True
    )
    pending = facts(services.db, anna.id)
    assert pending.email_state == "pending" and pending.email_pending_until is not None
    assert_current(services.db)

    _confirm(services, anna.id, Channel.EMAIL)
    confirmed = facts(services.db, anna.id)
    assert confirmed.email_state == "confirmed" and confirmed.email_basis is not None
    assert_current(services.db)

    services.consent.revoke(anna.id, [Channel.EMAIL], ConsentSource.PHONE, salon.reception.name)
    assert facts(services.db, anna.id).email_state == "revoked"
    assert_current(services.db)

    add_ledger_entry(services.db, anna.id, ConsentEvent.OBJECTED, clock.now)
    assert facts(services.db, anna.id).objected is True
    assert_current(services.db)


def test_visits_follow_bookings_completion_moves_and_cancellations(
    services: Services, salon: Salon, clock: Clock
) -> None:
    anna = add_customer(services)
    earlier = clock.now - timedelta(days=30)
    visit = _book(services, salon, anna.id, earlier)
    booked = facts(services.db, anna.id)
    assert (booked.appointments, booked.visits, booked.last_visit_at) == (1, 0, None)

    services.booking.set_status(visit, AppointmentStatus.DONE)
    assert facts(services.db, anna.id).last_visit_at == earlier
    assert_current(services.db)

    moved = earlier + timedelta(days=2, hours=1)
    services.booking.reschedule(visit, moved, override=True)
    done = facts(services.db, anna.id)
    assert (done.appointments, done.visits, done.last_visit_at) == (1, 1, moved)
    assert_current(services.db)

    later = _book(services, salon, anna.id, clock.now + timedelta(days=3))
    services.booking.cancel(later)
    assert facts(services.db, anna.id).appointments == 2
    assert_current(services.db)

    with services.db.write() as s:  # a plain DELETE, as another tool would
        s.execute(m.Appointment.__table__.delete().where(m.Appointment.customer_id == anna.id))
    gone = facts(services.db, anna.id)
    assert (gone.appointments, gone.visits, gone.last_visit_at) == (0, 0, None)
    assert_current(services.db)


def test_customer_edits_and_erasure_follow(services: Services, salon: Salon) -> None:
    anna = add_customer(services)
    assert facts(services.db, anna.id).email_address == "anna.mueller@example.org"
    services.customers.update(
        anna.id,
        CustomerInput(
            first_name="Anne",
            last_name="Müller",
            email="Anne.Mueller@Example.org",
            phone="030 1234567",  # a landline: takes no SMS
            objection_notice_given=True,
        ),
    )
    edited = facts(services.db, anna.id)
    assert (edited.first_name, edited.email_address) == ("Anne", "anne.mueller@example.org")
    assert edited.sms_problem == Reason.INVALID_ADDRESS.value
    assert edited.objection_notice_given is True
    assert_current(services.db)

    with services.db.write() as s:  # the gateway reported a bounce
        s.execute(
            update(m.Customer)
            .where(m.Customer.id == anna.id)
            .values(email_bounced_at=datetime(2026, 11, 20, 9).astimezone())
        )
    assert facts(services.db, anna.id).email_problem == Reason.BOUNCED.value
    assert_current(services.db)

    services.privacy.erase(anna.id, None, salon.reception.name, actor=SHARED_COUNTER)
    erased = facts(services.db, anna.id)
    assert erased.email_address is None and erased.phone is None
    assert erased.email_problem == Reason.NO_ADDRESS.value
    assert_current(services.db)


def test_campaign_sent_and_a_refused_message_move_the_newest_advertising(
    services: Services, salon: Salon
) -> None:
    anna = add_customer(services)
    services.consent.declare(
        anna.id, [Channel.EMAIL], ConsentSource.PHONE, salon.reception.name, True
    )
    _confirm(services, anna.id, Channel.EMAIL)
    assert facts(services.db, anna.id).last_ad_at is None

    services.campaigns.send(PROMOTION, actor=SHARED_COUNTER)
    with services.db.read() as s:
        sent = s.scalars(
            select(m.OutboxMessage).where(m.OutboxMessage.campaign_id.is_not(None))
        ).one()
    assert facts(services.db, anna.id).last_ad_at == sent.created_at
    assert_current(services.db)

    with services.db.write() as s:  # the gateway refused it: it does not count
        s.execute(
            update(m.OutboxMessage)
            .where(m.OutboxMessage.id == sent.id)
            .values(status=OutboxStatus.REJECTED.value)
        )
    assert facts(services.db, anna.id).last_ad_at is None
    assert_current(services.db)


# ---- two sessions at once -----------------------------------------------------------------
def _wait_until_blocked(db: Database, started: threading.Event) -> None:
    """Until the second session waits for a lock (PostgreSQL) or has had time to try."""
    started.wait(10)
    if db.engine.dialect.name != "postgresql":
        time.sleep(0.2)  # SQLite: the second writer waits for the file lock anyway
        return
    for _ in range(200):
        with db.engine.connect() as c:
            waiting = c.execute(
                text(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
        if waiting:
            return
        time.sleep(0.05)


@pytest.mark.parametrize("first", ["appointment", "consent"])
def test_two_sessions_writing_for_one_customer_at_once(
    services: Services, salon: Salon, clock: Clock, database_url: str, first: str
) -> None:
    anna = add_customer(services)
    other = Database(create_database_engine(database_url))
    appointment = {
        "customer_id": anna.id,
        "staff_id": salon.stylist.id,
        "service_id": salon.cut.id,
        "starts_at": clock.now - timedelta(days=3),
        "ends_at": clock.now - timedelta(days=3) + timedelta(minutes=45),
        "status": AppointmentStatus.DONE.value,
    }
    objection = m.ConsentLedgerEntry(
        customer_id=anna.id,
        event=ConsentEvent.OBJECTED.value,
        at=clock.now,
        source=ConsentSource.LINK.value,
    )

    def write(db: Database, what: str) -> None:
        with db.write() as s:
            if what == "appointment":
                s.execute(insert(m.Appointment).values(**appointment))
            else:
                s.add(objection)
                s.flush()

    second = "consent" if first == "appointment" else "appointment"
    started = threading.Event()

    def later() -> None:
        started.set()
        write(other, second)

    try:
        with ThreadPoolExecutor(1) as pool:
            with services.db.write() as s:
                if first == "appointment":
                    s.execute(insert(m.Appointment).values(**appointment))
                else:
                    s.add(objection)
                    s.flush()
                done = pool.submit(later)
                _wait_until_blocked(services.db, started)
            done.result(30)  # raises what the second session raised
    finally:
        other.dispose()
    both = facts(services.db, anna.id)
    assert (both.appointments, both.visits, both.objected) == (1, 1, True)
    assert_current(services.db)
