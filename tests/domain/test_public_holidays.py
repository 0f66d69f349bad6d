"""The public holidays of each German state, against the published dates of 2025 and 2026."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.domain.public_holidays import (
    STATES,
    Holiday,
    easter_sunday,
    public_holidays,
    repentance_day,
)

NATIONWIDE_2025 = {
    date(2025, 1, 1),
    date(2025, 4, 18),  # Karfreitag
    date(2025, 4, 21),  # Ostermontag
    date(2025, 5, 1),
    date(2025, 5, 29),  # Christi Himmelfahrt
    date(2025, 6, 9),  # Pfingstmontag
    date(2025, 10, 3),
    date(2025, 12, 25),
    date(2025, 12, 26),
}
NATIONWIDE_2026 = {
    date(2026, 1, 1),
    date(2026, 4, 3),
    date(2026, 4, 6),
    date(2026, 5, 1),
    date(2026, 5, 14),
    date(2026, 5, 25),
    date(2026, 10, 3),
    date(2026, 12, 25),
    date(2026, 12, 26),
}
# What each state adds to the nationwide days (the state laws, as published for 2025/2026).
EXTRA_2025 = {
    "BW": {date(2025, 1, 6), date(2025, 6, 19), date(2025, 11, 1)},
    "BY": {date(2025, 1, 6), date(2025, 6, 19), date(2025, 11, 1)},
    "BE": {date(2025, 3, 8)},
    "BB": {date(2025, 4, 20), date(2025, 6, 8), date(2025, 10, 31)},
    "HB": {date(2025, 10, 31)},
    "HH": {date(2025, 10, 31)},
    "HE": {date(2025, 6, 19)},
    "MV": {date(2025, 3, 8), date(2025, 10, 31)},
    "NI": {date(2025, 10, 31)},
    "NW": {date(2025, 6, 19), date(2025, 11, 1)},
    "RP": {date(2025, 6, 19), date(2025, 11, 1)},
    "SL": {date(2025, 6, 19), date(2025, 8, 15), date(2025, 11, 1)},
    "SN": {date(2025, 10, 31), date(2025, 11, 19)},  # Buß- und Bettag
    "ST": {date(2025, 1, 6), date(2025, 10, 31)},
    "SH": {date(2025, 10, 31)},
    "TH": {date(2025, 9, 20), date(2025, 10, 31)},
}
EXTRA_2026 = {
    "BW": {date(2026, 1, 6), date(2026, 6, 4), date(2026, 11, 1)},
    "BY": {date(2026, 1, 6), date(2026, 6, 4), date(2026, 11, 1)},
    "BE": {date(2026, 3, 8)},
    "BB": {date(2026, 4, 5), date(2026, 5, 24), date(2026, 10, 31)},
    "HB": {date(2026, 10, 31)},
    "HH": {date(2026, 10, 31)},
    "HE": {date(2026, 6, 4)},
    "MV": {date(2026, 3, 8), date(2026, 10, 31)},
    "NI": {date(2026, 10, 31)},
    "NW": {date(2026, 6, 4), date(2026, 11, 1)},
    "RP": {date(2026, 6, 4), date(2026, 11, 1)},
    "SL": {date(2026, 6, 4), date(2026, 8, 15), date(2026, 11, 1)},
    "SN": {date(2026, 10, 31), date(2026, 11, 18)},
    "ST": {date(2026, 1, 6), date(2026, 10, 31)},
    "SH": {date(2026, 10, 31)},
    "TH": {date(2026, 9, 20), date(2026, 10, 31)},
}


@pytest.mark.parametrize("state", STATES)
def test_each_states_holidays_of_two_years(state: str) -> None:
    for year, nationwide, extra in (
        (2025, NATIONWIDE_2025, EXTRA_2025),
        (2026, NATIONWIDE_2026, EXTRA_2026),
    ):
        days = [h.day for h in public_holidays(state, year)]
        assert days == sorted(nationwide | extra[state]), (state, year)


def test_easter_and_the_days_that_follow_it() -> None:
    known = {
        2000: date(2000, 4, 23),
        2008: date(2008, 3, 23),  # as early as it gets this century but one
        2011: date(2011, 4, 24),
        2019: date(2019, 4, 21),
        2024: date(2024, 3, 31),
        2027: date(2027, 3, 28),
        2038: date(2038, 4, 25),  # the latest possible date
    }
    for year, easter in known.items():
        assert easter_sunday(year) == easter
    named = {h.holiday: h.day for h in public_holidays("NW", 2024)}
    assert named[Holiday.GOOD_FRIDAY] == date(2024, 3, 29)
    assert named[Holiday.ASCENSION] == date(2024, 5, 9)
    assert named[Holiday.WHIT_MONDAY] == date(2024, 5, 20)
    assert named[Holiday.CORPUS_CHRISTI] == date(2024, 5, 30)


def test_repentance_day_is_the_wednesday_before_23_november() -> None:
    assert [repentance_day(y) for y in (2022, 2023, 2024, 2027)] == [
        date(2022, 11, 16),  # the 23rd is a Wednesday: the week before
        date(2023, 11, 22),
        date(2024, 11, 20),
        date(2027, 11, 17),
    ]


def test_holidays_introduced_lately_hold_from_their_first_year() -> None:
    def has(state: str, year: int, holiday: Holiday) -> bool:
        return any(h.holiday is holiday for h in public_holidays(state, year))

    assert not has("NI", 2016, Holiday.REFORMATION) and has("NI", 2018, Holiday.REFORMATION)
    assert not has("BE", 2018, Holiday.WOMENS_DAY) and has("BE", 2019, Holiday.WOMENS_DAY)
    assert not has("MV", 2022, Holiday.WOMENS_DAY) and has("MV", 2023, Holiday.WOMENS_DAY)
    assert not has("TH", 2018, Holiday.CHILDRENS_DAY) and has("TH", 2019, Holiday.CHILDRENS_DAY)
    with pytest.raises(ValueError):
        public_holidays("XX", 2026)
