"""The window's keyboard shortcuts, declared once: the actions and the help overlay both
read this table, so the overlay can never list a shortcut that does not exist."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

# Qt's marker, typed: PySide6's stub says (object, object) -> object, but it returns the
# message it was given. The name stays, because lupdate finds the strings by it.
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)


@dataclass(frozen=True)
class Shortcut:
    key: str  # action key used by the main window
    sequences: tuple[str, ...]  # portable text, e.g. "Ctrl+N"
    label: str  # untranslated; translate with QCoreApplication.translate("Shortcuts", …)

    def key_sequences(self) -> list[QKeySequence]:
        return [QKeySequence(text) for text in self.sequences]

    def text(self) -> str:
        return QCoreApplication.translate("Shortcuts", self.label)

    def keys_text(self) -> str:
        native = QKeySequence.SequenceFormat.NativeText
        return ", ".join(QKeySequence(s).toString(native) for s in self.sequences)


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("new_booking", ("Ctrl+N",), QT_TRANSLATE_NOOP("Shortcuts", "New booking")),
    Shortcut("find_customer", ("Ctrl+F",), QT_TRANSLATE_NOOP("Shortcuts", "Find customer")),
    Shortcut("today", ("Ctrl+T", "Alt+Home"), QT_TRANSLATE_NOOP("Shortcuts", "Today")),
    Shortcut("next_day", ("Ctrl+Right", "Alt+Right"), QT_TRANSLATE_NOOP("Shortcuts", "Next day")),
    Shortcut(
        "previous_day", ("Ctrl+Left", "Alt+Left"), QT_TRANSLATE_NOOP("Shortcuts", "Previous day")
    ),
    Shortcut("undo", ("Ctrl+Z",), QT_TRANSLATE_NOOP("Shortcuts", "Undo")),
    Shortcut("redo", ("Ctrl+Shift+Z", "Ctrl+Y"), QT_TRANSLATE_NOOP("Shortcuts", "Redo")),
    Shortcut("calendar", ("Ctrl+1",), QT_TRANSLATE_NOOP("Shortcuts", "Show calendar")),
    Shortcut("customers", ("Ctrl+2",), QT_TRANSLATE_NOOP("Shortcuts", "Show customers")),
    Shortcut("marketing", ("Ctrl+3",), QT_TRANSLATE_NOOP("Shortcuts", "Show marketing")),
    Shortcut("outbox", ("Ctrl+4",), QT_TRANSLATE_NOOP("Shortcuts", "Show outbox")),
    Shortcut("online", ("Ctrl+5",), QT_TRANSLATE_NOOP("Shortcuts", "Show online requests")),
    Shortcut("sync", ("F5",), QT_TRANSLATE_NOOP("Shortcuts", "Sync with the gateway now")),
    Shortcut("settings", ("Ctrl+,",), QT_TRANSLATE_NOOP("Shortcuts", "Settings")),
    Shortcut("help", ("F1",), QT_TRANSLATE_NOOP("Shortcuts", "Show these shortcuts")),
)

# Keys that work inside one section: the section's own widgets handle them and the window
# binds none of them (Enter and Del must keep their usual meaning everywhere else). F1
# lists them after the window's.
SECTION_SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(
        "online_book",
        ("Return",),
        QT_TRANSLATE_NOOP("Shortcuts", "Online requests: book the selected request"),
    ),
    Shortcut(
        "online_refuse",
        ("Del",),
        QT_TRANSLATE_NOOP("Shortcuts", "Online requests: refuse the selected request"),
    ),
    Shortcut(
        "online_reload",
        ("F5",),
        QT_TRANSLATE_NOOP("Shortcuts", "Online requests: reload (and sync with the gateway)"),
    ),
)
