"""The real ``desk-app`` command line, run as a subprocess against real databases.

Every invocation starts a fresh interpreter (about half a second), so assertions are
grouped into flows. Tests on ``fresh`` use a new SQLite file that the app itself creates
and migrates; the flows whose behaviour could differ between backends also run on both
backends through the ``database_url`` fixture.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from desk_app.config.paths import templates_dir, translations_dir
from desk_app.db import migrate
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import StaffRole
from desk_app.services.container import build_services
from desk_app.services.rows import CustomerInput

SALON_ZONE = ZoneInfo("Europe/Berlin")  # the default time zone setting
GERMAN_QM = translations_dir() / "desk_app_de.qm"
CONSOLE_SCRIPT = Path(sys.executable).with_name("desk-app")
OUTBOX_KEYS = {"client_id", "customer_id", "channel", "category", "status"}


# ---- running the command line -----------------------------------------------------------
@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return (
            f"desk-app {' '.join(self.args)}\n-> exit {self.code}\n"
            f"--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"
        )

    def json(self) -> Any:
        """stdout of a successful ``--json`` command."""
        assert self.code == 0, str(self)
        return json.loads(self.stdout)

    def error_json(self) -> dict[str, Any]:
        """stderr of a failed ``--json`` command: one JSON object, nothing on stdout."""
        assert self.code == 1, str(self)
        assert self.stdout == "", str(self)
        payload = json.loads(self.stderr)
        assert isinstance(payload, dict), str(self)
        return payload


@dataclass(frozen=True)
class Desk:
    """``desk-app --database URL ...`` in a clean environment."""

    database: str
    env: dict[str, str]
    cwd: Path

    def __call__(
        self,
        *args: str,
        language: str = "en",
        program: Sequence[str] = (),
        stdin: str | None = None,
    ) -> Run:
        command = [*(program or (sys.executable, "-m", "desk_app")), "--database", self.database]
        env = {**self.env, "DESK_APP_LANGUAGE": language}
        done = subprocess.run(
            [*command, *args],
            input=stdin,  # None: this process's stdin, as before
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=self.cwd,
            timeout=120,
            check=False,
        )
        return Run(tuple(args), done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_APP_")}
    home = tmp_path / "home"
    env.update(
        QT_QPA_PLATFORM="offscreen",
        DESK_APP_LANGUAGE="en",
        PYTHONIOENCODING="utf-8",
        # Nothing may land in the user's real data or config directories.
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
    )
    return env


@pytest.fixture
def fresh(tmp_path: Path, cli_env: dict[str, str]) -> Desk:
    """A database file that does not exist yet: the first command creates and migrates it."""
    path = tmp_path / "x.sqlite3"
    assert not path.exists()
    return Desk(f"sqlite:///{path}", cli_env, tmp_path)


@pytest.fixture
def desk(database_url: str, tmp_path: Path, cli_env: dict[str, str]) -> Desk:
    """A migrated database of each backend (SQLite and PostgreSQL)."""
    return Desk(database_url, cli_env, tmp_path)


def sqlite_file(desk: Desk) -> Path:
    return Path(desk.database.removeprefix("sqlite:///"))


def seed(url: str, customers: Sequence[CustomerInput] = (), staff: Sequence[str] = ()) -> list[int]:
    """Set-up that is not under test, done in-process (saves a subprocess per row)."""
    db = Database(create_database_engine(url))
    try:
        services = build_services(db, templates_dir())
        ids = [services.customers.create(c).id for c in customers]
        for name in staff:
            services.catalogue.add_staff(name, StaffRole.STYLIST, actor=SHARED_COUNTER)
        return ids
    finally:
        db.dispose()


def count_rows(path: Path, table: str) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# ---- the console script on a new file ---------------------------------------------------
def test_console_script_creates_and_migrates_a_new_database(fresh: Desk) -> None:
    if not CONSOLE_SCRIPT.exists():
        pytest.skip(f"console script not installed next to the interpreter: {CONSOLE_SCRIPT}")
    run = fresh("db", "upgrade", "--json", program=[str(CONSOLE_SCRIPT)])
    assert run.json() == {"revision": migrate.head_revision()}
    assert sqlite_file(fresh).is_file()
    assert count_rows(sqlite_file(fresh), "customers") == 0


# ---- customers --------------------------------------------------------------------------
def test_customers_add_show_and_search(desk: Desk) -> None:
    anna = desk(
        "customers", "add", "--first-name", "Anna", "--last-name", "Müller",
        "--email", "Anna.Mueller@Example.org", "--phone", "0171 2345678",
        "--birthday", "1985-04-12", "--street", "Hauptstraße 5", "--postal-code", "10115",
        "--city", "Berlin", "--notes", "trinkt gern Tee", "--json",
    ).json()  # fmt: skip
    assert set(anna) == {"id", "ref"}
    assert isinstance(anna["id"], int)
    uuid.UUID(anna["ref"])
    bernd = desk(
        "customers", "add", "--first-name", "Bernd", "--last-name", "Schulz",
        "--email", "bernd@example.com", "--phone", "+49 160 98765432", "--json",
    ).json()  # fmt: skip
    assert bernd["id"] != anna["id"]
    assert bernd["ref"] != anna["ref"]

    shown = desk("customers", "show", str(anna["id"]), "--json").json()
    assert shown["id"] == anna["id"]
    assert shown["ref"] == anna["ref"]
    assert (shown["first_name"], shown["last_name"]) == ("Anna", "Müller")
    assert shown["email"].lower() == "anna.mueller@example.org"
    assert shown["phone"] == "+491712345678"
    assert shown["birthday"] == "1985-04-12"
    assert (shown["street"], shown["postal_code"], shown["city"]) == (
        "Hauptstraße 5",
        "10115",
        "Berlin",
    )
    assert shown["notes"] == "trinkt gern Tee"

    a, b = anna["id"], bernd["id"]
    expected = {
        "MÜLL": [a],  # last-name prefix, any case
        "mueller anna": [a],  # umlaut transliterated; first and last name in any order
        "anna.mueller@EXAMPLE": [a],  # email prefix, any case
        "0171 2345678": [a],
        "+49 (171) 234-56": [a],
        "0049160987": [b],
        "0171 999": [],
    }
    found = {
        text: [row["id"] for row in desk("customers", "search", text, "--json").json()]
        for text in expected
    }
    assert found == expected


def test_search_finds_every_part_of_a_double_name(fresh: Desk) -> None:
    """Double first and last names are common; each part is a name part to search by."""
    added = fresh(
        "customers", "add", "--first-name", "Anna-Lena", "--last-name", "Müller-Lüdenscheidt",
        "--json",
    ).json()  # fmt: skip
    found = {
        text: [row["id"] for row in fresh("customers", "search", text, "--json").json()]
        for text in ("Lüdenscheidt", "Lena")
    }
    assert found == {"Lüdenscheidt": [added["id"]], "Lena": [added["id"]]}


# ---- staff, services, booking, outbox ---------------------------------------------------
def test_staff_services_booking_and_outbox(desk: Desk) -> None:
    [customer] = seed(
        desk.database,
        [CustomerInput("Clara", "Schmidt", email="clara@example.org", phone="0151 12345678")],
    )
    staff = desk("staff", "add", "Jörg", "--role", "stylist", "--json").json()
    assert (staff["name"], staff["role"]) == ("Jörg", "stylist")
    service = desk(
        "services", "add", "Schnitt & Föhnen", "--minutes", "45", "--price", "49,50", "--json"
    ).json()
    assert (service["name"], service["minutes"], service["price_cents"]) == (
        "Schnitt & Föhnen",
        45,
        4950,
    )

    def book(start: str, *extra: str) -> Run:
        return desk(
            "book", "--customer", str(customer), "--staff", "Jörg",
            "--service", "Schnitt & Föhnen", "--start", start, *extra,
        )  # fmt: skip

    first = book("2030-03-04T10:00", "--json").json()
    assert isinstance(first["id"], int)
    assert first["notify"] is True  # on by default
    start = datetime.fromisoformat(first["start"])
    assert start == datetime(2030, 3, 4, 10, 0, tzinfo=SALON_ZONE)  # no offset: salon time
    assert datetime.fromisoformat(first["end"]) - start == timedelta(minutes=45)
    assert first["confirmation_client_id"]

    # Starts when the first ends: touching is not overlapping.
    quiet = book("2030-03-04T10:45", "--no-notify", "--json").json()
    assert quiet["notify"] is False
    assert quiet["confirmation_client_id"] is None

    # 10:15–10:30 overlaps only the first appointment.
    clash = book("2030-03-04T10:15", "--minutes", "15")
    assert clash.code == 1, str(clash)
    assert clash.stdout == "", str(clash)
    assert "Traceback" not in clash.stderr, str(clash)
    assert f"appointment {first['id']} " in clash.stderr, str(clash)
    assert "Jörg" in clash.stderr, str(clash)

    error = book("2030-03-04T10:15", "--minutes", "15", "--json").error_json()
    assert error["error"] == "BookingConflict"
    assert f"appointment {first['id']} " in error["message"]
    assert "Jörg" in error["message"]

    day = desk("appointments", "--date", "2030-03-04", "--json").json()
    assert [a["id"] for a in day] == [first["id"], quiet["id"]]  # the clashes stored nothing

    outbox = desk("outbox", "list", "--json").json()
    assert isinstance(outbox, list)
    for row in outbox:
        assert set(row) >= OUTBOX_KEYS, row
    confirmations = [r for r in outbox if r["category"] == "transactional"]
    assert [r["client_id"] for r in confirmations] == [first["confirmation_client_id"]]
    assert confirmations[0]["customer_id"] == customer
    assert confirmations[0]["channel"] == "email"


# ---- consent ----------------------------------------------------------------------------
def test_consent_declare_show_refuse_and_revoke(desk: Desk) -> None:
    [dora] = seed(
        desk.database, [CustomerInput("Dora", "Weber", email="dora@example.org")], ["Jörg"]
    )
    declare = ("consent", "declare", str(dora), "--source", "phone", "--staff", "Jörg")

    not_agreed = desk(*declare, "--channel", "email", "--json").error_json()
    assert not_agreed["error"] == "ConsentNotAgreed"
    assert "agreed" in not_agreed["message"]
    untouched = desk("consent", "show", str(dora), "--json").json()
    assert {c: v["state"] for c, v in untouched["channels"].items()} == {
        "email": "none",
        "sms": "none",
    }
    assert untouched["channels"]["email"]["evidence"]["history"] == []
    assert [
        r for r in desk("outbox", "list", "--json").json() if r["category"] == "consent_request"
    ] == []

    declared = desk(*declare, "--channel", "email", "--customer-agreed", "--json").json()
    assert declared["customer_id"] == dora
    [declaration] = declared["declared"]
    assert declaration["channel"] == "email"

    status = desk("consent", "show", str(dora), "--json").json()
    assert status["customer_id"] == dora
    assert status["objected"] is False
    assert set(status["channels"]) == {"email", "sms"}
    email = status["channels"]["email"]
    assert email["state"] == "pending"
    assert datetime.fromisoformat(email["since"]).tzinfo is not None
    assert email["source"] == "phone"
    evidence = email["evidence"]
    assert evidence["declared_by"] == "Jörg"
    assert evidence["declaration_source"] == "phone"
    assert evidence["request_id"] == declaration["request_id"]
    assert evidence["statement_sha256"] == declaration["statement_sha256"]
    assert evidence["statement_version"] == declaration["statement_version"]
    assert [e["event"] for e in evidence["history"]] == ["declared"]
    assert status["channels"]["sms"]["state"] == "none"

    outbox = desk("outbox", "list", "--json").json()
    assert all(set(r) >= OUTBOX_KEYS for r in outbox), outbox
    requests = [r for r in outbox if r["category"] == "consent_request"]
    assert [(r["customer_id"], r["channel"]) for r in requests] == [(dora, "email")]

    # A second declaration while the first waits for Dora's click queues no second mail.
    again = desk(*declare, "--channel", "email", "--customer-agreed")
    assert again.code == 1, str(again)
    assert "waits for the customer's confirmation" in again.stderr, str(again)
    assert "Traceback" not in again.stderr, str(again)
    requests = [
        r for r in desk("outbox", "list", "--json").json() if r["category"] == "consent_request"
    ]
    assert len(requests) == 1

    # Dora has no phone number: SMS consent cannot be declared.
    no_phone = desk(*declare, "--channel", "sms", "--customer-agreed")
    assert no_phone.code == 1, str(no_phone)
    assert "SMS" in no_phone.stderr, str(no_phone)
    assert "Traceback" not in no_phone.stderr, str(no_phone)

    revoked = desk(
        "consent", "revoke", str(dora), "--channel", "email", "--source", "phone",
        "--staff", "Jörg", "--json",
    ).json()  # fmt: skip
    assert revoked["channels"]["email"]["state"] == "revoked"
    assert revoked["channels"]["sms"]["state"] == "none"  # the refused declaration left nothing
    assert revoked["channels"]["sms"]["evidence"]["history"] == []


@pytest.mark.skipif(
    not GERMAN_QM.exists(),
    reason=f"German translations are not compiled ({GERMAN_QM.name} missing); "
    "the test script compiles them before running the tests",
)
def test_errors_are_german_with_german_language(fresh: Desk) -> None:
    run = fresh(
        "consent", "declare", "1", "--channel", "email", "--source", "phone", "--staff", "Jörg",
        language="de",
    )  # fmt: skip
    assert run.code == 1, str(run)
    assert run.stderr.startswith("Fehler: "), str(run)
    assert "Einwilligung" in run.stderr, str(run)
    assert "Consent was not recorded" not in run.stderr, str(run)


# ---- errors -----------------------------------------------------------------------------
def test_user_errors_exit_1_with_a_clear_message(fresh: Desk) -> None:
    missing = fresh("customers", "show", "4242")
    assert missing.code == 1, str(missing)
    assert missing.stdout == "", str(missing)
    assert "4242" in missing.stderr, str(missing)
    assert "not found" in missing.stderr, str(missing)
    assert "Traceback" not in missing.stderr, str(missing)

    as_json = fresh("customers", "show", "4242", "--json").error_json()
    assert as_json["error"] == "NotFound"
    assert "4242" in as_json["message"]

    bad_email = fresh(
        "customers", "add", "--first-name", "Xaver", "--last-name", "Yilmaz",
        "--email", "xaver@@example", "--json",
    ).error_json()  # fmt: skip
    assert bad_email["error"] == "InvalidField"
    assert "xaver@@example" in bad_email["message"]
    assert "email" in bad_email["message"]
    assert fresh("customers", "search", "xaver", "--json").json() == []


def test_file_that_is_not_a_database_exits_3(fresh: Desk) -> None:
    path = sqlite_file(fresh)
    garbage = b"this is a shopping list, not a database\n" * 200
    path.write_bytes(garbage)

    run = fresh("customers", "search", "anna")

    assert run.code == 3, str(run)
    assert run.stdout == "", str(run)
    assert "damaged" in run.stderr, str(run)
    assert path.read_bytes() == garbage  # the app did not write into the file


# ---- import and export ------------------------------------------------------------------
def test_import_is_all_or_nothing_unless_skipping_invalid_rows(fresh: Desk) -> None:
    source = fresh.cwd / "kunden.csv"
    source.write_text(
        "Vorname;Nachname;E-Mail;Telefon;Geburtstag\n"
        "Eva;Klein;eva@example.org;0151 12345678;12.03.1990\n"
        "Karl;Kaputt;kein-at-zeichen;;\n"
        "Tom;Groß;tom@example.org;;\n",
        encoding="utf-8",
    )
    refused = fresh("customers", "import", str(source))
    assert refused.code == 1, str(refused)
    assert "Nothing was imported" in refused.stderr, str(refused)
    empty = fresh("customers", "export", str(fresh.cwd / "empty.csv"), "--json").json()
    assert empty["exported"] == 0

    report = fresh("customers", "import", str(source), "--skip-invalid", "--json").json()
    assert report == {
        "imported": 2,
        "rejected": [
            {"line": 3, "field": "email", "problem": "invalid_email", "detail": "kein-at-zeichen"}
        ],
        "skipped": [],  # addresses of erased customers (tests/cli/test_privacy_cli.py)
    }

    target = fresh.cwd / "export.csv"
    exported = fresh("customers", "export", str(target), "--json").json()
    assert exported["exported"] == 2
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    by_name = {(r["first_name"], r["last_name"]): r for r in rows}
    assert set(by_name) == {("Eva", "Klein"), ("Tom", "Groß")}
    eva = by_name["Eva", "Klein"]
    assert (eva["email"], eva["phone"], eva["birthday"]) == (
        "eva@example.org",
        "'+4915112345678",  # as text: a spreadsheet must not read it as a formula
        "1990-03-12",
    )
    assert all(uuid.UUID(r["ref"]) for r in rows)


# ---- demo data --------------------------------------------------------------------------
def test_demo_data_if_empty_adds_nothing_the_second_time(fresh: Desk) -> None:
    counts = fresh("demo-data", "--customers", "40", "--json").json()
    assert counts["customers"] == 40
    assert counts["appointments"] > 0
    path = sqlite_file(fresh)
    before = {t: count_rows(path, t) for t in ("customers", "appointments", "staff")}
    assert before["customers"] == 40
    assert before["appointments"] == counts["appointments"]

    again = fresh("demo-data", "--customers", "40", "--if-empty", "--json").json()
    assert again == {"skipped": True}
    assert {t: count_rows(path, t) for t in before} == before


# ---- backup and restore (SQLite) --------------------------------------------------------
def test_backup_then_restore_brings_the_old_data_back(fresh: Desk) -> None:
    def names() -> list[str]:
        rows = fresh("customers", "search", "data", "--json").json()
        return sorted(r["first_name"] for r in rows)

    fresh("customers", "add", "--first-name", "Old", "--last-name", "Data", "--json").json()
    backup = fresh.cwd / "backups" / "before.sqlite3"
    assert fresh("db", "backup", str(backup), "--json").json() == {"backup": str(backup)}
    assert count_rows(backup, "customers") == 1

    fresh("customers", "add", "--first-name", "New", "--last-name", "Data", "--json").json()
    assert names() == ["New", "Old"]

    restored = fresh("db", "restore", str(backup), "--json").json()
    assert restored["restored"] == str(backup)
    assert Path(restored["safety_copy"]).name.endswith("-before-restore.sqlite3")
    assert names() == ["Old"]


def test_a_cut_is_booked_inside_a_colours_processing_time(desk: Desk) -> None:
    """Issue 14 on the command line: a service with processing time, and another
    customer's cut for the same stylist inside it."""
    anna, bea = seed(
        desk.database,
        [CustomerInput("Anna", "Roth"), CustomerInput("Bea", "Bauer")],
        staff=["Jörg"],
    )
    colour = desk(
        "services", "add", "Farbe", "--minutes", "90", "--price", "79",
        "--processing", "35", "--processing-after", "30", "--json",
    ).json()  # fmt: skip
    assert (colour["processing_after"], colour["processing"]) == (30, 35)
    first = desk(
        "book", "--customer", str(anna), "--staff", "Jörg", "--service", "Farbe",
        "--start", "2030-03-04T10:00", "--json",
    ).json()  # fmt: skip
    assert datetime.fromisoformat(first["processing_start"]) == datetime(
        2030, 3, 4, 10, 30, tzinfo=SALON_ZONE
    )
    db = Database(create_database_engine(desk.database))  # set-up, not under test
    build_services(db, templates_dir()).catalogue.add_treatment("Pony", 15, 900)
    db.dispose()
    inside = desk(
        "book", "--customer", str(bea), "--staff", "Jörg", "--service", "Pony",
        "--start", "2030-03-04T10:45", "--json",
    ).json()  # fmt: skip
    assert inside["processing_start"] is None and inside["staff"] == "Jörg"
