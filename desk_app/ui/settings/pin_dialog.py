"""Asking the owner for a member's new PIN (issue 12): masked, typed twice, 4–8 digits
(``PinFields``, which the setup assistant asks the owner's first PIN with).

The dialog only asks: the staff tab hands the PIN to ``StaffAccessService.set_pin`` on
the database worker, where it is hashed (slow on purpose, so never on the GUI thread).
The fields are emptied as soon as the PIN is taken, and the PIN is never shown.

May import: PySide6, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.pin_rules import PIN_MAX, PIN_MIN
from desk_app.ui.style.tone import Tone, set_tone


class PinFields(QWidget):
    """A new PIN, masked, typed twice, with what is wrong in words under it; also the
    setup assistant's owner PIN.

    Signals:
        changed(): what is typed changed (``acceptable`` may have changed).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        digits = QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{PIN_MAX}}}"), self)
        self.first, self.second = QLineEdit(), QLineEdit()
        for name, edit in (("pinFirst", self.first), ("pinSecond", self.second)):
            edit.setObjectName(name)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setValidator(digits)
            edit.setMaxLength(PIN_MAX)
            edit.setInputMethodHints(
                Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
            )
            edit.textChanged.connect(self._update)
        self.problem = QLabel()
        self.problem.setObjectName("pinProblem")
        set_tone(self.problem, Tone.ERROR)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        first_label, second_label = QLabel(self.tr("New &PIN:")), QLabel(self.tr("&Once more:"))
        first_label.setBuddy(self.first)
        second_label.setBuddy(self.second)
        form.addRow(first_label, self.first)
        form.addRow(second_label, self.second)
        form.addRow("", self.problem)
        self._update()

    def acceptable(self) -> bool:
        """Both fields hold the same PIN of 4–8 digits."""
        first = self.first.text()
        return PIN_MIN <= len(first) <= PIN_MAX and first == self.second.text()

    def take_pin(self) -> str:
        """The PIN typed; the fields are emptied."""
        pin = self.first.text()
        self.first.clear()
        self.second.clear()
        return pin

    def _update(self) -> None:
        first, second = self.first.text(), self.second.text()
        long_enough = PIN_MIN <= len(first) <= PIN_MAX
        problem = ""
        if second and len(second) >= len(first) and second != first:
            problem = self.tr("The two PINs differ.")
        elif first and not long_enough and second:
            problem = self.tr("A PIN has {low} to {high} digits.").format(low=PIN_MIN, high=PIN_MAX)
        self.problem.setText(problem)
        self.changed.emit()


class PinDialog(QDialog):
    """The new PIN for ``member``, twice; OK only when both are the same 4–8 digits."""

    def __init__(self, member: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("PIN for {name}").format(name=member))
        self.setMinimumWidth(420)
        intro = QLabel(
            self.tr(
                "The new PIN for {name}: {low} to {high} digits. Tell it to {name} in "
                "private; the old PIN stops working, and a lockout ends."
            ).format(name=member, low=PIN_MIN, high=PIN_MAX)
        )
        intro.setWordWrap(True)
        self.fields = PinFields()
        self.first, self.second, self.problem = (
            self.fields.first,
            self.fields.second,
            self.fields.problem,
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Set PIN"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.fields)
        layout.addWidget(self.buttons)
        self.fields.changed.connect(self._update)
        self._update()

    def take_pin(self) -> str:
        """The PIN typed (after OK); the fields are emptied."""
        return self.fields.take_pin()

    def _update(self) -> None:
        self.ok.setEnabled(self.fields.acceptable())
