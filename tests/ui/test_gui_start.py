"""``desk-app`` without a command: the window opens on a database, optionally with the demo
gateway running inside the app."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
import requests
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desk_app.desktop import gui
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.marketing.marketing_page import MarketingPage
from desk_app.ui.online.requests_page import OnlineRequestsPage


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def automations_running() -> bool:
    return any(t.name == "automations" and t.is_alive() for t in threading.enumerate())


def test_window_opens_on_a_new_database(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    desktop = gui.start_desktop(qapp, f"sqlite:///{isolated_home / 'new.sqlite3'}")
    try:
        qtbot.addWidget(desktop.window)
        desktop.window.show()
        qtbot.waitExposed(desktop.window)
        assert (isolated_home / "new.sqlite3").exists()
        assert desktop.window.windowTitle() == "Salon Desk – Salon"
        # Reminders and greetings are queued while the window is open, gateway or not.
        assert desktop.automations is not None
        assert automations_running()
        # No gateway on a new database: nothing to send a test through.
        page = desktop.window.page("marketing")
        assert isinstance(page, MarketingPage)
        test = page.composer().test_button()
        assert not test.isEnabled()
        assert test.toolTip() == "Set up a gateway first (Settings)"
        # The online requests section is there, its count in the title once loaded.
        online = desktop.window.page("online")
        assert isinstance(online, OnlineRequestsPage)
        qtbot.waitUntil(lambda: online.open_count() == 0 and online.model().rowCount() == 0)
    finally:
        desktop.close()
    assert not automations_running()  # closing waits for the thread, it does not leak


def test_demo_gateway_serves_the_mailbox(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    desktop = gui.start_desktop(qapp, f"sqlite:///{isolated_home / 'demo.sqlite3'}", True)
    try:
        qtbot.addWidget(desktop.window)
        # The first sync round waits for the first day: the start's work comes first.
        assert desktop.background is not None and not desktop.background.running()
        calendar = desktop.window.page("calendar")
        assert isinstance(calendar, CalendarPage)
        with qtbot.waitSignal(calendar.loaded, timeout=30_000):
            pass
        assert desktop.background.running()
        # The status bar links to the mailbox (the address in full did not fit).
        notice = desktop.window.statusBar().findChild(QLabel, "demoNotice")
        assert notice is not None and notice.isVisibleTo(desktop.window)
        url = re.findall(r'href="([^"]+)"', notice.text())[0]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/mailbox")
        assert url in notice.toolTip()
        # Nobody takes the demo for the salon's real data (issue 13): the title says it,
        # and the notice says where its data is.
        assert desktop.window.windowTitle().endswith("(DEMO)")
        assert "DEMO" in notice.text()
        assert f"Demo data: {(isolated_home / 'demo.sqlite3').resolve()}" in notice.toolTip()
        assert "Postfach (Demo)" in requests.get(url, timeout=5).text
        assert (isolated_home / "data" / "salon-desk" / "demo-gateway.sqlite3").exists()
        assert automations_running()
        # The demo gateway is a gateway: the composer's test send may use it.
        page = desktop.window.page("marketing")
        assert isinstance(page, MarketingPage)
        test = page.composer().test_button()
        assert test.toolTip() != "Set up a gateway first (Settings)"
    finally:
        desktop.close()
    assert not automations_running()
