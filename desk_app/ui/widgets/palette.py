"""The colours that carry a meaning, by name, in the colour scheme in use (light or dark:
``desk_app.ui.style.theme`` switches them with ``use``). The colours themselves are
declared once, in ``desk_app.ui.style.colours``.

Read them when painting or building rich text (``QColor(palette.ERROR)`` in a model's
``data``), never keep them: after a switch the names hold the other scheme's colours. A
label's own colour is a tone (``desk_app.ui.style.tone.set_tone``), which follows a switch
by itself. Anything else (lines, closed time, selection) comes from the widget's QPalette.

May import: desk_app.ui.style.colours.
"""

from __future__ import annotations

from desk_app.ui.style.colours import (
    CHART_HUES,
    LIGHT,
    MARK_BAD,
    MARK_GOOD,
    MARK_IDLE,
    MARK_INFO,
    MARK_OFF,
    MARK_ONLINE,
    MARK_WARN,
    NOW_LINE,
    PAPER_MUTED,
    RULE,
    SALON_COLOURS,
    STRUCK,
    TEXT_ON_LIGHT,
    Scheme,
)

__all__ = [
    "CHART_HUES",
    "MARK_BAD",
    "MARK_GOOD",
    "MARK_IDLE",
    "MARK_INFO",
    "MARK_OFF",
    "MARK_ONLINE",
    "MARK_WARN",
    "NOW_LINE",
    "PAPER_MUTED",
    "RULE",
    "SALON_COLOURS",
    "STRUCK",
    "TEXT_ON_LIGHT",
]

# Text: a refusal or failure, a caution, a confirmation; secondary lines and link-like
# placeholders inside rich text; the one accent of charts and bars. Set by ``use``.
ERROR = LIGHT.error
WARNING = LIGHT.warning
SUCCESS = LIGHT.success
MUTED = LIGHT.muted
LINK = LIGHT.link
ACCENT = LIGHT.accent


def use(scheme: Scheme) -> None:
    """Let the names above say ``scheme``'s colours (the theme calls this)."""
    global ERROR, WARNING, SUCCESS, MUTED, LINK, ACCENT
    ERROR, WARNING, SUCCESS = scheme.error, scheme.warning, scheme.success
    MUTED, LINK, ACCENT = scheme.muted, scheme.link, scheme.accent


def text_style(colour: str) -> str:
    """The style sheet for coloured text in a colour computed at the time (a label with a
    fixed meaning takes a tone instead: it follows a switch of the scheme)."""
    return f"color: {colour};"
