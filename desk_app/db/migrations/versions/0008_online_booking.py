"""Online booking: what may be booked online, staff hours, closures, booking refs, requests.

- ``salon_services.online`` / ``description`` and ``staff.online``: what the booking page
  offers (on by default, so a salon that switches online booking on offers its menu).
- ``staff_hours``: a staff member's weekly hours (none: the salon's opening hours).
- ``closures``: days the salon is closed (inclusive local dates).
- ``appointments.ref``: the booking's name towards the gateway (manage page, outcomes);
  existing appointments get one each. ``appointments.online_request_id``: the request it
  was booked from.
- ``online_requests``: every booking or change request the gateway reported, and what
  became of it.

No table is rebuilt (SQLite's batch copy would drop the appointments' no-overlap
triggers and trip the foreign keys of the rows pointing at them): columns are added and
dropped with plain ALTER TABLE on both backends.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_NOTIFIED = ("staff_hours", "closures", "online_requests")


def _switched_on(name: str) -> sa.Column[bool]:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.true())


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.add_column("salon_services", _switched_on("online"))
    op.add_column(
        "salon_services", sa.Column("description", sa.Text(), nullable=False, server_default="")
    )
    op.add_column("staff", _switched_on("online"))
    op.create_table(
        "staff_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Time(), nullable=False),
        sa.Column("closes", sa.Time(), nullable=False),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_staff_hours_weekday_range")),
        sa.CheckConstraint("opens < closes", name=op.f("ck_staff_hours_opens_before_closes")),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_staff_hours_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_hours")),
    )
    op.create_index(op.f("ix_staff_hours_staff_id"), "staff_hours", ["staff_id"])
    op.create_table(
        "closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint("starts_on <= ends_on", name=op.f("ck_closures_starts_before_ends")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closures")),
    )
    _add_appointment_refs(sqlite)
    op.create_table(
        "online_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("appointment_id", sa.Integer(), nullable=True),
        sa.Column("outcome_reported", sa.Boolean(), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_online_requests_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_online_requests_appointment_id_appointments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_online_requests")),
        sa.UniqueConstraint("request_id", name=op.f("uq_online_requests_request_id")),
    )
    op.create_index("ix_online_requests_state", "online_requests", ["state", "id"])
    if not sqlite:
        # Other counter PCs hear of new requests, hours and closures (see revision 0003).
        for table in _NOTIFIED:
            op.execute(
                f"""CREATE TRIGGER {table}_notify_change AFTER INSERT OR UPDATE OR DELETE
                    ON {table} FOR EACH STATEMENT EXECUTE FUNCTION desk_notify_change()"""
            )


def _add_appointment_refs(sqlite: bool) -> None:
    # Never by rebuilding the table on SQLite: the rows of other tables that point at
    # appointments would fail their foreign keys, and the no-overlap triggers would go.
    # SQLite takes a NOT NULL column only with a default ("", never kept: every row gets
    # its ref below and the application always writes one; a second "" breaks the unique
    # index).
    op.add_column(
        "appointments",
        sa.Column(
            "ref", sa.String(length=36), nullable=not sqlite, server_default="" if sqlite else None
        ),
    )
    op.add_column("appointments", sa.Column("online_request_id", sa.String(length=64)))
    appointments = sa.table("appointments", sa.column("id", sa.Integer), sa.column("ref"))
    bind = op.get_bind()
    for appointment_id in bind.execute(sa.select(appointments.c.id)).scalars().all():
        bind.execute(
            appointments.update()
            .where(appointments.c.id == appointment_id)
            .values(ref=str(uuid.uuid4()))
        )
    if sqlite:
        op.create_index(op.f("uq_appointments_ref"), "appointments", ["ref"], unique=True)
    else:
        op.alter_column("appointments", "ref", existing_type=sa.String(length=36), nullable=False)
        op.create_unique_constraint(op.f("uq_appointments_ref"), "appointments", ["ref"])


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.drop_index("ix_online_requests_state", table_name="online_requests")
    op.drop_table("online_requests")
    if sqlite:
        op.drop_index(op.f("uq_appointments_ref"), table_name="appointments")
    else:
        op.drop_constraint(op.f("uq_appointments_ref"), "appointments", type_="unique")
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+), no rebuild: see _add_appointment_refs.
    op.drop_column("appointments", "online_request_id")
    op.drop_column("appointments", "ref")
    op.drop_table("closures")
    op.drop_index(op.f("ix_staff_hours_staff_id"), table_name="staff_hours")
    op.drop_table("staff_hours")
    op.drop_column("staff", "online")
    op.drop_column("salon_services", "description")
    op.drop_column("salon_services", "online")
