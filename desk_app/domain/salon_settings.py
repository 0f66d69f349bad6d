"""Salon-wide settings, each declared once: key, kind, default, range, the check that
turns what someone typed into what is stored (or refuses it with an ``InvalidField``
whose problem code ``desk_app.texts.error_text`` translates), and how the stored text
reads back as a typed value.

The window (settings dialog, automations panel) and the command line
(``desk-app settings set KEY VALUE``) both check through ``normalise_setting`` and
``check_sending_hours``, so they accept and refuse the same values in the same words.
The rules read a typed, frozen ``SalonSettings`` built once per transaction from the
stored texts (``SalonSettings.from_stored``). Modelled on Picard's declared options.

Pure: standard library and ``desk_app.domain`` only.
"""

from __future__ import annotations

import dataclasses
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import time
from enum import StrEnum
from typing import Any

from desk_app.domain import setting_checks as check
from desk_app.domain.errors import InvalidField
from desk_app.domain.web_address import gateway_url, privacy_url, review_url

QUIET_HOURS = ("quiet_hours_start", "quiet_hours_end")


class SettingKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"  # a whole number between ``low`` and ``high``
    SWITCH = "switch"  # "on" or "off"
    TIME = "time"  # HH:MM, salon-local


# How a stored (already checked) text reads back, per kind. Lenient about spaces around
# a number or a time: versions before the declarations checked the stripped text but
# stored it as typed, and such a value must keep meaning what the salon set.
_READ: dict[SettingKind, Callable[[str], Any]] = {
    SettingKind.TEXT: str,
    SettingKind.NUMBER: int,
    SettingKind.SWITCH: lambda text: text == "on",
    SettingKind.TIME: lambda text: time.fromisoformat(text.strip()),
}


@dataclass(frozen=True)
class SettingSpec:
    """One setting. ``normalise(key, typed)`` returns the text to store or raises
    InvalidField(key, problem, typed); ``read(stored)`` gives the typed value."""

    key: str
    default: str
    kind: SettingKind
    normalise: Callable[[str, str], str]
    low: int | None = None
    high: int | None = None

    def read(self, stored: str) -> Any:
        return _READ[self.kind](stored)


def _text(key: str, default: str, normalise: Callable[[str, str], str]) -> SettingSpec:
    return SettingSpec(key, default, SettingKind.TEXT, normalise)


def _number(key: str, default: int, low: int, high: int) -> SettingSpec:
    return SettingSpec(key, str(default), SettingKind.NUMBER, check.number(low, high), low, high)


def _switch(key: str, default: str) -> SettingSpec:
    return SettingSpec(key, default, SettingKind.SWITCH, check.switch)


def _time(key: str, default: str) -> SettingSpec:
    return SettingSpec(key, default, SettingKind.TIME, check.clock_time)


# ---- the declaration ----------------------------------------------------------------------
SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        # The salon
        _text("salon_name", "Salon", check.salon_name),
        _text("salon_phone", "", check.phone),  # the {{ salon_phone }} placeholder
        _text("salon_address", "", check.address),  # the {{ salon_address }} placeholder
        _text("sender_name", "", check.sender),  # SMS sender and email name; "": gateway's
        _text("time_zone", "Europe/Berlin", check.time_zone),
        _text("language", "de", check.language),
        _text("gateway_url", "", check.web(gateway_url)),
        # Marketing (DESIGN.md 2, issue 5)
        _text("owner_email", "", check.email),  # test sends of campaigns go here ...
        _text("owner_mobile", "", check.mobile),  # ... and SMS test sends here (E.164)
        _number("frequency_cap", 4, 1, 100),  # advertising per customer in 30 days
        _time("quiet_hours_start", "08:00"),  # marketing SMS only from ...
        _time("quiet_hours_end", "20:00"),  # ... until (salon-local time)
        _number("sms_price_cents", 9, 0, 1000),  # per SMS part, for the estimate
        _text("review_url", "", check.web(review_url)),  # where review requests point to
        # Automations: each one switchable; hours/days are their timing
        _switch("auto_confirmation", "on"),
        _switch("auto_reminder", "on"),
        _number("auto_reminder_hours", 24, 1, 168),
        _switch("auto_birthday", "off"),
        _switch("auto_review_request", "off"),
        _number("auto_review_request_hours", 3, 1, 336),
        _switch("auto_win_back", "off"),
        _number("auto_win_back_days", 120, 14, 1095),
        # Online booking (issue 10): the page at <gateway>/book/<public_name>
        _switch("online_booking", "off"),
        _text("public_name", "", check.public_name),
        _number("booking_horizon_weeks", 6, 1, 26),  # how far ahead one may book
        _number("booking_lead_minutes", 120, 0, 2880),  # online bookings close this early
        _number("cancel_deadline_hours", 24, 0, 168),  # cancel/move online until then
        _number("booking_step_minutes", 15, 5, 60),  # start times on this grid
        _text("privacy_url", "", check.web(privacy_url)),  # linked next to the checkboxes
        _text("brand_colour", "#2d6a4f", check.colour),  # the booking page's colour
        # Staff sign-in (issue 12): off, the counter shares one sign-in (as before)
        _switch("staff_sign_in", "off"),
        _number("pin_attempts", 5, 3, 20),  # wrong PINs in a row before a lockout ...
        _number("pin_lockout_minutes", 15, 1, 1440),  # ... of this long
        _number("idle_lock_minutes", 5, 1, 240),  # the window locks when idle this long
        # Retention (issue 12): anonymise customers with no appointment for this many years
        _switch("retention_anonymise", "off"),
        _number("retention_years", 10, 1, 30),
        # Attendance and closed days (issue 14)
        _number("late_cancel_hours", 24, 0, 168),  # a cancellation later than this is late
        _text("federal_state", "", check.federal_state),  # Bundesland of the public holidays
        # Waitlist (issue 14): offer a freed time to the first in line by message, hold it
        # for them this long, then offer it to the next
        _switch("waitlist_auto_offers", "off"),
        _number("waitlist_hold_minutes", 30, 5, 1440),
        # Backups (issue 13): a daily copy of the SQLite file into this folder ("": the
        # app's data folder's ``backups``), kept by day and by week; on PostgreSQL the
        # folder the salon's ``pg_dump`` writes to. The status bar warns when the newest
        # good one is older than ``backup_warn_days``.
        _text("backup_folder", "", check.folder),
        _number("backup_keep_daily", 7, 1, 365),
        _number("backup_keep_weekly", 4, 0, 104),
        _number("backup_warn_days", 2, 1, 60),
    )
}
DEFAULT_SETTINGS: dict[str, str] = {key: spec.default for key, spec in SETTINGS.items()}


@dataclass(frozen=True)
class SalonSettings:
    """Every salon setting, typed; one field per declaration above, same name."""

    salon_name: str
    salon_phone: str
    salon_address: str
    sender_name: str
    time_zone: str
    language: str
    gateway_url: str
    owner_email: str
    owner_mobile: str
    frequency_cap: int
    quiet_hours_start: time
    quiet_hours_end: time
    sms_price_cents: int
    review_url: str
    auto_confirmation: bool
    auto_reminder: bool
    auto_reminder_hours: int
    auto_birthday: bool
    auto_review_request: bool
    auto_review_request_hours: int
    auto_win_back: bool
    auto_win_back_days: int
    online_booking: bool
    public_name: str
    booking_horizon_weeks: int
    booking_lead_minutes: int
    cancel_deadline_hours: int
    booking_step_minutes: int
    privacy_url: str
    brand_colour: str
    staff_sign_in: bool
    pin_attempts: int
    pin_lockout_minutes: int
    idle_lock_minutes: int
    retention_anonymise: bool
    retention_years: int
    late_cancel_hours: int
    federal_state: str
    waitlist_auto_offers: bool
    waitlist_hold_minutes: int
    backup_folder: str
    backup_keep_daily: int
    backup_keep_weekly: int
    backup_warn_days: int

    @classmethod
    def from_stored(cls, stored: Mapping[str, str]) -> SalonSettings:
        """The typed settings from stored texts; a key not stored has its default, a key
        no longer declared is ignored. A text that cannot be read (written before its
        check existed) reads as the default, so one bad value does not stop every rule
        that reads the settings."""
        return cls(**{key: _read(spec, stored.get(key)) for key, spec in SETTINGS.items()})

    @classmethod
    def defaults(cls) -> SalonSettings:
        return cls.from_stored({})

    @property
    def quiet_hours(self) -> tuple[time, time]:
        """The window in which marketing SMS may go out, [start, end) salon-local."""
        return self.quiet_hours_start, self.quiet_hours_end

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


def _read(spec: SettingSpec, stored: str | None) -> Any:
    if stored is not None:
        try:
            return spec.read(stored)
        except ValueError:
            pass
    return spec.read(spec.default)


# A declaration without its field (or the other way round) fails at import, not later.
assert [f.name for f in dataclasses.fields(SalonSettings)] == list(SETTINGS)


def number_range(key: str) -> tuple[int, int]:
    """The range of a number setting, for spin boxes."""
    spec = SETTINGS[key]
    assert spec.low is not None and spec.high is not None, key
    return spec.low, spec.high


def normalise_setting(key: str, value: str) -> str:
    """The value to store for ``key``; InvalidField for an unknown key or a bad value."""
    spec = SETTINGS.get(key)
    if spec is None:
        raise InvalidField("setting", "unknown", key)
    return spec.normalise(key, value)


def validate_setting(key: str, value: str) -> None:
    """Raise InvalidField for an unknown key or a value the key cannot take."""
    normalise_setting(key, value)


def check_sending_hours(start: str, end: str, changed: str = QUIET_HOURS[0]) -> None:
    """The two ends of the SMS sending hours (stored form, HH:MM) as a pair: a start
    after the end would hold back every advertising SMS for good. ``changed`` is the key
    the refusal is reported for."""
    if start >= end:  # "HH:MM" compares like the time
        raise InvalidField(changed, "starts_after_ends", f"{start}-{end}")
