"""A condition "this column is one of these ids" with the ids as one parameter.

Thousands of ids as separate parameters cost more to bind (and, with psycopg, to parse
out of the statement text) than the statement takes to run: PostgreSQL gets one array,
SQLite one JSON list it reads with ``json_each``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Integer, any_, bindparam, func, select
from sqlalchemy.dialects import postgresql


def one_of(column: Any, ids: Sequence[int], dialect: str, name: str) -> ColumnElement[bool]:
    """``column IN ids`` for ``dialect`` ("postgresql" or "sqlite"); ``name``: the
    parameter's (unique within the statement)."""
    condition: ColumnElement[bool]
    if dialect == "postgresql":
        condition = column == any_(bindparam(name, list(ids), type_=postgresql.ARRAY(Integer)))
        return condition
    listed = func.json_each(bindparam(name, json.dumps(list(ids)))).table_valued("value")
    condition = column.in_(select(listed.c.value))
    return condition
