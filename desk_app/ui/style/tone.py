"""The tone of a widget (mostly a label): an error, a warning, a confirmation, a hint, a box
that must be noticed; also the sidebar's and a toggle button's look. ``set_tone`` gives a
widget its tone's colours in the scheme in use and marks it (the Qt property ``tone``), so
that a switch of the scheme gives it the other scheme's colours (``restyle_all``, called
by the theme) without the screen doing anything.

A widget's own style sheet may name the palette's colours (``palette(mid)``,
``palette(accent)``): Qt reads them once, when the sheet is set, so ``restyle_all`` sets
such a sheet again after a switch. A colour baked into a sheet as text does not follow.

May import: PySide6, desk_app.ui.style.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QApplication, QWidget

from desk_app.ui.style import colours, scale

TONE_PROPERTY = "tone"
STRONG_PROPERTY = "toneStrong"
PALETTE_IN_SHEET = "palette("  # a sheet that names the palette's colours


class Tone(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    SUCCESS = "success"
    HINT = "hint"  # secondary text: explanations under fields, "loading…"
    ERROR_BOX = "error_box"  # a message that says no, framed
    WARNING_BOX = "warning_box"  # a hint that asks for care, framed
    CAUTION_BOX = "caution_box"  # calm but noticed (a customer's missed appointments)
    SIDEBAR = "sidebar"  # the window's navigation list (a QListWidget)
    TOGGLE = "toggle"  # a checkable tool button whose "on" must be seen at a glance (Day, Week)


_current: colours.Scheme = colours.LIGHT


def set_tone(widget: QWidget, tone: Tone | None, *, strong: bool = False) -> None:
    """Colour ``widget``'s text (and frame, for a box) by ``tone``; None: the normal look.
    ``strong``: bold as well."""
    widget.setProperty(TONE_PROPERTY, str(tone) if tone is not None else "")
    widget.setProperty(STRONG_PROPERTY, strong and tone is not None)
    widget.setStyleSheet(_sheet(tone, strong, _current))


def restyle_all(scheme: colours.Scheme) -> None:
    """Give every toned widget ``scheme``'s colours, and every sheet that names the
    palette's colours the application's palette (the scheme was switched; call after
    ``QApplication.setPalette``)."""
    global _current
    _current = scheme
    for widget in QApplication.allWidgets():
        tone = widget.property(TONE_PROPERTY)
        if tone:
            widget.setStyleSheet(_sheet(Tone(tone), bool(widget.property(STRONG_PROPERTY)), scheme))
        elif PALETTE_IN_SHEET in (sheet := widget.styleSheet()):
            widget.setStyleSheet(sheet)  # the same text: Qt reads the palette again


def _sheet(tone: Tone | None, strong: bool, scheme: colours.Scheme) -> str:
    weight = " font-weight: bold;" if strong else ""
    if tone is None:
        return ""
    if tone == Tone.SIDEBAR:
        return _sidebar_sheet(scheme)
    if tone == Tone.TOGGLE:
        # Fusion's pressed look is a shade darker: next to invisible in the dark scheme.
        return (
            f"QToolButton:checked {{ background: {scheme.highlight};"
            f" color: {scheme.highlighted_text}; border: 1px solid {scheme.highlight};"
            f" border-radius: {scale.RADIUS}px;"
            f" padding: {scale.SPACE_XS}px {scale.SPACE_S}px; }}"
        )
    if tone in (Tone.ERROR_BOX, Tone.WARNING_BOX, Tone.CAUTION_BOX):
        background, text, border = {
            Tone.ERROR_BOX: scheme.error_box,
            Tone.WARNING_BOX: scheme.warning_box,
            Tone.CAUTION_BOX: scheme.caution_box,
        }[tone]
        padding = f"{scale.SPACE_S}px {scale.SPACE_M}px"
        return (
            f"QLabel {{ background: {background}; color: {text}; border: 1px solid {border};"
            f" border-radius: {scale.RADIUS}px; padding: {padding};{weight} }}"
        )
    colour = {
        Tone.ERROR: scheme.error,
        Tone.WARNING: scheme.warning,
        Tone.SUCCESS: scheme.success,
        Tone.HINT: scheme.muted,
    }[tone]
    return f"color: {colour};{weight}"


def _sidebar_sheet(scheme: colours.Scheme) -> str:
    item_padding = f"{scale.SPACE_M}px {scale.SPACE_M}px"
    return (
        f"QListWidget {{ background: {scheme.sidebar}; border: none; outline: 0;"
        f" padding: {scale.SPACE_M}px {scale.SPACE_S}px; }}"
        f" QListWidget::item {{ color: {scheme.text}; padding: {item_padding};"
        f" margin: {scale.SPACE_XS}px 0px; border-radius: {scale.RADIUS}px; }}"
        f" QListWidget::item:hover {{ background: {scheme.sidebar_hover}; }}"
        f" QListWidget::item:selected {{ background: {scheme.highlight};"
        f" color: {scheme.highlighted_text}; }}"
    )
