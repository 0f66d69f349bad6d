"""What a screen says while it has nothing to show: a headline, one sentence about what
to do next, and the button that does it (its shortcut in the sentence and the tooltip).

An empty table says nothing; a receptionist on her first day needs to read what fills
it and how. One widget for every screen, so they all say it the same way; colours come
from the widget's QPalette (light and dark themes alike).

Two sizes: the full one stands in for a list or table (centred, a readable line
length however wide the window); ``compact`` is one line above content that stays
usable while empty (the calendar's free grid).

May import: PySide6.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """Headline, next step and an optional action button.

    Signals:
        action_triggered(): the action button was pressed.
    """

    action_triggered = Signal()

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self._compact = compact
        self.headline = QLabel()
        self.headline.setObjectName("emptyHeadline")
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        if not compact:
            font.setPointSizeF(font.pointSizeF() * 1.25)
        self.headline.setFont(font)
        self.explanation = QLabel()
        self.explanation.setObjectName("emptyExplanation")
        self.explanation.setWordWrap(True)
        self.action_button = QPushButton()
        self.action_button.setObjectName("emptyAction")
        self.action_button.hide()
        self.action_button.clicked.connect(self.action_triggered)
        self._details = QVBoxLayout()
        self._details.setContentsMargins(0, 0, 0, 0)
        if compact:
            self._build_line()
        else:
            self._build_centred()

    def _build_centred(self) -> None:
        for label in (self.headline, self.explanation):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.action_button)
        button_row.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.headline)
        column.addSpacing(8)
        column.addWidget(self.explanation)
        column.addLayout(self._details)
        column.addSpacing(8)
        column.addLayout(button_row)
        column.addStretch(2)
        # A readable line length in the middle, however wide the window.
        layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(column, 6)
        layout.addStretch(1)

    def _build_line(self) -> None:
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self.headline)
        texts.addWidget(self.explanation)
        texts.addLayout(self._details)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(texts, 1)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignVCenter)

    # ---- public -------------------------------------------------------------------------
    def add_detail(self, widget: QWidget) -> None:
        """A widget of the owner's below the sentence (e.g. a notice shown only sometimes)."""
        if not self._compact and isinstance(widget, QLabel):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._details.addWidget(widget)

    def show_state(
        self,
        headline: str,
        explanation: str = "",
        action: str | None = None,
        shortcut: QKeySequence | str | None = None,
    ) -> None:
        """What to say; ``action`` the button's text (None: no button), ``shortcut`` the
        key that does the same elsewhere, named in the button's tooltip."""
        self.headline.setText(headline)
        self.explanation.setText(explanation)
        self.explanation.setVisible(bool(explanation))
        self.action_button.setVisible(action is not None)
        if action is not None:
            self.action_button.setText(action)
            keys = QKeySequence(shortcut) if shortcut is not None else QKeySequence()
            native = keys.toString(QKeySequence.SequenceFormat.NativeText)
            self.action_button.setToolTip(
                self.tr("{action} ({keys})").format(action=action.replace("&", ""), keys=native)
                if native
                else ""
            )

    def text(self) -> str:
        """Headline and sentence as one text (what a screen reader would read)."""
        return " ".join(t for t in (self.headline.text(), self.explanation.text()) if t)
