"""The hour gutter left of the columns is measured once per font and language (the layout
asks for it for every block), and measured again when either changes."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from desk_app.ui.calendar.grid_layout import TimeGridLayout


def test_the_gutter_follows_the_font_and_the_language(qtbot: QtBot) -> None:
    grid = TimeGridLayout("Europe/Berlin")
    qtbot.addWidget(grid)
    grid.resize(800, 600)
    small = grid.column_span(0)[0]
    assert grid.column_span(0)[0] == small  # asked again: the same

    font = QFont(grid.font())
    font.setPointSizeF(font.pointSizeF() * 3)
    grid.setFont(font)
    large = grid.column_span(0)[0]
    assert large > small

    before = QLocale()
    try:
        # Hours written out with AM/PM are wider than German ones.
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        german = grid.column_span(0)[0]
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        english = grid.column_span(0)[0]
    finally:
        QLocale.setDefault(before)
    assert english > german
