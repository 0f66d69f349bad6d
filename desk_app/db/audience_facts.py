"""Keeping ``audience_facts`` equal to what it is read from.

``audience_facts`` is the campaign audience's read model: one narrow row per customer
with everything the selections and the exclusion reasons look at (revision 0012). It is
derived, never the truth: each row is recomputed from ``customers``, ``customer_consent``
(the replayed consent ledger), ``customer_visits`` (the appointments counted) and the
customer's advertising in the ``outbox`` by database triggers, in the same statement that
writes one of those – whoever writes (this window, another counter PC, the command line,
a plain UPDATE), the audience reads the facts as they are.

Each trigger recomputes the whole row from the sources instead of patching a column, so
the table cannot drift. On PostgreSQL two transactions recomputing the same customer are
serialised by a row lock on the customer (``FOR NO KEY UPDATE``: it does not block the
foreign-key checks of new appointments or messages); the later one's recompute is a new
statement with a new snapshot, so it sees the earlier one's write. A row lock lives in
the row itself, not in the shared lock table, so a bulk statement over thousands of
customers cannot exhaust it (per-customer advisory locks did: 3,600 on one statement).
``customer_visits_recount`` (0009) takes the same row lock from this revision on instead
of its advisory lock, so both take one lock in one order.

Which customers share an address (``email_shared``, ``phone_shared``, 0021) is written on
PostgreSQL only by whoever changes who holds an address, under the address's lock (0028's
buckets); the recompute for a booking, a consent or a message leaves it alone and takes
no address lock (0030), so it never waits for an import holding thousands of buckets.

What depends on the moment of reading stays for the reader: a pending declaration past
``*_pending_until`` is expired, and the frequency cap counts the advertising of the last
30 days – ``last_ad_at`` (the newest advertising that counts) tells who can have any.

``rebuild`` recomputes everyone in one statement, for bulk loaders that lift the
triggers (``lifted``) for speed.

This module says what the schema at head has; the revisions keep their own copies of the
SQL (0012 wrote the first), and ``tests/db/test_migration_0012.py`` fails when the two
part: a change here needs a revision that makes the same change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from desk_app.domain.audience_outcomes import (
    CAMPAIGN_CATEGORIES,
    EMAIL_CODE,
    OUTCOME_COLUMNS,
    SMS_CODE,
    outcome_code,
    outcome_column,
)
from desk_app.domain.campaigns import ChannelChoice
from desk_app.domain.enums import Category, Channel, ConsentState, Reason
from desk_app.domain.policy import COUNTED_FOR_CAP, NEEDS_NO_OBJECTION, NOT_SENT

_COUNTED = ", ".join(f"'{v}'" for v in COUNTED_FOR_CAP)
_NOT_SENT = ", ".join(f"'{v}'" for v in NOT_SENT)
_NONE = ConsentState.NONE.value

COLUMNS = (
    "customer_id, first_name, last_name, created_at, prefers_sms, email_address, phone, "
    "email_problem, sms_problem, objection_notice_given, birthday_md, objected, "
    "email_state, email_pending_until, email_basis, sms_state, sms_pending_until, "
    "sms_basis, appointments, visits, last_visit_at, last_ad_at, "
    + ", ".join(OUTCOME_COLUMNS)
    + ", email_shared, phone_shared"
)


def _problem(address: str, usable: str, bounced: str) -> str:
    """The address's own reason (the order of ``policy.applicable_reasons``)."""
    return (
        f"CASE WHEN {address} IS NULL OR {address} = '' THEN '{Reason.NO_ADDRESS.value}' "
        f"WHEN {usable} = {{false}} THEN '{Reason.INVALID_ADDRESS.value}' "
        f"WHEN {bounced} IS NOT NULL THEN '{Reason.BOUNCED.value}' END"
    )


LAST_AD = (
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


# ---- the outcome of each campaign category and channel choice, as of no particular time ----
# ``policy.applicable_reasons`` and ``campaigns.candidate_channels`` once more, as
# ``desk_app.services.audience`` writes them for the moment of reading, but without what
# moves with the clock: a pending declaration stays "pending" (the reader tells the
# expired ones by ``*_pending_until``), and nobody is at the frequency cap (the reader
# looks at those advertised to inside the window, ``last_ad_at``). tests/services/
# test_audience_read_model.py holds the kept outcomes to the outbox's Python policy.
_ADDRESS = {
    Channel.EMAIL: ("c.email", "c.email_valid", "c.email_bounced_at", "cc.email_state"),
    Channel.SMS: ("c.phone", "c.phone_takes_sms", "c.phone_bounced_at", "cc.sms_state"),
}
_MARKETING_CONSENT = (
    (ConsentState.REVOKED, Reason.CONSENT_REVOKED),
    (ConsentState.EXPIRED, Reason.CONSENT_EXPIRED),
    (ConsentState.PENDING, Reason.CONSENT_PENDING),
    (ConsentState.NONE, Reason.NO_CONSENT),
)


def _reason(category: Category, channel: Channel, dialect: str) -> str:
    """The channel's first reason as its code, NULL when it may be sent."""
    false, true = _FALSE[dialect], _TRUE[dialect]
    address, usable, bounced, state_column = _ADDRESS[channel]
    state = f"COALESCE({state_column}, '{_NONE}')"
    whens: list[tuple[str, Reason]] = []
    if category in NEEDS_NO_OBJECTION:
        whens.append((f"COALESCE(cc.objected, {false}) = {true}", Reason.OBJECTED))
    if category is Category.SIMILAR_OFFER and channel is not Channel.EMAIL:
        whens.append(("1 = 1", Reason.CHANNEL_NOT_ALLOWED))
    whens += [
        (f"{address} IS NULL OR {address} = ''", Reason.NO_ADDRESS),
        (f"{usable} = {false}", Reason.INVALID_ADDRESS),
        (f"{bounced} IS NOT NULL", Reason.BOUNCED),
    ]
    if category is Category.SERVICE_INFO:
        whens.append(("COALESCE(v.appointments, 0) = 0", Reason.NOT_EXISTING_CUSTOMER))
    if category is Category.SIMILAR_OFFER:
        whens += [
            ("COALESCE(v.visits, 0) = 0", Reason.NOT_EXISTING_CUSTOMER),
            (f"c.objection_notice_given = {false}", Reason.NO_OBJECTION_NOTICE),
            (f"{state} = '{ConsentState.REVOKED.value}'", Reason.CONSENT_REVOKED),
        ]
    if category is Category.MARKETING:
        whens += [(f"{state} = '{s.value}'", reason) for s, reason in _MARKETING_CONSENT]
    cases = " ".join(f"WHEN {when} THEN {outcome_code(r.value)}" for when, r in whens)
    return f"CASE {cases} END"


def _outcome(category: Category, choice: ChannelChoice, dialect: str) -> str:
    """The channel's code when one reaches the customer, else the reason's code."""
    if choice is ChannelChoice.SMS:
        return f"COALESCE({_reason(category, Channel.SMS, dialect)}, {SMS_CODE})"
    email = _reason(category, Channel.EMAIL, dialect)
    if choice is ChannelChoice.EMAIL or category is Category.SIMILAR_OFFER:
        return f"COALESCE({email}, {EMAIL_CODE})"
    sms = _reason(category, Channel.SMS, dialect)
    # Best available: the preferred channel first, for marketing the confirmed one first.
    sms_first = f"c.preferred_channel = '{Channel.SMS.value}'"
    if category is Category.MARKETING:
        confirmed = ConsentState.CONFIRMED.value
        email_state = f"COALESCE(cc.email_state, '{_NONE}')"
        sms_state = f"COALESCE(cc.sms_state, '{_NONE}')"
        sms_first = (
            f"CASE WHEN {email_state} = '{confirmed}' AND {sms_state} <> '{confirmed}' THEN 0 "
            f"WHEN {sms_state} = '{confirmed}' AND {email_state} <> '{confirmed}' THEN 1 "
            f"WHEN {sms_first} THEN 1 ELSE 0 END = 1"
        )
    return (
        f"CASE WHEN ({sms_first}) AND {sms} IS NULL THEN {SMS_CODE} "
        f"WHEN {email} IS NULL THEN {EMAIL_CODE} WHEN {sms} IS NULL THEN {SMS_CODE} "
        f"WHEN {sms_first} THEN {sms} ELSE {email} END"
    )


def _outcomes(dialect: str) -> str:
    by_column = {
        outcome_column(category, choice): _outcome(category, choice, dialect)
        for category in CAMPAIGN_CATEGORIES
        for choice in ChannelChoice
    }
    return ", ".join(by_column[column] for column in OUTCOME_COLUMNS)


# ---- "another customer has the same address": the only customers a duplicate can touch ------
# As the duplicate rule compares them: the email in lower case, the phone as written; an
# empty address is nobody's.
_SAME = {
    "email": ("lower({x}.email)", "lower(o.email)"),
    "sms": ("{x}.phone", "o.phone"),
}


def _shared(channel: str, customer: str) -> str:
    """Whether another customer has the address of ``customer`` (a ``customers`` row),
    along ix_customers_email_lower / ix_customers_phone."""
    mine, theirs = (part.format(x=customer) for part in _SAME[channel])
    column = "email" if channel == "email" else "phone"
    return (
        f"({customer}.{column} IS NOT NULL AND {customer}.{column} <> '' AND EXISTS "
        f"(SELECT 1 FROM customers o WHERE {theirs} = {mine} AND o.id <> {customer}.id))"
    )


def _share(row: str) -> str:
    """The flags of everyone else holding ``row``'s addresses (``row``: a customer as it
    is or was), recomputed as ``facts_select`` computes them: a customer's new, changed
    or removed address makes the others shared or alone. The others are found among the
    customers (not the facts: on PostgreSQL a row deleted by the same statement still has
    its facts until the foreign key's cascade reaches it)."""
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


def facts_select(dialect: str) -> str:
    """The rows as they must be, from the sources (``WHERE`` added by the caller)."""
    false = _FALSE[dialect]
    return (
        "SELECT c.id, c.first_name, c.last_name, c.created_at, "
        f"CASE WHEN c.preferred_channel = '{Channel.SMS.value}' THEN 1 ELSE 0 END, "
        "lower(c.email), c.phone, "
        + _problem("c.email", "c.email_valid", "c.email_bounced_at").format(false=false)
        + ", "
        + _problem("c.phone", "c.phone_takes_sms", "c.phone_bounced_at").format(false=false)
        + f", c.objection_notice_given, {_BIRTHDAY_MD[dialect]}, "
        f"COALESCE(cc.objected, {false}), COALESCE(cc.email_state, '{_NONE}'), "
        "cc.email_pending_until, cc.email_basis, "
        f"COALESCE(cc.sms_state, '{_NONE}'), cc.sms_pending_until, cc.sms_basis, "
        "COALESCE(v.appointments, 0), COALESCE(v.visits, 0), v.last_visit_at, "
        f"{LAST_AD}, {_outcomes(dialect)}, {_shared('email', 'c')}, {_shared('sms', 'c')} "
        "FROM customers c "
        "LEFT JOIN customer_consent cc ON cc.customer_id = c.id "
        "LEFT JOIN customer_visits v ON v.customer_id = c.id"
    )


# ---- SQLite: one writer at a time, so a trigger simply rewrites the row ---------------------
# The whole row, the shared flags too: with one writer the recompute sees every customer
# there is, so the flags it writes are right without any lock (PostgreSQL leaves them to
# the address's writers only to spare the others its lock; here there is none to spare).
def _refresh_sqlite(who: str) -> str:
    return (
        f"INSERT OR REPLACE INTO audience_facts ({COLUMNS}) "
        f"{facts_select('sqlite')} WHERE c.id = {who};"
    )


_CUSTOMER_COLUMNS = (
    "first_name, last_name, created_at, preferred_channel, email, phone, email_valid, "
    "phone_takes_sms, email_bounced_at, phone_bounced_at, objection_notice_given, birthday"
)
_OUTBOX_COLUMNS = "customer_id, category, status, created_at"


def _counts(row: str) -> str:
    """The message counts for the frequency cap (advertising the gateway did not refuse)."""
    return f"({row}.category IN ({_COUNTED}) AND {row}.status NOT IN ({_NOT_SENT}))"


# A change that can move last_ad_at: a message starts or stops counting, or a counting
# one changes customer or time (a status step like sent -> delivered does not).
_MOVES_LAST_AD = (
    f"({_counts('OLD')} OR {_counts('NEW')}) AND NOT ({_counts('OLD')} AND {_counts('NEW')} "
    "AND OLD.customer_id = NEW.customer_id AND OLD.created_at = NEW.created_at)"
)
# A new counting message: the newest is the later of the two (no look into the outbox).
_NEWER_AD = (
    "UPDATE audience_facts SET last_ad_at = {row}.created_at "
    "WHERE customer_id = {row}.customer_id "
    "AND (last_ad_at IS NULL OR last_ad_at < {row}.created_at);"
)

# (name, table): every trigger of this module, for dropping and lifting.
TRIGGERS = (
    ("audience_facts_customer_insert", "customers"),
    ("audience_facts_customer_update", "customers"),
    ("audience_facts_customer_delete", "customers"),
    ("audience_facts_customer_address", "customers"),
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


def _sqlite_triggers() -> list[str]:
    new = _refresh_sqlite("NEW.id")
    statements = [
        f"CREATE TRIGGER audience_facts_customer_insert AFTER INSERT ON customers "
        f"BEGIN {new} {_share('NEW')} END",
        f"CREATE TRIGGER audience_facts_customer_update "
        f"AFTER UPDATE OF {_CUSTOMER_COLUMNS} ON customers BEGIN {new} END",
        # The others holding the old or the new address (the row itself: the trigger above).
        "CREATE TRIGGER audience_facts_customer_address AFTER UPDATE OF email, phone "
        "ON customers WHEN OLD.email IS NOT NEW.email OR OLD.phone IS NOT NEW.phone "
        f"BEGIN {_share('OLD')} {_share('NEW')} END",
        # Also when foreign keys are off (a tool without the app's connection settings).
        "CREATE TRIGGER audience_facts_customer_delete AFTER DELETE ON customers "
        f"BEGIN DELETE FROM audience_facts WHERE customer_id = OLD.id; {_share('OLD')} END",
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
        # Only advertising moves last_ad_at: transactional mail costs the outbox nothing.
        f"CREATE TRIGGER audience_facts_outbox_insert AFTER INSERT ON outbox "
        f"WHEN {_counts('NEW')} BEGIN {_NEWER_AD.format(row='NEW')} END",
        f"CREATE TRIGGER audience_facts_outbox_update AFTER UPDATE OF {_OUTBOX_COLUMNS} "
        f"ON outbox WHEN {_MOVES_LAST_AD} BEGIN {_ad_sqlite('OLD')} {_ad_sqlite('NEW')} END",
        f"CREATE TRIGGER audience_facts_outbox_delete AFTER DELETE ON outbox "
        f"WHEN {_counts('OLD')} BEGIN {_ad_sqlite('OLD')} END",
    ]
    return statements


def _ad_sqlite(row: str) -> str:
    return (
        "UPDATE audience_facts SET last_ad_at = "
        f"{LAST_AD.replace('c.id', 'audience_facts.customer_id')} "
        f"WHERE customer_id = {row}.customer_id;"
    )


# ---- PostgreSQL: concurrent writers, so lock the customer's row, then recompute -------------
def _address_keys(row: str) -> str:
    return f"ARRAY['email:' || lower({row}.email), 'sms:' || {row}.phone]"


_FLAGS = ("email_shared", "phone_shared")
# What the recompute of an existing row writes: everything but the shared flags.
_RECOMPUTED = [col for col in COLUMNS.split(", ")[1:] if col not in _FLAGS]


def _own_flags(row: str) -> str:
    """The flags of ``row``'s customer, as ``facts_select`` computes them."""
    return (
        "UPDATE audience_facts SET (email_shared, phone_shared) = "
        f"(SELECT {_shared('email', 'c')}, {_shared('sms', 'c')} FROM customers c "
        f"WHERE c.id = audience_facts.customer_id) WHERE customer_id = {row}.id;"
    )


POSTGRESQL_FUNCTIONS = [
    # The shared-address flags of an address are recomputed only under its lock: two
    # transactions giving two customers the same address wait for each other, and the
    # later one sees the earlier one's customer. Taken only by writers of addresses (a
    # customer inserted, moved or deleted; the bulk writers' ``lock_addresses``), after
    # the customer's row lock and before any row of audience_facts, in one order
    # (sorted), so two such transactions do not deadlock. The lock is a row lock on the
    # address's bucket in audience_address_locks (revision 0028: 65,536 rows, 16 bits of
    # a hash, no address stored): kept in the row, not in the shared lock table, which
    # one advisory lock per address overflowed on imports of a few thousand customers.
    """CREATE FUNCTION audience_facts_lock_addresses(keys text[])
        RETURNS void LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
          -- Row locks (kept in the rows, not in the shared lock table), in one order.
          PERFORM 1 FROM audience_address_locks
            WHERE bucket IN (SELECT (hashtextextended(u, 0) & 65535)::integer
                             FROM unnest(keys) u
                             WHERE u IS NOT NULL AND u NOT IN ('email:', 'sms:'))
            ORDER BY bucket FOR UPDATE;
        END $$""",
    # plpgsql, volatile: every statement takes a new snapshot, so after waiting for the
    # lock the recompute sees what the other transaction committed.
    #
    # No address lock here (revision 0030): a booking, a consent change or a name
    # recomputes the row but leaves an existing row's shared flags as they are, so it
    # need not wait for an import holding the customer's buckets. The flags change only
    # when somebody takes or leaves an address, and that writer (the customer's own
    # trigger below, or another customer's ``_share``) holds the address's bucket and
    # writes them. A new row computes them as before (its customer's INSERT trigger then
    # writes them again under the locks). A ``_share`` writing this row at the same time
    # does not lock the customer: the two writes of the row wait for each other, and ON
    # CONFLICT DO UPDATE writes onto the latest version, keeping the flags it set.
    f"""CREATE FUNCTION audience_facts_refresh(cid integer) RETURNS void
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
          PERFORM 1 FROM customers WHERE id = cid FOR NO KEY UPDATE;
          INSERT INTO audience_facts ({COLUMNS})
            {facts_select("postgresql")} WHERE c.id = cid
          ON CONFLICT (customer_id) DO UPDATE SET
            {", ".join(f"{col} = EXCLUDED.{col}" for col in _RECOMPUTED)};
        END $$""",
    f"""CREATE FUNCTION audience_facts_last_ad(cid integer) RETURNS void
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
          PERFORM 1 FROM customers WHERE id = cid FOR NO KEY UPDATE;
          UPDATE audience_facts SET last_ad_at =
            {LAST_AD.replace("c.id", "cid")} WHERE customer_id = cid;
        END $$""",
    # The only writer of who holds an address: it locks the addresses a customer takes
    # or leaves (a new customer's; a moved one's old and new) before the recompute, and
    # under those locks writes the customer's own flags and everyone else's on them. Its
    # flag statements start after the locks are granted, so under READ COMMITTED they
    # see every customer committed on those addresses before; a transaction not yet
    # committed that gives or takes one of them holds its bucket, so it is waited for
    # here, or comes later, waits for this one and writes the flags anew. A customer's
    # row is locked by the UPDATE or DELETE itself (a new one nobody else sees): row,
    # then buckets, then rows of audience_facts, as before. A new customer's own flags
    # are written too: its row may have been made before, by another table's trigger
    # in the same statement, without the locks (5,000 new customers in one INSERT took
    # ~1.4 s with this UPDATE and without it).
    f"""CREATE FUNCTION audience_facts_follow_customer() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE moved boolean := TG_OP = 'UPDATE'
          AND (OLD.email IS DISTINCT FROM NEW.email OR OLD.phone IS DISTINCT FROM NEW.phone);
        BEGIN
          IF TG_OP = 'DELETE' THEN  -- the row itself went with the foreign key
            PERFORM audience_facts_lock_addresses({_address_keys("OLD")});
            {_share("OLD")}
            RETURN NULL;
          END IF;
          IF TG_OP = 'INSERT' THEN
            PERFORM audience_facts_lock_addresses({_address_keys("NEW")});
          ELSIF moved THEN
            PERFORM audience_facts_lock_addresses(
              {_address_keys("OLD")} || {_address_keys("NEW")});
          END IF;
          PERFORM audience_facts_refresh(NEW.id);
          IF moved THEN {_share("OLD")} END IF;
          IF TG_OP = 'INSERT' OR moved THEN {_own_flags("NEW")} {_share("NEW")} END IF;
          RETURN NULL;
        END $$""",
    # customer_consent and customer_visits: both have customer_id.
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
    # 0009's recount, with the customer's row lock instead of one advisory lock per
    # customer (the lock table overflowed on bulk statements; one lock order with the
    # facts' recompute, so the two cannot deadlock each other).
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
POSTGRESQL_DROP_FUNCTIONS = [
    "DROP FUNCTION IF EXISTS audience_facts_follow_outbox()",
    "DROP FUNCTION IF EXISTS audience_facts_follow()",
    "DROP FUNCTION IF EXISTS audience_facts_follow_customer()",
    "DROP FUNCTION IF EXISTS audience_facts_last_ad(integer)",
    "DROP FUNCTION IF EXISTS audience_facts_refresh(integer)",
    "DROP FUNCTION IF EXISTS audience_facts_lock_addresses(text[])",
]


def _postgresql_triggers() -> list[str]:
    customer_update = f"AFTER UPDATE OF {_CUSTOMER_COLUMNS} ON customers"
    outbox_update = f"AFTER UPDATE OF {_OUTBOX_COLUMNS} ON outbox"
    when = {
        ("outbox", "insert"): f" WHEN {_counts('NEW')}",
        ("outbox", "update"): f" WHEN ({_MOVES_LAST_AD})",
        ("outbox", "delete"): f" WHEN {_counts('OLD')}",
    }
    statements = []
    for name, table in TRIGGERS:
        op = name.rsplit("_", 1)[1]
        if table == "customers":
            if op == "address":
                continue  # in audience_facts_follow_customer: the locks come first
            event = customer_update if op == "update" else f"AFTER {op.upper()} ON customers"
            function = "audience_facts_follow_customer"
        elif table == "outbox":
            event = outbox_update if op == "update" else f"AFTER {op.upper()} ON outbox"
            function = "audience_facts_follow_outbox"
        else:
            event = f"AFTER {op.upper()} ON {table}"
            function = "audience_facts_follow"
        statements.append(
            f"CREATE TRIGGER {name} {event} FOR EACH ROW{when.get((table, op), '')} "
            f"EXECUTE FUNCTION {function}()"
        )
    return statements


def lock_addresses(
    connection: Connection, emails: Iterable[str | None], phones: Iterable[str | None]
) -> None:
    """Take, all at once and in the triggers' one order, the locks the triggers will take
    one customer after another for these addresses (PostgreSQL; nothing on SQLite, which
    has one writer at a time).

    For a transaction that writes many customers (a CSV import, a retention run): the
    triggers lock each row's buckets as the row is written, so such a transaction
    collects thousands of buckets in the order of its rows, not in bucket order. Two of
    them – or one and a counter PC locking a customer's two buckets – each held a
    bucket the other was waiting for, and PostgreSQL aborted one with "deadlock
    detected" (two imports of 10,000 different customers at once did, every time: with
    20,000 of 65,536 buckets each, they share many). Locked here first, sorted, the
    later writer waits for the earlier one instead; the triggers find the locks held."""
    if connection.dialect.name != "postgresql":
        return
    connection.execute(
        text(
            "SELECT audience_facts_lock_addresses("
            "ARRAY(SELECT 'email:' || lower(e) FROM unnest(CAST(:emails AS text[])) e) || "
            "ARRAY(SELECT 'sms:' || p FROM unnest(CAST(:phones AS text[])) p))"
        ),
        {"emails": [e for e in emails if e], "phones": [p for p in phones if p]},
    )


def lock_customers(
    connection: Connection, customer_ids: Iterable[int], addresses: bool = True
) -> None:
    """Lock these customers' rows, then (``addresses``) their addresses' buckets, each in
    one order (PostgreSQL; nothing on SQLite): for a transaction about to write many
    existing customers. A retention run's erasures change addresses and take the buckets;
    a page of the gateway's events only recomputes its customers' facts, which takes no
    bucket since revision 0030 (so it must not wait for an import holding thousands).

    The triggers take a customer's row lock and then its buckets, one customer after
    another; all rows first, then all buckets keeps that order across the whole
    transaction, so neither a counter PC writing one of the customers nor another bulk
    writer can hold something this one comes to later while waiting for it."""
    if connection.dialect.name != "postgresql":
        return
    ids = sorted(set(customer_ids))
    if not ids:
        return
    held = connection.execute(
        text(
            "SELECT email, phone FROM customers WHERE id = ANY(CAST(:ids AS integer[])) "
            "ORDER BY id FOR NO KEY UPDATE"
        ),
        {"ids": ids},
    ).all()
    if addresses:
        lock_addresses(connection, [r.email for r in held], [r.phone for r in held])


def rebuild(connection: Connection) -> None:
    """Recompute every customer's row from the sources (one statement)."""
    connection.exec_driver_sql("DELETE FROM audience_facts")
    connection.exec_driver_sql(
        f"INSERT INTO audience_facts ({COLUMNS}) {facts_select(connection.dialect.name)}"
    )


def create_triggers(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    for statement in _sqlite_triggers() if sqlite else _postgresql_triggers():
        connection.exec_driver_sql(statement)


def drop_triggers(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    for name, table in TRIGGERS:
        on = "" if sqlite else f" ON {table}"
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}{on}")


@contextmanager
def lifted(connection: Connection) -> Iterator[None]:
    """No triggers during a bulk load; every row recomputed once afterwards."""
    drop_triggers(connection)
    yield
    rebuild(connection)
    create_triggers(connection)
