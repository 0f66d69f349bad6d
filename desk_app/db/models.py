"""The desktop database schema (SQLAlchemy 2.0 typed declarative models).

Every change here needs an Alembic migration in ``desk_app/db/migrations/versions``.
Times are aware UTC (``UTCDateTime``); local times only for opening hours.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship

from desk_app.domain.contact import can_receive_sms, is_valid_email
from desk_sql.schema import named_metadata, utcnow
from desk_sql.types import UTCDateTime


def new_ref() -> str:
    return str(uuid.uuid4())


def _email_usable(context: DefaultExecutionContext) -> bool:
    # Untyped in SQLAlchemy's stubs; returns the row's parameters as a dict.
    email = context.get_current_parameters().get("email")  # type: ignore[no-untyped-call]
    return bool(email) and is_valid_email(email)


def _phone_takes_sms(context: DefaultExecutionContext) -> bool:
    # Untyped in SQLAlchemy's stubs; returns the row's parameters as a dict.
    phone = context.get_current_parameters().get("phone")  # type: ignore[no-untyped-call]
    return bool(phone) and can_receive_sms(phone)


class Base(DeclarativeBase):
    metadata = named_metadata()


class Setting(Base):
    """Salon-wide settings that every counter PC shares (salon name, time zone, …)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    colour: Mapped[str | None] = mapped_column(String(9))
    online: Mapped[bool] = mapped_column(Boolean, default=True)  # may be chosen online
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StaffCredential(Base):
    """A staff member's PIN (issue 12): a salted scrypt hash only (``services.pin_hash``),
    and the wrong tries since the last good one. In the database, not per PC, so a
    lockout holds at every counter. Kept apart from ``staff`` so that listing the staff
    never reads a hash."""

    __tablename__ = "staff_credentials"
    __table_args__ = (CheckConstraint("failed_attempts >= 0", name="failures_not_negative"),)

    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True
    )
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:  # never the hash, not even in a traceback
        return f"StaffCredential(staff_id={self.staff_id!r})"


class PinEntryCounter(Base):
    """Wrong PINs typed without picking a member first (issue 12: switching the person
    takes the PIN alone, like a till). Such a miss belongs to nobody, so it is counted
    salon-wide, in one row (``id`` 1), and locks PIN-alone entry at every counter PC;
    picking one's name first still works with that member's own counter."""

    __tablename__ = "pin_entry_counter"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("failed_attempts >= 0", name="failures_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """Append-only like the consent ledger: database triggers refuse UPDATE and DELETE
    (migration 0015). Who (the member's id, and name and role as they were then), when
    (UTC), what (``AuditAction``), on what (``subject``, e.g. ``customer:12``) and the
    details (JSON; never a PIN or any other secret). No foreign key to ``staff``: the
    entry outlives any change to the member."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_member", "member_id", "id"),
        Index("ix_audit_log_action", "action", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    member_id: Mapped[int | None] = mapped_column(Integer)  # None: the shared sign-in
    member_name: Mapped[str] = mapped_column(String(80))
    member_role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(120), default="")
    details: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


class StaffToken(Base):
    """A command-line token for unattended jobs (issue 12), issued by the owner for one
    member: the token acts as that member, with the role the member has at each use.
    Only the SHA-256 of the token is stored (``services.staff_tokens`` says why that is
    enough); who issued it is kept by id and by name as it was then, like the audit log."""

    __tablename__ = "staff_tokens"
    __table_args__ = (
        CheckConstraint("expires_at > issued_at", name="expires_after_issue"),
        Index("ix_staff_tokens_staff", "staff_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(80), default="", server_default="")
    issued_by_id: Mapped[int | None] = mapped_column(Integer)
    issued_by_name: Mapped[str] = mapped_column(String(80))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:  # never the hash, not even in a traceback
        return f"StaffToken(id={self.id!r}, staff_id={self.staff_id!r})"


class Treatment(Base):
    """A treatment on the salon's menu (shown as "Service"/"Leistung"); in code "service"
    means the use-case layer, so the class says treatment. The table keeps its name."""

    __tablename__ = "salon_services"
    __table_args__ = (
        CheckConstraint("minutes > 0", name="minutes_positive"),
        CheckConstraint("price_cents >= 0", name="price_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    minutes: Mapped[int] = mapped_column(Integer)
    price_cents: Mapped[int] = mapped_column(Integer, default=0)
    category: Mapped[str] = mapped_column(String(60), default="")
    colour: Mapped[str] = mapped_column(String(9), default="#7f8c8d")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    online: Mapped[bool] = mapped_column(Boolean, default=True)  # bookable online
    description: Mapped[str] = mapped_column(Text, default="")  # shown on the booking page
    # Processing time (revision 0025, domain.phases.ServicePhases): this many minutes of
    # processing, starting this many minutes in; 0 and 0: one working phase.
    processing_after_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    processing_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class OpeningHours(Base):
    """One opening interval in salon-local time; a day may have several (lunch break)."""

    __tablename__ = "opening_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("opens < closes", name="opens_before_closes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    weekday: Mapped[int] = mapped_column(Integer)
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)


class StaffHours(Base):
    """One interval of a staff member's weekly hours (salon-local); a member without
    any works the salon's opening hours."""

    __tablename__ = "staff_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("opens < closes", name="opens_before_closes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)


class Closure(Base):
    """Days the whole salon is closed (holidays, the inclusive local dates)."""

    __tablename__ = "closures"
    __table_args__ = (CheckConstraint("starts_on <= ends_on", name="starts_before_ends"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class Absence(Base):
    """A staff member's absence (holiday, sickness) or break."""

    __tablename__ = "absences"
    __table_args__ = (CheckConstraint("starts_at < ends_at", name="starts_before_ends"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (
        Index("ix_customers_last_name_key", "last_name_key"),
        Index("ix_customers_list_order", "last_name_key", "first_name_key", "id"),
        Index("ix_customers_first_name_key", "first_name_key"),
        Index("ix_customers_email", "email"),
        Index("ix_customers_email_lower", sql_text("lower(email)")),
        Index("ix_customers_phone", "phone"),
        Index("ix_customers_phone_digits", "phone_digits"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(36), unique=True, default=new_ref)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    # Folded search keys ("Müller" → "mueller") so prefix search uses an index.
    first_name_key: Mapped[str] = mapped_column(String(80))
    last_name_key: Mapped[str] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(254))
    email_bounced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    phone: Mapped[str | None] = mapped_column(String(20))  # E.164
    phone_digits: Mapped[str | None] = mapped_column(String(20))  # national significant number
    phone_bounced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Derived from email/phone when they are written (see the ORM events below), so the
    # audience query can tell usable addresses apart in SQL.
    email_valid: Mapped[bool] = mapped_column(Boolean, default=_email_usable)
    phone_takes_sms: Mapped[bool] = mapped_column(Boolean, default=_phone_takes_sms)
    birthday: Mapped[date | None] = mapped_column(Date)
    street: Mapped[str] = mapped_column(String(120), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    preferred_channel: Mapped[str | None] = mapped_column(String(8))
    language: Mapped[str] = mapped_column(String(8), default="de")
    # UWG §7(3): the customer was told of the right to object when the email was collected.
    objection_notice_given: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class CustomerNameTerm(Base):
    """Each folded part of a customer's names, so "Lüdenscheidt" finds "Müller-Lüdenscheidt"
    with an index range scan (a LIKE '%…%' over the names would read every row)."""

    __tablename__ = "customer_name_terms"
    __table_args__ = (Index("ix_customer_name_terms_term", "term"),)

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(String(80), primary_key=True)


def _bytewise(length: int) -> String:
    # PostgreSQL: compared byte by byte whatever the database's collation, so a prefix
    # range (``x >= 'mue' AND x < 'mue' || U+10FFFF``) is exactly "starts with" there too
    # (SQLite compares bytes anyway).
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class CustomerSearchKey(Base):
    """The customer list's search index (``desk_app.domain.search_keys``): one row per
    short prefix ("bucket") of a name part, phone number or email address, carrying the
    customer's place in the list and the whole text, so the matches of any prefix come
    along one index in list order. Rewritten with the name terms on every write."""

    __tablename__ = "customer_search_keys"
    __table_args__ = (
        Index("ix_customer_search_keys_customer_id", "customer_id"),
        # SQLite: the table *is* the index (no second copy of every row).
        {"sqlite_with_rowid": False},
    )

    bucket: Mapped[str] = mapped_column(_bytewise(80), primary_key=True)
    # Same type and collation as the customers' list keys: the order is the list's.
    last_name_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    first_name_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(_bytewise(255), primary_key=True)


class Appointment(Base):
    __tablename__ = "appointments"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
        # Also: at most 24 hours long (scheduling.MAX_APPOINTMENT_LENGTH), a CHECK on
        # PostgreSQL and triggers on SQLite (revision 0010); the calendar's queries
        # rely on it to read a day along this index.
        Index("ix_appointments_staff_starts", "staff_id", "starts_at"),
        Index("ix_appointments_customer", "customer_id", "starts_at"),
        # Covers "has this customer a (completed) appointment (before/after …)?" for the
        # campaign audience without touching the table.
        Index("ix_appointments_customer_status", "customer_id", "status", "starts_at"),
        # Who had a service of one category: the audience's filter reads the completed
        # appointments of the category's few services only (revision 0014).
        Index("ix_appointments_done_service", "service_id", "status", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Names the booking towards the gateway (its manage page, the outcome of a request).
    ref: Mapped[str] = mapped_column(String(36), unique=True, default=new_ref)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("salon_services.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="booked")
    source: Mapped[str] = mapped_column(String(16), default="counter")
    notify: Mapped[bool] = mapped_column(Boolean, default=True)
    # When the notify switch was set on purpose (staff, or the customer online); None:
    # never, it has its default from booking time. An objection turns the switch off
    # unless it was set after the objection (DESIGN.md 2).
    notify_set_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    online_request_id: Mapped[str | None] = mapped_column(String(64))  # booked from it
    # One occurrence of a recurring series (revision 0023): its series and its place in
    # the rule's expansion (0 = the first), kept when the occurrence is moved.
    series_id: Mapped[int | None] = mapped_column(ForeignKey("appointment_series.id"), index=True)
    series_index: Mapped[int | None] = mapped_column(Integer)
    # Cancelled inside the salon's cutoff (revision 0022; domain.attendance): counts
    # against the customer. Only ever true together with the status "cancelled".
    late_cancellation: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The processing phase as laid out at booking (revision 0025, domain.phases): both
    # None, or strictly inside the appointment. During it the stylist may work for
    # someone else; the database refuses overlaps of working phases only.
    processing_starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    processing_ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    customer: Mapped[Customer] = relationship(lazy="raise")
    staff: Mapped[Staff] = relationship(lazy="raise")
    service: Mapped[Treatment] = relationship(lazy="raise")


class AppointmentSeries(Base):
    """A recurring series as booked (domain.recurrence): the rule, and who for. Its
    appointments carry ``series_id``; the rule is kept to show it and to count
    ("3 of 10"), never to create appointments later."""

    __tablename__ = "appointment_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    frequency: Mapped[str] = mapped_column(String(16))  # recurrence.Frequency
    interval: Mapped[int] = mapped_column(Integer)
    occurrences: Mapped[int] = mapped_column(Integer)  # as expanded when booked
    until: Mapped[date | None] = mapped_column(Date)  # None: a count rule
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("salon_services.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConsentStatementText(Base):
    """Every statement text ever shown, keyed by its SHA-256 (evidence of what was agreed)."""

    __tablename__ = "consent_statements"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)


class ConsentLedgerEntry(Base):
    """Append-only: database triggers refuse UPDATE and DELETE (see the first migration)."""

    __tablename__ = "consent_ledger"
    __table_args__ = (Index("ix_consent_ledger_customer", "customer_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    channel: Mapped[str | None] = mapped_column(String(8))  # None: customer-level objection
    event: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[str | None] = mapped_column(String(16))
    staff: Mapped[str | None] = mapped_column(String(80))
    request_id: Mapped[str | None] = mapped_column(String(36), index=True)
    statement_version: Mapped[str | None] = mapped_column(String(32))
    statement_sha256: Mapped[str | None] = mapped_column(ForeignKey("consent_statements.sha256"))
    address: Mapped[str | None] = mapped_column(String(254))  # the address the request went to
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(400))
    message_id: Mapped[str | None] = mapped_column(String(120))
    gateway_seq: Mapped[int | None] = mapped_column(Integer)  # event that recorded it, if any


class OutboxMessage(Base):
    """A message waiting for, or handed to, the gateway. ``client_id`` never changes."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status", "status", "id"),
        Index("ix_outbox_customer", "customer_id", "created_at"),
        Index("ix_outbox_campaign", "campaign_id", "status"),
        # Deleting an appointment looks here (the foreign key): 0029.
        Index("ix_outbox_appointment", "appointment_id"),
        # One message per recipient and campaign, whoever queues it (migration 0013).
        Index("ux_outbox_campaign_customer", "campaign_id", "customer_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_ref)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointments.id"))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"))
    channel: Mapped[str] = mapped_column(String(8))
    category: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(40))  # template: booking_confirmation, …
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    reason: Mapped[str | None] = mapped_column(String(40))
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime)
    not_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # hand-overs tried
    # Hand-overs that ended in gateway trouble; at MAX_GATEWAY_FAILURES it is given up.
    gateway_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class SyncState(Base):
    """Where the last sync stopped, per gateway (the event cursor), kept with the data."""

    __tablename__ = "sync_state"

    gateway: Mapped[str] = mapped_column(String(200), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    # The latest GET /v1/status answer ({"email": {"state", "error", "since"}, "sms": …});
    # None: unknown (not asked yet, or a gateway without the endpoint).
    gateway_status: Mapped[dict[str, object] | None] = mapped_column(JSON)
    gateway_status_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class InboundMessage(Base):
    """An SMS a customer sent to the salon (not a STOP): shown to staff."""

    __tablename__ = "inbound_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    channel: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    gateway_seq: Mapped[int | None] = mapped_column(Integer)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CustomerConsent(Base):
    """The consent ledger replayed per customer, kept up to date on every ledger insert
    (``desk_app.db.consent_projection``), so who may be reached is one join in SQL.

    A pending declaration expires by time alone: the state is ``pending`` with
    ``*_pending_until``; readers treat it as ``expired`` once that moment has passed.
    No row means: no ledger entries, nothing declared, no objection.
    """

    __tablename__ = "customer_consent"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    objected: Mapped[bool] = mapped_column(Boolean, default=False)
    email_state: Mapped[str] = mapped_column(String(12), default="none")
    email_pending_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_basis: Mapped[str | None] = mapped_column(String(36))  # confirmed request id
    sms_state: Mapped[str] = mapped_column(String(12), default="none")
    sms_pending_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sms_basis: Mapped[str | None] = mapped_column(String(36))


class CustomerVisits(Base):
    """The appointments counted per customer for the campaign audience, kept by database
    triggers on ``appointments`` (``desk_app.db.customer_visits``, revision 0009).

    No row means: no appointments at all. ``appointments`` counts every status (a booking
    makes an existing customer), ``visits`` and ``last_visit_at`` only completed ones.
    """

    __tablename__ = "customer_visits"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    appointments: Mapped[int] = mapped_column(Integer)
    visits: Mapped[int] = mapped_column(Integer)
    last_visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CustomerCategory(Base):
    """Who had a service of which category: one row per customer and service category
    with completed appointments of it, kept by database triggers on ``appointments`` and
    ``salon_services`` (``desk_app.db.customer_categories``, revision 0027). The
    audience's category filter reads one range of the primary key.

    No row means: no completed appointment of that category.
    """

    __tablename__ = "customer_categories"
    __table_args__ = (
        Index("ix_customer_categories_customer", "customer_id"),
        {"sqlite_with_rowid": False},
    )

    category: Mapped[str] = mapped_column(String(60), primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    visits: Mapped[int] = mapped_column(Integer)
    last_visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AudienceFacts(Base):
    """The campaign audience's read model: one narrow row per customer with what the
    selections and the exclusion reasons look at, recomputed by database triggers on
    every write to its sources (``desk_app.db.audience_facts``, revision 0012).

    ``email_problem``/``sms_problem``: the address's own reason (no address, invalid,
    bounced) or NULL; ``birthday_md``: month * 100 + day; ``last_ad_at``: the newest
    advertising that counts for the frequency cap. Consent states as in
    ``customer_consent`` ("none" without a row); a pending one past its
    ``*_pending_until`` is read as expired.
    """

    __tablename__ = "audience_facts"
    # The addresses several customers share (sent once), found along these indexes.
    __table_args__ = (
        Index("ix_audience_facts_email_address", "email_address"),
        Index("ix_audience_facts_phone", "phone"),
        # Also the partial index ix_audience_facts_shared over the few customers a
        # duplicate address can touch (read by every page of reasons): made by revision
        # 0021 only, not named here, as its dialect options would import SQLAlchemy's
        # PostgreSQL dialect into every start (tests/desktop/test_start_imports.py).
    )

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    prefers_sms: Mapped[int] = mapped_column(Integer)
    email_address: Mapped[str | None] = mapped_column(String(254))  # lower case
    phone: Mapped[str | None] = mapped_column(String(20))
    email_problem: Mapped[str | None] = mapped_column(String(40))
    sms_problem: Mapped[str | None] = mapped_column(String(40))
    objection_notice_given: Mapped[bool] = mapped_column(Boolean)
    birthday_md: Mapped[int | None] = mapped_column(Integer)
    objected: Mapped[bool] = mapped_column(Boolean)
    email_state: Mapped[str] = mapped_column(String(12))
    email_pending_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_basis: Mapped[str | None] = mapped_column(String(36))
    sms_state: Mapped[str] = mapped_column(String(12))
    sms_pending_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sms_basis: Mapped[str | None] = mapped_column(String(36))
    appointments: Mapped[int] = mapped_column(Integer)
    visits: Mapped[int] = mapped_column(Integer)
    last_visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_ad_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The outcome per campaign category and channel choice as of no particular time, a
    # code of ``domain.audience_outcomes.OUTCOMES`` (revision 0019): counting reads these.
    outcome_marketing_email: Mapped[int] = mapped_column(SmallInteger, nullable=True)
    outcome_marketing_sms: Mapped[int] = mapped_column(SmallInteger, nullable=True)
    outcome_marketing_best: Mapped[int] = mapped_column(SmallInteger, nullable=True)
    outcome_service_info_email: Mapped[int] = mapped_column(SmallInteger, nullable=True)
    outcome_service_info_sms: Mapped[int] = mapped_column(SmallInteger, nullable=True)
    outcome_service_info_best: Mapped[int] = mapped_column(SmallInteger, nullable=True)
    outcome_similar_offer_email: Mapped[int] = mapped_column(SmallInteger, nullable=True)
    outcome_similar_offer_sms: Mapped[int] = mapped_column(SmallInteger, nullable=True)
    # Another customer has the same address (email in any case, phone as written; revision
    # 0021): only these can be left out as a duplicate, so counting and paging sort out
    # duplicates among these few instead of among everyone.
    email_shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    phone_shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Campaign(Base):
    """One campaign the owner composed: what, to whom (filters), and when."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    type: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(8))  # email | sms | best
    filters: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    sms_body: Mapped[str] = mapped_column(Text, default="")
    send_at: Mapped[datetime] = mapped_column(UTCDateTime)
    queued: Mapped[int] = mapped_column(Integer, default=0)
    excluded: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)  # reason -> count
    created_by: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Queuing goes in customer id order, one transaction per chunk that also moves the
    # cursor: a killed queuing resumes after the cursor, a second one cannot double it.
    queue_cursor: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    queue_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # None: queuing
    queue_touched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last chunk


class PrivacyKey(Base):
    """The installation's key for keyed address hashes (one row, made by migration 0006).

    Kept in the database, not the keyring: every counter PC sharing the database must hash
    with the same key, and a lost key would silently empty the suppression list.
    """

    __tablename__ = "privacy_key"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64))  # hex, 256 bits
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Suppression(Base):
    """Addresses that must never be written to or imported again: keyed hash only."""

    __tablename__ = "suppressions"

    address_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    reason: Mapped[str] = mapped_column(String(16))  # erased
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Erasure(Base):
    """An Art. 17 erasure of one customer: when, by whom, and whether the gateway still
    has to be told (``gateway_pending``)."""

    __tablename__ = "erasures"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    erased_at: Mapped[datetime] = mapped_column(UTCDateTime)
    staff: Mapped[str] = mapped_column(String(80))
    gateway_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    gateway_erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OnlineRequest(Base):
    """A booking (or change) request from the booking page, as the gateway reported it
    (``data``: the event's data), and what became of it. ``outcome_reported``: the
    gateway has been told the decision."""

    __tablename__ = "online_requests"
    __table_args__ = (
        Index("ix_online_requests_state", "state", "id"),
        Index("ix_online_requests_appointment", "appointment_id"),  # the foreign key: 0029
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(8))  # booking | change
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    data: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(12), default="new")
    reason: Mapped[str | None] = mapped_column(String(32))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointments.id"))
    outcome_reported: Mapped[bool] = mapped_column(Boolean, default=False)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WaitlistEntry(Base):
    """A customer waiting for a service (issue 14): optionally one staff member, a range
    of days and the weekday windows that suit (``windows``: "2=09:00-12:30" texts, none:
    any time). ``channel``: where offers go (None: the counter calls). ``asked_at``: when
    the customer asked for offers on this entry (an offer may go after an objection only
    when this is later, and only for an entry taken at the counter: ``source`` online
    never lifts one). ``state``: waiting | booked | removed."""

    __tablename__ = "waitlist_entries"
    __table_args__ = (
        Index("ix_waitlist_entries_state", "state", "service_id"),
        Index("ix_waitlist_entries_customer", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(36), unique=True, default=new_ref)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("salon_services.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    windows: Mapped[list[str]] = mapped_column(JSON, default=list)
    channel: Mapped[str | None] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(16), default="counter")
    state: Mapped[str] = mapped_column(String(12), default="waiting")
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointments.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WaitlistOpening(Base):
    """Time an appointment gave up while someone waited (``FreedSlot``), kept until it
    is filled or has passed. ``state``: open | filled | gone (booked otherwise)."""

    __tablename__ = "waitlist_openings"
    __table_args__ = (Index("ix_waitlist_openings_state", "state", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("salon_services.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(16))
    freed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(8), default="open")


class WaitlistOffer(Base):
    """An automatic offer of an opening to one entry: ``ref`` is the offer message's
    client_id (the gateway's link is made from it); held for them until ``held_until``.
    ``state``: offered | skipped | accepted | lost (someone else was first, or the time was
    taken) | releasing, released (accepted at the gateway, not bookable here; its claim
    there still to release, released) | ending, ended (its entry no longer waits; the
    gateway still to be told, told)."""

    __tablename__ = "waitlist_offers"
    __table_args__ = (
        UniqueConstraint("opening_id", "entry_id", name="uq_waitlist_offers_opening_entry"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(36), unique=True, default=new_ref)
    opening_id: Mapped[int] = mapped_column(ForeignKey("waitlist_openings.id"))
    entry_id: Mapped[int] = mapped_column(ForeignKey("waitlist_entries.id"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    held_until: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(10), default="offered")


# ---- derived data kept in step by ORM events ---------------------------------------------
@event.listens_for(Customer, "before_update")
def _recheck_addresses(
    _mapper: Mapper[Customer], _connection: Connection, target: Customer
) -> None:
    target.email_valid = bool(target.email) and is_valid_email(target.email or "")
    target.phone_takes_sms = bool(target.phone) and can_receive_sms(target.phone or "")


# The consent projection follows every ledger insert through an event that
# ``desk_app.db.consent_projection`` registers (the package imports it with the models).
