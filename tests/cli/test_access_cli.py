"""The command line is held to the salon's sign-in rules (issue 12), as a subprocess.

Until it signs in as a named member, the command line acts as the shared counter
sign-in; once the salon switches personal sign-in on, each sensitive command is
refused with a sentence naming what was refused, exit code 1, and nothing done.
"""

from __future__ import annotations

from sqlalchemy import func, select

from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from tests.cli.test_cli import Desk, seed
from tests.cli.test_privacy_cli import ANNA


def _audit_count(url: str) -> int:
    db = Database(create_database_engine(url))
    try:
        with db.read() as s:
            return int(s.scalar(select(func.count()).select_from(m.AuditEntry)) or 0)
    finally:
        db.dispose()


def test_with_personal_sign_in_the_shared_command_line_is_refused(desk: Desk) -> None:
    [anna] = seed(desk.database, [ANNA], staff=["Tanja"])
    assert desk("settings", "set", "staff_sign_in", "on").code == 0
    entries = _audit_count(desk.database)  # the switch itself is in the log

    export = desk("customers", "export-data", str(anna))
    assert export.code == 1, str(export)
    assert "Sign in with your own PIN to export customer data" in export.stderr
    assert export.stdout == ""
    erase = desk("customers", "erase", str(anna), "--staff", "Tanja", "--confirm", "--json")
    refused = erase.error_json()
    assert refused["error"] == "NotPermitted" and "erase customers" in refused["message"]
    setting = desk("settings", "set", "staff_sign_in", "off")
    assert setting.code == 1, str(setting)
    assert "Sign in with your own PIN to change settings" in setting.stderr

    assert _audit_count(desk.database) == entries
    assert desk("customers", "show", str(anna), "--json").json()["last_name"] == "Müller"
