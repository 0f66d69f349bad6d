"""Tables as older revisions have them, for tests that write rows below the head.

Core's ``insert(m.Appointment)`` fills every column the model gives a default, also the
ones a later revision added, which a database downgraded below it does not have.
"""

from __future__ import annotations

from sqlalchemy import MetaData, Table

from desk_app.db import models as m

# Columns of appointments and the revision that added them.
_APPOINTMENT_COLUMNS_ADDED = {
    "late_cancellation": "0022",
    "series_id": "0023",
    "series_index": "0023",
    "processing_starts_at": "0025",
    "processing_ends_at": "0025",
}


def appointments_at(revision: str) -> Table:
    """The appointments table as ``revision`` has it: the model's columns (types and
    defaults) without those added after it."""
    columns = (
        column._copy()
        for column in m.Appointment.__table__.columns
        if _APPOINTMENT_COLUMNS_ADDED.get(column.name, "0000") <= revision
    )
    return Table("appointments", MetaData(), *columns)
