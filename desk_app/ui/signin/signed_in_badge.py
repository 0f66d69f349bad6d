"""The status bar's note of who is signed in at this window, with a lock button (issue 12).

Signals:
    lock_requested(): the lock button was pressed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desk_app.domain.access import Actor
from desk_app.texts.access_words import role_name


class SignedInBadge(QWidget):
    lock_requested = Signal()

    def __init__(self, keys_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signed_in_badge")
        self._label = QLabel()
        self._label.setObjectName("signed_in_name")
        self._lock = QToolButton()
        self._lock.setObjectName("lock_button")
        self._lock.setText(self.tr("Lock"))
        self._lock.setToolTip(self.tr("Lock the window ({keys})").format(keys=keys_text))
        self._lock.setAutoRaise(True)
        self._lock.clicked.connect(self.lock_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._label)
        layout.addWidget(self._lock)

    def show_actor(self, actor: Actor, can_lock: bool) -> None:
        if actor.is_member:
            self._label.setText(
                self.tr("Signed in: {name} ({role})").format(
                    name=actor.name, role=role_name(actor.role)
                )
            )
        else:
            self._label.setText(self.tr("Shared sign-in"))
        self._lock.setVisible(can_lock)
        # Changed while the status bar was hidden (locked), the longer name would be cut.
        self._label.setMinimumWidth(self._label.sizeHint().width())
        self.updateGeometry()

    def text(self) -> str:
        return self._label.text()

    def lock_button(self) -> QToolButton:
        return self._lock
