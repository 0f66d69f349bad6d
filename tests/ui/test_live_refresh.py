"""A booking made on another counter PC shows up in the open window without a restart."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk_app.bootstrap import open_services
from desk_app.desktop import gui
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import StaffRole
from desk_app.services.booking import BookingRequest
from desk_app.services.rows import CustomerInput
from desk_app.ui.calendar.calendar_page import CalendarPage


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def _names_on_screen(page: CalendarPage) -> set[str]:
    plan = page.day_view().plan()
    if plan is None:
        return set()
    return {a.customer_name for column in plan.columns for a in column.appointments}


def test_another_pcs_booking_appears_within_seconds(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    url = f"sqlite:///{isolated_home / 'shared.sqlite3'}"
    other_pc = open_services(url)  # the second counter PC, with its own connections
    stylist = other_pc.catalogue.add_staff("Jörg Weiß", StaffRole.STYLIST, actor=SHARED_COUNTER)
    cut = other_pc.catalogue.add_treatment("Herrenhaarschnitt", 30, 2900)
    anna = other_pc.customers.create(CustomerInput(first_name="Anna", last_name="Müller"))

    desktop = gui.start_desktop(qapp, url)
    try:
        qtbot.addWidget(desktop.window)
        desktop.window.show_section("calendar")
        page = desktop.window.page("calendar")
        assert isinstance(page, CalendarPage)
        qtbot.waitUntil(lambda: page.day_view().plan() is not None)
        assert "Anna Müller" not in _names_on_screen(page)

        zone = ZoneInfo(desktop.ctx.time_zone)
        today = datetime.now(zone).date()
        start = datetime.combine(today, time(10, 0), zone)
        other_pc.booking.book(
            BookingRequest(anna.id, stylist.id, cut.id, start, override=True, notify=False)
        )
        # Nobody touches this window: the change poll must notice and redraw.
        qtbot.waitUntil(lambda: "Anna Müller" in _names_on_screen(page), timeout=8000)
        assert page.day_view().plan().day == start.date()  # type: ignore[union-attr]
        assert start + timedelta(minutes=30) == next(
            a.ends_at
            for c in page.day_view().plan().columns
            for a in c.appointments  # type: ignore[union-attr]
        )
    finally:
        desktop.close()
        other_pc.db.dispose()
