"""The few colours that carry a meaning, named once for every screen.

Text colours are dark enough to read on the light window background; mark colours
are strong fills that carry white glyphs or stand alone as dots and borders. Anything
else (lines, closed time, selection) comes from the widget's QPalette so that dark
mode keeps working.

May import: nothing (plain strings, usable in style sheets and ``QColor(...)``).
"""

from __future__ import annotations

# Text: a refusal or failure, a caution, a confirmation.
ERROR = "#b3261e"
WARNING = "#8a5300"
SUCCESS = "#1b6e35"
MUTED = "#555555"  # secondary lines inside rich text and printed documents (no QPalette there)
LINK = "#1a5fb4"  # a link-like placeholder inside rich text

# Strong fills: status marks, connection dots, the no-show border.
MARK_GOOD = "#2e7d32"
MARK_BAD = "#c62828"
MARK_INFO = "#1565c0"
MARK_OFF = "#616161"  # cancelled, history
MARK_IDLE = "#9e9e9e"  # nothing known yet; also a service without a colour
MARK_WARN = "#e08600"  # works, but something in it fails
MARK_ONLINE = "#6a1b9a"  # booked by the customer on the salon's website (outline and text)

# The one accent of the salon's own charts and bars.
ACCENT = "#0072b2"
# Chart series after the accent: colour-blind-friendly hues (Okabe–Ito), neighbours
# differing in lightness.
CHART_HUES = (ACCENT, "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442")

# The calendar: the current time (a line, brighter than the error red) and the text on
# a light treatment colour.
NOW_LINE = "#e53935"
TEXT_ON_LIGHT = "#1a1a1a"
# Printed day list: cancelled rows and table rules (paper has no QPalette).
STRUCK = "#888888"
RULE = "#999999"

# The salon's colours for treatments and staff: light, so calendar blocks carry dark text.
SALON_COLOURS = {
    "rose": "#e8a0b4",
    "pink": "#f7b6d2",
    "lilac": "#d4a6e0",
    "light_blue": "#9ecae1",
    "steel_blue": "#b0c4de",
    "mint": "#c7e9c0",
    "light_yellow": "#fdd49e",
    "apricot": "#f4c28f",
    "grey": "#7f8c8d",
}

# Boxes that must be noticed: a hint that asks for care, a message that says no.
WARNING_BOX = (
    "QLabel { background: #fff3cd; color: #664d03; border: 1px solid #e0b84c;"
    " border-radius: 3px; padding: 4px; }"
)
ERROR_BOX = (
    "QLabel { background: #fdecea; color: #8a1c1c; border: 1px solid #f1a9a0;"
    " border-radius: 3px; padding: 5px; }"
)


def text_style(colour: str) -> str:
    """The style sheet for coloured text (e.g. ``label.setStyleSheet(text_style(ERROR))``)."""
    return f"color: {colour};"
