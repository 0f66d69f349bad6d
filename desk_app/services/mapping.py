"""ORM → frozen row conversions (the only place that knows both shapes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desk_app.db import models as m
from desk_app.domain.consent import LedgerEntry
from desk_app.domain.enums import (
    AppointmentStatus,
    BookingSource,
    Category,
    Channel,
    ConsentEvent,
    ConsentSource,
    OutboxStatus,
    StaffRole,
)
from desk_app.services.rows import (
    AppointmentRow,
    ClosureRow,
    CustomerRow,
    OutboxRow,
    StaffRow,
    TreatmentRow,
)

# A customer's row read as plain columns, for lists: a page of 100 ORM objects (identity
# map, every column, attribute instrumentation) cost more than the query that found them.
CUSTOMER_ROW_COLUMNS: tuple[Any, ...] = (
    m.Customer.id,
    m.Customer.ref,
    m.Customer.first_name,
    m.Customer.last_name,
    m.Customer.email,
    m.Customer.phone,
    m.Customer.birthday,
    m.Customer.street,
    m.Customer.postal_code,
    m.Customer.city,
    m.Customer.notes,
    m.Customer.preferred_channel,
    m.Customer.language,
    m.Customer.objection_notice_given,
    m.Customer.email_bounced_at,
    m.Customer.phone_bounced_at,
    m.Customer.created_at,
)


def customer_row_of(values: Sequence[Any]) -> CustomerRow:
    """``customer_row`` for a result row of CUSTOMER_ROW_COLUMNS."""
    (
        id_, ref, first, last, email, phone, birthday, street, postal_code, city, notes,
        channel, language, notice, email_bounced_at, phone_bounced_at, created_at,
    ) = values  # fmt: skip
    return CustomerRow(
        id=id_,
        ref=ref,
        first_name=first,
        last_name=last,
        email=email,
        phone=phone,
        birthday=birthday,
        street=street,
        postal_code=postal_code,
        city=city,
        notes=notes,
        preferred_channel=Channel(channel) if channel else None,
        language=language,
        objection_notice_given=notice,
        email_bounced=email_bounced_at is not None,
        phone_bounced=phone_bounced_at is not None,
        created_at=created_at,
    )


def customer_row(c: m.Customer) -> CustomerRow:
    return customer_row_of([getattr(c, column.key) for column in CUSTOMER_ROW_COLUMNS])


def staff_row(s: m.Staff) -> StaffRow:
    return StaffRow(
        id=s.id,
        name=s.name,
        role=StaffRole(s.role),
        active=s.active,
        colour=s.colour,
        online=s.online,
    )


def treatment_row(s: m.Treatment) -> TreatmentRow:
    return TreatmentRow(
        id=s.id,
        name=s.name,
        minutes=s.minutes,
        price_cents=s.price_cents,
        category=s.category,
        colour=s.colour,
        online=s.online,
        description=s.description,
        processing_after=s.processing_after_minutes,
        processing=s.processing_minutes,
    )


def appointment_row(
    a: m.Appointment,
    customer: m.Customer,
    staff: m.Staff,
    service: m.Treatment,
    confirmation_client_id: str | None = None,
    series_total: int | None = None,
) -> AppointmentRow:
    return AppointmentRow(
        id=a.id,
        customer_id=a.customer_id,
        customer_name=f"{customer.first_name} {customer.last_name}".strip(),
        staff_id=a.staff_id,
        staff_name=staff.name,
        service_id=a.service_id,
        service_name=service.name,
        starts_at=a.starts_at,
        ends_at=a.ends_at,
        status=AppointmentStatus(a.status),
        source=BookingSource(a.source),
        notify=a.notify,
        note=a.note,
        confirmation_client_id=confirmation_client_id,
        series_id=a.series_id,
        series_index=a.series_index,
        series_total=series_total,
        late_cancellation=a.late_cancellation,
        processing_starts_at=a.processing_starts_at,
        processing_ends_at=a.processing_ends_at,
    )


def outbox_row(o: m.OutboxMessage) -> OutboxRow:
    return OutboxRow(
        id=o.id,
        client_id=o.client_id,
        customer_id=o.customer_id,
        channel=Channel(o.channel),
        category=Category(o.category),
        kind=o.kind,
        to_address=o.to_address,
        subject=o.subject,
        status=OutboxStatus(o.status),
        reason=o.reason,
        created_at=o.created_at,
        not_before=o.not_before,
        not_after=o.not_after,
    )


def ledger_entry(e: m.ConsentLedgerEntry) -> LedgerEntry:
    return LedgerEntry(
        event=ConsentEvent(e.event),
        at=e.at,
        channel=Channel(e.channel) if e.channel else None,
        source=ConsentSource(e.source) if e.source else None,
        staff=e.staff,
        request_id=e.request_id,
        statement_version=e.statement_version,
        statement_sha256=e.statement_sha256,
        ip=e.ip,
        user_agent=e.user_agent,
        message_id=e.message_id,
        address=e.address,
    )


def closure_row(c: m.Closure) -> ClosureRow:
    return ClosureRow(id=c.id, starts_on=c.starts_on, ends_on=c.ends_on, note=c.note)
