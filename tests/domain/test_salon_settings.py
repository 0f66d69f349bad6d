"""The salon settings' declarations: one per setting, typed reads, the declared checks."""

from __future__ import annotations

import dataclasses
from datetime import time

import pytest

from desk_app.domain.errors import InvalidField
from desk_app.domain.policy import DEFAULT_FREQUENCY_CAP, DEFAULT_QUIET_HOURS
from desk_app.domain.salon_settings import (
    DEFAULT_SETTINGS,
    SETTINGS,
    SalonSettings,
    SettingKind,
    check_sending_hours,
    normalise_setting,
    number_range,
)


def test_every_declaration_has_its_typed_field_and_back() -> None:
    assert [f.name for f in dataclasses.fields(SalonSettings)] == list(SETTINGS)


def test_stored_texts_read_back_typed_with_defaults_for_the_rest() -> None:
    read = SalonSettings.from_stored(
        {"auto_reminder": "off", "auto_reminder_hours": "48", "quiet_hours_end": "19:30"}
    )
    assert read.auto_reminder is False and read.auto_confirmation is True
    assert read.auto_reminder_hours == 48
    assert read.quiet_hours == (time(8, 0), time(19, 30))
    assert read.salon_name == "Salon" and read.zone.key == "Europe/Berlin"
    assert SalonSettings.from_stored({"retired_key": "x"}) == SalonSettings.defaults()


def test_values_older_versions_stored_with_spaces_keep_their_meaning() -> None:
    # Before the declarations, " 09:00" passed the check (stripped) and was stored as
    # typed: the salon's sending hours must not fall back to 08:00-20:00 because of it.
    read = SalonSettings.from_stored(
        {"quiet_hours_start": " 09:00", "quiet_hours_end": "19:00 ", "frequency_cap": " 2 "}
    )
    assert read.quiet_hours == (time(9, 0), time(19, 0))
    assert read.frequency_cap == 2


def test_a_stored_text_that_cannot_be_read_reads_as_the_default() -> None:
    read = SalonSettings.from_stored({"sms_price_cents": "9ct", "quiet_hours_end": "8 pm"})
    assert read.sms_price_cents == 9 and read.quiet_hours_end == time(20, 0)


def test_every_default_passes_its_own_check() -> None:
    for key, default in DEFAULT_SETTINGS.items():
        if key == "salon_name" or default:
            assert normalise_setting(key, default) == default, key


def test_the_policy_defaults_are_the_declared_ones() -> None:
    assert DEFAULT_FREQUENCY_CAP == SalonSettings.defaults().frequency_cap == 4
    assert (time(8, 0), time(20, 0)) == DEFAULT_QUIET_HOURS


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("gateway_url", "ftp://x", "not_https"),
        ("auto_reminder_hours", "0", "out_of_range"),
        ("auto_reminder_hours", "169", "out_of_range"),
        ("auto_win_back", "yes", "not_a_switch"),
        ("quiet_hours_start", "8", "invalid_time"),
        ("no_such_setting", "1", "unknown"),
        ("public_name", "Haarwerk", "invalid_public_name"),
        ("public_name", "-haarwerk", "invalid_public_name"),
        ("public_name", "haarwerk-", "invalid_public_name"),
        ("public_name", "ab", "invalid_public_name"),
        ("public_name", "a" * 41, "invalid_public_name"),
        ("public_name", "haar werk", "invalid_public_name"),
        ("public_name", "müller", "invalid_public_name"),
        ("booking_horizon_weeks", "27", "out_of_range"),
        ("booking_horizon_weeks", "0", "out_of_range"),
        ("booking_lead_minutes", "2881", "out_of_range"),
        ("cancel_deadline_hours", "169", "out_of_range"),
        ("booking_step_minutes", "4", "out_of_range"),
        ("booking_step_minutes", "61", "out_of_range"),
        ("online_booking", "ja", "not_a_switch"),
        ("privacy_url", "http://salon.example/datenschutz", "not_web_address"),
        ("brand_colour", "green", "invalid_colour"),
        ("brand_colour", "#2d6a4", "invalid_colour"),
    ],
)
def test_the_declared_checks_refuse(key: str, value: str, problem: str) -> None:
    with pytest.raises(InvalidField) as refused:
        normalise_setting(key, value)
    assert refused.value.problem == problem


def test_number_ranges_are_declared_for_numbers_only() -> None:
    numbers = [key for key, spec in SETTINGS.items() if spec.kind is SettingKind.NUMBER]
    assert number_range("auto_reminder_hours") == (1, 168)
    assert all(
        low <= int(DEFAULT_SETTINGS[k]) <= high for k in numbers for low, high in [number_range(k)]
    )


def test_the_sending_hours_must_begin_before_they_end() -> None:
    check_sending_hours("08:00", "20:00")
    with pytest.raises(InvalidField) as refused:
        check_sending_hours("20:00", "08:00", "quiet_hours_end")
    assert (refused.value.field, refused.value.problem) == ("quiet_hours_end", "starts_after_ends")


def test_the_online_booking_settings_and_their_defaults() -> None:
    read = SalonSettings.defaults()
    assert read.online_booking is False
    assert (read.public_name, read.privacy_url, read.brand_colour) == ("", "", "#2d6a4f")
    assert (read.booking_horizon_weeks, read.booking_lead_minutes) == (6, 120)
    assert (read.cancel_deadline_hours, read.booking_step_minutes) == (24, 15)
    assert normalise_setting("public_name", " haarwerk-mueller ") == "haarwerk-mueller"
    assert normalise_setting("public_name", "a1b") == "a1b"
    assert normalise_setting("public_name", "a" * 40) == "a" * 40
    assert normalise_setting("public_name", "") == ""
    assert normalise_setting("brand_colour", "#2D6A4F") == "#2d6a4f"
    url = "https://salon.example/datenschutz"
    assert normalise_setting("privacy_url", url) == url
    assert normalise_setting("privacy_url", "") == ""
