"""A booking or a consent change no longer waits for the locks of the customer's
addresses (PostgreSQL).

Since revision 0021 ``audience_facts_refresh`` – run when a customer's visits (a
booking), consent or data change – locked the customer's addresses (0028: their buckets
in ``audience_address_locks``) to recompute the shared-address flags with the rest of
the row (the outbox's triggers only move ``last_ad_at`` and never took them). A CSV
import locks all its addresses' buckets first (20,000 customers: ~30 % of the 65,536),
so a booking at the counter for an unrelated customer whose bucket was among them waited
until the import committed (6.5 s measured, up to the import's whole length).

Only who holds an address moves the flags, so only the writer of an address now takes
its lock: the recompute leaves an existing row's ``email_shared``/``phone_shared`` as
they are (a new row computes them), and the customers' trigger locks a new customer's
addresses, or a moved one's old and new, before the recompute and then writes the
customer's own flags and everyone else's on those addresses under the locks. Deleting a
customer already did so. ``desk_app.db.audience_facts`` says why this is safe.

SQLite has one writer at a time and no lock to spare: its triggers stay as they are.

Self-contained: the SQL is written out here as it is at this revision; the downgrade
puts back 0021's recompute and customers' trigger (0028 and 0029 kept them).

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0030"
down_revision = "0029"
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
# PostgreSQL's only: SQLite's triggers stay as they are.
_BIRTHDAY_MD = {
    "postgresql": "CAST(EXTRACT(MONTH FROM c.birthday) * 100 + EXTRACT(DAY FROM c.birthday) "
    "AS INTEGER)",
}
_FALSE = {"postgresql": "false"}
_TRUE = {"postgresql": "true"}

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
_COLUMNS = _BASE_COLUMNS + ", " + ", ".join(_OUTCOME_COLUMNS) + ", " + ", ".join(_FLAG_COLUMNS)


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


def _facts_select(dialect: str) -> str:
    false = _FALSE[dialect]
    flags = f", {_shared('email', 'c')}, {_shared('sms', 'c')}"
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


def _address_keys(row: str) -> str:
    return f"ARRAY['email:' || lower({row}.email), 'sms:' || {row}.phone]"


def _own_flags(row: str) -> str:
    return (
        "UPDATE audience_facts SET (email_shared, phone_shared) = "
        f"(SELECT {_shared('email', 'c')}, {_shared('sms', 'c')} FROM customers c "
        f"WHERE c.id = audience_facts.customer_id) WHERE customer_id = {row}.id;"
    )


def _refresh(locks_addresses: bool) -> str:
    """0030's recompute (no address lock; an existing row's flags kept) or 0021's."""
    columns = _COLUMNS.split(", ")[1:]
    if locks_addresses:
        lock = f"""
          PERFORM audience_facts_lock_addresses({_address_keys("c")})
            FROM customers c WHERE c.id = cid;"""
    else:
        lock = ""
        columns = [col for col in columns if col not in _FLAG_COLUMNS]
    return f"""CREATE OR REPLACE FUNCTION audience_facts_refresh(cid integer) RETURNS void
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
          PERFORM 1 FROM customers WHERE id = cid FOR NO KEY UPDATE;{lock}
          INSERT INTO audience_facts ({_COLUMNS})
            {_facts_select("postgresql")} WHERE c.id = cid
          ON CONFLICT (customer_id) DO UPDATE SET
            {", ".join(f"{col} = EXCLUDED.{col}" for col in columns)};
        END $$"""


def _follow_customer(owns_the_flags: bool) -> str:
    """0030's customers' trigger (it locks a new customer's addresses and writes a new or
    moved one's own flags) or 0021's."""
    if owns_the_flags:
        lock = f"""IF TG_OP = 'INSERT' THEN
            PERFORM audience_facts_lock_addresses({_address_keys("NEW")});
          ELSIF moved THEN"""
        own = f"{_own_flags('NEW')} "
    else:
        lock = "IF moved THEN"
        own = ""
    return f"""CREATE OR REPLACE FUNCTION audience_facts_follow_customer()
        RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE moved boolean := TG_OP = 'UPDATE'
          AND (OLD.email IS DISTINCT FROM NEW.email OR OLD.phone IS DISTINCT FROM NEW.phone);
        BEGIN
          IF TG_OP = 'DELETE' THEN  -- the row itself went with the foreign key
            PERFORM audience_facts_lock_addresses({_address_keys("OLD")});
            {_share("OLD")}
            RETURN NULL;
          END IF;
          {lock}
            PERFORM audience_facts_lock_addresses(
              {_address_keys("OLD")} || {_address_keys("NEW")});
          END IF;
          PERFORM audience_facts_refresh(NEW.id);
          IF moved THEN {_share("OLD")} END IF;
          IF TG_OP = 'INSERT' OR moved THEN {own}{_share("NEW")} END IF;
          RETURN NULL;
        END $$"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # The trigger first: from its first statement on it writes the flags the recompute
    # stops writing (one transaction: nobody sees the two apart anyway).
    bind.exec_driver_sql(_follow_customer(owns_the_flags=True))
    bind.exec_driver_sql(_refresh(locks_addresses=False))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    bind.exec_driver_sql(_refresh(locks_addresses=True))
    bind.exec_driver_sql(_follow_customer(owns_the_flags=False))
