"""The spacing and type scale: distances on a 4-pixel grid, text sizes as factors of the
system's font (so the user's own font size and scaling still decide).

May import: PySide6.QtGui.
"""

from __future__ import annotations

from PySide6.QtGui import QFont

# Spacing (device-independent pixels): between a label and its field, inside a group,
# between groups, around a page.
SPACE_XS = 2
SPACE_S = 4
SPACE_M = 8
SPACE_L = 12
SPACE_XL = 16
SPACE_XXL = 24
RADIUS = 4  # rounded boxes and sidebar items

# Type: factors of the application font's point size.
CAPTION = 0.9  # shortcut hints, small print
BODY = 1.0
SUBTITLE = 1.1
TITLE = 1.25  # a page's title (the calendar's day)
HEADING = 1.5


def scaled(font: QFont, factor: float, *, bold: bool | None = None) -> QFont:
    """``font`` at ``factor`` of its size (one step of the scale), optionally bold."""
    result = QFont(font)
    result.setPointSizeF(font.pointSizeF() * factor)
    if bold is not None:
        result.setBold(bold)
    return result
