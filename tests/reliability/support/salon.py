"""Seeding a salon fast: customers with a confirmed email consent, on both sides.

A real gateway knows every consent because it ran the double opt-in itself. Clicking
thousands of confirmation links would make every scenario minutes slower (and hit the
page rate limit), so the desktop's ledger gets the declared + confirmed entries in bulk
(as ``desk-app demo-data`` writes them) and the gateway gets the matching confirmed
consent requests (as the desktop's demo gateway learns them, ``learn_consents``).
Everything after that runs through the real commands and processes.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from desk_app.bootstrap import open_services
from desk_app.db import consent_projection
from desk_app.db import models as m
from desk_app.domain.consent import CONFIRMATION_WINDOW
from desk_app.domain.enums import Channel, ConsentEvent, ConsentSource
from desk_app.domain.statements import render_statement
from desk_gateway.db.models import ConsentRequest, Installation
from desk_sql.database import Database, create_database_engine

SALON_NAME = "Haarwerk Müller"
STATEMENT_VERSION = "2026-11"


@dataclass(frozen=True)
class SeededCustomer:
    id: int
    ref: str
    email: str


@dataclass(frozen=True)
class Salon:
    """A desktop database file and who is in it."""

    database: Path
    customers: tuple[SeededCustomer, ...]

    @property
    def url(self) -> str:
        return f"sqlite:///{self.database}"

    def copy_to(self, directory: Path) -> Salon:
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / "desk.sqlite3"
        shutil.copyfile(self.database, target)
        return Salon(target, self.customers)


def seed_salon(directory: Path, customers: int) -> Salon:
    """A migrated desktop database with ``customers`` customers, each with an email
    address and a confirmed email consent (declared by phone, confirmed by link)."""
    directory.mkdir(parents=True, exist_ok=True)
    database = directory / "desk.sqlite3"
    services = open_services(f"sqlite:///{database}")
    now = datetime.now(UTC)
    statement = render_statement(SALON_NAME, (Channel.EMAIL,))
    try:
        with services.db.write() as s:
            for key, value in (
                ("salon_name", SALON_NAME),
                ("language", "de"),
                ("salon_address", "Hauptstraße 12, 50667 Köln"),  # the emails' imprint
            ):
                s.merge(m.Setting(key=key, value=value))
            s.merge(
                m.ConsentStatementText(
                    sha256=statement.sha256,
                    version=statement.version,
                    language=statement.language,
                    text=statement.text,
                )
            )
            s.execute(
                insert(m.Customer),
                [
                    {
                        "ref": str(uuid.uuid4()),
                        "first_name": f"Kundin{n}",
                        "last_name": "Schäfer",
                        "first_name_key": f"kundin{n}",
                        "last_name_key": "schaefer",
                        "email": f"kundin{n}@example.org",
                        "language": "de",
                        "created_at": now - timedelta(days=400),
                        "updated_at": now,
                    }
                    for n in range(customers)
                ],
            )
            rows = list(s.execute(select(m.Customer.id, m.Customer.ref, m.Customer.email)))
            entries: list[dict[str, object]] = []
            for customer_id, _ref, email in rows:
                declared_at = now - timedelta(days=200)
                base = {
                    "customer_id": customer_id,
                    "channel": Channel.EMAIL.value,
                    "request_id": str(uuid.uuid4()),
                    "address": email,
                    "recorded_at": declared_at,
                    "staff": None,
                    "statement_version": None,
                    "statement_sha256": None,
                    "ip": None,
                    "user_agent": None,
                }
                entries.append(
                    {
                        **base,
                        "event": ConsentEvent.DECLARED.value,
                        "at": declared_at,
                        "source": ConsentSource.PHONE.value,
                        "staff": "Tanja Groß",
                        "statement_version": statement.version,
                        "statement_sha256": statement.sha256,
                    }
                )
                entries.append(
                    {
                        **base,
                        "event": ConsentEvent.CONFIRMED.value,
                        "at": declared_at + timedelta(hours=2),
                        "source": ConsentSource.LINK.value,
                        "ip": "192.0.2.10",  # documentation range
                        "user_agent": "Mozilla/5.0 (reliability seed)",
                    }
                )
            s.execute(insert(m.ConsentLedgerEntry), entries)
            # A bulk insert bypasses the ORM event that keeps the projection in step.
            consent_projection.refresh(s.connection(), [r[0] for r in rows])
        seeded = tuple(SeededCustomer(int(i), str(r), str(e)) for i, r, e in rows)
    finally:
        services.db.dispose()
    return Salon(database, seeded)


def teach_gateway(gateway_database: Path, installation: str, salon: Salon) -> int:
    """Record the salon's confirmed consents at the gateway (what its double opt-in would
    have recorded), so marketing is not refused with ``no_basis``. Returns how many."""
    services = open_services(salon.url, upgrade=False)
    try:
        confirmed = services.consent.confirmed_declarations()
    finally:
        services.db.dispose()
    db = Database(create_database_engine(f"sqlite:///{gateway_database}"))
    try:
        with db.write() as s:
            found = s.scalar(select(Installation.id).where(Installation.name == installation))
            assert found is not None, f"no installation {installation!r} at the gateway"
            s.execute(
                insert(ConsentRequest),
                [
                    {
                        "installation_id": found,
                        "request_id": c.request_id,
                        "customer_ref": c.customer_ref,
                        "channel": c.channel.value,
                        "address": c.address,
                        "statement_version": c.statement_version,
                        "statement_text": c.statement_text,
                        "source": {"kind": c.source, "staff": c.staff},
                        "declared_at": c.declared_at,
                        "language": c.language,
                        "salon_name": SALON_NAME,
                        "expires_at": c.declared_at + CONFIRMATION_WINDOW,
                        "message_client_id": c.request_id,
                        "confirmed_at": c.confirmed_at,
                        "expired_reported": False,
                        "created_at": c.declared_at,
                    }
                    for c in confirmed
                ],
            )
    finally:
        db.dispose()
    return len(confirmed)
