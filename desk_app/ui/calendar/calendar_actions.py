"""The calendar's keyboard actions (``shortcuts.CALENDAR_SHORTCUTS``): one QAction each,
bound to both grids so the keys work while a grid has the focus, and handed to the main
window, whose menu bar shows them (a click there acts on the same appointment).

Those that change a booking are greyed, with the reason, for a member who may not book
(a stylist, issue 12), through the page's ``AccessGate``; their keys, pressed anyway,
say why instead of doing nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence

from desk_app.domain.enums import ACTIVE_APPOINTMENT_STATUSES, AppointmentStatus, Permission
from desk_app.services.rows import AppointmentRow
from desk_app.ui.access_gate import AccessGate
from desk_app.ui.calendar.grid import TimeGridCanvas, TimeGridView
from desk_app.ui.calendar.grid_layout import MOVABLE, SNAP_MINUTES
from desk_app.ui.shortcuts import CALENDAR_SHORTCUTS

# What needs an appointment under the cursor, and of which kind.
_NEEDS_ACTIVE = {"cancel_appointment"}
_NEEDS_MOVABLE = {"move_earlier", "move_later", "move_left", "move_right", "shorter", "longer"}
_STATUS = {"mark_arrived": AppointmentStatus.ARRIVED, "mark_no_show": AppointmentStatus.NO_SHOW}
# What changes a booking (the booking service refuses it to a member who may not book).
_CHANGES_BOOKING = _NEEDS_ACTIVE | _NEEDS_MOVABLE | set(_STATUS)


class CalendarActions(QObject):
    """Builds the actions; ``current`` returns the view on screen, ``set_status`` marks;
    ``gate`` greys what the member may not do, and ``refused`` is told why when its key
    is pressed anyway."""

    def __init__(
        self,
        views: Sequence[TimeGridView],
        current: Callable[[], TimeGridView],
        set_status: Callable[[AppointmentRow, AppointmentStatus], None],
        gate: AccessGate,
        refused: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._current = current
        self._set_status = set_status
        self._gate = gate
        self._refused = refused
        handlers: dict[str, Callable[[TimeGridCanvas], None]] = {
            "open_appointment": TimeGridCanvas.open_at_cursor,
            "appointment_menu": TimeGridCanvas.menu_at_cursor,
            "cancel_appointment": TimeGridCanvas.cancel_selected,
            "move_earlier": lambda c: c.move_selected(-SNAP_MINUTES),
            "move_later": lambda c: c.move_selected(SNAP_MINUTES),
            "move_left": lambda c: c.move_selected(0, -1),
            "move_right": lambda c: c.move_selected(0, 1),
            "shorter": lambda c: c.resize_selected(-SNAP_MINUTES),
            "longer": lambda c: c.resize_selected(SNAP_MINUTES),
            "next_appointment": lambda c: c.next_appointment(1),
            "previous_appointment": lambda c: c.next_appointment(-1),
        }
        for key, status in _STATUS.items():
            handlers[key] = self._marker(status)
        self._actions: dict[str, QAction] = {}
        for shortcut in CALENDAR_SHORTCUTS:
            action = QAction(shortcut.text(), self)
            action.setObjectName(shortcut.key)
            action.setShortcuts(shortcut.key_sequences())
            # Only while a grid has the focus: Enter, Del and letters keep their meaning
            # everywhere else (a search field, a table).
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            handler = handlers[shortcut.key]
            action.triggered.connect(lambda _=False, h=handler: h(self._current().canvas()))
            for view in views:
                view.canvas().addAction(action)
            self._actions[shortcut.key] = action
            if shortcut.key in _CHANGES_BOOKING:
                gate.guard(action, Permission.BOOK, partial(self._applies, shortcut.key))
        for view in views:
            view.canvas().selection_changed.connect(self._update)
            # Shown or hidden with its section: the menu bar must not act on a grid out
            # of sight (Cancel chosen in the outbox would cancel an unseen appointment).
            view.canvas().installEventFilter(self)
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._update()
        elif isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            # A greyed action's key reaches the grid like any key: say why, do nothing.
            reason = self._gate.refusal(Permission.BOOK)
            if reason and self._refused_key(event):
                self._refused(reason)
                return True
        return super().eventFilter(watched, event)

    def _refused_key(self, event: QKeyEvent) -> bool:
        """Whether the key is that of a booking change that would apply here."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        pressed = QKeySequence(QKeyCombination(modifiers, Qt.Key(event.key())))
        return any(
            self._applies(key)
            and any(
                sequence.matches(pressed) is QKeySequence.SequenceMatch.ExactMatch
                for sequence in self._actions[key].shortcuts()
            )
            for key in _CHANGES_BOOKING
        )

    def actions(self) -> dict[str, QAction]:
        return dict(self._actions)

    def _marker(self, status: AppointmentStatus) -> Callable[[TimeGridCanvas], None]:
        def mark(canvas: TimeGridCanvas) -> None:
            row = canvas.selected()
            if row is not None and row.status is not status:
                self._set_status(row, status)

        return mark

    def _applies(self, key: str) -> bool:
        """Whether the action makes sense for the appointment (or free time) at the
        cursor; nothing does while the grid is out of sight."""
        canvas = self._current().canvas()
        if not canvas.isVisible():
            return False
        row = canvas.selected()
        if key in _STATUS:
            return row is not None and row.status is not _STATUS[key]
        if key in _NEEDS_ACTIVE:
            return row is not None and row.status in ACTIVE_APPOINTMENT_STATUSES
        if key in _NEEDS_MOVABLE:
            return row is not None and row.status in MOVABLE
        if key == "appointment_menu":
            return row is not None
        return True

    def _update(self, _row: object = None) -> None:
        """Grey out what makes no sense at the cursor (the gate, for the booking changes,
        also what the member may not do)."""
        for key, action in self._actions.items():
            if key not in _CHANGES_BOOKING:
                action.setEnabled(self._applies(key))
        self._gate.refresh()

    def refresh(self) -> None:
        """The view on screen changed (day ↔ week) or was reloaded."""
        self._update()
