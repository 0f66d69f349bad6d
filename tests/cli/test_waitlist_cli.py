"""``desk-app waitlist``: the same use cases as the window (add, list, matches, book)."""

from __future__ import annotations

from desk_app.config.paths import templates_dir
from desk_app.db.engine import Database, create_database_engine
from desk_app.services.container import build_services
from desk_app.services.rows import CustomerInput
from tests.cli.test_cli import Desk, seed


def _cancel(url: str, appointment_id: int) -> None:
    db = Database(create_database_engine(url))
    try:
        build_services(db, templates_dir()).booking.cancel(appointment_id)
    finally:
        db.dispose()


def test_add_list_match_and_book_from_the_command_line(desk: Desk) -> None:
    [anna, paula] = seed(
        desk.database,
        customers=[
            CustomerInput(first_name="Anna", last_name="Wartend", email="anna@example.org"),
            CustomerInput(first_name="Paula", last_name="Platz", email="paula@example.org"),
        ],
        staff=["Jörg Weiß"],
    )
    assert desk("services", "add", "Schnitt", "--minutes", "45", "--price", "30,00").code == 0
    bad = desk("waitlist", "add", "--customer", str(anna), "--service", "Schnitt",
               "--from", "2030-05-10", "--until", "2030-05-01")  # fmt: skip
    assert bad.code == 1, bad
    added = desk("waitlist", "add", "--customer", str(anna), "--service", "Schnitt",
                 "--from", "2030-05-01", "--until", "2030-05-31", "--window", "4=09:00-12:00",
                 "--offers", "email", "--json")  # fmt: skip
    assert added.code == 0, added
    assert added.json()["windows"] == ["4=09:00-12:00"]
    booked = desk("book", "--customer", str(paula), "--staff", "Jörg Weiß", "--service",
                  "Schnitt", "--start", "2030-05-03T10:00", "--json")  # fmt: skip
    assert booked.code == 0, booked
    assert desk("waitlist", "matches", "--json").json() == []
    _cancel(desk.database, booked.json()["id"])  # (no cancel command: the window's)
    [opening] = desk("waitlist", "matches", "--json").json()
    assert [w["customer"] for w in opening["waiting"]] == ["Anna Wartend"]
    done = desk("waitlist", "book", str(opening["opening"]), str(added.json()["id"]), "--json")
    assert done.code == 0, done
    assert "Nobody is waiting." in desk("waitlist", "list").stdout
