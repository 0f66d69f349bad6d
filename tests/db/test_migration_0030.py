"""Revision 0030 leaves the address locks to the writers of addresses (PostgreSQL): its
downgrade puts back 0029's recompute, which locks them on every write and writes the
shared flags with the rest of the row, and the upgrade after it makes what a fresh
database has. SQLite's triggers do not change either way."""

from __future__ import annotations

from sqlalchemy import Engine, insert, update

from desk_app.db import audience_facts, migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine

from .definitions import definitions

FUNCTIONS = ["customer_visits_recount"]


def _customer(n: int, email: str) -> dict[str, object]:
    return {
        "first_name": f"K{n}",
        "last_name": "X",
        "first_name_key": f"k{n}",
        "last_name_key": "x",
        "email": email,
    }


def _kept_equals_recomputed(engine: Engine) -> bool:
    with engine.connect() as c:
        kept = c.exec_driver_sql(
            f"SELECT {audience_facts.COLUMNS} FROM audience_facts ORDER BY customer_id"
        )
        again = c.exec_driver_sql(f"{audience_facts.facts_select(c.dialect.name)} ORDER BY c.id")
        return [tuple(r) for r in kept] == [tuple(r) for r in again]


def _write_shared_addresses(engine: Engine) -> None:
    """A family on one address, one of them moving away: the flags come and go."""
    table = m.Customer.__table__
    with engine.begin() as c:
        ids = [
            c.execute(
                insert(table).values(_customer(n, "familie@example.org"))
            ).inserted_primary_key[0]
            for n in (1, 2, 3)
        ]
        c.execute(update(table).where(table.c.id == ids[0]).values(email="eigen@example.org"))
        c.execute(update(table).where(table.c.id == ids[1]).values(first_name="Zwei"))
    assert _kept_equals_recomputed(engine)


def test_down_to_0029_and_up_again(database_url: str) -> None:
    engine = create_database_engine(database_url)
    try:
        with engine.connect() as c:
            at_head = definitions(c, "audience_facts", FUNCTIONS)
        refresh = dict(at_head).get("audience_facts_refresh", "")
        assert "audience_facts_lock_addresses" not in refresh

        migrate.downgrade(engine, "0029")
        with engine.connect() as c:
            at_0029 = definitions(c, "audience_facts", FUNCTIONS)
        if engine.dialect.name == "postgresql":
            assert at_0029 != at_head
            assert "audience_facts_lock_addresses" in dict(at_0029)["audience_facts_refresh"]
            assert "email_shared = EXCLUDED.email_shared" in dict(at_0029)["audience_facts_refresh"]
        else:
            assert at_0029 == at_head  # SQLite: one writer, nothing changed
        _write_shared_addresses(engine)

        migrate.upgrade(engine)
        with engine.connect() as c:
            assert definitions(c, "audience_facts", FUNCTIONS) == at_head
        _write_shared_addresses(engine)
    finally:
        engine.dispose()
