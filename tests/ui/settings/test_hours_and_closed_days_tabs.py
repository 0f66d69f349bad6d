"""The settings' "Working hours" and "Closed days" tabs (issue 14): choosing the federal
state fills in its holidays, a day is opened again or closed, a member gets own hours
and an absence — each saved at once through the services (SQLite; the services are
tested on both backends in tests/services/test_closed_days.py)."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from desk_app.domain.public_holidays import public_holidays
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.container import Services
from desk_app.ui.context import UiContext
from desk_app.ui.settings.dialog import SettingsDialog
from tests.services.support import make_salon

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _shot(widget: object, directory: Path, name: str) -> None:
    """For looking at by eye (not compared; DESK_SHOTS: into that folder instead)."""
    folder = Path(os.environ.get("DESK_SHOTS") or directory)
    widget.grab().save(str(folder / f"{name}.png"))  # type: ignore[attr-defined]


def test_closed_days_and_working_hours_are_edited_in_the_settings(
    qtbot: QtBot, ctx: UiContext, services: Services, alive: list[object], tmp_path: Path
) -> None:
    salon = make_salon(services)
    dialog = SettingsDialog(ctx, lambda _url, _token: None)
    qtbot.addWidget(dialog)
    alive.append(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    dialog.resize(900, 640)
    dialog.show()

    # The federal state: its holidays of this year and the next are filled in.
    closures = dialog.closures
    dialog.tabs.setCurrentWidget(closures)
    closures.state.setCurrentIndex(closures.state.findData("NW"))
    closures.state.activated.emit(closures.state.currentIndex())
    qtbot.waitUntil(lambda: len(closures.rows()) == 22)
    assert closures.message.text() == "22 public holidays added."
    assert services.catalogue.salon_settings().federal_state == "NW"
    _shot(dialog, tmp_path, "settings_closed_days")
    # The salon opens on one of them ...
    closures.table.selectRow(0)
    first = closures.rows()[0]
    closures.remove.click()
    qtbot.waitUntil(lambda: len(closures.rows()) == 21)
    assert first.id not in {c.id for c in services.catalogue.closures()}
    # ... and closes for a week of its own.
    closures.first.setDate(QDate(2031, 7, 7))
    closures.last.setDate(QDate(2031, 7, 11))
    closures.note.setText("Betriebsferien")
    closures.add.click()
    qtbot.waitUntil(lambda: len(closures.rows()) == 22)
    assert (closures.rows()[-1].starts_on, closures.rows()[-1].ends_on) == (
        date(2031, 7, 7),
        date(2031, 7, 11),
    )
    # Filled in again: the day the salon opens on stays open.
    closures.fill.click()
    qtbot.waitUntil(lambda: "No public holidays added" in closures.message.text())
    assert first.starts_on not in {c.starts_on for c in services.catalogue.closures()}
    # The wrong state: Bavaria instead. North Rhine-Westphalia's holidays go, Bavaria's
    # come (but not the day the salon opens on), the week of its own stays.
    closures.state.setCurrentIndex(closures.state.findData("BY"))
    closures.state.activated.emit(closures.state.currentIndex())
    this_year = datetime.now(ZoneInfo(ctx.time_zone)).year
    bavaria = {h.day for y in (this_year, this_year + 1) for h in public_holidays("BY", y)}
    wanted = (bavaria - {first.starts_on}) | {date(2031, 7, 7)}
    qtbot.waitUntil(lambda: {c.starts_on for c in closures.rows()} == wanted)
    assert services.catalogue.salon_settings().federal_state == "BY"
    assert date(this_year, 1, 6) in wanted  # Epiphany: Bavarian, not North Rhine-Westphalian

    # Own hours for the stylist: Mondays from noon.
    hours = dialog.staff_hours
    dialog.tabs.setCurrentWidget(hours)
    with qtbot.waitSignal(hours.loaded):
        hours.member.setCurrentIndex(hours.member.findData(salon.stylist.id))
    hours.own.setChecked(True)
    for day in range(7):
        hours.week.set_day(day, [(time(12), time(18))] if day == 0 else [])
    hours.save.click()
    qtbot.waitUntil(lambda: bool(services.catalogue.staff_hours(salon.stylist.id)))
    assert services.catalogue.staff_hours(salon.stylist.id) == [
        OpeningInterval(0, time(12), time(18))
    ]
    # A lunch break on Tuesdays: "open with a break", per weekday.
    hours.week.set_day(1, [(time(9), time(12, 30)), (time(13, 30), time(18))])
    assert hours.week.modes[1].currentText() == "Open with a break"
    _shot(dialog, tmp_path, "settings_staff_hours_break")
    hours.save.click()
    qtbot.waitUntil(lambda: len(services.catalogue.staff_hours(salon.stylist.id)) == 3)
    assert services.catalogue.staff_hours(salon.stylist.id)[1:] == [
        OpeningInterval(1, time(9), time(12, 30)),
        OpeningInterval(1, time(13, 30), time(18)),
    ]
    # An absence of three days, then removed again.
    zone = ZoneInfo(ctx.time_zone)
    start = datetime.now(zone).date() + timedelta(days=10)
    hours.first.setDate(QDate(start.year, start.month, start.day))
    end = start + timedelta(days=2)
    hours.last.setDate(QDate(end.year, end.month, end.day))
    hours.note.setText("Urlaub")
    hours.add.click()
    qtbot.waitUntil(lambda: len(hours.absences()) == 1)
    [absence] = hours.absences()
    assert absence.starts_at == datetime.combine(start, time(0), zone)
    assert absence.ends_at == datetime.combine(end + timedelta(days=1), time(0), zone)
    assert hours.table.item(0, 2).text() == "Urlaub"
    assert hours.own.isChecked() and hours.week.day_intervals(0) == [(time(12), time(18))]
    _shot(dialog, tmp_path, "settings_working_hours")
    hours.table.selectRow(0)
    hours.remove.click()
    qtbot.waitUntil(lambda: not hours.absences())
    # Back to the opening hours.
    hours.own.setChecked(False)
    hours.save.click()
    qtbot.waitUntil(lambda: not services.catalogue.staff_hours(salon.stylist.id))
