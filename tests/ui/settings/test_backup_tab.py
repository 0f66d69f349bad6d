"""The "Backups" settings tab: the folder and the keep counts saved at once, "Back up now"
writing into the folder typed, and the last backup's time shown; a folder that cannot be
written is said in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk_app.services.container import Services
from desk_app.ui.context import UiContext
from desk_app.ui.settings.backup_tab import BackupTab

WAIT = 5000


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_folder_and_counts_are_saved_and_back_up_now_uses_them(
    qtbot: QtBot, ctx: UiContext, services: Services, tmp_path: Path
) -> None:
    tab = BackupTab(ctx)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        tab.show()
    assert tab.folder.text() == ""  # the default, shown as the placeholder
    assert [tab.spins[k].value() for k in tab.spins] == [7, 4, 2]

    # Pasted with a line separator in it: refused in words, nothing stored.
    tab.folder.setFocus()
    tab.folder.setText("/srv/\u2028x")
    tab.folder.textEdited.emit("/srv/\u2028x")
    QApplication.sendEvent(tab.folder, _enter())
    qtbot.waitUntil(lambda: "invisible or control character" in tab.message.text(), timeout=WAIT)
    assert services.catalogue.stored_settings().get("backup_folder", "") == ""

    folder = tmp_path / "usb stick" / "salon"
    folder.parent.mkdir()  # the stick is plugged in; its folder for the salon is made
    with qtbot.waitSignal(tab.saved, timeout=WAIT):
        tab.folder.setText(str(folder))
        tab.folder.textEdited.emit(str(folder))
        QApplication.sendEvent(tab.folder, _enter())
    with qtbot.waitSignal(tab.saved, timeout=WAIT):
        tab.spins["backup_keep_daily"].setValue(14)
    stored = services.catalogue.stored_settings()
    assert (stored["backup_folder"], stored["backup_keep_daily"]) == (str(folder), "14")

    with qtbot.waitSignal(tab.backed_up, timeout=WAIT) as made:
        tab.now_button.click()
    assert Path(made.args[0]).parent == folder
    assert tab.message.text() == f"Backup written to {made.args[0]}."
    qtbot.waitUntil(lambda: tab.last.text().startswith("Last good backup: "), timeout=WAIT)

    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    services.catalogue.set_settings({"backup_folder": str(blocked)}, actor=ctx.signed_in.actor)
    tab.back_up_now()
    qtbot.waitUntil(lambda: not tab.now_button.isEnabled(), timeout=WAIT)
    qtbot.waitUntil(lambda: tab.now_button.isEnabled(), timeout=WAIT)
    assert tab.message.text().startswith(f"The backup could not be written to {blocked} (")


def _enter() -> object:
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
