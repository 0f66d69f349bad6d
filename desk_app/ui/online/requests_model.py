"""The table of online requests: one row per request, those waiting for a decision first,
with the state and the reason in words.

The model holds rows only; loading is the page's job.

May import: PySide6, desk_app.services (rows), desk_app.texts, desk_app.ui.widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum

from PySide6 import QtGui
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desk_app.services.rows import OnlineRequestRow
from desk_app.texts import error_text
from desk_app.texts.online_words import request_reason_text, request_state_text
from desk_app.texts.wall_clock import wall_clock
from desk_app.ui.widgets import palette

_Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the OnlineRequestRow
STATE_ROLE = Qt.ItemDataRole.UserRole + 2  # its state code (str)
OPEN_STATES = frozenset({"new", "waiting"})  # a decision is still to be made
NOT_BOOKED = frozenset({"refused", "cancelled"})  # the customer was told; staff may call


class Column(IntEnum):
    RECEIVED = 0
    CUSTOMER = 1
    CONTACT = 2
    SERVICE = 3
    STAFF = 4
    WISHED = 5
    STATE = 6


def customer_name(row: OnlineRequestRow) -> str:
    return f"{row.first_name} {row.last_name}".strip()


def contact_text(row: OnlineRequestRow) -> str:
    return " · ".join(value for value in (row.email, row.phone) if value)


def wished_text(row: OnlineRequestRow, time_zone: str) -> str:
    """The wished time as the salon reads it: "Fri 27.11.26, 10:00–10:45"."""
    if row.starts_at is None or row.ends_at is None:
        return ""  # a request the gateway sent damaged: it was refused, nothing to show
    locale = QLocale()
    start, end = wall_clock(row.starts_at, time_zone), wall_clock(row.ends_at, time_zone)
    return QCoreApplication.translate("OnlineRequestsModel", "{day} {date}, {start}–{end}").format(
        day=locale.dayName(start.date().dayOfWeek(), QLocale.FormatType.ShortFormat),
        date=locale.toString(start.date(), QLocale.FormatType.ShortFormat),
        start=locale.toString(start.time(), QLocale.FormatType.ShortFormat),
        end=locale.toString(end.time(), QLocale.FormatType.ShortFormat),
    )


def state_with_reason(row: OnlineRequestRow) -> str:
    state = request_state_text(row.state)
    reason = request_reason_text(row.reason)
    if not reason:
        return state
    return QCoreApplication.translate("OnlineRequestsModel", "{state}: {reason}").format(
        state=state, reason=reason
    )


class OnlineRequestsModel(QAbstractTableModel):
    def __init__(self, time_zone: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._time_zone = time_zone
        self._rows: list[OnlineRequestRow] = []

    # ---- rows ---------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[OnlineRequestRow]) -> None:
        """Open requests first (oldest first: first come, first served), then the
        decided ones, newest first."""
        self.beginResetModel()
        waiting = sorted((r for r in rows if r.state in OPEN_STATES), key=lambda r: r.id)
        decided = sorted((r for r in rows if r.state not in OPEN_STATES), key=lambda r: -r.id)
        self._rows = waiting + decided
        self.endResetModel()

    def row_at(self, number: int) -> OnlineRequestRow | None:
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def row_of(self, request_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == request_id), None)

    def rows(self) -> list[OnlineRequestRow]:
        return list(self._rows)

    # ---- Qt model -----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        titles = {
            Column.RECEIVED: self.tr("Received"),
            Column.CUSTOMER: self.tr("Customer"),
            Column.CONTACT: self.tr("Contact"),
            Column.SERVICE: self.tr("Service"),
            Column.STAFF: self.tr("Staff"),
            Column.WISHED: self.tr("Wished time"),
            Column.STATE: self.tr("State"),
        }
        return titles[Column(section)]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = state_with_reason(row) if column is Column.STATE else self._display(row, column)
            # Names and notes come from a web form: shown as typed, never as markup.
            return QtGui.Qt.convertFromPlainText(str(tip)) if tip else tip
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.STATE:
            return self._state_brush(row.state)
        if role == ROW_ROLE:
            return row
        if role == STATE_ROLE:
            return row.state
        return None

    def _display(self, row: OnlineRequestRow, column: Column) -> str:
        if column is Column.RECEIVED:
            return _moment(row.received_at, self._time_zone)
        if column is Column.CUSTOMER:
            return customer_name(row)
        if column is Column.CONTACT:
            return contact_text(row)
        if column is Column.SERVICE:
            return row.treatment_name
        if column is Column.STAFF:
            return row.staff_name or self.tr("anyone")
        if column is Column.WISHED:
            return wished_text(row, self._time_zone)
        return state_with_reason(row)

    @staticmethod
    def _state_brush(state: str) -> QBrush | None:
        if state == "waiting":
            return QBrush(QColor(palette.WARNING))
        if state == "booked":
            return QBrush(QColor(palette.SUCCESS))
        if state in ("refused", "cancelled"):
            return QBrush(QColor(palette.MUTED))
        return None


def _moment(moment: datetime, time_zone: str) -> str:
    return error_text.format_moment(moment, time_zone)
