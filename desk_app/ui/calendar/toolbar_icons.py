"""The calendar's bar of buttons with icons: each button found by its object name gets
its icon and, where the window has a shortcut for it, a tooltip that names the keys.

Kept apart from the page's layout so that the look can change without touching it.

May import: PySide6, desk_app.ui.style, desk_app.ui.shortcuts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton, QWidget

from desk_app.ui.shortcuts import SHORTCUTS
from desk_app.ui.style import icons
from desk_app.ui.style.tone import Tone, set_tone

_TEXT_BESIDE = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
_ICON_ONLY = Qt.ToolButtonStyle.ToolButtonIconOnly
# Button (object name) → (icon, how it shows, the shortcut whose keys its tooltip names).
BUTTONS = {
    "previous_day": ("previous_day", _ICON_ONLY, None),  # the page says day or week
    "next_day": ("next_day", _ICON_ONLY, None),
    "today": ("today", _TEXT_BESIDE, "today"),
    "day_mode": ("day", _TEXT_BESIDE, None),
    "week_mode": ("week", _TEXT_BESIDE, None),
    "undo": ("undo", _ICON_ONLY, None),  # the tooltip names what is undone
    "redo": ("redo", _ICON_ONLY, None),
    "print_day": ("print", _TEXT_BESIDE, None),
    "new_booking": ("new_booking", _TEXT_BESIDE, None),  # the page names Ctrl+N
}


def dress_toolbar(page: QWidget) -> None:
    """Icons (and shortcut tooltips) for the buttons of ``page`` named in ``BUTTONS``."""
    keys = {shortcut.key: shortcut for shortcut in SHORTCUTS}
    for button in page.findChildren(QToolButton):
        found = BUTTONS.get(button.objectName())
        if found is None:
            continue
        icon_name, style, shortcut_key = found
        action = button.defaultAction()
        (action or button).setIcon(icons.icon(icon_name))
        button.setToolButtonStyle(style)
        if button.isCheckable():
            set_tone(button, Tone.TOGGLE)  # which view is on, seen at a glance
        if style == _ICON_ONLY and not button.toolTip():
            button.setToolTip(button.text())  # the words the icon stands for
        if shortcut_key is not None:
            shortcut = keys[shortcut_key]
            button.setToolTip(f"{shortcut.text()} ({shortcut.keys_text()})")
