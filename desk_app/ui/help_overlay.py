"""A panel listing every keyboard shortcut (F1), built from ``shortcuts.SHORTCUTS``, the
calendar grid's keys (``CALENDAR_SHORTCUTS``) and the sections' own keys
(``SECTION_SHORTCUTS``): the same tables the menu bar shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.ui.shortcuts import CALENDAR_SHORTCUTS, SECTION_SHORTCUTS, SHORTCUTS


class HelpOverlay(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setObjectName("help_overlay")
        listed = SHORTCUTS + CALENDAR_SHORTCUTS + SECTION_SHORTCUTS
        table = QTableWidget(len(listed), 2)
        table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        table.setObjectName("shortcut_table")
        table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        for row, shortcut in enumerate(listed):
            table.setItem(row, 0, QTableWidgetItem(shortcut.text()))
            table.setItem(row, 1, QTableWidgetItem(shortcut.keys_text()))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Press F1 at any time to see this list again."))
        hint.setAlignment(Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        # Made smaller, the table keeps both columns readable (it scrolls down instead).
        self.setMinimumSize(460, 320)
        self.resize(520, 520)
