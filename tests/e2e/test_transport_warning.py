"""The gateway's SMTP server is down: nobody is suppressed, the open window warns on its
status bar, and once the server is back the mail goes out once and the warning goes away
(issue 8, section 4), with the real gateway process, a real SMTP server and the real window.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desk_app.desktop import background_sync, gui
from tests.e2e.conftest import Desk, GatewayProcess, Mailbox, free_port

pytestmark = pytest.mark.slow

ROUND_SECONDS = 0.5  # between the window's sync rounds (the product waits 15 s)


@pytest.fixture
def smtp_port() -> int:
    """A port where the SMTP server will be, later: for now nothing listens."""
    return free_port()


@pytest.fixture
def down_gateway(tmp_path: Path, smtp_port: int) -> Iterator[GatewayProcess]:
    process = GatewayProcess(tmp_path / "gw", smtp_port, settings={"TRANSPORT_BACKOFF_MAX": "1"})
    process.directory.mkdir()
    process.create_token()
    process.start()
    yield process
    process.stop()


def email_health(gateway: GatewayProcess) -> dict[str, object]:
    answer = gateway.api("GET", "/v1/status")
    assert answer.status_code == 200, answer.text
    health: dict[str, object] = answer.json()["transports"]["email"]
    return health


def wait_for(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited {timeout:.0f} s for {what}")


def test_an_smtp_outage_warns_in_the_window_suppresses_nobody_and_delivers_once(
    qapp: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    down_gateway: GatewayProcess,
    smtp_port: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk = Desk(tmp_path / "desk", down_gateway)
    desk.directory.mkdir()
    desk("staff", "add", "Jörg Weiß", "--role", "stylist")
    desk("services", "add", "Herrenhaarschnitt", "--minutes", "30", "--price", "29")
    desk("settings", "set", "gateway_url", down_gateway.url)
    customer = desk(
        "customers", "add", "--first-name", "Anna", "--last-name", "Schäfer",
        "--email", "anna@example.org", "--json",
    ).json()  # fmt: skip
    booked = desk(
        "book", "--customer", str(customer["id"]), "--staff", "Jörg Weiß",
        "--service", "Herrenhaarschnitt", "--start", "2030-03-05T10:00", "--json",
    ).json()  # fmt: skip
    assert desk("sync", "--once", "--json").json()["accepted"] == 1
    wait_for(lambda: email_health(down_gateway)["state"] == "failing", 30, "email failing")
    assert email_health(down_gateway)["error"] == "connection_failed"

    # The receptionist's window, on the same database, syncing in the background.
    monkeypatch.setenv("XDG_DATA_HOME", str(desk.directory / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(desk.directory / "config"))
    monkeypatch.setenv("DESK_APP_GATEWAY_TOKEN", down_gateway.token)
    monkeypatch.setattr(background_sync, "INTERVAL_SECONDS", ROUND_SECONDS)
    monkeypatch.setattr(background_sync, "RETRY_SECONDS", ROUND_SECONDS)
    desktop = gui.start_desktop(qapp, f"sqlite:///{desk.directory / 'desk.sqlite3'}")
    mailbox = Mailbox(smtp_port)
    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    try:
        window = desktop.window
        qtbot.addWidget(window)
        window.resize(1024, 700)
        window.show()
        qtbot.waitExposed(window)
        warning = window.findChild(QLabel, "transportWarning")
        assert warning is not None
        qtbot.waitUntil(lambda: warning.isVisible(), timeout=30_000)
        assert "email sending disrupted" in warning.text()
        assert "the server cannot be reached" in warning.text()
        window.grab().save(str(tmp_path / "smtp-down-window.png"))

        controller.start()  # the mail server is back
        mails = mailbox.wait_for(1, timeout=30)
        qtbot.waitUntil(lambda: not warning.isVisible(), timeout=30_000)
    finally:
        desktop.close()
        controller.stop()

    assert [str(mail["To"]) for mail in mails] == ["anna@example.org"]
    time.sleep(2 * ROUND_SECONDS)  # a repeat would have had time to arrive
    assert len(mailbox.messages) == 1
    assert email_health(down_gateway)["state"] == "ok"
    rows = {row["client_id"]: row for row in desk("outbox", "list", "--json").json()}
    assert rows[booked["confirmation_client_id"]]["status"] == "sent"
    shown = desk("customers", "show", str(customer["id"]), "--json").json()
    assert shown["email_bounced"] is False, shown
