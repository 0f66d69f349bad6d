"""At the command line: invisible format characters are refused in every customer field
with the field and the code, and a consent request for a bounced or suppressed address
is refused with the reason. Real subprocesses, real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.services.rows import CustomerInput
from desk_app.services.suppression import suppress
from tests.cli.test_cli import Desk, seed

ADD = ("customers", "add", "--first-name", "Anna", "--last-name", "Müller")


@pytest.mark.parametrize(
    ("option", "value", "field", "code"),
    [
        ("--first-name", "An\u200bna", "first_name", "U+200B"),
        ("--last-name", "M\u00fcller\u202e", "last_name", "U+202E"),
        ("--email", "\ufeffanna@example.org", "email", "U+FEFF"),
        ("--phone", "0151\u200c12345678", "phone", "U+200C"),
        ("--notes", "Mag\u200d Tee\nund Kekse", "notes", "U+200D"),
        ("--notes", "Zeile\u2028zwei", "notes", "U+2028"),
        ("--city", "Ber\u2066lin", "city", "U+2066"),
    ],
)
def test_invisible_characters_are_refused_in_every_field(
    desk: Desk, option: str, value: str, field: str, code: str
) -> None:
    args = [*ADD]
    if option in ("--first-name", "--last-name"):
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    refused = desk(*args, "--json").error_json()
    assert (refused["field"], refused["problem"]) == (field, "control_characters")
    assert f"invisible or control character ({code})" in refused["message"]
    plain = desk(*args)
    assert plain.code == 1 and code in plain.stderr, str(plain)
    german = desk(*args, language="de")
    assert "unsichtbares oder Steuerzeichen" in german.stderr, str(german)
    assert value not in plain.stderr + german.stderr  # named by its code, never raw
    assert desk("customers", "search", "Müller", "--json").json() == []  # nothing written


def test_a_consent_request_for_a_bounced_or_suppressed_address_is_refused(desk: Desk) -> None:
    [anna] = seed(
        desk.database,
        [CustomerInput("Anna", "Müller", email="anna@example.org", phone="0151 12345678")],
        ["Jörg"],
    )
    db = Database(create_database_engine(desk.database))
    try:
        with db.write() as s:
            row = s.get(m.Customer, anna)
            assert row is not None
            row.email_bounced_at = datetime(2026, 11, 1, tzinfo=UTC)
            suppress(s, ["+4915112345678"], "erased", datetime(2026, 11, 2, tzinfo=UTC))
    finally:
        db.dispose()
    declare = ("consent", "declare", str(anna), "--source", "phone", "--staff", "Jörg")

    bounced = desk(*declare, "--channel", "email", "--customer-agreed")
    assert bounced.code == 1, str(bounced)
    assert "came back as undeliverable" in bounced.stderr, str(bounced)
    german = desk(*declare, "--channel", "email", "--customer-agreed", language="de")
    assert "unzustellbar" in german.stderr, str(german)
    suppressed = desk(*declare, "--channel", "sms", "--customer-agreed", "--json").error_json()
    assert suppressed["error"] == "AddressUnreachable"
    assert "suppression list" in suppressed["message"]
    status = desk("consent", "show", str(anna), "--json").json()
    assert {c: v["state"] for c, v in status["channels"].items()} == {
        "email": "none",
        "sms": "none",
    }
    assert desk("outbox", "list", "--json").json() == []
