"""The real processes of a scenario: ``desk-gateway serve`` and the ``desk-app`` command line,
each in its own directory (the gateway's key file and logs stay there), both killable."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from tests.e2e.conftest import free_port

STARTUP_TIMEOUT = 60.0  # a loaded 2-core CI machine starts Python slowly


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}


def query(database: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read a SQLite file another process is writing (WAL: readers never block it)."""
    with closing(sqlite3.connect(database, timeout=30)) as conn:
        return list(conn.execute(sql, params))


@dataclass
class Gateway:
    """``desk-gateway serve`` as a child process with its own SQLite file and key file.

    ``settings`` are extra ``DESK_GATEWAY_*`` keys (without the prefix); changing them and
    calling ``restart()`` is what an operator does after fixing the configuration.
    """

    directory: Path
    smtp_port: int
    settings: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    token: str = ""
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> Path:
        return self.directory / "gateway.sqlite3"

    def env(self) -> dict[str, str]:
        env = _clean_env()
        env.update(
            DESK_GATEWAY_DATABASE_URL=f"sqlite:///{self.database}",
            DESK_GATEWAY_PUBLIC_URL=self.url,
            DESK_GATEWAY_SMTP_HOST="127.0.0.1",
            DESK_GATEWAY_SMTP_PORT=str(self.smtp_port),
            DESK_GATEWAY_SMTP_SECURITY="none",
            DESK_GATEWAY_MAIL_FROM="Haarwerk Müller <salon@example.org>",
            # The link key lives in a file (plan: SECRET_KEY_FILE); it must survive restarts
            # so that links in mails sent before a restart keep working.
            DESK_GATEWAY_SECRET_KEY_FILE=str(self.directory / "gateway.key"),
        )
        env.update({f"DESK_GATEWAY_{k}": v for k, v in self.settings.items()})
        return env

    def create_token(self, name: str = "Haarwerk Müller") -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [sys.executable, "-m", "desk_gateway", "token", "create", "--name", name],
            env=self.env(),
            cwd=self.directory,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        self.token = done.stdout.strip().splitlines()[-1]
        return self.token

    def start(self) -> None:
        assert self.process is None or self.process.poll() is not None
        self.starts += 1
        with (self.directory / "gateway.log").open("ab") as log:
            log.write(f"---- start {self.starts}\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "desk_gateway", "serve", "--port", str(self.port)],
                env=self.env(),
                cwd=self.directory,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_healthy()

    def wait_healthy(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + STARTUP_TIMEOUT
        with requests.Session() as session:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    code = self.process.returncode
                    raise AssertionError(f"gateway exited ({code}):\n{self.tail()}")
                try:
                    if session.get(self.url + "/healthz", timeout=2).ok:
                        return
                except requests.RequestException:
                    time.sleep(0.05)  # nothing to wait on but the port opening
        raise AssertionError(f"gateway not healthy after {STARTUP_TIMEOUT:g} s:\n{self.tail()}")

    def kill(self) -> None:
        """kill -9: no shutdown handler runs, whatever was in flight stays as it was."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        """A clean stop (SIGTERM), as an operator's service manager does it."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def tail(self, lines: int = 40) -> str:
        path = self.directory / "gateway.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return query(self.database, sql, params)

    def has_work(self) -> bool:
        """Messages still waiting for delivery (``accepted``) or claimed (``sending``)."""
        return bool(
            self.query("SELECT 1 FROM messages WHERE status IN ('accepted', 'sending') LIMIT 1")
        )

    def statuses(self) -> dict[str, int]:
        return dict(self.query("SELECT status, count(*) FROM messages GROUP BY status"))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@dataclass
class Desk:
    """The desktop command line on one SQLite file; the token comes from the environment
    (``DESK_APP_GATEWAY_TOKEN``), as on a machine without a keyring."""

    directory: Path
    database: Path
    token: str

    @property
    def url(self) -> str:
        return f"sqlite:///{self.database}"

    def env(self) -> dict[str, str]:
        env = _clean_env()
        env.update(
            QT_QPA_PLATFORM="offscreen",
            DESK_APP_LANGUAGE="en",
            DESK_APP_GATEWAY_TOKEN=self.token,
            XDG_DATA_HOME=str(self.directory / "data"),
            XDG_CONFIG_HOME=str(self.directory / "config"),
        )
        return env

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "desk_app", "--database", self.url, *args]

    def __call__(self, *args: str, check: bool = True, timeout: float = 300) -> Run:
        done = subprocess.run(
            self.command(*args),
            env=self.env(),
            cwd=self.directory,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        run = Run(done.returncode, done.stdout, done.stderr)
        if check and run.code != 0:
            raise AssertionError(f"desk-app {' '.join(args)} → {run.code}\n{run.stderr[-3000:]}")
        return run

    def spawn(self, *args: str) -> subprocess.Popen[bytes]:
        """Start a command in the background (its output goes to desk.log)."""
        with (self.directory / "desk.log").open("ab") as log:
            return subprocess.Popen(
                self.command(*args),
                env=self.env(),
                cwd=self.directory,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return query(self.database, sql, params)

    def outbox(self, campaign: str | None = None) -> dict[str, str]:
        """client_id → status of every outbox row (of one campaign, by name)."""
        if campaign is None:
            return dict(self.query("SELECT client_id, status FROM outbox"))  # type: ignore[arg-type]
        return dict(
            self.query(  # type: ignore[arg-type]
                "SELECT o.client_id, o.status FROM outbox o JOIN campaigns c "
                "ON c.id = o.campaign_id WHERE c.name = ?",
                (campaign,),
            )
        )

    def sync_until_done(self, attempts: int = 40) -> int:
        """``sync --once`` until a run succeeds with nothing left queued; how many runs."""
        for run in range(1, attempts + 1):
            done = self("sync", "--once", "--json", check=False)
            if done.code == 0 and done.json()["queued"] == 0:
                return run
            if done.code not in (0, 5):
                raise AssertionError(f"sync --once → {done.code}\n{done.stderr[-3000:]}")
        raise AssertionError(f"still not synced after {attempts} runs")
