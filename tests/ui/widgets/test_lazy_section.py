"""Sections built when first opened: nothing loads for a section nobody opened, and the
first opening loads once (the page's own first load, no second refresh on top)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from desk_app.ui.main_window import MainWindow, WindowParts
from desk_app.ui.widgets.lazy_section import LazySection


class _Page(QLabel):
    """Counts how it is built and loaded, like a page whose constructor loads."""

    built = 0

    def __init__(self) -> None:
        super().__init__("page")
        type(self).built += 1
        self.loads = 1

    def refresh(self) -> None:
        self.loads += 1


class _Calendar(_Page):
    built = 0


class _Marketing(_Page):
    built = 0


def test_a_section_is_built_when_first_shown_and_loaded_once(qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    calendar = _Calendar()
    window = MainWindow(
        "Salon",
        settings,
        WindowParts(pages={"calendar": calendar, "marketing": LazySection(_Marketing)}),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert calendar.loads == 1  # built and loaded; the window does not load it again
    assert _Marketing.built == 0  # not opened: not built, nothing loaded

    sections = window.findChild(QListWidget, "sections")
    assert sections is not None
    sections.setCurrentRow(2)  # marketing
    page = window.page("marketing")
    assert isinstance(page, _Marketing) and page.isVisible()
    assert _Marketing.built == 1 and page.loads == 1

    sections.setCurrentRow(0)
    sections.setCurrentRow(2)  # shown again: reloaded, not rebuilt
    assert _Marketing.built == 1 and page.loads == 2


def test_asking_for_the_page_builds_it(qtbot: QtBot) -> None:
    section = LazySection(_Page)
    qtbot.addWidget(section)
    assert not section.is_built()
    page = section.content()
    assert isinstance(page, QWidget) and section.content() is page
    assert section.is_built() and page.parent() is section


def test_a_section_shown_without_a_refresh_builds_itself(qtbot: QtBot) -> None:
    section = LazySection(_Page)
    qtbot.addWidget(section)
    section.show()
    qtbot.waitUntil(section.is_built)
    assert section.content().isVisible() and section.content().loads == 1
