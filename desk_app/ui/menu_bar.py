"""The window's menu bar: every action of ``shortcuts`` under a menu, named as F1 names it,
with its keys. Window actions and the calendar's grid actions are the real QActions (a
click does what the keys do); the keys a section's widgets handle themselves (arrows in
the calendar, Enter in the online requests) are shown after a tab, and the entry does the
same as the key where that makes sense.

The menu titles have no Alt+letter: the sections use nearly every letter for their own
fields and buttons, and a title would take one from them. F10 opens the bar instead
(as on Windows and GNOME), then the arrows and Enter work in it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenuBar

from desk_app.ui.shortcuts import (
    CALENDAR_SHORTCUTS,
    QT_TRANSLATE_NOOP,
    SECTION_SHORTCUTS,
    SHORTCUTS,
    Shortcut,
)

# The menus, their entries by shortcut key, None a separator. Every key of the shortcut
# tables appears exactly once (a test checks it).
MENUS: tuple[tuple[str, str, tuple[str | None, ...]], ...] = (
    (
        "file",
        QT_TRANSLATE_NOOP("MenuBar", "File"),
        ("settings", "audit_log", "sync", None, "lock", "quit"),
    ),
    ("edit", QT_TRANSLATE_NOOP("MenuBar", "Edit"), ("undo", "redo", None, "find_customer")),
    (
        "view",
        QT_TRANSLATE_NOOP("MenuBar", "View"),
        (
            "calendar",
            "customers",
            "marketing",
            "outbox",
            "online",
            None,
            "today",
            "previous_day",
            "next_day",
            "go_to_day",
        ),
    ),
    (
        "appointment",
        QT_TRANSLATE_NOOP("MenuBar", "Appointment"),
        (
            "new_booking",
            "customer_book",
            "open_appointment",
            "appointment_menu",
            None,
            "mark_arrived",
            "mark_no_show",
            "cancel_appointment",
            None,
            "move_earlier",
            "move_later",
            "move_left",
            "move_right",
            "shorter",
            "longer",
            None,
            "calendar_cursor",
            "calendar_hour",
            "next_appointment",
            "previous_appointment",
        ),
    ),
    (
        "requests",
        QT_TRANSLATE_NOOP("MenuBar", "Requests"),
        ("online_book", "online_refuse", "online_reload"),
    ),
    ("help", QT_TRANSLATE_NOOP("MenuBar", "Help"), ("help", "menu_bar")),
)


def listed_action(shortcut: Shortcut, handler: Callable[[], None], parent: QMenuBar) -> QAction:
    """An entry for keys a widget handles itself: shown after a tab, never bound (binding
    Enter or the arrows window-wide would take them from every other widget)."""
    action = QAction(f"{shortcut.text()}\t{shortcut.keys_text()}", parent)
    action.setObjectName(shortcut.key)
    action.triggered.connect(handler)
    return action


def fill_menu_bar(
    bar: QMenuBar,
    actions: Mapping[str, QAction],
    section_handlers: Mapping[str, Callable[[], None]],
) -> None:
    """``actions``: the bound actions by key; ``section_handlers``: what the entries of
    ``SECTION_SHORTCUTS`` do when chosen from the menu."""
    listed = {s.key: s for s in SECTION_SHORTCUTS}
    bound = {s.key: s for s in SHORTCUTS + CALENDAR_SHORTCUTS}
    for name, title, keys in MENUS:
        menu = bar.addMenu(QCoreApplication.translate("MenuBar", title))
        menu.setObjectName(f"menu_{name}")
        menu.setToolTipsVisible(True)  # a greyed-out entry's tool tip says why
        for key in keys:
            if key is None:
                menu.addSeparator()
            elif key in actions:
                # After the tab: all its keys (a menu would show only the first one).
                shortcut = bound[key]
                actions[key].setText(f"{shortcut.text()}\t{shortcut.keys_text()}")
                menu.addAction(actions[key])
            else:
                handler = section_handlers.get(key, lambda: None)
                menu.addAction(listed_action(listed[key], handler, bar))
