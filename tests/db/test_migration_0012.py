"""Revision 0012 (the audience's read model) fills ``audience_facts`` from the customers,
consent, visits and advertising already there; its triggers keep it from then on (also
for writes that bypass the application), and a downgrade leaves 0009's visit counts
working as before."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, insert, select, update

from desk_app.db import audience_facts, migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine
from tests.db.old_tables import appointments_at, services_at

from .definitions import definitions, remade_by_the_module

START = datetime(2026, 11, 2, 9, tzinfo=UTC)
APPOINTMENTS_0012 = appointments_at("0012")


@pytest.fixture
def engine_at_0011(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    migrate.downgrade(engine, "0011")
    yield engine
    engine.dispose()


def _done_visit(id_: int, customer_id: int) -> dict[str, object]:
    return {
        "id": id_,
        "customer_id": customer_id,
        "staff_id": 1,
        "service_id": 1,
        "starts_at": START,
        "ends_at": START + timedelta(minutes=30),
        "status": "done",
    }


def _fill(engine: Engine) -> None:
    with engine.begin() as c:
        c.execute(
            insert(m.Customer),
            [
                {
                    "id": n,
                    "first_name": f"K{n}",
                    "last_name": "X",
                    "first_name_key": f"k{n}",
                    "last_name_key": "x",
                    "email": email,
                    "phone": "+4915112345678",
                    "email_valid": True,
                    "phone_takes_sms": True,
                    "birthday": date(1990, 3, n),
                    "preferred_channel": "sms" if n == 2 else None,
                }
                for n, email in ((1, "Eins@Example.org"), (2, None), (3, "drei@example.org"))
            ],
        )
        c.execute(insert(m.Staff).values(id=1, name="Jörg", role="stylist"))
        c.execute(
            insert(services_at("0011")).values(id=1, name="Schnitt", minutes=30, price_cents=1)
        )
        c.execute(insert(APPOINTMENTS_0012).values(_done_visit(1, customer_id=1)))
        c.execute(
            insert(m.CustomerConsent).values(
                customer_id=1, objected=False, email_state="confirmed", sms_state="pending"
            )
        )
        c.execute(
            insert(m.OutboxMessage),
            [
                {
                    "customer_id": 1,
                    "channel": "email",
                    "category": category,
                    "kind": "campaign",
                    "to_address": "eins@example.org",
                    "status": status,
                    "created_at": START + timedelta(days=days),
                }
                for category, status, days in (
                    ("marketing", "sent", 1),
                    ("marketing", "rejected", 3),  # refused: does not count
                    ("transactional", "sent", 5),  # not advertising
                )
            ],
        )


def _kept(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as c:
        rows = c.exec_driver_sql(
            f"SELECT {audience_facts.COLUMNS} FROM audience_facts ORDER BY customer_id"
        )
        return [tuple(r) for r in rows]


def _recomputed(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as c:
        rows = c.exec_driver_sql(f"{audience_facts.facts_select(c.dialect.name)} ORDER BY c.id")
        return [tuple(r) for r in rows]


def test_upgrade_fills_the_facts_from_what_is_there(engine_at_0011: Engine) -> None:
    _fill(engine_at_0011)
    migrate.upgrade(engine_at_0011)
    f = m.AudienceFacts
    with engine_at_0011.connect() as c:
        rows = c.execute(
            select(
                f.customer_id,
                f.email_address,
                f.email_problem,
                f.prefers_sms,
                f.birthday_md,
                f.email_state,
                f.sms_state,
                f.visits,
                f.last_visit_at,
                f.last_ad_at,
            ).order_by(f.customer_id)
        ).all()
    assert [tuple(r) for r in rows] == [
        (
            1,
            "eins@example.org",
            None,
            0,
            301,
            "confirmed",
            "pending",
            1,
            START,
            START + timedelta(days=1),
        ),
        (2, None, "no_address", 1, 302, "none", "none", 0, None, None),
        (3, "drei@example.org", None, 0, 303, "none", "none", 0, None, None),
    ]
    assert _kept(engine_at_0011) == _recomputed(engine_at_0011)


def test_triggers_follow_plain_statements_and_downgrade_keeps_the_visit_counts(
    engine_at_0011: Engine,
) -> None:
    _fill(engine_at_0011)
    migrate.upgrade(engine_at_0011)
    with engine_at_0011.begin() as c:
        c.execute(update(m.Customer).where(m.Customer.id == 3).values(email=""))
        c.execute(update(m.Appointment).where(m.Appointment.id == 1).values(customer_id=2))
        c.execute(update(m.OutboxMessage).values(status="expired"))
        c.execute(m.CustomerConsent.__table__.delete())
    assert _kept(engine_at_0011) == _recomputed(engine_at_0011)
    with engine_at_0011.begin() as c:
        c.execute(m.Appointment.__table__.delete())
        c.execute(m.OutboxMessage.__table__.delete())
        c.execute(m.Customer.__table__.delete().where(m.Customer.id == 1))
    assert [r[0] for r in _kept(engine_at_0011)] == [2, 3]
    assert _kept(engine_at_0011) == _recomputed(engine_at_0011)

    migrate.downgrade(engine_at_0011, "0011")
    with engine_at_0011.begin() as c:
        c.execute(insert(APPOINTMENTS_0012).values(_done_visit(2, customer_id=3)))
        visits = c.execute(select(m.CustomerVisits.customer_id, m.CustomerVisits.visits)).all()
    assert [tuple(v) for v in visits] == [(3, 1)]


def test_the_migrated_triggers_are_the_ones_the_module_makes(database_url: str) -> None:
    """The migrations keep their own copy of the SQL; ``desk_app.db.audience_facts``
    (whose ``lifted`` drops and remakes the triggers around bulk loads) must make the same,
    or a change to it lacks its revision."""
    engine = create_database_engine(database_url)
    try:
        with engine.begin() as c:
            migrated = definitions(c, "audience_facts", ["customer_visits_recount"])
            remade_by_the_module(
                c,
                audience_facts.POSTGRESQL_FUNCTIONS,
                audience_facts.drop_triggers,
                audience_facts.create_triggers,
            )
            assert len(migrated) >= len(audience_facts.TRIGGERS) - 1
            assert definitions(c, "audience_facts", ["customer_visits_recount"]) == migrated
    finally:
        engine.dispose()
