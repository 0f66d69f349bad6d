"""The real window as ``desk-app`` builds it (``gui.start_desktop``), on a fresh database
of the test's backend holding the demo salon (300 customers, German), plus a ``Typist``
whose key counts are printed after each scenario.

On SQLite the demo is filled once per session and each test gets a copy of the file."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk_app.bootstrap import open_services
from desk_app.config.paths import translations_dir
from desk_app.desktop import gui
from desk_app.desktop.gui import Desktop
from desk_app.services.container import Services
from desk_app.services.demo import OPENING, TIME_ZONE
from desk_app.texts import i18n
from tests import databases
from tests.ui.keyboard.typist import Typist

ZONE = ZoneInfo(TIME_ZONE)
DEMO_CUSTOMERS = 300  # the demo's size, as the issue tried it


@dataclass
class Counter:
    desktop: Desktop
    services: Services  # the test's own look at the database

    def today(self) -> date:
        return datetime.now(ZONE).date()

    def next_open_day(self) -> date:
        """The first day after today the salon opens (Sunday is closed)."""
        day = self.today() + timedelta(days=1)
        while not any(o.weekday == day.weekday() for o in OPENING):
            day += timedelta(days=1)
        return day

    def clear(self, staff_name: str, day: date, start: time, minutes: int) -> None:
        """Make sure the slot is free: the demo books this week at random."""
        begin = datetime.combine(day, start, ZONE)
        for row in self.services.booking.between(begin, begin + timedelta(minutes=minutes)):
            if row.staff_name == staff_name:
                self.services.booking.cancel(row.id)


def _fill_demo(url: str) -> None:
    services = open_services(url)
    try:
        services.demo.fill(customers=DEMO_CUSTOMERS)
    finally:
        services.db.dispose()


@pytest.fixture(scope="session")
def demo_sqlite(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copy(sqlite_template, path)
    _fill_demo(f"sqlite:///{path}")
    return path


@pytest.fixture
def demo_url(
    backend: str, tmp_path: Path, demo_sqlite: Path, postgres_template: str | None
) -> Iterator[str]:
    with databases.fresh_database(backend, "desk", tmp_path, demo_sqlite, postgres_template) as url:
        if backend != "sqlite":
            _fill_demo(url)
        yield url


@pytest.fixture
def counter(
    qapp: QApplication,
    qtbot: QtBot,
    demo_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Counter]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("DESK_APP_LANGUAGE", "de")  # the receptionist's window
    services = open_services(demo_url)
    desktop = gui.start_desktop(qapp, demo_url)
    try:
        qtbot.addWidget(desktop.window)
        desktop.window.show()
        qtbot.waitExposed(desktop.window)
        desktop.window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is desktop.window)
        yield Counter(desktop, services)
    finally:
        desktop.window.close()
        desktop.close()
        services.db.dispose()
        # The window installed German; whatever runs next in this process starts English.
        i18n.install_translators(qapp, "en", translations_dir())


@pytest.fixture
def typist(
    qtbot: QtBot, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> Iterator[Typist]:
    hands = Typist(qtbot, request.node.name)
    yield hands
    with capsys.disabled():
        print("\n" + hands.report())
