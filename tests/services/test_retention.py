"""The retention period (issue 12, DESIGN.md 2.5): the preview names whom the run
anonymises, the run keeps the consent proof and the suppression, and never touches a
customer seen recently, booked ahead, new, or waited on by an online request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import (
    AppointmentStatus,
    AuditAction,
    Channel,
    ConsentSource,
    OnlineRequestReason,
    OnlineRequestState,
    StaffRole,
)
from desk_app.domain.errors import AddressSuppressed, InvalidField, NotPermitted
from desk_app.services import retention
from desk_app.services.container import Services
from desk_app.services.privacy import ERASED_NAME
from desk_app.services.retention import AUTOMATIONS, ids_digest
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway
from tests.services.support import Salon, add_customer, ledger_rows

LONG_AGO = datetime(2015, 3, 1, 9, 0, tzinfo=UTC)  # when the old customers were entered


@dataclass(frozen=True)
class Customers:
    last_seen_2019: int  # inactive: an appointment, but more than 5 years ago
    never_booked: int  # inactive: entered 2015, never an appointment
    cancelled_2024: int  # kept: a cancelled appointment is contact too
    booked_ahead: int  # kept: an old visit, but one booked for next month
    entered_2025: int  # kept: entered less than 5 years ago
    waited_on: int  # kept: an open online request names their email
    erased_before: int  # already erased: not again


def _appointment(
    services: Services,
    salon: Salon,
    customer_id: int,
    start: datetime,
    status: AppointmentStatus = AppointmentStatus.DONE,
) -> None:
    with services.db.write() as s:
        s.add(
            m.Appointment(
                customer_id=customer_id,
                staff_id=salon.stylist.id,
                service_id=salon.cut.id,
                starts_at=start,
                ends_at=start + timedelta(minutes=45),
                status=status.value,
            )
        )


def _customer(services: Services, first: str, entered: datetime = LONG_AGO) -> int:
    row = add_customer(
        services, first=first, last="Alt", email=f"{first.lower()}@example.org", phone=None
    )
    with services.db.write() as s:
        s.execute(update(m.Customer).where(m.Customer.id == row.id).values(created_at=entered))
    return row.id


def _make_customers(services: Services, salon: Salon, clock: Clock) -> Customers:
    c = Customers(
        last_seen_2019=_customer(services, "Lotte"),
        never_booked=_customer(services, "Nora"),
        cancelled_2024=_customer(services, "Cleo"),
        booked_ahead=_customer(services, "Bert"),
        entered_2025=_customer(services, "Emil", datetime(2025, 1, 10, tzinfo=UTC)),
        waited_on=_customer(services, "Wanda"),
        erased_before=_customer(services, "Edda"),
    )
    _appointment(services, salon, c.last_seen_2019, datetime(2019, 6, 3, 9, tzinfo=UTC))
    _appointment(
        services,
        salon,
        c.cancelled_2024,
        datetime(2024, 2, 1, 9, tzinfo=UTC),
        AppointmentStatus.CANCELLED,
    )
    _appointment(services, salon, c.booked_ahead, datetime(2018, 1, 5, 9, tzinfo=UTC))
    _appointment(
        services, salon, c.booked_ahead, clock.now + timedelta(days=30), AppointmentStatus.BOOKED
    )
    services.consent.declare(
        c.last_seen_2019, [Channel.EMAIL], ConsentSource.PHONE, salon.reception.name, True
    )
    with services.db.write() as s:
        s.add(
            m.OnlineRequest(
                request_id="req-wanda",
                kind="booking",
                received_at=clock.now,
                data={"email": "wanda@example.org", "first_name": "Wanda"},
                state=OnlineRequestState.WAITING.value,
                reason=OnlineRequestReason.TWO_CANDIDATES.value,
            )
        )
    services.privacy.erase(c.erased_before, None, salon.reception.name, actor=SHARED_COUNTER)
    return c


def _switch_on(services: Services, years: int = 5) -> None:
    services.catalogue.set_settings(
        {"retention_anonymise": "on", "retention_years": str(years)}, actor=SHARED_COUNTER
    )


def _retention_entries(services: Services) -> list[m.AuditEntry]:
    with services.db.read() as s:
        return list(
            s.scalars(
                select(m.AuditEntry).where(m.AuditEntry.action == AuditAction.RETENTION_RUN.value)
            )
        )


def test_the_preview_names_whom_the_daily_run_anonymises(
    services: Services, salon: Salon, clock: Clock
) -> None:
    c = _make_customers(services, salon, clock)
    retention = services.retention
    expected = {c.last_seen_2019, c.never_booked}

    # Off (the default): the preview still shows what it would do, the run does nothing.
    preview = retention.preview(SHARED_COUNTER, years=5)
    assert (preview.enabled, preview.count) == (False, 2)
    assert not retention.run_due().ran
    assert _retention_entries(services) == []
    assert services.customers.get(c.last_seen_2019).first_name == "Lotte"

    _switch_on(services, years=5)
    ids = retention.candidate_ids(SHARED_COUNTER)
    assert set(ids) == expected
    # The list, a page of one at a time, in the customer list's order, with the last visit.
    pages, after = [], None
    while True:
        page = retention.page(SHARED_COUNTER, after=after, limit=1)
        pages.extend(page.rows)
        if page.next_after is None:
            break
        after = page.next_after
    assert [(r.first_name, r.last_appointment) for r in pages] == [
        ("Lotte", datetime(2019, 6, 3, 9, tzinfo=UTC)),
        ("Nora", None),
    ]
    proof_before = [(e.id, e.event, e.address) for e in ledger_rows(services.db, c.last_seen_2019)]
    assert proof_before

    # A gateway is set up: the erasures wait for the next sync to tell it, as erasing in
    # the window does.
    services.catalogue.set_settings(
        {"gateway_url": "https://gateway.example.org"}, actor=SHARED_COUNTER
    )
    result = retention.run_due()
    assert result.ran and not result.more
    assert set(result.customer_ids) == set(ids)
    assert result.gateway_pending == 2
    assert not retention.run_due().ran  # once a day
    clock.advance(days=1)
    assert retention.run_due().customer_ids == ()  # the next day: nobody left

    # One audit entry per run, by the automations, naming the ids.
    first, second = _retention_entries(services)
    assert (first.member_id, first.member_name) == (None, AUTOMATIONS.name)
    assert first.details["count"] == 2
    assert sorted(first.details["ids"]) == sorted(ids)
    assert first.details["ids_sha256"] == ids_digest(ids)
    assert second.details["count"] == 0
    with services.db.read() as s:
        erased_audits = s.scalars(
            select(m.AuditEntry.subject).where(
                m.AuditEntry.action == AuditAction.CUSTOMER_ERASED.value
            )
        ).all()
        erasures = {e.customer_id: e for e in s.scalars(select(m.Erasure))}
    assert erased_audits == [f"customer:{c.erased_before}"]  # the hand erasure's only
    assert {i: erasures[i].staff for i in ids} == {i: AUTOMATIONS.name for i in ids}

    # Anonymised; the consent proof untouched; the addresses stay suppressed.
    for customer_id in ids:
        row = services.customers.get(customer_id)
        assert (row.first_name, row.last_name, row.email) == ("", ERASED_NAME, None)
    assert [
        (e.id, e.event, e.address) for e in ledger_rows(services.db, c.last_seen_2019)
    ] == proof_before
    with pytest.raises(AddressSuppressed):
        add_customer(services, first="Lotte", last="Neu", email="lotte@example.org", phone=None)
    gateway = FakeGateway()
    assert services.privacy.retry_gateway_erasures(gateway) == []
    told = {call.args["customer_ref"] for call in gateway.calls_of("erase_customer")}
    assert told == {services.customers.get(i).ref for i in ids}

    # Everyone else as they were.
    for kept, name in (
        (c.cancelled_2024, "Cleo"),
        (c.booked_ahead, "Bert"),
        (c.entered_2025, "Emil"),
        (c.waited_on, "Wanda"),
    ):
        assert services.customers.get(kept).first_name == name
    with services.db.read() as s:
        request = s.scalars(select(m.OnlineRequest)).one()
        assert request.data["email"] == "wanda@example.org"


def test_running_by_hand_needs_the_setting_and_the_right(
    services: Services, salon: Salon, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = _make_customers(services, salon, clock)
    with pytest.raises(InvalidField) as off:
        services.retention.run(SHARED_COUNTER, salon.reception.name)
    assert off.value.problem == "retention_off"
    _switch_on(services, years=5)
    reception = Actor(salon.reception.id, salon.reception.name, StaffRole.RECEPTION)
    with pytest.raises(NotPermitted):
        services.retention.preview(reception)
    with pytest.raises(NotPermitted):
        services.retention.run(reception)
    assert services.customers.get(c.never_booked).first_name == "Nora"
    monkeypatch.setattr(retention, "MAX_PER_RUN", 1)  # a run leaves the rest for the next
    by_hand = services.retention.run(SHARED_COUNTER, salon.reception.name)
    assert (by_hand.customer_ids, by_hand.more) == ((c.last_seen_2019,), True)
    rest = services.retention.run_due()  # the same day, but the last run left some out
    assert (rest.customer_ids, rest.more) == ((c.never_booked,), False)
    first, second = _retention_entries(services)
    assert first.member_name == ""  # the shared sign-in; the erasures name who asked
    assert second.member_name == AUTOMATIONS.name
    with services.db.read() as s:
        erasures = {e.customer_id: e.staff for e in s.scalars(select(m.Erasure))}
    assert erasures[c.last_seen_2019] == salon.reception.name
    assert erasures[c.never_booked] == AUTOMATIONS.name
