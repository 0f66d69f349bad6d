"""Measuring helpers the benchmarks share: timing, recording the SQL a call sends and
replaying it without SQLAlchemy, query plans, the machine a report was measured on."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event

Statements = list[tuple[str, Any]]


class StatementRecorder:
    """The SQL a service call sends, to replay it without SQLAlchemy."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements: Statements = []
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        self.statements.append((statement, parameters))

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    """Milliseconds the call took, and its result."""
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def replay(raw_connection: Any, statements: Statements, backend: str) -> float:
    """Milliseconds the recorded queries take on the DB-API connection (the SQL floor).
    Transaction control is left out: the raw connection has its own."""
    cursor = raw_connection.cursor()
    started = time.perf_counter()
    for statement, parameters in statements:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            cursor.execute(statement, parameters)
            cursor.fetchall()
    elapsed = (time.perf_counter() - started) * 1000
    cursor.close()
    if backend == "postgresql":
        raw_connection.rollback()
    return elapsed


def explain(engine: Engine, statement: str, parameters: Any, analyze: bool = False) -> str:
    """The plan: EXPLAIN QUERY PLAN on SQLite, EXPLAIN (with ANALYZE, BUFFERS) on PostgreSQL."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
            lines = [f"{row[3]}  (id={row[0]} parent={row[1]})" for row in cursor.fetchall()]
        else:
            options = "(ANALYZE, BUFFERS) " if analyze else ""
            cursor.execute(f"EXPLAIN {options}{statement}", parameters)
            lines = [row[0] for row in cursor.fetchall()]
            raw.rollback()
        cursor.close()
    finally:
        raw.close()
    return "\n".join(line if len(line) <= 160 else line[:157] + "…" for line in lines)


def machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
