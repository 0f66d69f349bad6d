"""The app's icons: glyphs of the Material Design Icons font that QtAwesome ships (its
font file and name map, found in its package folder), painted in the theme's colours at
the moment they are painted, so they follow a switch between light and dark.

QtAwesome's own Python side is not used: importing it (and QtPy, which star-imports
QtCore, QtGui and QtWidgets) costs about 0.1 s of the start before the window can be
painted, and its icons keep the colour they were made with. Painting a glyph centred in
a rectangle is all the app needs of it.

Needs a QGuiApplication (the font is loaded into it on the first icon).

May import: PySide6.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

log = logging.getLogger(__name__)

FONT_FILE = "materialdesignicons6-webfont-6.9.96.ttf"
CHARMAP_FILE = "materialdesignicons6-webfont-charmap-6.9.96.json"
GLYPH_SHARE = 0.875  # of the icon's height: a glyph has bearings (QtAwesome's measure)

# What the app shows → the glyph's name in the font.
GLYPHS = {
    # The sections.
    "calendar": "calendar-month-outline",
    "customers": "account-group-outline",
    "marketing": "bullhorn-outline",
    "outbox": "email-fast-outline",
    "online": "web",
    # The actions.
    "new_booking": "calendar-plus",
    "find_customer": "account-search-outline",
    "today": "calendar-today",
    "previous_day": "chevron-left",
    "next_day": "chevron-right",
    "undo": "undo",
    "redo": "redo",
    "print": "printer-outline",
    "sync": "sync",
    "settings": "cog-outline",
    "audit_log": "history",
    "lock": "lock-outline",
    "help": "help-circle-outline",
    "quit": "exit-to-app",
    "menu_bar": "menu",
    "day": "view-day-outline",
    "week": "view-week-outline",
}


def icon(name: str, *, accent: bool = False) -> QIcon:
    """The icon ``name`` (a key of ``GLYPHS``) in the text colour of the palette in use
    (``accent``: the accent's); a null icon if the font is missing (logged once)."""
    if QGuiApplication.instance() is None:  # the font could not be loaded, for good
        raise RuntimeError("icons are made once a QGuiApplication exists")
    font = _font()
    if font is None:
        return QIcon()
    family, charmap = font
    return QIcon(GlyphEngine(chr(charmap[GLYPHS[name]]), family, accent))


def available() -> bool:
    """Whether the icon font could be loaded (the self-test asks)."""
    return _font() is not None


class GlyphEngine(QIconEngine):
    """Paints one glyph; the colour is read from the application's palette when painted."""

    def __init__(self, glyph: str, family: str, accent: bool) -> None:
        super().__init__()
        self._glyph, self._family, self._accent = glyph, family, accent

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        font = QFont(self._family)
        font.setPixelSize(max(1, round(GLYPH_SHARE * min(rect.width(), rect.height()))))
        painter.save()
        painter.setFont(font)
        painter.setPen(self._colour(mode, state))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._glyph)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(self._glyph, self._family, self._accent)

    def _colour(self, mode: QIcon.Mode, state: QIcon.State) -> QColor:
        palette = QGuiApplication.palette()
        role = QPalette.ColorRole
        if mode == QIcon.Mode.Disabled:
            return palette.color(QPalette.ColorGroup.Disabled, role.ButtonText)
        # Selected in a list, or a checked button (drawn on the highlight: Tone.TOGGLE).
        if mode == QIcon.Mode.Selected or state == QIcon.State.On:
            return palette.color(role.HighlightedText)
        return palette.color(role.Accent if self._accent else role.ButtonText)


def fonts_folder() -> Path | None:
    """QtAwesome's font folder, found without importing it (see the module's docstring).
    In the bundle it is a plain folder beside the program (a namespace package then)."""
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def _font() -> tuple[str, dict[str, int]] | None:
    folder = fonts_folder()
    try:
        if folder is None:
            raise FileNotFoundError("the qtawesome package is not installed")
        charmap = json.loads((folder / CHARMAP_FILE).read_text(encoding="utf-8"))
        font_id = QFontDatabase.addApplicationFont(str(folder / FONT_FILE))
        if font_id < 0:
            raise OSError(f"Qt could not load {folder / FONT_FILE}")
    except (OSError, ValueError):
        log.warning("no icons: the icon font is missing", exc_info=True)
        return None
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return family, {name: int(code, 16) for name, code in charmap.items() if name in _WANTED}


_WANTED = frozenset(GLYPHS.values())
