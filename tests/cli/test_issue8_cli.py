"""Issue 8 at the command line, where a user meets it: forbidden characters and long
fields refused with the field and the character code, the CSV import report, settings
with the window's checks, ``gateway login`` without a keyring, campaign wording, staff
objections, reasons in words and private files. Real subprocesses, real databases."""

from __future__ import annotations

import csv

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from desk_app.services.rows import CustomerInput
from tests.cli.test_cli import Desk, seed

TOKEN = "gw-token-for-the-cli-test"


# ---- forbidden characters and long fields ----------------------------------------------------
def test_a_line_separator_in_a_name_is_refused_with_field_and_code(desk: Desk) -> None:
    run = desk("customers", "add", "--first-name", "Anna\u2028", "--last-name", "Müller")
    assert run.code == 1, str(run)
    assert "first name contains an invisible or control character (U+2028)" in run.stderr, str(run)
    assert "\u2028" not in run.stderr  # named by code, never printed raw
    refused = desk(
        "customers", "add", "--first-name", "Anna", "--last-name", "x\x1b[2J", "--json"
    ).error_json()  # fmt: skip
    assert (refused["field"], refused["problem"]) == ("last_name", "control_characters")
    assert "U+001B" in refused["message"]
    long_notes = desk(
        "customers", "add", "--first-name", "Anna", "--last-name", "Müller",
        "--notes", "x" * 10_000, "--json",
    ).error_json()  # fmt: skip
    assert (long_notes["field"], long_notes["problem"]) == ("notes", "too_long")
    assert "at most 4000 characters" in long_notes["message"]
    assert desk("customers", "search", "Müller", "--json").json() == []  # nothing written


def test_the_import_names_each_rejected_row_with_field_and_code(desk: Desk) -> None:
    source = desk.cwd / "kunden.csv"
    source.write_text(
        "Vorname;Nachname;E-Mail;Notizen\n"
        "Eva;Klein;eva@example.org;\n"
        "Ka\x00rl;Kaputt;karl@example.org;\n"
        "Tom;Gro\u2029ß;tom@example.org;\n"
        "Ute;Lang;ute@example.org;" + "n" * 5000 + "\n",
        encoding="utf-8",
    )
    refused = desk("customers", "import", str(source))
    assert refused.code == 1, str(refused)
    lines = refused.stderr.splitlines()
    assert "Nothing was imported: 3 row(s) have errors." in lines[0]
    assert lines[1:] == [
        "Line 3: The first name contains an invisible or control character (U+0000), which "
        "cannot be stored. Remove it (it often comes with copied text).",
        "Line 4: The last name contains an invisible or control character (U+2029), which "
        "cannot be stored. Remove it (it often comes with copied text).",
        "Line 5: The notes is too long: at most 4000 characters.",
    ]
    assert desk("customers", "search", "Klein", "--json").json() == []  # all or nothing

    report = desk("customers", "import", str(source), "--skip-invalid", "--json").json()
    assert report["imported"] == 1
    assert report["rejected"] == [
        {"line": 3, "field": "first_name", "problem": "control_characters", "detail": "U+0000"},
        {"line": 4, "field": "last_name", "problem": "control_characters", "detail": "U+2029"},
        {"line": 5, "field": "notes", "problem": "too_long", "detail": "4000"},
    ]


def test_formula_cells_are_exported_as_text_and_import_back_as_they_were(
    fresh: Desk,
) -> None:
    fresh("db", "upgrade", "--json").json()
    seed(
        fresh.database,
        [CustomerInput(first_name="=1+1", last_name="@SUM(A1)", city="-Köln", notes="+49")],
    )
    target = fresh.cwd / "export.csv"
    assert fresh("customers", "export", str(target), "--json").json()["exported"] == 1
    assert target.stat().st_mode & 0o777 == 0o600
    with target.open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle, delimiter=";"))
    assert (row["first_name"], row["last_name"], row["city"], row["notes"]) == (
        "'=1+1",
        "'@SUM(A1)",
        "'-Köln",
        "'+49",
    )
    other = Desk(f"sqlite:///{fresh.cwd / 'other.sqlite3'}", fresh.env, fresh.cwd)
    assert other("customers", "import", str(target), "--json").json()["imported"] == 1
    [back] = other("customers", "search", "SUM", "--json").json()
    assert (back["first_name"], back["last_name"], back["city"], back["notes"]) == (
        "=1+1",
        "@SUM(A1)",
        "-Köln",
        "+49",
    )


# ---- settings: every one the window has, with the window's checks ---------------------------
def test_settings_set_takes_the_windows_settings_with_its_checks(fresh: Desk) -> None:
    ok = [
        ("auto_reminder", "off"),
        ("auto_reminder_hours", "48"),
        ("auto_review_request", "on"),
        ("review_url", "https://g.page/r/salon/review"),
        ("sender_name", "HaarWerk"),
        ("quiet_hours_start", "09:00"),
        ("quiet_hours_end", "19:30"),
        ("frequency_cap", "2"),
        ("salon_phone", "0221 1234567"),
        ("salon_address", "Hauptstraße 12, 50667 Köln"),
        ("owner_mobile", "0151 12345678"),
        ("gateway_url", "http://[::1]:8080/"),
    ]
    for key, value in ok:
        fresh("settings", "set", key, value, "--json").json()
    shown = fresh("settings", "show", "--json").json()
    assert shown["auto_reminder"] == "off" and shown["auto_reminder_hours"] == "48"
    assert (shown["quiet_hours_start"], shown["quiet_hours_end"]) == ("09:00", "19:30")
    assert shown["owner_mobile"] == "+4915112345678"  # stored as the gateway needs it
    assert shown["salon_phone"] == "0221 1234567"  # as the salon writes it
    assert shown["salon_address"] == "Hauptstraße 12, 50667 Köln"
    assert shown["gateway_url"] == "http://[::1]:8080"

    refused = {
        ("frequency_cap", "0"): "out_of_range",
        ("auto_reminder_hours", "200"): "out_of_range",
        ("auto_birthday", "yes"): "not_a_switch",
        ("quiet_hours_start", "20:00"): "starts_after_ends",
        ("quiet_hours_end", "25:00"): "invalid_time",
        ("review_url", "http://g.page/r/x"): "not_web_address",
        ("sender_name", "Haarwerk Müller"): "invalid_sender",
        ("salon_phone", "12"): "invalid_phone",
        ("salon_name", "Salon\u2028Weiß"): "control_characters",
        ("time_zone", "Mars/Olympus"): "unknown",
        ("gateway_url", "http://localhost@evil.example"): "invalid_url",
        ("gateway_url", "http://127.0.0.1.evil.example"): "not_https",
    }
    for (key, value), problem in refused.items():
        payload = fresh("settings", "set", key, value, "--json").error_json()
        assert (payload["field"], payload["problem"]) == (key, problem), payload
    assert fresh("settings", "show", "--json").json() == shown  # nothing changed


def test_settings_set_explains_in_words(fresh: Desk) -> None:
    run = fresh("settings", "set", "gateway_url", "http://localhost@evil.example")
    assert run.code == 1
    assert "is not a web address like https://gateway.example.org" in run.stderr
    run = fresh("settings", "set", "quiet_hours_end", "07:00")
    assert "The sending hours must begin before they end (08:00-07:00)." in run.stderr


# ---- gateway login without a keyring --------------------------------------------------------
@pytest.fixture
def gateway_stub(httpserver: HTTPServer) -> HTTPServer:
    def events(request: Request) -> Response:
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return Response('{"code": "unauthorized"}', 401, content_type="application/json")
        return Response('{"events": [], "last_seq": 0}', 200, content_type="application/json")

    httpserver.expect_request("/v1/events").respond_with_handler(events)
    return httpserver


def test_gateway_login_works_without_a_keyring_from_the_environment(
    fresh: Desk, gateway_stub: HTTPServer
) -> None:
    url = gateway_stub.url_for("/")
    env = {
        **fresh.env,
        "DESK_APP_GATEWAY_TOKEN": TOKEN,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    headless = Desk(fresh.database, env, fresh.cwd)
    logged_in = headless("gateway", "login", url, "--json").json()
    assert logged_in == {"gateway_url": url.rstrip("/"), "token_stored": False}
    status = headless("gateway", "status", "--json").json()
    assert (status["gateway_url"], status["token"]) == (url.rstrip("/"), True)

    text = headless("gateway", "login", url)
    assert "keep DESK_APP_GATEWAY_TOKEN set" in text.stdout
    # A wrong token is refused before anything is saved.
    wrong = Desk(fresh.database, {**env, "DESK_APP_GATEWAY_TOKEN": "nope"}, fresh.cwd)
    assert wrong("gateway", "login", url).code == 5


def test_gateway_login_refuses_an_address_the_token_must_not_go_to(fresh: Desk) -> None:
    env = {**fresh.env, "DESK_APP_GATEWAY_TOKEN": TOKEN}
    headless = Desk(fresh.database, env, fresh.cwd)
    payload = headless("gateway", "login", "http://localhost@evil.example", "--json").error_json()
    assert payload["problem"] == "invalid_url"
    assert fresh("settings", "show", "--json").json()["gateway_url"] == ""


# ---- campaigns, objections, reasons --------------------------------------------------------
def test_campaign_send_refuses_service_information_that_advertises(desk: Desk) -> None:
    run = desk(
        "campaign", "send", "--type", "service_info", "--channel", "email", "--name", "Umzug",
        "--subject", "Wir ziehen um", "--text", "Ab März in der Hauptstraße. 20% Rabatt!",
        "--json",
    )  # fmt: skip
    payload = run.error_json()
    assert payload["problem"] == "advertising_in_service_info"
    assert "“20%”, “Rabatt”" in payload["message"]


def test_campaign_send_refuses_jinja_globals_and_empty_placeholders(desk: Desk) -> None:
    base = ["campaign", "send", "--type", "service_info", "--channel", "email", "--name", "N"]
    lipsum = desk(*base, "--subject", "Neu", "--text", "{{ lipsum }}", "--json").error_json()
    assert (lipsum["problem"], lipsum["field"]) == ("unknown_placeholder", "body")
    assert "“lipsum” does not exist" in lipsum["message"]


def test_consent_object_and_the_reason_in_words(desk: Desk) -> None:
    [anna] = seed(
        desk.database,
        [CustomerInput(first_name="Anna", last_name="Müller", email="anna@example.org")],
        staff=["Jörg Weiß"],
    )
    desk("services", "add", "Schnitt", "--minutes", "30", "--price", "30")
    desk(
        "book", "--customer", str(anna), "--staff", "Jörg Weiß", "--service", "Schnitt",
        "--start", "2030-03-05T10:00", "--override",
    )  # fmt: skip
    objected = desk(
        "consent", "object", str(anna), "--source", "phone", "--staff", "Jörg Weiß", "--json"
    ).json()  # fmt: skip
    assert objected["objected"] is True
    listed = desk("outbox", "list")
    assert "messages for this appointment were switched off" in listed.stdout, str(listed)
    [row] = desk("outbox", "list", "--json").json()
    assert (row["status"], row["reason"]) == ("rejected", "notify_off")


def test_backups_and_art_15_exports_are_private(fresh: Desk) -> None:
    fresh("db", "upgrade", "--json").json()
    [anna] = seed(fresh.database, [CustomerInput(first_name="Anna", last_name="Müller")])
    backup = fresh.cwd / "backup.sqlite3"
    fresh("db", "backup", str(backup), "--json").json()
    assert backup.stat().st_mode & 0o777 == 0o600
    export = fresh.cwd / "anna.json"
    fresh("customers", "export-data", str(anna), "--out", str(export), "--json").json()
    assert export.stat().st_mode & 0o777 == 0o600


def test_the_refusal_is_translated(fresh: Desk) -> None:
    run = fresh(
        "customers", "add", "--first-name", "Anna", "--last-name", "Mül\u2028ler", language="de"
    )
    assert run.code == 1, str(run)
    assert (
        "Fehler: Nachname: enthält ein unsichtbares oder Steuerzeichen (U+2028), das nicht "
        "gespeichert werden kann." in run.stderr
    ), str(run)
    run = fresh("settings", "set", "gateway_url", "http://localhost@evil.example", language="de")
    assert "ist keine Webadresse wie https://gateway.example.org" in run.stderr, str(run)
