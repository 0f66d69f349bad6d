"""The audit table: one row per entry, newest first, pages loaded as the owner scrolls.

The paging is ``PagedRowsModel``'s; this model adds the columns and their words.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QModelIndex, QObject, Qt

from desk_app.services.audit import AuditRow
from desk_app.texts import audit_words
from desk_app.texts.error_text import format_moment
from desk_app.ui.widgets.paged_rows import Index, PagedRowsModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the AuditRow


class Column(IntEnum):
    TIME = 0
    MEMBER = 1
    ROLE = 2
    ACTION = 3
    SUBJECT = 4
    DETAILS = 5


class AuditModel(PagedRowsModel[AuditRow]):
    """Audit entries for a table view, loaded page by page (see ``PagedRowsModel``)."""

    def __init__(self, time_zone: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._time_zone = time_zone

    # ---- Qt model API -----------------------------------------------------------------
    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: Index) -> None:
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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
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
