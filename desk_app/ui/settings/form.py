"""Pieces the settings tabs share: inline messages under fields, hints, form rows,
time edits and prices as the owner types them.

May import: PySide6.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.ui.style.tone import Tone, set_tone


class MessageLabel(QLabel):
    """An inline message under a field or at the foot of a tab; hidden while empty."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.hide()

    def show_error(self, text: str) -> None:
        set_tone(self, Tone.ERROR)
        self.setText(text)
        self.setVisible(bool(text))

    def show_info(self, text: str) -> None:
        set_tone(self, None)
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.clear()
        self.hide()


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_tone(label, Tone.HINT)
    return label


def add_row(form: QFormLayout, text: str, widget: QWidget, *below: QWidget) -> None:
    """A form row: the field with its messages and hints right under it (hidden ones take
    no room); the label's shortcut goes to the field itself, not the box around it."""
    label = QLabel(text)
    label.setBuddy(widget)
    form.addRow(label, field_box(widget, *below))


def field_box(widget: QWidget, *below: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    layout.addWidget(widget)
    for extra in below:
        layout.addWidget(extra)
    return box


def qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def time_edit(object_name: str) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setObjectName(object_name)
    edit.setDisplayFormat("HH:mm")
    return edit


def price_text(cents: int) -> str:
    # No group separators: "1.234,50" would be read back wrongly.
    euros, rest = divmod(cents, 100)
    return f"{euros}{QLocale().decimalPoint()}{rest:02d}"


def online_item(online: bool) -> QTableWidgetItem:
    """A table cell with the tick "bookable online", saved when the owner ticks it."""
    item = QTableWidgetItem(
        QCoreApplication.translate("SettingsForm", "yes")
        if online
        else QCoreApplication.translate("SettingsForm", "no")
    )
    item.setFlags(
        Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    )
    item.setCheckState(Qt.CheckState.Checked if online else Qt.CheckState.Unchecked)
    return item
