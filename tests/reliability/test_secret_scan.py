"""After a full end-to-end run, nothing secret is left where it does not belong.

The run uses real parts on loopback: an SMTP server that checks a password, the gateway
as its own process, and the desktop command line as a script would drive it (gateway
login with a token, customers, consent declared and confirmed by POSTing the link from
the mail, a campaign, a one-click unsubscribe, a backup, an Art. 15 export, a CSV export).

Then every file the run produced is read as raw bytes (databases with their WAL files,
the desktop's settings and logs, the gateway's stdout/stderr and access log, backups,
exports, the gateway's database and key file):
- 0 bearer tokens, 0 SMTP passwords, 0 link tokens (/c/ and /u/ from the received mails)
  anywhere, and the link-signing key not in the gateway's database;
- 0 customer email addresses or phone numbers in any log;
- databases, backups, exports and key files readable by their owner only (0600).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.reliability.adversarial_support.processes import (
    GatewayServer,
    PasswordMailbox,
    mail_text,
    password_smtp_server,
    running_gateway,
)
from tests.reliability.adversarial_support.scan import files_under, is_log, loose_modes, scan
from tests.reliability.conftest import Record

pytestmark = pytest.mark.slow

LINK = re.compile(r"https?://[^\s/>]+/(c|u)/([A-Za-z0-9_-]+)")
CUSTOMERS = (
    # first, last, email, phone as typed, phone in E.164
    ("Anna", "Müller", "anna.mueller@example.org", "0151 2345 6789", "+4915123456789"),
    ("Ben", "Öztürk", "ben.oeztuerk@example.net", "+49 (170) 987 65 43", "+491709876543"),
)


@dataclass
class DeskRun:
    """``desk-app`` against one SQLite file, with its own XDG data and config dirs."""

    directory: Path
    token: str

    @property
    def database(self) -> Path:
        return self.directory / "desk.sqlite3"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
        env.update(
            QT_QPA_PLATFORM="offscreen",
            DESK_APP_LANGUAGE="en",
            PYTHONIOENCODING="utf-8",
            DESK_APP_GATEWAY_TOKEN=self.token,  # a machine without a keyring
            XDG_DATA_HOME=str(self.directory / "data"),
            XDG_CONFIG_HOME=str(self.directory / "config"),
            XDG_CACHE_HOME=str(self.directory / "cache"),
            XDG_STATE_HOME=str(self.directory / "state"),
        )
        return env

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desk_app", "--database", f"sqlite:///{self.database}", *args],
            env=self.env(),
            cwd=self.directory,
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = self.run(*args)
        assert done.returncode == 0, f"desk-app {' '.join(args)} → {done.returncode}\n{done.stderr}"
        return done


@dataclass
class FullRun:
    desk: DeskRun
    gateway: GatewayServer
    smtp: PasswordMailbox
    token: str
    link_tokens: list[str]
    notes: list[str]  # what went wrong on the way (reported with the scan)
    backup: Path
    export: Path
    csv_export: Path


def _links(smtp: PasswordMailbox, count: int, first: int = 0) -> list[tuple[str, str, str]]:
    """(to, kind, token) of every link in the mails ``first`` to ``count - 1``."""
    found = []
    for mail in smtp.wait_for(count)[first:count]:
        for kind, token in LINK.findall(mail_text(mail)):
            found.append((str(mail["To"]), kind, token))
    return found


def _post(url: str, one_click: bool = False) -> int:
    if one_click:
        data, headers = (
            "List-Unsubscribe=One-Click",
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
    else:
        data, headers = "confirm=1", {"Content-Type": "application/x-www-form-urlencoded"}
    return requests.post(
        url, data=data, headers=headers, timeout=30, allow_redirects=False
    ).status_code


@pytest.fixture
def full_run(tmp_path: Path) -> Iterator[FullRun]:
    with password_smtp_server() as smtp:
        directory = tmp_path / "gateway"
        with running_gateway(
            directory,
            f"sqlite:///{directory / 'gateway.sqlite3'}",
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=str(smtp.port),
            SMTP_SECURITY="none",
            SMTP_USER=smtp.user,
            SMTP_PASSWORD=smtp.password,
        ) as gateway:
            token = gateway.create_token("Haarwerk Müller")
            desk_dir = tmp_path / "desk"
            desk_dir.mkdir()
            desk = DeskRun(desk_dir, token)
            notes: list[str] = []
            login = desk.run("gateway", "login", gateway.url, stdin=token + "\n")
            if login.returncode != 0:
                notes.append(
                    f"`gateway login` with DESK_APP_GATEWAY_TOKEN and the token on stdin "
                    f"failed ({login.returncode}): {login.stderr.strip()[:300]}"
                )
                desk("settings", "set", "gateway_url", gateway.url)
            desk("staff", "add", "Tanja Groß", "--role", "reception")
            desk("settings", "set", "salon_address", "Hauptstraße 12, 50667 Köln")
            customers = desk_dir / "kunden.csv"
            customers.write_text(
                "Vorname;Nachname;E-Mail;Telefon\n"
                + "".join(f"{c[0]};{c[1]};{c[2]};{c[3]}\n" for c in CUSTOMERS),
                encoding="utf-8",
            )
            desk("customers", "import", str(customers))
            desk("consent", "declare", "1", "--channel", "email", "--source", "phone",
                 "--staff", "Tanja Groß", "--customer-agreed")  # fmt: skip
            desk("sync", "--once")
            [confirmation] = [t for _, k, t in _links(smtp, 1) if k == "c"]
            assert _post(f"{gateway.url}/c/{confirmation}") == 200
            desk("sync", "--once")
            desk("campaign", "send", "--type", "promotion", "--channel", "email",
                 "--name", "Winteraktion", "--subject", "Winter bei {{ salon_name }}",
                 "--text", "Hallo {{ first_name }}, 20 % auf Pflege bis Samstag.")  # fmt: skip
            desk("sync", "--once")
            [unsubscribe] = {t for _, k, t in _links(smtp, 2, first=1) if k == "u"}
            assert _post(f"{gateway.url}/u/{unsubscribe}", one_click=True) == 200
            desk("sync", "--once")
            backup, export = desk_dir / "backup.sqlite3", desk_dir / "anna-art15.json"
            csv_export = desk_dir / "customers.csv"
            desk("db", "backup", str(backup))
            desk("customers", "export-data", "1", "--out", str(export))
            desk("customers", "export", str(csv_export))
            if '"opted_out": true' not in export.read_text(encoding="utf-8"):
                notes.append("the one-click unsubscribe is not in the Art. 15 export")
            assert smtp.logins_ok > 0, "the gateway never logged in to the SMTP server"
            yield FullRun(
                desk, gateway, smtp, token, [t for _, _, t in _links(smtp, 2)], notes,
                backup, export, csv_export,
            )  # fmt: skip


def _signing_key_in_database(gateway: GatewayServer) -> list[str]:
    """The link-signing key found in the gateway's own database (it must live apart)."""
    engine = create_engine(gateway.database_url)
    try:
        with engine.connect() as conn:
            stored = (
                conn.execute(text("SELECT value FROM gateway_settings WHERE key = 'secret_key'"))
                .scalars()
                .all()
            )
    finally:
        engine.dispose()
    found = [f"gateway_settings.secret_key = {v[:6]}…" for v in stored if v]
    key_file = gateway.directory / "desk-gateway.key"
    if key_file.exists():
        key = key_file.read_text().strip()
        database = Path(gateway.database_url.removeprefix("sqlite:///"))
        for path in database.parent.glob(database.name + "*"):
            if key and key.encode() in path.read_bytes():
                found.append(f"the key file's key is in {path.name}")
    return found


def test_no_secret_and_no_address_is_left_behind(full_run: FullRun, reliability: Record) -> None:
    run = full_run
    run.gateway.stop()  # its logs are complete once it has exited
    root = run.desk.directory.parent
    key_hits = _signing_key_in_database(run.gateway)  # before listing: it opens the database
    files = files_under(run.desk.directory, run.gateway.directory)
    phones = [v for c in CUSTOMERS for v in (c[3], c[4], c[4].removeprefix("+"), "0" + c[4][3:])]
    result = scan(
        files,
        secrets={
            "bearer tokens": [run.token],
            "SMTP passwords": [run.smtp.password],
            "link tokens": run.link_tokens,
        },
        log_only={
            "email addresses in logs": [c[2] for c in CUSTOMERS],
            "phone numbers in logs": phones,
        },
        base=root,
    )
    private = [
        p
        for p in files
        if p.name.startswith(("desk.sqlite3", "gateway.sqlite3", "desk-gateway.key"))
        or ".before-upgrade-" in p.name
        or p in (run.backup, run.export, run.csv_export)
    ]
    loose = loose_modes(private, root)
    logs = [p for p in files if is_log(p)]
    reliability(
        "secret scan after a full end-to-end run",
        f"{len(files)} files ({len(logs)} logs): desktop database + WAL, settings, logs, "
        "backup, exports, gateway database, key file, gateway stdout/stderr",
        bearer_tokens=result.count("bearer tokens"),
        smtp_passwords=result.count("SMTP passwords"),
        link_tokens=result.count("link tokens"),
        signing_key_in_gateway_db=len(key_hits),
        addresses_in_logs=result.count("email addresses in logs")
        + result.count("phone numbers in logs"),
        files_not_0600=len(loose),
    )
    # Positive control: the scan does see what is there (the customers' addresses are
    # rightly in the database, the backup and the exports).
    control = scan(files, {"addresses": [c[2] for c in CUSTOMERS]}, {}, root)
    assert control.count("addresses") >= 4, control.hits
    problems = [f"{kind}: {hits}" for kind, hits in result.hits.items() if hits]
    if key_hits:
        problems.append(f"link-signing key stored beside the data it protects: {key_hits}")
    if loose:
        problems.append(f"files readable by others (want 0600): {loose}")
    problems.extend(run.notes)
    assert len(run.link_tokens) >= 3 and logs, (run.link_tokens, [str(p) for p in files])
    assert not problems, "after the end-to-end run:\n- " + "\n- ".join(problems)
