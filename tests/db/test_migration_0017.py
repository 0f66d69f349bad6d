"""Revision 0017 (the command line's tokens): a token's hash is unique, it belongs to an
existing member and goes with them, it expires after it was issued, and the revision
goes down and up again cleanly on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, delete, insert, inspect, text
from sqlalchemy.exc import IntegrityError

from desk_app.db import migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine

AT = datetime(2026, 12, 4, 9, tzinfo=UTC)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


def _member(engine: Engine) -> int:
    with engine.begin() as c:
        key = c.execute(
            insert(m.Staff).values(name="Sabine", role="owner", active=True, online=False)
        ).inserted_primary_key
        assert key is not None
        return int(key[0])


def _token(engine: Engine, staff_id: int, digest: str, days: int = 30) -> None:
    with engine.begin() as c:
        c.execute(
            insert(m.StaffToken).values(
                staff_id=staff_id,
                token_sha256=digest,
                issued_by_id=staff_id,
                issued_by_name="Sabine",
                issued_at=AT,
                expires_at=AT + timedelta(days=days),
            )
        )


def _count(engine: Engine) -> int:
    with engine.connect() as c:
        return int(c.scalar(text("SELECT count(*) FROM staff_tokens")) or 0)


def test_tokens_are_unique_belong_to_a_member_and_expire_after_issue(engine: Engine) -> None:
    sabine = _member(engine)
    _token(engine, sabine, "a" * 64)
    with pytest.raises(IntegrityError):
        _token(engine, sabine, "a" * 64)  # the same hash twice
    with pytest.raises(IntegrityError):
        _token(engine, 999, "b" * 64)  # nobody's
    with pytest.raises(IntegrityError):
        _token(engine, sabine, "c" * 64, days=0)  # expired at its issue
    with engine.connect() as c:
        assert c.scalar(text("SELECT label FROM staff_tokens")) == ""
    with engine.begin() as c:
        c.execute(delete(m.Staff).where(m.Staff.id == sabine))
    assert _count(engine) == 0


def test_down_past_0017_and_up_again(engine: Engine) -> None:
    _token(engine, _member(engine), "a" * 64)
    # "0017-1": the revision 0017 follows, whatever it is chained on.
    migrate.downgrade(engine, "0017-1")
    assert "staff_tokens" not in inspect(engine).get_table_names()
    assert "staff" in inspect(engine).get_table_names()
    migrate.upgrade(engine)
    assert _count(engine) == 0
    _token(engine, 1, "d" * 64)
    assert _count(engine) == 1
