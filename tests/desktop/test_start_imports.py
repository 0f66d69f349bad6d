"""What opening the database for the window imports: the calendar's services, not the
whole product (the audience, campaigns, templates, the online intake, the PostgreSQL
dialect on SQLite). Each service is built on first use, once."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from desk_app.services import container
from desk_app.services.container import Services, UseCases

ROOT = Path(__file__).resolve().parents[2]
NOT_AT_START = (
    "jinja2",
    "desk_app.services.audience",
    "desk_app.services.campaigns",
    "desk_app.services.online_intake",
    "desk_app.services.sync",
    "sqlalchemy.dialects.postgresql",
    "requests",
)
# Also not when the window is up with its first day, outbox counts and online requests:
# the screens and helpers only a receptionist's action needs.
NOT_BEFORE_IDLE = (
    *NOT_AT_START,
    "babel",
    "keyring",
    "desk_app.gateway.client",
    "desk_app.services.booking",
    "desk_app.ui.settings.dialog",
    "desk_app.ui.audit.audit_view",
    "desk_app.ui.calendar.print_day",
    "desk_app.ui.calendar.booking_dialog",
    "desk_app.ui.customers.customers_page",
    "desk_app.ui.marketing.marketing_page",
    "PySide6.QtPrintSupport",
)

_PROBE = """
import json, sys
from desk_app.desktop.opening import open_database
opened = open_database(sys.argv[1])
opened.services.calendar.day(__import__("datetime").date(2026, 3, 2), opened.salon.time_zone)
opened.close()
print(json.dumps(sorted(sys.modules)))
"""


def test_opening_the_database_for_the_window_imports_only_what_the_day_needs(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'salon.sqlite3'}"
    for _ in range(2):  # the first run creates the file (and imports Alembic for it)
        done = subprocess.run(
            [sys.executable, "-c", _PROBE, url], capture_output=True, text=True, cwd=ROOT
        )
        assert done.returncode == 0, done.stderr
    imported = set(json.loads(done.stdout))
    assert "desk_app.services.calendar_view" in imported
    assert not imported & set(NOT_AT_START)


_WINDOW_PROBE = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
from desk_app.desktop.launch import Launch
app = QApplication(sys.argv[:1])
launch = Launch(app, sys.argv[1])
shown = []
launch.ready.connect(lambda: launch.desktop.window.page("calendar").loaded.connect(
    lambda: shown.append(True)))
launch.start()
while not (shown and launch.desktop.ctx.db_tasks.idle()):
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 10)
imported = sorted(sys.modules)
launch.close()
print(json.dumps(imported))
"""


def test_the_window_up_with_its_first_day_has_imported_only_what_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    url = f"sqlite:///{tmp_path / 'salon.sqlite3'}"
    for _ in range(2):  # the first run creates the file
        done = subprocess.run(
            [sys.executable, "-c", _WINDOW_PROBE, url], capture_output=True, text=True, cwd=ROOT
        )
        assert done.returncode == 0, done.stderr
    imported = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "desk_app.ui.calendar.calendar_page" in imported
    assert not imported & set(NOT_BEFORE_IDLE)


def test_a_service_is_built_once_and_shared_with_the_use_cases(services: Services) -> None:
    assert services.customers is services.customers
    use_cases = services.use_cases()
    assert use_cases.customers is services.customers
    assert use_cases.campaign_tests is services.campaign_tests
    assert not hasattr(use_cases, "db")  # the screens' view has no Database
    # A service another one is built on is the same object as the one the screens get.
    assert use_cases.campaign_tests._campaigns is services.campaigns
    assert services.booking._templates is services.online_booking._templates
    assert services.booking._templates is services.automations._templates


def test_every_service_is_built_once_when_threads_ask_together(services: Services) -> None:
    names = [n for n, v in vars(UseCases).items() if isinstance(v, container._Service)]
    # Found by their descriptor (a count would have to change with every new service).
    assert {"calendar", "booking", "campaigns", "audience", "staff_access", "audit"} <= set(names)
    start = threading.Barrier(4)

    def build_all() -> list[object]:
        start.wait()
        return [getattr(services, name) for name in names]

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: build_all(), range(4)))
    for built in zip(*answers, strict=True):
        assert all(service is built[0] for service in built)
