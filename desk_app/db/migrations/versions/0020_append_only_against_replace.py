"""The append-only tables refuse SQLite's REPLACE too (issue 12's audit review).

``INSERT OR REPLACE`` with an id already in the table deletes the old row without
firing its delete trigger (SQLite fires delete triggers for REPLACE only when
``recursive_triggers`` is on), so the audit log's and the consent ledger's entries could
be rewritten. A BEFORE INSERT trigger now refuses an insert whose id is taken: a plain
INSERT would fail on the primary key anyway, so only the REPLACE changes behaviour.
The id is each table's only unique key, so no other conflict can make REPLACE delete.
PostgreSQL has no REPLACE; its upserts are updates and already refused.

Self-contained: its own SQL.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

_TABLES = ("audit_log", "consent_ledger")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in _TABLES:
        op.execute(
            f"""CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table}
               WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id)
               BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in _TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_replace")
