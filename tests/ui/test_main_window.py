"""The (still mostly empty) main window: sections, translations, geometry memory."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QListWidget, QTableWidget
from pytestqt.qtbot import QtBot

from desk_app.config.paths import translations_dir
from desk_app.texts import i18n
from desk_app.ui.help_overlay import HelpOverlay
from desk_app.ui.main_window import SECTION_KEYS, MainWindow
from desk_app.ui.shortcuts import CALENDAR_SHORTCUTS, SECTION_SHORTCUTS, SHORTCUTS


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def german(qapp: QApplication) -> object:
    if not (translations_dir() / "desk_app_de.qm").exists():
        pytest.fail("translations not compiled: run scripts/translations.py compile")
    i18n.install_translators(qapp, "de", translations_dir())
    yield
    i18n.install_translators(qapp, "en", translations_dir())


def test_switching_sections_emits_the_section_key(qtbot: QtBot, settings: QSettings) -> None:
    window = MainWindow("Haarwerk Müller", settings)
    qtbot.addWidget(window)
    sections = window.findChild(QListWidget, "sections")
    assert sections is not None and sections.count() == len(SECTION_KEYS)
    with qtbot.waitSignal(window.section_changed) as blocker:
        sections.setCurrentRow(3)
    assert blocker.args == ["outbox"]
    assert window.current_section() == "outbox"


@pytest.mark.usefixtures("german")
def test_german_texts_and_title(qtbot: QtBot, settings: QSettings, tmp_path: Path) -> None:
    window = MainWindow("Haarwerk Müller", settings)
    qtbot.addWidget(window)
    sections = window.findChild(QListWidget, "sections")
    assert sections is not None
    assert [sections.item(i).text() for i in range(sections.count())] == [
        "Kalender",
        "Kunden",
        "Marketing",
        "Postausgang",
        "Online-Anfragen",
    ]
    assert window.windowTitle() == "Salon Desk – Haarwerk Müller"
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    shot = tmp_path / "main-window.png"
    assert window.grab().save(str(shot))
    assert shot.stat().st_size > 1000


def test_window_geometry_is_remembered(qtbot: QtBot, settings: QSettings) -> None:
    first = MainWindow("Salon", settings)
    qtbot.addWidget(first)
    first.resize(1200, 700)
    first.show()
    qtbot.waitExposed(first)
    first.close()
    second = MainWindow("Salon", settings)
    qtbot.addWidget(second)
    assert second.size().width() == 1200
    assert second.size().height() == 700


@pytest.mark.usefixtures("german")
def test_error_texts_are_german() -> None:
    from desk_app.domain.errors import ConsentNotAgreed
    from desk_app.texts.error_text import describe

    text = describe(ConsentNotAgreed())
    assert text.startswith("Die Einwilligung wurde nicht erfasst")
    assert QCoreApplication.translate("Cli", "Error: {message}") == "Fehler: {message}"


@pytest.mark.usefixtures("german")
def test_a_section_shows_how_many_things_wait(qtbot: QtBot, settings: QSettings) -> None:
    window = MainWindow("Salon", settings)
    qtbot.addWidget(window)
    sections = window.findChild(QListWidget, "sections")
    assert sections is not None
    window.set_section_count("online", 3)
    item = sections.item(SECTION_KEYS.index("online"))
    assert (item.text(), item.font().bold()) == ("Online-Anfragen (3)", True)
    window.set_section_count("online", 0)
    assert (item.text(), item.font().bold()) == ("Online-Anfragen", False)
    window.action("online").trigger()  # Strg+5
    assert window.current_section() == "online"


def test_f1_lists_the_sections_own_keys_too(qtbot: QtBot, settings: QSettings) -> None:
    window = MainWindow("Salon", settings)
    qtbot.addWidget(window)
    overlay = HelpOverlay(window)  # what F1 opens
    table = overlay.findChild(QTableWidget, "shortcut_table")
    assert table is not None
    assert table.rowCount() == len(SHORTCUTS) + len(CALENDAR_SHORTCUTS) + len(SECTION_SHORTCUTS)
    texts = {
        table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())
    }
    assert texts["Online requests: book the selected request"] == "Return"
    assert texts["Online requests: refuse the selected request"] == "Del"
    assert texts["Show online requests"] == "Ctrl+5"
    # Enter and Del stay the widgets' own everywhere else: the window binds neither.
    bound = {seq.toString() for action in window.actions() for seq in action.shortcuts()}
    assert not bound & {"Return", "Enter", "Del"}
