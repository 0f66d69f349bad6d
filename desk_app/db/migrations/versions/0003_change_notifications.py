"""Tell other counter PCs about changes: PostgreSQL NOTIFY on every write to shared tables.

SQLite needs nothing here: readers notice other connections' commits through
``PRAGMA data_version``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHANNEL = "desk_changes"
TABLES = (
    "appointments",
    "customers",
    "consent_ledger",
    "outbox",
    "absences",
    "staff",
    "salon_services",
    "opening_hours",
    "settings",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"""CREATE FUNCTION desk_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME); RETURN NULL; END $$"""
    )
    for table in TABLES:
        # Once per statement, not per row: a bulk import sends one notification.
        op.execute(
            f"""CREATE TRIGGER {table}_notify_change AFTER INSERT OR UPDATE OR DELETE
                ON {table} FOR EACH STATEMENT EXECUTE FUNCTION desk_notify_change()"""
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_notify_change ON {table}")
    op.execute("DROP FUNCTION IF EXISTS desk_notify_change()")
