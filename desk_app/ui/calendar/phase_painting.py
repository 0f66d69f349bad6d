"""How an appointment's processing phase (Einwirkzeit, issue 14) looks on the time grid:
the part of the block where the product works is lighter and hatched, with the word
"Processing" when there is room, so the receptionist sees at a glance that the stylist is
free then. An appointment booked into that time shares the width in a lane next to it
(``grid_layout``'s lanes), where both stay readable.

Also where a resize of such a block may end: after its processing (``domain.phases``:
the last working phase takes the change).
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen

from desk_app.services.rows import AppointmentRow
from desk_app.ui.calendar.grid_layout import MIN_MINUTES, PIXELS_PER_MINUTE

_HATCH = Qt.BrushStyle.BDiagPattern


def processing_minutes(row: AppointmentRow) -> tuple[float, float] | None:
    """Where the processing lies in the block: minutes from its start; None: none."""
    if row.processing_starts_at is None or row.processing_ends_at is None:
        return None
    minute = timedelta(minutes=1)
    return (
        (row.processing_starts_at - row.starts_at) / minute,
        (row.processing_ends_at - row.starts_at) / minute,
    )


def processing_rect(row: AppointmentRow, rect: QRectF) -> QRectF | None:
    """The processing part of a block drawn in ``rect`` (the block, or its ghost while
    moved or resized: the processing keeps its time from the start, a resize only
    changes what follows it)."""
    minutes = processing_minutes(row)
    if minutes is None:
        return None
    top = min(rect.bottom(), rect.top() + minutes[0] * PIXELS_PER_MINUTE)
    bottom = min(rect.bottom(), rect.top() + minutes[1] * PIXELS_PER_MINUTE)
    return QRectF(rect.left(), top, rect.width(), bottom - top)


def paint_processing(painter: QPainter, row: AppointmentRow, rect: QRectF, base: QColor) -> None:
    """Over the block's fill: its processing lighter, hatched in the service colour, with
    dashed edges and the word when it fits."""
    part = processing_rect(row, rect)
    if part is None or part.height() < 2:
        return
    painter.save()
    light = QColor(base).lighter(135)
    light.setAlpha(230)
    painter.fillRect(part, light)
    painter.fillRect(part, QBrush(QColor(base).darker(135), _HATCH))
    painter.setPen(QPen(QColor(base).darker(160), 1, Qt.PenStyle.DashLine))
    painter.drawLine(part.topLeft(), part.topRight())
    painter.drawLine(part.bottomLeft(), part.bottomRight())
    font = QFont(painter.font())
    font.setItalic(True)
    metrics = QFontMetrics(font)
    if part.height() >= metrics.height() + 2:
        word = QCoreApplication.translate("PhasePainting", "Processing")
        label = metrics.elidedText(word, Qt.TextElideMode.ElideRight, int(part.width() - 12))
        box = QRectF(part.left() + 7, part.top() + 1, metrics.horizontalAdvance(label) + 6, 0)
        box.setHeight(metrics.height())
        painter.fillRect(box.adjusted(-2, 0, 0, 0), light)
        painter.setFont(font)
        painter.setPen(QColor(base).darker(250))
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
    painter.restore()


def shortest_end(row: AppointmentRow, start: float) -> float:
    """The earliest end (local minutes) a resize may give a block starting at ``start``:
    a quarter hour after its start, and after its processing."""
    earliest = start + MIN_MINUTES
    if row.processing_ends_at is not None:
        processing_ends = (row.processing_ends_at - row.starts_at) / timedelta(minutes=1)
        earliest = max(earliest, start + processing_ends + MIN_MINUTES)
    return earliest
