"""A table model of rows loaded page by page, newest first (keyset paging by row id).

The model holds rows only; loading is its page's job. When the view scrolls to the end,
the model asks for the rows older than the last one with a signal; the page loads them on
the database worker and hands them back with ``append_rows`` (or ``fetch_failed``). The
outbox and the audit log both list this way; their models add columns and words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Signal

Index = QModelIndex | QPersistentModelIndex


class KeyedRow(Protocol):
    @property
    def id(self) -> int: ...


RowT = TypeVar("RowT", bound=KeyedRow)


class PagedRowsModel(QAbstractTableModel, Generic[RowT]):
    """Rows for a table view, newest first, the next page asked for at the end.

    Signals:
        more_requested(int): the view reached the end; load the rows older than the given
            id, then call ``append_rows`` (or ``fetch_failed``).
    """

    more_requested = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []
        self._has_more = False
        self._loading = False

    # ---- filling ----------------------------------------------------------------------
    def start_load(self) -> None:
        """A new load (filter changed, refresh) is on its way: ask for no more pages of the
        rows shown until its first page arrives (``set_rows``)."""
        self._loading = True

    def set_rows(self, rows: Sequence[RowT], has_more: bool) -> None:
        """Replace everything with the first page of a load."""
        self.beginResetModel()
        self._rows = list(rows)
        self._has_more = has_more
        self._loading = False
        self.endResetModel()

    def append_rows(self, rows: Sequence[RowT], has_more: bool) -> None:
        """Add the next (older) page. Rows already shown are not repeated: a row written
        between two pages can shift the keyset boundary under the reader."""
        self._loading = False
        self._has_more = has_more
        known = {row.id for row in self._rows}
        fresh = [row for row in rows if row.id not in known]
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()

    def fetch_failed(self) -> None:
        """Loading failed: ask no more until the next load (no retry loop)."""
        self._loading = False
        self._has_more = False

    def clear(self) -> None:
        self.set_rows([], False)

    def row_at(self, number: int) -> RowT:
        return self._rows[number]

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def has_more(self) -> bool:
        """More (older) rows match than those loaded."""
        return self._has_more

    # ---- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent) or not self._rows:
            return
        self._loading = True
        self.more_requested.emit(self._rows[-1].id)
