"""Demo data (DemoDataService): a realistic, consistent German salon."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import timedelta

import pytest
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.contact import can_receive_sms, is_valid_email, national_digits
from desk_app.domain.enums import (
    ACTIVE_APPOINTMENT_STATUSES,
    AppointmentStatus,
    Channel,
    ConsentState,
)
from desk_app.domain.scheduling import OpeningInterval, within_opening_hours
from desk_app.services.container import Services
from tests.conftest import Clock
from tests.services.support import BERLIN, count

CUSTOMERS = 60


@pytest.fixture
def filled(services: Services) -> dict[str, int]:
    assert services.demo.is_empty()
    return services.demo.fill(customers=CUSTOMERS)


def _appointments(services: Services) -> list[m.Appointment]:
    with services.db.read() as s:
        return list(s.scalars(select(m.Appointment).order_by(m.Appointment.id)))


def test_is_empty_before_and_not_after(services: Services) -> None:
    assert services.demo.is_empty()
    services.demo.fill(customers=CUSTOMERS)
    assert not services.demo.is_empty()


def test_fill_reports_what_it_made(services: Services, filled: dict[str, int]) -> None:
    assert filled["customers"] == CUSTOMERS == count(services.db, m.Customer)
    assert filled["staff"] == 5 == count(services.db, m.Staff)
    assert filled["services"] == 8 == count(services.db, m.Treatment)
    assert filled["appointments"] == count(services.db, m.Appointment) > 100
    assert filled["consent_entries"] == count(services.db, m.ConsentLedgerEntry) > 0


def test_staff_services_and_settings(services: Services, filled: dict[str, int]) -> None:
    staff = {s.name: s.role.value for s in services.catalogue.list_staff()}
    assert staff["Sabine Müller"] == "owner"
    assert "reception" in staff.values()
    assert sum(role == "stylist" for role in staff.values()) >= 2
    assert {s.name for s in services.catalogue.list_treatments()} >= {"Damenhaarschnitt", "Färben"}
    settings = services.catalogue.stored_settings()
    assert settings["salon_name"] == "Haarwerk Müller"
    assert settings["time_zone"] == "Europe/Berlin"
    assert services.catalogue.opening_hours() != []


def test_no_overlapping_active_appointments_per_staff(
    services: Services, filled: dict[str, int]
) -> None:
    active = {s.value for s in ACTIVE_APPOINTMENT_STATUSES}
    by_staff: dict[int, list[m.Appointment]] = defaultdict(list)
    for appointment in _appointments(services):
        if appointment.status in active:
            by_staff[appointment.staff_id].append(appointment)
    assert len(by_staff) >= 2
    for appointments in by_staff.values():
        appointments.sort(key=lambda a: a.starts_at)
        for earlier, later in zip(appointments, appointments[1:], strict=False):
            assert earlier.ends_at <= later.starts_at, (earlier.id, later.id)


def test_appointments_lie_within_opening_hours(services: Services, filled: dict[str, int]) -> None:
    hours: list[OpeningInterval] = services.catalogue.opening_hours()
    for appointment in _appointments(services):
        start, end = (
            appointment.starts_at.astimezone(BERLIN),
            appointment.ends_at.astimezone(BERLIN),
        )
        assert within_opening_hours(start, end, hours), (start, end)


def test_no_active_appointment_falls_into_a_break_or_absence(
    services: Services, filled: dict[str, int]
) -> None:
    """Booking refuses a slot during an absence (StaffUnavailable); demo data should too."""
    active = {s.value for s in ACTIVE_APPOINTMENT_STATUSES}
    with services.db.read() as s:
        absences = list(s.scalars(select(m.Absence)))
    assert absences
    clashes = [
        (absence.staff_id, a.id)
        for absence in absences
        for a in _appointments(services)
        if a.staff_id == absence.staff_id
        and a.status in active
        and a.starts_at < absence.ends_at
        and absence.starts_at < a.ends_at
    ]
    assert clashes == []


def test_only_stylists_have_appointments(services: Services, filled: dict[str, int]) -> None:
    reception = {s.id for s in services.catalogue.list_staff() if s.role.value == "reception"}
    assert reception
    assert all(a.staff_id not in reception for a in _appointments(services))


def test_appointment_status_matches_the_clock(
    services: Services, filled: dict[str, int], clock: Clock
) -> None:
    appointments = _appointments(services)
    past = [a for a in appointments if a.ends_at <= clock.now]
    future = [a for a in appointments if a.starts_at > clock.now]
    assert past and future
    assert {a.status for a in future} == {AppointmentStatus.BOOKED.value}
    assert AppointmentStatus.BOOKED.value not in {a.status for a in past}
    assert AppointmentStatus.DONE.value in {a.status for a in past}


def test_mixed_consent_states(services: Services, filled: dict[str, int]) -> None:
    states: set[ConsentState] = set()
    objected = 0
    for customer in services.customers.all():
        status = services.consent.status(customer.id).status
        objected += status.objected
        states.update(status.state(ch) for ch in Channel)
    assert {
        ConsentState.CONFIRMED,
        ConsentState.PENDING,
        ConsentState.REVOKED,
        ConsentState.NONE,
    } <= states
    assert objected >= 1


def test_confirmed_consent_has_complete_evidence(
    services: Services, filled: dict[str, int]
) -> None:
    confirmed = 0
    for customer in services.customers.all():
        for channel in services.consent.status(customer.id).status.channels.values():
            if channel.state is not ConsentState.CONFIRMED:
                continue
            confirmed += 1
            declaration, confirmation = channel.declaration, channel.confirmation
            assert declaration is not None and confirmation is not None
            assert declaration.request_id == confirmation.request_id
            assert declaration.statement_sha256 is not None
            assert confirmation.ip and confirmation.user_agent
            assert confirmation.at - declaration.at <= timedelta(days=30)
            text = services.consent.statement_text(declaration.statement_sha256)
            assert text is not None
            assert hashlib.sha256(text.encode("utf-8")).hexdigest() == (
                declaration.statement_sha256
            )
    assert confirmed >= 1


def test_names_contain_umlauts_and_are_searchable(
    services: Services, filled: dict[str, int]
) -> None:
    customers = services.customers.all()
    with_umlauts = [c for c in customers if set(c.full_name.lower()) & set("äöüß")]
    assert with_umlauts
    sample = with_umlauts[0]
    word = next(w for w in sample.full_name.split() if set(w.lower()) & set("äöüß"))
    assert sample.id in {r.id for r in services.customers.search(word, limit=CUSTOMERS)}


def test_contact_data_is_valid_and_unique(services: Services, filled: dict[str, int]) -> None:
    with services.db.read() as s:
        customers = list(s.scalars(select(m.Customer)))
    emails = [c.email for c in customers if c.email]
    phones = [c.phone for c in customers if c.phone]
    assert emails and phones
    assert all(is_valid_email(e) for e in emails)
    assert all(can_receive_sms(p) for p in phones)
    assert len(set(emails)) == len(emails)
    assert len(set(phones)) == len(phones)
    assert all(c.email or c.phone for c in customers)
    # The search column matches the number (what the customer service would store).
    assert all(c.phone_digits == national_digits(c.phone) for c in customers if c.phone)


def test_fill_is_reproducible(
    services: Services, second_services: Services, filled: dict[str, int]
) -> None:
    again = second_services.demo.fill(customers=CUSTOMERS)
    assert again == filled
    assert [c.full_name for c in second_services.customers.all()] == [
        c.full_name for c in services.customers.all()
    ]
