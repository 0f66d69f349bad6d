"""What both schemas share: constraint names and the clock of default timestamps.

Each application keeps its own ``Base`` (its own registry and metadata, so the two
schemas never mix) and builds its metadata here, so that constraint names follow one
convention in both.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import MetaData

# Stable constraint names keep Alembic diffs and SQLite batch migrations predictable;
# the migrations of both applications name their constraints by this convention.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def named_metadata() -> MetaData:
    """A fresh ``MetaData`` whose constraints are named by ``NAMING_CONVENTION``."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """The default of timestamp columns: aware UTC (``UTCDateTime`` refuses naive ones)."""
    return datetime.now(UTC)
