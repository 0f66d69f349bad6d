"""The two lists of the audience step: who gets the campaign (by which channel), and who
is left out (with the reason in words), each searchable by name and by the words shown.

The model holds the members of one preview; the words are worked out once per reason,
not per paint, so a list of thousands scrolls smoothly.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desk_app.domain.enums import Reason
from desk_app.services.campaign_rows import AudienceMember
from desk_app.texts import error_text
from desk_app.texts.channel_words import channel_name

_Index = QModelIndex | QPersistentModelIndex

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1  # the AudienceMember
REASON_ROLE = Qt.ItemDataRole.UserRole + 2  # the reason code (str), "" for a recipient


class Column(IntEnum):
    NAME = 0
    DETAIL = 1  # the channel of a recipient, the reason of an excluded customer


class AudienceModel(QAbstractTableModel):
    """Recipients (``excluded`` False) or excluded customers of one audience preview."""

    def __init__(self, excluded: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._excluded = excluded
        self._members: tuple[AudienceMember, ...] = ()
        self._details: list[str] = []

    def set_members(self, members: Sequence[AudienceMember]) -> None:
        self.beginResetModel()
        self._members = tuple(members)
        words: dict[object, str] = {}
        self._details = []
        for member in self._members:
            key = (member.reason, member.channel, member.deferred)
            if key not in words:
                words[key] = self._detail(member)
            self._details.append(words[key])
        self.endResetModel()

    def member_at(self, row: int) -> AudienceMember | None:
        return self._members[row] if 0 <= row < len(self._members) else None

    def members(self) -> tuple[AudienceMember, ...]:
        return self._members

    def _detail(self, member: AudienceMember) -> str:
        if self._excluded:
            return error_text.reason_text(member.reason.value) if member.reason else ""
        if member.channel is None:
            return ""
        name = channel_name(member.channel)
        if member.deferred:
            return self.tr("{channel}, after the quiet hours").format(channel=name)
        return name

    # ---- Qt model -----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._members):
            return None
        member = self._members[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == Column.NAME:
                return member.name
            return self._details[index.row()]
        if role == MEMBER_ROLE:
            return member
        if role == REASON_ROLE:
            return member.reason.value if member.reason else ""
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == Column.NAME:
            return self.tr("Customer")
        if section == Column.DETAIL:
            return self.tr("Reason") if self._excluded else self.tr("Channel")
        return None


class AudienceFilterModel(QSortFilterProxyModel):
    """Search over every column (name and the words shown), optionally one reason only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reason = ""
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)

    def set_reason(self, reason: Reason | None) -> None:
        self.beginFilterChange()
        self._reason = reason.value if reason else ""
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._reason:
            index = self.sourceModel().index(source_row, Column.NAME, source_parent)
            if index.data(REASON_ROLE) != self._reason:
                return False
        return super().filterAcceptsRow(source_row, source_parent)
