"""Cancelling or changing an appointment of a recurring series asks: only this one, or
this one and every later one of the series? (Escape: neither.)"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget


class SeriesCancelQuestion(QMessageBox):
    """Signals:
    only_this(): cancel this appointment only.
    and_following(): cancel this one and every later one of its series."""

    only_this = Signal()
    and_following = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("series_cancel")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Cancel recurring appointment"))
        self.setText(self.tr("This appointment is part of a series. Cancel which?"))
        self.only = self.addButton(self.tr("&Only this one"), QMessageBox.ButtonRole.AcceptRole)
        self.only.setObjectName("only_this")
        self.following = self.addButton(
            self.tr("This and &all following"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.following.setObjectName("and_following")
        self.keep = self.addButton(self.tr("&Keep"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.only)
        self.setEscapeButton(self.keep)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttonClicked.connect(self._on_button_clicked)

    def _on_button_clicked(self, button: object) -> None:
        if button is self.only:
            self.only_this.emit()
        elif button is self.following:
            self.and_following.emit()


class SeriesChangeQuestion(SeriesCancelQuestion):
    """Changing (moving, resizing, another staff member or service) an appointment of a
    series asks the same: only this one, or this one and every later one? Escape or
    "Keep as it was": no change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("series_change")
        self.setWindowTitle(self.tr("Change recurring appointment"))
        self.setText(self.tr("This appointment is part of a series. Change which?"))
        self.following.setText(self.tr("This and &all following"))
        self.keep.setText(self.tr("&Keep as it was"))
