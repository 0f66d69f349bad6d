"""The campaign audience's read model: ``audience_facts``, one narrow row per customer
with what the selections and the exclusion reasons look at.

Counting an audience used to join ``customers`` (wide: names, keys, notes, address) with
``customer_consent``, ``customer_visits`` and an aggregate over the outbox for every
change of a filter: 1.6 s for 200,000 customers on SQLite. The facts are filled here from
those sources and from now on follow every write to them by database triggers, in the
same transaction (``desk_app.db.audience_facts`` explains them). On PostgreSQL the
visit recount of 0009 takes the customer's row lock from now on instead of an advisory
lock per customer.

The SQL is written out here as it was at this revision, not taken from
``desk_app.db.audience_facts``: a later revision that changes the facts changes that
module, and every new database still runs this one first.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# What the frequency cap counts: advertising the gateway did not refuse.
_COUNTED = "'marketing', 'similar_offer'"
_NOT_SENT = "'rejected', 'expired'"
_COLUMNS = (
    "customer_id, first_name, last_name, created_at, prefers_sms, email_address, phone, "
    "email_problem, sms_problem, objection_notice_given, birthday_md, objected, "
    "email_state, email_pending_until, email_basis, sms_state, sms_pending_until, "
    "sms_basis, appointments, visits, last_visit_at, last_ad_at"
)
_LAST_AD = (
    "(SELECT MAX(o.created_at) FROM outbox o WHERE o.customer_id = c.id "
    f"AND o.category IN ({_COUNTED}) AND o.status NOT IN ({_NOT_SENT}))"
)
_BIRTHDAY_MD = {
    "sqlite": "CAST(strftime('%m%d', c.birthday) AS INTEGER)",
    "postgresql": "CAST(EXTRACT(MONTH FROM c.birthday) * 100 + EXTRACT(DAY FROM c.birthday) "
    "AS INTEGER)",
}
_FALSE = {"sqlite": "0", "postgresql": "false"}


def _problem(address: str, usable: str, bounced: str, false: str) -> str:
    return (
        f"CASE WHEN {address} IS NULL OR {address} = '' THEN 'no_address' "
        f"WHEN {usable} = {false} THEN 'invalid_address' "
        f"WHEN {bounced} IS NOT NULL THEN 'bounced' END"
    )


def _facts_select(dialect: str) -> str:
    false = _FALSE[dialect]
    return (
        "SELECT c.id, c.first_name, c.last_name, c.created_at, "
        "CASE WHEN c.preferred_channel = 'sms' THEN 1 ELSE 0 END, "
        "lower(c.email), c.phone, "
        f"{_problem('c.email', 'c.email_valid', 'c.email_bounced_at', false)}, "
        f"{_problem('c.phone', 'c.phone_takes_sms', 'c.phone_bounced_at', false)}, "
        f"c.objection_notice_given, {_BIRTHDAY_MD[dialect]}, "
        f"COALESCE(cc.objected, {false}), COALESCE(cc.email_state, 'none'), "
        "cc.email_pending_until, cc.email_basis, "
        "COALESCE(cc.sms_state, 'none'), cc.sms_pending_until, cc.sms_basis, "
        "COALESCE(v.appointments, 0), COALESCE(v.visits, 0), v.last_visit_at, "
        f"{_LAST_AD} "
        "FROM customers c "
        "LEFT JOIN customer_consent cc ON cc.customer_id = c.id "
        "LEFT JOIN customer_visits v ON v.customer_id = c.id"
    )


_CUSTOMER_COLUMNS = (
    "first_name, last_name, created_at, preferred_channel, email, phone, email_valid, "
    "phone_takes_sms, email_bounced_at, phone_bounced_at, objection_notice_given, birthday"
)
_OUTBOX_COLUMNS = "customer_id, category, status, created_at"


def _counts(row: str) -> str:
    return f"({row}.category IN ({_COUNTED}) AND {row}.status NOT IN ({_NOT_SENT}))"


_MOVES_LAST_AD = (
    f"({_counts('OLD')} OR {_counts('NEW')}) AND NOT ({_counts('OLD')} AND {_counts('NEW')} "
    "AND OLD.customer_id = NEW.customer_id AND OLD.created_at = NEW.created_at)"
)
_NEWER_AD = (
    "UPDATE audience_facts SET last_ad_at = {row}.created_at "
    "WHERE customer_id = {row}.customer_id "
    "AND (last_ad_at IS NULL OR last_ad_at < {row}.created_at);"
)
_TRIGGERS = (
    ("audience_facts_customer_insert", "customers"),
    ("audience_facts_customer_update", "customers"),
    ("audience_facts_customer_delete", "customers"),
    ("audience_facts_consent_insert", "customer_consent"),
    ("audience_facts_consent_update", "customer_consent"),
    ("audience_facts_consent_delete", "customer_consent"),
    ("audience_facts_visits_insert", "customer_visits"),
    ("audience_facts_visits_update", "customer_visits"),
    ("audience_facts_visits_delete", "customer_visits"),
    ("audience_facts_outbox_insert", "outbox"),
    ("audience_facts_outbox_update", "outbox"),
    ("audience_facts_outbox_delete", "outbox"),
)


def _refresh_sqlite(who: str) -> str:
    return (
        f"INSERT OR REPLACE INTO audience_facts ({_COLUMNS}) "
        f"{_facts_select('sqlite')} WHERE c.id = {who};"
    )


def _ad_sqlite(row: str) -> str:
    return (
        "UPDATE audience_facts SET last_ad_at = "
        f"{_LAST_AD.replace('c.id', 'audience_facts.customer_id')} "
        f"WHERE customer_id = {row}.customer_id;"
    )


def _sqlite_triggers() -> list[str]:
    new = _refresh_sqlite("NEW.id")
    return [
        f"CREATE TRIGGER audience_facts_customer_insert AFTER INSERT ON customers BEGIN {new} END",
        f"CREATE TRIGGER audience_facts_customer_update "
        f"AFTER UPDATE OF {_CUSTOMER_COLUMNS} ON customers BEGIN {new} END",
        "CREATE TRIGGER audience_facts_customer_delete AFTER DELETE ON customers "
        "BEGIN DELETE FROM audience_facts WHERE customer_id = OLD.id; END",
        f"CREATE TRIGGER audience_facts_consent_insert AFTER INSERT ON customer_consent "
        f"BEGIN {_refresh_sqlite('NEW.customer_id')} END",
        f"CREATE TRIGGER audience_facts_consent_update AFTER UPDATE ON customer_consent "
        f"BEGIN {_refresh_sqlite('OLD.customer_id')} {_refresh_sqlite('NEW.customer_id')} END",
        f"CREATE TRIGGER audience_facts_consent_delete AFTER DELETE ON customer_consent "
        f"BEGIN {_refresh_sqlite('OLD.customer_id')} END",
        f"CREATE TRIGGER audience_facts_visits_insert AFTER INSERT ON customer_visits "
        f"BEGIN {_refresh_sqlite('NEW.customer_id')} END",
        f"CREATE TRIGGER audience_facts_visits_update AFTER UPDATE ON customer_visits "
        f"BEGIN {_refresh_sqlite('OLD.customer_id')} {_refresh_sqlite('NEW.customer_id')} END",
        f"CREATE TRIGGER audience_facts_visits_delete AFTER DELETE ON customer_visits "
        f"BEGIN {_refresh_sqlite('OLD.customer_id')} END",
        f"CREATE TRIGGER audience_facts_outbox_insert AFTER INSERT ON outbox "
        f"WHEN {_counts('NEW')} BEGIN {_NEWER_AD.format(row='NEW')} END",
        f"CREATE TRIGGER audience_facts_outbox_update AFTER UPDATE OF {_OUTBOX_COLUMNS} "
        f"ON outbox WHEN {_MOVES_LAST_AD} BEGIN {_ad_sqlite('OLD')} {_ad_sqlite('NEW')} END",
        f"CREATE TRIGGER audience_facts_outbox_delete AFTER DELETE ON outbox "
        f"WHEN {_counts('OLD')} BEGIN {_ad_sqlite('OLD')} END",
    ]


_POSTGRESQL_FUNCTIONS = [
    f"""CREATE FUNCTION audience_facts_refresh(cid integer) RETURNS void
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
          PERFORM 1 FROM customers WHERE id = cid FOR NO KEY UPDATE;
          INSERT INTO audience_facts ({_COLUMNS})
            {_facts_select("postgresql")} WHERE c.id = cid
          ON CONFLICT (customer_id) DO UPDATE SET
            {", ".join(f"{col} = EXCLUDED.{col}" for col in _COLUMNS.split(", ")[1:])};
        END $$""",
    f"""CREATE FUNCTION audience_facts_last_ad(cid integer) RETURNS void
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
          PERFORM 1 FROM customers WHERE id = cid FOR NO KEY UPDATE;
          UPDATE audience_facts SET last_ad_at =
            {_LAST_AD.replace("c.id", "cid")} WHERE customer_id = cid;
        END $$""",
    """CREATE FUNCTION audience_facts_follow_customer() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN PERFORM audience_facts_refresh(NEW.id); RETURN NULL; END $$""",
    """CREATE FUNCTION audience_facts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' THEN PERFORM audience_facts_refresh(OLD.customer_id); END IF;
          IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE'
              AND NEW.customer_id IS DISTINCT FROM OLD.customer_id) THEN
            PERFORM audience_facts_refresh(NEW.customer_id);
          END IF;
          RETURN NULL;
        END $$""",
    f"""CREATE FUNCTION audience_facts_follow_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            -- The lock too: a recompute waiting for it must see this message.
            PERFORM 1 FROM customers WHERE id = NEW.customer_id FOR NO KEY UPDATE;
            {_NEWER_AD.format(row="NEW")}
          ELSE
            PERFORM audience_facts_last_ad(OLD.customer_id);
            IF TG_OP = 'UPDATE' AND NEW.customer_id IS DISTINCT FROM OLD.customer_id THEN
              PERFORM audience_facts_last_ad(NEW.customer_id);
            END IF;
          END IF;
          RETURN NULL;
        END $$""",
    """CREATE OR REPLACE FUNCTION customer_visits_recount(cid integer) RETURNS void
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
          PERFORM 1 FROM customers WHERE id = cid FOR NO KEY UPDATE;
          DELETE FROM customer_visits WHERE customer_id = cid;
          INSERT INTO customer_visits (customer_id, appointments, visits, last_visit_at)
            SELECT cid, COUNT(*), SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END),
                   MAX(CASE WHEN status = 'done' THEN starts_at END)
            FROM appointments WHERE customer_id = cid HAVING COUNT(*) > 0;
        END $$""",
]
_POSTGRESQL_DROP_FUNCTIONS = [
    "DROP FUNCTION IF EXISTS audience_facts_follow_outbox()",
    "DROP FUNCTION IF EXISTS audience_facts_follow()",
    "DROP FUNCTION IF EXISTS audience_facts_follow_customer()",
    "DROP FUNCTION IF EXISTS audience_facts_last_ad(integer)",
    "DROP FUNCTION IF EXISTS audience_facts_refresh(integer)",
]


def _postgresql_triggers() -> list[str]:
    when = {
        ("outbox", "insert"): f" WHEN {_counts('NEW')}",
        ("outbox", "update"): f" WHEN ({_MOVES_LAST_AD})",
        ("outbox", "delete"): f" WHEN {_counts('OLD')}",
    }
    statements = []
    for name, table in _TRIGGERS:
        kind = name.rsplit("_", 1)[1]
        if table == "customers":
            if kind == "delete":
                continue  # the foreign key's ON DELETE CASCADE
            event = (
                f"AFTER UPDATE OF {_CUSTOMER_COLUMNS} ON customers"
                if kind == "update"
                else "AFTER INSERT ON customers"
            )
            function = "audience_facts_follow_customer"
        elif table == "outbox":
            event = (
                f"AFTER UPDATE OF {_OUTBOX_COLUMNS} ON outbox"
                if kind == "update"
                else f"AFTER {kind.upper()} ON outbox"
            )
            function = "audience_facts_follow_outbox"
        else:
            event = f"AFTER {kind.upper()} ON {table}"
            function = "audience_facts_follow"
        statements.append(
            f"CREATE TRIGGER {name} {event} FOR EACH ROW{when.get((table, kind), '')} "
            f"EXECUTE FUNCTION {function}()"
        )
    return statements


# 0009's recount, put back on downgrade.
_ADVISORY_RECOUNT = """CREATE OR REPLACE FUNCTION customer_visits_recount(cid integer)
    RETURNS void LANGUAGE sql VOLATILE AS $$
      SELECT pg_advisory_xact_lock(-175249989, cid);
      DELETE FROM customer_visits WHERE customer_id = cid;
      INSERT INTO customer_visits (customer_id, appointments, visits, last_visit_at)
        SELECT cid, COUNT(*), SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END),
               MAX(CASE WHEN status = 'done' THEN starts_at END)
        FROM appointments WHERE customer_id = cid HAVING COUNT(*) > 0;
    $$"""


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "audience_facts",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("prefers_sms", sa.Integer(), nullable=False),
        sa.Column("email_address", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("email_problem", sa.String(length=40), nullable=True),
        sa.Column("sms_problem", sa.String(length=40), nullable=True),
        sa.Column("objection_notice_given", sa.Boolean(), nullable=False),
        sa.Column("birthday_md", sa.Integer(), nullable=True),
        sa.Column("objected", sa.Boolean(), nullable=False),
        sa.Column("email_state", sa.String(length=12), nullable=False),
        sa.Column("email_pending_until", UTCDateTime(), nullable=True),
        sa.Column("email_basis", sa.String(length=36), nullable=True),
        sa.Column("sms_state", sa.String(length=12), nullable=False),
        sa.Column("sms_pending_until", UTCDateTime(), nullable=True),
        sa.Column("sms_basis", sa.String(length=36), nullable=True),
        sa.Column("appointments", sa.Integer(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("last_visit_at", UTCDateTime(), nullable=True),
        sa.Column("last_ad_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_audience_facts_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_audience_facts")),
    )
    sqlite = bind.dialect.name == "sqlite"
    # Driver SQL, run as written (no parameters to bind).
    if not sqlite:
        for statement in _POSTGRESQL_FUNCTIONS:
            bind.exec_driver_sql(statement)
    bind.exec_driver_sql(
        f"INSERT INTO audience_facts ({_COLUMNS}) {_facts_select(bind.dialect.name)}"
    )
    # The addresses several customers share (sent once) are found along these.
    op.create_index("ix_audience_facts_email_address", "audience_facts", ["email_address"])
    op.create_index("ix_audience_facts_phone", "audience_facts", ["phone"])
    for statement in _sqlite_triggers() if sqlite else _postgresql_triggers():
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    for name, table in _TRIGGERS:
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}" + ("" if sqlite else f" ON {table}"))
    if not sqlite:
        for statement in _POSTGRESQL_DROP_FUNCTIONS:
            bind.exec_driver_sql(statement)
        op.execute(_ADVISORY_RECOUNT)
    op.drop_table("audience_facts")
