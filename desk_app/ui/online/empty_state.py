"""What the online requests section says while it has nothing to show: what it is for,
and, while online booking is off, where to switch it on.

May import: PySide6, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    def __init__(
        self, open_settings: Callable[[], None] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("requestsEmptyState")
        self.headline = QLabel()
        self.headline.setObjectName("emptyHeadline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.headline.setFont(font)
        self.explanation = QLabel(
            self.tr(
                "Customers book on your website. A booking that fits goes straight into the "
                "calendar, marked “Online”, and its confirmation is sent. A request lands "
                "here when it needs you: the time was taken meanwhile, more than one "
                "customer has the same email address or phone number, or the service can no "
                "longer be booked online. Enter books the selected request, Del refuses it."
            )
        )
        self.explanation.setObjectName("emptyExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.switched_off = QLabel(
            self.tr(
                "Online booking is switched off. Switch it on in the settings, tab "
                "“Online booking” (Ctrl+,): choose the public name of your booking page "
                "there and put the link it shows on your website."
            )
        )
        self.switched_off.setObjectName("emptySwitchedOff")
        self.switched_off.setWordWrap(True)
        self.switched_off.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.settings_button = QPushButton(self.tr("Open the &settings"))
        self.settings_button.setObjectName("emptyOpenSettings")
        self.settings_button.setVisible(False)
        if open_settings is not None:
            self.settings_button.clicked.connect(lambda: open_settings())
        self._can_open_settings = open_settings is not None

        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.settings_button)
        button_row.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.headline)
        column.addSpacing(8)
        column.addWidget(self.explanation)
        column.addSpacing(8)
        column.addWidget(self.switched_off)
        column.addLayout(button_row)
        column.addStretch(2)
        # A readable line length in the middle, however wide the window.
        layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(column, 6)
        layout.addStretch(1)

    def show_state(self, online_on: bool, showing_all: bool) -> None:
        if showing_all:
            self.headline.setText(self.tr("No online requests yet."))
        else:
            self.headline.setText(self.tr("No online request waits for you."))
        self.switched_off.setVisible(not online_on)
        self.settings_button.setVisible(not online_on and self._can_open_settings)
