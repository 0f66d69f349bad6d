"""Every colour of the app, once: a light and a dark scheme of the same names, and the
colours that are the same in both (the salon's treatment and staff colours, strong
marks, chart hues).

One accent (selection, focus, the first chart series, active icons), one error red, one
warning amber, one success green. Text colours reach 4.5:1 against their scheme's
window and base (tests/ui/style checks it).

May import: nothing (plain strings, usable in style sheets and ``QColor(...)``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scheme:
    """The colours that differ between light and dark."""

    dark: bool
    # Surfaces and text (become the QPalette).
    window: str
    base: str  # lists, tables, fields
    alternate_base: str
    button: str
    text: str
    muted: str  # secondary text, hints, placeholder
    mid: str  # lines, frames
    highlight: str  # the accent as a selection
    highlighted_text: str
    tooltip_base: str
    tooltip_text: str
    # The one accent (charts, links, active icons) and the meanings as text.
    accent: str
    link: str
    error: str
    warning: str
    success: str
    # Boxes that must be noticed: (background, text, border).
    error_box: tuple[str, str, str]
    warning_box: tuple[str, str, str]
    caution_box: tuple[str, str, str]  # calmer than a warning (a customer's no-shows)
    # The navigation sidebar.
    sidebar: str
    sidebar_hover: str


LIGHT = Scheme(
    dark=False,
    window="#f4f3f1",
    base="#ffffff",
    alternate_base="#f8f6f3",
    button="#ecebe8",
    text="#1e1e1e",
    muted="#5f5f66",
    mid="#c4c1bb",
    highlight="#1f6f78",
    highlighted_text="#ffffff",
    tooltip_base="#fffef5",
    tooltip_text="#1e1e1e",
    accent="#1f6f78",
    link="#1a5fb4",
    error="#b3261e",
    warning="#8a5300",
    success="#1b6e35",
    error_box=("#fdecea", "#8a1c1c", "#f1a9a0"),
    warning_box=("#fff3cd", "#664d03", "#e0b84c"),
    caution_box=("#fff8e6", "#5c4300", "#ecd9a6"),
    sidebar="#e9e7e3",
    sidebar_hover="#dcdad5",
)

DARK = Scheme(
    dark=True,
    window="#1f2023",
    base="#28292d",
    alternate_base="#2e2f33",
    button="#333438",
    text="#e8e8e8",
    muted="#a6a6ad",
    mid="#4d4e54",
    highlight="#2a7f89",
    highlighted_text="#ffffff",
    tooltip_base="#333438",
    tooltip_text="#e8e8e8",
    accent="#5cb8c3",
    link="#8ab4f8",
    error="#ff8a80",
    warning="#f2b860",
    success="#7fcf96",
    error_box=("#3d2020", "#ffb4ab", "#7d3b36"),
    warning_box=("#3a3012", "#ffd98a", "#7a6224"),
    caution_box=("#35301f", "#f0dca0", "#6b5d35"),
    sidebar="#18191b",
    sidebar_hover="#2c2d31",
)

# ---- the same in both schemes ------------------------------------------------------------
# Strong fills: status marks, connection dots, the no-show border (they carry white
# glyphs, so they read on light and dark alike).
MARK_GOOD = "#2e7d32"
MARK_BAD = "#c62828"
MARK_INFO = "#1565c0"
MARK_OFF = "#616161"  # cancelled, history
MARK_IDLE = "#9e9e9e"  # nothing known yet; also a service without a colour
MARK_WARN = "#e08600"  # works, but something in it fails
MARK_ONLINE = "#6a1b9a"  # booked by the customer on the salon's website (outline and text)

# Chart series after the accent: colour-blind-friendly hues (Okabe–Ito), neighbours
# differing in lightness; readable on both schemes' base.
CHART_HUES = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442")

# The calendar: the current time (a line, brighter than the error red) and the text on
# a light treatment colour.
NOW_LINE = "#e53935"
TEXT_ON_LIGHT = "#1a1a1a"

# Paper has no dark mode: printed day lists and evidence PDFs.
PAPER_MUTED = "#555555"
STRUCK = "#888888"
RULE = "#999999"

# The salon's colours for treatments and staff: light, so calendar blocks carry dark text
# in both schemes.
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
