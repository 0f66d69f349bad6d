"""The command line is held to the salon's sign-in rules (issue 12), as a subprocess:
the one test that needs a real process, a PIN on a real pipe.

Once the salon switches personal sign-in on, a command naming nobody is refused with a
sentence naming what was refused and exit code 6, nothing done; with ``--as`` and the
PIN on stdin the same command runs as that member. The rest of the sign-in is tested
in-process (``test_cli_sign_in``).
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import StaffRole
from desk_app.services.container import build_services
from tests.cli.test_cli import Desk, seed
from tests.cli.test_privacy_cli import ANNA

PIN = "80241735"


def _audit_count(url: str) -> int:
    db = Database(create_database_engine(url))
    try:
        with db.read() as s:
            return int(s.scalar(select(func.count()).select_from(m.AuditEntry)) or 0)
    finally:
        db.dispose()


def _owner_with_pin(url: str, name: str) -> None:
    db = Database(create_database_engine(url))
    try:
        services = build_services(db, templates_dir())
        owner = services.catalogue.add_staff(name, StaffRole.OWNER, actor=SHARED_COUNTER)
        services.staff_access.set_pin(SHARED_COUNTER, owner.id, PIN)
        services.catalogue.set_setting("staff_sign_in", "on", actor=SHARED_COUNTER)
    finally:
        db.dispose()


@pytest.mark.parametrize("backend", ["sqlite"])  # both backends in-process; one process here
def test_with_personal_sign_in_the_command_line_needs_a_member_and_their_pin(
    desk: Desk,
) -> None:
    [anna] = seed(desk.database, [ANNA])
    # Nobody could sign in to switch it off again: refused while no owner has a PIN.
    locked_out = desk("settings", "set", "staff_sign_in", "on")
    assert locked_out.code == 1, str(locked_out)
    assert "no owner has a PIN" in locked_out.stderr
    _owner_with_pin(desk.database, "Tanja")
    entries = _audit_count(desk.database)

    export = desk("customers", "export-data", str(anna))
    assert export.code == 6, str(export)
    assert "Sign in to run “customers export-data”" in export.stderr
    assert export.stdout == ""
    assert _audit_count(desk.database) == entries  # nothing was done

    signed_in = desk("--as", "Tanja", "customers", "export-data", str(anna), stdin=PIN + "\n")
    assert signed_in.code == 0, str(signed_in)
    assert '"last_name": "Müller"' in signed_in.stdout
    assert PIN not in signed_in.stdout + signed_in.stderr
    # The sign-in and the export: one entry each, both naming Tanja.
    assert _audit_count(desk.database) == entries + 2
