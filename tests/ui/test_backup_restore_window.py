"""Backup → change → restore through the real window on a real SQLite file: "Back up now"
in the backup settings, a booking made meanwhile, File ▸ Restore backup …, the check, the
confirmation, and the calendar showing the earlier day again. A damaged backup in the
list is refused with the reason, and nothing is replaced."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desk_app.bootstrap import open_services
from desk_app.desktop import gui
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import StaffRole
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.settings.dialog import SettingsDialog
from desk_app.ui.settings.restore_dialog import RestoreDialog
from desk_app.ui.widgets.backup_warning import BackupWarning


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


def _book(services: Services, first_name: str, hour: int, zone: ZoneInfo) -> None:
    staff = services.catalogue.list_staff()[0]
    cut = services.catalogue.list_treatments()[0]
    customer = services.customers.create(CustomerInput(first_name=first_name, last_name="Test"))
    start = datetime.combine(datetime.now(zone).date(), time(hour, 0), zone)
    services.booking.book(
        BookingRequest(customer.id, staff.id, cut.id, start, override=True, notify=False)
    )


def _select(dialog: RestoreDialog, name: str) -> None:
    row = next(i for i, r in enumerate(dialog._rows) if r.path.name == name)
    dialog.table.selectRow(row)


def test_backup_change_restore_through_the_window(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    url = f"sqlite:///{isolated_home / 'salon.sqlite3'}"
    other_pc = open_services(url)  # set-up and the change come from another counter PC
    other_pc.catalogue.add_staff("Jörg Weiß", StaffRole.STYLIST, actor=SHARED_COUNTER)
    other_pc.catalogue.add_treatment("Herrenhaarschnitt", 30, 2900)
    desktop = gui.start_desktop(qapp, url)
    try:
        window = desktop.window
        qtbot.addWidget(window)
        zone = ZoneInfo(desktop.ctx.time_zone)
        _book(other_pc, "Anna", 10, zone)
        page = window.page("calendar")
        assert isinstance(page, CalendarPage)
        qtbot.waitUntil(lambda: "Anna Test" in _names_on_screen(page), timeout=8000)
        warning = window.findChild(BackupWarning)
        assert warning is not None
        qtbot.waitUntil(lambda: not warning.isHidden())  # no backup yet
        assert warning.text() == "⚠ No backup yet"

        # The warning leads to the backup settings, where the owner backs up by hand.
        warning.click()
        settings = window.findChild(SettingsDialog)
        assert settings is not None
        tab = settings.backups
        assert settings.tabs.currentWidget() is tab
        qtbot.waitUntil(lambda: tab.last.text() != "", timeout=8000)
        assert tab.last.text().startswith("No backup yet in ")
        # The dialog's pages stay disabled until its own load is in too (the tab's came
        # first): a click on a disabled button does nothing (the failure of a loaded CI run).
        qtbot.waitUntil(tab.now_button.isEnabled, timeout=8000)
        # A backup is written, checked (integrity_check) and renamed on a thread of its
        # own: generous on a loaded two-core machine, it is an upper bound, not a figure.
        with qtbot.waitSignal(tab.backed_up, timeout=20_000) as made:
            tab.now_button.click()
        good = Path(made.args[0])
        assert good.parent == isolated_home / "data" / "salon-desk" / "backups"
        assert good.parent.as_posix() == tab.folder.placeholderText()  # the default shown
        qtbot.waitUntil(lambda: tab.last.text().startswith("Last good backup: "), timeout=8000)
        settings.reject()

        _book(other_pc, "Ben", 11, zone)  # the change after the backup
        qtbot.waitUntil(lambda: "Ben Test" in _names_on_screen(page), timeout=8000)
        # A damaged file that looks like a newer backup of the folder.
        damaged = good.with_name("salon-desk-29991231T000000Z-daily.sqlite3")
        damaged.write_bytes(good.read_bytes()[:8192])

        entry = window.findChild(QAction, "restore_backup")
        assert entry is not None and entry.isEnabled()
        entry.trigger()
        dialog = window.findChild(RestoreDialog)
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)
        assert dialog._rows[0].path == damaged  # newest first

        _select(dialog, damaged.name)
        with qtbot.waitSignal(dialog.refused) as refused:
            dialog.restore_button.click()
        assert "is damaged" in refused.args[0] and "Nothing was replaced." in refused.args[0]
        assert dialog.message.text() == refused.args[0]
        assert dialog.confirmation is None  # never asked
        assert {c.first_name for c in other_pc.customers.all()} == {"Anna", "Ben"}
        damaged.unlink()  # (its future time would count as the newest backup below)

        # Another salon's backup (picked as a file): the question says whose it is.
        second_salon = open_services(f"sqlite:///{isolated_home / 'other.sqlite3'}")
        try:
            second_salon.catalogue.set_settings({"salon_name": "Salon Süd"}, actor=SHARED_COUNTER)
            theirs = second_salon.backups.back_up_now(SHARED_COUNTER, isolated_home / "s.db")
        finally:
            second_salon.db.dispose()
        with qtbot.waitSignal(dialog.confirming):
            dialog.check(theirs)
        assert dialog.confirmation is not None
        asked = dialog.confirmation.text()
        assert "not a copy of this database" in asked and "“Salon Süd”" in asked
        dialog.confirmation.button(QMessageBox.StandardButton.Cancel).click()
        assert {c.first_name for c in other_pc.customers.all()} == {"Anna", "Ben"}

        _select(dialog, good.name)
        with qtbot.waitSignal(dialog.confirming):
            dialog.restore_button.click()
        assert dialog.confirmation is not None
        asked = dialog.confirmation.text()
        assert "not a copy" not in asked and good.name in asked
        with qtbot.waitSignal(dialog.restored, timeout=10_000) as restored:
            dialog.confirmation.button(QMessageBox.StandardButton.Yes).click()
        assert restored.args[0].restored == good
        # The window shows the restored database: Anna's day, without Ben.
        qtbot.waitUntil(lambda: "Ben Test" not in _names_on_screen(page), timeout=8000)
        assert "Anna Test" in _names_on_screen(page)
        assert {c.first_name for c in other_pc.customers.all()} == {"Anna"}
        assert "Database restored from" in window.statusBar().currentMessage()
        qtbot.waitUntil(lambda: warning.isHidden())  # a good backup of today is there
    finally:
        desktop.close()
        other_pc.db.dispose()
