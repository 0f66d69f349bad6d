"""The audit log stays as written through the ways migration 0015's test does not try:
the app's own unit of work (ORM change and delete, flushed), an upsert that would turn
an insert into an update, and SQLite's REPLACE, which deletes the old row without
firing delete triggers (unless ``recursive_triggers`` is on). SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine

AT = datetime(2026, 12, 4, 9, tzinfo=UTC)
ROW = {
    "at": AT,
    "member_id": 1,
    "member_name": "Sabine Müller",
    "member_role": "owner",
    "action": "customer_erased",
    "subject": "customer:7",
    "details": {"erased_by": "Sabine Müller"},
}


def _write_one(db: Database) -> int:
    with db.write() as s:
        entry = m.AuditEntry(**ROW)
        s.add(entry)
        s.flush()
        return entry.id


def _log(db: Database) -> list[tuple[int, str, str, str]]:
    with db.read() as s:
        return [
            (e.id, e.member_name, e.action, e.subject)
            for e in s.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id))
        ]


def test_the_apps_unit_of_work_can_neither_change_nor_remove_an_entry(db: Database) -> None:
    first = _write_one(db)
    written = _log(db)
    with pytest.raises(DBAPIError, match="append-only"), db.write() as s:
        entry = s.get(m.AuditEntry, first)
        assert entry is not None
        entry.member_name = "Someone else"  # flushed at the commit: refused
    with pytest.raises(DBAPIError, match="append-only"), db.write() as s:
        entry = s.get(m.AuditEntry, first)
        assert entry is not None
        s.delete(entry)
    assert _log(db) == written


def test_an_upsert_cannot_rewrite_an_entry(db: Database) -> None:
    first = _write_one(db)
    written = _log(db)
    dialect = postgresql if db.backend == "postgresql" else sqlite
    upsert = (
        dialect.insert(m.AuditEntry)
        .values(id=first, **{**ROW, "action": "signed_in"})
        .on_conflict_do_update(index_elements=["id"], set_={"action": "signed_in"})
    )
    with pytest.raises(DBAPIError, match="append-only"), db.write() as s:
        s.execute(upsert)
    assert _log(db) == written


@pytest.fixture
def sqlite_db(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    path = tmp_path / "desk.sqlite3"
    shutil.copy(sqlite_template, path)
    database = Database(create_database_engine(f"sqlite:///{path}"))
    yield database
    database.dispose()


def _write_ledger_entry(db: Database) -> int:
    with db.write() as s:
        customer = m.Customer(
            first_name="Anna", last_name="Schmidt", first_name_key="anna", last_name_key="schmidt"
        )
        s.add(customer)
        s.flush()
        entry = m.ConsentLedgerEntry(
            customer_id=customer.id, channel="email", event="declared", at=AT, staff="Tanja"
        )
        s.add(entry)
        s.flush()
        return entry.id


def _rows(db: Database, table: str) -> list[tuple[object, ...]]:
    with db.read() as s:
        return [tuple(row) for row in s.execute(text(f"SELECT * FROM {table} ORDER BY id"))]


@pytest.mark.parametrize(
    ("table", "write_one"),
    [("audit_log", _write_one), ("consent_ledger", _write_ledger_entry)],
)
def test_sqlite_replace_cannot_rewrite_an_entry(
    sqlite_db: Database, table: str, write_one: Callable[[Database], int]
) -> None:
    # REPLACE deletes the old row without firing the delete trigger (recursive_triggers
    # is off); migration 0020's insert trigger refuses the id that is taken.
    first = write_one(sqlite_db)
    written = _rows(sqlite_db, table)
    replace = text(f"INSERT OR REPLACE INTO {table} SELECT * FROM {table} WHERE id = :id")
    with pytest.raises(DBAPIError, match="append-only"), sqlite_db.write() as s:
        s.execute(replace, {"id": first})
    assert _rows(sqlite_db, table) == written
    write_one(sqlite_db)  # a new entry still goes in
    assert len(_rows(sqlite_db, table)) == len(written) + 1
