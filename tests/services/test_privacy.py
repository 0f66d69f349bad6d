"""Art. 15 export and Art. 17 erasure on the desktop (PrivacyService, DESIGN.md 2.4)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, event, select, update
from sqlalchemy.exc import DBAPIError

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Channel, ConsentEvent, ConsentSource, OutboxStatus
from desk_app.domain.errors import AddressSuppressed, InvalidField, NotFound
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.customer_csv import CsvImporter
from desk_app.services.privacy import ERASED_NAME
from desk_app.services.rows import CustomerInput
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway, make_sync
from tests.services.support import Salon, add_customer, friday, ledger_rows, outbox_messages

EMAIL = "anna.mueller@example.org"
PHONE = "+4915112345678"
# Anything that would betray Anna after her erasure (the national digits cover the phone
# number in any formatting the database keeps).
TRACES = (EMAIL, "15112345678", "Anna", "Müller", "Mueller", "Lindenstraße", "Allergie")


@dataclass(frozen=True)
class Anna:
    id: int
    ref: str
    appointment_id: int
    campaign_id: int


@pytest.fixture
def anna(services: Services, salon: Salon, clock: Clock) -> Anna:
    """A customer with a trace in every table that can hold one."""
    row = add_customer(
        services,
        birthday=date(1990, 5, 17),
        street="Lindenstraße 3",
        postal_code="10115",
        city="Berlin",
        notes="Allergie gegen Ammoniak",
    )
    appointment = services.booking.book(
        BookingRequest(
            customer_id=row.id,
            staff_id=salon.stylist.id,
            service_id=salon.cut.id,
            starts_at=friday(10),
            note="Anna möchte kürzer",
        )
    )
    services.consent.declare(
        row.id, [Channel.EMAIL, Channel.SMS], ConsentSource.PHONE, salon.reception.name, True
    )
    declared = next(e for e in ledger_rows(services.db, row.id) if e.channel == "email")
    with services.db.write() as s:
        s.add(
            m.ConsentLedgerEntry(
                customer_id=row.id,
                channel="email",
                event=ConsentEvent.CONFIRMED.value,
                at=clock.advance(hours=1),
                source=ConsentSource.LINK.value,
                request_id=declared.request_id,
                address=EMAIL,
                ip="203.0.113.7",
                user_agent="Mozilla/5.0 (Anna's phone)",
            )
        )
        campaign = m.Campaign(
            name="Herbstaktion",
            type="promotion",
            channel="email",
            subject="Herbst",
            body="Hallo {{ first_name }}",
            send_at=clock.now,
        )
        s.add(campaign)
        s.flush()
        s.add(
            m.OutboxMessage(
                customer_id=row.id,
                campaign_id=campaign.id,
                channel="email",
                category="marketing",
                kind="campaign",
                to_address=EMAIL,
                subject="Herbst für Anna",
                body="Hallo Anna Müller, 20 % auf Färben.",
            )
        )
        s.add(
            m.InboundMessage(
                customer_id=row.id,
                channel="sms",
                text="Hier ist Anna, komme 5 min später",
                at=clock.now,
            )
        )
        campaign_id = campaign.id
    return Anna(row.id, row.ref, appointment.id, campaign_id)


# The consent ledger is the consent and withdrawal proof and stays whole (DESIGN.md 2:
# append-only, also against erasure requests); every other table must be clean.
KEPT_PROOF = {m.ConsentLedgerEntry.__tablename__}


def _all_values(db: Database) -> list[str]:
    """Every value of every row of every table except the kept proof, as text."""
    values = []
    with db.read() as s:
        for table in m.Base.metadata.sorted_tables:
            if table.name in KEPT_PROOF:
                continue
            for row in s.execute(select(table)):
                values.extend(json.dumps(v, default=str, ensure_ascii=False) for v in row)
    return values


def _traces(db: Database) -> list[str]:
    return [v for v in _all_values(db) if any(t in v for t in TRACES)]


# ---- Art. 15 ----------------------------------------------------------------------------------
def test_export_holds_every_part(services: Services, anna: Anna) -> None:
    data = services.privacy.export(anna.id, None, actor=SHARED_COUNTER)
    json.dumps(data)  # JSON-ready as it is
    assert "gateway" not in data
    customer = data["customer"]
    assert (customer["first_name"], customer["last_name"]) == ("Anna", "Müller")
    assert (customer["email"], customer["phone"]) == (EMAIL, PHONE)
    assert customer["birthday"] == "1990-05-17"
    assert customer["notes"] == "Allergie gegen Ammoniak"
    assert customer["ref"] == anna.ref
    assert data["erasure"] is None
    [appointment] = data["appointments"]
    assert appointment["id"] == anna.appointment_id
    assert (appointment["staff"], appointment["service"]) == ("Jörg Weiß", "Damenhaarschnitt")
    assert appointment["note"] == "Anna möchte kürzer"
    assert data["consent"]["channels"]["email"]["state"] == "confirmed"
    assert data["consent"]["channels"]["sms"]["state"] == "pending"
    ledger = data["consent_ledger"]
    assert [e["event"] for e in ledger] == ["declared", "declared", "confirmed"]
    assert ledger[2]["ip"] == "203.0.113.7"
    assert {e["address"] for e in ledger} == {EMAIL, PHONE}
    [statement] = data["consent_statements"]
    assert statement["sha256"] == ledger[0]["statement_sha256"]
    assert statement["text"]
    kinds = sorted(msg["kind"] for msg in data["messages"])
    assert kinds == ["booking_confirmation", "campaign", "consent_request", "consent_request"]
    campaign_message = next(msg for msg in data["messages"] if msg["kind"] == "campaign")
    assert campaign_message["body"] == "Hallo Anna Müller, 20 % auf Färben."
    assert campaign_message["status"] == "queued"
    [inbound] = data["inbound_messages"]
    assert inbound["text"].startswith("Hier ist Anna")
    [campaign] = data["campaigns"]
    assert (campaign["id"], campaign["name"]) == (anna.campaign_id, "Herbstaktion")


def test_export_adds_the_gateway_part(services: Services, anna: Anna) -> None:
    gateway = FakeGateway()
    data = services.privacy.export(anna.id, lambda: gateway, actor=SHARED_COUNTER)
    assert data["gateway"]["customer_ref"] == anna.ref
    assert [c.args for c in gateway.calls_of("export_customer")] == [{"customer_ref": anna.ref}]
    assert gateway.closed  # the export opened the port, so it closes it


def test_export_without_gateway_answer_keeps_the_desktop_part(
    services: Services, anna: Anna
) -> None:
    gateway = FakeGateway()
    gateway.fail_next(method="export_customer", kind="unreachable")
    data = services.privacy.export(anna.id, lambda: gateway, actor=SHARED_COUNTER)
    assert data["gateway"]["error"] == "unreachable"
    assert "could not be asked (unreachable)" in data["gateway"]["note"]
    assert data["customer"]["email"] == EMAIL


def test_export_of_an_unknown_customer(services: Services) -> None:
    with pytest.raises(NotFound):
        services.privacy.export(999, None, actor=SHARED_COUNTER)


# ---- consent evidence -------------------------------------------------------------------------
def test_consent_evidence_is_read_in_one_transaction(services: Services, anna: Anna) -> None:
    begun: list[object] = []

    def on_begin(connection: object) -> None:
        begun.append(connection)

    event.listen(services.db.engine, "begin", on_begin)
    try:
        evidence = services.privacy.consent_evidence(anna.id)
    finally:
        event.remove(services.db.engine, "begin", on_begin)
    assert len(begun) == 1
    assert (evidence.customer.id, evidence.customer.email) == (anna.id, EMAIL)
    email = evidence.consent.status.channels[Channel.EMAIL]
    assert email.state.value == "confirmed"
    digests = {e.statement_sha256 for e in email.history if e.statement_sha256}
    assert digests and digests <= set(evidence.statements)
    assert all(statement.sha256_matches for statement in evidence.statements.values())


def test_consent_evidence_says_when_a_stored_statement_was_changed(
    services: Services, anna: Anna
) -> None:
    digest = next(iter(services.privacy.consent_evidence(anna.id).statements))
    with services.db.write() as s:
        s.execute(
            update(m.ConsentStatementText)
            .where(m.ConsentStatementText.sha256 == digest)
            .values(text="Ein anderer Text")
        )
    statement = services.privacy.consent_evidence(anna.id).statements[digest]
    assert (statement.text, statement.sha256_matches) == ("Ein anderer Text", False)


def test_consent_evidence_of_an_unknown_customer(services: Services) -> None:
    with pytest.raises(NotFound):
        services.privacy.consent_evidence(999)


# ---- Art. 17 ----------------------------------------------------------------------------------
def test_erase_leaves_no_personal_data_anywhere(
    services: Services, salon: Salon, anna: Anna
) -> None:
    assert _traces(services.db)  # the check finds her before
    row = services.privacy.erase(anna.id, FakeGateway(), salon.reception.name, actor=SHARED_COUNTER)
    assert row.suppressed == 2
    assert _traces(services.db) == []
    customer = services.customers.get(anna.id)
    assert (customer.last_name, customer.email, customer.phone) == (ERASED_NAME, None, None)
    assert customer.ref == anna.ref  # late gateway events still find the row
    assert services.customers.search("Müller") == []


def test_erase_keeps_the_consent_proof_untouched(
    services: Services, salon: Salon, anna: Anna
) -> None:
    before = [_columns_of(e) for e in ledger_rows(services.db, anna.id)]
    services.privacy.erase(anna.id, None, salon.reception.name, actor=SHARED_COUNTER)
    after = [_columns_of(e) for e in ledger_rows(services.db, anna.id)]
    assert after == before
    assert len(after) == 3
    assert services.consent.status(anna.id).status.channels[Channel.EMAIL].state == "confirmed"


def _columns_of(entry: m.ConsentLedgerEntry) -> dict[str, object]:
    return {c.key: getattr(entry, c.key) for c in m.ConsentLedgerEntry.__table__.columns}


def test_erase_withdraws_unsent_messages_and_keeps_the_rows(
    services: Services, salon: Salon, anna: Anna
) -> None:
    before = {o.client_id: o.status for o in outbox_messages(services.db)}
    services.privacy.erase(anna.id, None, salon.reception.name, actor=SHARED_COUNTER)
    after = outbox_messages(services.db)
    assert {o.client_id for o in after} == set(before)
    for message in after:
        assert (message.to_address, message.subject, message.body) == ("", "", "")
        assert message.payload == {}
        assert message.appointment_id is None
        if before[message.client_id] == OutboxStatus.QUEUED:
            assert (message.status, message.reason) == (OutboxStatus.REJECTED, "erased")
    with services.db.read() as s:
        assert s.scalar(select(m.Appointment).where(m.Appointment.customer_id == anna.id)) is None
        assert s.get(m.Campaign, anna.campaign_id) is not None


def test_erase_tells_the_gateway_once(services: Services, salon: Salon, anna: Anna) -> None:
    gateway = FakeGateway()
    row = services.privacy.erase(anna.id, gateway, salon.reception.name, actor=SHARED_COUNTER)
    assert not row.gateway_pending
    assert row.gateway_erased_at is not None
    again = services.privacy.erase(anna.id, gateway, salon.reception.name, actor=SHARED_COUNTER)
    assert again.erased_at == row.erased_at
    assert again.suppressed == 0
    assert [c.args for c in gateway.calls_of("erase_customer", ok=None)] == [
        {"customer_ref": anna.ref}
    ]


def test_gateway_down_erases_on_the_desktop_and_stays_pending(
    services: Services, salon: Salon, anna: Anna, clock: Clock
) -> None:
    gateway = FakeGateway()
    gateway.fail_always("erase_customer")
    row = services.privacy.erase(anna.id, gateway, salon.reception.name, actor=SHARED_COUNTER)
    assert row.gateway_pending
    assert _traces(services.db) == []
    assert services.privacy.erasure(anna.id) == replace(row, suppressed=0)
    gateway.stop_failing()
    clock.advance(hours=1)
    assert services.privacy.retry_gateway_erasures(gateway) == []
    done = services.privacy.erasure(anna.id)
    assert done is not None
    assert not done.gateway_pending
    assert done.gateway_erased_at == clock.now
    assert len(gateway.calls_of("erase_customer")) == 1
    assert services.privacy.retry_gateway_erasures(gateway) == []
    assert len(gateway.calls_of("erase_customer")) == 1


def test_erasing_again_retries_a_pending_gateway(
    services: Services, salon: Salon, anna: Anna
) -> None:
    gateway = FakeGateway()
    gateway.fail_next(method="erase_customer")
    assert services.privacy.erase(
        anna.id, gateway, salon.reception.name, actor=SHARED_COUNTER
    ).gateway_pending
    assert not services.privacy.erase(
        anna.id, gateway, salon.reception.name, actor=SHARED_COUNTER
    ).gateway_pending


def test_erase_needs_a_known_staff_member(services: Services, salon: Salon, anna: Anna) -> None:
    with pytest.raises(InvalidField):
        services.privacy.erase(anna.id, None, " ", actor=SHARED_COUNTER)
    with pytest.raises(NotFound):
        services.privacy.erase(anna.id, None, "Niemand", actor=SHARED_COUNTER)
    assert services.customers.get(anna.id).email == EMAIL
    with pytest.raises(NotFound):
        services.privacy.erase(999, None, salon.reception.name, actor=SHARED_COUNTER)


# ---- the suppression list ---------------------------------------------------------------------
def test_erased_addresses_cannot_come_back(services: Services, salon: Salon, anna: Anna) -> None:
    services.privacy.erase(anna.id, None, salon.reception.name, actor=SHARED_COUNTER)
    with pytest.raises(AddressSuppressed) as refused:
        add_customer(services, email="Anna.Mueller@Example.org", phone=None)
    assert refused.value.field == "email"
    with pytest.raises(AddressSuppressed) as refused:
        services.customers.create(
            CustomerInput(first_name="A", last_name="M", phone="0151 1234 5678"),
            allow_duplicate=True,
        )
    assert refused.value.field == "phone"
    other = add_customer(services, first="Bea", last="Neu", email="bea@example.org", phone=None)
    with pytest.raises(AddressSuppressed):
        services.customers.update(
            other.id, CustomerInput(first_name="Bea", last_name="Neu", email=EMAIL)
        )
    with pytest.raises(AddressSuppressed):  # also not on the erased row itself
        services.customers.update(
            anna.id, CustomerInput(first_name="Anna", last_name="Müller", phone=PHONE)
        )
    assert _traces(services.db) == []


def test_an_erased_customer_cannot_be_filled_in_again(
    services: Services, salon: Salon, anna: Anna
) -> None:
    """Another counter PC still shows Anna's form (typed notes, no address) when she is
    erased here; its save must not write her name and notes back into the erased row."""
    services.privacy.erase(anna.id, None, salon.reception.name, actor=SHARED_COUNTER)
    with pytest.raises(NotFound):
        services.customers.update(
            anna.id,
            CustomerInput(first_name="Anna", last_name="Müller", notes="Allergie gegen Nickel"),
        )
    assert services.customers.get(anna.id).last_name == ERASED_NAME
    assert _traces(services.db) == []


def test_an_address_kept_by_another_customer_does_not_block_editing_them(
    services: Services, salon: Salon, anna: Anna
) -> None:
    partner = services.customers.create(
        CustomerInput(first_name="Jan", last_name="Kolb", phone=PHONE), allow_duplicate=True
    )
    services.privacy.erase(anna.id, None, salon.reception.name, actor=SHARED_COUNTER)
    services.customers.update(
        partner.id, CustomerInput(first_name="Jan", last_name="Kolbe", phone=PHONE)
    )
    assert services.customers.get(partner.id).last_name == "Kolbe"


def test_csv_import_skips_erased_customers(
    services: Services, salon: Salon, anna: Anna, tmp_path: Path
) -> None:
    services.privacy.erase(anna.id, None, salon.reception.name, actor=SHARED_COUNTER)
    path = tmp_path / "kunden.csv"
    path.write_text(
        "Vorname;Nachname;E-Mail;Telefon\n"
        "Anna;Müller;ANNA.MUELLER@example.org;\n"
        "Anna;Müller;;0151/12345678\n"
        "Carla;Neu;carla@example.org;\n",
        encoding="utf-8",
    )
    report = CsvImporter(services.customers, services.db).import_file(path)
    assert report.imported == 1
    assert report.rejected == ()
    assert report.skipped == (
        (2, "email", "address_suppressed", ""),
        (3, "phone", "address_suppressed", ""),
    )
    assert [c.last_name for c in services.customers.all()] == [ERASED_NAME, "Neu"]
    assert _traces(services.db) == []


# ---- the ledger stays append-only -------------------------------------------------------------
def test_ledger_still_refuses_every_change(services: Services, anna: Anna) -> None:
    db = services.db
    changes = [
        {"event": "revoked"},
        {"staff": "Jemand"},
        {"ip": None},
        {"address": None},
        {"statement_sha256": None},
    ]
    for values in changes:
        with pytest.raises(DBAPIError, match="append-only"), db.write() as s:
            s.execute(
                update(m.ConsentLedgerEntry)
                .where(m.ConsentLedgerEntry.customer_id == anna.id)
                .values(**values)
            )
    with pytest.raises(DBAPIError, match="append-only"), db.write() as s:
        s.execute(delete(m.ConsentLedgerEntry).where(m.ConsentLedgerEntry.customer_id == anna.id))
    rows = ledger_rows(db, anna.id)
    assert len(rows) == 3
    assert rows[2].ip == "203.0.113.7"


def test_sync_tells_the_gateway_about_erasures_it_missed(
    services: Services, salon: Salon, anna: Anna, clock: Clock
) -> None:
    gateway = FakeGateway()
    gateway.fail_always("erase_customer")
    assert services.privacy.erase(
        anna.id, gateway, salon.reception.name, actor=SHARED_COUNTER
    ).gateway_pending
    gateway.stop_failing()
    report = make_sync(services, gateway, clock).run_once()
    assert report.ok
    done = services.privacy.erasure(anna.id)
    assert done is not None and not done.gateway_pending
    calls = gateway.calls_of("erase_customer")
    assert [call.args for call in calls] == [{"customer_ref": anna.ref}]


def test_a_late_confirmation_of_an_erased_customer_keeps_no_details(
    services: Services, salon: Salon, anna: Anna, clock: Clock
) -> None:
    services.privacy.erase(anna.id, None, salon.reception.name, actor=SHARED_COUNTER)
    gateway = FakeGateway()
    gateway.add_event(
        "consent.confirmed",
        clock.now,
        customer_ref=anna.ref,
        channel="email",
        data={"request_id": "late-1", "ip": "198.51.100.7", "user_agent": "Browser/1.0"},
    )
    make_sync(services, gateway, clock).run_once()
    [late] = [e for e in ledger_rows(services.db, anna.id) if e.request_id == "late-1"]
    assert (late.event, late.ip, late.user_agent) == ("confirmed", None, None)


def test_erasing_in_the_window_leaves_the_gateway_to_the_next_sync(
    services: Services, salon: Salon, anna: Anna, clock: Clock
) -> None:
    # The window erases without waiting for HTTP: with a gateway configured the erasure
    # stays pending until the background sync has told it.
    services.catalogue.set_setting(
        "gateway_url", "https://gateway.example.org", actor=SHARED_COUNTER
    )
    assert services.privacy.erase(
        anna.id, None, salon.reception.name, actor=SHARED_COUNTER
    ).gateway_pending
    gateway = FakeGateway()
    assert make_sync(services, gateway, clock).run_once().ok
    done = services.privacy.erasure(anna.id)
    assert done is not None and not done.gateway_pending
    assert len(gateway.calls_of("erase_customer")) == 1
