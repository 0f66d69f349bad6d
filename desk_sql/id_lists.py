"""A list of ids as one statement parameter: ``column IN ids`` that binds once.

``column.in_(ids)`` sends a parameter per id and makes a statement text per list length.
With a few dozen or a thousand ids the binding costs more than the query takes to run,
and on PostgreSQL psycopg neither caches the conversion of such long statements nor
prepares them (a new text each time). Here the ids travel as one value: a PostgreSQL
array (``= ANY``, which the B-tree also walks in id order) or a JSON list on SQLite
(``json_each``, from which SQLite probes the index id by id).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import ColumnElement, Integer, String, bindparam, cast, func, select
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.expression import any_


def among_ids(
    column: ColumnElement[int] | QueryableAttribute[int], ids: Iterable[int], dialect: str
) -> ColumnElement[bool]:
    """``column IN ids`` for the session's dialect name (``"postgresql"`` or ``"sqlite"``)."""
    values = sorted(set(ids))
    if dialect == "postgresql":
        # Imported here: the dialect module is loaded on PostgreSQL anyway, and a SQLite
        # counter's start-up should not pay for it.
        from sqlalchemy.dialects import postgresql

        # The array as its text, cast on the server: psycopg would otherwise run a
        # regular expression over every element of a Python list (quoting).
        text = "{" + ",".join(str(int(v)) for v in values) + "}"
        return column == any_(cast(bindparam(None, text, type_=String), postgresql.ARRAY(Integer)))
    listed = func.json_each(bindparam(None, json.dumps(values))).table_valued("value")
    return column.in_(select(listed.c.value))
