"""``desk-app`` without a command: the window opens on a database, optionally with the demo
gateway running inside the app."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QTimer, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from desk_app import gui
from desk_app.ui.main_window import MainWindow


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def _run_and_close(qapp: QApplication, database: str, demo: bool) -> tuple[int, list[str]]:
    seen: list[str] = []

    def look_and_quit() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]
        for window in windows:
            seen.append(window.statusBar().currentMessage())
            url = window.statusBar().currentMessage().rpartition(" ")[2]
            if url.startswith("http://127.0.0.1"):
                seen.append(requests.get(url, timeout=5).text)
            window.close()
        qapp.quit()

    previous_hook = sys.excepthook
    QTimer.singleShot(300, look_and_quit)
    try:
        code = gui.run(database, demo_gateway=demo)
    finally:
        sys.excepthook = previous_hook
        qInstallMessageHandler(None)
    return code, seen


def test_window_opens_on_a_new_database(qapp: QApplication, isolated_home: Path) -> None:
    code, seen = _run_and_close(qapp, f"sqlite:///{isolated_home / 'new.sqlite3'}", demo=False)
    assert code == 0
    assert seen and (isolated_home / "new.sqlite3").exists()


def test_demo_gateway_serves_the_mailbox(qapp: QApplication, isolated_home: Path) -> None:
    code, seen = _run_and_close(qapp, f"sqlite:///{isolated_home / 'demo.sqlite3'}", demo=True)
    assert code == 0
    status, mailbox = seen
    assert "/mailbox" in status
    assert "Postfach (Demo)" in mailbox
    assert (isolated_home / "data" / "salon-desk" / "demo-gateway.sqlite3").exists()
