"""The retention preview's list: who the retention period would anonymise, by name,
with the last appointment; pages are loaded as the view scrolls (the tab loads them).

May import: PySide6, desk_app.services (rows only), desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desk_app.services.retention import PageKey, RetentionCandidate
from desk_app.texts.wall_clock import wall_clock
from desk_app.ui.customers.customer_fields import date_format

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    LAST_APPOINTMENT = 1


class RetentionModel(QAbstractTableModel):
    """Signals:
    more_requested(object): the view reached the end; load the page after this key
        (a ``PageKey``), then call ``append_rows`` (or ``fetch_failed``)."""

    more_requested = Signal(object)

    def __init__(self, time_zone: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._time_zone = time_zone
        self._rows: list[RetentionCandidate] = []
        self._next: PageKey | None = None
        self._loading = False

    def set_rows(self, rows: Sequence[RetentionCandidate], next_after: PageKey | None) -> None:
        self.beginResetModel()
        self._rows, self._next, self._loading = list(rows), next_after, False
        self.endResetModel()

    def append_rows(self, rows: Sequence[RetentionCandidate], next_after: PageKey | None) -> None:
        self._loading, self._next = False, next_after
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def fetch_failed(self) -> None:
        """Stop asking until the next preview (no retry loop)."""
        self._loading, self._next = False, None

    def clear(self) -> None:
        self.set_rows([], None)

    def rows(self) -> list[RetentionCandidate]:
        return list(self._rows)

    # ---- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._next is not None and not self._loading

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        self.more_requested.emit(self._next)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == Column.NAME:
            return self.tr("Customer")
        if section == Column.LAST_APPOINTMENT:
            return self.tr("Last appointment")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        if not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if index.column() == Column.NAME:
            return ", ".join(part for part in (row.last_name, row.first_name) if part)
        if row.last_appointment is None:
            return self.tr("never")
        return day_text(row.last_appointment, self._time_zone)


def day_text(moment: datetime, time_zone: str) -> str:
    """The salon-local day of ``moment``, with a four-digit year (the days here are years
    ago: "05.03.12" would leave the century to guess)."""
    return QLocale().toString(wall_clock(moment, time_zone).date(), date_format())
