"""The audience's read model knows which customers share an address with another.

Only a customer whose email (any case) or phone number another customer has too can be
left out as a duplicate ("the same address twice gets the message once"). The counts
found the duplicates by counting distinct addresses over every customer reached – a sort
of 90,000–200,000 addresses on each change of a filter, spilling to disk on PostgreSQL –
and every page of reasons first collected the customers with a shared address (two
grouped passes over both address indexes, 0.3–0.7 s on PostgreSQL at chain scale).
``audience_facts`` now keeps it per customer and channel (``email_shared``,
``phone_shared``), written with the rest of the row and, when a customer's address
comes, changes or goes, for everyone else holding that address.

On PostgreSQL the flags of an address are recomputed only under a transaction-scoped
advisory lock on that address (taken after the customer's row lock and before any row of
``audience_facts``, sorted; nothing of the address is stored): two counter PCs giving
two customers the same address at once wait for each other, and the later one sees the
earlier one's customer.

Self-contained: the SQL of the facts is written out here as it is at this revision
(``desk_app.db.audience_facts`` says what it is at head; tests/db/test_migration_0012.py
and test_migration_0021.py hold the two together); the downgrade puts back 0019's.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

_COUNTED = "'marketing', 'similar_offer'"
_NOT_SENT = "'rejected', 'expired'"
_BASE_COLUMNS = (
    "customer_id, first_name, last_name, created_at, prefers_sms, email_address, phone, "
    "email_problem, sms_problem, objection_notice_given, birthday_md, objected, "
    "email_state, email_pending_until, email_basis, sms_state, sms_pending_until, "
    "sms_basis, appointments, visits, last_visit_at, last_ad_at"
)
_OUTCOME_COLUMNS = (
    "outcome_marketing_email",
    "outcome_marketing_sms",
    "outcome_marketing_best",
    "outcome_service_info_email",
    "outcome_service_info_sms",
    "outcome_service_info_best",
    "outcome_similar_offer_email",
    "outcome_similar_offer_sms",
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
_TRUE = {"sqlite": "1", "postgresql": "true"}

# The outcome codes of this revision: the channels, then the reasons in their order.
_CODES = {
    name: code
    for code, name in enumerate(
        (
            "email",
            "sms",
            "objected",
            "channel_not_allowed",
            "no_address",
            "invalid_address",
            "bounced",
            "not_existing_customer",
            "no_objection_notice",
            "consent_revoked",
            "consent_expired",
            "consent_pending",
            "no_consent",
            "frequency_cap",
            "quiet_hours",
            "duplicate_address",
        )
    )
}
_ADDRESS = {
    "email": ("c.email", "c.email_valid", "c.email_bounced_at", "cc.email_state"),
    "sms": ("c.phone", "c.phone_takes_sms", "c.phone_bounced_at", "cc.sms_state"),
}
_MARKETING_CONSENT = (
    ("revoked", "consent_revoked"),
    ("expired", "consent_expired"),
    ("pending", "consent_pending"),
    ("none", "no_consent"),
)


def _problem(address: str, usable: str, bounced: str, false: str) -> str:
    return (
        f"CASE WHEN {address} IS NULL OR {address} = '' THEN 'no_address' "
        f"WHEN {usable} = {false} THEN 'invalid_address' "
        f"WHEN {bounced} IS NOT NULL THEN 'bounced' END"
    )


def _reason(category: str, channel: str, dialect: str) -> str:
    false, true = _FALSE[dialect], _TRUE[dialect]
    address, usable, bounced, state_column = _ADDRESS[channel]
    state = f"COALESCE({state_column}, 'none')"
    whens = [(f"COALESCE(cc.objected, {false}) = {true}", "objected")]
    if category == "similar_offer" and channel != "email":
        whens.append(("1 = 1", "channel_not_allowed"))
    whens += [
        (f"{address} IS NULL OR {address} = ''", "no_address"),
        (f"{usable} = {false}", "invalid_address"),
        (f"{bounced} IS NOT NULL", "bounced"),
    ]
    if category == "service_info":
        whens.append(("COALESCE(v.appointments, 0) = 0", "not_existing_customer"))
    if category == "similar_offer":
        whens += [
            ("COALESCE(v.visits, 0) = 0", "not_existing_customer"),
            (f"c.objection_notice_given = {false}", "no_objection_notice"),
            (f"{state} = 'revoked'", "consent_revoked"),
        ]
    if category == "marketing":
        whens += [(f"{state} = '{s}'", reason) for s, reason in _MARKETING_CONSENT]
    cases = " ".join(f"WHEN {when} THEN {_CODES[r]}" for when, r in whens)
    return f"CASE {cases} END"


def _outcome(category: str, choice: str, dialect: str) -> str:
    email_code, sms_code = _CODES["email"], _CODES["sms"]
    if choice == "sms":
        return f"COALESCE({_reason(category, 'sms', dialect)}, {sms_code})"
    email = _reason(category, "email", dialect)
    if choice == "email" or category == "similar_offer":
        return f"COALESCE({email}, {email_code})"
    sms = _reason(category, "sms", dialect)
    sms_first = "c.preferred_channel = 'sms'"
    if category == "marketing":
        email_state = "COALESCE(cc.email_state, 'none')"
        sms_state = "COALESCE(cc.sms_state, 'none')"
        sms_first = (
            f"CASE WHEN {email_state} = 'confirmed' AND {sms_state} <> 'confirmed' THEN 0 "
            f"WHEN {sms_state} = 'confirmed' AND {email_state} <> 'confirmed' THEN 1 "
            f"WHEN {sms_first} THEN 1 ELSE 0 END = 1"
        )
    return (
        f"CASE WHEN ({sms_first}) AND {sms} IS NULL THEN {sms_code} "
        f"WHEN {email} IS NULL THEN {email_code} WHEN {sms} IS NULL THEN {sms_code} "
        f"WHEN {sms_first} THEN {sms} ELSE {email} END"
    )


def _outcomes(dialect: str) -> str:
    return ", ".join(
        _outcome(column.split("_", 1)[1].rsplit("_", 1)[0], column.rsplit("_", 1)[1], dialect)
        for column in _OUTCOME_COLUMNS
    )


_FLAG_COLUMNS = ("email_shared", "phone_shared")
# How the duplicate rule compares addresses: the email in lower case, the phone as written.
_SAME = {"email": ("lower({x}.email)", "lower(o.email)"), "sms": ("{x}.phone", "o.phone")}


def _columns(shared: bool) -> str:
    return (
        _BASE_COLUMNS
        + ", "
        + ", ".join(_OUTCOME_COLUMNS)
        + (", " + ", ".join(_FLAG_COLUMNS) if shared else "")
    )


def _shared(channel: str, customer: str) -> str:
    mine, theirs = (part.format(x=customer) for part in _SAME[channel])
    column = "email" if channel == "email" else "phone"
    return (
        f"({customer}.{column} IS NOT NULL AND {customer}.{column} <> '' AND EXISTS "
        f"(SELECT 1 FROM customers o WHERE {theirs} = {mine} AND o.id <> {customer}.id))"
    )


def _share(row: str) -> str:
    statements = []
    for channel, (flag, raw) in {
        "email": ("email_shared", "email"),
        "sms": ("phone_shared", "phone"),
    }.items():
        mine, theirs = (part.format(x=row) for part in _SAME[channel])
        statements.append(
            f"UPDATE audience_facts SET {flag} = (SELECT {_shared(channel, 'c')} "
            "FROM customers c WHERE c.id = audience_facts.customer_id) "
            f"WHERE customer_id IN (SELECT o.id FROM customers o WHERE {theirs} = {mine} "
            f"AND o.id <> {row}.id) AND {row}.{raw} <> '';"
        )
    return " ".join(statements)


def _facts_select(dialect: str, shared: bool) -> str:
    false = _FALSE[dialect]
    flags = f", {_shared('email', 'c')}, {_shared('sms', 'c')}" if shared else ""
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
        f"{_LAST_AD}, {_outcomes(dialect)}{flags} "
        "FROM customers c "
        "LEFT JOIN customer_consent cc ON cc.customer_id = c.id "
        "LEFT JOIN customer_visits v ON v.customer_id = c.id"
    )


_CUSTOMER_COLUMNS = (
    "first_name, last_name, created_at, preferred_channel, email, phone, email_valid, "
    "phone_takes_sms, email_bounced_at, phone_bounced_at, objection_notice_given, birthday"
)
# The SQLite triggers this revision makes again (the others keep only ``last_ad_at``).
_SQLITE_REMADE = (
    "audience_facts_customer_insert",
    "audience_facts_customer_update",
    "audience_facts_customer_delete",
    "audience_facts_customer_address",
    "audience_facts_consent_insert",
    "audience_facts_consent_update",
    "audience_facts_consent_delete",
    "audience_facts_visits_insert",
    "audience_facts_visits_update",
    "audience_facts_visits_delete",
)


def _sqlite_triggers(shared: bool) -> list[str]:
    def refresh(who: str) -> str:
        return (
            f"INSERT OR REPLACE INTO audience_facts ({_columns(shared)}) "
            f"{_facts_select('sqlite', shared)} WHERE c.id = {who};"
        )

    new = refresh("NEW.id")
    gone = "DELETE FROM audience_facts WHERE customer_id = OLD.id;"
    statements = []
    if shared:
        statements += [
            f"CREATE TRIGGER audience_facts_customer_insert AFTER INSERT ON customers "
            f"BEGIN {new} {_share('NEW')} END",
            "CREATE TRIGGER audience_facts_customer_address AFTER UPDATE OF email, phone "
            "ON customers WHEN OLD.email IS NOT NEW.email OR OLD.phone IS NOT NEW.phone "
            f"BEGIN {_share('OLD')} {_share('NEW')} END",
            "CREATE TRIGGER audience_facts_customer_delete AFTER DELETE ON customers "
            f"BEGIN {gone} {_share('OLD')} END",
        ]
    else:
        statements += [
            f"CREATE TRIGGER audience_facts_customer_insert AFTER INSERT ON customers "
            f"BEGIN {new} END",
            "CREATE TRIGGER audience_facts_customer_delete AFTER DELETE ON customers "
            f"BEGIN {gone} END",
        ]
    return statements + [
        f"CREATE TRIGGER audience_facts_customer_update "
        f"AFTER UPDATE OF {_CUSTOMER_COLUMNS} ON customers BEGIN {new} END",
        f"CREATE TRIGGER audience_facts_consent_insert AFTER INSERT ON customer_consent "
        f"BEGIN {refresh('NEW.customer_id')} END",
        f"CREATE TRIGGER audience_facts_consent_update AFTER UPDATE ON customer_consent "
        f"BEGIN {refresh('OLD.customer_id')} {refresh('NEW.customer_id')} END",
        f"CREATE TRIGGER audience_facts_consent_delete AFTER DELETE ON customer_consent "
        f"BEGIN {refresh('OLD.customer_id')} END",
        f"CREATE TRIGGER audience_facts_visits_insert AFTER INSERT ON customer_visits "
        f"BEGIN {refresh('NEW.customer_id')} END",
        f"CREATE TRIGGER audience_facts_visits_update AFTER UPDATE ON customer_visits "
        f"BEGIN {refresh('OLD.customer_id')} {refresh('NEW.customer_id')} END",
        f"CREATE TRIGGER audience_facts_visits_delete AFTER DELETE ON customer_visits "
        f"BEGIN {refresh('OLD.customer_id')} END",
    ]


def _address_keys(row: str) -> str:
    return f"ARRAY['email:' || lower({row}.email), 'sms:' || {row}.phone]"


_LOCK_ADDRESSES = """CREATE FUNCTION audience_facts_lock_addresses(keys text[]) RETURNS void
        LANGUAGE plpgsql VOLATILE AS $$
        DECLARE k text;
        BEGIN
          FOR k IN SELECT DISTINCT u FROM unnest(keys) u
                   WHERE u IS NOT NULL AND u NOT IN ('email:', 'sms:') ORDER BY u LOOP
            -- A transaction-scoped advisory lock per address (released at commit):
            -- nothing of the address is stored (an erased customer's address must
            -- not stay behind in a lock table). The one-bigint key space does not
            -- overlap desk_sql.locks' two-integer one.
            PERFORM pg_advisory_xact_lock(hashtextextended(k, 0));
          END LOOP;
        END $$"""


def _postgresql_refresh(shared: bool) -> str:
    columns = _columns(shared)
    lock = (
        f"""
          PERFORM audience_facts_lock_addresses({_address_keys("c")})
            FROM customers c WHERE c.id = cid;"""
        if shared
        else ""
    )
    return f"""CREATE OR REPLACE FUNCTION audience_facts_refresh(cid integer) RETURNS void
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
          PERFORM 1 FROM customers WHERE id = cid FOR NO KEY UPDATE;{lock}
          INSERT INTO audience_facts ({columns})
            {_facts_select("postgresql", shared)} WHERE c.id = cid
          ON CONFLICT (customer_id) DO UPDATE SET
            {", ".join(f"{col} = EXCLUDED.{col}" for col in columns.split(", ")[1:])};
        END $$"""


_FOLLOW_CUSTOMER_0012 = """CREATE OR REPLACE FUNCTION audience_facts_follow_customer()
        RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM audience_facts_refresh(NEW.id); RETURN NULL; END $$"""
_FOLLOW_CUSTOMER = f"""CREATE OR REPLACE FUNCTION audience_facts_follow_customer()
        RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE moved boolean := TG_OP = 'UPDATE'
          AND (OLD.email IS DISTINCT FROM NEW.email OR OLD.phone IS DISTINCT FROM NEW.phone);
        BEGIN
          IF TG_OP = 'DELETE' THEN  -- the row itself went with the foreign key
            PERFORM audience_facts_lock_addresses({_address_keys("OLD")});
            {_share("OLD")}
            RETURN NULL;
          END IF;
          IF moved THEN
            PERFORM audience_facts_lock_addresses(
              {_address_keys("OLD")} || {_address_keys("NEW")});
          END IF;
          PERFORM audience_facts_refresh(NEW.id);
          IF moved THEN {_share("OLD")} END IF;
          IF TG_OP = 'INSERT' OR moved THEN {_share("NEW")} END IF;
          RETURN NULL;
        END $$"""


def upgrade() -> None:
    for column in _FLAG_COLUMNS:
        op.add_column(
            "audience_facts",
            sa.Column(column, sa.Boolean(), nullable=False, server_default=sa.false()),
        )
    op.create_index(
        "ix_audience_facts_shared",
        "audience_facts",
        ["customer_id"],
        sqlite_where=sa.text("email_shared = 1 OR phone_shared = 1"),
        postgresql_where=sa.text("email_shared OR phone_shared"),
    )
    bind = op.get_bind()
    dialect = bind.dialect.name
    if dialect == "sqlite":
        for name in _SQLITE_REMADE:
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        for statement in _sqlite_triggers(shared=True):
            bind.exec_driver_sql(statement)
    else:
        bind.exec_driver_sql(_LOCK_ADDRESSES)
        bind.exec_driver_sql(_postgresql_refresh(shared=True))
        bind.exec_driver_sql(_FOLLOW_CUSTOMER)
        bind.exec_driver_sql(
            "CREATE TRIGGER audience_facts_customer_delete AFTER DELETE ON customers "
            "FOR EACH ROW EXECUTE FUNCTION audience_facts_follow_customer()"
        )
    # Every row's flags as the new triggers would write them (no trigger fires): the rows
    # hold every customer's address as the rule compares it.
    for flag, column in (("email_shared", "email_address"), ("phone_shared", "phone")):
        bind.exec_driver_sql(
            f"UPDATE audience_facts SET {flag} = {_TRUE[dialect]} WHERE {column} IN "
            f"(SELECT {column} FROM audience_facts WHERE {column} <> '' "
            f"GROUP BY {column} HAVING COUNT(*) > 1)"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in _SQLITE_REMADE:
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        for statement in _sqlite_triggers(shared=False):
            bind.exec_driver_sql(statement)
    else:
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS audience_facts_customer_delete ON customers")
        bind.exec_driver_sql(_FOLLOW_CUSTOMER_0012)
        bind.exec_driver_sql(_postgresql_refresh(shared=False))
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS audience_facts_lock_addresses(text[])")
    op.drop_index("ix_audience_facts_shared", table_name="audience_facts")
    for column in _FLAG_COLUMNS:
        op.drop_column("audience_facts", column)
