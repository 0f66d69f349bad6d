"""``desk-app`` without a command as ``launch.run`` does it: the window's frame is shown
before the database is open (on a thread), the pages are filled in when it is."""

from __future__ import annotations

import gc
import sqlite3
import threading
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QComboBox, QListWidget, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, event

from desk_app import bootstrap
from desk_app.db import migrate
from desk_app.db.engine import create_database_engine
from desk_app.desktop.launch import Launch, report_failure
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import StaffRole
from desk_app.services.booking import BookingRequest
from desk_app.services.changes import ChangeWatch
from desk_app.services.errors import StorageError
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.calendar.day_view import DayView
from desk_app.ui.calendar.first_day_preview import FirstDayPreview
from desk_app.ui.main_window import MainWindow
from desk_app.ui.preferences import LANGUAGE, WINDOW_SECTION
from desk_app.ui.shortcuts import CALENDAR_SHORTCUTS
from tests.services.support import add_customer


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def menu_actions(window: MainWindow) -> list[QAction]:
    return [
        action
        for entry in window.menuBar().actions()
        if (menu := entry.menu()) is not None
        for action in menu.actions()
    ]


def opening_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "opening"]


def test_the_frame_is_shown_first_and_filled_when_the_database_is_open(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    frozen = gc.get_freeze_count()
    launch = Launch(qapp, f"sqlite:///{isolated_home / 'new.sqlite3'}")
    window = launch.frame.window
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(launch.ready, timeout=30_000):
            launch.start()
            # Shown before the database is open: the answer comes through the event loop.
            assert window.isVisible() and not window.is_filled()
            assert launch.desktop is None
            assert window.windowTitle() == "Salon Desk"
            sections = window.findChild(QListWidget, "sections")
            assert sections is not None and sections.count() == 5
            # The calendar's keys are named in the menus, greyed until the grid is there.
            grid_texts = {shortcut.text() for shortcut in CALENDAR_SHORTCUTS}
            stand_ins = [a for a in menu_actions(window) if a.text().split("\t")[0] in grid_texts]
            assert stand_ins and not any(a.isEnabled() for a in stand_ins)
        assert launch.desktop is not None and launch.desktop.window is window
        assert window.is_filled() and window.windowTitle() == "Salon Desk – Salon"
        calendar = window.page("calendar")
        assert isinstance(calendar, CalendarPage)
        # The menus now hold the grid's own actions (a click does what the key does).
        grid_actions = dict(calendar.keyboard_actions())
        assert set(grid_actions.values()) <= set(menu_actions(window))
        # The day loads on the database worker like in any start.
        qtbot.waitUntil(lambda: launch.desktop is not None and launch.desktop.ctx.db_tasks.idle())
        # Only ``launch.run`` freezes what start-up built: a test's windows stay collectable.
        assert gc.get_freeze_count() == frozen
    finally:
        launch.close()
    assert not opening_threads()


def test_the_section_shown_last_time_comes_back_once_filled(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    url = f"sqlite:///{isolated_home / 'salon.sqlite3'}"
    first = Launch(qapp, url)
    qtbot.addWidget(first.frame.window)
    with qtbot.waitSignal(first.ready, timeout=30_000):
        first.start()
    first.frame.window.show_section("outbox")
    first.frame.window.close()  # remembers the section
    first.close()
    assert WINDOW_SECTION.read(first.frame.settings) == "outbox"

    again = Launch(qapp, url)
    window: MainWindow = again.frame.window
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(again.ready, timeout=30_000):
            again.start()
            assert window.current_section() == "calendar"  # the frame: nothing to show yet
        assert window.current_section() == "outbox"
    finally:
        again.close()


def test_a_section_chosen_while_the_database_opens_stays_chosen(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    launch = Launch(qapp, f"sqlite:///{isolated_home / 'salon.sqlite3'}")
    WINDOW_SECTION.write(launch.frame.settings, "outbox")  # where the last day ended
    window = launch.frame.window
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(launch.ready, timeout=30_000):
            launch.start()
            window.show_section("customers")  # before the answer is delivered
        assert window.current_section() == "customers"
        assert window.page("customers").isVisible()
    finally:
        launch.close()


def test_an_unusable_database_is_reported_and_nothing_is_filled(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    damaged = isolated_home / "damaged.sqlite3"
    damaged.write_bytes(b"this is not a database, " * 400)
    launch = Launch(qapp, f"sqlite:///{damaged}")
    qtbot.addWidget(launch.frame.window)
    with qtbot.waitSignal(launch.failed, timeout=30_000) as blocker:
        launch.start()
    assert isinstance(blocker.args[0], StorageError)
    assert launch.desktop is None and not launch.frame.window.is_filled()
    launch.close()
    assert not opening_threads()


def test_a_window_closed_while_the_database_opens_is_not_filled_and_forgets_nothing(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watches: list[ChangeWatch] = []
    open_watch = bootstrap.open_change_watch
    monkeypatch.setattr(
        bootstrap, "open_change_watch", lambda s: watches.append(open_watch(s)) or watches[-1]
    )
    launch = Launch(qapp, f"sqlite:///{isolated_home / 'new.sqlite3'}")
    WINDOW_SECTION.write(launch.frame.settings, "outbox")
    qtbot.addWidget(launch.frame.window)
    launch.start()
    launch.frame.window.close()  # before the answer could be delivered
    qtbot.waitUntil(lambda: not opening_threads(), timeout=30_000)
    qapp.processEvents()  # the answer arrives: a closed window is left alone
    assert launch.desktop is None and not launch.frame.window.is_filled()
    # The frame showed the calendar; the section the receptionist left is still the one.
    assert WINDOW_SECTION.read(launch.frame.settings) == "outbox"
    launch.close()  # closes what was opened meanwhile
    assert len(watches) == 1
    with pytest.raises(sqlite3.ProgrammingError):  # the change feed's connection is closed
        watches[0].poll()


def test_the_gui_thread_waits_on_no_database_while_the_window_starts(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    """The opening thread and the database worker read the database; the GUI thread only
    builds widgets (a query on it would freeze the shown frame, or the filled window)."""
    threads: list[str] = []

    def on_execute(*_args: object) -> None:
        threads.append(threading.current_thread().name)

    event.listen(Engine, "before_cursor_execute", on_execute)
    launch = Launch(qapp, f"sqlite:///{isolated_home / 'salon.sqlite3'}")
    qtbot.addWidget(launch.frame.window)
    try:
        with qtbot.waitSignal(launch.ready, timeout=30_000):
            launch.start()
        assert launch.desktop is not None
        qtbot.waitUntil(launch.desktop.ctx.db_tasks.idle)
    finally:
        event.remove(Engine, "before_cursor_execute", on_execute)
        launch.close()
    assert "opening" in threads and any(name.startswith("db") for name in threads)
    assert threading.main_thread().name not in threads


def test_an_old_database_is_upgraded_at_start_and_today_shows_its_appointments(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    """The start checks the schema with a cheap query; a file the previous version left
    is still backed up and upgraded (on the opening thread), and the day is today's."""
    path = isolated_home / "salon.sqlite3"
    url = f"sqlite:///{path}"
    services = bootstrap.open_services(url)
    try:
        stylist = services.catalogue.add_staff("Jörg Weiß", StaffRole.STYLIST, actor=SHARED_COUNTER)
        cut = services.catalogue.add_treatment("Damenhaarschnitt", 45, 4900)
        anna = add_customer(services)
        zone = ZoneInfo(services.catalogue.salon_settings().time_zone)
        today = datetime.now(zone).date()
        noon = datetime.combine(today, time(12), zone)
        services.booking.book(BookingRequest(anna.id, stylist.id, cut.id, noon))
    finally:
        services.db.dispose()
    engine = create_database_engine(url)
    try:
        migrate.downgrade(engine, "0012")  # as the previous version left the file
        assert migrate.needs_upgrade(engine)
        launch = Launch(qapp, url)
        qtbot.addWidget(launch.frame.window)
        try:
            with qtbot.waitSignal(launch.ready, timeout=30_000):
                launch.start()
            assert launch.first_day is None  # no day read ahead of the backup and upgrade
            calendar = launch.frame.window.page("calendar")
            assert isinstance(calendar, CalendarPage)
            qtbot.waitUntil(lambda: calendar.day_view().plan() is not None, timeout=30_000)
            plan = calendar.day_view().plan()
            assert plan is not None and plan.day == today
            shown = [(a.customer_name, a.starts_at) for c in plan.columns for a in c.appointments]
            assert shown == [("Anna Müller", noon)]
        finally:
            launch.close()
        assert not migrate.needs_upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()
    assert len(list(isolated_home.glob("salon.before-upgrade-*.sqlite3"))) == 1


def test_today_is_shown_before_the_database_is_open_and_the_calendar_takes_it_over(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    """On a SQLite file at the current schema the frame shows today's day (read with
    plain sqlite3) before the pages are in; the calendar page shows that same day at
    once and keeps it when its own load brings the same."""
    url = f"sqlite:///{isolated_home / 'salon.sqlite3'}"
    services = bootstrap.open_services(url)
    try:
        stylist = services.catalogue.add_staff("Jörg Weiß", StaffRole.STYLIST, actor=SHARED_COUNTER)
        cut = services.catalogue.add_treatment("Damenhaarschnitt", 45, 4900)
        anna = add_customer(services)
        zone = ZoneInfo(services.catalogue.salon_settings().time_zone)
        today = datetime.now(zone).date()
        noon = datetime.combine(today, time(12), zone)
        services.booking.book(BookingRequest(anna.id, stylist.id, cut.id, noon))
    finally:
        services.db.dispose()
    launch = Launch(qapp, url)
    window = launch.frame.window
    qtbot.addWidget(window)
    seen: list[tuple[str, object]] = []

    views: list[DayView] = []

    def on_first_day_shown() -> None:
        preview = window.findChild(FirstDayPreview)
        seen.append(("first day", window.is_filled() or preview is None or preview.plan()))
        views.extend(preview.findChildren(DayView) if preview is not None else [])

    launch.first_day_shown.connect(on_first_day_shown)
    launch.ready.connect(lambda: seen.append(("ready", window.is_filled())))
    try:
        with qtbot.waitSignal(launch.ready, timeout=30_000):
            launch.start()
        first = launch.first_day
        assert first is not None and first.plan.day == today
        assert seen == [("first day", first.plan), ("ready", True)]
        shown = [(a.customer_name, a.starts_at) for c in first.plan.columns for a in c.appointments]
        assert shown == [("Anna Müller", noon)]
        calendar = window.page("calendar")
        assert isinstance(calendar, CalendarPage)
        assert calendar.day_view().plan() is first.plan  # at once, before its own load
        assert [calendar.day_view()] == views  # the frame's view, not laid out again
        assert calendar.day_view().canvas().is_editable()  # the page's now: drags book
        staff = calendar.findChild(QComboBox, "calendar_staff")
        assert staff is not None and staff.currentText() == "Jörg Weiß"
        with qtbot.waitSignal(calendar.loaded, timeout=30_000):
            pass  # its own load of the day, through the service
        assert calendar.day_view().plan() is first.plan  # the same day: kept as laid out
        # A change at another counter PC is shown as usual afterwards.
        calendar.set_date(today + timedelta(days=1))
        qtbot.waitUntil(lambda: calendar.day_view().plan() is not first.plan, timeout=30_000)
    finally:
        launch.close()


@pytest.mark.parametrize(
    ("url", "told"),
    [
        ("not a database address", "Die Adresse der Datenbank ist ungültig: "),
        ("mysqlx://salon/desk", "Die Adresse der Datenbank ist ungültig: "),
        ("sqlite:////no/such/folder/salon.sqlite3", "Der Datenbankserver ist nicht erreichbar: "),
    ],
)
def test_a_wrong_database_address_is_told_in_the_receptionists_language(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path, url: str, told: str
) -> None:
    """What ``launch.run`` does when the opening fails: a message over the frame in the
    language chosen on this PC, exit code 3 (the database, not a bug)."""
    settings = QSettings()  # this PC's preferences, as the frame reads them
    LANGUAGE.write(settings, "de")
    try:
        launch = Launch(qapp, url)
        qtbot.addWidget(launch.frame.window)
        with qtbot.waitSignal(launch.failed, timeout=30_000) as failure:
            launch.start()
        assert isinstance(failure.args[0], StorageError)
        texts: list[str] = []

        def read_and_confirm() -> None:  # the box is modal: read it as she would, then OK
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                texts.append(box.text())
                box.done(QMessageBox.StandardButton.Ok)
            else:
                QTimer.singleShot(10, read_and_confirm)

        QTimer.singleShot(0, read_and_confirm)
        assert report_failure(launch.frame.window, failure.args[0]) == 3
        assert len(texts) == 1 and texts[0].startswith(told), texts
        assert launch.desktop is None
        launch.close()
    finally:
        settings.remove(LANGUAGE.key)
