"""Gateway schema. Every change needs a migration in ``desk_gateway/db/migrations``.

One ``Installation`` per salon (its bearer token). Everything else belongs to one
installation; customers are known only by the desktop's opaque ``customer_ref``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desk_sql.schema import named_metadata, utcnow
from desk_sql.types import UTCDateTime

# The longest SMS provider message id the gateway stores (Twilio's SIDs have 34 characters).
PROVIDER_ID_LENGTH = 120


class Base(DeclarativeBase):
    metadata = named_metadata()


class GatewaySetting(Base):
    """Values the gateway generates once and keeps (e.g. the address-hashing key)."""

    __tablename__ = "gateway_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Installation(Base):
    """A salon's desktop installation; the token is stored only as its SHA-256."""

    __tablename__ = "installations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The newest event seq; incremented in the transaction that writes the event, which
    # is what keeps the log free of gaps.
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class Event(Base):
    __tablename__ = "events"

    installation_id: Mapped[int] = mapped_column(ForeignKey("installations.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    customer_ref: Mapped[str | None] = mapped_column(String(36), index=True)
    client_id: Mapped[str | None] = mapped_column(String(64))
    channel: Mapped[str | None] = mapped_column(String(8))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Message(Base):
    """One message from a desktop outbox; ``client_id`` is unique per installation forever."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("installation_id", "client_id", name="uq_messages_installation_client"),
        Index("ix_messages_due", "status", "next_attempt_at"),
        Index("ix_messages_provider_id", "provider_id"),
        Index("ix_messages_to_address", "to_address"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    installation_id: Mapped[int] = mapped_column(ForeignKey("installations.id"))
    client_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20), default="message")  # or consent_request
    channel: Mapped[str] = mapped_column(String(8))
    category: Mapped[str] = mapped_column(String(20))
    customer_ref: Mapped[str] = mapped_column(String(36), index=True)
    to_address: Mapped[str | None] = mapped_column(String(254))  # None after erasure
    subject: Mapped[str] = mapped_column(String(250), default="")
    text: Mapped[str | None] = mapped_column(Text)  # None after erasure
    language: Mapped[str] = mapped_column(String(8), default="de")
    # The desktop's sender name (email display name / alphanumeric SMS sender), if any.
    sender_name: Mapped[str | None] = mapped_column(String(40))
    basis_ref: Mapped[str | None] = mapped_column(String(64))
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime)
    not_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # accepted → sent → delivered | failed | bounced; or rejected / expired
    status: Mapped[str] = mapped_column(String(16))
    first_result: Mapped[str] = mapped_column(String(16))  # accepted | rejected
    reject_code: Mapped[str | None] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    provider_id: Mapped[str | None] = mapped_column(String(PROVIDER_ID_LENGTH))
    message_id: Mapped[str | None] = mapped_column(String(200))  # email Message-ID
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # While ``sending``: which delivery worker holds the message and until when. A claim
    # whose lease ran out belongs to a worker that died; any worker may take it back.
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Email only: [{"filename", "content_type", "text"}] (a calendar file); None after erasure.
    attachments: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    # The booking this message is about: its manage link fills ``$manage_url`` at send time.
    booking_ref: Mapped[str | None] = mapped_column(String(64))


class ConsentRequest(Base):
    """A declared consent waiting for (or having got) the customer's confirmation click."""

    __tablename__ = "consent_requests"
    __table_args__ = (
        UniqueConstraint("installation_id", "request_id", name="uq_consent_requests_request"),
        Index("ix_consent_requests_carried_by", "installation_id", "carried_by"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    installation_id: Mapped[int] = mapped_column(ForeignKey("installations.id"))
    request_id: Mapped[str] = mapped_column(String(64))
    customer_ref: Mapped[str] = mapped_column(String(36), index=True)
    channel: Mapped[str] = mapped_column(String(8))
    address: Mapped[str | None] = mapped_column(String(254))
    statement_version: Mapped[str] = mapped_column(String(32))
    statement_text: Mapped[str] = mapped_column(Text)
    source: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime)
    language: Mapped[str] = mapped_column(String(8), default="de")
    salon_name: Mapped[str] = mapped_column(String(120), default="")
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    message_client_id: Mapped[str] = mapped_column(String(64))  # the confirmation message
    viewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirm_ip: Mapped[str | None] = mapped_column(String(45))
    confirm_user_agent: Mapped[str | None] = mapped_column(String(400))
    expired_reported: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The message (client_id, same channel) whose ``$confirm_url`` carries the link; the
    # request then has no message of its own.
    carried_by: Mapped[str | None] = mapped_column(String(64))
    # Why a carried request was refused (a request with a message of its own keeps it there).
    reject_code: Mapped[str | None] = mapped_column(String(32))


class UnsubscribeLink(Base):
    """The per-message unsubscribe token (stored hashed)."""

    __tablename__ = "unsubscribe_links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    installation_id: Mapped[int] = mapped_column(ForeignKey("installations.id"))
    customer_ref: Mapped[str] = mapped_column(String(36), index=True)
    channel: Mapped[str] = mapped_column(String(8))
    client_id: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8), default="de")
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OptOut(Base):
    """Customers who unsubscribed (cleared again by a newly confirmed double opt-in)."""

    __tablename__ = "opt_outs"

    installation_id: Mapped[int] = mapped_column(ForeignKey("installations.id"), primary_key=True)
    customer_ref: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    via: Mapped[str] = mapped_column(String(16))


class Suppression(Base):
    """Addresses that must not be messaged: keyed hash only (erased or hard-bounced)."""

    __tablename__ = "suppressions"

    installation_id: Mapped[int] = mapped_column(ForeignKey("installations.id"), primary_key=True)
    address_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    reason: Mapped[str] = mapped_column(String(16))  # erased | bounced | objected (STOP)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CapturedMessage(Base):
    """What the capture transport 'sent' (demo and tests): shown on the mailbox page."""

    __tablename__ = "captured_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(8))
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(250), default="")
    text: Mapped[str] = mapped_column(Text)
    headers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WebhookReceipt(Base):
    """A provider callback that was applied, by a digest of its signed parts: an exact
    replay of a signed request is recognised and refused (it must not send a second paid
    STOP reply). Old rows are pruned once the provider's signature would be too old anyway."""

    __tablename__ = "webhook_receipts"
    __table_args__ = (Index("ix_webhook_receipts_received_at", "received_at"),)

    provider: Mapped[str] = mapped_column(String(16), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TransportHealth(Base):
    """How the gateway's own way out (SMTP server, SMS provider) is doing, shared by every
    worker process: a failing transport is retried with backoff instead of failing the
    messages, and desktops see the warning (GET /v1/status)."""

    __tablename__ = "transport_health"

    transport: Mapped[str] = mapped_column(String(8), primary_key=True)  # email | sms
    state: Mapped[str] = mapped_column(String(16), default="ok")  # ok | failing
    error: Mapped[str | None] = mapped_column(String(64))  # a code, never server text
    since: Mapped[datetime | None] = mapped_column(UTCDateTime)  # failing since
    failures: Mapped[int] = mapped_column(Integer, default=0)  # in a row
    next_try_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OperatorAction(Base):
    """What an operator did on the command line (token rotation, lifting a suppression):
    append-only, so a changed opt-out or suppression can always be explained."""

    __tablename__ = "operator_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    installation_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class BookingSite(Base):
    """What a salon publishes for its booking page (PUT /v1/availability): the whole
    snapshot, replaced by each publication. ``public_name`` is the page's path segment."""

    __tablename__ = "booking_sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    installation_id: Mapped[int] = mapped_column(ForeignKey("installations.id"), unique=True)
    public_name: Mapped[str] = mapped_column(String(40), unique=True)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the desktop read its calendar
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BookingHold(Base):
    """A slot taken by an online request until the desktop answers: ``held`` (at most
    ``BOOKING_HOLD_HOURS``), then ``booked`` (until a snapshot computed after the decision
    shows it as an appointment), ``released`` (refused) or ``expired``."""

    __tablename__ = "booking_holds"
    __table_args__ = (
        UniqueConstraint("installation_id", "request_id", name="uq_booking_holds_request"),
        Index("ix_booking_holds_staff", "installation_id", "staff_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    installation_id: Mapped[int] = mapped_column(ForeignKey("installations.id"))
    request_id: Mapped[str] = mapped_column(String(64))
    staff_id: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(16), default="held")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Keyed hashes of the request's email and phone (never the addresses): how many open
    # requests one contact has (store.open_for_contact).
    email_hash: Mapped[str | None] = mapped_column(String(64))
    phone_hash: Mapped[str | None] = mapped_column(String(64))


class BookingRequest(Base):
    """A submitted booking form. ``data`` holds what the customer entered (purged of
    personal fields once the desktop gave a final outcome); ``outcome`` is None until the
    desktop answers: booked | refused (final) or waiting."""

    __tablename__ = "booking_requests"
    __table_args__ = (
        UniqueConstraint("installation_id", "request_id", name="uq_booking_requests_request"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    installation_id: Mapped[int] = mapped_column(ForeignKey("installations.id"))
    request_id: Mapped[str] = mapped_column(String(64))
    public_name: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    outcome: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    booking_ref: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# ---- issue 10 (B2): booking messages, attachments, carried consent links ----------------------
# (Columns added to the tables above by g0005: messages.attachments, messages.booking_ref,
# consent_requests.carried_by, consent_requests.reject_code; see those classes.)


class Booking(Base):
    """A booking as the desktop's latest message about it told (``booking`` of a message
    item), and what the customer asked for on its manage page (/m/{token}). The token is
    recomputed from the booking's ref; only its hash is kept."""

    __tablename__ = "bookings"
    __table_args__ = (
        UniqueConstraint("installation_id", "ref", name="uq_bookings_installation_ref"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    installation_id: Mapped[int] = mapped_column(ForeignKey("installations.id"))
    ref: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    customer_ref: Mapped[str | None] = mapped_column(String(36), index=True)
    treatment: Mapped[str] = mapped_column(String(120))
    staff: Mapped[str] = mapped_column(String(80), default="")
    treatment_id: Mapped[int | None] = mapped_column(Integer)
    staff_id: Mapped[int | None] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cancel_until: Mapped[datetime] = mapped_column(UTCDateTime)
    # booked | cancelled (the desktop's word) | cancel_requested | change_requested (the page's)
    state: Mapped[str] = mapped_column(String(20))
    public_name: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8), default="de")
    # The change the customer asked for on the page (repeating the same POST changes nothing).
    change_request_id: Mapped[str | None] = mapped_column(String(64))
    change_starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WaitlistOffer(Base):
    """A waitlist offer the desktop sent (``offer`` of a message item): the freed time its
    page (/w/{token}) shows. The token is an HMAC of the offer's ref (the message's
    client_id), recomputed when the message is sent; only its hash is kept. ``slot``
    names the freed time: offers of one time share it. ``state``: open | accepted |
    released (accepted, but the desktop could not book it and freed its claim) | ended
    (released because the customer no longer waits)."""

    __tablename__ = "waitlist_offers"
    __table_args__ = (
        UniqueConstraint("installation_id", "ref", name="uq_waitlist_offers_installation_ref"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    installation_id: Mapped[int] = mapped_column(ForeignKey("installations.id"))
    ref: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    customer_ref: Mapped[str] = mapped_column(String(36), index=True)
    slot: Mapped[str] = mapped_column(String(64))
    treatment: Mapped[str] = mapped_column(String(120))
    staff: Mapped[str] = mapped_column(String(80), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    language: Mapped[str] = mapped_column(String(8), default="de")
    state: Mapped[str] = mapped_column(String(12), default="open")
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WaitlistClaim(Base):
    """The one acceptance of a freed time: the primary key is the time itself, so a second
    acceptance of the same time fails in the database, whoever races whom."""

    __tablename__ = "waitlist_claims"

    installation_id: Mapped[int] = mapped_column(ForeignKey("installations.id"), primary_key=True)
    slot: Mapped[str] = mapped_column(String(64), primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("waitlist_offers.id"))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
