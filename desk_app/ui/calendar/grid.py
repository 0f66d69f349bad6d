"""The time grid both calendar views draw: a column per staff member (day view) or per
day (week view), appointment blocks, shaded closed time and absences, the "now" line,
and the mouse work on it (new booking on free time, drag-move, resize by the bottom edge).
Here: the mouse (``TimeGridCanvas``), the column header and the scrolling view; where
things are is ``grid_layout``, how they look ``grid_painting``, the keys ``grid_keyboard``.

The grid only *asks* for changes through signals; the page carries them out (through
the undo stack) and reloads. Until then a moved block is drawn at its new place, and
``clear_pending`` puts it back when the change was refused. Widgets only: no services.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, time

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QToolTip, QVBoxLayout, QWidget

from desk_app.domain.enums import BookingSource
from desk_app.services.rows import AppointmentRow
from desk_app.ui.calendar.grid_keyboard import TimeGridKeyboard
from desk_app.ui.calendar.grid_layout import (
    MIN_COLUMN_WIDTH,
    MOVABLE,
    RESIZE_GRIP,
    SNAP_MINUTES,
    TOP_MARGIN,
    Gesture,
    GridBlock,
    GridColumn,
    snap,
    snap_down,
)
from desk_app.ui.calendar.header_badge import BADGE_MIN_WIDTH, BadgeCache
from desk_app.ui.calendar.phase_painting import shortest_end


class TimeGridCanvas(TimeGridKeyboard):
    """The painted grid inside the scroll area (signals: see TimeGridKeyboard).

    By mouse: double click or drag over free time asks for a booking, a block dropped
    elsewhere for a move, its bottom edge dragged for a new length, right click for its
    menu. A click also puts the keyboard cursor there.
    """

    def __init__(self, time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(time_zone, parent)
        self._press_pos = QPoint()
        self._grab_offset = 0.0  # minutes between the block's start and the pointer
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # ---- content --------------------------------------------------------------------------
    def set_columns(self, columns: Sequence[GridColumn], service_colours: dict[int, str]) -> None:
        self._columns = tuple(columns)
        self._colours = dict(service_colours)
        self._pending.clear()
        self._cancel_gesture()
        ids = {a.id for c in self._columns for a in c.appointments}
        if self._selected is not None and self._selected not in ids:
            self._selected = None
            self.selection_changed.emit(None)
        self._compute_row_minutes()
        self._first, self._last = self._visible_range()
        self.setMinimumWidth(self._gutter() + MIN_COLUMN_WIDTH * max(1, len(self._columns)))
        self._update_height()
        self._layout_blocks()
        self._keep_cursor()
        self.update()

    def set_editable(self, editable: bool) -> None:
        """While a change is being saved, further drags would race it: refuse them."""
        self._editable = editable
        if not editable and self._mode in (Gesture.MOVE, Gesture.RESIZE, Gesture.SELECT):
            self._cancel_gesture()

    def is_editable(self) -> bool:
        return self._editable

    def clear_pending(self) -> None:
        """A move or resize was refused: draw the blocks where they really are."""
        self._pending.clear()
        self._layout_blocks()
        self._keep_cursor()
        self.update()

    def columns(self) -> tuple[GridColumn, ...]:
        return self._columns

    # ---- mouse ----------------------------------------------------------------------------
    def _can_edit(self, block: GridBlock) -> bool:
        return self._editable and not block.pending and block.row.status in MOVABLE

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position()
        self._press_pos = event.position().toPoint()
        block = self._block_at(pos)
        column = self.column_at(pos.x())
        if block is not None:
            self._place_cursor(block.column, block.start, block, scroll=False)
        elif column is not None:
            self._place_cursor(column, self.minute_at(pos.y()), scroll=False)
        else:
            self._select(None)
        if block is not None:
            if not self._can_edit(block):
                return
            self._press_block = block
            if pos.y() >= block.rect.bottom() - RESIZE_GRIP:
                self._mode = Gesture.RESIZE
                self._ghost = (block.column, block.start, block.end)
            else:
                self._mode = Gesture.PRESS_BLOCK
                self._grab_offset = self.minute_at(pos.y()) - block.start
            return
        if column is not None and self._editable:
            self._mode = Gesture.PRESS_FREE
            start = snap_down(self.minute_at(pos.y()))
            self._selection = (column, start, start + SNAP_MINUTES)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._mode is Gesture.IDLE:
            self._update_cursor(pos)
            return
        moved = (event.position().toPoint() - self._press_pos).manhattanLength()
        if self._mode is Gesture.PRESS_BLOCK and moved >= QApplication.startDragDistance():
            self._mode = Gesture.MOVE
        if self._mode is Gesture.PRESS_FREE and moved >= QApplication.startDragDistance():
            self._mode = Gesture.SELECT
        block = self._press_block
        if self._mode is Gesture.MOVE and block is not None:
            column = self.column_at(pos.x())
            if column is None:
                column = 0 if pos.x() < self._gutter() else len(self._columns) - 1
            length = block.end - block.start
            start = snap(self.minute_at(pos.y()) - self._grab_offset)
            start = max(self._first, min(start, int(self._last - length)))
            self._ghost = (column, start, start + length)
        elif self._mode is Gesture.RESIZE and block is not None:
            end = max(shortest_end(block.row, block.start), snap(self.minute_at(pos.y())))
            self._ghost = (block.column, block.start, min(end, 24 * 60))
        elif self._mode is Gesture.SELECT and self._selection is not None:
            column, anchor, _ = self._selection
            here = self.minute_at(pos.y())
            if here >= anchor:
                self._selection = (column, anchor, max(anchor + SNAP_MINUTES, snap(here)))
            else:
                self._selection = (column, snap_down(here), anchor + SNAP_MINUTES)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        mode, block, ghost, selection = self._mode, self._press_block, self._ghost, self._selection
        self._cancel_gesture()
        if mode is Gesture.MOVE and block is not None and ghost is not None:
            column, start, end = ghost
            if (column, start) != (block.column, block.start):
                self._pending[block.row.id] = ghost
                self._layout_blocks()
                target = self._columns[column]
                self.move_requested.emit(
                    block.row, target.staff_id, self.local_start(column, int(start))
                )
        elif mode is Gesture.RESIZE and block is not None and ghost is not None:
            column, start, end = ghost
            if end != block.end:
                self._pending[block.row.id] = ghost
                self._layout_blocks()
                self.resize_requested.emit(block.row, int(end - start))
        elif mode is Gesture.SELECT and selection is not None:
            column, start, end = selection
            self.booking_requested.emit(
                self._columns[column].staff_id, self.local_start(column, start), end - start
            )
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if event.button() != Qt.MouseButton.LeftButton:
            return
        block = self._block_at(pos)
        if block is not None:  # as Enter does: the appointment opens (its menu)
            self._cancel_gesture()
            self.menu_requested.emit(block.row, event.globalPosition().toPoint())
            return
        column = self.column_at(pos.x())
        if column is None or not self._editable:
            return
        self._cancel_gesture()
        start = snap_down(self.minute_at(pos.y()))
        self.booking_requested.emit(
            self._columns[column].staff_id, self.local_start(column, start), 0
        )

    def _cancel_gesture(self) -> None:
        self._mode = Gesture.IDLE
        self._press_block = None
        self._ghost = None
        self._selection = None
        self.update()

    def _update_cursor(self, pos: QPointF) -> None:
        block = self._block_at(pos)
        if block is not None and self._can_edit(block):
            near_bottom = pos.y() >= block.rect.bottom() - RESIZE_GRIP
            shape = Qt.CursorShape.SizeVerCursor if near_bottom else Qt.CursorShape.OpenHandCursor
            self.setCursor(shape)
        else:
            self.unsetCursor()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._mode is not Gesture.IDLE:
            self._cancel_gesture()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            block = self._block_at(QPointF(event.pos()))
            if block is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_text(block.row), self)
            return True
        return super().event(event)

    def tooltip_text(self, row: AppointmentRow) -> str:
        start, end = row.starts_at.astimezone(self._zone), row.ends_at.astimezone(self._zone)
        lines = [
            row.customer_name,
            row.service_name,
            self.tr("{start}–{end} with {staff}").format(
                start=self._clock_text(start.time()),
                end=self._clock_text(end.time()),
                staff=row.staff_name,
            ),
            self.tr("Status: {status}").format(status=self.status_text(row.status)),
        ]
        if row.source is BookingSource.ONLINE:
            lines.append(self.tr("Booked online by the customer"))
        if not row.notify:
            lines.append(self.tr("No confirmation or reminder is sent."))
        if row.note:
            lines.append(row.note)
        return "\n".join(lines)


class _GridHeader(QWidget):
    """Column titles above the scrolling grid, kept aligned with its columns."""

    def __init__(self, canvas: TimeGridCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self._offset = 0
        self._badges = BadgeCache()
        metrics = QFontMetrics(self.font())
        self.setFixedHeight(metrics.height() * 2 + 14)

    def set_offset(self, offset: int) -> None:
        self._offset = offset
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        metrics = QFontMetrics(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        line = metrics.height()
        for index, column in enumerate(self._canvas.columns()):
            x, width = self._canvas.column_span(index)
            x -= self._offset
            if x + width < 0 or x > self.width():
                continue  # scrolled out of sight: forty titles elided for a dozen shown
            area = QRectF(x + 4, 4, width - 8, line)
            if column.initials and width >= BADGE_MIN_WIDTH:
                area = self._paint_badge(painter, column, area, line)
            painter.setFont(bold)
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(
                area,
                Qt.AlignmentFlag.AlignHCenter,
                bold_metrics.elidedText(
                    column.title, Qt.TextElideMode.ElideRight, int(area.width())
                ),
            )
            painter.setFont(self.font())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                area.translated(0, line + 1),
                Qt.AlignmentFlag.AlignHCenter,
                metrics.elidedText(column.subtitle, Qt.TextElideMode.ElideRight, int(area.width())),
            )
            if column.accent:
                painter.fillRect(
                    QRectF(x + 6, self.height() - 5, width - 12, 3), QColor(column.accent)
                )
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.end()

    def _paint_badge(
        self, painter: QPainter, column: GridColumn, area: QRectF, line: int
    ) -> QRectF:
        """The staff member's initials left of the two title lines; the text area left."""
        side = line * 2
        pixmap = self._badges.pixmap(
            column.initials,
            column.accent,
            side,
            self.font(),
            self.palette(),
            self.devicePixelRatioF(),
        )
        painter.drawPixmap(QPointF(area.left() + 2, area.top()), pixmap)
        return area.adjusted(side + 8, 0, 0, 0)


class TimeGridView(QWidget):
    """Header plus scrolling grid; the base of the day and week views.

    Signals:
        booking_requested(int, object, int): see TimeGridCanvas.
        move_requested(object, int, object): see TimeGridCanvas.
        resize_requested(object, int): see TimeGridCanvas.
        key_move_requested(object, int, object): see TimeGridCanvas.
        key_resize_requested(object, int): see TimeGridCanvas.
        cancel_requested(object): see TimeGridCanvas.
        menu_requested(object, QPoint): see TimeGridCanvas.
    """

    booking_requested = Signal(int, object, int)
    move_requested = Signal(object, int, object)
    resize_requested = Signal(object, int)
    key_move_requested = Signal(object, int, object)
    key_resize_requested = Signal(object, int)
    cancel_requested = Signal(object)
    menu_requested = Signal(object, QPoint)

    def __init__(self, time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._canvas = TimeGridCanvas(time_zone)
        self._header = _GridHeader(self._canvas)
        self._scroll = QScrollArea()
        self._scroll.setWidget(self._canvas)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # The canvas takes the keys. A focusable scroll area was a Tab stop that shows no
        # focus, and where Qt put the cursor when a focused widget above it hid (the
        # waitlist notice after Enter booked): arrows then scrolled instead of moving.
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._scroll.horizontalScrollBar().valueChanged.connect(self._header.set_offset)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header)
        layout.addWidget(self._scroll, 1)
        self._canvas.booking_requested.connect(self.booking_requested)
        self._canvas.move_requested.connect(self.move_requested)
        self._canvas.resize_requested.connect(self.resize_requested)
        self._canvas.key_move_requested.connect(self.key_move_requested)
        self._canvas.key_resize_requested.connect(self.key_resize_requested)
        self._canvas.cancel_requested.connect(self.cancel_requested)
        self._canvas.menu_requested.connect(self.menu_requested)
        self._canvas.cursor_moved.connect(self._on_canvas_cursor_moved)
        self._scrolled_once = False
        self._scroll_target: int | None = None  # y to show once the grid has its size
        self._scroll.verticalScrollBar().rangeChanged.connect(self._on_scroll_range_changed)

    def canvas(self) -> TimeGridCanvas:
        return self._canvas

    def column_count(self) -> int:
        return len(self._canvas.columns())

    def set_clock(self, now: Callable[[], datetime]) -> None:
        self._canvas.set_clock(now)

    def set_editable(self, editable: bool) -> None:
        self._canvas.set_editable(editable)

    def clear_pending(self) -> None:
        self._canvas.clear_pending()

    def _show_columns(self, columns: Sequence[GridColumn], colours: dict[int, str]) -> None:
        keep = self._scroll.verticalScrollBar().value()
        self._canvas.set_columns(columns, colours)
        self._header.update()
        if self._scrolled_once:
            self._scroll.verticalScrollBar().setValue(keep)

    def scroll_to(self, local: time) -> None:
        """Bring a time of day near the top (an hour of context above it)."""
        self._scrolled_once = True
        hour_before = (local.hour * 60 + local.minute - 60) // 60 * 60
        minute = max(self._canvas.visible_range()[0], hour_before)
        self._scroll_target = int(self._canvas.y_of(minute)) - TOP_MARGIN
        self._on_scroll_range_changed(0, self._scroll.verticalScrollBar().maximum())

    def _on_canvas_cursor_moved(self, rect: QRect) -> None:
        # The cursor stays on screen, with a little of what is around it.
        centre = rect.center()
        self._scroll.ensureVisible(
            centre.x(), centre.y(), rect.width() // 2 + 8, min(rect.height() // 2 + 30, 200)
        )

    def _on_scroll_range_changed(self, _minimum: int, maximum: int) -> None:
        # Before the view is shown the scroll range is still empty: apply the wish later.
        if self._scroll_target is None or maximum <= 0:
            return
        self._scroll.verticalScrollBar().setValue(self._scroll_target)
        if maximum >= self._scroll_target:
            self._scroll_target = None
