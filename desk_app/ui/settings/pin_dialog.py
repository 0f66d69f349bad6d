"""Asking the owner for a member's new PIN (issue 12): masked, typed twice, 4–8 digits.

The dialog only asks: the staff tab hands the PIN to ``StaffAccessService.set_pin`` on
the database worker, where it is hashed (slow on purpose, so never on the GUI thread).
The fields are emptied as soon as the PIN is taken, and the PIN is never shown.

May import: PySide6, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
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
from desk_app.ui.widgets import palette


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
        self.problem.setStyleSheet(palette.text_style(palette.ERROR))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Set PIN"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("New PIN:"), self.first)
        form.addRow(self.tr("Once more:"), self.second)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._update()

    def take_pin(self) -> str:
        """The PIN typed (after OK); the fields are emptied."""
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
        self.ok.setEnabled(long_enough and first == second)
