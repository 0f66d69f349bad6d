"""Per-PC preferences: every QSettings key this computer keeps (window state, language,
the last staff member at the counter, chosen periods), declared once with its default,
and a version so a later layout can upgrade what is stored.

These are not the salon's settings (``desk_app.domain.salon_settings``, in the
database, shared by every computer): they say how this computer shows things. Picard
keeps the two apart the same way.

May import: PySide6.QtCore only (read by ``desk_app.desktop`` at start, before a widget).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

from PySide6.QtCore import QSettings

T = TypeVar("T", str, int)

VERSION_KEY = "preferences/version"
VERSION = 2  # the layout below


@dataclass(frozen=True)
class Preference(Generic[T]):
    """One per-PC preference; read with its default's type (QSettings' ini files keep
    text, so the type must be asked for)."""

    key: str
    default: T

    def read(self, settings: QSettings) -> T:
        return cast(T, settings.value(self.key, self.default, type=type(self.default)))

    def write(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, value)


# ---- the layout (version 2) --------------------------------------------------------------
LANGUAGE = Preference("ui/language", "")  # "": the system's; read at start
# "system", "light" or "dark" (desk_app.ui.style.theme.ThemeChoice)
COLOUR_SCHEME = Preference("ui/colour_scheme", "system")
# "x,y,width,height,maximised" (desk_app.ui.window_placement); "": centred, first start
WINDOW_PLACEMENT = Preference("window/placement", "")
WINDOW_SECTION = Preference("window/section", "calendar")
CONSENT_STAFF = Preference("customers/consent_staff", "")  # who usually sits at this counter
DASHBOARD_WEEKS = Preference("dashboard/weeks", 12)  # the period last chosen
CALENDAR_WEEK_STAFF = Preference("calendar/week_staff", 0)  # staff id of the week view
CALENDAR_LEGEND = Preference("calendar/legend", 1)  # 1: the service colours are shown

PREFERENCES: tuple[Preference[str] | Preference[int], ...] = (
    LANGUAGE,
    COLOUR_SCHEME,
    WINDOW_PLACEMENT,
    WINDOW_SECTION,
    CONSENT_STAFF,
    DASHBOARD_WEEKS,
    CALENDAR_WEEK_STAFF,
    CALENDAR_LEGEND,
)


# ---- upgrades ----------------------------------------------------------------------------
def _from_unversioned(_settings: QSettings) -> None:
    """Version 0 (no version stored) → 1: the keys above are the ones used before there
    was a version, so every value stays where it is."""


OLD_WINDOW_GEOMETRY = "window/geometry"  # version 1: Qt's saveGeometry(), opaque


def _placement_in_numbers(settings: QSettings) -> None:
    """1 → 2: the window's place is kept as numbers, which can be checked against the
    screens before the window is shown (Qt's opaque geometry cannot); the old one is
    dropped, so the window opens centred once."""
    settings.remove(OLD_WINDOW_GEOMETRY)


# UPGRADES[n] takes a layout of version n to version n + 1.
UPGRADES: tuple[Callable[[QSettings], None], ...] = (_from_unversioned, _placement_in_numbers)
assert len(UPGRADES) == VERSION


def upgrade(settings: QSettings) -> int:
    """Bring the stored preferences to ``VERSION``; returns the version found.

    A layout newer than this program knows (a newer version ran on this computer) is left
    alone: its keys are read where they are the same, and nothing is rewritten."""
    found = int(cast(int, settings.value(VERSION_KEY, 0, type=int)))
    if found >= VERSION:
        return found
    for step in UPGRADES[found:]:
        step(settings)
    settings.setValue(VERSION_KEY, VERSION)
    settings.sync()
    return found
