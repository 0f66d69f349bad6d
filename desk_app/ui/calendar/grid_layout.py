"""Where things are on the time grid: columns, the hours shown, appointment blocks
(overlapping ones share the width in lanes), and the conversions between pixels and
local minutes that painting, the mouse and the tests all use. No painting, no mouse.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, QRectF, QSize, QTime
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desk_app.domain.availability import working_ranges
from desk_app.domain.enums import ACTIVE_APPOINTMENT_STATUSES, AppointmentStatus
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.calendar_plans import AbsenceRow
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
    # The staff member's own working time that day where it differs from ``opening``
    # (their own hours; () on a closed day): shaded outside. None: ``opening`` holds.
    working: tuple[tuple[time, time], ...] | None = None
    closed: str | None = None  # the salon is closed: the closed day's note
    initials: str = ""  # the staff member's, in a badge beside the title (day view)


@dataclass
class GridBlock:
    row: AppointmentRow
    column: int
    start: float  # minutes after local midnight of the column's day
    end: float
    rect: QRectF = field(default_factory=QRectF)
    pending: bool = False  # drawn where a move/resize will put it, not yet confirmed


class Gesture(enum.Enum):
    IDLE = enum.auto()
    PRESS_BLOCK = enum.auto()
    MOVE = enum.auto()
    RESIZE = enum.auto()
    PRESS_FREE = enum.auto()
    SELECT = enum.auto()


def working_time(
    opening: Sequence[OpeningInterval],
    own_hours: Sequence[OpeningInterval] | None,
    day: date,
    closed: str | None,
) -> tuple[tuple[time, time], ...] | None:
    """A column's ``working``: nothing on a closed day, the staff member's own hours
    (inside the opening hours) where they have any, else None (the opening hours)."""
    if closed is not None:
        return ()
    if own_hours is None:
        return None
    return tuple(working_ranges(opening, own_hours, day.weekday()))


def snap(minutes: float) -> int:
    return int(math.floor(minutes / SNAP_MINUTES + 0.5)) * SNAP_MINUTES


def snap_down(minutes: float) -> int:
    return int(math.floor(minutes / SNAP_MINUTES)) * SNAP_MINUTES


class TimeGridLayout(QWidget):
    """The geometry of the grid; ``TimeGridPainting`` draws it, ``TimeGridCanvas``
    handles the mouse on it."""

    def __init__(self, time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = ZoneInfo(time_zone)
        self._columns: tuple[GridColumn, ...] = ()
        self._colours: dict[int, str] = {}
        self._blocks: list[GridBlock] = []
        # Each column's appointments as local minutes, worked out once per content: the
        # visible range and every layout (resize, font, cursor) read them.
        self._row_minutes: tuple[tuple[tuple[float, float], ...], ...] = ()
        self._pending: dict[int, tuple[int, float, float]] = {}  # id → column, start, end
        self._first, self._last = DEFAULT_RANGE
        self._gutter_of: tuple[tuple[str, str], int] = (("", ""), 0)  # (font, language), width
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._update_height()

    def set_time_zone(self, time_zone: str) -> None:
        self._zone = ZoneInfo(time_zone)
        self._compute_row_minutes()

    def _compute_row_minutes(self) -> None:
        """Call when the columns or the time zone change (before the range and layout)."""
        self._row_minutes = tuple(
            tuple(self._minutes(column, row.starts_at, row.ends_at) for row in column.appointments)
            for column in self._columns
        )

    def columns(self) -> tuple[GridColumn, ...]:
        return self._columns

    def visible_range(self) -> tuple[int, int]:
        """First and last minute of the day shown (local time)."""
        return self._first, self._last

    # ---- geometry (also what tests aim at) ------------------------------------------------
    def _gutter(self) -> int:
        # Every x on the grid goes through here (each block, each column, each mouse
        # move): measuring the hour labels every time was a quarter of a busy day's
        # paint. Keyed by font and language, so it is measured again when either changes
        # (a default-locale change sends no event).
        key = (self.font().key(), QLocale().name())
        if self._gutter_of[0] != key:
            metrics = QFontMetrics(self.font())
            widest = max(metrics.horizontalAdvance(self._hour_label(h)) for h in (9, 10, 12, 23))
            self._gutter_of = (key, widest + 14)
        return self._gutter_of[1]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.LocaleChange,
            QEvent.Type.LanguageChange,
        ):
            self._layout_blocks()  # the gutter may be wider now: the blocks move with it
        super().changeEvent(event)

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
        for column, minutes in zip(self._columns, self._row_minutes, strict=True):
            for interval in column.opening:
                starts.append(interval.opens.hour * 60 + interval.opens.minute)
                ends.append(interval.closes.hour * 60 + interval.closes.minute)
            for start, end in minutes:
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
        blocks: list[GridBlock] = []
        by_column: list[list[GridBlock]] = [[] for _ in self._columns]
        for index, column in enumerate(self._columns):
            minutes = self._row_minutes[index]
            for row, (start, end) in zip(column.appointments, minutes, strict=True):
                if row.id in self._pending:
                    target, start, end = self._pending[row.id]
                    block = GridBlock(row, target, start, end, pending=True)
                else:
                    block = GridBlock(row, index, start, end)
                blocks.append(block)
                if 0 <= block.column < len(by_column):
                    by_column[block.column].append(block)
        # Where each column is, once: column_span asks for the gutter, which looks at the
        # font and the language (a third of a busy day's layout when asked per block).
        spans = [self.column_span(index) for index in range(len(self._columns))]
        for column_blocks in by_column:
            self._place_lanes(column_blocks, spans)
        self._blocks = blocks

    def _place_lanes(self, blocks: list[GridBlock], spans: list[tuple[float, float]]) -> None:
        """Overlapping blocks (a cancelled one under its replacement) share the width."""
        active_first = sorted(
            blocks, key=lambda b: (b.start, b.row.status not in ACTIVE_APPOINTMENT_STATUSES)
        )
        cluster: list[tuple[GridBlock, int]] = []
        lane_ends: list[float] = []
        cluster_end = -1.0

        def close_cluster() -> None:
            lanes = max(1, len(lane_ends))
            for block, lane in cluster:
                x, width = spans[block.column]
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
        # Only the columns' widths follow the size (a block's y is its time): a change of
        # height alone (the day's range, the toolbar's rows) leaves the blocks in place,
        # and laying out a chain day's thousand blocks anew is a visible pause.
        if event.size().width() != event.oldSize().width():
            self._layout_blocks()

    def _hour_label(self, hour: int) -> str:
        return QLocale().toString(QTime(hour, 0), QLocale.FormatType.ShortFormat)
