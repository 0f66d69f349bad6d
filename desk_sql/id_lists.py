"""A list of ids as one statement parameter: ``column IN ids`` that binds once.

``column.in_(ids)`` sends a parameter per id and makes a statement text per list length.
With a few dozen or a thousand ids the binding costs more than the query takes to run,
and on PostgreSQL psycopg neither caches the conversion of such long statements nor
prepares them (a new text each time). Here the ids travel as one value: a PostgreSQL
array (``= ANY``, which the B-tree also walks in id order) or a JSON list on SQLite
(``json_each``, from which SQLite probes the index id by id). Short texts (refs, client
ids) travel the same way (``among_texts``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Integer, String, bindparam, cast, exists, func, select
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.expression import any_

Column = ColumnElement[int] | QueryableAttribute[int]


def among_ids(column: Column, ids: Iterable[int], dialect: str) -> ColumnElement[bool]:
    """``column IN ids`` for the session's dialect name (``"postgresql"`` or ``"sqlite"``)."""
    if dialect == "postgresql":
        return column == any_(_pg_array(ids))
    return column.in_(select(_json_list(ids).c.value))


def among_texts(
    column: ColumnElement[str] | QueryableAttribute[str], values: Iterable[str], dialect: str
) -> ColumnElement[bool]:
    """``column IN values`` for short texts (refs, client ids), bound once as ``among_ids``."""
    listed = sorted(set(values))
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return column == any_(bindparam(None, listed, type_=postgresql.ARRAY(String)))
    return column.in_(select(_json_texts(listed).c.value))


def not_among_ids(column: Column, ids: Iterable[int], dialect: str) -> ColumnElement[bool]:
    """``column NOT IN ids``. Not ``~among_ids``: on PostgreSQL ``NOT (id = ANY(array))``
    tests every row against the whole array (9,000 shared-address ids × 200,000 customers:
    34 s for one page of the composer's "left out"); an anti-join on the unnested array
    takes 0.2 s."""
    if dialect == "postgresql":
        listed = func.unnest(_pg_array(ids)).table_valued("id").render_derived()
        return ~exists().where(listed.c.id == column)
    return column.not_in(select(_json_list(ids).c.value))


def _pg_array(ids: Iterable[int]) -> ColumnElement[Any]:
    # Imported here: the dialect module is loaded on PostgreSQL anyway, and a SQLite
    # counter's start-up should not pay for it.
    from sqlalchemy.dialects import postgresql

    # The array as its text, cast on the server: psycopg would otherwise run a regular
    # expression over every element of a Python list (quoting).
    text = "{" + ",".join(str(int(v)) for v in sorted(set(ids))) + "}"
    return cast(bindparam(None, text, type_=String), postgresql.ARRAY(Integer))


def _json_texts(values: list[str]) -> Any:
    return func.json_each(bindparam(None, json.dumps(values))).table_valued("value")


def _json_list(ids: Iterable[int]) -> Any:
    return func.json_each(bindparam(None, json.dumps(sorted(set(ids))))).table_valued("value")
