"""The right-click menu of an appointment block: status marks, cancel, the notify switch."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from desk_app.domain.enums import ACTIVE_APPOINTMENT_STATUSES, AppointmentStatus
from desk_app.services.rows import AppointmentRow


class AppointmentMenu(QMenu):
    """What can be done with one appointment; it deletes itself once closed.

    Signals:
        status_chosen(object, object): the AppointmentRow and the AppointmentStatus chosen.
        cancel_chosen(object): "Cancel appointment" for the AppointmentRow.
        notify_toggled(object, bool): the notify switch of the AppointmentRow was flipped.
    """

    status_chosen = Signal(object, object)
    cancel_chosen = Signal(object)
    notify_toggled = Signal(object, bool)

    def __init__(self, row: AppointmentRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        active = row.status in ACTIVE_APPOINTMENT_STATUSES
        for status, text in (
            (AppointmentStatus.ARRIVED, self.tr("Arrived")),
            (AppointmentStatus.DONE, self.tr("Done")),
            (AppointmentStatus.NO_SHOW, self.tr("No-show")),
        ):
            action = self.addAction(text)
            action.setEnabled(row.status is not status)
            action.triggered.connect(lambda _=False, s=status: self.status_chosen.emit(row, s))
        if not active:
            action = self.addAction(self.tr("Back to booked"))
            action.triggered.connect(lambda: self.status_chosen.emit(row, AppointmentStatus.BOOKED))
        self.addSeparator()
        cancel = self.addAction(self.tr("Cancel appointment"))
        cancel.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        cancel.setEnabled(active)
        cancel.triggered.connect(lambda: self.cancel_chosen.emit(row))
        self.addSeparator()
        notify = self.addAction(self.tr("Send confirmation and reminder"))
        notify.setCheckable(True)
        notify.setChecked(row.notify)
        notify.setEnabled(active)
        notify.toggled.connect(lambda on: self.notify_toggled.emit(row, on))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
