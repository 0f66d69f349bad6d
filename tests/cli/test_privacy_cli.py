"""``desk-app customers export-data|erase`` as a real subprocess (DESIGN.md 2.4)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from desk_app.db import migrate
from desk_app.db.engine import create_database_engine
from desk_app.services.privacy import ERASED_NAME
from desk_app.services.rows import CustomerInput
from tests.cli.test_cli import Desk, seed

ANNA = CustomerInput(
    first_name="Anna",
    last_name="Müller",
    email="anna.mueller@example.org",
    phone="0151 12345678",
    notes="Allergie gegen Ammoniak",
)


def seed_new(desk: Desk, staff: Sequence[str] = ()) -> int:
    """Anna (and staff) in the new SQLite file of ``fresh``, migrated in-process first."""
    engine = create_database_engine(desk.database)
    migrate.upgrade(engine)
    engine.dispose()
    [anna] = seed(desk.database, [ANNA], staff=staff)
    return anna


def test_export_data_to_stdout_and_to_a_file(fresh: Desk, tmp_path: Path) -> None:
    anna = seed_new(fresh)
    data = fresh("customers", "export-data", str(anna)).json()
    assert data["customer"]["email"] == "anna.mueller@example.org"
    assert data["customer"]["notes"] == "Allergie gegen Ammoniak"
    assert "gateway" not in data  # none set up
    out = tmp_path / "anna.json"
    written = fresh("customers", "export-data", str(anna), "--out", str(out), "--json").json()
    assert written == {"customer_id": anna, "file": str(out)}
    assert json.loads(out.read_text(encoding="utf-8"))["customer"] == data["customer"]


def test_erase_needs_confirm(fresh: Desk) -> None:
    anna = seed_new(fresh, staff=["Tanja"])
    run = fresh("customers", "erase", str(anna), "--staff", "Tanja")
    assert run.code == 1, str(run)
    assert "--confirm" in run.stderr
    assert fresh("customers", "show", str(anna), "--json").json()["last_name"] == "Müller"


def test_erase_then_the_address_is_refused(desk: Desk) -> None:
    [anna] = seed(desk.database, [ANNA], staff=["Tanja"])
    erased = desk(
        "customers", "erase", str(anna), "--staff", "Tanja", "--confirm", "--json"
    ).json()  # fmt: skip
    assert erased["customer_id"] == anna
    assert erased["gateway_pending"] is False  # no gateway set up
    shown = desk("customers", "show", str(anna), "--json").json()
    assert (shown["last_name"], shown["email"], shown["phone"], shown["notes"]) == (
        ERASED_NAME,
        None,
        None,
        "",
    )
    again = desk(
        "customers", "add", "--first-name", "Anna", "--last-name", "Müller",
        "--email", "Anna.Mueller@example.org",
    )  # fmt: skip
    assert again.code == 1, str(again)
    assert "erased" in again.stderr
    refused = desk(
        "customers", "add", "--first-name", "A", "--last-name", "M",
        "--phone", "+49 151 12345678", "--json",
    ).error_json()  # fmt: skip
    assert refused["error"] == "AddressSuppressed"


def test_erase_with_gateway_but_no_token_stays_pending(fresh: Desk) -> None:
    anna = seed_new(fresh, staff=["Tanja"])
    fresh("settings", "set", "gateway_url", "https://gw.example.org", "--json").json()
    run = fresh("customers", "erase", str(anna), "--staff", "Tanja", "--confirm")
    assert run.code == 0, str(run)
    assert "run this command again later" in run.stdout
    export = fresh("customers", "export-data", str(anna)).json()
    assert export["gateway"]["error"] == "unauthorized"
    assert "gateway's part of this export is missing" in export["gateway"]["note"]
    assert export["erasure"]["gateway_pending"] is True
    assert export["customer"]["email"] is None
    assert "anna.mueller" not in run.stdout + run.stderr
