"""The command line of online booking: staff hours, closed days, the page's link, the
requests list; what they set is what the published availability then offers."""

from __future__ import annotations

from tests.cli.test_cli import Desk, seed


def test_staff_hours_and_closures_round_trip(desk: Desk) -> None:
    seed(desk.database, staff=["Jörg Weiß"])
    run = desk("hours", "staff", "Jörg Weiß", "4=12:00-16:00", "5=09:00-13:00", "--json")
    assert run.code == 0, run
    assert run.json() == [
        {"weekday": 4, "opens": "12:00", "closes": "16:00"},
        {"weekday": 5, "opens": "09:00", "closes": "13:00"},
    ]
    back = desk("hours", "staff", "Jörg Weiß")
    assert back.code == 0 and "works the opening hours" in back.stdout, back
    bad = desk("hours", "staff", "Jörg Weiß", "9=12:00-16:00")
    assert bad.code == 1, bad

    closed = desk("closures", "add", "2026-12-24", "2026-12-26", "--note", "Weihnachten", "--json")
    assert closed.code == 0, closed
    [row] = closed.json()
    assert (row["first"], row["last"], row["note"]) == ("2026-12-24", "2026-12-26", "Weihnachten")
    backwards = desk("closures", "add", "2026-12-26", "2026-12-24")
    assert backwards.code == 1, backwards
    assert desk("closures", "remove", str(row["id"]), "--json").json() == []
    assert "No closed days." in desk("closures", "list").stdout

    # The public holidays of a state (Saxony: Buß- und Bettag too).
    holidays = desk("closures", "holidays", "2026", "--state", "sn", "--json")
    assert holidays.code == 0, holidays
    assert len(holidays.json()) == 11
    assert {"first": "2026-11-18", "last": "2026-11-18"}.items() <= holidays.json()[-3].items()


def test_link_names_what_is_missing_then_the_page(desk: Desk) -> None:
    missing = desk("online", "link", "--json")
    assert missing.code == 0 and missing.json()["url"] is None, missing
    assert desk("settings", "set", "gateway_url", "https://gw.example.org").code == 0
    assert desk("settings", "set", "public_name", "haarwerk-mueller").code == 0
    link = desk("online", "link")
    assert link.stdout.strip() == "https://gw.example.org/book/haarwerk-mueller", link
    refused = desk("settings", "set", "public_name", "Haarwerk Müller!")
    assert refused.code == 1, refused
    assert desk("online", "requests").stdout.strip() == "No online requests waiting."
