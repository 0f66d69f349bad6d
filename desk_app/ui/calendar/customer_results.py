"""The customer search's result list: one line per customer, the row behind each."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desk_app.services.rows import CustomerRow

_ANY_INDEX = QModelIndex | QPersistentModelIndex


class CustomerResultsModel(QAbstractListModel):
    """Search results: "Müller, Anna · +4915112345678"."""

    CUSTOMER_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CustomerRow] = []

    def set_rows(self, rows: list[CustomerRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def customer(self, row: int) -> CustomerRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            name = ", ".join(p for p in (row.last_name, row.first_name) if p)
            contact = row.phone or row.email or ""
            return f"{name} · {contact}" if contact else name
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (row.full_name, row.phone, row.email) if p)
        if role == self.CUSTOMER_ROLE:
            return row
        return None
