"""Values as SQLAlchemy would hand them to the driver, for statements sent as plain SQL.

The bulk writers (campaign queue, gateway events) send their rows to the driver without
SQLAlchemy's per-row, per-column bind processing, which at tens of thousands of rows cost
more than the database's own work. A value they share across rows, or a column whose
type needs converting (JSON, times), still goes through the column type's processor:
once here, not once per row there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Column, Dialect


def processor(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The column type's bind processor on ``dialect`` (None: values go as they are)."""
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def bound(column: Column[Any], value: object, dialect: Dialect) -> object:
    """``value`` as SQLAlchemy would hand it to the driver for ``column``."""
    process = processor(column, dialect)
    return value if value is None or process is None else process(value)
