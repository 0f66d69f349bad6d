"""SalonSetupService, which the settings dialog saves through (both database backends).

Plain service tests without Qt; they live next to the dialog's tests because the service
exists for the dialog.
"""

from __future__ import annotations

from datetime import time

import pytest

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.errors import AlreadyExists, InvalidField, NotFound
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.salon_setup import (
    SalonSettingsInput,
    SalonSetupService,
    normalise_gateway_url,
    time_zones,
)
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, friday, make_salon


@pytest.fixture
def setup(services: Services, clock: Clock) -> SalonSetupService:
    return SalonSetupService(services.db, clock)


@pytest.fixture
def salon(services: Services) -> Salon:
    return make_salon(services)


def _settings(**changes: object) -> SalonSettingsInput:
    values: dict[str, object] = {
        "salon_name": "Haarwerk Müller",
        "sender_name": "HaarWerk",
        "time_zone": "Europe/Vienna",
        "gateway_url": "https://gateway.example.de/",
        "opening_hours": {1: [(time(14), time(18)), (time(9), time(13))], 5: [(time(9), time(14))]},
    }
    values.update(changes)
    return SalonSettingsInput(**values)  # type: ignore[arg-type]


def test_save_writes_profile_hours_and_gateway(
    services: Services, setup: SalonSetupService
) -> None:
    profile = setup.save(_settings(), actor=SHARED_COUNTER)

    assert profile.salon_name == "Haarwerk Müller"
    assert profile.sender_name == "HaarWerk"
    assert profile.time_zone == "Europe/Vienna"
    assert profile.gateway_url == "https://gateway.example.de"  # trailing slash dropped
    assert services.catalogue.stored_settings()["salon_name"] == "Haarwerk Müller"
    assert services.catalogue.opening_hours() == [
        OpeningInterval(1, time(9), time(13)),
        OpeningInterval(1, time(14), time(18)),
        OpeningInterval(5, time(9), time(14)),
    ]
    assert setup.week() == {
        1: [(time(9), time(13)), (time(14), time(18))],
        5: [(time(9), time(14))],
    }


@pytest.mark.parametrize(
    ("changes", "field", "problem"),
    [
        ({"salon_name": "  "}, "salon_name", "required"),
        ({"sender_name": "Haarwerk Mü"}, "sender_name", "invalid_sender"),
        ({"sender_name": "HaarwerkMueller"}, "sender_name", "invalid_sender"),
        ({"time_zone": "Europe/Atlantis"}, "time_zone", "unknown"),
        ({"gateway_url": "http://gateway.example.de"}, "gateway_url", "not_https"),
        (
            {"opening_hours": {2: [(time(9), time(13)), (time(12), time(18))]}},
            "opening_hours",
            "overlapping",
        ),
        ({"opening_hours": {2: [(time(18), time(9))]}}, "opening_hours", "opens_after_closes"),
        ({"opening_hours": {7: [(time(9), time(18))]}}, "weekday", "out_of_range"),
    ],
)
def test_save_is_all_or_nothing(
    services: Services,
    setup: SalonSetupService,
    changes: dict[str, object],
    field: str,
    problem: str,
) -> None:
    before = setup.profile()
    hours_before = services.catalogue.opening_hours()

    with pytest.raises(InvalidField) as caught:
        setup.save(_settings(**changes), actor=SHARED_COUNTER)

    assert (caught.value.field, caught.value.problem) == (field, problem)
    assert setup.profile() == before
    assert services.catalogue.opening_hours() == hours_before


def test_save_without_hours_keeps_them(services: Services, setup: SalonSetupService) -> None:
    setup.save(_settings(), actor=SHARED_COUNTER)
    setup.save(_settings(opening_hours=None, salon_name="Neu"), actor=SHARED_COUNTER)
    assert setup.profile().salon_name == "Neu"
    assert len(services.catalogue.opening_hours()) == 3


def test_local_http_gateway_only_on_this_machine() -> None:
    assert normalise_gateway_url(" http://127.0.0.1:8765/ ") == "http://127.0.0.1:8765"
    assert normalise_gateway_url("") == ""
    with pytest.raises(InvalidField):
        normalise_gateway_url("ftp://gateway.example.de")


def test_time_zones_start_with_the_usual_ones() -> None:
    zones = time_zones()
    assert zones[:3] == ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich"]
    assert "America/New_York" in zones
    assert len(zones) == len(set(zones))


def test_deactivating_staff_counts_their_upcoming_appointments(
    services: Services, setup: SalonSetupService, salon: Salon
) -> None:
    anna = add_customer(services)
    services.booking.book(BookingRequest(anna.id, salon.stylist.id, salon.cut.id, friday(10)))

    change = setup.set_staff_active(salon.stylist.id, False, actor=SHARED_COUNTER)

    assert change.staff.active is False
    assert change.upcoming_appointments == 1
    assert salon.stylist.id not in {s.id for s in services.catalogue.list_staff()}
    again = setup.set_staff_active(salon.stylist.id, True, actor=SHARED_COUNTER)
    assert again.staff.active is True
    with pytest.raises(NotFound):
        setup.set_staff_active(9999, False, actor=SHARED_COUNTER)


def test_update_and_withdraw_a_service(
    services: Services, setup: SalonSetupService, salon: Salon
) -> None:
    row = setup.update_treatment(salon.cut.id, "Damenschnitt", 50, 5250, "Schnitt", "#e8a0b4")
    assert (row.name, row.minutes, row.price_cents, row.category, row.colour) == (
        "Damenschnitt",
        50,
        5250,
        "Schnitt",
        "#e8a0b4",
    )
    assert setup.service_categories() == ["Schnitt"]
    with pytest.raises(AlreadyExists):
        setup.update_treatment(salon.cut.id, "Färben", 50, 5250, "", "#e8a0b4")
    with pytest.raises(InvalidField):
        setup.update_treatment(salon.cut.id, "Damenschnitt", 0, 5250, "", "#e8a0b4")
    with pytest.raises(InvalidField):
        setup.update_treatment(salon.cut.id, "Damenschnitt", 50, 5250, "", "red")

    setup.deactivate_treatment(salon.cut.id)

    assert [s.name for s in services.catalogue.list_treatments()] == ["Färben"]
