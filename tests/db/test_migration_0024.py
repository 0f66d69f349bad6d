"""Revision 0024: SQLite's no-overlap triggers fire only on writes that can make an
overlap and read 24 hours of the (staff, start) index; the guarantee stays what it was on
both backends, the downgrade gives back the very triggers of revision 0001, and
PostgreSQL's exclusion constraint is left as it is."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, delete, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from desk_app.db import migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine
from tests.db.definitions import definitions

START = datetime(2026, 11, 2, 9, tzinfo=UTC)
DAY = timedelta(hours=24)  # scheduling.MAX_APPOINTMENT_LENGTH
MICRO = timedelta(microseconds=1)
ACTIVE = {"booked", "arrived", "done"}
STATUSES = ["booked", "arrived", "done", "no_show", "cancelled"]
TRIGGERS = ("appointments_no_overlap_insert", "appointments_no_overlap_update")
a = m.Appointment


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    with engine.begin() as c:
        c.execute(
            insert(m.Customer).values(
                id=1, first_name="Ida", last_name="Roth", first_name_key="ida", last_name_key="roth"
            )
        )
        c.execute(
            insert(m.Staff),
            [
                {"id": 1, "name": "Jörg", "role": "stylist"},
                {"id": 2, "name": "Mia", "role": "stylist"},
            ],
        )
        c.execute(insert(m.Treatment).values(id=1, name="Schnitt", minutes=30, price_cents=1))
    yield engine
    engine.dispose()


def _add(
    c: Connection, n: int, staff: int, starts: datetime, length: timedelta, status: str
) -> None:
    c.execute(
        insert(a).values(
            id=n,
            customer_id=1,
            staff_id=staff,
            service_id=1,
            starts_at=starts,
            ends_at=starts + length,
            status=status,
        )
    )


def _refused(engine: Engine, statement: Any) -> bool:
    """Whether the database refuses the write (the transaction is rolled back then)."""
    try:
        with engine.begin() as c:
            c.execute(statement)
    except DBAPIError:
        return True
    return False


def _rows(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as c:
        query = select(a.id, a.staff_id, a.starts_at, a.ends_at, a.status, a.notify)
        return [tuple(r) for r in c.execute(query.order_by(a.id))]


# ---- the migration ------------------------------------------------------------------------
def _guards(c: Connection) -> list[tuple[str, str]]:
    """The appointments' triggers (and, on PostgreSQL, constraints) as the database has them."""
    if c.dialect.name == "sqlite":
        return definitions(c, "appointments_")
    constraints = c.execute(
        text(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'appointments'::regclass ORDER BY conname"
        )
    )
    return definitions(c, "appointments_") + [(r[0], r[1]) for r in constraints]


def test_downgrade_restores_the_triggers_of_0001_and_postgresql_is_left_alone(
    engine: Engine,
) -> None:
    migrate.downgrade(engine, "0024")  # as 0024 left them (0025 changes them again)
    with engine.connect() as c:
        at_head = _guards(c)
    migrate.downgrade(engine, "0023")
    with engine.connect() as c:
        before = _guards(c)
    migrate.upgrade(engine, "0024")
    with engine.connect() as c:
        assert _guards(c) == at_head  # up again: the same
    if engine.dialect.name == "postgresql":
        assert before == at_head  # nothing to do there
        assert "ex_appointments_no_overlap" in dict(at_head)
        return
    initial = importlib.import_module("desk_app.db.migrations.versions.0001_initial_schema")
    written_by_0001 = {
        name: statement
        for statement in initial.SQLITE_GUARANTEES
        for name in TRIGGERS
        if f"TRIGGER {name} " in statement
    }
    assert {n: sql for n, sql in before if n in TRIGGERS} == written_by_0001
    changed = {n for n, sql in at_head if dict(before)[n] != sql}
    assert changed == set(TRIGGERS)  # the other triggers on appointments are untouched


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_triggers_read_a_bounded_range_of_the_staff_start_index(engine: Engine) -> None:
    """The triggers' query, with NEW's values as parameters, as SQLite plans it: the
    index range from 24 hours before the new start to the new end, not all the past.
    (As 0024 wrote them; test_migration_0025 checks 0025's the same way.)"""
    migrate.downgrade(engine, "0024")
    with engine.connect() as c:
        triggers = dict(definitions(c, "appointments_no_overlap"))
        assert set(triggers) == set(TRIGGERS)
        for name, sql in triggers.items():
            found = re.search(r"EXISTS \(\s*(SELECT .*?)\)\s*BEGIN", sql, re.DOTALL)
            assert found, name
            query = re.sub(r"NEW\.(\w+)", r":\1", found.group(1))
            values = {"staff_id": 1, "id": 1, "starts_at": str(START), "ends_at": str(START)}
            plan = [r[3] for r in c.execute(text(f"EXPLAIN QUERY PLAN {query}"), values)]
            assert plan == [
                "SEARCH a USING INDEX ix_appointments_staff_starts "
                "(staff_id=? AND starts_at>? AND starts_at<?)"
            ], name


# ---- the guarantee --------------------------------------------------------------------------
def test_no_update_of_any_column_makes_an_overlap(engine: Engine) -> None:
    """Staff 1 has a whole day from START (the longest an appointment can be). Each
    column that places an appointment is tried in turn; touching is fine."""
    with engine.begin() as c:
        _add(c, 1, 1, START, DAY, "booked")  # the whole day
        _add(c, 2, 1, START + DAY, timedelta(hours=1), "booked")  # touches its end
        _add(c, 3, 1, START + DAY + timedelta(hours=2), timedelta(hours=1), "arrived")
        _add(c, 4, 2, START + timedelta(hours=12), timedelta(hours=1), "booked")
        _add(c, 5, 1, START + timedelta(hours=1), timedelta(hours=1), "cancelled")
    kept = _rows(engine)
    refused = {
        # starts_at: one microsecond into the day-long appointment that began 24 h before
        "starts_at": update(a).where(a.id == 2).values(starts_at=START + DAY - MICRO),
        "ends_at": update(a).where(a.id == 2).values(ends_at=START + DAY + timedelta(hours=3)),
        "staff_id": update(a).where(a.id == 4).values(staff_id=1),
        "status": update(a).where(a.id == 5).values(status="booked"),
        "all at once": update(a)
        .where(a.id == 4)
        .values(staff_id=1, starts_at=START + DAY - MICRO, ends_at=START + DAY, status="done"),
        "insert": insert(a).values(
            id=6,
            customer_id=1,
            staff_id=1,
            service_id=1,
            starts_at=START + DAY - MICRO,
            ends_at=START + DAY + MICRO,
        ),
    }
    assert {what: _refused(engine, s) for what, s in refused.items()} == dict.fromkeys(
        refused, True
    )
    assert _rows(engine) == kept
    allowed = [
        update(a).where(a.id == 2).values(starts_at=START + DAY + timedelta(minutes=30)),
        update(a).where(a.id == 2).values(starts_at=START + DAY),  # touching again
        update(a).where(a.id == 5).values(status="no_show"),  # stays inactive
        update(a)
        .where(a.id == 4)
        .values(staff_id=1, starts_at=START + 2 * DAY, ends_at=START + 2 * DAY + MICRO),
        update(a).where(a.id == 1).values(status="arrived", notify=False),
        update(a).where(a.staff_id == 1).values(notify=True, note="alle"),
    ]
    assert [_refused(engine, s) for s in allowed] == [False] * len(allowed)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_row_that_the_length_triggers_let_last_a_second_longer_is_still_seen(
    engine: Engine,
) -> None:
    """Revision 0010's bound rounds a start of ".999999" up to the next second (SQLite's
    date functions keep milliseconds), so such a row may last 24 h and almost a second:
    a row starting inside that second still overlaps it."""
    edge = START + 3 * DAY - MICRO  # 08:59:59.999999
    with engine.begin() as c:
        _add(c, 1, 2, edge, DAY + timedelta(seconds=1) - MICRO, "booked")  # accepted by 0010
        _add(c, 2, 2, edge + 2 * DAY, timedelta(hours=1), "booked")
    inside = edge + DAY + timedelta(milliseconds=500)
    assert _refused(engine, update(a).where(a.id == 2).values(starts_at=inside))
    assert _refused(
        engine,
        insert(a).values(
            id=3, customer_id=1, staff_id=2, service_id=1, starts_at=inside, ends_at=inside + MICRO
        ),
    )
    assert not _refused(engine, update(a).where(a.id == 2).values(starts_at=edge + DAY + DAY / 24))


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_overlap_already_in_the_file_is_refused_only_when_it_would_take_time_anew(
    engine: Engine,
) -> None:
    """A file with an overlap from before the triggers (or written by hand). Decided:
    the counter can still switch notify, add a note and mark the appointment arrived or
    done; re-activating, moving or reassigning it into the overlap is refused. Before
    0024 every update of it was refused, even the notify switch."""
    with engine.begin() as c:
        saved = dict(definitions(c, "appointments_no_overlap"))
        for name in saved:
            c.exec_driver_sql(f"DROP TRIGGER {name}")
        _add(c, 1, 1, START, timedelta(hours=2), "booked")
        _add(c, 2, 1, START + timedelta(hours=1), timedelta(hours=2), "booked")  # overlaps 1
        _add(c, 3, 1, START + timedelta(hours=1), timedelta(hours=1), "cancelled")
        for sql in saved.values():
            c.exec_driver_sql(sql)
    notify = update(a).where(a.id == 2).values(notify=False, notify_set_at=START)
    migrate.downgrade(engine, "0023")
    assert _refused(engine, notify)  # as it was
    migrate.upgrade(engine)
    goes_through = [
        notify,
        update(a).where(a.id == 2).values(note="Kommt später", late_cancellation=False),
        update(a).where(a.id == 2).values(status="arrived"),
        update(a).where(a.id == 2).values(status="done"),
        update(a).where(a.id == 2).values(staff_id=1, starts_at=START + timedelta(hours=1)),
    ]
    assert [_refused(engine, s) for s in goes_through] == [False] * len(goes_through)
    refused = [
        update(a).where(a.id == 3).values(status="booked"),  # re-activated into it
        update(a).where(a.id == 2).values(starts_at=START + timedelta(minutes=90)),
        update(a).where(a.id == 2).values(ends_at=START + timedelta(hours=4)),
    ]
    assert [_refused(engine, s) for s in refused] == [True] * len(refused)
    # Cancelled and booked again: it takes its time anew, and the overlap refuses it.
    assert not _refused(engine, update(a).where(a.id == 2).values(status="cancelled"))
    assert _refused(engine, update(a).where(a.id == 2).values(status="booked"))
    # Given to someone free, then back: back into the overlap is refused.
    assert not _refused(engine, update(a).where(a.id == 1).values(staff_id=2))
    assert not _refused(engine, update(a).where(a.id == 2).values(status="booked"))
    assert _refused(engine, update(a).where(a.id == 1).values(staff_id=1))


# ---- the guarantee, tried at random against a model -----------------------------------------
@dataclass(frozen=True)
class Row:
    staff: int
    starts: datetime
    ends: datetime
    status: str


def _accepted(rows: dict[int, Row], n: int, new: Row) -> bool:
    """What the database must do: refuse a row that is not 0 < length <= 24 h, or that is
    active and overlaps another active row of the same staff."""
    if not new.starts < new.ends <= new.starts + DAY:
        return False
    return new.status not in ACTIVE or not any(
        other.staff == new.staff
        and other.status in ACTIVE
        and other.starts < new.ends
        and new.starts < other.ends
        for i, other in rows.items()
        if i != n
    )


# Moments on a half-hour grid over a day, some a microsecond early (the edges).
_MOMENTS = st.builds(
    lambda half_hours, early: START + timedelta(minutes=30 * half_hours) - early * MICRO,
    st.integers(0, 48),
    st.integers(0, 1),
)
_LENGTHS = st.sampled_from(
    [timedelta(minutes=30), timedelta(hours=2), timedelta(hours=13), DAY - MICRO, DAY]
)
_INSERT = st.tuples(
    st.just("insert"), st.sampled_from([1, 2]), _MOMENTS, _LENGTHS, st.sampled_from(STATUSES)
)
_STATUS = st.tuples(st.just("status"), st.integers(0, 20), st.sampled_from(STATUSES))
# Inserts and status changes weigh more: a re-activation into an overlap needs both.
_STEPS = st.lists(
    st.one_of(
        _INSERT,
        _INSERT,
        _STATUS,
        _STATUS,
        st.tuples(st.just("staff_id"), st.integers(0, 20), st.sampled_from([1, 2])),
        st.tuples(st.just("starts_at"), st.integers(0, 20), _MOMENTS),
        st.tuples(st.just("ends_at"), st.integers(0, 20), _MOMENTS),
        st.tuples(st.just("move"), st.integers(0, 20), _MOMENTS, _LENGTHS),
        st.tuples(st.just("notify"), st.integers(0, 20), st.booleans()),
    ),
    min_size=12,
    max_size=30,
)


def _planned(rows: dict[int, Row], step: tuple[Any, ...]) -> tuple[int, Row, Any] | None:
    """The row a step writes, its values afterwards, and the statement; None: no row."""
    kind = step[0]
    if kind == "insert":
        _, staff, starts, length, status = step
        n = max(rows, default=0) + 1
        values = {"staff_id": staff, "starts_at": starts, "ends_at": starts + length}
        statement = insert(a).values(id=n, customer_id=1, service_id=1, status=status, **values)
        return n, Row(staff, starts, starts + length, status), statement
    if not rows:
        return None
    n = sorted(rows)[step[1] % len(rows)]
    old = rows[n]
    new = {
        "staff_id": lambda: replace(old, staff=step[2]),
        "starts_at": lambda: replace(old, starts=step[2]),
        "ends_at": lambda: replace(old, ends=step[2]),
        "move": lambda: replace(old, starts=step[2], ends=step[2] + step[3]),
        "status": lambda: replace(old, status=step[2]),
        "notify": lambda: old,
    }[kind]()
    values: dict[str, Any] = {
        "staff_id": {"staff_id": new.staff},
        "starts_at": {"starts_at": new.starts},
        "ends_at": {"ends_at": new.ends},
        "move": {"starts_at": new.starts, "ends_at": new.ends},
        "status": {"status": new.status},
        "notify": {"notify": step[2]},
    }[kind]
    return n, new, update(a).where(a.id == n).values(**values)


@pytest.mark.parametrize("backend", ["sqlite"])
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=_STEPS)
def test_random_writes_are_refused_exactly_when_they_would_overlap(
    engine: Engine, steps: list[tuple[Any, ...]]
) -> None:
    with engine.begin() as c:
        c.execute(delete(a))
    rows: dict[int, Row] = {}
    for step in steps:
        planned = _planned(rows, step)
        if planned is None:
            continue
        n, new, statement = planned
        expected = _accepted(rows, n, new)
        assert _refused(engine, statement) == (not expected), (step, rows)
        if expected:
            rows[n] = new
    stored = {r[0]: Row(r[1], r[2], r[3], r[4]) for r in _rows(engine)}
    assert stored == rows
