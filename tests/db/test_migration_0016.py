"""Revision 0016 (the salon-wide count of PINs typed alone): one row at most, never a
negative count, and the revision goes down and up again cleanly, on both backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError

from desk_app.db import migrate
from desk_app.db.engine import create_database_engine


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


def test_the_counter_has_one_row_and_goes_down_and_up(engine: Engine) -> None:
    with engine.begin() as c:
        c.execute(text("INSERT INTO pin_entry_counter (id, failed_attempts) VALUES (1, 2)"))
    with pytest.raises(IntegrityError), engine.begin() as c:
        c.execute(text("INSERT INTO pin_entry_counter (id, failed_attempts) VALUES (2, 0)"))
    with pytest.raises(IntegrityError), engine.begin() as c:
        c.execute(text("UPDATE pin_entry_counter SET failed_attempts = -1"))
    migrate.downgrade(engine, "0015")
    assert "pin_entry_counter" not in inspect(engine).get_table_names()
    migrate.upgrade(engine)
    with engine.connect() as c:
        assert c.scalar(text("SELECT count(*) FROM pin_entry_counter")) == 0
