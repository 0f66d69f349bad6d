"""How the time grid looks: closed time and absences shaded, hour lines, appointment
blocks in their service colour with a status mark, the block being dragged, the time
being selected, the keyboard cursor and the "now" line. Reads the gesture and cursor
state the canvas leaves; no mouse, no keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from desk_app.domain.enums import (
    ACTIVE_APPOINTMENT_STATUSES,
    AbsenceKind,
    AppointmentStatus,
    BookingSource,
)
from desk_app.services.calendar_plans import AbsenceRow
from desk_app.ui.calendar.grid_layout import (
    PIXELS_PER_MINUTE,
    SNAP_MINUTES,
    Gesture,
    GridBlock,
    TimeGridLayout,
)
from desk_app.ui.calendar.grid_text import BlockFonts, GridText, Role
from desk_app.ui.calendar.now_line import MinuteTicker, local_minute, paint_now_line, widen_to_now
from desk_app.ui.calendar.phase_painting import paint_processing
from desk_app.ui.widgets import palette

NAME_ROOM = 90  # pixels the customer's name keeps next to the online tag's word


@dataclass(frozen=True)
class _Words:
    """The translated words of the blocks, looked up once per paint, not per block."""

    marks: Mapping[AppointmentStatus, tuple[str, str, QColor]]
    online: str
    no_confirmation: str
    times: str  # "{start}–{end}"
    # A block too short for its three lines (a 15- or 30-minute visit) still says when
    # and what: "{start} {service} · {customer}" on one line, "{start} {service}" below
    # the name on two.
    one_line: str
    two_lines: str


def _text_on(background: QColor) -> QColor:
    # Dark text on light service colours, white on dark ones (WCAG relative luminance).
    return QColor(palette.TEXT_ON_LIGHT) if background.lightnessF() > 0.55 else QColor("white")


class TimeGridPainting(TimeGridLayout):
    """Paints the grid (see the module docstring)."""

    def __init__(self, time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(time_zone, parent)
        self._now: Callable[[], datetime] = lambda: datetime.now(UTC)
        # What the gestures leave for painting (TimeGridCanvas changes them).
        self._selected: int | None = None
        self._mode = Gesture.IDLE
        self._press_block: GridBlock | None = None
        self._ghost: tuple[int, float, float] | None = None  # column, start, end
        self._selection: tuple[int, int, int] | None = None  # column, start, end
        self._cursor: tuple[int, int] | None = None  # column, minute (TimeGridKeyboard)
        self._online_tags: list[QRectF] = []  # painted last time, for the tests
        self._text = GridText()
        self._words: _Words | None = None
        self._fonts: BlockFonts | None = None  # during a paint: asking costs a font key
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self._now_y: float | None = None  # where the last paint put the now line
        self._ticker = MinuteTicker(lambda: self._now(), self.tick_now, self)

    def set_clock(self, now: Callable[[], datetime]) -> None:
        self._now = now
        self._ticker.set_clock(now)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_closed_and_absent(painter)
        # Only what the scroll area shows: a day of 12 hours is taller than the screen.
        exposed = QRectF(event.rect())
        self._paint_lines(painter, exposed.right())
        self._online_tags = []
        self._words = self._block_words()
        self._fonts = self._text.fonts(self.font())
        for block in self._blocks:
            if block.rect.adjusted(-2, -2, 2, 2).intersects(exposed):  # with its border
                self._paint_block(painter, block)
        self._paint_gestures(painter)
        self._paint_now(painter)
        self._paint_cursor(painter)
        painter.end()
        self._words = None  # the language may change before the next paint
        self._fonts = None  # and the font

    def _paint_closed_and_absent(self, painter: QPainter) -> None:
        closed = QColor(self.palette().color(QPalette.ColorRole.Window))
        closed = closed.darker(108)
        for index, column in enumerate(self._columns):
            x, width = self.column_span(index)
            if column.working is not None:
                spans = list(column.working)
            elif column.opening_hours_set:
                spans = [(i.opens, i.closes) for i in column.opening]
            else:
                spans = None  # the salon set no hours: nothing is closed
            if spans is not None:
                cursor = float(self._first)
                for opens_at, closes_at in spans:
                    opens = opens_at.hour * 60 + opens_at.minute
                    closes = closes_at.hour * 60 + closes_at.minute
                    if opens > cursor:
                        self._fill_span(painter, x, width, cursor, opens, closed)
                    cursor = max(cursor, closes)
                if cursor < self._last:
                    self._fill_span(painter, x, width, cursor, self._last, closed)
            if column.closed is not None:
                self._paint_closed_label(painter, x, width, column.closed)
            for absence in column.absences:
                start, end = self._minutes(column, absence.starts_at, absence.ends_at)
                self._paint_absence(painter, x, width, max(start, self._first), end, absence)

    def _fill_span(
        self, painter: QPainter, x: float, width: float, start: float, end: float, colour: QColor
    ) -> None:
        painter.fillRect(
            QRectF(x, self.y_of(start), width, (end - start) * PIXELS_PER_MINUTE), colour
        )

    def _paint_closed_label(self, painter: QPainter, x: float, width: float, note: str) -> None:
        label = (
            self.tr("Salon closed: {note}").format(note=note) if note else self.tr("Salon closed")
        )
        font = QFont(self.font())
        font.setItalic(True)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        metrics = QFontMetrics(font)
        rect = QRectF(x + 6, self.y_of(self._first) + 2, width - 10, metrics.height() + 2)
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(rect.width())),
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
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))  # light or dark
        text_rect = rect.adjusted(6, 1, -4, 0)
        metrics = QFontMetrics(font)
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(text_rect.width())),
        )

    def _paint_lines(self, painter: QPainter, exposed_right: float) -> None:
        grid = QColor(self.palette().color(QPalette.ColorRole.Mid))
        # The quarter-hour lines end where the shown part does, not at the canvas' far
        # edge (forty columns are 5,000 px: every dot of them was stroked, then clipped).
        # They still start at the gutter, so their dots fall where they always did.
        right = min(float(self.width()), exposed_right + 2)
        faint = QColor(grid)
        faint.setAlpha(70)
        text = self.palette().color(QPalette.ColorRole.Text)
        gutter = self._gutter()
        painter.setFont(self.font())
        for minute in range(self._first, self._last + 1, SNAP_MINUTES):
            y = self.y_of(minute)
            if minute % 60 == 0:
                painter.setPen(QPen(grid, 1))
                painter.drawLine(QPointF(gutter - 4, y), QPointF(right, y))
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
                painter.drawLine(QPointF(gutter, y), QPointF(right, y))
        painter.setPen(QPen(grid, 1))
        width = self._column_width()
        for index in range(len(self._columns) + 1):
            x = gutter + index * width
            painter.drawLine(QPointF(x, self.y_of(self._first)), QPointF(x, self.y_of(self._last)))

    def _status_marks(self) -> dict[AppointmentStatus, tuple[str, str, QColor]]:
        """Glyph, word and colour of each status mark (a plain booking has none)."""
        return {
            AppointmentStatus.ARRIVED: ("●", self.tr("Arrived"), QColor(palette.MARK_INFO)),
            AppointmentStatus.DONE: ("✓", self.tr("Done"), QColor(palette.MARK_GOOD)),
            AppointmentStatus.NO_SHOW: ("✗", self.tr("No-show"), QColor(palette.MARK_BAD)),
            AppointmentStatus.CANCELLED: ("⊘", self.tr("Cancelled"), QColor(palette.MARK_OFF)),
        }

    def _status_mark(self, status: AppointmentStatus) -> tuple[str, str, QColor] | None:
        return self._status_marks().get(status)

    def _block_words(self) -> _Words:
        return _Words(
            marks=self._status_marks(),
            online=self.tr("Online"),
            no_confirmation=self.tr("No confirmation"),
            times=self.tr("{start}–{end}"),
            one_line=self.tr("{start} {service} · {customer}"),
            two_lines=self.tr("{start} {service}"),
        )

    def _words_now(self) -> _Words:
        # Outside a paint (the tests ask for the online tag's word) they are looked up.
        return self._words if self._words is not None else self._block_words()

    def _fonts_now(self) -> BlockFonts:
        return self._fonts if self._fonts is not None else self._text.fonts(self.font())

    def status_text(self, status: AppointmentStatus) -> str:
        mark = self._status_mark(status)
        return mark[1] if mark else self.tr("Booked")

    def _paint_block(
        self, painter: QPainter, block: GridBlock, ghost: bool = False, rect: QRectF | None = None
    ) -> None:
        row = block.row
        rect = rect or block.rect
        inactive = row.status not in ACTIVE_APPOINTMENT_STATUSES
        moving = self._press_block is block and self._mode in (Gesture.MOVE, Gesture.RESIZE)
        base = QColor(self._colours.get(row.service_id, palette.MARK_IDLE))
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
        paint_processing(painter, row, rect, base)  # issue 14: the stylist is free then
        border = QPen(base.darker(150), 1)
        if row.status is AppointmentStatus.NO_SHOW:
            border = QPen(QColor(palette.MARK_BAD), 1.5, Qt.PenStyle.DashLine)
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
        self, painter: QPainter, block: GridBlock, rect: QRectF, background: QColor
    ) -> None:
        row = block.row
        words = self._words_now()
        fonts = self._fonts_now()
        inactive = row.status not in ACTIVE_APPOINTMENT_STATUSES
        colour = QColor(palette.MUTED) if inactive else _text_on(background)
        inner = rect.adjusted(7, 2, -4, -2)
        mark = words.marks.get(row.status)
        line_height = fonts.line_height
        mark_width = 0.0
        if mark is not None:
            mark_width = self._paint_mark(painter, inner, mark, line_height)
        if row.source is BookingSource.ONLINE:
            mark_width += self._paint_online_tag(painter, inner, mark_width, line_height)
        lines = self.block_lines(block, inner.height())
        painter.setPen(colour)
        y = inner.top()
        for index, (role, text) in enumerate(lines):
            if y + line_height > inner.bottom() + 2 and index > 0:
                break
            width = inner.width() - (mark_width if index == 0 else 0)
            painter.setFont(fonts.fonts[role])
            elided = self._text.elided(role, text, int(width))
            painter.drawText(QRectF(inner.left(), y, width, line_height), elided)
            y += line_height

    def block_lines(self, block: GridBlock, height: float | None = None) -> list[tuple[Role, str]]:
        """The lines of a block's text (font role, text) for ``height`` pixels inside it
        (by default its own): the full three when they fit, else the compact ones."""
        row = block.row
        words = self._words_now()
        line_height = self._fonts_now().line_height
        if height is None:
            height = block.rect.height() - 4
        fits = max(1, int((height + 2) // line_height))
        struck = row.status is AppointmentStatus.CANCELLED
        normal = Role.line(bold=False, struck=struck)
        start, end = row.starts_at.astimezone(self._zone), row.ends_at.astimezone(self._zone)
        start_text = self._text.clock(start.hour, start.minute)
        if fits == 1:
            line = words.one_line.format(
                start=start_text, service=row.service_name, customer=row.customer_name
            )
            return [(normal, line)]
        if fits == 2:
            return [
                (Role.line(bold=True, struck=struck), row.customer_name),
                (normal, words.two_lines.format(start=start_text, service=row.service_name)),
            ]
        times = words.times.format(start=start_text, end=self._text.clock(end.hour, end.minute))
        lines = [
            (Role.line(bold=True, struck=struck), row.customer_name),
            (normal, row.service_name),
            (normal, times),
        ]
        if not row.notify:
            lines.append((normal, words.no_confirmation))
        return lines

    def block_text(self, appointment_id: int) -> list[str]:
        """The lines a block shows (for the tests; a line may still be elided)."""
        block = next((b for b in self._blocks if b.row.id == appointment_id), None)
        return [text for _, text in self.block_lines(block)] if block else []

    def _paint_mark(
        self, painter: QPainter, inner: QRectF, mark: tuple[str, str, QColor], height: int
    ) -> float:
        glyph, word, colour = mark
        with_word = f"{glyph} {word}"
        # The word when there is room next to the customer's name, else the glyph alone.
        roomy = self._text.advance(Role.TAG, with_word) + 10 < inner.width() / 2
        text = with_word if roomy else glyph
        width = self._text.advance(Role.TAG, text) + 8
        tag = QRectF(inner.right() - width, inner.top(), width, min(height, inner.height()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(tag, 3, 3)
        painter.setFont(self._fonts_now().fonts[Role.TAG])
        painter.setPen(QColor("white"))
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
        return width + 4

    def online_tag_text(self, room: float) -> str:
        """The online tag's word for ``room`` pixels of first line; "" when only the
        globe fits (the customer's name keeps at least NAME_ROOM pixels)."""
        word = self._words_now().online
        self._fonts_now()  # the metrics for the current font
        width = self._text.advance(Role.TAG, word) + 8
        return word if room - width >= NAME_ROOM else ""

    def _paint_online_tag(
        self, painter: QPainter, inner: QRectF, taken: float, height: int
    ) -> float:
        """A tag "Online" (or a small globe) at the right of the first line, left of a
        status mark; outlined, so it does not read as a status of the visit."""
        text = self.online_tag_text(inner.width() - taken)
        tall = min(height, inner.height())
        width = self._text.advance(Role.TAG, text) + 8 if text else tall
        tag = QRectF(inner.right() - taken - width, inner.top(), width, tall)
        colour = QColor(palette.MARK_ONLINE)
        painter.setPen(QPen(colour, 1))
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(tag.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        if text:
            painter.setFont(self._fonts_now().fonts[Role.TAG])
            painter.setPen(colour)
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
        else:
            self._paint_globe(painter, tag.adjusted(3, 3, -3, -3), colour)
        self._online_tags.append(tag)
        return width + 4

    @staticmethod
    def _paint_globe(painter: QPainter, box: QRectF, colour: QColor) -> None:
        """The web's usual sign: a circle with its equator and a meridian."""
        side = min(box.width(), box.height())
        globe = QRectF(0, 0, side, side)
        globe.moveCenter(box.center())
        painter.setPen(QPen(colour, 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(globe)
        painter.drawEllipse(globe.adjusted(side * 0.28, 0, -side * 0.28, 0))
        middle = globe.center().y()
        painter.drawLine(QPointF(globe.left(), middle), QPointF(globe.right(), middle))

    def online_tags(self) -> list[QRectF]:
        """Where the last paint put an online tag (for the tests)."""
        return list(self._online_tags)

    def _clock_text(self, moment: time) -> str:
        return self._text.clock(moment.hour, moment.minute)

    def _paint_gestures(self, painter: QPainter) -> None:
        if self._ghost is not None and self._press_block is not None:
            column, start, end = self._ghost
            x, width = self.column_span(column)
            rect = QRectF(x + 2, self.y_of(start), width - 6, (end - start) * PIXELS_PER_MINUTE - 1)
            ghost = GridBlock(self._press_block.row, column, start, end, rect)
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

    def _paint_cursor(self, painter: QPainter) -> None:
        """The keyboard cursor, while the grid has the focus: a frame around the selected
        appointment, or a marked quarter hour with its time on free time."""
        if self._cursor is None or not self.hasFocus():
            return
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        text = self.palette().color(QPalette.ColorRole.Text)
        block = next((b for b in self._blocks if b.row.id == self._selected), None)
        if block is not None:
            frame = block.rect.adjusted(-2.5, -2.5, 2.5, 2.5)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(highlight, 3))
            painter.drawRoundedRect(frame, 5, 5)
            painter.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(frame.adjusted(-2, -2, 2, 2), 6, 6)
            return
        column, minute = self._cursor
        x, width = self.column_span(column)
        rect = QRectF(x + 2, self.y_of(minute), width - 5, SNAP_MINUTES * PIXELS_PER_MINUTE)
        fill = QColor(highlight)
        fill.setAlpha(45)
        painter.fillRect(rect, fill)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(highlight, 2))
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.setPen(text)
        painter.setFont(self.font())
        painter.drawText(
            rect.adjusted(6, 0, -4, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self._clock_text(time(minute // 60, minute % 60)),
        )

    # ---- the now line (now_line.py) ------------------------------------------------------
    def _visible_range(self) -> tuple[int, int]:
        first, last = super()._visible_range()
        today, minute = local_minute(self._now(), self._zone)
        if any(column.day == today for column in self._columns):
            return widen_to_now(first, last, minute)
        return first, last

    def now_line(self) -> tuple[float, float, float] | None:
        """y, left and right of the current-time line; None when no column shows today."""
        today, minute = local_minute(self._now(), self._zone)
        shown = [i for i, column in enumerate(self._columns) if column.day == today]
        if not shown or not self._first <= minute <= self._last:
            return None
        left = self.column_span(shown[0])[0]
        right = sum(self.column_span(shown[-1]))
        return self.y_of(minute), left, right

    def now_line_painted(self) -> float | None:
        """The y where the last paint drew the now line (for the tests)."""
        return self._now_y

    def tick_now(self) -> None:
        """A minute passed: move the line (and show the new hour once it is past the
        day's last one), repainting only the strips it leaves and enters."""
        today, minute = local_minute(self._now(), self._zone)
        if any(c.day == today for c in self._columns) and not (self._first <= minute <= self._last):
            self._first, self._last = self._visible_range()
            self._update_height()
            self._layout_blocks()
            self.update()
            return
        line = self.now_line()
        for y in (self._now_y, line[0] if line else None):
            if y is not None:
                self.update(0, int(y) - 14, self.width(), 28)

    def _paint_now(self, painter: QPainter) -> None:
        line = self.now_line()
        self._now_y = line[0] if line else None
        if line is None:
            return
        y, left, right = line
        now = self._now().astimezone(self._zone)
        label = self._clock_text(now.time())
        paint_now_line(painter, y, (self._gutter(), left, right), label, self.font())
