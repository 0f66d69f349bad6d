"""Recording consent declarations and withdrawals (DESIGN.md 2 and 2.1).

Staff can only *declare* consent (after asking) or record a withdrawal; the state
``confirmed`` is reached solely through the customer's click, which arrives as a
gateway event. Every write is a new ledger row; nothing is ever updated.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.consent import ConsentStatus
from desk_app.domain.contact import can_receive_sms, is_valid_email
from desk_app.domain.enums import (
    AuditAction,
    Category,
    Channel,
    ConsentEvent,
    ConsentSource,
    ConsentState,
    Permission,
)
from desk_app.domain.errors import (
    ConsentAlreadyConfirmed,
    ConsentNotAgreed,
    ConsentPending,
    InvalidField,
    NoAddressForChannel,
    NotFound,
    StatementChanged,
    Unreachable,
)
from desk_app.domain.statements import ConsentStatement, render_statement
from desk_app.services.access_guard import acting_name, authorize
from desk_app.services.audit import record
from desk_app.services.consent_addresses import locked_customer, refuse_unreachable, unreachable
from desk_app.services.consent_request import ConsentRequestPayload
from desk_app.services.objection import apply_objection
from desk_app.services.outbox import NewMessage, enqueue
from desk_app.services.recipients import address_of, consent_status
from desk_app.services.rows import ConfirmedDeclaration, CustomerConsentRow, DeclarationRow
from desk_app.services.settings_store import read_settings

STAFF_SOURCES = frozenset({ConsentSource.PHONE, ConsentSource.IN_PERSON, ConsentSource.WRITTEN})


def usable_channels(customer: m.Customer) -> list[Channel]:
    """Channels consent can be asked for: a valid email; a phone that can receive SMS."""
    usable = []
    if customer.email and is_valid_email(customer.email):
        usable.append(Channel.EMAIL)
    if customer.phone and can_receive_sms(customer.phone):
        usable.append(Channel.SMS)
    return usable


class ConsentService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def statement_for(self, customer_id: int, channels: Iterable[Channel]) -> ConsentStatement:
        """The text staff read aloud before declaring (same text the ledger hashes)."""
        with self._db.read() as s:
            customer = _customer(s, customer_id)
            return render_statement(
                read_settings(s).salon_name, tuple(channels), language=customer.language
            )

    def usable_channels(self, customer_id: int) -> list[Channel]:
        with self._db.read() as s:
            return usable_channels(_customer(s, customer_id))

    def unreachable_channels(self, customer_id: int) -> dict[Channel, Unreachable]:
        """Channels whose address may not be asked (``bounced`` or ``suppressed``), so
        the window can say so before anyone reads the statement aloud."""
        with self._db.read() as s:
            customer = _customer(s, customer_id)
            found = {c: unreachable(s, customer, c) for c in usable_channels(customer)}
        return {c: why for c, why in found.items() if why is not None}

    def channels_to_declare(self, customer_id: int, requested: Channel | None) -> list[Channel]:
        """Which channels a declaration covers: the one asked for; for all (None) the
        usable channels (with an address) neither confirmed nor pending, nor bounced or
        suppressed (``declare`` would refuse them). When that leaves
        none, the usable channels (``declare`` says they are pending or confirmed, not that
        an address nobody asked about is missing), or every channel when none is usable
        (``declare`` says there is no address)."""
        if requested is not None:
            return [requested]
        now = self._clock()
        with self._db.read() as s:
            customer = _customer(s, customer_id)
            confirmed = consent_status(s, customer.id, now)
            usable = usable_channels(customer)
            dead = {c for c in usable if unreachable(s, customer, c) is not None}
        settled = (ConsentState.CONFIRMED, ConsentState.PENDING)
        wanted = [c for c in usable if confirmed.state(c) not in settled and c not in dead]
        return wanted or usable or list(Channel)

    def declare(
        self,
        customer_id: int,
        channels: Iterable[Channel],
        source: ConsentSource,
        staff_name: str | None,
        customer_agreed: bool,
        shown_statement_sha256: str | None = None,
        *,
        actor: Actor = SHARED_COUNTER,
    ) -> list[DeclarationRow]:
        """Record that the customer agreed just now, and queue a confirmation per channel.

        ``shown_statement_sha256``: the hash of the statement staff read out (from
        ``statement_for``). The statement is rendered here once, recorded with this hash
        and queued with it; if it is not the text that was shown (the salon name changed
        meanwhile), nothing is recorded (``StatementChanged``). None where the caller
        shows no text of its own (the command line prints it with ``consent statement``).

        Who asked (the ledger's ``staff``) is the signed-in ``actor``; with the shared
        sign-in, the ``staff_name`` the dialog asked for (``access_guard.acting_name``).
        """
        if not customer_agreed:
            raise ConsentNotAgreed()
        wanted = [ch for ch in Channel if ch in set(channels)]
        if not wanted:
            raise InvalidField("channel", "required")
        if source not in STAFF_SOURCES:
            raise InvalidField("source", "not_a_staff_source", source.value)
        now = self._clock()
        with self._db.write() as s:
            # Locked before the ledger is read: two counter PCs declaring at once take
            # turns, and the second one sees the first one's pending request.
            current = authorize(s, actor, Permission.RECORD_CONSENT)
            staff = acting_name(s, current, staff_name)
            customer = locked_customer(s, customer_id)
            usable = usable_channels(customer)
            status = consent_status(s, customer.id, now)
            for channel in wanted:
                if channel not in usable:
                    raise NoAddressForChannel(channel)
                refuse_second_declaration(status, channel)
                refuse_unreachable(s, customer, channel)
            statement = render_statement(
                read_settings(s).salon_name, tuple(wanted), language=customer.language
            )
            if shown_statement_sha256 is not None and shown_statement_sha256 != statement.sha256:
                raise StatementChanged(shown_statement_sha256, statement.sha256)
            store_statement(s, statement)
            details = _audit_details(wanted, source, staff)
            details["statement_sha256"] = statement.sha256
            subject = f"customer:{customer.id}"
            record(s, current, AuditAction.CONSENT_DECLARED, now, subject, details)
            return [
                declare_channel(s, customer, channel, source, staff, statement, now)
                for channel in wanted
            ]

    def revoke(
        self,
        customer_id: int,
        channels: Iterable[Channel],
        source: ConsentSource,
        staff_name: str | None,
        *,
        actor: Actor = SHARED_COUNTER,
    ) -> CustomerConsentRow:
        """Record a withdrawal on the customer's request (one ledger row per channel);
        who recorded it as in ``declare``."""
        wanted = [ch for ch in Channel if ch in set(channels)]
        if not wanted:
            raise InvalidField("channel", "required")
        now = self._clock()
        with self._db.write() as s:
            current = authorize(s, actor, Permission.RECORD_CONSENT)
            staff = acting_name(s, current, staff_name)
            customer = _customer(s, customer_id)
            details = _audit_details(wanted, source, staff)
            subject = f"customer:{customer.id}"
            record(s, current, AuditAction.CONSENT_REVOKED, now, subject, details)
            for channel in wanted:
                s.add(
                    m.ConsentLedgerEntry(
                        customer_id=customer.id,
                        channel=channel.value,
                        event=ConsentEvent.REVOKED.value,
                        at=now,
                        source=source.value,
                        staff=staff,
                        address=address_of(customer, channel),
                    )
                )
            s.flush()
            return _consent_row(s, customer, now)

    def record_objection(
        self,
        customer_id: int,
        source: ConsentSource,
        staff_name: str | None,
        *,
        actor: Actor = SHARED_COUNTER,
    ) -> CustomerConsentRow:
        """The customer objects to every message but those they ask for ("Abmelden"),
        told to staff: a channel-less ledger row, and the notify switch of their open
        bookings turns off (services.objection), as when they click the link."""
        if source not in STAFF_SOURCES:
            raise InvalidField("source", "not_a_staff_source", source.value)
        now = self._clock()
        with self._db.write() as s:
            current = authorize(s, actor, Permission.RECORD_CONSENT)
            staff = acting_name(s, current, staff_name)
            customer = _customer(s, customer_id)
            details = {"source": source.value, "recorded_by": staff}
            subject = f"customer:{customer.id}"
            record(s, current, AuditAction.OBJECTION_RECORDED, now, subject, details)
            s.add(
                m.ConsentLedgerEntry(
                    customer_id=customer.id,
                    channel=None,
                    event=ConsentEvent.OBJECTED.value,
                    at=now,
                    source=source.value,
                    staff=staff,
                )
            )
            s.flush()
            apply_objection(s, customer.id, now)
            return _consent_row(s, customer, now)

    def status(self, customer_id: int) -> CustomerConsentRow:
        now = self._clock()
        with self._db.read() as s:
            return _consent_row(s, _customer(s, customer_id), now)

    def confirmed_declarations(self) -> list[ConfirmedDeclaration]:
        """Every consent currently confirmed, with what a gateway needs to know about it
        (used to tell the local demo gateway about the demo salon's consents)."""
        cc, c, e = m.CustomerConsent, m.Customer, m.ConsentLedgerEntry
        found: list[ConfirmedDeclaration] = []
        with self._db.read() as s:
            for channel, basis in ((Channel.EMAIL, cc.email_basis), (Channel.SMS, cc.sms_basis)):
                confirmation = aliased(m.ConsentLedgerEntry)
                confirmed_at = (
                    select(func.max(confirmation.at))
                    .where(
                        confirmation.request_id == basis,
                        confirmation.event == ConsentEvent.CONFIRMED.value,
                    )
                    .scalar_subquery()
                )
                rows = s.execute(
                    select(basis, c.ref, c.language, e, m.ConsentStatementText.text, confirmed_at)
                    .join(c, c.id == cc.customer_id)
                    .join(e, and_(e.request_id == basis, e.event == ConsentEvent.DECLARED.value))
                    .outerjoin(
                        m.ConsentStatementText,
                        m.ConsentStatementText.sha256 == e.statement_sha256,
                    )
                    .where(basis.is_not(None))
                )
                for request_id, ref, language, declared, text, at in rows:
                    found.append(
                        ConfirmedDeclaration(
                            request_id=str(request_id),
                            customer_ref=ref,
                            channel=channel,
                            address=declared.address or "",
                            statement_version=declared.statement_version or "",
                            statement_text=text or "",
                            source=declared.source or "",
                            staff=declared.staff,
                            declared_at=declared.at,
                            confirmed_at=at or declared.at,
                            language=language,
                        )
                    )
        return found

    def statement_text(self, sha256: str) -> str | None:
        with self._db.read() as s:
            row = s.get(m.ConsentStatementText, sha256)
            return row.text if row else None


def store_statement(s: Session, statement: ConsentStatement) -> None:
    """Keep the exact text agreed to, under its hash (the ledger rows reference it)."""
    if s.get(m.ConsentStatementText, statement.sha256) is None:
        s.add(
            m.ConsentStatementText(
                sha256=statement.sha256,
                version=statement.version,
                language=statement.language,
                text=statement.text,
            )
        )
        s.flush()


def declare_channel(
    s: Session,
    customer: m.Customer,
    channel: Channel,
    source: ConsentSource,
    staff_name: str | None,
    statement: ConsentStatement,
    now: datetime,
    *,
    ip: str | None = None,
    user_agent: str | None = None,
    carried_by: str | None = None,
) -> DeclarationRow:
    """One channel's ``declared`` ledger row (the statement stored before) and its
    confirmation request queued in the outbox; the caller checked the address.

    ``ip``/``user_agent``: the evidence of an online submission; ``carried_by``: the
    client_id of the message that will carry the confirmation link.
    """
    request_id = str(uuid.uuid4())
    address = address_of(customer, channel)
    assert address is not None  # checked by the caller (usable_channels)
    s.add(
        m.ConsentLedgerEntry(
            customer_id=customer.id,
            channel=channel.value,
            event=ConsentEvent.DECLARED.value,
            at=now,
            source=source.value,
            staff=staff_name,
            request_id=request_id,
            statement_version=statement.version,
            statement_sha256=statement.sha256,
            address=address,
            ip=ip,
            user_agent=user_agent,
        )
    )
    s.flush()
    message, decision = enqueue(
        s,
        NewMessage(
            customer_id=customer.id,
            channel=channel,
            category=Category.CONSENT_REQUEST,
            kind="consent_request",
            to_address=address,
            client_id=request_id,
        ),
        now,
        read_settings(s).time_zone,
    )
    # The declaration was just written, so the policy can only refuse a bad address,
    # which the caller already excluded.
    assert message is not None, decision
    message.payload = ConsentRequestPayload.declared(
        request_id, statement, source, staff_name, now, ip, user_agent, carried_by
    ).to_json()
    return DeclarationRow(
        channel=channel,
        request_id=request_id,
        statement_version=statement.version,
        statement_sha256=statement.sha256,
        outbox_client_id=message.client_id,
    )


def _customer(s: Session, customer_id: int) -> m.Customer:
    customer = s.get(m.Customer, customer_id)
    if customer is None:
        raise NotFound("customer", str(customer_id))
    return customer


def refuse_second_declaration(status: ConsentStatus, channel: Channel) -> None:
    """Staff declare a channel only when no consent is in place or on its way there."""
    info = status.channels[channel]
    if info.state is ConsentState.CONFIRMED:
        raise ConsentAlreadyConfirmed(channel)
    if info.state is ConsentState.PENDING:
        declared_at = info.declaration.at if info.declaration else info.since
        assert declared_at is not None  # pending is entered by a declaration
        raise ConsentPending(channel, declared_at)


def _audit_details(channels: list[Channel], source: ConsentSource, staff: str) -> dict[str, object]:
    return {"channels": [c.value for c in channels], "source": source.value, "staff": staff}


def _consent_row(s: Session, customer: m.Customer, now: datetime) -> CustomerConsentRow:
    status: ConsentStatus = consent_status(s, customer.id, now)
    return CustomerConsentRow(
        customer_id=customer.id, email=customer.email, phone=customer.phone, status=status
    )
