"""The PIN field of the sign-in screen: masked, digits only, 4–8 of them (as
``domain.pin_rules`` says). Never shown, logged or kept after a try."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from desk_app.domain.pin_rules import PIN_MAX, PIN_MIN


class PinField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pin_field")
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setMaxLength(PIN_MAX)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{PIN_MAX}}}")))
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setPlaceholderText(self.tr("PIN"))
        # Nothing to copy out or drop in: it is a secret typed by hand.
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setDragEnabled(False)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setLetterSpacing(font.SpacingType.AbsoluteSpacing, 4)
        self.setFont(font)
        self.setMinimumWidth(220)

    def complete(self) -> bool:
        """Long enough to be tried."""
        return len(self.text()) >= PIN_MIN
