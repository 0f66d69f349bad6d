"""Helpers shared by the service tests: salon set-up, raw row access, ledger inserts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Channel, ConsentEvent, ConsentSource, StaffRole
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput, CustomerRow, StaffRow, TreatmentRow

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A salon-local (Europe/Berlin, the default time zone setting) aware datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


# The conftest clock starts on Wednesday 2026-11-25 08:00 UTC; Friday is two days later.
def friday(hour: int, minute: int = 0) -> datetime:
    return berlin(2026, 11, 27, hour, minute)


@dataclass(frozen=True)
class Salon:
    stylist: StaffRow
    other_stylist: StaffRow
    reception: StaffRow
    cut: TreatmentRow  # 45 minutes
    colour: TreatmentRow  # 90 minutes


SALON_ADDRESS = "Hauptstraße 12, 50667 Köln"


def give_salon_address(db: Database, address: str = SALON_ADDRESS) -> None:
    """The salon's postal address, the imprint every advertising email carries (issue
    13); stored directly, as set up long ago (no audit entry of its own)."""
    with db.write() as s:
        s.merge(m.Setting(key="salon_address", value=address))


def make_salon(services: Services) -> Salon:
    cat = services.catalogue
    give_salon_address(services.db)
    return Salon(
        stylist=cat.add_staff("Jörg Weiß", StaffRole.STYLIST, actor=SHARED_COUNTER),
        other_stylist=cat.add_staff("Aylin Öztürk", StaffRole.STYLIST, actor=SHARED_COUNTER),
        reception=cat.add_staff("Tanja Groß", StaffRole.RECEPTION, actor=SHARED_COUNTER),
        cut=cat.add_treatment("Damenhaarschnitt", 45, 4900),
        colour=cat.add_treatment("Färben", 90, 7900),
    )


def add_customer(
    services: Services,
    first: str = "Anna",
    last: str = "Müller",
    email: str | None = "anna.mueller@example.org",
    phone: str | None = "0151 12345678",
    **extra: Any,
) -> CustomerRow:
    return services.customers.create(
        CustomerInput(first_name=first, last_name=last, email=email, phone=phone, **extra)
    )


def count(db: Database, model: type[Any]) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def outbox_messages(db: Database) -> list[m.OutboxMessage]:
    """Every outbox row, oldest first (detached ORM objects, attributes loaded)."""
    with db.read() as s:
        return list(s.scalars(select(m.OutboxMessage).order_by(m.OutboxMessage.id)))


def ledger_rows(db: Database, customer_id: int | None = None) -> list[m.ConsentLedgerEntry]:
    query = select(m.ConsentLedgerEntry).order_by(m.ConsentLedgerEntry.id)
    if customer_id is not None:
        query = query.where(m.ConsentLedgerEntry.customer_id == customer_id)
    with db.read() as s:
        return list(s.scalars(query))


def add_ledger_entry(
    db: Database,
    customer_id: int,
    event: ConsentEvent,
    at: datetime,
    channel: Channel | None = None,
    request_id: str | None = None,
    source: ConsentSource = ConsentSource.LINK,
) -> None:
    """What the gateway sync would write: a customer's own click (confirm, unsubscribe)."""
    with db.write() as s:
        s.add(
            m.ConsentLedgerEntry(
                customer_id=customer_id,
                channel=channel.value if channel else None,
                event=event.value,
                at=at,
                source=source.value,
                request_id=request_id,
            )
        )


def object_customer(db: Database, customer_id: int, at: datetime) -> None:
    """The customer clicked "Abmelden" in some message (customer-level objection)."""
    add_ledger_entry(db, customer_id, ConsentEvent.OBJECTED, at)
