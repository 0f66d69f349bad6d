"""The inline messages of the customer form: one under each field, one under the
preferred channel, a general one beside the buttons; each hidden until there is
something to say.

May import: PySide6, desk_app.ui.widgets.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desk_app.ui.style.tone import Tone, set_tone

GENERAL = "general"
CHANNEL = "preferred_channel"


class FieldMessages:
    def __init__(self, fields: Iterable[str]) -> None:
        self._fields = tuple(fields)
        self._labels = {name: error_label(f"{name}_error") for name in (*self._fields, CHANNEL)}
        self._labels[GENERAL] = error_label("general_error")

    def is_field(self, name: str) -> bool:
        """A text field of the form (has a message of its own under it)."""
        return name in self._fields

    def label(self, name: str) -> QLabel:
        """The message of a field, the channel's; any other name: the general one."""
        return self._labels.get(name, self._labels[GENERAL])

    def text(self, name: str) -> str:
        label = self.label(name)
        return "" if label.isHidden() else label.text()

    def set(self, name: str, text: str | None) -> None:
        label = self.label(name)
        label.setText(text or "")
        label.setVisible(bool(text))

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()

    def first_field_shown(self) -> str | None:
        return next((f for f in self._fields if not self._labels[f].isHidden()), None)


def with_messages(field: QWidget, *messages: QLabel) -> QWidget:
    """The field with its messages right below it."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    column.addWidget(field)
    for message in messages:
        column.addWidget(message)
    return box


def error_label(name: str) -> QLabel:
    """An inline message, hidden until there is something to say."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    set_tone(label, Tone.ERROR)
    label.hide()
    return label
