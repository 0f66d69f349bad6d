"""The window's keyboard shortcuts, declared once: the actions, the menu bar and the help
overlay all read these tables, so neither can list a shortcut that does not exist."""

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
    # A letter that stands for a word ("A" for Arrived) is translated with the word
    # (German "E" for Erschienen).
    translated_keys: bool = False

    def portable_sequences(self) -> tuple[str, ...]:
        if not self.translated_keys:
            return self.sequences
        return tuple(QCoreApplication.translate("Shortcuts", s) for s in self.sequences)

    def key_sequences(self) -> list[QKeySequence]:
        return [QKeySequence(text) for text in self.portable_sequences()]

    def text(self) -> str:
        return QCoreApplication.translate("Shortcuts", self.label)

    def keys_text(self) -> str:
        native = QKeySequence.SequenceFormat.NativeText
        return ", ".join(s.toString(native) for s in self.key_sequences())


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("new_booking", ("Ctrl+N",), QT_TRANSLATE_NOOP("Shortcuts", "New booking")),
    Shortcut("find_customer", ("Ctrl+F",), QT_TRANSLATE_NOOP("Shortcuts", "Find customer")),
    Shortcut("today", ("Ctrl+T", "Alt+Home"), QT_TRANSLATE_NOOP("Shortcuts", "Today")),
    Shortcut("next_day", ("Ctrl+Right", "Alt+Right"), QT_TRANSLATE_NOOP("Shortcuts", "Next day")),
    Shortcut(
        "previous_day", ("Ctrl+Left", "Alt+Left"), QT_TRANSLATE_NOOP("Shortcuts", "Previous day")
    ),
    Shortcut("go_to_day", ("Ctrl+G",), QT_TRANSLATE_NOOP("Shortcuts", "Go to a day (month)")),
    Shortcut("undo", ("Ctrl+Z",), QT_TRANSLATE_NOOP("Shortcuts", "Undo")),
    Shortcut("redo", ("Ctrl+Shift+Z", "Ctrl+Y"), QT_TRANSLATE_NOOP("Shortcuts", "Redo")),
    Shortcut("calendar", ("Ctrl+1",), QT_TRANSLATE_NOOP("Shortcuts", "Show calendar")),
    Shortcut("customers", ("Ctrl+2",), QT_TRANSLATE_NOOP("Shortcuts", "Show customers")),
    Shortcut("marketing", ("Ctrl+3",), QT_TRANSLATE_NOOP("Shortcuts", "Show marketing")),
    Shortcut("outbox", ("Ctrl+4",), QT_TRANSLATE_NOOP("Shortcuts", "Show outbox")),
    Shortcut("online", ("Ctrl+5",), QT_TRANSLATE_NOOP("Shortcuts", "Show online requests")),
    Shortcut("sync", ("F5",), QT_TRANSLATE_NOOP("Shortcuts", "Sync with the gateway now")),
    Shortcut("settings", ("Ctrl+,",), QT_TRANSLATE_NOOP("Shortcuts", "Settings")),
    Shortcut("audit_log", ("Ctrl+Shift+L",), QT_TRANSLATE_NOOP("Shortcuts", "Audit log")),
    Shortcut(
        "lock", ("Ctrl+L",), QT_TRANSLATE_NOOP("Shortcuts", "Lock the window (switch member)")
    ),
    Shortcut("help", ("F1",), QT_TRANSLATE_NOOP("Shortcuts", "Show these shortcuts")),
    Shortcut("menu_bar", ("F10",), QT_TRANSLATE_NOOP("Shortcuts", "Open the menu bar")),
    Shortcut("quit", ("Ctrl+Q",), QT_TRANSLATE_NOOP("Shortcuts", "Quit")),
)

# Keys of the calendar grid: actions on the appointment (or free time) under its keyboard
# cursor, live while the grid has the focus (the calendar page binds them to its grids).
CALENDAR_SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(
        "open_appointment",
        ("Return", "Enter", "Space"),
        QT_TRANSLATE_NOOP("Shortcuts", "Calendar: open the appointment or book the free time"),
    ),
    Shortcut(
        "appointment_menu",
        ("Menu", "Shift+F10"),
        QT_TRANSLATE_NOOP("Shortcuts", "Calendar: menu of the appointment"),
    ),
    Shortcut(
        "mark_arrived",
        (QT_TRANSLATE_NOOP("Shortcuts", "A"),),
        QT_TRANSLATE_NOOP("Shortcuts", "Calendar: mark as arrived"),
        translated_keys=True,
    ),
    Shortcut(
        "mark_no_show",
        (QT_TRANSLATE_NOOP("Shortcuts", "N"),),
        QT_TRANSLATE_NOOP("Shortcuts", "Calendar: mark as no-show"),
        translated_keys=True,
    ),
    Shortcut(
        "cancel_appointment",
        ("Del",),
        QT_TRANSLATE_NOOP("Shortcuts", "Calendar: cancel the appointment"),
    ),
    Shortcut(
        "move_earlier",
        ("Alt+Up",),
        QT_TRANSLATE_NOOP("Shortcuts", "Calendar: move the appointment 15 minutes earlier"),
    ),
    Shortcut(
        "move_later",
        ("Alt+Down",),
        QT_TRANSLATE_NOOP("Shortcuts", "Calendar: move the appointment 15 minutes later"),
    ),
    Shortcut(
        "move_left",
        ("Alt+Shift+Left",),
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Calendar: move the appointment to the previous staff member or day"
        ),
    ),
    Shortcut(
        "move_right",
        ("Alt+Shift+Right",),
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Calendar: move the appointment to the next staff member or day"
        ),
    ),
    Shortcut(
        "shorter",
        ("Alt+Shift+Up",),
        QT_TRANSLATE_NOOP("Shortcuts", "Calendar: make the appointment 15 minutes shorter"),
    ),
    Shortcut(
        "longer",
        ("Alt+Shift+Down",),
        QT_TRANSLATE_NOOP("Shortcuts", "Calendar: make the appointment 15 minutes longer"),
    ),
    Shortcut(
        "next_appointment",
        ("Ctrl+Down",),
        QT_TRANSLATE_NOOP("Shortcuts", "Calendar: cursor to the next appointment"),
    ),
    Shortcut(
        "previous_appointment",
        ("Ctrl+Up",),
        QT_TRANSLATE_NOOP("Shortcuts", "Calendar: cursor to the previous appointment"),
    ),
)

# Keys that work inside one section: the section's own widgets handle them and the window
# binds none of them (Enter and Del must keep their usual meaning everywhere else). F1
# lists them after the window's.
SECTION_SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(
        "calendar_cursor",
        ("Up", "Down", "Left", "Right"),
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Calendar: cursor a quarter hour up or down, a column left or right"
        ),
    ),
    Shortcut(
        "calendar_hour",
        ("PgUp", "PgDown", "Home", "End"),
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Calendar: cursor an hour up or down, to the day's start or end"
        ),
    ),
    Shortcut(
        "customer_book",
        ("Ctrl+B",),
        QT_TRANSLATE_NOOP("Shortcuts", "Customers: book an appointment for the customer shown"),
    ),
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
