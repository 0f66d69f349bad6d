"""The command line is held to the salon's sign-in rules (issue 12), as a subprocess.

Until it signs in as a named member, the command line acts as the shared counter
sign-in; once the salon switches personal sign-in on, each sensitive command is
refused with a sentence naming what was refused, exit code 1, and nothing done.
"""

from __future__ import annotations

from sqlalchemy import func, select

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import StaffRole
from desk_app.services.container import build_services
from tests.cli.test_cli import Desk, seed
from tests.cli.test_privacy_cli import ANNA


def _audit_count(url: str) -> int:
    db = Database(create_database_engine(url))
    try:
        with db.read() as s:
            return int(s.scalar(select(func.count()).select_from(m.AuditEntry)) or 0)
    finally:
        db.dispose()


def _owner_with_pin(url: str) -> None:
    db = Database(create_database_engine(url))
    try:
        services = build_services(db, templates_dir())
        owner = services.catalogue.add_staff("Sabine", StaffRole.OWNER, actor=SHARED_COUNTER)
        services.staff_access.set_pin(SHARED_COUNTER, owner.id, "4711")
    finally:
        db.dispose()


def test_with_personal_sign_in_the_shared_command_line_is_refused(desk: Desk) -> None:
    [anna] = seed(desk.database, [ANNA], staff=["Tanja"])
    # Nobody could sign in to switch it off again: refused while no owner has a PIN.
    locked_out = desk("settings", "set", "staff_sign_in", "on")
    assert locked_out.code == 1, str(locked_out)
    assert "no owner has a PIN" in locked_out.stderr
    _owner_with_pin(desk.database)
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
