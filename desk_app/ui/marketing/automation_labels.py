"""Small pieces of the automations tab: message and hint labels, their colours, width
limits, and showing a stored value without it counting as the user's change.

May import: PySide6.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desk_app.ui.style.tone import Tone, set_tone


def message_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    set_tone(label, Tone.ERROR)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def limit_width(edit: QLineEdit, characters: int) -> None:
    # Addresses are short; a field across a wide window is hard to read.
    edit.setFixedWidth(edit.fontMetrics().averageCharWidth() * characters)


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_tone(label, Tone.HINT)
    return label


def silently(widget: QWidget, change: Callable[[], object]) -> None:
    """Show a stored value without it counting as the user's change (which would save)."""
    blocked = widget.blockSignals(True)
    try:
        change()
    finally:
        widget.blockSignals(blocked)
