"""Revision 0015 (staff sign-in, audit log): the audit log is append-only on both
backends, whatever a program does, and the revision goes down and up again cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, delete, insert, inspect, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from desk_app.db import migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine

AT = datetime(2026, 12, 4, 9, tzinfo=UTC)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


def _entry(engine: Engine, action: str = "signed_in") -> None:
    with engine.begin() as c:
        c.execute(
            insert(m.AuditEntry).values(
                at=AT,
                member_id=1,
                member_name="Sabine",
                member_role="owner",
                action=action,
                subject="staff:1",
                details={},
            )
        )


def _actions(engine: Engine) -> list[str]:
    with engine.connect() as c:
        return list(c.scalars(text("SELECT action FROM audit_log ORDER BY id")))


def test_audit_entries_cannot_be_updated(engine: Engine) -> None:
    _entry(engine)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as c:
        c.execute(update(m.AuditEntry).values(action="sign_in_failed"))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as c:
        c.execute(text("UPDATE audit_log SET member_name = 'Someone else'"))
    assert _actions(engine) == ["signed_in"]


def test_audit_entries_cannot_be_deleted(engine: Engine) -> None:
    _entry(engine)
    _entry(engine, "customer_erased")
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as c:
        c.execute(delete(m.AuditEntry).where(m.AuditEntry.action == "customer_erased"))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as c:
        c.execute(text("DELETE FROM audit_log"))
    assert _actions(engine) == ["signed_in", "customer_erased"]


def test_audit_log_cannot_be_truncated_on_postgres(engine: Engine, backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite has no TRUNCATE: DELETE is its only way to empty a table")
    _entry(engine)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as c:
        c.execute(text("TRUNCATE audit_log"))
    assert _actions(engine) == ["signed_in"]


def test_a_credential_belongs_to_an_existing_member_and_goes_with_it(engine: Engine) -> None:
    with engine.begin() as c:
        staff_id = c.execute(
            insert(m.Staff).values(name="Tanja", role="reception", active=True, online=False)
        ).inserted_primary_key[0]  # type: ignore[index]
        c.execute(insert(m.StaffCredential).values(staff_id=staff_id, pin_hash="x", changed_at=AT))
    with pytest.raises(IntegrityError), engine.begin() as c:
        c.execute(insert(m.StaffCredential).values(staff_id=999, pin_hash="x", changed_at=AT))
    with pytest.raises(IntegrityError), engine.begin() as c:
        c.execute(update(m.StaffCredential).values(failed_attempts=-1))
    with engine.begin() as c:
        c.execute(delete(m.Staff).where(m.Staff.id == staff_id))
    with engine.connect() as c:
        assert c.scalar(text("SELECT count(*) FROM staff_credentials")) == 0


def test_down_to_0014_and_up_again(engine: Engine) -> None:
    _entry(engine)
    migrate.downgrade(engine, "0014")
    tables = set(inspect(engine).get_table_names())
    assert not tables & {"audit_log", "staff_credentials"}
    migrate.upgrade(engine)
    _entry(engine)  # a fresh, empty log that refuses changes again
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as c:
        c.execute(text("DELETE FROM audit_log"))
    assert _actions(engine) == ["signed_in"]
