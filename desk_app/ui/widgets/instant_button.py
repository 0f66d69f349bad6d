"""A push button whose mnemonic (Alt+letter) clicks at once.

Qt answers a button's shortcut with ``animateClick()``: the button looks pressed for
100 ms and only then emits ``clicked``. Keys typed in those 100 ms go to the old focus
widget, so "Alt+N, Lisa" at the counter typed "Lisa" into the search field before the
new-customer form opened. This button clicks while the shortcut is being handled, so the
next key already finds the focus where the click put it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShortcutEvent
from PySide6.QtWidgets import QPushButton


class InstantButton(QPushButton):
    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Shortcut
            and isinstance(event, QShortcutEvent)
            and not event.isAmbiguous()
            and self.isEnabled()
        ):
            self.click()
            return True
        return super().event(event)
