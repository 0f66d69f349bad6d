"""Initial schema, with the database-level guarantees the rules depend on:

- the consent ledger refuses UPDATE and DELETE (triggers on both backends);
- one staff member never has two overlapping active appointments (exclusion
  constraint on PostgreSQL, triggers on SQLite).

Revision ID: 0001
Revises:
Create Date: 2026-11-27 16:52:47.529036
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent_statements",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_consent_statements")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=36), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("first_name_key", sa.String(length=80), nullable=False),
        sa.Column("last_name_key", sa.String(length=80), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("email_bounced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("phone_digits", sa.String(length=20), nullable=True),
        sa.Column("phone_bounced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("birthday", sa.Date(), nullable=True),
        sa.Column("street", sa.String(length=120), nullable=False),
        sa.Column("postal_code", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=80), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("preferred_channel", sa.String(length=8), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("objection_notice_given", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("ref", name=op.f("uq_customers_ref")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index("ix_customers_email", ["email"], unique=False)
        batch_op.create_index("ix_customers_first_name_key", ["first_name_key"], unique=False)
        batch_op.create_index("ix_customers_last_name_key", ["last_name_key"], unique=False)
        batch_op.create_index("ix_customers_phone", ["phone"], unique=False)
        batch_op.create_index("ix_customers_phone_digits", ["phone_digits"], unique=False)

    op.create_table(
        "opening_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Time(), nullable=False),
        sa.Column("closes", sa.Time(), nullable=False),
        sa.CheckConstraint("opens < closes", name=op.f("ck_opening_hours_opens_before_closes")),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_opening_hours_weekday_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opening_hours")),
    )
    op.create_table(
        "salon_services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("price_cents", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("colour", sa.String(length=9), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("minutes > 0", name=op.f("ck_salon_services_minutes_positive")),
        sa.CheckConstraint("price_cents >= 0", name=op.f("ck_salon_services_price_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_salon_services")),
        sa.UniqueConstraint("name", name=op.f("uq_salon_services_name")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("colour", sa.String(length=9), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("name", name=op.f("uq_staff_name")),
    )
    op.create_table(
        "absences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint("starts_at < ends_at", name=op.f("ck_absences_starts_before_ends")),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_absences_staff_id_staff"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absences")),
    )
    with op.batch_alter_table("absences", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_absences_staff_id"), ["staff_id"], unique=False)

    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("notify", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("starts_at < ends_at", name=op.f("ck_appointments_starts_before_ends")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_appointments_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["salon_services.id"],
            name=op.f("fk_appointments_service_id_salon_services"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_appointments_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
    )
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_appointments_customer", ["customer_id", "starts_at"], unique=False
        )
        batch_op.create_index(
            "ix_appointments_staff_starts", ["staff_id", "starts_at"], unique=False
        )

    op.create_table(
        "consent_ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=True),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=True),
        sa.Column("staff", sa.String(length=80), nullable=True),
        sa.Column("request_id", sa.String(length=36), nullable=True),
        sa.Column("statement_version", sa.String(length=32), nullable=True),
        sa.Column("statement_sha256", sa.String(length=64), nullable=True),
        sa.Column("address", sa.String(length=254), nullable=True),
        sa.Column("ip", sa.String(length=45), nullable=True),
        sa.Column("user_agent", sa.String(length=400), nullable=True),
        sa.Column("message_id", sa.String(length=120), nullable=True),
        sa.Column("gateway_seq", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_consent_ledger_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["statement_sha256"],
            ["consent_statements.sha256"],
            name=op.f("fk_consent_ledger_statement_sha256_consent_statements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_ledger")),
    )
    with op.batch_alter_table("consent_ledger", schema=None) as batch_op:
        batch_op.create_index("ix_consent_ledger_customer", ["customer_id", "id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_consent_ledger_request_id"), ["request_id"], unique=False
        )

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=True),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=True),
        sa.Column("not_after", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_outbox_appointment_id_appointments"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_outbox_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("client_id", name=op.f("uq_outbox_client_id")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_customer", ["customer_id", "created_at"], unique=False)
        batch_op.create_index("ix_outbox_status", ["status", "id"], unique=False)

    op.create_table(
        "customer_name_terms",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_name_terms_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", "term", name=op.f("pk_customer_name_terms")),
    )
    op.create_index("ix_customer_name_terms_term", "customer_name_terms", ["term"])
    _create_guarantees()


def downgrade() -> None:
    _drop_guarantees()
    op.drop_index("ix_customer_name_terms_term", table_name="customer_name_terms")
    op.drop_table("customer_name_terms")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_status")
        batch_op.drop_index("ix_outbox_customer")

    op.drop_table("outbox")
    with op.batch_alter_table("consent_ledger", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_ledger_request_id"))
        batch_op.drop_index("ix_consent_ledger_customer")

    op.drop_table("consent_ledger")
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_index("ix_appointments_staff_starts")
        batch_op.drop_index("ix_appointments_customer")

    op.drop_table("appointments")
    with op.batch_alter_table("absences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_absences_staff_id"))

    op.drop_table("absences")
    op.drop_table("staff")
    op.drop_table("settings")
    op.drop_table("salon_services")
    op.drop_table("opening_hours")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index("ix_customers_phone_digits")
        batch_op.drop_index("ix_customers_phone")
        batch_op.drop_index("ix_customers_last_name_key")
        batch_op.drop_index("ix_customers_first_name_key")
        batch_op.drop_index("ix_customers_email")

    op.drop_table("customers")
    op.drop_table("consent_statements")


ACTIVE = "('booked', 'arrived', 'done')"

SQLITE_GUARANTEES = [
    """CREATE TRIGGER consent_ledger_no_update BEFORE UPDATE ON consent_ledger
       BEGIN SELECT RAISE(ABORT, 'consent_ledger is append-only'); END""",
    """CREATE TRIGGER consent_ledger_no_delete BEFORE DELETE ON consent_ledger
       BEGIN SELECT RAISE(ABORT, 'consent_ledger is append-only'); END""",
    f"""CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
       WHEN NEW.status IN {ACTIVE} AND EXISTS (
         SELECT 1 FROM appointments a WHERE a.staff_id = NEW.staff_id
           AND a.status IN {ACTIVE} AND a.starts_at < NEW.ends_at AND NEW.starts_at < a.ends_at)
       BEGIN SELECT RAISE(ABORT, 'appointment_overlap'); END""",
    f"""CREATE TRIGGER appointments_no_overlap_update BEFORE UPDATE ON appointments
       WHEN NEW.status IN {ACTIVE} AND EXISTS (
         SELECT 1 FROM appointments a WHERE a.staff_id = NEW.staff_id AND a.id <> NEW.id
           AND a.status IN {ACTIVE} AND a.starts_at < NEW.ends_at AND NEW.starts_at < a.ends_at)
       BEGIN SELECT RAISE(ABORT, 'appointment_overlap'); END""",
]

POSTGRES_GUARANTEES = [
    """CREATE FUNCTION consent_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'consent_ledger is append-only'; END $$""",
    """CREATE TRIGGER consent_ledger_no_change BEFORE UPDATE OR DELETE ON consent_ledger
       FOR EACH ROW EXECUTE FUNCTION consent_ledger_append_only()""",
    """CREATE TRIGGER consent_ledger_no_truncate BEFORE TRUNCATE ON consent_ledger
       FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_append_only()""",
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE appointments ADD CONSTRAINT ex_appointments_no_overlap
       EXCLUDE USING gist (staff_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
       WHERE (status IN {ACTIVE})""",
]


def _create_guarantees() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_GUARANTEES if dialect == "sqlite" else POSTGRES_GUARANTEES:
        op.execute(statement)


def _drop_guarantees() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in (
            "consent_ledger_no_update",
            "consent_ledger_no_delete",
            "appointments_no_overlap_insert",
            "appointments_no_overlap_update",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("ALTER TABLE appointments DROP CONSTRAINT IF EXISTS ex_appointments_no_overlap")
        op.execute("DROP TRIGGER IF EXISTS consent_ledger_no_change ON consent_ledger")
        op.execute("DROP TRIGGER IF EXISTS consent_ledger_no_truncate ON consent_ledger")
        op.execute("DROP FUNCTION IF EXISTS consent_ledger_append_only()")
