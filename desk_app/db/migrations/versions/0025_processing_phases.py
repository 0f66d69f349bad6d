"""Processing time (Einwirkzeit): a service may have work, processing, work; two active
appointments of one staff member may overlap, but never in a working phase.

Why (issue 14): during a colour's processing the stylist's hands are free for another
customer whose working phases fit into the gap. Until now the database refused any
overlap of two whole appointments.

Schema:
- ``salon_services.processing_after_minutes`` and ``processing_minutes``: where a
  service's processing lies (0 and 0: none, one working phase as before).
- ``appointments.processing_starts_at`` and ``processing_ends_at``: the processing phase
  as laid out when it was booked (NULL and NULL: none), so a changed service never moves
  an existing booking. Both NULL or both set, strictly inside the appointment
  (``starts_at < processing_starts_at < processing_ends_at < ends_at``): work before and
  after. Existing appointments keep NULL: one working interval, their whole time.

The guarantee, from the stored columns of each row alone (no second table to keep in
step): an appointment's working intervals are [starts_at, processing_starts_at) and
[processing_ends_at, ends_at), or [starts_at, ends_at) without processing; two active
appointments of one staff member must not have intersecting working intervals.
- PostgreSQL: the exclusion constraint ``ex_appointments_no_work_overlap`` over the
  multirange of the two working intervals (``&&`` on ``tstzmultirange``, GiST, with
  btree_gist for the staff), replacing ``ex_appointments_no_overlap``; a CHECK for the
  shape. Being a constraint it also holds for two writers committing at the same moment.
- SQLite: revision 0024's two triggers, with the same names, fire also on the processing
  columns and refuse only an intersection of working intervals (4 pairs of intervals);
  they still read only 24 hours of the (staff, start) index. Two triggers refuse a bad
  shape. SQLite writes one transaction at a time, so triggers see every committed row.

Downgrade: the old triggers/constraint come back exactly and the columns go. On
PostgreSQL it is refused (``PhasesInUse``, in words) while two active appointments of one
staff member overlap (one booked into another's processing): the old constraint could not
be created. SQLite's triggers of 0024 live with an overlap already in the file (they
refuse only a write that takes time anew, see 0024), so the downgrade goes through there.

Self-contained: every statement is written out here.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

ACTIVE = "('booked', 'arrived', 'done')"
INSERT, UPDATE = "appointments_no_overlap_insert", "appointments_no_overlap_update"
SHAPE_INSERT, SHAPE_UPDATE = "appointments_phases_insert", "appointments_phases_update"
OLD_EXCLUSION, NEW_EXCLUSION = "ex_appointments_no_overlap", "ex_appointments_no_work_overlap"
SHAPE_CHECK = "ck_appointments_processing_inside"

# ---- SQLite -------------------------------------------------------------------------------
# As revision 0024 left them (the downgrade gives them back exactly).
_BEFORE_ANY_OVERLAP = (
    "strftime('%Y-%m-%d %H:%M:%S', substr(NEW.starts_at, 1, 19), '-1 day', '-1 minute')"
)
_OVERLAPPING_0024 = f"""SELECT 1 FROM appointments a WHERE a.staff_id = NEW.staff_id{{other}}
           AND a.starts_at > {_BEFORE_ANY_OVERLAP} AND a.starts_at < NEW.ends_at
           AND NEW.starts_at < a.ends_at AND a.status IN {ACTIVE}"""
_OLD = {
    INSERT: f"""CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
       WHEN NEW.status IN {ACTIVE} AND EXISTS (
         {_OVERLAPPING_0024.format(other="")})
       BEGIN SELECT RAISE(ABORT, 'appointment_overlap'); END""",
    UPDATE: f"""CREATE TRIGGER appointments_no_overlap_update
       BEFORE UPDATE OF staff_id, starts_at, ends_at, status ON appointments
       WHEN NEW.status IN {ACTIVE}
         AND (OLD.status NOT IN {ACTIVE} OR NEW.staff_id IS NOT OLD.staff_id
              OR NEW.starts_at IS NOT OLD.starts_at OR NEW.ends_at IS NOT OLD.ends_at)
         AND EXISTS (
         {_OVERLAPPING_0024.format(other=" AND a.id <> NEW.id")})
       BEGIN SELECT RAISE(ABORT, 'appointment_overlap'); END""",
}


def _working(row: str) -> list[tuple[str, str]]:
    """A row's two working intervals as SQL (the second empty without processing)."""
    return [
        (f"{row}.starts_at", f"COALESCE({row}.processing_starts_at, {row}.ends_at)"),
        (f"COALESCE({row}.processing_ends_at, {row}.ends_at)", f"{row}.ends_at"),
    ]


def _intersect(x: tuple[str, str], y: tuple[str, str]) -> str:
    # Half-open, and neither empty (an empty interval meets nothing).
    return f"({x[0]} < {y[1]} AND {y[0]} < {x[1]} AND {x[0]} < {x[1]} AND {y[0]} < {y[1]})"


_WORK_MEETS = "\n             OR ".join(
    _intersect(x, y) for x in _working("NEW") for y in _working("a")
)
# 0024's bounded range of the index, then the working intervals of the rows found there.
_OVERLAPPING = f"""{_OVERLAPPING_0024}
           AND ({_WORK_MEETS})"""
_NEW = {
    INSERT: f"""CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
       WHEN NEW.status IN {ACTIVE} AND EXISTS (
         {_OVERLAPPING.format(other="")})
       BEGIN SELECT RAISE(ABORT, 'appointment_overlap'); END""",
    UPDATE: f"""CREATE TRIGGER appointments_no_overlap_update
       BEFORE UPDATE OF staff_id, starts_at, ends_at, status, processing_starts_at,
         processing_ends_at ON appointments
       WHEN NEW.status IN {ACTIVE}
         AND (OLD.status NOT IN {ACTIVE} OR NEW.staff_id IS NOT OLD.staff_id
              OR NEW.starts_at IS NOT OLD.starts_at OR NEW.ends_at IS NOT OLD.ends_at
              OR NEW.processing_starts_at IS NOT OLD.processing_starts_at
              OR NEW.processing_ends_at IS NOT OLD.processing_ends_at)
         AND EXISTS (
         {_OVERLAPPING.format(other=" AND a.id <> NEW.id")})
       BEGIN SELECT RAISE(ABORT, 'appointment_overlap'); END""",
}

# Spelled out with IS NOT NULL: a comparison with NULL is NULL, and a trigger's WHEN (or a
# CHECK) that is NULL lets the row through.
_BAD_SHAPE = """NOT ((NEW.processing_starts_at IS NULL AND NEW.processing_ends_at IS NULL)
         OR (NEW.processing_starts_at IS NOT NULL AND NEW.processing_ends_at IS NOT NULL
             AND NEW.starts_at < NEW.processing_starts_at
             AND NEW.processing_starts_at < NEW.processing_ends_at
             AND NEW.processing_ends_at < NEW.ends_at))"""
_SHAPE = {
    SHAPE_INSERT: f"""CREATE TRIGGER appointments_phases_insert BEFORE INSERT ON appointments
       WHEN {_BAD_SHAPE}
       BEGIN SELECT RAISE(ABORT, 'appointment_phases'); END""",
    SHAPE_UPDATE: f"""CREATE TRIGGER appointments_phases_update
       BEFORE UPDATE OF starts_at, ends_at, processing_starts_at, processing_ends_at
         ON appointments
       WHEN {_BAD_SHAPE}
       BEGIN SELECT RAISE(ABORT, 'appointment_phases'); END""",
}

# ---- PostgreSQL ---------------------------------------------------------------------------
_OLD_EXCLUSION = f"""ALTER TABLE appointments ADD CONSTRAINT {OLD_EXCLUSION}
       EXCLUDE USING gist (staff_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
       WHERE (status IN {ACTIVE})"""
_NEW_EXCLUSION = f"""ALTER TABLE appointments ADD CONSTRAINT {NEW_EXCLUSION}
       EXCLUDE USING gist (
         staff_id WITH =,
         tstzmultirange(
           tstzrange(starts_at, COALESCE(processing_starts_at, ends_at), '[)'),
           tstzrange(COALESCE(processing_ends_at, ends_at), ends_at, '[)')
         ) WITH &&)
       WHERE (status IN {ACTIVE})"""
_SHAPE_CHECK = f"""ALTER TABLE appointments ADD CONSTRAINT {SHAPE_CHECK} CHECK (
       (processing_starts_at IS NULL AND processing_ends_at IS NULL)
       OR (processing_starts_at IS NOT NULL AND processing_ends_at IS NOT NULL
           AND starts_at < processing_starts_at AND processing_starts_at < processing_ends_at
           AND processing_ends_at < ends_at))"""

# Two active appointments of one staff member whose whole times overlap: allowed from
# this revision on (one inside the other's processing), impossible before it.
_OVERLAPS_OF_WHOLE_TIMES = f"""SELECT count(*) FROM appointments a JOIN appointments b
    ON a.staff_id = b.staff_id AND a.id < b.id
   AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
   WHERE a.status IN {ACTIVE} AND b.status IN {ACTIVE}"""


class PhasesInUse(RuntimeError):
    """The downgrade would break revision 0024's guarantee."""


def upgrade() -> None:
    # Plain ADD COLUMN (no batch): a rebuild of appointments on SQLite would drop its
    # triggers and trip the foreign keys pointing at it (see revision 0010).
    for column in ("processing_after_minutes", "processing_minutes"):
        op.add_column(
            "salon_services", sa.Column(column, sa.Integer, nullable=False, server_default="0")
        )
    op.add_column("appointments", sa.Column("processing_starts_at", UTCDateTime, nullable=True))
    op.add_column("appointments", sa.Column("processing_ends_at", UTCDateTime, nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        for name, statement in {**_NEW, **_SHAPE}.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            op.execute(statement)
    else:
        op.execute(f"ALTER TABLE appointments DROP CONSTRAINT {OLD_EXCLUSION}")
        op.execute(_NEW_EXCLUSION)
        op.execute(_SHAPE_CHECK)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    overlaps = 0 if sqlite else op.get_bind().execute(sa.text(_OVERLAPS_OF_WHOLE_TIMES)).scalar()
    if overlaps:
        raise PhasesInUse(
            f"{overlaps} pairs of active appointments share time through a processing "
            "phase; move or cancel them before going back below revision 0025"
        )
    if sqlite:
        for name in (*_NEW, *_SHAPE):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in _OLD.values():
            op.execute(statement)
    else:
        op.execute(f"ALTER TABLE appointments DROP CONSTRAINT {SHAPE_CHECK}")
        op.execute(f"ALTER TABLE appointments DROP CONSTRAINT {NEW_EXCLUSION}")
        op.execute(_OLD_EXCLUSION)
    # In place on SQLite 3.35+ (no rebuild) once no trigger refers to the columns.
    for column in ("processing_ends_at", "processing_starts_at"):
        op.drop_column("appointments", column)
    for column in ("processing_minutes", "processing_after_minutes"):
        op.drop_column("salon_services", column)
