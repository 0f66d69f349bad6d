"""No appointment lasts longer than 24 hours (``scheduling.MAX_APPOINTMENT_LENGTH``).

Why: the calendar asks for the appointments touching a day (``starts_at < day end AND
ends_at > day start``). With no bound on the length, any earlier appointment might still
run into the day, so the database read every appointment before the day (all of them at
chain scale). With the bound, one that touches the day started less than 24 hours before
it, and the query reads a short range of the (staff, start) index.

The bound is a CHECK constraint on PostgreSQL. On SQLite, which cannot add a constraint
to a table without rebuilding it (the rebuild would drop the no-overlap and visit-count
triggers and trip the foreign keys pointing at appointments, see revision 0008), two
triggers refuse the same rows. The application refuses them first, with a sentence
(``AppointmentTooLong``).

Rows already longer (never bookable at the counter, but imported or written by hand) are
shortened to 24 hours from their start; the original end is kept in the note, so nothing
is lost and the salon can see what to correct. Shortening never creates an overlap.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

MAX_HOURS = 24  # scheduling.MAX_APPOINTMENT_LENGTH, fixed here as it was when written

# SQLite keeps UTC as text "YYYY-MM-DD HH:MM:SS.ffffff" (desk_sql.types.UTCDateTime):
# the same moment a day later in the same format compares correctly as text.
_SQLITE_DAY_LATER = "strftime('%Y-%m-%d %H:%M:%S', {start}, '+1 day') || substr({start}, 20)"
_SQLITE_TOO_LONG = f"{{row}}.ends_at > {_SQLITE_DAY_LATER.format(start='{row}.starts_at')}"
_SQLITE_TRIGGERS = {
    "appointments_at_most_a_day_insert": "BEFORE INSERT ON appointments",
    "appointments_at_most_a_day_update": "BEFORE UPDATE OF starts_at, ends_at ON appointments",
}
_POSTGRES_CHECK = "ck_appointments_at_most_a_day"

_appointments = sa.table(
    "appointments",
    sa.column("id", sa.Integer),
    sa.column("starts_at", UTCDateTime),
    sa.column("ends_at", UTCDateTime),
    sa.column("note", sa.Text),
)


def _too_long(sqlite: bool) -> sa.TextClause:
    if sqlite:
        return sa.text(_SQLITE_TOO_LONG.format(row="appointments"))
    return sa.text(f"appointments.ends_at - appointments.starts_at > interval '{MAX_HOURS} hours'")


def kept_end_note(note: str, original_end: datetime) -> str:
    """The note of a shortened appointment: what it said, then where it really ended.
    Both languages: a migration does not know whom the salon shows it to."""
    stamp = original_end.strftime("%Y-%m-%d %H:%M UTC")
    line = (
        f"Ende vor dem Update: {stamp} (auf {MAX_HOURS} Stunden gekürzt) / "
        f"end before the update: {stamp} (shortened to {MAX_HOURS} hours)"
    )
    return f"{note}\n{line}" if note else line


def _shorten_long_rows(sqlite: bool) -> None:
    bind = op.get_bind()
    a = _appointments
    long_rows = bind.execute(
        sa.select(a.c.id, a.c.starts_at, a.c.ends_at, a.c.note).where(_too_long(sqlite))
    ).all()
    for row_id, starts_at, ends_at, note in long_rows:
        bind.execute(
            a.update()
            .where(a.c.id == row_id)
            .values(
                ends_at=starts_at + timedelta(hours=MAX_HOURS),
                note=kept_end_note(note or "", ends_at),
            )
        )


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _shorten_long_rows(sqlite)
    if sqlite:
        too_long = _SQLITE_TOO_LONG.format(row="NEW")
        for name, when in _SQLITE_TRIGGERS.items():
            op.execute(
                f"""CREATE TRIGGER {name} {when} WHEN {too_long}
                    BEGIN SELECT RAISE(ABORT, 'appointment_too_long'); END"""
            )
    else:
        op.execute(
            f"""ALTER TABLE appointments ADD CONSTRAINT {_POSTGRES_CHECK}
                CHECK (ends_at - starts_at <= interval '{MAX_HOURS} hours')"""
        )


def downgrade() -> None:
    # The shortened rows stay shortened (their notes say where they ended).
    if op.get_bind().dialect.name == "sqlite":
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute(f"ALTER TABLE appointments DROP CONSTRAINT IF EXISTS {_POSTGRES_CHECK}")
