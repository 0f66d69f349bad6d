"""The menu of an appointment block (right click, Enter, the menu key): who and when,
status marks, another service, cancel, the notify switch. Each entry has a letter to
press (&), and the marks show the grid's own keys for them (``shortcuts.CALENDAR_SHORTCUTS``).

Every entry changes the booking: for a member who may not book (a stylist, issue 12) the
menu's own ``AccessGate`` greys them with the reason, and follows a switch of the member
while the menu is open."""

from __future__ import annotations

import operator
from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from desk_app.domain.enums import ACTIVE_APPOINTMENT_STATUSES, AppointmentStatus, Permission
from desk_app.services.rows import AppointmentRow
from desk_app.ui.access_gate import AccessGate
from desk_app.ui.shortcuts import CALENDAR_SHORTCUTS
from desk_app.ui.signed_in import SignedIn

_KEYS = {
    AppointmentStatus.ARRIVED: "mark_arrived",
    AppointmentStatus.NO_SHOW: "mark_no_show",
}


class AppointmentMenu(QMenu):
    """What can be done with one appointment; it deletes itself once closed.

    Signals:
        status_chosen(object, object): the AppointmentRow and the AppointmentStatus chosen.
        cancel_chosen(object): "Cancel appointment" for the AppointmentRow.
        notify_toggled(object, bool): the notify switch of the AppointmentRow was flipped.
        service_chosen(object, int): another service (its id) for the AppointmentRow.
    """

    status_chosen = Signal(object, object)
    cancel_chosen = Signal(object)
    notify_toggled = Signal(object, bool)
    service_chosen = Signal(object, int)

    def __init__(
        self,
        row: AppointmentRow,
        signed_in: SignedIn,
        parent: QWidget | None = None,
        details: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("appointment_menu")
        self.setToolTipsVisible(True)  # a greyed entry's tooltip says why
        gate = AccessGate(signed_in, self)
        active = row.status in ACTIVE_APPOINTMENT_STATUSES
        if details:  # who, what and when (the block's tooltip), as the menu's heading
            self.addSection(" · ".join(details.splitlines()[:3]))
        keys = {s.key: s for s in CALENDAR_SHORTCUTS}
        for status, text in (
            (AppointmentStatus.ARRIVED, self.tr("&Arrived")),
            (AppointmentStatus.DONE, self.tr("&Done")),
            (AppointmentStatus.NO_SHOW, self.tr("&No-show")),
        ):
            action = self.addAction(text)
            gate.guard(action, Permission.BOOK, partial(operator.is_not, row.status, status))
            if status in _KEYS:  # shown only: the grid's action does the work
                action.setShortcuts(keys[_KEYS[status]].key_sequences())
            action.triggered.connect(lambda _=False, s=status: self.status_chosen.emit(row, s))
        if not active:
            action = self.addAction(self.tr("&Back to booked"))
            gate.guard(action, Permission.BOOK)
            action.triggered.connect(lambda: self.status_chosen.emit(row, AppointmentStatus.BOOKED))
        # Filled by ``set_services`` (read in the background when the menu opens).
        self._services = self.addMenu(self.tr("Change &service"))
        self._services.setObjectName("change_service")
        self._services.setToolTipsVisible(True)
        self._row = row
        self._gate = gate
        self._has_services = False
        gate.guard(
            self._services.menuAction(), Permission.BOOK, lambda: active and self._has_services
        )
        self.addSeparator()
        cancel = self.addAction(self.tr("&Cancel appointment"))
        cancel.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        gate.guard(cancel, Permission.BOOK, lambda: active)
        cancel.triggered.connect(lambda: self.cancel_chosen.emit(row))
        self.addSeparator()
        notify = self.addAction(self.tr("Send confirmation and &reminder"))
        notify.setCheckable(True)
        notify.setChecked(row.notify)
        gate.guard(notify, Permission.BOOK, lambda: active)
        notify.toggled.connect(lambda on: self.notify_toggled.emit(row, on))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def set_services(self, services: list[tuple[int, str]]) -> None:
        """The services to choose from, (id, name); the appointment's own is ticked."""
        self._services.clear()
        row = self._row
        for service_id, name in services:
            action = self._services.addAction(name)
            action.setCheckable(True)
            action.setChecked(service_id == row.service_id)
            action.triggered.connect(
                lambda _=False, sid=service_id: self.service_chosen.emit(row, sid)
            )
        self._has_services = bool(services)
        self._gate.refresh()

    def service_menu(self) -> QMenu:
        return self._services

    def event(self, event: QEvent) -> bool:
        # The grid keeps the focus while its menu is open, so its letter keys ("A" for
        # arrived) would win over this menu's own letters: claim plain letters here.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
            and event.text().isalpha()
        ):
            event.accept()
            return True
        return super().event(event)
