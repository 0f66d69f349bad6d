"""A receptionist's hands on the real window: keys go only where the cursor is.

``Typist`` sends QTest key events to ``QApplication.focusWidget()`` — never to a widget
the test picked — and counts them the way the issue measures a booking: *data keys*
(the characters of what the caller says: a name, a phone number) apart from every other
key (shortcuts, Tab, arrows, Enter; a chord such as Ctrl+N is one key). Between keys the
event loop does not run, as with a fast typist; where a person would look at the screen
before going on (the search answered, the cursor jumped), the scenario waits with
``wait_until`` on something read, never on something set.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


class Typist:
    def __init__(self, qtbot: QtBot, scenario: str, window: QWidget | None = None) -> None:
        self._qtbot = qtbot
        self.scenario = scenario
        self._window = window  # activated again when the platform left no window active
        self.data_keys = 0
        self.other_keys = 0
        self.log: list[str] = []  # what was pressed, for the report

    # ---- hands ----------------------------------------------------------------------------
    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER, times: int = 1
    ) -> None:
        """A key that is not data (Tab, Enter, arrows, shortcuts, a letter that picks an
        entry of a list)."""
        for _ in range(times):
            QTest.keyClick(self.focused(), key, modifier)
            self.other_keys += 1
        self.log.append(_name(key, modifier) + (f"×{times}" if times > 1 else ""))

    def pick(self, letter: str) -> None:
        """A letter that chooses an entry of the focused list (not data: nothing typed
        stays)."""
        QTest.keyClick(self.focused(), letter)
        self.other_keys += 1
        self.log.append(f"'{letter}'")

    def type(self, text: str) -> None:
        """What the caller says, one key per character (ASCII: QTest's limit)."""
        for char in text:
            QTest.keyClick(self.focused(), char)
            self.data_keys += 1
        self.log.append(f'"{text}"')

    # ---- eyes -----------------------------------------------------------------------------
    def focused(self) -> QWidget:
        """What a key goes to: an open popup menu, else the focused widget."""
        if self._window is not None and QApplication.activeWindow() is None:
            # The offscreen platform leaves no window active once a popup menu closed
            # (a window manager hands the activation back); do what it would.
            self._window.activateWindow()
            assert QTest.qWaitForWindowActive(self._window)
        widget = QApplication.activePopupWidget() or QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus: the keys go nowhere"
        return widget

    def wait_for_focus(self, object_name: str, timeout: int = 5000) -> None:
        """Until the cursor is in the named field (a person sees where it blinks)."""
        self._qtbot.waitUntil(
            lambda: (w := QApplication.focusWidget()) is not None and w.objectName() == object_name,
            timeout=timeout,
        )

    def wait_until(self, condition: Callable[[], bool], timeout: int = 5000) -> None:
        self._qtbot.waitUntil(condition, timeout=timeout)

    # ---- the figures ----------------------------------------------------------------------
    @property
    def keys(self) -> int:
        return self.data_keys + self.other_keys

    def report(self) -> str:
        return (
            f"[keys] {self.scenario}: {self.other_keys} keys + {self.data_keys} data keys "
            f"= {self.keys}  ({' '.join(self.log)})"
        )


def _name(key: Qt.Key, modifier: Qt.KeyboardModifier) -> str:
    parts = []
    for flag, text in (
        (Qt.KeyboardModifier.ControlModifier, "Ctrl"),
        (Qt.KeyboardModifier.AltModifier, "Alt"),
        (Qt.KeyboardModifier.ShiftModifier, "Shift"),
    ):
        if modifier & flag:
            parts.append(text)
    parts.append(key.name.removeprefix("Key_"))
    return "+".join(parts)
