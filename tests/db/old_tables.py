"""Tables as older revisions have them, for tests that write rows below the head.

Core's ``insert(m.Appointment)`` (or ``m.Treatment``) fills every column the model gives
a default, also the ones a later revision added, which a database downgraded below it
does not have.
"""

from __future__ import annotations

from sqlalchemy import MetaData, Table

from desk_app.db import models as m
from desk_app.db.models import Base

# Columns of appointments and the revision that added them.
_APPOINTMENT_COLUMNS_ADDED = {
    "late_cancellation": "0022",
    "series_id": "0023",
    "series_index": "0023",
    "processing_starts_at": "0025",
    "processing_ends_at": "0025",
}
# Columns of salon_services and the revision that added them.
_SERVICE_COLUMNS_ADDED = {
    "processing_after_minutes": "0025",
    "processing_minutes": "0025",
}


def appointments_at(revision: str) -> Table:
    """The appointments table as ``revision`` has it: the model's columns (types and
    defaults) without those added after it."""
    return _as_of(m.Appointment, _APPOINTMENT_COLUMNS_ADDED, revision)


def services_at(revision: str) -> Table:
    """The salon_services table as ``revision`` has it."""
    return _as_of(m.Treatment, _SERVICE_COLUMNS_ADDED, revision)


def _as_of(model: type[Base], added: dict[str, str], revision: str) -> Table:
    columns = (
        column._copy()
        for column in model.__table__.columns
        if added.get(column.name, "0000") <= revision
    )
    return Table(model.__tablename__, MetaData(), *columns)
