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
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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


# ---- "another customer has the same address" (revision 0021) ------------------------------
def _shared(db: Database, customer_id: int) -> tuple[bool, bool]:
    row = facts(db, customer_id)
    return bool(row.email_shared), bool(row.phone_shared)


def _flags_from_customers(db: Database) -> dict[int, tuple[bool, bool]]:
    """The oracle, in Python: who holds an email (any case) or phone another one holds."""
    with db.read() as s:
        customers = s.execute(select(m.Customer.id, m.Customer.email, m.Customer.phone)).all()
    emails = Counter((e or "").lower() for _id, e, _p in customers)
    phones = Counter(p or "" for _id, _e, p in customers)
    return {
        cid: (bool(e) and emails[e.lower()] > 1, bool(p) and phones[p] > 1)
        for cid, e, p in customers
    }


def _flags_kept(db: Database) -> dict[int, tuple[bool, bool]]:
    with db.read() as s:
        rows = s.execute(
            select(
                m.AudienceFacts.customer_id,
                m.AudienceFacts.email_shared,
                m.AudienceFacts.phone_shared,
            )
        ).all()
    return {cid: (bool(e), bool(p)) for cid, e, p in rows}


def test_shared_addresses_follow_new_changed_erased_and_deleted_customers(
    services: Services, salon: Salon
) -> None:
    db = services.db
    anna = add_customer(services)  # anna.mueller@example.org, 0151 12345678
    assert _shared(db, anna.id) == (False, False)
    # A family sharing one email (the counter confirmed it is not a duplicate).
    bert = services.customers.create(
        CustomerInput(
            first_name="Bert",
            last_name="Müller",
            email="Anna.Mueller@Example.org",
            phone="0171 7654321",
        ),
        allow_duplicate=True,
    )
    assert (_shared(db, anna.id), _shared(db, bert.id)) == ((True, False), (True, False))
    carl = services.customers.create(
        CustomerInput(first_name="Carl", last_name="Weber", email=None, phone="0151 12345678"),
        allow_duplicate=True,
    )
    assert (_shared(db, anna.id), _shared(db, carl.id)) == ((True, True), (False, True))
    assert_current(db)

    # Bert moves to his own address: Anna is alone on hers again.
    services.customers.update(
        bert.id,
        CustomerInput(
            first_name="Bert", last_name="Müller", email="bert@example.org", phone="0171 7654321"
        ),
    )
    assert (_shared(db, anna.id), _shared(db, bert.id)) == ((False, True), (False, False))
    assert_current(db)

    # Another tool writes directly: Carl takes Bert's email, then loses his phone.
    with db.write() as s:
        s.execute(
            update(m.Customer).where(m.Customer.id == carl.id).values(email="BERT@example.org")
        )
    assert (_shared(db, bert.id), _shared(db, carl.id)) == ((True, False), (True, True))
    with db.write() as s:
        s.execute(update(m.Customer).where(m.Customer.id == carl.id).values(phone=""))
    assert (_shared(db, anna.id), _shared(db, carl.id)) == ((False, False), (True, False))
    assert_current(db)

    # Erasure blanks Bert's addresses; a deleted customer (as a merge removes the
    # duplicate) takes the address along.
    services.privacy.erase(bert.id, None, salon.reception.name, actor=SHARED_COUNTER)
    assert _shared(db, carl.id) == (False, False)
    with db.write() as s:
        annas = select(m.Customer.phone).where(m.Customer.id == anna.id).scalar_subquery()
        s.execute(update(m.Customer).where(m.Customer.id == carl.id).values(phone=annas))
    assert _shared(db, anna.id) == (False, True)
    with db.write() as s:
        s.execute(m.Customer.__table__.delete().where(m.Customer.id == carl.id))
    assert _shared(db, anna.id) == (False, False)
    assert_current(db)
    assert _flags_kept(db) == _flags_from_customers(db)


_EMAILS = st.sampled_from([None, "", "a@example.org", "A@Example.org", "b@example.org"])
_PHONES = st.sampled_from([None, "", "0151 1", "0151 2"])
_STEPS = st.lists(
    st.tuples(
        st.sampled_from(["add", "email", "phone", "delete"]), st.integers(0, 5), _EMAILS, _PHONES
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=_STEPS)
def test_shared_flags_equal_the_customers_after_any_writes(
    services: Services, steps: list[tuple[str, int, str | None, str | None]]
) -> None:
    """Random plain writes (as any tool would) over a few addresses: the flags are always
    what the customers say, and the rows what a recomputation gives."""
    db = services.db
    with db.write() as s:
        s.execute(m.Customer.__table__.delete())
    ids: list[int] = []
    for what, pick, email, phone in steps:
        with db.write() as s:
            if what == "add" or not ids:
                n = len(ids) + 1
                values = {
                    "first_name": f"K{n}",
                    "last_name": "X",
                    "first_name_key": f"k{n}",
                    "last_name_key": "x",
                    "email": email,
                    "phone": phone,
                }
                ids.append(
                    s.execute(insert(m.Customer.__table__).values(values)).inserted_primary_key[0]
                )
                continue
            cid = ids[pick % len(ids)]
            row = m.Customer.__table__.c.id == cid
            if what == "email":
                s.execute(update(m.Customer.__table__).where(row).values(email=email))
            elif what == "phone":
                s.execute(update(m.Customer.__table__).where(row).values(phone=phone))
            else:
                s.execute(m.Customer.__table__.delete().where(row))
                ids.remove(cid)
    assert _flags_kept(db) == _flags_from_customers(db)
    assert_current(db)


def test_two_counter_pcs_giving_two_customers_one_address_at_once(
    services: Services, database_url: str
) -> None:
    """PostgreSQL: the second waits for the first's address lock, then sees its customer."""
    other = Database(create_database_engine(database_url))
    started = threading.Event()

    def customer(n: int) -> dict[str, object]:
        return {
            "first_name": f"K{n}",
            "last_name": "X",
            "first_name_key": f"k{n}",
            "last_name_key": "x",
            "email": f"Family{n}@example.org".replace(str(n), ""),
            "phone": f"0151 {n}",
        }

    def later() -> None:
        started.set()
        with other.write() as s:
            s.execute(insert(m.Customer.__table__).values(customer(2)))

    try:
        with ThreadPoolExecutor(1) as pool:
            with services.db.write() as s:
                s.execute(insert(m.Customer.__table__).values(customer(1)))
                done = pool.submit(later)
                _wait_until_blocked(services.db, started)
            done.result(30)
    finally:
        other.dispose()
    assert _flags_kept(services.db) == _flags_from_customers(services.db)
    assert set(_flags_kept(services.db).values()) == {(True, False)}
    assert_current(services.db)
