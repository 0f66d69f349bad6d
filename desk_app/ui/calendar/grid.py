"""The time grid both calendar views draw: a column per staff member (day view) or per
day (week view), appointment blocks, shaded closed time and absences, the "now" line,
and the mouse work on it (new booking on free time, drag-move, resize by the bottom edge).

The grid only *asks* for changes through signals; the page carries them out (through
the undo stack) and reloads. Until then a moved block is drawn at its new place, and
``clear_pending`` puts it back when the change was refused. Widgets only: no services.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import ACTIVE_APPOINTMENT_STATUSES, AbsenceKind, AppointmentStatus
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.calendar_view import AbsenceRow
from desk_app.services.rows import AppointmentRow

SNAP_MINUTES = 15
MIN_MINUTES = 15
PIXELS_PER_MINUTE = 1.5  # 90 px an hour: a 15-minute slot still holds a line of text
MIN_COLUMN_WIDTH = 130
TOP_MARGIN = 8  # room for the first hour label
RESIZE_GRIP = 6  # px above a block's bottom edge that resize instead of move
DEFAULT_RANGE = (8 * 60, 20 * 60)  # when nothing else says which hours to show
# Only these can be dragged: a finished, missed or cancelled visit is history.
MOVABLE = frozenset({AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED})


@dataclass(frozen=True)
class GridColumn:
    staff_id: int
    day: date
    title: str
    subtitle: str = ""
    accent: str | None = None  # the staff member's colour, a stripe under the title
    opening: tuple[OpeningInterval, ...] = ()
    opening_hours_set: bool = True  # False: the salon set none, so nothing is "closed"
    appointments: tuple[AppointmentRow, ...] = ()
    absences: tuple[AbsenceRow, ...] = ()


@dataclass
class _Block:
    row: AppointmentRow
    column: int
    start: float  # minutes after local midnight of the column's day
    end: float
    rect: QRectF = field(default_factory=QRectF)
    pending: bool = False  # drawn where a move/resize will put it, not yet confirmed


class _Mode(enum.Enum):
    IDLE = enum.auto()
    PRESS_BLOCK = enum.auto()
    MOVE = enum.auto()
    RESIZE = enum.auto()
    PRESS_FREE = enum.auto()
    SELECT = enum.auto()


def snap(minutes: float) -> int:
    return int(math.floor(minutes / SNAP_MINUTES + 0.5)) * SNAP_MINUTES


def snap_down(minutes: float) -> int:
    return int(math.floor(minutes / SNAP_MINUTES)) * SNAP_MINUTES


def _text_on(background: QColor) -> QColor:
    # Dark text on light service colours, white on dark ones (WCAG relative luminance).
    return QColor("#1a1a1a") if background.lightnessF() > 0.55 else QColor("white")


class TimeGridCanvas(QWidget):
    """The painted grid inside the scroll area.

    Signals:
        booking_requested(int, object, int): free time was double-clicked or dragged over:
            staff id, local start (aware datetime), minutes (0: the service's duration).
        move_requested(object, int, object): a block was dropped elsewhere: the appointment
            row, the target staff id and the new local start.
        resize_requested(object, int): a block's bottom edge was dragged: row, new minutes.
        cancel_requested(object): Delete was pressed on the selected appointment.
        menu_requested(object, QPoint): right click on a block: row, global position.
        selection_changed(object): the selected appointment row, or None.
    """

    booking_requested = Signal(int, object, int)
    move_requested = Signal(object, int, object)
    resize_requested = Signal(object, int)
    cancel_requested = Signal(object)
    menu_requested = Signal(object, QPoint)
    selection_changed = Signal(object)

    def __init__(self, time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = ZoneInfo(time_zone)
        self._now: Callable[[], datetime] = lambda: datetime.now(UTC)
        self._columns: tuple[GridColumn, ...] = ()
        self._colours: dict[int, str] = {}
        self._blocks: list[_Block] = []
        self._pending: dict[int, tuple[int, float, float]] = {}  # id → column, start, end
        self._first, self._last = DEFAULT_RANGE
        self._selected: int | None = None
        self._editable = True
        self._mode = _Mode.IDLE
        self._press_pos = QPoint()
        self._press_block: _Block | None = None
        self._grab_offset = 0.0  # minutes between the block's start and the pointer
        self._ghost: tuple[int, float, float] | None = None  # column, start, end
        self._selection: tuple[int, int, int] | None = None  # column, start, end
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self._tick = QTimer(self)
        self._tick.setInterval(60_000)  # the now line moves a pixel and a half a minute
        self._tick.timeout.connect(self.update)
        self._tick.start()
        self._update_height()

    # ---- content --------------------------------------------------------------------------
    def set_clock(self, now: Callable[[], datetime]) -> None:
        self._now = now
        self.update()

    def set_time_zone(self, time_zone: str) -> None:
        self._zone = ZoneInfo(time_zone)

    def set_columns(self, columns: Sequence[GridColumn], service_colours: dict[int, str]) -> None:
        self._columns = tuple(columns)
        self._colours = dict(service_colours)
        self._pending.clear()
        self._cancel_gesture()
        ids = {a.id for c in self._columns for a in c.appointments}
        if self._selected is not None and self._selected not in ids:
            self._selected = None
            self.selection_changed.emit(None)
        self._first, self._last = self._visible_range()
        self.setMinimumWidth(self._gutter() + MIN_COLUMN_WIDTH * max(1, len(self._columns)))
        self._update_height()
        self._layout_blocks()
        self.update()

    def set_editable(self, editable: bool) -> None:
        """While a change is being saved, further drags would race it: refuse them."""
        self._editable = editable
        if not editable and self._mode in (_Mode.MOVE, _Mode.RESIZE, _Mode.SELECT):
            self._cancel_gesture()

    def clear_pending(self) -> None:
        """A move or resize was refused: draw the blocks where they really are."""
        self._pending.clear()
        self._layout_blocks()
        self.update()

    def columns(self) -> tuple[GridColumn, ...]:
        return self._columns

    def selected(self) -> AppointmentRow | None:
        return next((b.row for b in self._blocks if b.row.id == self._selected), None)

    def visible_range(self) -> tuple[int, int]:
        """First and last minute of the day shown (local time)."""
        return self._first, self._last

    # ---- geometry (also what tests aim at) ------------------------------------------------
    def _gutter(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max(metrics.horizontalAdvance(self._hour_label(h)) for h in (9, 10, 12, 23))
        return widest + 14

    def _column_width(self) -> float:
        return (self.width() - self._gutter()) / max(1, len(self._columns))

    def column_span(self, index: int) -> tuple[float, float]:
        """x and width of a column in canvas coordinates."""
        width = self._column_width()
        return self._gutter() + index * width, width

    def y_of(self, minute: float) -> float:
        return TOP_MARGIN + (minute - self._first) * PIXELS_PER_MINUTE

    def minute_at(self, y: float) -> float:
        return self._first + (y - TOP_MARGIN) / PIXELS_PER_MINUTE

    def column_at(self, x: float) -> int | None:
        if not self._columns or x < self._gutter():
            return None
        index = int((x - self._gutter()) // self._column_width())
        return index if 0 <= index < len(self._columns) else None

    def point_at(self, column: int, local: time) -> QPoint:
        """A point inside a column at a local time (a few pixels below the slot line)."""
        x, width = self.column_span(column)
        return QPoint(int(x + width / 2), int(self.y_of(local.hour * 60 + local.minute)) + 3)

    def block_rect(self, appointment_id: int) -> QRect | None:
        block = next((b for b in self._blocks if b.row.id == appointment_id), None)
        return block.rect.toRect() if block else None

    def _grid_height(self) -> int:
        return int(TOP_MARGIN * 2 + (self._last - self._first) * PIXELS_PER_MINUTE)

    def _update_height(self) -> None:
        self.setFixedHeight(self._grid_height())

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), self._grid_height())

    def _visible_range(self) -> tuple[int, int]:
        """From the earliest opening to the latest closing, widened to whatever is booked."""
        starts: list[float] = []
        ends: list[float] = []
        for column in self._columns:
            for interval in column.opening:
                starts.append(interval.opens.hour * 60 + interval.opens.minute)
                ends.append(interval.closes.hour * 60 + interval.closes.minute)
            for row in column.appointments:
                start, end = self._minutes(column, row.starts_at, row.ends_at)
                starts.append(start)
                ends.append(end)
        if not starts:
            return DEFAULT_RANGE
        first = int(min(starts) // 60) * 60
        last = int(math.ceil(max(ends) / 60)) * 60
        return first, max(last, first + 60)

    def _minutes(self, column: GridColumn, start: datetime, end: datetime) -> tuple[float, float]:
        """Local minutes of the day of [start, end), clipped to that column's day."""
        local_start, local_end = start.astimezone(self._zone), end.astimezone(self._zone)

        def of(moment: datetime, clip: float) -> float:
            if moment.date() != column.day:
                return clip
            return moment.hour * 60 + moment.minute + moment.second / 60

        return of(local_start, 0.0), of(local_end, 24 * 60.0)

    def local_start(self, column: int, minute: int) -> datetime:
        day = self._columns[column].day
        minute = max(0, min(minute, 24 * 60 - SNAP_MINUTES))
        return datetime.combine(day, time(minute // 60, minute % 60), self._zone)

    def _layout_blocks(self) -> None:
        blocks: list[_Block] = []
        for index, column in enumerate(self._columns):
            for row in column.appointments:
                if row.id in self._pending:
                    target, start, end = self._pending[row.id]
                    blocks.append(_Block(row, target, start, end, pending=True))
                else:
                    start, end = self._minutes(column, row.starts_at, row.ends_at)
                    blocks.append(_Block(row, index, start, end))
        for index in range(len(self._columns)):
            self._place_lanes([b for b in blocks if b.column == index])
        self._blocks = blocks

    def _place_lanes(self, blocks: list[_Block]) -> None:
        """Overlapping blocks (a cancelled one under its replacement) share the width."""
        active_first = sorted(
            blocks, key=lambda b: (b.start, b.row.status not in ACTIVE_APPOINTMENT_STATUSES)
        )
        cluster: list[tuple[_Block, int]] = []
        lane_ends: list[float] = []
        cluster_end = -1.0

        def close_cluster() -> None:
            lanes = max(1, len(lane_ends))
            for block, lane in cluster:
                x, width = self.column_span(block.column)
                lane_width = (width - 6) / lanes
                block.rect = QRectF(
                    x + 2 + lane * lane_width,
                    self.y_of(block.start),
                    lane_width - 1,
                    max(8.0, (block.end - block.start) * PIXELS_PER_MINUTE - 1),
                )

        for block in active_first:
            if block.start >= cluster_end and cluster:
                close_cluster()
                cluster, lane_ends = [], []
            lane = next((i for i, end in enumerate(lane_ends) if end <= block.start), None)
            if lane is None:
                lane_ends.append(block.end)
                lane = len(lane_ends) - 1
            else:
                lane_ends[lane] = block.end
            cluster.append((block, lane))
            cluster_end = max(cluster_end, block.end)
        if cluster:
            close_cluster()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_blocks()

    # ---- painting -------------------------------------------------------------------------
    def _hour_label(self, hour: int) -> str:
        return QLocale().toString(QTime(hour, 0), QLocale.FormatType.ShortFormat)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_closed_and_absent(painter)
        self._paint_lines(painter)
        for block in self._blocks:
            self._paint_block(painter, block)
        self._paint_gestures(painter)
        self._paint_now(painter)
        painter.end()

    def _paint_closed_and_absent(self, painter: QPainter) -> None:
        closed = QColor(self.palette().color(QPalette.ColorRole.Window))
        closed = closed.darker(108)
        for index, column in enumerate(self._columns):
            x, width = self.column_span(index)
            if column.opening_hours_set:
                cursor = float(self._first)
                for interval in column.opening:
                    opens = interval.opens.hour * 60 + interval.opens.minute
                    closes = interval.closes.hour * 60 + interval.closes.minute
                    if opens > cursor:
                        self._fill_span(painter, x, width, cursor, opens, closed)
                    cursor = max(cursor, closes)
                if cursor < self._last:
                    self._fill_span(painter, x, width, cursor, self._last, closed)
            for absence in column.absences:
                start, end = self._minutes(column, absence.starts_at, absence.ends_at)
                self._paint_absence(painter, x, width, max(start, self._first), end, absence)

    def _fill_span(
        self, painter: QPainter, x: float, width: float, start: float, end: float, colour: QColor
    ) -> None:
        painter.fillRect(
            QRectF(x, self.y_of(start), width, (end - start) * PIXELS_PER_MINUTE), colour
        )

    def _paint_absence(
        self, painter: QPainter, x: float, width: float, start: float, end: float, row: AbsenceRow
    ) -> None:
        if end <= start:
            return
        rect = QRectF(x, self.y_of(start), width, (end - start) * PIXELS_PER_MINUTE)
        painter.fillRect(rect, QColor(150, 150, 150, 70))
        painter.fillRect(rect, QBrush(QColor(110, 110, 110, 90), Qt.BrushStyle.BDiagPattern))
        if rect.height() < 14:
            return
        label = self.tr("Break") if row.kind is AbsenceKind.BREAK else self.tr("Absent")
        if row.note:
            label = self.tr("{kind}: {note}").format(kind=label, note=row.note)
        font = QFont(self.font())
        font.setItalic(True)
        painter.setFont(font)
        painter.setPen(QColor(70, 70, 70))
        text_rect = rect.adjusted(6, 1, -4, 0)
        metrics = QFontMetrics(font)
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(text_rect.width())),
        )

    def _paint_lines(self, painter: QPainter) -> None:
        grid = QColor(self.palette().color(QPalette.ColorRole.Mid))
        faint = QColor(grid)
        faint.setAlpha(70)
        text = self.palette().color(QPalette.ColorRole.Text)
        gutter = self._gutter()
        painter.setFont(self.font())
        for minute in range(self._first, self._last + 1, SNAP_MINUTES):
            y = self.y_of(minute)
            if minute % 60 == 0:
                painter.setPen(QPen(grid, 1))
                painter.drawLine(QPointF(gutter - 4, y), QPointF(self.width(), y))
                if minute < self._last or minute == self._first:
                    painter.setPen(text)
                    painter.drawText(
                        QRectF(0, y - 8, gutter - 8, 16),
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                        self._hour_label(minute // 60),
                    )
            else:
                style = Qt.PenStyle.DashLine if minute % 30 == 0 else Qt.PenStyle.DotLine
                painter.setPen(QPen(faint, 1, style))
                painter.drawLine(QPointF(gutter, y), QPointF(self.width(), y))
        painter.setPen(QPen(grid, 1))
        for index in range(len(self._columns) + 1):
            x = gutter + index * self._column_width()
            painter.drawLine(QPointF(x, self.y_of(self._first)), QPointF(x, self.y_of(self._last)))

    def _status_mark(self, status: AppointmentStatus) -> tuple[str, str, QColor] | None:
        """Glyph, word and colour of a status mark; None for a plain booking."""
        marks = {
            AppointmentStatus.ARRIVED: ("●", self.tr("Arrived"), QColor("#1565c0")),
            AppointmentStatus.DONE: ("✓", self.tr("Done"), QColor("#2e7d32")),
            AppointmentStatus.NO_SHOW: ("✗", self.tr("No-show"), QColor("#c62828")),
            AppointmentStatus.CANCELLED: ("⊘", self.tr("Cancelled"), QColor("#616161")),
        }
        return marks.get(status)

    def status_text(self, status: AppointmentStatus) -> str:
        mark = self._status_mark(status)
        return mark[1] if mark else self.tr("Booked")

    def _paint_block(
        self, painter: QPainter, block: _Block, ghost: bool = False, rect: QRectF | None = None
    ) -> None:
        row = block.row
        rect = rect or block.rect
        inactive = row.status not in ACTIVE_APPOINTMENT_STATUSES
        moving = self._press_block is block and self._mode in (_Mode.MOVE, _Mode.RESIZE)
        base = QColor(self._colours.get(row.service_id, "#9e9e9e"))
        fill = QColor(base)
        if inactive:
            fill = fill.lighter(125)
            fill.setAlpha(110)
        if ghost or moving or block.pending:
            fill.setAlpha(150 if ghost or block.pending else 70)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        if inactive:
            painter.setBrush(QBrush(QColor(90, 90, 90, 60), Qt.BrushStyle.FDiagPattern))
            painter.drawRoundedRect(rect, 4, 4)
        border = QPen(base.darker(150), 1)
        if row.status is AppointmentStatus.NO_SHOW:
            border = QPen(QColor("#c62828"), 1.5, Qt.PenStyle.DashLine)
        if ghost or block.pending:
            border = QPen(
                self.palette().color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine
            )
        elif row.id == self._selected:
            border = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2.5)
        painter.setPen(border)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        # A strip in the service colour on the left keeps faded blocks recognisable.
        painter.fillRect(
            QRectF(rect.left(), rect.top() + 2, 3, rect.height() - 4), base.darker(130)
        )
        self._paint_block_text(painter, block, rect, fill if not inactive else QColor("white"))

    def _paint_block_text(
        self, painter: QPainter, block: _Block, rect: QRectF, background: QColor
    ) -> None:
        row = block.row
        inactive = row.status not in ACTIVE_APPOINTMENT_STATUSES
        colour = QColor("#555555") if inactive else _text_on(background)
        inner = rect.adjusted(7, 2, -4, -2)
        mark = self._status_mark(row.status)
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setStrikeOut(row.status is AppointmentStatus.CANCELLED)
        normal = QFont(self.font())
        normal.setStrikeOut(row.status is AppointmentStatus.CANCELLED)
        line_height = QFontMetrics(normal).height()
        mark_width = 0.0
        if mark is not None:
            mark_width = self._paint_mark(painter, inner, mark, line_height)
        start, end = row.starts_at.astimezone(self._zone), row.ends_at.astimezone(self._zone)
        times = self.tr("{start}–{end}").format(
            start=self._clock_text(start.time()), end=self._clock_text(end.time())
        )
        lines = [(bold, row.customer_name), (normal, row.service_name), (normal, times)]
        if not row.notify:
            lines.append((normal, self.tr("No confirmation")))
        y = inner.top()
        for index, (font, text) in enumerate(lines):
            if y + line_height > inner.bottom() + 2 and index > 0:
                break
            width = inner.width() - (mark_width if index == 0 else 0)
            painter.setFont(font)
            painter.setPen(colour)
            elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, int(width))
            painter.drawText(QRectF(inner.left(), y, width, line_height), elided)
            y += line_height

    def _paint_mark(
        self, painter: QPainter, inner: QRectF, mark: tuple[str, str, QColor], height: int
    ) -> float:
        glyph, word, colour = mark
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() - 1))
        font.setBold(True)
        metrics = QFontMetrics(font)
        with_word = f"{glyph} {word}"
        # The word when there is room next to the customer's name, else the glyph alone.
        text = with_word if metrics.horizontalAdvance(with_word) + 10 < inner.width() / 2 else glyph
        width = metrics.horizontalAdvance(text) + 8
        tag = QRectF(inner.right() - width, inner.top(), width, min(height, inner.height()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(tag, 3, 3)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
        return width + 4

    def _clock_text(self, moment: time) -> str:
        return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)

    def _paint_gestures(self, painter: QPainter) -> None:
        if self._ghost is not None and self._press_block is not None:
            column, start, end = self._ghost
            x, width = self.column_span(column)
            rect = QRectF(x + 2, self.y_of(start), width - 6, (end - start) * PIXELS_PER_MINUTE - 1)
            ghost = _Block(self._press_block.row, column, start, end, rect)
            self._paint_block(painter, ghost, ghost=True, rect=rect)
        if self._selection is not None:
            column, start, end = self._selection
            x, width = self.column_span(column)
            rect = QRectF(x + 2, self.y_of(start), width - 5, (end - start) * PIXELS_PER_MINUTE)
            highlight = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            highlight.setAlpha(60)
            painter.fillRect(rect, highlight)
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 1))
            painter.drawRect(rect)
            painter.drawText(
                rect.adjusted(6, 2, -4, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                self.tr("{start}–{end}").format(
                    start=self._clock_text(time(start // 60, start % 60)),
                    end=self._clock_text(time((end // 60) % 24, end % 60)),
                ),
            )

    def _paint_now(self, painter: QPainter) -> None:
        now = self._now().astimezone(self._zone)
        minute = now.hour * 60 + now.minute + now.second / 60
        if not self._first <= minute <= self._last:
            return
        y = self.y_of(minute)
        pen = QPen(QColor("#e53935"), 2)
        for index, column in enumerate(self._columns):
            if column.day != now.date():
                continue
            x, width = self.column_span(index)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, y), QPointF(x + width, y))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#e53935"))
            painter.drawEllipse(QPointF(x + 1, y), 4, 4)

    # ---- mouse and keys -------------------------------------------------------------------
    def _block_at(self, pos: QPointF) -> _Block | None:
        return next((b for b in reversed(self._blocks) if b.rect.contains(pos)), None)

    def _select(self, block: _Block | None) -> None:
        selected = block.row.id if block else None
        if selected != self._selected:
            self._selected = selected
            self.selection_changed.emit(block.row if block else None)
            self.update()

    def _can_edit(self, block: _Block) -> bool:
        return self._editable and not block.pending and block.row.status in MOVABLE

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position()
        self._press_pos = event.position().toPoint()
        block = self._block_at(pos)
        self._select(block)
        if block is not None:
            if not self._can_edit(block):
                return
            self._press_block = block
            if pos.y() >= block.rect.bottom() - RESIZE_GRIP:
                self._mode = _Mode.RESIZE
                self._ghost = (block.column, block.start, block.end)
            else:
                self._mode = _Mode.PRESS_BLOCK
                self._grab_offset = self.minute_at(pos.y()) - block.start
            return
        column = self.column_at(pos.x())
        if column is not None and self._editable:
            self._mode = _Mode.PRESS_FREE
            start = snap_down(self.minute_at(pos.y()))
            self._selection = (column, start, start + SNAP_MINUTES)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._mode is _Mode.IDLE:
            self._update_cursor(pos)
            return
        moved = (event.position().toPoint() - self._press_pos).manhattanLength()
        if self._mode is _Mode.PRESS_BLOCK and moved >= QApplication.startDragDistance():
            self._mode = _Mode.MOVE
        if self._mode is _Mode.PRESS_FREE and moved >= QApplication.startDragDistance():
            self._mode = _Mode.SELECT
        block = self._press_block
        if self._mode is _Mode.MOVE and block is not None:
            column = self.column_at(pos.x())
            if column is None:
                column = 0 if pos.x() < self._gutter() else len(self._columns) - 1
            length = block.end - block.start
            start = snap(self.minute_at(pos.y()) - self._grab_offset)
            start = max(self._first, min(start, int(self._last - length)))
            self._ghost = (column, start, start + length)
        elif self._mode is _Mode.RESIZE and block is not None:
            end = max(block.start + MIN_MINUTES, snap(self.minute_at(pos.y())))
            self._ghost = (block.column, block.start, min(end, 24 * 60))
        elif self._mode is _Mode.SELECT and self._selection is not None:
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
        if mode is _Mode.MOVE and block is not None and ghost is not None:
            column, start, end = ghost
            if (column, start) != (block.column, block.start):
                self._pending[block.row.id] = ghost
                self._layout_blocks()
                target = self._columns[column]
                self.move_requested.emit(
                    block.row, target.staff_id, self.local_start(column, int(start))
                )
        elif mode is _Mode.RESIZE and block is not None and ghost is not None:
            column, start, end = ghost
            if end != block.end:
                self._pending[block.row.id] = ghost
                self._layout_blocks()
                self.resize_requested.emit(block.row, int(end - start))
        elif mode is _Mode.SELECT and selection is not None:
            column, start, end = selection
            self.booking_requested.emit(
                self._columns[column].staff_id, self.local_start(column, start), end - start
            )
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if event.button() != Qt.MouseButton.LeftButton or self._block_at(pos) is not None:
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
        self._mode = _Mode.IDLE
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
        if event.key() == Qt.Key.Key_Escape and self._mode is not _Mode.IDLE:
            self._cancel_gesture()
            return
        selected = self.selected()
        if event.key() == Qt.Key.Key_Delete and selected is not None:
            if selected.status in ACTIVE_APPOINTMENT_STATUSES:
                self.cancel_requested.emit(selected)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        block = self._block_at(QPointF(event.pos()))
        if block is None:
            return
        self._select(block)
        self.menu_requested.emit(block.row, event.globalPos())

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
            area = QRectF(x + 4, 4, width - 8, line)
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


class TimeGridView(QWidget):
    """Header plus scrolling grid; the base of the day and week views.

    Signals:
        booking_requested(int, object, int): see TimeGridCanvas.
        move_requested(object, int, object): see TimeGridCanvas.
        resize_requested(object, int): see TimeGridCanvas.
        cancel_requested(object): see TimeGridCanvas.
        menu_requested(object, QPoint): see TimeGridCanvas.
    """

    booking_requested = Signal(int, object, int)
    move_requested = Signal(object, int, object)
    resize_requested = Signal(object, int)
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
        self._scroll.horizontalScrollBar().valueChanged.connect(self._header.set_offset)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header)
        layout.addWidget(self._scroll, 1)
        self._canvas.booking_requested.connect(self.booking_requested)
        self._canvas.move_requested.connect(self.move_requested)
        self._canvas.resize_requested.connect(self.resize_requested)
        self._canvas.cancel_requested.connect(self.cancel_requested)
        self._canvas.menu_requested.connect(self.menu_requested)
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

    def _on_scroll_range_changed(self, _minimum: int, maximum: int) -> None:
        # Before the view is shown the scroll range is still empty: apply the wish later.
        if self._scroll_target is None or maximum <= 0:
            return
        self._scroll.verticalScrollBar().setValue(self._scroll_target)
        if maximum >= self._scroll_target:
            self._scroll_target = None
