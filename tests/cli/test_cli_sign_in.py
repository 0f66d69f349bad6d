"""The command line acts as a named member and is held to the window's rules (issue 12).

``--as NAME`` with the PIN from stdin, owner-issued tokens for unattended jobs, the
refusals with a sentence naming what was refused and exit code 6, failed sign-ins with
exit code 7. In-process (``tests.cli.inprocess``) against real databases; the one
subprocess, a PIN on a real pipe, is in ``test_access_cli``.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.cli.main import EXIT_REFUSED, EXIT_SIGN_IN, EXIT_USER_ERROR
from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import StaffRole
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services, build_services, utc_now
from desk_app.services.rows import CustomerInput
from tests.cli.inprocess import FakeTerminal, InProcessDesk, cli

__all__ = ["cli"]

OWNER_PIN, RECEPTION_PIN = "24681357", "97531864"  # found in no output by chance
CAMPAIGN = (
    "campaign", "send", "--type", "promotion", "--channel", "email", "--name", "Winter",
    "--subject", "Hallo", "--text", "Hallo {{ first_name }}",
)  # fmt: skip


@dataclass(frozen=True)
class Salon:
    owner: Actor
    reception: Actor
    anna: int


def _services(url: str, clock: object = utc_now) -> tuple[Database, Services]:
    db = Database(create_database_engine(url))
    return db, build_services(db, templates_dir(), clock=clock)  # type: ignore[arg-type]


def _salon(url: str, *, sign_in: bool = True, pin_attempts: int = 5) -> Salon:
    """Sabine (owner) and Rita (reception) with their PINs, Anna (a customer); the
    salon signs in personally unless ``sign_in`` is False. Set up in-process."""
    db, s = _services(url)
    try:
        sabine = s.catalogue.add_staff("Sabine", StaffRole.OWNER, actor=SHARED_COUNTER)
        rita = s.catalogue.add_staff("Rita", StaffRole.RECEPTION, actor=SHARED_COUNTER)
        s.staff_access.set_pin(SHARED_COUNTER, sabine.id, OWNER_PIN)
        s.staff_access.set_pin(SHARED_COUNTER, rita.id, RECEPTION_PIN)
        anna = s.customers.create(
            CustomerInput("Anna", "Müller", email="anna@example.org", phone="0151 12345678")
        )
        owner = Actor(sabine.id, sabine.name, StaffRole.OWNER)
        changes = {"pin_attempts": str(pin_attempts)}
        if sign_in:
            changes["staff_sign_in"] = "on"
        s.catalogue.set_settings(changes, actor=owner)
        return Salon(owner, Actor(rita.id, rita.name, StaffRole.RECEPTION), anna.id)
    finally:
        db.dispose()


def _audit(url: str, since: int = 0) -> list[tuple[str, str]]:
    """(action, member name) of every entry after id ``since``, oldest first."""
    db = Database(create_database_engine(url))
    try:
        with db.read() as s:
            rows = s.execute(
                select(m.AuditEntry.action, m.AuditEntry.member_name)
                .where(m.AuditEntry.id > since)
                .order_by(m.AuditEntry.id)
            )
            return [(action, name) for action, name in rows]
    finally:
        db.dispose()


def _last_audit_id(url: str) -> int:
    db = Database(create_database_engine(url))
    try:
        with db.read() as s:
            return int(s.scalar(select(m.AuditEntry.id).order_by(m.AuditEntry.id.desc())) or 0)
    finally:
        db.dispose()


# ---- the refusals ---------------------------------------------------------------------------
def test_a_reception_member_is_refused_what_the_window_refuses(cli: InProcessDesk) -> None:
    salon = _salon(cli.database)
    anna, rita = str(salon.anna), ("--as", "Rita")
    before = _last_audit_id(cli.database)

    export = cli(*rita, "customers", "export-data", anna, stdin=RECEPTION_PIN + "\n")
    assert export.code == EXIT_REFUSED, str(export)
    assert "The role “Reception” may not export customer data" in export.stderr
    assert export.stdout == ""
    erase = cli(*rita, "customers", "erase", anna, "--confirm", "--json", stdin=RECEPTION_PIN)
    assert erase.code == EXIT_REFUSED, str(erase)
    refused = json.loads(erase.stderr)
    assert refused["error"] == "NotPermitted" and "may not erase customers" in refused["message"]
    setting = cli(*rita, "settings", "set", "staff_sign_in", "off", stdin=RECEPTION_PIN)
    assert (setting.code, setting.stdout) == (EXIT_REFUSED, ""), str(setting)
    assert "may not change settings" in setting.stderr
    campaign = cli(*rita, *CAMPAIGN, stdin=RECEPTION_PIN)
    assert campaign.code == EXIT_REFUSED, str(campaign)
    assert "may not send campaigns" in campaign.stderr
    token = cli(*rita, "staff", "token", "issue", "Rita", stdin=RECEPTION_PIN)
    assert token.code == EXIT_REFUSED, str(token)
    german = cli(*rita, "customers", "export-data", anna, stdin=RECEPTION_PIN, language="de")
    assert german.code == EXIT_REFUSED
    assert "Die Rolle „Empfang“ darf nicht Kundendaten exportieren" in german.stderr, str(german)
    # Each try signed in, and nothing else happened: no export, erasure, setting or send.
    assert _audit(cli.database, before) == [("signed_in", "Rita")] * 6
    assert cli("--as", "Sabine", "customers", "show", anna, "--json", stdin=OWNER_PIN).code == 0

    # What the reception may do, it does as itself: a booking-desk read.
    shown = cli(*rita, "customers", "show", anna, "--json", stdin=RECEPTION_PIN)
    assert shown.json()["last_name"] == "Müller"
    # The owner may: the same export as Sabine.
    owned = cli("--as", "Sabine", "customers", "export-data", anna, stdin=OWNER_PIN)
    assert owned.code == 0, str(owned)
    assert json.loads(owned.stdout)["customer"]["last_name"] == "Müller"


def test_with_personal_sign_in_a_command_naming_nobody_is_refused(cli: InProcessDesk) -> None:
    salon = _salon(cli.database)
    before = _last_audit_id(cli.database)
    for command, args in (
        ("customers show", ("customers", "show", str(salon.anna))),
        ("run-automations", ("run-automations",)),
        ("settings set", ("settings", "set", "staff_sign_in", "off")),
    ):
        run = cli(*args)
        assert run.code == EXIT_REFUSED, str(run)
        assert f"Sign in to run “{command}”" in run.stderr, str(run)
        assert "--as NAME" in run.stderr and run.stdout == ""
    as_json = cli("consent", "show", str(salon.anna), "--json")
    assert json.loads(as_json.stderr)["error"] == "SignInRequired"
    assert _audit(cli.database, before) == []
    # Off again (by the owner): the shared command line acts as before.
    assert (
        cli("--as", "Sabine", "settings", "set", "staff_sign_in", "off", stdin=OWNER_PIN).code == 0
    )
    assert cli("customers", "show", str(salon.anna), "--json").code == 0


# ---- --as NAME: the PIN from stdin ----------------------------------------------------------
@pytest.mark.parametrize("backend", ["sqlite"])
def test_pin_from_stdin_wrong_pins_lock_the_member_out(
    cli: InProcessDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    salon = _salon(cli.database, pin_attempts=3)
    anna = str(salon.anna)
    before = _last_audit_id(cli.database)
    show = ("customers", "show", anna, "--json")

    wrong = cli("--as", "Rita", *show, stdin="0000\n")
    assert wrong.code == EXIT_SIGN_IN, str(wrong)
    assert "Wrong PIN. 2 more wrong tries lock this member out" in wrong.stderr
    unknown = cli("--as", "Nobody", *show, stdin=RECEPTION_PIN)
    assert unknown.code == EXIT_SIGN_IN and "“Nobody” was not found" in unknown.stderr
    malformed = cli("--as", "Rita", *show, stdin="12ab")
    assert malformed.code == EXIT_SIGN_IN and "A PIN has 4 to 8 digits" in malformed.stderr
    empty = cli("--as", "Rita", *show, stdin="")
    assert empty.code == EXIT_SIGN_IN
    assert cli("--as", "rita", *show, stdin="1111").code == EXIT_SIGN_IN  # any case: Rita
    locked = cli("--as", "Rita", *show, stdin="2222")
    assert locked.code == EXIT_SIGN_IN and "Too many wrong PINs" in locked.stderr
    # Locked out: the right PIN is not even checked until the lockout ends.
    still = cli("--as", "Rita", *show, stdin=RECEPTION_PIN + "\n")
    assert still.code == EXIT_SIGN_IN, str(still)
    assert json.loads(cli("--as", "Rita", *show, stdin=RECEPTION_PIN).stderr)["error"] == (
        "PinLockedOut"
    )
    assert _audit(cli.database, before) == [("sign_in_failed", "Rita")] * 5
    for run in (wrong, locked, still):
        assert RECEPTION_PIN not in run.stdout + run.stderr

    # The owner's sign-in is not locked; at a terminal the PIN comes through getpass.
    prompts: list[str] = []

    def typed(prompt: str = "") -> str:
        prompts.append(prompt)
        return OWNER_PIN

    monkeypatch.setattr(getpass, "getpass", typed)
    at_terminal = cli("--as", "Sabine", *show, stdin=FakeTerminal("not read\n"))
    assert at_terminal.json()["id"] == salon.anna
    assert prompts == ["PIN for Sabine: "]
    assert OWNER_PIN not in at_terminal.stdout + at_terminal.stderr


# ---- owner tokens for unattended jobs -------------------------------------------------------
def test_an_owner_token_runs_run_automations_unattended(cli: InProcessDesk, tmp_path: Path) -> None:
    salon = _salon(cli.database)
    _appointment_in_three_hours(cli.database, salon)
    sabine = ("--as", "Sabine")
    token_file = tmp_path / "automations.token"
    issued = cli(
        *sabine, "staff", "token", "issue", "Sabine", "--label", "Automationen",
        "--out", str(token_file), "--json", stdin=OWNER_PIN,
    ).json()  # fmt: skip
    assert "token" not in issued and issued["state"] == "active"
    assert (issued["member"], issued["issued_by"], issued["label"]) == (
        "Sabine",
        "Sabine",
        "Automationen",
    )
    if os.name == "posix":
        assert token_file.stat().st_mode & 0o777 == 0o600
    token = token_file.read_text(encoding="utf-8").strip()
    assert len(token) > 40
    stored = _token_columns(cli.database)
    assert hashlib.sha256(token.encode()).hexdigest() in stored
    assert not any(token in value for value in stored)  # the hash only, never the token

    assert cli("run-automations", "--json").code == EXIT_REFUSED  # unattended, no token
    before = _last_audit_id(cli.database)
    by_env = cli("run-automations", "--json", env={"DESK_APP_TOKEN": token})
    assert by_env.json()["reminder"]["queued"] == 1
    by_file = cli("--token-file", str(token_file), "run-automations", "--json")
    assert by_file.json()["reminder"] == {
        **by_env.json()["reminder"],
        "queued": 0,
        "skipped_already_sent": 1,
    }
    assert _audit(cli.database, before) == [("signed_in_by_token", "Sabine")] * 2
    assert token not in by_env.stdout + by_env.stderr + by_file.stdout + by_file.stderr

    if os.name == "posix":  # a file others may read is refused before it is used
        token_file.chmod(0o644)
        shared = cli("--token-file", str(token_file), "run-automations")
        assert shared.code == EXIT_SIGN_IN and "can be read by others" in shared.stderr
        token_file.chmod(0o600)
    unknown = cli("run-automations", env={"DESK_APP_TOKEN": "sdt_" + "x" * 43})
    assert unknown.code == EXIT_SIGN_IN and "was not issued here" in unknown.stderr

    revoked = cli(*sabine, "staff", "token", "revoke", str(issued["id"]), stdin=OWNER_PIN)
    assert revoked.code == 0, str(revoked)
    after = cli("--token-file", str(token_file), "run-automations", "--json")
    assert after.code == EXIT_SIGN_IN and json.loads(after.stderr)["error"] == "TokenRefused"
    assert "revoked" in json.loads(after.stderr)["message"]
    listed = cli(*sabine, "staff", "token", "list", "--json", stdin=OWNER_PIN).json()
    assert [(t["id"], t["state"]) for t in listed] == [(issued["id"], "revoked")]
    actions = [a for a, _ in _audit(cli.database)]
    assert actions.count("token_issued") == actions.count("token_revoked") == 1


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_token_acts_with_its_members_current_role_until_it_expires(
    cli: InProcessDesk,
) -> None:
    salon = _salon(cli.database)
    issued = cli(
        "--as", "Sabine", "staff", "token", "issue", "Rita", "--json", stdin=OWNER_PIN
    ).json()
    rita = {"DESK_APP_TOKEN": issued["token"]}
    refused = cli("settings", "set", "frequency_cap", "3", env=rita)
    assert refused.code == EXIT_REFUSED and "“Reception” may not change settings" in refused.stderr
    db, s = _services(cli.database)
    try:
        s.staff_access.set_role(salon.owner, salon.reception.member_id or 0, StaffRole.MANAGER)
    finally:
        db.dispose()
    assert cli("settings", "set", "frequency_cap", "3", env=rita).code == 0  # no new token
    # A manager cannot give themselves an owner's token.
    raised = cli("--as", "Rita", "staff", "token", "issue", "Sabine", stdin=RECEPTION_PIN)
    assert raised.code == EXIT_REFUSED, str(raised)
    assert cli("staff", "token", "list", env=rita).code == 0

    # A token issued two days ago for one day has expired.
    past = utc_now() - timedelta(days=2)
    db, s = _services(cli.database, clock=lambda: past)
    try:
        old = s.staff_tokens.issue(salon.owner, salon.owner.member_id or 0, "alt", days=1)
    finally:
        db.dispose()
    expired = cli("run-automations", env={"DESK_APP_TOKEN": old.token})
    assert expired.code == EXIT_SIGN_IN and "has expired" in expired.stderr
    assert _audit(cli.database)[-1] == ("sign_in_failed", "Sabine")


def _appointment_in_three_hours(url: str, salon: Salon) -> None:
    """Anna's appointment with Sabine: ``run-automations`` queues its reminder."""
    db, s = _services(url)
    try:
        cut = s.catalogue.add_treatment("Damenhaarschnitt", 45, 4900)
        soon = (utc_now() + timedelta(hours=3)).replace(second=0, microsecond=0)
        staff = salon.owner.member_id or 0
        s.booking.book(
            BookingRequest(salon.anna, staff, cut.id, soon, override=True), actor=salon.owner
        )
    finally:
        db.dispose()


def _token_columns(url: str) -> list[str]:
    db = Database(create_database_engine(url))
    try:
        with db.read() as s:
            row = s.scalars(select(m.StaffToken)).one()
            return [str(getattr(row, c.key)) for c in m.StaffToken.__table__.columns]
    finally:
        db.dispose()


# ---- who asked is who is signed in ----------------------------------------------------------
def test_consent_declared_on_the_command_line_names_the_signed_in_member(
    cli: InProcessDesk,
) -> None:
    salon = _salon(cli.database)
    anna = str(salon.anna)
    declare = ("consent", "declare", anna, "--source", "phone", "--customer-agreed")
    other = cli(
        "--as", "Rita", *declare, "--channel", "sms", "--staff", "Sabine", stdin=RECEPTION_PIN
    )
    assert other.code == EXIT_USER_ERROR, str(other)
    assert "Sabine is not signed in" in other.stderr
    done = cli("--as", "Rita", *declare, "--channel", "email", stdin=RECEPTION_PIN)
    assert done.code == 0, str(done)
    db = Database(create_database_engine(cli.database))
    try:
        with db.read() as s:
            ledger = s.execute(
                select(m.ConsentLedgerEntry.channel, m.ConsentLedgerEntry.staff).where(
                    m.ConsentLedgerEntry.customer_id == salon.anna
                )
            ).all()
    finally:
        db.dispose()
    assert [tuple(row) for row in ledger] == [("email", "Rita")]
    assert _audit(cli.database)[-1] == ("consent_declared", "Rita")
