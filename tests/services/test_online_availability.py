"""The availability snapshot the desktop publishes: what it offers (opening hours, staff
hours, absences, closures, appointments, lead time, horizon) and that it never carries
anything about a customer (every key is inspected, every value searched for customer data)."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.availability import Interval, start_times
from desk_app.domain.enums import AbsenceKind
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.online_availability import (
    OnlineAvailabilityService,
    content_hash,
)
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, berlin

pytestmark = pytest.mark.usefixtures("salon")

# The keys a snapshot may have, level by level (protocol "PUT /v1/availability").
TOP = {
    "public_name", "enabled", "computed_at", "salon", "rules", "consent", "treatments",
    "staff", "free",
}  # fmt: skip
SALON = {"name", "colour", "phone", "privacy_url", "time_zone"}
RULES = {"step_minutes", "lead_minutes", "horizon_days", "cancel_deadline_hours"}
TREATMENT = {"id", "name", "minutes", "price_cents", "description", "staff_ids"}
STAFF = {"id", "name"}
FREE = {"staff_id", "intervals"}


def _open_online(services: Services, **settings: str) -> OnlineAvailabilityService:
    week = [OpeningInterval(d, time(9), time(18)) for d in range(6)]
    services.catalogue.set_opening_hours(week)
    services.catalogue.set_settings(
        {"online_booking": "on", "public_name": "haarwerk-mueller", **settings},
        actor=SHARED_COUNTER,
    )
    return services.online_availability


def _free(snapshot: dict[str, Any], staff_id: int) -> list[tuple[datetime, datetime]]:
    [entry] = [e for e in snapshot["free"] if e["staff_id"] == staff_id]
    return [(datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in entry["intervals"]]


def count_starts(snapshot: dict[str, Any], zone_name: str | None = None) -> int:
    """Bookable start times over all treatments and staff, as the gateway derives them
    (desk_gateway.booking.store.count_starts counts the same without listing them)."""
    zone = ZoneInfo(zone_name or snapshot["salon"]["time_zone"])
    step = snapshot["rules"]["step_minutes"]
    free = {
        entry["staff_id"]: [
            Interval(datetime.fromisoformat(a), datetime.fromisoformat(b))
            for a, b in entry["intervals"]
        ]
        for entry in snapshot["free"]
    }
    return sum(
        len(start_times(free.get(staff_id, []), treatment["minutes"], zone, step))
        for treatment in snapshot["treatments"]
        for staff_id in treatment["staff_ids"]
    )


def assert_public_only(snapshot: dict[str, Any], secrets: list[str]) -> None:
    """Only the declared keys, and no customer's name, address, phone or note anywhere."""
    assert set(snapshot) == TOP
    assert set(snapshot["salon"]) == SALON
    assert set(snapshot["rules"]) == RULES
    for treatment in snapshot["treatments"]:
        assert set(treatment) == TREATMENT
    for member in snapshot["staff"]:
        assert set(member) == STAFF
    for entry in snapshot["free"]:
        assert set(entry) == FREE
        for interval in entry["intervals"]:
            assert len(interval) == 2 and all(isinstance(v, str) for v in interval)
    for language in snapshot["consent"].values():
        for statement in language.values():
            assert set(statement) == {"version", "text"}
    encoded = json.dumps(snapshot, ensure_ascii=False).lower()
    for secret in secrets:
        assert secret.lower() not in encoded, secret


def test_no_public_name_no_snapshot(services: Services) -> None:
    assert services.online_availability.snapshot() is None


def test_switched_off_snapshot_offers_nothing(services: Services) -> None:
    service = _open_online(services, online_booking="off")
    snapshot = service.snapshot()
    assert snapshot is not None
    assert snapshot["enabled"] is False
    assert snapshot["treatments"] == snapshot["staff"] == snapshot["free"] == []


def test_snapshot_holds_no_customer_data(services: Services, salon: Salon, clock: Clock) -> None:
    service = _open_online(services)
    customer = add_customer(
        services, "Zoë", "Brückner", email="zoe.brueckner@example.org", phone="0151 98765432"
    )
    services.booking.book(
        BookingRequest(
            customer.id,
            salon.stylist.id,
            salon.cut.id,
            berlin(2026, 11, 27, 10),
            note="Allergie gegen Ammoniak",
        )
    )
    snapshot = service.snapshot()
    assert snapshot is not None
    assert_public_only(
        snapshot,
        ["Zoë", "Brückner", "zoe.brueckner", "98765432", "Ammoniak", customer.ref],
    )
    # What it does show: the bookable treatments and staff by display name.
    assert {t["name"] for t in snapshot["treatments"]} == {"Damenhaarschnitt", "Färben"}
    assert {s["name"] for s in snapshot["staff"]} == {"Jörg Weiß", "Aylin Öztürk", "Tanja Groß"}


def test_appointment_absence_and_closure_are_not_free(
    services: Services, salon: Salon, clock: Clock
) -> None:
    service = _open_online(services, booking_lead_minutes="0")
    customer = add_customer(services)
    services.booking.book(
        BookingRequest(customer.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 27, 10))
    )
    services.catalogue.add_absence(
        salon.other_stylist.id, AbsenceKind.ABSENCE, berlin(2026, 11, 27, 12),
        berlin(2026, 11, 27, 14), "Arzttermin",
    )  # fmt: skip
    services.catalogue.add_closure(date(2026, 11, 28), date(2026, 11, 28), "Betriebsausflug")
    snapshot = service.snapshot()
    assert snapshot is not None
    stylist = _free(snapshot, salon.stylist.id)
    friday_stylist = [i for i in stylist if i[0].date() == date(2026, 11, 27)]
    assert friday_stylist == [
        (berlin(2026, 11, 27, 9), berlin(2026, 11, 27, 10)),
        (berlin(2026, 11, 27, 10, 45), berlin(2026, 11, 27, 18)),
    ]
    other = [
        i for i in _free(snapshot, salon.other_stylist.id) if i[0].date() == date(2026, 11, 27)
    ]
    assert other == [
        (berlin(2026, 11, 27, 9), berlin(2026, 11, 27, 12)),
        (berlin(2026, 11, 27, 14), berlin(2026, 11, 27, 18)),
    ]
    saturday = date(2026, 11, 28)
    assert not any(start.astimezone(berlin(2026, 1, 1, 0).tzinfo).date() == saturday
                   for start, _ in stylist)  # fmt: skip
    assert_public_only(snapshot, ["Betriebsausflug", "Arzttermin"])


def test_lead_time_and_horizon_bound_the_free_time(
    services: Services, salon: Salon, clock: Clock
) -> None:
    service = _open_online(services, booking_lead_minutes="180", booking_horizon_weeks="2")
    snapshot = service.snapshot()
    assert snapshot is not None
    intervals = _free(snapshot, salon.stylist.id)
    assert min(start for start, _ in intervals) >= clock.now + timedelta(minutes=180)
    assert max(end for _, end in intervals) <= clock.now + timedelta(days=14)
    assert snapshot["rules"]["horizon_days"] == 14


def test_staff_hours_and_online_flags(services: Services, salon: Salon) -> None:
    service = _open_online(services, booking_lead_minutes="0")
    services.catalogue.set_staff_hours(
        salon.stylist.id, [OpeningInterval(4, time(12), time(16))]
    )  # Fridays 12-16 only
    services.catalogue.set_staff_online(salon.reception.id, False)
    services.catalogue.set_treatment_online(salon.colour.id, False)
    snapshot = service.snapshot()
    assert snapshot is not None
    assert [s["name"] for s in snapshot["staff"]] == ["Aylin Öztürk", "Jörg Weiß"]
    assert [t["name"] for t in snapshot["treatments"]] == ["Damenhaarschnitt"]
    stylist = _free(snapshot, salon.stylist.id)
    assert stylist and all(start.weekday() == 4 for start, _ in stylist)
    assert stylist[0] == (berlin(2026, 11, 27, 12), berlin(2026, 11, 27, 16))


def test_statements_are_the_phone_paths(services: Services) -> None:
    services.catalogue.set_setting("salon_name", "Haarwerk Müller", actor=SHARED_COUNTER)
    snapshot = _open_online(services).snapshot()
    assert snapshot is not None
    email_de = snapshot["consent"]["de"]["email"]
    assert email_de["version"] == "2026-11"
    assert "Haarwerk Müller mir per E-Mail Werbung" in email_de["text"]
    assert "per SMS" in snapshot["consent"]["de"]["sms"]["text"]
    assert "by email" in snapshot["consent"]["en"]["email"]["text"]


def test_count_and_hash(services: Services, salon: Salon, clock: Clock) -> None:
    service = _open_online(services, booking_lead_minutes="0", booking_horizon_weeks="1")
    first = service.snapshot()
    assert first is not None
    # From Wednesday 09:00 for a week: six open days of 9-18 (Sunday closed, the next
    # Wednesday begins at the horizon). On a 15-minute grid the 45-minute cut starts
    # 09:00-17:15 (34 times a day), the 90-minute colour 09:00-16:30 (31), for 3 staff.
    assert count_starts(first) == 6 * 3 * (34 + 31)
    clock.advance(seconds=1)
    again = service.snapshot()
    assert again is not None and content_hash(again) == content_hash(first)
    services.booking.book(
        BookingRequest(add_customer(services).id, salon.stylist.id, salon.cut.id,
                       berlin(2026, 11, 27, 10))
    )  # fmt: skip
    changed = service.snapshot()
    assert changed is not None and content_hash(changed) != content_hash(first)
