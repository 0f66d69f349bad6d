"""The window's start with personal sign-in (issue 12): on, the counter sees the sign-in
screen first; off, the shared sign-in as before, until the salon switches it on at any
counter PC, when the window asks for a PIN instead of refusing everything guarded."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk_app.config.paths import templates_dir
from desk_app.db.engine import Database, create_database_engine
from desk_app.desktop import gui
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import StaffRole
from desk_app.services.container import build_services


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def test_the_window_follows_the_sign_in_switch_from_the_start_and_while_open(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    url = f"sqlite:///{isolated_home / 'salon.sqlite3'}"
    desktop = gui.start_desktop(qapp, url)
    other_pc = Database(create_database_engine(url))
    try:
        qtbot.addWidget(desktop.window)
        desktop.window.show()
        lock = desktop.lock
        assert lock is not None
        # Off: as before, the shared sign-in; the lock key does nothing.
        assert not lock.is_locked() and desktop.ctx.signed_in.actor == SHARED_COUNTER
        assert not desktop.window.action("lock").isEnabled()
        # Switched on at another counter PC (with an owner who has a PIN): this window
        # notices and asks for a PIN, instead of refusing everything guarded.
        services = build_services(other_pc, templates_dir())
        owner = services.catalogue.add_staff("Sabine Müller", StaffRole.OWNER, actor=SHARED_COUNTER)
        services.staff_access.set_pin(SHARED_COUNTER, owner.id, "4711")
        services.catalogue.set_setting("staff_sign_in", "on", actor=SHARED_COUNTER)
        qtbot.waitUntil(lock.is_locked, timeout=10_000)
        window = desktop.window
        assert not window.page(window.current_section()).isVisible()
        screen = lock.screen()
        qtbot.waitUntil(screen.pin_field().isVisible)
        qtbot.keyClicks(screen.pin_field(), "4711")
        qtbot.keyClick(screen.pin_field(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not lock.is_locked(), timeout=20_000)
        assert desktop.ctx.signed_in.actor.name == "Sabine Müller"
        assert window.page(window.current_section()).isVisible()
    finally:
        desktop.close()
        other_pc.dispose()
    # The next start of the window begins at the sign-in screen.
    desktop = gui.start_desktop(qapp, url)
    try:
        qtbot.addWidget(desktop.window)
        assert desktop.lock is not None and desktop.lock.is_locked()
        assert desktop.ctx.signed_in.actor == SHARED_COUNTER
    finally:
        desktop.close()
