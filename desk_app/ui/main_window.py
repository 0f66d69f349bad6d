"""The main window: sections on the left, the chosen section on the right.

The sections are placeholders until the calendar, customer and outbox screens land.

Signals:
    section_changed(str): the user switched to another section (its key).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

SECTION_KEYS = ("calendar", "customers", "marketing", "outbox")


class MainWindow(QMainWindow):
    section_changed = Signal(str)

    def __init__(self, salon_name: str, settings: QSettings | None = None) -> None:
        super().__init__()
        self._settings = settings
        self.setWindowTitle(self.tr("Salon Desk – {salon}").format(salon=salon_name))
        self.setMinimumSize(1024, 640)

        self._sections = QListWidget()
        self._sections.setObjectName("sections")
        self._sections.setFixedWidth(180)
        self._pages = QStackedWidget()
        titles = {
            "calendar": self.tr("Calendar"),
            "customers": self.tr("Customers"),
            "marketing": self.tr("Marketing"),
            "outbox": self.tr("Outbox"),
        }
        for key in SECTION_KEYS:
            item = QListWidgetItem(titles[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            self._sections.addItem(item)
            self._pages.addWidget(self._placeholder(titles[key]))
        self._sections.currentRowChanged.connect(self._on_sections_current_row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self._sections)
        layout.addWidget(self._pages, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(self.tr("Ready"))
        self._sections.setCurrentRow(0)
        self._restore_geometry()

    def current_section(self) -> str:
        return SECTION_KEYS[self._pages.currentIndex()]

    def _placeholder(self, title: str) -> QWidget:
        label = QLabel(self.tr("{section} – coming soon").format(section=title))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def _on_sections_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self._pages.setCurrentIndex(row)
        self.section_changed.emit(SECTION_KEYS[row])

    def _restore_geometry(self) -> None:
        if self._settings is None:
            return
        geometry = self._settings.value("window/geometry", QByteArray(), type=QByteArray)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self._settings is not None:
            self._settings.setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
