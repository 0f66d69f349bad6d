"""The audience's read model keeps each customer's outcome per campaign category and
channel choice.

Counting an audience decided every customer's reasons anew on every change of a filter:
some twenty comparisons per channel and customer, 200,000 customers, 0.3–0.45 s on
SQLite and PostgreSQL at chain scale. What a campaign does with a customer depends, but
for what moves with the clock (a pending declaration expires, the frequency cap counts
the last 30 days), only on the customer's own facts: ``audience_facts`` now keeps it, as
a small number (the channel or the reason, ``domain.audience_outcomes.OUTCOMES``), in
one column per category and channel choice, recomputed with the rest of the row by the
same triggers. The reader decides anew only the few customers the clock can change.

Self-contained: the SQL of the facts is written out here as it is at this revision
(``desk_app.db.audience_facts`` says what it is at head, and tests/db/
test_migration_0019.py holds the two together); the downgrade puts back 0012's.

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0017"
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


def _columns(outcomes: bool) -> str:
    return _BASE_COLUMNS + (", " + ", ".join(_OUTCOME_COLUMNS) if outcomes else "")


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


def _facts_select(dialect: str, outcomes: bool) -> str:
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
        f"{_LAST_AD}{', ' + _outcomes(dialect) if outcomes else ''} "
        "FROM customers c "
        "LEFT JOIN customer_consent cc ON cc.customer_id = c.id "
        "LEFT JOIN customer_visits v ON v.customer_id = c.id"
    )


_CUSTOMER_COLUMNS = (
    "first_name, last_name, created_at, preferred_channel, email, phone, email_valid, "
    "phone_takes_sms, email_bounced_at, phone_bounced_at, objection_notice_given, birthday"
)
# The triggers that recompute a whole row (the others keep only ``last_ad_at``).
_RECOMPUTING = (
    ("audience_facts_customer_insert", "customers"),
    ("audience_facts_customer_update", "customers"),
    ("audience_facts_consent_insert", "customer_consent"),
    ("audience_facts_consent_update", "customer_consent"),
    ("audience_facts_consent_delete", "customer_consent"),
    ("audience_facts_visits_insert", "customer_visits"),
    ("audience_facts_visits_update", "customer_visits"),
    ("audience_facts_visits_delete", "customer_visits"),
)


def _refresh_sqlite(who: str, outcomes: bool) -> str:
    return (
        f"INSERT OR REPLACE INTO audience_facts ({_columns(outcomes)}) "
        f"{_facts_select('sqlite', outcomes)} WHERE c.id = {who};"
    )


def _sqlite_triggers(outcomes: bool) -> list[str]:
    def refresh(who: str) -> str:
        return _refresh_sqlite(who, outcomes)

    new = refresh("NEW.id")
    return [
        f"CREATE TRIGGER audience_facts_customer_insert AFTER INSERT ON customers BEGIN {new} END",
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


def _postgresql_refresh(outcomes: bool) -> str:
    columns = _columns(outcomes)
    return f"""CREATE OR REPLACE FUNCTION audience_facts_refresh(cid integer) RETURNS void
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
          PERFORM 1 FROM customers WHERE id = cid FOR NO KEY UPDATE;
          INSERT INTO audience_facts ({columns})
            {_facts_select("postgresql", outcomes)} WHERE c.id = cid
          ON CONFLICT (customer_id) DO UPDATE SET
            {", ".join(f"{col} = EXCLUDED.{col}" for col in columns.split(", ")[1:])};
        END $$"""


def _remake(outcomes: bool) -> None:
    """The recomputing triggers (SQLite) or the recompute function (PostgreSQL) of the
    given shape, and every row recomputed."""
    bind = op.get_bind()
    dialect = bind.dialect.name
    if dialect == "sqlite":
        for name, _table in _RECOMPUTING:
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        for statement in _sqlite_triggers(outcomes):
            bind.exec_driver_sql(statement)
    else:
        bind.exec_driver_sql(_postgresql_refresh(outcomes))
    if outcomes:
        # Every row as the new triggers would write it (one statement, no trigger fires).
        bind.exec_driver_sql("DELETE FROM audience_facts")
        bind.exec_driver_sql(
            f"INSERT INTO audience_facts ({_columns(True)}) {_facts_select(dialect, True)}"
        )


def upgrade() -> None:
    for column in _OUTCOME_COLUMNS:
        op.add_column("audience_facts", sa.Column(column, sa.SmallInteger(), nullable=True))
    _remake(outcomes=True)


def downgrade() -> None:
    _remake(outcomes=False)
    for column in _OUTCOME_COLUMNS:
        op.drop_column("audience_facts", column)
