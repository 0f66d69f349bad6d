"""Logs that leak nothing and files nobody else can read: the access log names routes, never
link tokens or query strings (uvicorn's own access log printed every /c/ and /u/ URL); the
gateway's SQLite file and key file are created 0600."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from desk_gateway.config import load_config
from desk_gateway.server import assemble
from desk_sql.files import sqlite_path
from tests.conftest import Clock

from .conftest import SmtpRecorder, free_port
from .support import LINK, Harness, consent_body, one_link
from .test_cli import run_cli


def test_the_access_log_names_routes_not_tokens(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="desk_gateway.access")
    request = harness.request_consent()
    harness.deliver()
    confirm = harness.confirm_token(request["body"]["address"])
    harness.submit()
    harness.deliver()
    unsubscribe = one_link(harness.emails()[-1].text, "u")

    harness.get_page(f"/c/{confirm}?lang=en")
    harness.post_page(f"/c/{confirm}")
    harness.post_page(f"/u/{unsubscribe}?lang=de&secret=1")
    harness.client.get(f"/c/{confirm}/extra/{unsubscribe}")  # no route: cut short
    harness.client.get("/v1/events?after=3&wait=0", headers=harness.auth())

    lines = [r.getMessage() for r in caplog.records if r.name == "desk_gateway.access"]
    logged = "\n".join(lines)
    assert "GET /c/{token} 200" in logged
    assert "POST /c/{token} 200" in logged
    assert "POST /u/{token} 200" in logged
    assert "GET /c/… 404" in logged
    assert "GET /v1/events 200" in logged
    for secret in (confirm, unsubscribe, harness.token, "lang=", "secret=", "after="):
        assert secret not in logged


@dataclass
class Served:
    log: str
    tokens: list[str]
    directory: Path


@pytest.fixture
def served(gateway_db_url: str, tmp_path: Path, smtp_server: SmtpRecorder) -> Iterator[Served]:
    """``desk-gateway serve`` in production mode: customers clicked their links."""
    directory = tmp_path / "gw"
    directory.mkdir()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_GATEWAY_")}
    env.update(
        DESK_GATEWAY_DATABASE_URL=gateway_db_url,
        DESK_GATEWAY_PUBLIC_URL=f"http://127.0.0.1:{port}",
        DESK_GATEWAY_SMTP_HOST="127.0.0.1",
        DESK_GATEWAY_SMTP_PORT=str(smtp_server.port),
        DESK_GATEWAY_SMTP_SECURITY="none",
        DESK_GATEWAY_MAIL_FROM="Haarwerk <termine@haarwerk.example>",
        DESK_GATEWAY_SECRET_KEY_FILE=str(directory / "gateway.key"),
        PYTHONIOENCODING="utf-8",
    )
    gateway = [sys.executable, "-m", "desk_gateway"]
    token = subprocess.run(
        [*gateway, "token", "create", "--name", "Haarwerk"],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    ).stdout.strip()  # fmt: skip
    log_path = directory / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*gateway, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, log_path.read_text()
            try:
                if requests.get(f"{url}/healthz", timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline
            time.sleep(0.1)
        headers = {"Authorization": f"Bearer {token}"}
        body = consent_body(Clock(datetime.now(UTC)))  # the served gateway runs on real time
        assert requests.post(
            f"{url}/v1/consent-requests", json=body, headers=headers, timeout=10
        ).ok
        deadline = time.monotonic() + 20
        while not smtp_server.messages() and time.monotonic() < deadline:
            time.sleep(0.05)
        (mail,) = smtp_server.messages()
        text = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
        tokens = [t for _, t in LINK.findall(text)]
        assert tokens
        for link in tokens:
            requests.get(f"{url}/c/{link}?lang=de", timeout=10)
            requests.post(f"{url}/c/{link}", timeout=10)
            requests.post(f"{url}/u/{link}", data="List-Unsubscribe=One-Click", timeout=10)
        requests.get(f"{url}/v1/events?after=0", headers=headers, timeout=10)
    finally:
        process.terminate()
        process.wait(timeout=20)
    yield Served(
        log_path.read_text(encoding="utf-8", errors="replace"), [token, *tokens], directory
    )


def test_served_gateway_logs_no_link_tokens_and_no_query_strings(served: Served) -> None:
    assert "GET /c/{token} 200" in served.log
    assert "POST /c/{token} 200" in served.log
    for secret in served.tokens:
        assert secret not in served.log
    assert "lang=" not in served.log and "after=" not in served.log
    assert '"GET /c/' not in served.log  # uvicorn's own access-log format


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_served_gateway_files_are_private(served: Served, gateway_db_url: str) -> None:
    files = [served.directory / "gateway.key"]
    database = sqlite_path(gateway_db_url)
    if database is not None:
        files += [p for p in database.parent.iterdir() if p.name.startswith(database.name)]
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_new_sqlite_database_is_created_private_by_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "new-gateway.sqlite3"
    env = {
        "DESK_GATEWAY_DATABASE_URL": f"sqlite:///{path}",
        "DESK_GATEWAY_PUBLIC_URL": "http://127.0.0.1:8080",
        "DESK_GATEWAY_DEMO": "1",
        "DESK_GATEWAY_SECRET_KEY_FILE": str(tmp_path / "gateway.key"),
    }
    old = os.umask(0o022)  # the usual umask: files would be world-readable
    try:
        done = run_cli("token", "create", "--name", "Haarwerk", env=env)
    finally:
        os.umask(old)

    assert done.returncode == 0, done.stderr
    created = [p for p in tmp_path.iterdir() if p.name.startswith(path.name)]
    assert path in created
    for file in created:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_an_embedded_gateway_creates_its_files_private_whatever_the_umask(tmp_path: Path) -> None:
    """The desktop's demo runs the gateway in its own process, with the desktop's umask."""
    path = tmp_path / "demo-gateway.sqlite3"
    env = {
        "DESK_GATEWAY_DATABASE_URL": f"sqlite:///{path}",
        "DESK_GATEWAY_PUBLIC_URL": "http://127.0.0.1:8080",
        "DESK_GATEWAY_DEMO": "1",
        "DESK_GATEWAY_SECRET_KEY_FILE": str(tmp_path / "demo-gateway.key"),
    }
    old = os.umask(0o022)
    try:
        built = assemble(load_config(environ=env))
        built.gateway.db.dispose()
    finally:
        os.umask(old)

    files = [p for p in tmp_path.iterdir()]
    assert {path, tmp_path / "demo-gateway.key"} <= set(files)
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
