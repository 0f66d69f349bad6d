"""``desk-app settings set`` refuses what the declarations refuse: a clear translated
message, a non-zero exit code and nothing stored. Real subprocesses, real databases."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.domain.public_holidays import public_holidays
from tests.cli.test_cli import Desk


@pytest.mark.parametrize(
    ("key", "value", "english", "german"),
    [
        (
            "gateway_url",
            "ftp://x",
            "The gateway address must start with https:// (“ftp://x”)",
            "Die Gateway-Adresse muss mit https:// beginnen („ftp://x“)",
        ),
        (
            "auto_reminder_hours",
            "0",
            "The hours before a reminder “0” is out of range.",
            "„0“ liegt außerhalb des erlaubten Bereichs.",
        ),
        (
            "auto_reminder_hours",
            "169",
            "The hours before a reminder “169” is out of range.",
            "„169“ liegt außerhalb des erlaubten Bereichs.",
        ),
    ],
)
def test_a_refused_value_is_explained_and_nothing_is_stored(
    fresh: Desk, key: str, value: str, english: str, german: str
) -> None:
    before = fresh("settings", "show", "--json").json()

    run = fresh("settings", "set", key, value)
    assert run.code != 0, str(run)
    assert english in run.stderr and "Traceback" not in run.stderr, str(run)
    in_german = fresh("settings", "set", key, value, language="de")
    assert in_german.code == run.code, str(in_german)
    assert german in in_german.stderr and "Fehler" in in_german.stderr, str(in_german)
    payload = fresh("settings", "set", key, value, "--json").error_json()
    assert payload["field"] == key

    assert fresh("settings", "show", "--json").json() == before


def test_the_reminder_hours_range_is_the_declared_one(fresh: Desk) -> None:
    payload = fresh("settings", "set", "auto_reminder_hours", "169", "--json").error_json()
    assert payload["problem"] == "out_of_range"
    assert (
        fresh("settings", "set", "auto_reminder_hours", "168", "--json").json()[
            "auto_reminder_hours"
        ]
        == "168"
    )


def test_a_new_federal_state_replaces_the_old_ones_holidays_and_keeps_hand_made_days(
    desk: Desk,
) -> None:
    assert desk("settings", "set", "federal_state", "nw").code == 0
    # NW's holidays of a later year, and a closed day of the salon's own in it.
    assert desk("closures", "holidays", "2040", "--state", "nw").code == 0
    own = desk("closures", "add", "2040-03-02", "--note", "Betriebsausflug", "--json")
    assert own.code == 0, own

    moved = desk("settings", "set", "federal_state", "by", "--json")
    assert moved.code == 0, moved
    assert moved.json()["federal_state"] == "BY"
    closed = desk("closures", "list", "--json").json()
    # NW's pre-filled holidays are gone (of every year), the salon's own day stays...
    assert [(c["first"], c["note"]) for c in closed if c["first"].startswith("2040")] == [
        ("2040-03-02", "Betriebsausflug")
    ]
    # ...and the closed days of the years filled in are Bavaria's holidays, as the window
    # fills them in (Epiphany, 6 January: Bavaria's, not North Rhine-Westphalia's).
    filled = {date.fromisoformat(c["first"]) for c in closed if not c["first"].startswith("2040")}
    years = {day.year for day in filled}
    assert len(years) == 2
    assert filled == {h.day for y in years for h in public_holidays("BY", y)}
    assert {date(y, 1, 6) for y in years} <= filled
