"""A list of ids as one parameter (``among_ids``) selects exactly those rows, and times come
back as aware UTC on both backends (PostgreSQL sessions run in UTC)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import insert, select

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_sql.id_lists import among_ids, not_among_ids


def _staff(db: Database, count: int) -> list[int]:
    with db.write() as s:
        s.execute(
            insert(m.Staff),
            [{"name": f"Stylist {n:03d}", "role": "stylist"} for n in range(count)],
        )
    with db.read() as s:
        return list(s.scalars(select(m.Staff.id).order_by(m.Staff.id)))


def _among(db: Database, ids: list[int]) -> list[int]:
    with db.read() as s:
        condition = among_ids(m.Staff.id, ids, db.backend)
        return list(s.scalars(select(m.Staff.id).where(condition).order_by(m.Staff.id)))


def test_among_ids_selects_exactly_the_listed_rows(db: Database) -> None:
    ids = _staff(db, 120)
    chosen = ids[::7]

    assert _among(db, list(reversed(chosen)) + chosen[:3]) == chosen  # any order, repeats
    assert _among(db, [ids[5]]) == [ids[5]]
    assert _among(db, ids) == ids
    assert _among(db, [max(ids) + 1, max(ids) + 2]) == []
    assert _among(db, []) == []


def test_not_among_ids_selects_exactly_the_other_rows(db: Database) -> None:
    ids = _staff(db, 120)
    chosen = ids[::7]

    def not_among(listed: list[int]) -> list[int]:
        with db.read() as s:
            condition = not_among_ids(m.Staff.id, listed, db.backend)
            return list(s.scalars(select(m.Staff.id).where(condition).order_by(m.Staff.id)))

    assert not_among(list(reversed(chosen)) + chosen[:3]) == [i for i in ids if i not in chosen]
    assert not_among(ids) == []
    assert not_among([]) == ids
    assert not_among([max(ids) + 1]) == ids


def test_times_come_back_in_utc_itself(db: Database, backend: str) -> None:
    berlin_evening = datetime(2026, 3, 29, 23, 30, tzinfo=timezone(timedelta(hours=2)))
    with db.write() as s:
        s.execute(
            insert(m.Staff), [{"name": "Anna", "role": "stylist", "created_at": berlin_evening}]
        )
    with db.read() as s:
        created = s.scalars(select(m.Staff.created_at)).one()

    assert created == berlin_evening
    assert created.tzinfo is UTC
    assert (created.hour, created.minute) == (21, 30)
    if backend == "postgresql":  # the session's zone, whatever the server's own
        with db.read() as s:
            assert s.connection().exec_driver_sql("SHOW TimeZone").scalar() == "UTC"
