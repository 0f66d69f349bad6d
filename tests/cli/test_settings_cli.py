"""``desk-app settings set`` refuses what the declarations refuse: a clear translated
message, a non-zero exit code and nothing stored. Real subprocesses, real databases."""

from __future__ import annotations

import pytest

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
