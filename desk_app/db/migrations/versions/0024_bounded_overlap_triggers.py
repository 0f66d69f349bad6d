"""SQLite's no-overlap triggers fire only on writes that can make an overlap, and read a
short range of the (staff, start) index instead of all of the staff member's past.

Why: the triggers of revision 0001 ran on every UPDATE of an appointment (a notify switch,
"Erschienen", a late-cancellation flag, series columns) and looked for an overlap among
all of that staff member's appointments that start before the row ends: every
appointment they ever had. At chain scale (1,000,000 appointments) that was 70–120 ms per
update, at the counter and for each gateway event that touches an appointment.

Now:
- The update trigger fires ``UPDATE OF staff_id, starts_at, ends_at, status`` only: the
  guarantee depends on nothing else (an appointment has one time range, no phases).
- It checks only a row that can newly take time: one that is active after the update and
  was not before (a re-activated booking), or that changed its staff or time. A row that
  stays active where it was (booked → arrived → done) occupies nothing new, so it cannot
  make an overlap. Decided: on a file that already holds an overlap (written before the
  triggers, or by hand), such a status change, and any notify or note change, goes
  through; re-activating, moving or reassigning an overlapping row is refused as before.
- Both triggers read only appointments that start less than 24 hours (and a minute, see
  ``_BEFORE_ANY_OVERLAP``) before the new row: no appointment lasts longer (revision
  0010, MAX_APPOINTMENT_LENGTH), so one that starts earlier has ended before the new row
  starts. With that lower bound the query walks ``ix_appointments_staff_starts`` from
  (staff, start − 24 h 1 min) to (staff, end) instead of from the staff's first day.

PostgreSQL: nothing to do. Its exclusion constraint ``ex_appointments_no_overlap`` is
checked along its GiST index, and only for rows it concerns; this revision leaves it
as it is, and its upgrade and downgrade do nothing there.

Self-contained: the triggers' SQL is written out here, the old as revision 0001 made it
(the downgrade restores it exactly), the new with the 24 hours fixed as they were when
this was written.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

ACTIVE = "('booked', 'arrived', 'done')"
INSERT, UPDATE = "appointments_no_overlap_insert", "appointments_no_overlap_update"

# Exactly as revision 0001 created them (SQLite keeps the text as given, so the
# downgrade gives back the very same definitions).
_OLD = {
    INSERT: f"""CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
       WHEN NEW.status IN {ACTIVE} AND EXISTS (
         SELECT 1 FROM appointments a WHERE a.staff_id = NEW.staff_id
           AND a.status IN {ACTIVE} AND a.starts_at < NEW.ends_at AND NEW.starts_at < a.ends_at)
       BEGIN SELECT RAISE(ABORT, 'appointment_overlap'); END""",
    UPDATE: f"""CREATE TRIGGER appointments_no_overlap_update BEFORE UPDATE ON appointments
       WHEN NEW.status IN {ACTIVE} AND EXISTS (
         SELECT 1 FROM appointments a WHERE a.staff_id = NEW.staff_id AND a.id <> NEW.id
           AND a.status IN {ACTIVE} AND a.starts_at < NEW.ends_at AND NEW.starts_at < a.ends_at)
       BEGIN SELECT RAISE(ABORT, 'appointment_overlap'); END""",
}

# SQLite keeps UTC as text "YYYY-MM-DD HH:MM:SS.ffffff" (desk_sql.types.UTCDateTime),
# which compares correctly as text. The lower bound is NEW's start in whole seconds, a
# day and a minute earlier: whole seconds because SQLite's date functions round to the
# millisecond (".999999" would come back as the next second), and the minute because
# revision 0010's length triggers compute their bound that same way, so a row with such
# a start may last up to a second longer than 24 hours. A minute more to read costs
# nothing; missing a row would let an overlap through.
_BEFORE_ANY_OVERLAP = (
    "strftime('%Y-%m-%d %H:%M:%S', substr(NEW.starts_at, 1, 19), '-1 day', '-1 minute')"
)
# An active appointment of the same staff that overlaps NEW, read along the (staff_id,
# starts_at) index from (a minute more than) 24 hours before NEW starts to NEW's end.
_OVERLAPPING = f"""SELECT 1 FROM appointments a WHERE a.staff_id = NEW.staff_id{{other}}
           AND a.starts_at > {_BEFORE_ANY_OVERLAP} AND a.starts_at < NEW.ends_at
           AND NEW.starts_at < a.ends_at AND a.status IN {ACTIVE}"""

_NEW = {
    INSERT: f"""CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
       WHEN NEW.status IN {ACTIVE} AND EXISTS (
         {_OVERLAPPING.format(other="")})
       BEGIN SELECT RAISE(ABORT, 'appointment_overlap'); END""",
    UPDATE: f"""CREATE TRIGGER appointments_no_overlap_update
       BEFORE UPDATE OF staff_id, starts_at, ends_at, status ON appointments
       WHEN NEW.status IN {ACTIVE}
         AND (OLD.status NOT IN {ACTIVE} OR NEW.staff_id IS NOT OLD.staff_id
              OR NEW.starts_at IS NOT OLD.starts_at OR NEW.ends_at IS NOT OLD.ends_at)
         AND EXISTS (
         {_OVERLAPPING.format(other=" AND a.id <> NEW.id")})
       BEGIN SELECT RAISE(ABORT, 'appointment_overlap'); END""",
}


def _replace(triggers: dict[str, str]) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL keeps its exclusion constraint (see above)
    for name, statement in triggers.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(statement)


def upgrade() -> None:
    _replace(_NEW)


def downgrade() -> None:
    _replace(_OLD)
