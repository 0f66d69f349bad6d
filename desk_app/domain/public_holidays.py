"""The statutory public holidays of each German state (Bundesland), computed, so the
salon's closed days can be pre-filled without a list that runs out.

Covers the holidays that hold in the whole state by state law, with the year each
was introduced where that is recent (Frauentag in Berlin 2019 and
Mecklenburg-Vorpommern 2023, Weltkindertag in Thüringen 2019, Reformationstag in the
four northern states 2018). Holidays of single towns or of Catholic municipalities
only (Augsburger Friedensfest, Mariä Himmelfahrt in parts of Bavaria, Fronleichnam in
parts of Saxony and Thuringia) and one-off days are not pre-filled: the salon adds
them as closed days itself, as it removes a holiday it opens on.

Pure: standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# The states by their ISO 3166-2:DE codes (without "DE-").
STATES: tuple[str, ...] = (
    "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV",
    "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH",
)  # fmt: skip


class Holiday(StrEnum):
    """A holiday's code; its name in the user's language comes from ``texts``."""

    NEW_YEAR = "new_year"  # Neujahr
    EPIPHANY = "epiphany"  # Heilige Drei Könige
    WOMENS_DAY = "womens_day"  # Internationaler Frauentag
    GOOD_FRIDAY = "good_friday"  # Karfreitag
    EASTER_SUNDAY = "easter_sunday"  # Ostersonntag
    EASTER_MONDAY = "easter_monday"  # Ostermontag
    LABOUR_DAY = "labour_day"  # Tag der Arbeit
    ASCENSION = "ascension"  # Christi Himmelfahrt
    WHIT_SUNDAY = "whit_sunday"  # Pfingstsonntag
    WHIT_MONDAY = "whit_monday"  # Pfingstmontag
    CORPUS_CHRISTI = "corpus_christi"  # Fronleichnam
    ASSUMPTION = "assumption"  # Mariä Himmelfahrt
    CHILDRENS_DAY = "childrens_day"  # Weltkindertag
    GERMAN_UNITY = "german_unity"  # Tag der Deutschen Einheit
    REFORMATION = "reformation"  # Reformationstag
    ALL_SAINTS = "all_saints"  # Allerheiligen
    REPENTANCE = "repentance"  # Buß- und Bettag
    CHRISTMAS = "christmas"  # 1. Weihnachtstag
    BOXING_DAY = "boxing_day"  # 2. Weihnachtstag


@dataclass(frozen=True)
class PublicHoliday:
    day: date
    holiday: Holiday


_EVERYWHERE = frozenset(STATES)
_REFORMATION_EAST = frozenset({"BB", "MV", "SN", "ST", "TH"})
_REFORMATION_NORTH = frozenset({"HB", "HH", "NI", "SH"})  # since 2018


def easter_sunday(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm,
    "Meeus/Jones/Butcher")."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def repentance_day(year: int) -> date:
    """Buß- und Bettag: the Wednesday before 23 November (between the 16th and the 22nd)."""
    eve = date(year, 11, 22)
    return eve - timedelta(days=(eve.weekday() - 2) % 7)


def public_holidays(state: str, year: int) -> list[PublicHoliday]:
    """The state's public holidays of ``year``, in date order. Raises ValueError for a
    code that is not a German state."""
    if state not in _EVERYWHERE:
        raise ValueError(f"not a German state: {state!r}")
    easter = easter_sunday(year)

    def after_easter(days: int) -> date:
        return easter + timedelta(days=days)

    rules: list[tuple[Holiday, date, frozenset[str]]] = [
        (Holiday.NEW_YEAR, date(year, 1, 1), _EVERYWHERE),
        (Holiday.EPIPHANY, date(year, 1, 6), frozenset({"BW", "BY", "ST"})),
        (Holiday.WOMENS_DAY, date(year, 3, 8), _since(year, {"BE": 2019, "MV": 2023})),
        (Holiday.GOOD_FRIDAY, after_easter(-2), _EVERYWHERE),
        (Holiday.EASTER_SUNDAY, easter, frozenset({"BB"})),
        (Holiday.EASTER_MONDAY, after_easter(1), _EVERYWHERE),
        (Holiday.LABOUR_DAY, date(year, 5, 1), _EVERYWHERE),
        (Holiday.ASCENSION, after_easter(39), _EVERYWHERE),
        (Holiday.WHIT_SUNDAY, after_easter(49), frozenset({"BB"})),
        (Holiday.WHIT_MONDAY, after_easter(50), _EVERYWHERE),
        (
            Holiday.CORPUS_CHRISTI,
            after_easter(60),
            frozenset({"BW", "BY", "HE", "NW", "RP", "SL"}),
        ),
        (Holiday.ASSUMPTION, date(year, 8, 15), frozenset({"SL"})),
        (Holiday.CHILDRENS_DAY, date(year, 9, 20), _since(year, {"TH": 2019})),
        (Holiday.GERMAN_UNITY, date(year, 10, 3), _EVERYWHERE),
        (
            Holiday.REFORMATION,
            date(year, 10, 31),
            _REFORMATION_EAST | (_REFORMATION_NORTH if year >= 2018 else frozenset()),
        ),
        (Holiday.ALL_SAINTS, date(year, 11, 1), frozenset({"BW", "BY", "NW", "RP", "SL"})),
        (Holiday.REPENTANCE, repentance_day(year), frozenset({"SN"})),
        (Holiday.CHRISTMAS, date(year, 12, 25), _EVERYWHERE),
        (Holiday.BOXING_DAY, date(year, 12, 26), _EVERYWHERE),
    ]
    found = [PublicHoliday(day, holiday) for holiday, day, states in rules if state in states]
    return sorted(found, key=lambda h: h.day)


def _since(year: int, introduced: dict[str, int]) -> frozenset[str]:
    return frozenset(state for state, first in introduced.items() if year >= first)
