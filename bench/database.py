"""The benchmarks' databases: PostgreSQL on DESK_APP_TEST_POSTGRES_URL's server, the
audience database built once per data version and schema and cached (SQLite file and
PostgreSQL database), a throw-away PostgreSQL database, and bulk loading with the overlap
guard lifted."""

from __future__ import annotations

import hashlib
import itertools
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import psycopg
from sqlalchemy import Connection, Engine, insert, make_url

from bench.audience_data import DATA_VERSION, AudienceData, data_for
from desk_app.db import audience_facts, customer_categories, customer_visits, migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 20_000
# The tables whose ids the bulk load gives (PostgreSQL's sequences must be moved past them).
SEQUENCED = ("staff", "salon_services", "appointments", "customers", "consent_ledger", "outbox")
T = TypeVar("T")


# ---- PostgreSQL -------------------------------------------------------------------------------
def _dsn(admin_url: str, database: str | None = None) -> str:
    url = make_url(admin_url)
    url = url.set(drivername="postgresql") if database is None else url.set(database=database)
    return url.render_as_string(hide_password=False)


def postgres_admin_url() -> str | None:
    """DESK_APP_TEST_POSTGRES_URL when its server answers; else why not, printed."""
    admin = os.environ.get("DESK_APP_TEST_POSTGRES_URL")
    if not admin:
        print("PostgreSQL skipped: DESK_APP_TEST_POSTGRES_URL is not set", flush=True)
        return None
    try:
        with psycopg.connect(_dsn(admin), connect_timeout=5):
            pass
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL skipped: not reachable ({exc.__class__.__name__})", flush=True)
        return None
    return admin


@contextmanager
def scratch_postgres_database(admin_url: str, prefix: str) -> Iterator[str]:
    """A fresh, empty database for one run, dropped afterwards; yields its URL."""
    name = f"{prefix}_{os.urandom(4).hex()}"
    with psycopg.connect(_dsn(admin_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _dsn(admin_url, name)
    finally:
        with psycopg.connect(_dsn(admin_url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ---- bulk loading -----------------------------------------------------------------------------
def chunks(rows: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# How each backend guards against overlapping appointments: the query that finds the guards
# (name, definition), how one is dropped, how it is put back from its definition.
_OVERLAP_GUARDS = {
    "sqlite": (
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND tbl_name = 'appointments' AND name LIKE 'appointments_no_overlap%'",
        'DROP TRIGGER "{name}"',
        "{definition}",
    ),
    "postgresql": (
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = 'appointments'::regclass AND contype = 'x'",
        'ALTER TABLE appointments DROP CONSTRAINT "{name}"',
        'ALTER TABLE appointments ADD CONSTRAINT "{name}" {definition}',
    ),
}


@contextmanager
def overlap_guard_lifted(conn: Connection) -> Iterator[None]:
    """Drops the guard against overlapping appointments for a bulk load and puts it back
    from its own stored definition (PostgreSQL validates every row when it comes back)."""
    find, drop, restore = _OVERLAP_GUARDS[conn.dialect.name]
    guards = conn.exec_driver_sql(find).all()
    for name, _definition in guards:
        conn.exec_driver_sql(drop.format(name=name))
    yield
    for name, definition in guards:
        conn.exec_driver_sql(restore.format(name=name, definition=definition))


def _appointment_dicts(rows: Iterable[tuple[Any, ...]], first_id: int) -> list[dict[str, Any]]:
    return [
        {
            "id": first_id + n,
            "customer_id": customer_id,
            "staff_id": staff,
            "service_id": service,
            "starts_at": starts,
            "ends_at": ends,
            "status": status,
            "source": source,
            "notify": True,
            "note": "",
            "created_at": starts - timedelta(days=7),
            "updated_at": starts,
        }
        for n, (customer_id, staff, service, starts, ends, status, source) in enumerate(rows)
    ]


def load_audience(engine: Engine, data: AudienceData) -> None:
    """Core bulk inserts of the audience data, then what the planner needs."""
    backend = engine.dialect.name
    with (
        engine.begin() as conn,
        audience_facts.lifted(conn),
        customer_categories.lifted(conn),
    ):
        # The visit counts and the audience facts follow each write by trigger; for a
        # million rows one recount afterwards is much faster than a million recounts
        # (the facts are recomputed when ``lifted`` ends, after the visits).
        customer_visits.drop_triggers(conn)
        with overlap_guard_lifted(conn):
            conn.execute(insert(m.Staff), data.staff)
            conn.execute(insert(m.Treatment), data.services)
            for chunk in chunks(data.customers):
                conn.execute(insert(m.Customer), chunk)
            for n, rows in enumerate(chunks(data.appointments, 50_000)):
                conn.execute(insert(m.Appointment), _appointment_dicts(rows, 1 + n * 50_000))
            for chunk in chunks(data.ledger):
                conn.execute(insert(m.ConsentLedgerEntry), chunk)
            for chunk in chunks(data.consent):
                conn.execute(insert(m.CustomerConsent), chunk)
            for chunk in chunks(data.outbox):
                conn.execute(insert(m.OutboxMessage), chunk)
        customer_visits.rebuild(conn)
        customer_visits.create_triggers(conn)
        if backend == "postgresql":  # the ids were given: move the sequences past them
            for table in SEQUENCED:
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT MAX(id) FROM {table}))"
                )
    if backend == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


# ---- the cached audience databases ------------------------------------------------------------
def schema_digest() -> str:
    digest = hashlib.sha256()
    for path in [
        ROOT / "desk_app/db/models.py",
        *sorted((ROOT / "desk_app/db/migrations/versions").glob("*.py")),
    ]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cache_key(customers: int, appointments: int) -> str:
    return f"{DATA_VERSION}-{customers}c-{appointments}a-{schema_digest()}"


@dataclass
class Built:
    url: str
    cached: bool
    generate_seconds: float = 0.0
    insert_seconds: float = 0.0


def _build(url: str, customers: int, appointments: int) -> tuple[float, float]:
    """Migrates and loads a database; seconds spent generating and inserting."""
    data, generate_seconds = data_for(customers, appointments)
    engine = create_database_engine(url)
    started = time.perf_counter()
    migrate.upgrade(engine)
    load_audience(engine, data)
    insert_seconds = time.perf_counter() - started
    engine.dispose()
    return generate_seconds, insert_seconds


def sqlite_database(customers: int, appointments: int, rebuild: bool) -> Built:
    directory = Path(tempfile.gettempdir()) / "salon-desk-bench"
    directory.mkdir(exist_ok=True)
    path = directory / f"{cache_key(customers, appointments)}.sqlite3"
    if path.exists() and not rebuild:
        return Built(f"sqlite:///{path}", cached=True)
    building = path.with_suffix(".building")
    for stale in (path, building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        stale.unlink(missing_ok=True)
    seconds = _build(f"sqlite:///{building}", customers, appointments)
    building.rename(path)
    return Built(f"sqlite:///{path}", False, *seconds)


def postgres_database(admin_url: str, customers: int, appointments: int, rebuild: bool) -> Built:
    digest = hashlib.sha256(cache_key(customers, appointments).encode()).hexdigest()[:12]
    name, building = f"bench_audience_{digest}", f"bench_audience_{digest}_building"
    url = _dsn(admin_url, name)
    with psycopg.connect(_dsn(admin_url), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and not rebuild:
            return Built(url, cached=True)
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{building}"')
    seconds = _build(_dsn(admin_url, building), customers, appointments)
    with psycopg.connect(_dsn(admin_url), autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    return Built(url, False, *seconds)


# ---- the chain-scale salon the window is started on ------------------------------------------
def chain_copy(customers: int, appointments: int, rebuild: bool) -> Path:
    """A copy of the cached audience database for benchmarks that start the app on it.

    The app writes at start (reminders queued by the automations, settings): the copy
    keeps the audience benchmarks' database as built. Made once per cache key."""
    built = sqlite_database(customers, appointments, rebuild)
    source = Path(make_url(built.url).database or "")
    target = source.with_name(f"chain-{source.name}")
    if target.exists() and not rebuild and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    partial = target.with_suffix(".partial")
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(partial)) as dst,
    ):
        src.backup(dst)
    partial.replace(target)
    return target
