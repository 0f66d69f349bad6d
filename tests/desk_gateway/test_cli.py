"""``python -m desk_gateway token …`` in a real subprocess: tokens are shown once and stored
only as a hash; names are unique; a revoked token no longer opens the API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from desk_gateway.context import Gateway
from desk_gateway.db.models import Installation
from desk_gateway.sms.capture import CaptureProvider
from desk_gateway.tokens import sha256_hex
from desk_sql.database import Database

from .conftest import serve

NAME = "Haarwerk Müller"


def run_cli(
    *args: str, env: dict[str, str], config: Path | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DESK_GATEWAY_")}
    environ.update(env)
    environ["PYTHONIOENCODING"] = "utf-8"
    command = [sys.executable, "-m", "desk_gateway"]
    if config is not None:
        command += ["--config", str(config)]
    return subprocess.run(
        [*command, *args],
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


CLI_KEYS = ("DATABASE_URL", "PUBLIC_URL", "DEMO", "SECRET_KEY_FILE")


@pytest.fixture
def cli_env(gateway_env: dict[str, str]) -> dict[str, str]:
    """The test gateway's database, key file and (demo) mode: no SMTP server is needed."""
    return {f"DESK_GATEWAY_{k}": gateway_env[f"DESK_GATEWAY_{k}"] for k in CLI_KEYS}


def all_rows_text(db: Database) -> str:
    with db.read() as s:
        parts = []
        for table in inspect(s.connection()).get_table_names():
            parts.extend(str(tuple(row)) for row in s.execute(text(f'SELECT * FROM "{table}"')))
    return "\n".join(parts)


def test_token_create_prints_the_token_once_and_stores_its_hash(
    cli_env: dict[str, str], gateway_db: Database
) -> None:
    done = run_cli("token", "create", "--name", NAME, env=cli_env)

    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    assert len(token) >= 32 and " " not in token
    assert token not in done.stderr  # not in the log either
    with gateway_db.read() as s:
        (row,) = s.scalars(select(Installation))
        assert row.name == NAME
        assert row.token_hash == sha256_hex(token)
        assert row.revoked_at is None
    assert token not in all_rows_text(gateway_db)


def test_the_raw_token_is_nowhere_in_the_database_file(tmp_path: Path) -> None:
    """A fresh SQLite file made by the CLI itself (migrated on first use)."""
    path = tmp_path / "fresh-gateway.sqlite3"
    env = {
        "DESK_GATEWAY_DATABASE_URL": f"sqlite:///{path}",
        "DESK_GATEWAY_PUBLIC_URL": "http://127.0.0.1:8080",
        "DESK_GATEWAY_DEMO": "1",
        "DESK_GATEWAY_SECRET_KEY_FILE": str(tmp_path / "gateway.key"),
    }

    done = run_cli("token", "create", "--name", NAME, "--json", env=env)

    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed["name"] == NAME
    token = printed["token"]
    files = [p for p in tmp_path.iterdir() if p.name.startswith(path.name)]
    assert path in files
    for file in files:  # the database and any WAL / shared-memory file
        assert token.encode() not in file.read_bytes(), file.name
    assert sha256_hex(token).encode() in b"".join(f.read_bytes() for f in files)


def test_each_create_makes_a_new_token(cli_env: dict[str, str]) -> None:
    first = run_cli("token", "create", "--name", "Salon Eins", env=cli_env)
    second = run_cli("token", "create", "--name", "Salon Zwei", env=cli_env)

    assert first.returncode == second.returncode == 0
    assert first.stdout.strip() != second.stdout.strip()


def test_a_duplicate_name_fails(cli_env: dict[str, str], gateway_db: Database) -> None:
    first = run_cli("token", "create", "--name", NAME, env=cli_env)
    second = run_cli("token", "create", "--name", NAME, env=cli_env)

    assert first.returncode == 0
    assert second.returncode == 1
    assert second.stdout.strip() == ""  # no second token shown
    assert NAME in second.stderr
    with gateway_db.read() as s:
        assert len(list(s.scalars(select(Installation)))) == 1


def test_revoke_closes_the_api(cli_env: dict[str, str], gw: Gateway) -> None:
    token = run_cli("token", "create", "--name", NAME, env=cli_env).stdout.strip()
    headers = {"Authorization": f"Bearer {token}"}

    with serve(gw, CaptureProvider()) as client:
        before = client.get("/v1/events", headers=headers)
        revoked = run_cli("token", "revoke", "--name", NAME, env=cli_env)
        after = client.get("/v1/events", headers=headers)
        again = run_cli("token", "revoke", "--name", NAME, env=cli_env)
        listed = run_cli("token", "list", "--json", env=cli_env)

    assert before.status_code == 200
    assert revoked.returncode == 0, revoked.stderr
    assert after.status_code == 401
    assert after.headers["content-type"].startswith("application/problem+json")
    assert after.json()["code"] == "unauthorized"
    assert again.returncode == 0
    (entry,) = json.loads(listed.stdout)
    assert entry["name"] == NAME and entry["revoked"] is True
    assert token not in listed.stdout


def test_revoking_an_unknown_name_fails(cli_env: dict[str, str]) -> None:
    done = run_cli("token", "revoke", "--name", "Gibt es nicht", env=cli_env)

    assert done.returncode == 1
    assert "Gibt es nicht" in done.stderr


def test_the_settings_may_come_from_a_config_file(
    gateway_env: dict[str, str], gateway_db: Database, tmp_path: Path
) -> None:
    config = tmp_path / "gateway.toml"
    config.write_text(
        f'database_url = "{gateway_env["DESK_GATEWAY_DATABASE_URL"]}"\n'
        f'public_url = "{gateway_env["DESK_GATEWAY_PUBLIC_URL"]}"\n'
        "demo = true\n"
        f'secret_key_file = "{gateway_env["DESK_GATEWAY_SECRET_KEY_FILE"]}"\n',
        encoding="utf-8",
    )

    done = run_cli("token", "create", "--name", NAME, env={}, config=config)

    assert done.returncode == 0, done.stderr
    with gateway_db.read() as s:
        (row,) = s.scalars(select(Installation))
        assert row.token_hash == sha256_hex(done.stdout.strip())


def test_a_missing_public_url_is_a_configuration_error(cli_env: dict[str, str]) -> None:
    env = {k: v for k, v in cli_env.items() if k != "DESK_GATEWAY_PUBLIC_URL"}

    done = run_cli("token", "create", "--name", NAME, env=env)

    assert done.returncode == 2
    assert "DESK_GATEWAY_PUBLIC_URL" in done.stderr
    assert done.stdout == ""
