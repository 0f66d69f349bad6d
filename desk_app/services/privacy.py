"""Data subject rights on the desktop (DESIGN.md 2.4): Art. 15 export, Art. 17 erasure.

Export: every row the desktop holds about one customer, as JSON-ready data, plus the
gateway's own export when a gateway is set up. It is one use case in two steps, so the
window can read the database on its database worker and ask the gateway on its gateway
worker: ``local_export`` (one read transaction) and ``with_gateway_part`` (HTTP only);
``export`` does both for the command line. When the gateway cannot be asked, the export
still goes out and says so in its ``gateway`` part (``error`` and ``note``).

Erasure, in one write transaction: the customer's addresses (current, and every one a
message or consent request went to) go onto the suppression list as keyed hashes;
appointments, inbound messages and name search terms are deleted; outbox rows keep
``client_id``, channel, category, kind and status (idempotency towards the gateway and
statistics) but lose address, subject, body and payload, and queued ones are withdrawn;
the consent ledger is kept whole: it is the consent and withdrawal proof, append-only also
against erasure requests (DESIGN.md 2); the customer row stays (foreign keys, and
``ref`` so late gateway events still resolve) with every personal field emptied.
The gateway is told afterwards, outside the transaction: when it cannot be reached the
erasure stands and ``gateway_pending`` says it must be repeated
(``retry_gateway_erasures``, or erasing the customer again).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Select, delete, or_, select, update
from sqlalchemy.orm import Session

from desk_app.db import audience_facts
from desk_app.db import models as m
from desk_app.db.customer_search_keys import drop_search_keys
from desk_app.db.engine import Database
from desk_app.domain.access import Actor
from desk_app.domain.contact import name_key
from desk_app.domain.enums import AuditAction, OutboxStatus, Permission
from desk_app.domain.errors import NotFound
from desk_app.gateway.port import GatewayError, GatewayPort
from desk_app.services.access_guard import acting_name, authorize
from desk_app.services.audit import record
from desk_app.services.json_views import consent_json
from desk_app.services.mapping import customer_row
from desk_app.services.recipients import consent_status
from desk_app.services.rows import ConsentEvidence, CustomerConsentRow, StatementText
from desk_app.services.settings_store import read_settings
from desk_app.services.suppression import ERASED, suppress

log = logging.getLogger(__name__)

EXPORT_FORMAT = "salon-desk-customer-export-1"
ERASED_NAME = "Gelöscht"  # what the list shows instead of the name
# Messages the desktop has not handed over yet: an erased customer must not get them.
UNSENT = (OutboxStatus.QUEUED.value,)


# Opens the configured gateway for one use case: None when no gateway is set up. The
# composition root builds it (URL from the settings, token from the keyring).
GatewayOpener = Callable[[], GatewayPort | None]

GATEWAY_MISSING_NOTE = (
    "The gateway's part of this export is missing: the gateway could not be asked "
    "({kind}). Export again when it can be reached."
)


@dataclass(frozen=True)
class LocalExport:
    """The desktop's part of an Art. 15 export (JSON-ready), before the gateway's."""

    customer_id: int
    customer_ref: str
    data: dict[str, Any]


@dataclass(frozen=True)
class ErasureRow:
    customer_id: int
    customer_ref: str
    erased_at: datetime
    staff: str
    gateway_pending: bool
    gateway_erased_at: datetime | None
    suppressed: int  # addresses newly put on the suppression list by this call


class PrivacyService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    # ---- Art. 15 ------------------------------------------------------------------------
    def export(
        self, customer_id: int, open_gateway: GatewayOpener | None = None, *, actor: Actor
    ) -> dict[str, Any]:
        """Everything about one customer: the desktop's part, then the gateway's."""
        return self.with_gateway_part(self.local_export(customer_id, actor=actor), open_gateway)

    def local_export(self, customer_id: int, *, actor: Actor) -> LocalExport:
        """The desktop's part, read in one transaction that also writes its audit entry
        (the export is counted when the data was read, whatever happens to the file)."""
        now = self._clock()
        with self._db.write() as s:
            current = authorize(s, actor, Permission.EXPORT_DATA)
            customer = _customer(s, customer_id)
            data = _desktop_export(s, customer, now)
            record(s, current, AuditAction.CUSTOMER_EXPORTED, now, f"customer:{customer_id}")
            return LocalExport(customer_id, customer.ref, data)

    def with_gateway_part(
        self, local: LocalExport, open_gateway: GatewayOpener | None
    ) -> dict[str, Any]:
        """``local`` plus the gateway's part when a gateway is set up; when it cannot be
        asked, a ``gateway`` part that says why (the desktop part is returned anyway).
        Talks HTTP only, never to the database."""
        data = dict(local.data)
        gateway = open_gateway() if open_gateway is not None else None
        if gateway is None:
            return data
        try:
            data["gateway"] = gateway.export_customer(local.customer_ref)
        except GatewayError as exc:
            log.warning("gateway export of customer %s failed (%s)", local.customer_id, exc.kind)
            note = GATEWAY_MISSING_NOTE.format(kind=exc.kind)
            data["gateway"] = {"error": exc.kind, "note": note}
        finally:
            gateway.close()
        return data

    # ---- consent evidence ------------------------------------------------------------------
    def consent_evidence(self, customer_id: int) -> ConsentEvidence:
        """What the consent evidence of one customer shows, read in one transaction; the
        statement texts come with whether they still match their SHA-256."""
        now = self._clock()
        with self._db.read() as s:
            customer = _customer(s, customer_id)
            consent = _consent_row(s, customer, now)
            digests = {
                entry.statement_sha256
                for info in consent.status.channels.values()
                for entry in info.history
                if entry.statement_sha256
            }
            texts = s.scalars(
                select(m.ConsentStatementText).where(m.ConsentStatementText.sha256.in_(digests))
            )
            statements = {
                t.sha256: StatementText(t.text, _sha256(t.text) == t.sha256)
                for t in sorted(texts, key=lambda t: t.sha256)
            }
            return ConsentEvidence(customer_row(customer), consent, statements, now)

    # ---- Art. 17 ------------------------------------------------------------------------
    def erase(
        self,
        customer_id: int,
        gateway: GatewayPort | None,
        staff_name: str | None = None,
        *,
        actor: Actor,
    ) -> ErasureRow:
        """Erase the customer; repeating it is harmless (and retries a pending gateway).

        ``gateway`` None: the gateway is not told now. If one is configured the erasure
        stays pending and the next sync tells it (the window erases without waiting for
        HTTP); without a configured gateway nothing is pending. ``staff_name``: who
        erased, asked for with the shared sign-in only (``access_guard.acting_name``)."""
        now = self._clock()
        with self._db.write() as s:
            current = authorize(s, actor, Permission.ERASE_CUSTOMERS)
            staff_name = acting_name(s, current, staff_name)
            customer = _customer(s, customer_id)
            [(erasure, added)] = erase_customers(
                s, [customer], staff_name, now, gateway_given=gateway is not None
            )
            details = {"erased_by": staff_name, "suppressed": added}
            record(s, current, AuditAction.CUSTOMER_ERASED, now, f"customer:{customer_id}", details)
            s.flush()
            row = _erasure_row(erasure, customer.ref, added)
        log.info("customer %s erased", customer_id)
        if gateway is not None and row.gateway_pending:
            return self._erase_at_gateway(row, gateway, added)
        return row

    def retry_gateway_erasures(self, gateway: GatewayPort) -> list[ErasureRow]:
        """Tell the gateway about erasures it missed; returns those still pending."""
        with self._db.read() as s:
            pending = [
                _erasure_row(e, ref, 0)
                for e, ref in s.execute(
                    select(m.Erasure, m.Customer.ref)
                    .join(m.Customer, m.Customer.id == m.Erasure.customer_id)
                    .where(m.Erasure.gateway_pending.is_(True))
                    .order_by(m.Erasure.customer_id)
                )
            ]
        done = [self._erase_at_gateway(row, gateway, 0) for row in pending]
        return [row for row in done if row.gateway_pending]

    def erasure(self, customer_id: int) -> ErasureRow | None:
        with self._db.read() as s:
            erasure = s.get(m.Erasure, customer_id)
            if erasure is None:
                return None
            return _erasure_row(erasure, _customer(s, customer_id).ref, 0)

    def _erase_at_gateway(self, row: ErasureRow, gateway: GatewayPort, added: int) -> ErasureRow:
        try:
            gateway.erase_customer(row.customer_ref)
        except GatewayError as exc:
            log.warning("gateway erasure of customer %s pending (%s)", row.customer_id, exc.kind)
            return row
        now = self._clock()
        with self._db.write() as s:
            erasure = s.get(m.Erasure, row.customer_id)
            assert erasure is not None  # erasures are never deleted
            erasure.gateway_pending = False
            erasure.gateway_erased_at = now
            return _erasure_row(erasure, row.customer_ref, added)


# ---- export -------------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _columns(row: Any, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every column of an ORM row, JSON-ready (new columns are exported without changes)."""
    return {
        c.key: _plain(getattr(row, c.key)) for c in row.__table__.columns if c.key not in exclude
    }


def _desktop_export(s: Session, customer: m.Customer, now: datetime) -> dict[str, Any]:
    cid = customer.id
    appointments = s.execute(
        select(m.Appointment, m.Staff.name, m.Treatment.name)
        .join(m.Staff, m.Staff.id == m.Appointment.staff_id)
        .join(m.Treatment, m.Treatment.id == m.Appointment.service_id)
        .where(m.Appointment.customer_id == cid)
        .order_by(m.Appointment.starts_at, m.Appointment.id)
    )
    ledger = list(
        s.scalars(
            select(m.ConsentLedgerEntry)
            .where(m.ConsentLedgerEntry.customer_id == cid)
            .order_by(m.ConsentLedgerEntry.id)
        )
    )
    hashes = {e.statement_sha256 for e in ledger if e.statement_sha256}
    statements = s.scalars(
        select(m.ConsentStatementText).where(m.ConsentStatementText.sha256.in_(hashes))
    )
    messages = list(
        s.scalars(
            select(m.OutboxMessage)
            .where(m.OutboxMessage.customer_id == cid)
            .order_by(m.OutboxMessage.id)
        )
    )
    campaign_ids = {o.campaign_id for o in messages if o.campaign_id is not None}
    campaigns = s.scalars(
        select(m.Campaign).where(m.Campaign.id.in_(campaign_ids)).order_by(m.Campaign.id)
    )
    inbound = s.scalars(
        select(m.InboundMessage)
        .where(m.InboundMessage.customer_id == cid)
        .order_by(m.InboundMessage.at, m.InboundMessage.id)
    )
    online_requests = s.scalars(
        select(m.OnlineRequest)
        .where(m.OnlineRequest.customer_id == cid)
        .order_by(m.OnlineRequest.id)
    )
    waitlist = list(
        s.scalars(
            select(m.WaitlistEntry)
            .where(m.WaitlistEntry.customer_id == cid)
            .order_by(m.WaitlistEntry.id)
        )
    )
    offers = s.scalars(
        select(m.WaitlistOffer)
        .where(m.WaitlistOffer.entry_id.in_([e.id for e in waitlist]))
        .order_by(m.WaitlistOffer.id)
    )
    offers_of: dict[int, list[dict[str, Any]]] = {}
    for offer in offers:
        offers_of.setdefault(offer.entry_id, []).append(_columns(offer))
    erasure = s.get(m.Erasure, cid)
    status = _consent_row(s, customer, now)
    return {
        "format": EXPORT_FORMAT,
        "exported_at": now.isoformat(),
        "customer": _columns(customer, exclude=("first_name_key", "last_name_key")),
        "erasure": _columns(erasure) if erasure is not None else None,
        "appointments": [
            {**_columns(a), "staff": staff, "service": service}
            for a, staff, service in appointments
        ],
        "consent": consent_json(status),
        "consent_ledger": [_columns(e) for e in ledger],
        "consent_statements": [
            _columns(t) for t in sorted(statements, key=lambda t: (t.version, t.sha256))
        ],
        "messages": [_columns(o) for o in messages],
        "inbound_messages": [_columns(i) for i in inbound],
        "online_requests": [_columns(r) for r in online_requests],
        # The waitlist wishes and the offers made on each (issue 14).
        "waitlist_entries": [{**_columns(e), "offers": offers_of.get(e.id, [])} for e in waitlist],
        "campaigns": [_columns(c, exclude=("filters", "queued", "excluded")) for c in campaigns],
    }


def _consent_row(s: Session, customer: m.Customer, now: datetime) -> CustomerConsentRow:
    return CustomerConsentRow(
        customer_id=customer.id,
        email=customer.email,
        phone=customer.phone,
        status=consent_status(s, customer.id, now),
    )


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---- erasure ------------------------------------------------------------------------------
# Customers erased together per round of statements: bounded IN lists on both backends.
ERASE_CHUNK = 500


def erase_customers(
    s: Session,
    customers: Sequence[m.Customer],
    staff_name: str,
    now: datetime,
    *,
    gateway_given: bool = False,
) -> list[tuple[m.Erasure, int]]:
    """The one anonymisation path, in the caller's transaction: an Art. 17 erasure of one
    customer (``PrivacyService.erase``) and the retention period's of many
    (``services.retention``) both go through here, so both keep and remove the same.

    Per customer, in the given order: its ``Erasure`` row and how many of its addresses
    were newly put on the suppression list. The gateway is to be told (the row is
    pending) when one is configured or ``gateway_given`` (the caller tells it at once).
    Erasing an erased customer again is harmless."""
    tell_gateway = gateway_given or bool(read_settings(s).gateway_url)
    # The customers' rows and their addresses' locks first, each in one order
    # (PostgreSQL): a retention run erasing 2,000 customers otherwise collected their
    # buckets in id order, chunk by chunk, and deadlocked with an import or a counter
    # PC holding one of them.
    audience_facts.lock_customers(s.connection(), [c.id for c in customers])
    done: list[tuple[m.Erasure, int]] = []
    for start in range(0, len(customers), ERASE_CHUNK):
        chunk = customers[start : start + ERASE_CHUNK]
        addresses = _addresses(s, chunk)
        added = {c.id: suppress(s, addresses[c.id], ERASED, now) for c in chunk}
        _erase_personal_data(s, chunk, set().union(*addresses.values()))
        ids = [c.id for c in chunk]
        erasures = {
            e.customer_id: e
            for e in s.scalars(select(m.Erasure).where(m.Erasure.customer_id.in_(ids)))
        }
        for customer in chunk:
            erasure = erasures.get(customer.id)
            if erasure is None:
                erasure = m.Erasure(
                    customer_id=customer.id,
                    erased_at=now,
                    staff=staff_name,
                    gateway_pending=tell_gateway,
                )
                s.add(erasure)
            elif tell_gateway and erasure.gateway_erased_at is None:
                erasure.gateway_pending = True
            done.append((erasure, added[customer.id]))
    return done


def _addresses(s: Session, customers: Sequence[m.Customer]) -> dict[int, set[str]]:
    """Every address of each customer the desktop knows, also earlier ones."""
    found: dict[int, set[str]] = {c.id: {a for a in (c.email, c.phone) if a} for c in customers}
    ids = list(found)
    for customer_id, address in s.execute(
        select(m.OutboxMessage.customer_id, m.OutboxMessage.to_address).where(
            m.OutboxMessage.customer_id.in_(ids)
        )
    ):
        if address:
            found[customer_id].add(address)
    for owner, proof_address in s.execute(
        select(m.ConsentLedgerEntry.customer_id, m.ConsentLedgerEntry.address).where(
            m.ConsentLedgerEntry.customer_id.in_(ids)
        )
    ):
        if proof_address:
            found[owner].add(proof_address)
    return found


def _erase_personal_data(s: Session, customers: Sequence[m.Customer], addresses: set[str]) -> None:
    ids = [c.id for c in customers]
    appointment_ids = select(m.Appointment.id).where(m.Appointment.customer_id.in_(ids))
    s.execute(
        update(m.OutboxMessage)
        .where(m.OutboxMessage.appointment_id.in_(appointment_ids))
        .values(appointment_id=None)
    )
    s.execute(
        update(m.OutboxMessage)
        .where(m.OutboxMessage.customer_id.in_(ids), m.OutboxMessage.status.in_(UNSENT))
        .values(status=OutboxStatus.REJECTED.value, reason=ERASED)
    )
    s.execute(
        update(m.OutboxMessage)
        .where(m.OutboxMessage.customer_id.in_(ids))
        .values(to_address="", subject="", body="", payload={}, last_error=None)
    )
    _erase_online_requests(s, ids, appointment_ids, addresses)
    # What they waited for is their history too (and names their appointments).
    entry_ids = select(m.WaitlistEntry.id).where(m.WaitlistEntry.customer_id.in_(ids))
    s.execute(delete(m.WaitlistOffer).where(m.WaitlistOffer.entry_id.in_(entry_ids)))
    s.execute(delete(m.WaitlistEntry).where(m.WaitlistEntry.customer_id.in_(ids)))
    s.execute(delete(m.Appointment).where(m.Appointment.customer_id.in_(ids)))
    s.execute(delete(m.AppointmentSeries).where(m.AppointmentSeries.customer_id.in_(ids)))
    s.execute(delete(m.InboundMessage).where(m.InboundMessage.customer_id.in_(ids)))
    s.execute(delete(m.CustomerNameTerm).where(m.CustomerNameTerm.customer_id.in_(ids)))
    drop_search_keys(s, ids)  # found by nothing any more, not by the old name or address
    for customer in customers:
        customer.first_name = ""
        customer.last_name = ERASED_NAME
        customer.first_name_key = ""
        customer.last_name_key = name_key(ERASED_NAME)
        customer.email = None
        customer.email_bounced_at = None
        customer.phone = None
        customer.phone_digits = None
        customer.phone_bounced_at = None
        customer.birthday = None
        customer.street = ""
        customer.postal_code = ""
        customer.city = ""
        customer.notes = ""
        customer.preferred_channel = None
        customer.objection_notice_given = False


def _erase_online_requests(
    s: Session, ids: Sequence[int], appointment_ids: Select[Any], addresses: set[str]
) -> None:
    """Requests from the booking page hold the form (names, addresses, note, IP): those
    of the customers, and those still waiting that name one of their addresses, keep
    only what they were (kind, state, reason, times)."""
    bookings = set(s.scalars(appointment_ids))
    theirs_ids = set(ids)
    requests = s.scalars(
        select(m.OnlineRequest).where(
            or_(
                m.OnlineRequest.customer_id.in_(ids),
                m.OnlineRequest.appointment_id.in_(appointment_ids),
                m.OnlineRequest.customer_id.is_(None),
            )
        )
    )
    for request in requests:
        data = request.data or {}
        theirs = request.customer_id in theirs_ids or request.appointment_id in bookings
        named = {data.get("email"), data.get("phone")} & addresses
        if theirs or named:
            request.data = {}
            request.appointment_id = None
    s.flush()


def _customer(s: Session, customer_id: int) -> m.Customer:
    customer = s.get(m.Customer, customer_id)
    if customer is None:
        raise NotFound("customer", str(customer_id))
    return customer


def _erasure_row(erasure: m.Erasure, ref: str, added: int) -> ErasureRow:
    return ErasureRow(
        customer_id=erasure.customer_id,
        customer_ref=ref,
        erased_at=erasure.erased_at,
        staff=erasure.staff,
        gateway_pending=erasure.gateway_pending,
        gateway_erased_at=erasure.gateway_erased_at,
        suppressed=added,
    )
