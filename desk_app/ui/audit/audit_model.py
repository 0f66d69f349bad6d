"""The audit table: one row per entry, newest first, pages loaded as the owner scrolls.

The model holds rows only; loading is the view's job. When the table wants more, the
model asks for it with a signal (as the outbox table does).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desk_app.services.audit import AuditRow
from desk_app.texts import audit_words
from desk_app.texts.error_text import format_moment

_Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the AuditRow


class Column(IntEnum):
    TIME = 0
    MEMBER = 1
    ROLE = 2
    ACTION = 3
    SUBJECT = 4
    DETAILS = 5


class AuditModel(QAbstractTableModel):
    """Audit entries for a table view, loaded page by page.

    Signals:
        more_requested(int): the view reached the end; load the entries older than the
            given id, then call ``append_rows`` (or ``fetch_failed``).
    """

    more_requested = Signal(int)

    def __init__(self, time_zone: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._time_zone = time_zone
        self._rows: list[AuditRow] = []
        self._has_more = False
        self._loading = False

    # ---- filling ----------------------------------------------------------------------
    def start_load(self) -> None:
        """A new load (filter changed) is on its way: no more pages of the rows shown."""
        self._loading = True

    def set_rows(self, rows: Sequence[AuditRow], has_more: bool) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._has_more = has_more
        self._loading = False
        self.endResetModel()

    def append_rows(self, rows: Sequence[AuditRow], has_more: bool) -> None:
        self._loading = False
        self._has_more = has_more
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def fetch_failed(self) -> None:
        """Loading failed: ask no more until the next load (no retry loop)."""
        self._loading = False
        self._has_more = False

    def clear(self) -> None:
        self.set_rows([], False)

    def rows(self) -> list[AuditRow]:
        return list(self._rows)

    def has_more(self) -> bool:
        """Older entries match the filters than those loaded."""
        return self._has_more

    # ---- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent) or not self._rows:
            return
        self._loading = True
        self.more_requested.emit(self._rows[-1].id)

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
        return {
            Column.TIME: self.tr("Time"),
            Column.MEMBER: self.tr("Staff member"),
            Column.ROLE: self.tr("Role"),
            Column.ACTION: self.tr("Action"),
            Column.SUBJECT: self.tr("Concerns"),
            Column.DETAILS: self.tr("Details"),
        }[Column(section)]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, Column(index.column()))
        if role == ROW_ROLE:
            return row
        return None

    def text(self, row: AuditRow, column: Column) -> str:
        if column is Column.TIME:
            return format_moment(row.at, self._time_zone)
        if column is Column.MEMBER:
            return audit_words.member_text(row.member_name, row.member_id)
        if column is Column.ROLE:
            return audit_words.role_text(row.member_role, row.member_id)
        if column is Column.ACTION:
            return audit_words.action_name(row.action)
        if column is Column.SUBJECT:
            name = row.subject_name
            return audit_words.subject_text(row.subject, name.name, name.erased)
        return audit_words.details_text(row.action, row.details, self._time_zone)
