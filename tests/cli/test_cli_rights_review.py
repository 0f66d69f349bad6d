"""Commands whose work no service checks are held to the role table too (review of
issue 12): a reception or stylist member signed in with ``--as`` may not copy every
customer to a file, copy the database or replace it. In-process against real databases.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from desk_app.cli.main import EXIT_REFUSED
from desk_app.config import secrets
from desk_app.domain.enums import StaffRole
from tests.cli.inprocess import InProcessDesk, cli
from tests.cli.test_cli_sign_in import (
    OWNER_PIN,
    RECEPTION_PIN,
    _audit,
    _last_audit_id,
    _salon,
    _services,
)

__all__ = ["cli"]

MANAGER_PIN, STYLIST_PIN = "86427531", "13572468"


def _add_member(url: str, owner: object, name: str, role: StaffRole, pin: str) -> None:
    db, s = _services(url)
    try:
        row = s.catalogue.add_staff(name, role, actor=owner)  # type: ignore[arg-type]
        s.staff_access.set_pin(owner, row.id, pin)  # type: ignore[arg-type]
    finally:
        db.dispose()


def test_only_who_may_export_copies_every_customer_to_a_file(
    cli: InProcessDesk, tmp_path: Path
) -> None:
    salon = _salon(cli.database)
    _add_member(cli.database, salon.owner, "Stella", StaffRole.STYLIST, STYLIST_PIN)
    before = _last_audit_id(cli.database)
    target = tmp_path / "all.csv"
    for name, pin, role in (
        ("Rita", RECEPTION_PIN, "Reception"),
        ("Stella", STYLIST_PIN, "Stylist"),
    ):
        run = cli("--as", name, "customers", "export", str(target), stdin=pin)
        assert run.code == EXIT_REFUSED, str(run)
        assert f"The role “{role}” may not export customer data" in run.stderr
        assert not target.exists()
    assert _audit(cli.database, before) == [("signed_in", "Rita"), ("signed_in", "Stella")]
    owned = cli("--as", "Sabine", "customers", "export", str(target), stdin=OWNER_PIN)
    assert owned.code == 0, str(owned)
    assert "Müller" in target.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("backend", ["sqlite"])  # backup and restore are SQLite's
def test_only_the_owner_backs_up_or_restores_the_database(
    cli: InProcessDesk, tmp_path: Path
) -> None:
    salon = _salon(cli.database)
    _add_member(cli.database, salon.owner, "Max", StaffRole.MANAGER, MANAGER_PIN)
    backup = tmp_path / "backup.sqlite3"
    owned = cli("--as", "Sabine", "db", "backup", str(backup), stdin=OWNER_PIN)
    assert owned.code == 0, str(owned)
    copy = tmp_path / "copy.sqlite3"
    since_backup = _last_audit_id(cli.database)
    for name, pin in (("Rita", RECEPTION_PIN), ("Max", MANAGER_PIN)):
        # The copy holds the audit log (the owner's alone) and every PIN hash.
        refused = cli("--as", name, "db", "backup", str(copy), stdin=pin)
        assert refused.code == EXIT_REFUSED, str(refused)
        assert not copy.exists()
        # A restore would bring back an older team and roll back the audit log.
        refused = cli("--as", name, "db", "restore", str(backup), stdin=pin)
        assert refused.code == EXIT_REFUSED, str(refused)
        assert "may not" in refused.stderr
    # Not restored: what was logged since the backup is still there.
    assert _audit(cli.database, since_backup) == [
        ("signed_in", "Rita"), ("signed_in", "Rita"), ("signed_in", "Max"), ("signed_in", "Max")
    ]  # fmt: skip
    restored = cli("--as", "Sabine", "db", "restore", str(backup), stdin=OWNER_PIN)
    assert restored.code == 0, str(restored)


@pytest.mark.parametrize("backend", ["sqlite"])  # the command line's rule, not the database's
def test_the_salons_settings_and_messages_are_not_a_stylists_by_another_command(
    cli: InProcessDesk,
) -> None:
    salon = _salon(cli.database)
    _add_member(cli.database, salon.owner, "Stella", StaffRole.STYLIST, STYLIST_PIN)
    anna = str(salon.anna)
    stella = ("--as", "Stella")
    refused = {
        "change settings": [
            ("services", "add", "Cut", "--minutes", "30", "--price", "20"),
            ("hours", "set", "0=09:00-18:00"),
            ("hours", "staff", "Stella", "0=06:00-22:00"),
            ("closures", "add", "2030-01-01"),
            ("demo-data", "--customers", "3"),
        ],
        "send campaigns": [
            ("outbox", "queue", "--customer", anna, "--channel", "sms",
             "--category", "service_info", "--text", "Bitte zahlen Sie hier: http://x.example"),
            ("campaign", "preview", "--type", "promotion", "--channel", "email"),
        ],
    }  # fmt: skip
    for right, commands in refused.items():
        for args in commands:
            run = cli(*stella, *args, stdin=STYLIST_PIN)
            assert run.code == EXIT_REFUSED, str(run)
            assert f"The role “Stylist” may not {right}" in run.stderr, str(run)
    # Nothing of it happened; a look at her own hours is still hers.
    own = cli(*stella, "hours", "staff", "Stella", "--show", "--json", stdin=STYLIST_PIN)
    assert (own.code, own.json()) == (0, []), str(own)
    for look in (("services", "list", "--json"), ("closures", "list", "--json")):
        assert cli(*stella, *look, stdin=STYLIST_PIN).json() == []
    assert cli(*stella, "outbox", "list", "--json", stdin=STYLIST_PIN).json() == []
    # The owner may.
    closed = cli("--as", "Sabine", "closures", "add", "2030-01-01", "--json", stdin=OWNER_PIN)
    assert closed.code == 0 and len(closed.json()) == 1, str(closed)


@pytest.mark.parametrize("backend", ["sqlite"])  # refused before the database is written
def test_a_reception_member_never_makes_the_app_send_the_gateway_token(
    cli: InProcessDesk,
) -> None:
    _salon(cli.database)
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.setblocking(False)
        port = listener.getsockname()[1]
        run = cli(
            "--as", "Rita", "gateway", "login", f"http://127.0.0.1:{port}",
            stdin=RECEPTION_PIN + "\n",
            env={secrets.TOKEN_VARIABLE: "the-salons-gateway-token"},
        )  # fmt: skip
        assert run.code == EXIT_REFUSED, str(run)
        assert "may not change settings" in run.stderr
        with pytest.raises(BlockingIOError):  # nobody knocked
            listener.accept()
