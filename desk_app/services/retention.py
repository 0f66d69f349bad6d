"""The retention period (issue 12, DESIGN.md 2.5): customers with no appointment for N
years are anonymised, when the salon switches it on (``retention_anonymise``, off by
default; ``retention_years``).

Who is inactive, exactly (``inactive_customers``, the one query the preview and the run
share, so the preview names whom the run erases):

- no appointment, of any status (also cancelled or no-show: the customer was in touch),
  starts at or after the cutoff (now minus N years), which includes every future one;
- the customer was created before the cutoff (a customer entered last month without a
  booking yet is not inactive);
- not erased yet;
- not named by an online request still open (``new``, or ``waiting`` for staff to decide
  between two customers), by its customer or by the email or phone number the form came
  with: erasing would empty the form of a request someone is waiting on. It is looked
  at again once staff have decided it. Consent given recently does not count as a
  visit: the consent proof is kept by the erasure anyway.

The anonymisation is ``privacy.erase_customers``, the path of an Art. 17 erasure: the
personal data goes, the consent ledger (the minimal proof) stays whole, the addresses
stay on the suppression list as keyed hashes, and each customer gets its ``erasures``
row, pending towards the gateway when one is set up (the next sync tells it, as after an
erasure in the window). A run writes one audit entry (``retention_run``: the rule, the
count, the ids and their digest), not one per customer: it is one decision, and a
first run may anonymise thousands.

The daily run belongs to the automations (``run_due``, in the window's automation
rounds and ``desk-app run-automations``): like the reminders, it acts for the salon,
not for whoever is signed in, as ``AUTOMATIONS``; its authority is the owner's (or
manager's) switching it on, a settings change in the audit log. ``run`` is the same by
hand (``desk-app privacy retention --run``) and needs the right to erase customers.

May not import Qt, the ui or the config layer.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import Actor
from desk_app.domain.enums import AuditAction, OnlineRequestState, Permission, StaffRole
from desk_app.domain.errors import InvalidField
from desk_app.domain.salon_settings import SalonSettings, number_range
from desk_app.services.access_guard import acting_name, authorize
from desk_app.services.audit import record
from desk_app.services.privacy import ERASE_CHUNK, erase_customers
from desk_app.services.settings_store import read_settings
from desk_sql.locks import lock_keys

log = logging.getLogger(__name__)

# The automations act for the salon, not for a person: no member (``member_id`` None, like
# the shared sign-in) but a name of their own in the audit log and the erasures. The
# owner's role, because they carry out the owner's (or manager's) setting; the audit
# log's reader needs no role of its own for them.
AUTOMATIONS = Actor(member_id=None, name="automations", role=StaffRole.OWNER)
PAGE_SIZE = 100
# At most this many customers per run (one transaction, so the counter waits at most
# seconds); a run that left some out is due again at the next automation round.
MAX_PER_RUN = 2000
IDS_IN_ENTRY = 1000  # up to this many ids are listed in the audit entry; always the digest
_LOCK = "retention"
OPEN_REQUESTS = (OnlineRequestState.NEW.value, OnlineRequestState.WAITING.value)


@dataclass(frozen=True)
class RetentionRule:
    years: int
    cutoff: datetime  # appointments from here on count; customers created before it

    @classmethod
    def at(cls, now: datetime, years: int) -> RetentionRule:
        low, high = number_range("retention_years")
        if not low <= years <= high:
            raise InvalidField("retention_years", "out_of_range", str(years))
        return cls(years, years_before(now, years))


def years_before(now: datetime, years: int) -> datetime:
    """The same calendar moment ``years`` earlier (29 February: the 28th)."""
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


@dataclass(frozen=True)
class RetentionPreview:
    enabled: bool  # the salon has the retention period switched on
    rule: RetentionRule
    count: int  # customers the run would anonymise now


@dataclass(frozen=True)
class RetentionCandidate:
    customer_id: int
    first_name: str
    last_name: str
    last_appointment: datetime | None  # None: never had one


# Where a page ends in the list order (name keys, id): the next page starts after it.
PageKey = tuple[str, str, int]


@dataclass(frozen=True)
class RetentionPage:
    rows: list[RetentionCandidate]
    next_after: PageKey | None  # None: no more


@dataclass(frozen=True)
class RetentionResult:
    ran: bool  # False: switched off, or the day's run was done already
    rule: RetentionRule | None
    customer_ids: tuple[int, ...] = ()
    more: bool = False  # some were left for the next run (MAX_PER_RUN)
    gateway_pending: int = 0  # erasures the gateway still has to be told about
    enabled: bool = True  # the setting was on

    def as_dict(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled,
            "ran": self.ran,
            "years": self.rule.years if self.rule else None,
            "cutoff": self.rule.cutoff.isoformat() if self.rule else None,
            "count": len(self.customer_ids),
            "customer_ids": list(self.customer_ids),
            "more": self.more,
            "gateway_pending": self.gateway_pending,
        }


class RetentionService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    # ---- preview ----------------------------------------------------------------------
    def preview(self, actor: Actor, years: int | None = None) -> RetentionPreview:
        """How many customers a run would anonymise now; ``years`` None: the salon's
        setting (another value shows what a change would mean before it is saved)."""
        with self._db.read() as s:
            authorize(s, actor, Permission.ERASE_CUSTOMERS)
            settings = read_settings(s)
            rule = self._rule(settings, years)
            count = s.scalar(select(func.count()).select_from(m.Customer).where(*inactive(s, rule)))
            return RetentionPreview(settings.retention_anonymise, rule, int(count or 0))

    def page(
        self,
        actor: Actor,
        years: int | None = None,
        after: PageKey | None = None,
        limit: int | None = None,
    ) -> RetentionPage:
        """One page of the customers a run would anonymise, in the customer list's order
        (keyset paging along its index: a page reads only as far as it shows).
        ``limit`` None: ``PAGE_SIZE``."""
        limit = PAGE_SIZE if limit is None else limit
        with self._db.read() as s:
            authorize(s, actor, Permission.ERASE_CUSTOMERS)
            rule = self._rule(read_settings(s), years)
            c = m.Customer
            last = (
                select(func.max(m.Appointment.starts_at))
                .where(m.Appointment.customer_id == c.id)
                .scalar_subquery()
            )
            query = select(c.id, c.first_name, c.last_name, c.last_name_key, c.first_name_key, last)
            query = query.where(*inactive(s, rule))
            if after is not None:
                query = query.where(tuple_(c.last_name_key, c.first_name_key, c.id) > after)
            found = s.execute(
                query.order_by(c.last_name_key, c.first_name_key, c.id).limit(limit + 1)
            ).all()
        rows = [RetentionCandidate(r[0], r[1], r[2], _utc(r[5])) for r in found[:limit]]
        more = len(found) > limit
        tail = found[limit - 1] if more else None
        return RetentionPage(rows, (tail[3], tail[4], tail[0]) if tail is not None else None)

    def candidate_ids(self, actor: Actor, years: int | None = None) -> list[int]:
        """Every customer a run would anonymise now, by id (for ``--preview --json``)."""
        with self._db.read() as s:
            authorize(s, actor, Permission.ERASE_CUSTOMERS)
            rule = self._rule(read_settings(s), years)
            return list(s.scalars(inactive_customers(s, rule).order_by(m.Customer.id)))

    # ---- running ----------------------------------------------------------------------
    def run(self, actor: Actor, staff_name: str | None = None) -> RetentionResult:
        """Anonymise who is inactive now, by hand; only while the setting is on (the run
        applies the salon's rule, not one typed on the command line)."""
        now = self._clock()
        with self._db.write() as s:
            current = authorize(s, actor, Permission.ERASE_CUSTOMERS)
            staff = acting_name(s, current, staff_name)
            lock_keys(s, _LOCK, 0)
            settings = read_settings(s)
            if not settings.retention_anonymise:
                raise InvalidField("retention_anonymise", "retention_off")
            rule = RetentionRule.at(now, settings.retention_years)
            return _anonymise(s, current, staff, rule, now)

    def run_due(self) -> RetentionResult:
        """The automations' daily run: nothing while switched off, once per salon-local
        day (again sooner when the last run left some out); safe to call at every round
        and from two processes at once."""
        now = self._clock()
        with self._db.read() as s:  # most rounds: a look, without the write lock
            settings = read_settings(s)
            if not settings.retention_anonymise:
                return RetentionResult(ran=False, rule=None, enabled=False)
            if not _due(s, now, settings):
                return RetentionResult(ran=False, rule=None)
        with self._db.write() as s:
            settings = read_settings(s)
            if not settings.retention_anonymise:  # switched off meanwhile
                return RetentionResult(ran=False, rule=None, enabled=False)
            lock_keys(s, _LOCK, 0)  # the second process sees the first one's entry
            if not _due(s, now, settings):
                return RetentionResult(ran=False, rule=None)
            rule = RetentionRule.at(now, settings.retention_years)
            return _anonymise(s, AUTOMATIONS, AUTOMATIONS.name, rule, now)

    def _rule(self, settings: SalonSettings, years: int | None) -> RetentionRule:
        return RetentionRule.at(self._clock(), settings.retention_years if years is None else years)


# ---- the query ------------------------------------------------------------------------------
def inactive_customers(s: Session, rule: RetentionRule) -> Select[int]:
    """The ids of the customers the rule makes inactive (see the module's docstring)."""
    return select(m.Customer.id).where(*inactive(s, rule))


def inactive(s: Session, rule: RetentionRule) -> list[ColumnElement[bool]]:
    """The conditions on ``customers`` that make a customer inactive under the rule: put
    straight into a query's WHERE (not ``id IN (…)``), so the list's page walks its own
    index and stops after a page instead of finding everyone first.

    Each customer is one probe of ``ix_appointments_customer`` (customer, start) for an
    appointment from the cutoff on, and one of the erasures' key: no per-customer scan."""
    c = m.Customer
    recent = exists().where(
        m.Appointment.customer_id == c.id, m.Appointment.starts_at >= rule.cutoff
    )
    erased = exists().where(m.Erasure.customer_id == c.id)
    return [c.created_at < rule.cutoff, ~recent, ~erased, *_not_held(s)]


def _not_held(s: Session) -> list[ColumnElement[bool]]:
    """Conditions leaving out the customers an open online request names (few rows: the
    requests staff have still to decide)."""
    ids: set[int] = set()
    emails: set[str] = set()
    phones: set[str] = set()
    for customer_id, data in s.execute(
        select(m.OnlineRequest.customer_id, m.OnlineRequest.data).where(
            m.OnlineRequest.state.in_(OPEN_REQUESTS)
        )
    ):
        if customer_id is not None:
            ids.add(customer_id)
        form = data or {}
        # Matched as the booking page's requests are (online_matching.candidates).
        email, phone = form.get("email"), form.get("phone")
        if isinstance(email, str) and email:
            emails.add(email)
        if isinstance(phone, str) and phone:
            phones.add(phone)
    c = m.Customer
    conditions: list[ColumnElement[bool]] = []
    if ids:
        conditions.append(c.id.not_in(sorted(ids)))
    if emails:  # NULL NOT IN (…) is NULL, not true: a customer without email stays in
        conditions.append(or_(c.email.is_(None), c.email.not_in(sorted(emails))))
    if phones:
        conditions.append(or_(c.phone.is_(None), c.phone.not_in(sorted(phones))))
    return conditions


# ---- the run --------------------------------------------------------------------------------
def _anonymise(
    s: Session, actor: Actor, staff: str, rule: RetentionRule, now: datetime
) -> RetentionResult:
    ids = list(
        s.scalars(inactive_customers(s, rule).order_by(m.Customer.id).limit(MAX_PER_RUN + 1))
    )
    more = len(ids) > MAX_PER_RUN
    ids = ids[:MAX_PER_RUN]
    customers = _load(s, ids)
    erased = erase_customers(s, customers, staff, now)
    details: dict[str, Any] = {
        "years": rule.years,
        "cutoff": rule.cutoff.isoformat(),
        "count": len(ids),
        "ids_sha256": ids_digest(ids),
        "more": more,
    }
    if len(ids) <= IDS_IN_ENTRY:
        details["ids"] = ids
    record(s, actor, AuditAction.RETENTION_RUN, now, "retention", details)
    s.flush()
    pending = sum(1 for erasure, _ in erased if erasure.gateway_pending)
    log.info("retention: %d customers anonymised (%d years)", len(ids), rule.years)
    return RetentionResult(True, rule, tuple(ids), more, pending)


def _load(s: Session, ids: Sequence[int]) -> list[m.Customer]:
    found: list[m.Customer] = []
    for start in range(0, len(ids), ERASE_CHUNK):  # bounded IN lists
        chunk = ids[start : start + ERASE_CHUNK]
        found.extend(s.scalars(select(m.Customer).where(m.Customer.id.in_(chunk))))
    return sorted(found, key=lambda c: c.id)


def ids_digest(ids: Sequence[int]) -> str:
    """SHA-256 over the sorted ids, one per line: names the run's set in the audit log
    also when the ids are too many to list there."""
    text = "\n".join(str(i) for i in sorted(ids))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _due(s: Session, now: datetime, settings: SalonSettings) -> bool:
    last = s.execute(
        select(m.AuditEntry.at, m.AuditEntry.details)
        .where(m.AuditEntry.action == AuditAction.RETENTION_RUN.value)
        .order_by(m.AuditEntry.id.desc())
        .limit(1)
    ).first()
    if last is None:
        return True
    at, details = last
    if (details or {}).get("more"):
        return True
    zone = settings.zone
    return bool(at.astimezone(zone).date() < now.astimezone(zone).date())


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
