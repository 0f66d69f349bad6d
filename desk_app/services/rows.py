"""Frozen results that services hand to the ui and the command line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desk_app.domain.consent import ConsentStatus
from desk_app.domain.enums import (
    AppointmentStatus,
    BookingSource,
    Category,
    Channel,
    OutboxStatus,
    StaffRole,
)
from desk_app.domain.phases import AppointmentPhases, ServicePhases


@dataclass(frozen=True)
class CustomerRow:
    id: int
    ref: str
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    birthday: date | None
    street: str
    postal_code: str
    city: str
    notes: str
    preferred_channel: Channel | None
    language: str
    objection_notice_given: bool
    email_bounced: bool
    phone_bounced: bool
    created_at: datetime

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class CustomerInput:
    """What a user typed; services validate and normalise it."""

    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    birthday: date | None = None
    street: str = ""
    postal_code: str = ""
    city: str = ""
    notes: str = ""
    preferred_channel: Channel | None = None
    language: str = "de"
    objection_notice_given: bool = False


@dataclass(frozen=True)
class StaffRow:
    id: int
    name: str
    role: StaffRole
    active: bool
    colour: str | None
    online: bool = True  # may be chosen on the booking page


@dataclass(frozen=True)
class TreatmentRow:
    id: int
    name: str
    minutes: int
    price_cents: int
    category: str
    colour: str
    online: bool = True  # offered on the booking page
    description: str = ""  # shown there
    processing_after: int = 0  # minutes of work before its processing (domain.phases)
    processing: int = 0  # minutes of processing; 0: none

    @property
    def phases(self) -> ServicePhases:
        return ServicePhases(self.minutes, self.processing_after, self.processing)


@dataclass(frozen=True)
class ClosureRow:
    """Days the salon is closed (inclusive, salon-local dates)."""

    id: int
    starts_on: date
    ends_on: date
    note: str


@dataclass(frozen=True)
class OnlineRequestRow:
    """A request from the booking page and what became of it (for the "Online-Anfragen"
    list). ``state``: new, booked, waiting, refused, cancelled; ``reason``: why it waits or
    was refused (slot_taken, two_candidates, not_bookable, outside_hours, staff_decision)."""

    id: int
    request_id: str
    kind: str  # booking | change
    received_at: datetime
    state: str
    reason: str | None
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    treatment_name: str
    staff_name: str
    starts_at: datetime | None
    ends_at: datetime | None
    note: str
    appointment_id: int | None
    customer_id: int | None
    consent_channels: tuple[str, ...]  # the boxes ticked: "email", "sms"


@dataclass(frozen=True)
class OutcomeToReport:
    """A decided request the gateway has not been told about yet."""

    request_id: str
    result: str  # booked | refused | waiting
    reason: str | None
    booking_ref: str | None


@dataclass(frozen=True)
class AppointmentRow:
    id: int
    customer_id: int
    customer_name: str
    staff_id: int
    staff_name: str
    service_id: int
    service_name: str
    starts_at: datetime
    ends_at: datetime
    status: AppointmentStatus
    source: BookingSource
    notify: bool
    note: str
    confirmation_client_id: str | None = None  # set when a confirmation was queued
    series_id: int | None = None  # an occurrence of a recurring series …
    series_index: int | None = None  # … its place there (0 = the first)
    series_total: int | None = None  # … of this many (where the reader looked it up)
    late_cancellation: bool = False  # cancelled inside the salon's cutoff (issue 14)
    # Its processing phase (issue 14, domain.phases): the stylist is free meanwhile.
    processing_starts_at: datetime | None = None
    processing_ends_at: datetime | None = None

    @property
    def phases(self) -> AppointmentPhases:
        return AppointmentPhases(
            self.starts_at, self.ends_at, self.processing_starts_at, self.processing_ends_at
        )


@dataclass(frozen=True)
class OutboxRow:
    id: int
    client_id: str
    customer_id: int
    channel: Channel
    category: Category
    kind: str
    to_address: str
    subject: str
    status: OutboxStatus
    reason: str | None
    created_at: datetime
    not_before: datetime | None
    not_after: datetime | None


@dataclass(frozen=True)
class CustomerConsentRow:
    """Consent state of one customer plus the addresses it applies to."""

    customer_id: int
    email: str | None
    phone: str | None
    status: ConsentStatus


@dataclass(frozen=True)
class ConfirmedDeclaration:
    """A confirmed consent with its declaration, as a gateway records it."""

    request_id: str
    customer_ref: str
    channel: Channel
    address: str
    statement_version: str
    statement_text: str
    source: str
    staff: str | None
    declared_at: datetime
    confirmed_at: datetime
    language: str


@dataclass(frozen=True)
class DeclarationRow:
    """One channel's declaration: the confirmation request that was queued for it."""

    channel: Channel
    request_id: str
    statement_version: str
    statement_sha256: str
    outbox_client_id: str


@dataclass(frozen=True)
class StatementText:
    """A consent statement as stored, and whether it still hashes to the SHA-256 the
    ledger names (a changed text must show as such in the evidence)."""

    text: str
    sha256_matches: bool


@dataclass(frozen=True)
class ConsentEvidence:
    """Everything the consent evidence (PDF or JSON) of one customer shows."""

    customer: CustomerRow
    consent: CustomerConsentRow
    statements: dict[str, StatementText]  # SHA-256 → text, for every statement in the ledger
    generated_at: datetime
