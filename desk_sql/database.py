"""The unit of work: how application code reaches the database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desk_sql.engine import WRITE_OPTIONS, create_database_engine
from desk_sql.errors import known_storage_errors

__all__ = ["Database", "create_database_engine"]


class Database:
    """The unit of work factory handed to services.

    ``read()`` for queries; ``write()`` for changes: commits when the block ends
    normally, rolls back on any exception.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(**WRITE_OPTIONS), expire_on_commit=False
        )

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with known_storage_errors(), self._read() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with known_storage_errors(), self._write() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
