"""Storing the salon settings through their declarations (the window's and the command
line's one way in): refused values change nothing, accepted ones read back typed."""

from __future__ import annotations

from datetime import time

import pytest

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.errors import InvalidField
from desk_app.domain.salon_settings import SalonSettings
from desk_app.services.container import Services


def test_fresh_settings_are_the_declared_defaults(services: Services) -> None:
    assert services.catalogue.salon_settings() == SalonSettings.defaults()


def test_stored_values_read_back_typed(services: Services) -> None:
    stored = services.catalogue.set_settings(
        {"auto_reminder_hours": " 48", "owner_mobile": "0151 12345678", "auto_birthday": "ON"},
        actor=SHARED_COUNTER,
    )
    assert stored == {
        "auto_reminder_hours": "48",
        "owner_mobile": "+4915112345678",
        "auto_birthday": "on",
    }
    settings = services.catalogue.salon_settings()
    assert settings.auto_reminder_hours == 48 and settings.auto_birthday is True
    assert settings.owner_mobile == "+4915112345678"
    assert services.catalogue.stored_settings()["auto_reminder_hours"] == "48"


@pytest.mark.parametrize(
    ("changes", "field", "problem"),
    [
        ({"gateway_url": "ftp://x"}, "gateway_url", "not_https"),
        ({"auto_reminder_hours": "169"}, "auto_reminder_hours", "out_of_range"),
        # all or nothing: the good value goes back with the bad one
        ({"frequency_cap": "2", "auto_reminder_hours": "0"}, "auto_reminder_hours", "out_of_range"),
        ({"quiet_hours_start": "21:00"}, "quiet_hours_start", "starts_after_ends"),
        ({"no_such_setting": "1"}, "setting", "unknown"),
    ],
)
def test_a_refused_value_stores_nothing(
    services: Services, changes: dict[str, str], field: str, problem: str
) -> None:
    before = services.catalogue.stored_settings()
    with pytest.raises(InvalidField) as refused:
        services.catalogue.set_settings(changes, actor=SHARED_COUNTER)
    assert (refused.value.field, refused.value.problem) == (field, problem)
    assert services.catalogue.stored_settings() == before


def test_the_sending_hours_are_checked_against_the_stored_other_end(services: Services) -> None:
    services.catalogue.set_settings(
        {"quiet_hours_start": "09:00", "quiet_hours_end": "10:00"}, actor=SHARED_COUNTER
    )
    with pytest.raises(InvalidField) as refused:
        services.catalogue.set_setting("quiet_hours_end", "08:30", actor=SHARED_COUNTER)
    assert refused.value.field == "quiet_hours_end"
    assert services.catalogue.salon_settings().quiet_hours == (time(9, 0), time(10, 0))
