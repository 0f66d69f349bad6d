"""The time grid by keyboard: a cursor that walks the free slots and the appointments
(arrows in quarter hours and between columns, Ctrl+arrows from appointment to
appointment), and the requests the keys make of the page (open, menu, move, resize,
cancel). The appointment under the cursor is the selected one; the mouse moves the
cursor too (``TimeGridCanvas``). Like the mouse, the keys only *ask* through signals.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QWidget

from desk_app.domain.enums import ACTIVE_APPOINTMENT_STATUSES
from desk_app.services.rows import AppointmentRow
from desk_app.ui.calendar.grid_layout import (
    MIN_MINUTES,
    MOVABLE,
    PIXELS_PER_MINUTE,
    SNAP_MINUTES,
    GridBlock,
    snap_down,
)
from desk_app.ui.calendar.grid_painting import TimeGridPainting

_STEPS = {
    Qt.Key.Key_Up: -SNAP_MINUTES,
    Qt.Key.Key_Down: SNAP_MINUTES,
    Qt.Key.Key_PageUp: -60,
    Qt.Key.Key_PageDown: 60,
}


class TimeGridKeyboard(TimeGridPainting):
    """The keyboard cursor of the grid (see the module docstring).

    Signals:
        booking_requested(int, object, int): book free time: staff id, local start (aware
            datetime), minutes (0: the service's duration).
        move_requested(object, int, object): the appointment row, target staff id, new start.
        resize_requested(object, int): the appointment row, its new length in minutes.
        key_move_requested(object, int, object): as ``move_requested``, one step of a
            keyboard move (Alt+arrows): the steps of one gesture come one by one.
        key_resize_requested(object, int): as ``resize_requested``, by a key step.
        cancel_requested(object): cancel the appointment row.
        menu_requested(object, QPoint): the appointment's menu: row, global position.
        selection_changed(object): the selected appointment row, or None.
        cursor_moved(QRect): where the cursor is now (canvas coordinates), to scroll to.
    """

    booking_requested = Signal(int, object, int)
    move_requested = Signal(object, int, object)
    resize_requested = Signal(object, int)
    key_move_requested = Signal(object, int, object)
    key_resize_requested = Signal(object, int)
    cancel_requested = Signal(object)
    menu_requested = Signal(object, QPoint)
    selection_changed = Signal(object)
    cursor_moved = Signal(QRect)

    def __init__(self, time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(time_zone, parent)
        self._editable = True

    # ---- where the cursor is --------------------------------------------------------------
    def cursor_slot(self) -> tuple[int, int] | None:
        """Column index and local minute of the keyboard cursor (None before any focus)."""
        return self._cursor

    def selected(self) -> AppointmentRow | None:
        return next((b.row for b in self._blocks if b.row.id == self._selected), None)

    def _selected_block(self) -> GridBlock | None:
        return next((b for b in self._blocks if b.row.id == self._selected), None)

    def _ordered_blocks(self, column: int) -> list[GridBlock]:
        """A column's blocks from top to bottom; a booking before the cancelled one under it."""
        blocks = [b for b in self._blocks if b.column == column]
        return sorted(
            blocks, key=lambda b: (b.start, b.row.status not in ACTIVE_APPOINTMENT_STATUSES)
        )

    def _block_under(self, column: int, minute: int) -> GridBlock | None:
        return next((b for b in self._ordered_blocks(column) if b.start <= minute < b.end), None)

    def _select(self, block: GridBlock | None) -> None:
        selected = block.row.id if block else None
        if selected != self._selected:
            self._selected = selected
            self.selection_changed.emit(block.row if block else None)
            self.update()

    def _place_cursor(
        self, column: int, minute: float, block: GridBlock | None = None, scroll: bool = True
    ) -> None:
        """Put the cursor at a slot; the appointment there (or ``block``) becomes selected.
        ``scroll``: bring it on screen (not for a click, nor when the content is reloaded)."""
        if not self._columns:
            return
        column = max(0, min(column, len(self._columns) - 1))
        first, last = self.visible_range()
        slot = max(first, min(snap_down(minute), last - SNAP_MINUTES))
        self._cursor = (column, slot)
        self._select(block if block is not None else self._block_under(column, slot))
        if scroll:
            self.cursor_moved.emit(self.cursor_rect().toRect())
        self.update()

    def cursor_rect(self) -> QRectF:
        """The selected block, or the free quarter hour the cursor is on."""
        block = self._selected_block()
        if block is not None:
            return QRectF(block.rect)
        if self._cursor is None:
            return QRectF()
        column, minute = self._cursor
        x, width = self.column_span(column)
        return QRectF(x + 2, self.y_of(minute), width - 5, SNAP_MINUTES * PIXELS_PER_MINUTE)

    def _keep_cursor(self) -> None:
        """After new content: follow the selected appointment, else stay on the slot."""
        block = self._selected_block()
        if block is not None:
            self._cursor = (block.column, snap_down(block.start))
        elif self._cursor is not None and self._columns:
            column, minute = self._cursor
            self._place_cursor(column, minute, scroll=False)

    def _start_slot(self) -> tuple[int, int]:
        """Where the cursor starts: now on today's column, else the opening time."""
        now = self._now().astimezone(self._zone)
        for index, column in enumerate(self._columns):
            if column.day == now.date():
                return index, now.hour * 60 + now.minute
        column = self._columns[0]
        if column.opening:
            opens = column.opening[0].opens
            return 0, opens.hour * 60 + opens.minute
        return 0, self.visible_range()[0]

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        block = self._selected_block()
        if event.reason() == Qt.FocusReason.MouseFocusReason:
            pass  # the click itself puts the cursor where it belongs
        elif block is not None:
            self._place_cursor(block.column, block.start, block)
        elif self._cursor is None and self._columns:
            self._place_cursor(*self._start_slot())
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()  # the cursor frame is drawn only while the grid has the focus

    # ---- keys -------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = Qt.Key(event.key()), event.modifiers()
        plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ctrl = (
            modifiers & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.ControlModifier
        )
        if not self._columns:
            super().keyPressEvent(event)
        elif self._cursor is None and (plain or ctrl):
            self._place_cursor(*self._start_slot())
            if key not in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
                self.keyPressEvent(event)
        elif plain and key in _STEPS:
            self.step(_STEPS[key])
        elif plain and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.step_column(-1 if key == Qt.Key.Key_Left else 1)
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.next_appointment(1 if key == Qt.Key.Key_Down else -1)
        elif plain and key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            first, last = self.visible_range()
            column = self._cursor[0] if self._cursor else 0
            self._place_cursor(column, first if key == Qt.Key.Key_Home else last)
        elif plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.open_at_cursor()
        elif plain and key == Qt.Key.Key_Delete:
            self.cancel_selected()
        else:
            super().keyPressEvent(event)

    def step(self, minutes: int) -> None:
        """Up or down by ``minutes``; an appointment counts as one step, whatever its length."""
        if self._cursor is None:
            return
        column, minute = self._cursor
        block = self._selected_block()
        if block is not None and minutes > 0:
            target = max(block.end, minute + minutes) if minutes > SNAP_MINUTES else block.end
            target = -(-int(target) // SNAP_MINUTES) * SNAP_MINUTES  # the slot after it
        elif block is not None:
            target = snap_down(block.start) + minutes
        else:
            target = minute + minutes
        first, last = self.visible_range()
        if not first <= target < last:
            return
        landed = self._block_under(column, target)
        self._place_cursor(column, landed.start if landed else target, landed)

    def step_column(self, delta: int) -> None:
        if self._cursor is None:
            return
        column, minute = self._cursor
        block = self._selected_block()
        if block is not None and not block.start <= minute < block.end:
            minute = snap_down(block.start)
        self._place_cursor(column + delta, minute)

    def next_appointment(self, direction: int) -> None:
        """To the next (1) or previous (-1) appointment in the cursor's column."""
        if self._cursor is None:
            return
        column, minute = self._cursor
        blocks = self._ordered_blocks(column)
        current = self._selected_block()
        if current in blocks:
            index = blocks.index(current) + direction
            target = blocks[index] if 0 <= index < len(blocks) else None
        elif direction > 0:
            target = next((b for b in blocks if b.start > minute), None)
        else:
            target = next((b for b in reversed(blocks) if b.start < minute), None)
        if target is not None:
            self._place_cursor(column, target.start, target)

    # ---- what the keys ask for --------------------------------------------------------------
    def _anchor(self) -> QPoint:
        """Where a menu for the cursor opens: just inside its top left corner."""
        rect = self.cursor_rect()
        return self.mapToGlobal(QPoint(int(rect.left()) + 12, int(rect.top()) + 12))

    def open_at_cursor(self) -> None:
        """Enter: an appointment opens (its menu), free time opens a booking for that slot."""
        if self._cursor is None:
            return
        row = self.selected()
        if row is not None:
            self.menu_requested.emit(row, self._anchor())
        elif self._editable:
            column, minute = self._cursor
            start = self.local_start(column, minute)
            self.booking_requested.emit(self._columns[column].staff_id, start, 0)

    def menu_at_cursor(self) -> None:
        row = self.selected()
        if row is not None:
            self.menu_requested.emit(row, self._anchor())

    def cancel_selected(self) -> None:
        row = self.selected()
        if row is not None and row.status in ACTIVE_APPOINTMENT_STATUSES:
            self.cancel_requested.emit(row)

    def _editable_selection(self) -> GridBlock | None:
        block = self._selected_block()
        if block is None or not self._editable or block.pending:
            return None
        return block if block.row.status in MOVABLE else None

    def move_selected(self, minutes: int, columns: int = 0) -> None:
        """Move the selected appointment by a time step or to the neighbouring column; the
        block is drawn at its new place until the page reloads (or the move is refused)."""
        block = self._editable_selection()
        if block is None:
            return
        column = block.column + columns
        start = block.start + minutes
        length = block.end - block.start
        if not 0 <= column < len(self._columns) or start < 0 or start + length > 24 * 60:
            return
        self._pending[block.row.id] = (column, start, start + length)
        self._layout_blocks()
        self._cursor = (column, snap_down(start))
        self.cursor_moved.emit(self.cursor_rect().toRect())
        self.update()
        target = self._columns[column]
        start_at = self.local_start(column, int(start))
        self.key_move_requested.emit(block.row, target.staff_id, start_at)

    def resize_selected(self, minutes: int) -> None:
        block = self._editable_selection()
        if block is None:
            return
        end = block.end + minutes
        if end - block.start < MIN_MINUTES or end > 24 * 60:
            return
        self._pending[block.row.id] = (block.column, block.start, end)
        self._layout_blocks()
        self.update()
        self.key_resize_requested.emit(block.row, int(end - block.start))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self.menu_at_cursor()
            return
        block = self._block_at(QPointF(event.pos()))
        if block is None:
            return
        self._place_cursor(block.column, block.start, block)
        self.menu_requested.emit(block.row, event.globalPos())

    def _block_at(self, pos: QPointF) -> GridBlock | None:
        return next((b for b in reversed(self._blocks) if b.rect.contains(pos)), None)
