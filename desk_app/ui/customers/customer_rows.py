"""The frame of a customer form tab that lists rows of one customer (her series, her
waitlist entries) with one action on the selected row: the list, the action's button
below it on the right (greyed, with the reason, for a member who may not book), the read
off the GUI thread (``ctx.db_tasks``) whenever another customer is shown or the form
refreshes, and a failure said in a message box.

A subclass says what to read (``_read``), how a row looks (``_items``) and what the
button does; the rows shown stay in ``_rows``, in the list's order.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import Permission
from desk_app.texts import error_text
from desk_app.ui.access_gate import AccessGate
from desk_app.ui.context import UiContext
from desk_app.ui.widgets.operation import Operation

Row = TypeVar("Row")


class CustomerRows(QWidget, Generic[Row]):
    """Signals:
    changed(): the action changed the customer's rows.
    loaded(int): the customer's rows were read and are shown (how many)."""

    changed = Signal()
    loaded = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._customer_id: int | None = None
        self._rows: list[Row] = []
        self._question: QMessageBox | None = None
        self._loads = Operation(
            self, ctx.db_tasks, failed=self._failed, time_zone=ctx.time_zone, skip_outdated=True
        )
        self._tree = QTreeWidget()
        self._tree.setRootIsDecorated(False)
        self._gate = AccessGate(ctx.signed_in, self)
        self._tree.currentItemChanged.connect(lambda *_: self._gate.refresh())

    def _lay_out(self, list_name: str, headers: Sequence[str], action: QPushButton) -> None:
        """The list (named ``list_name``, with ``headers``) and the action's button."""
        self._tree.setObjectName(list_name)
        self._tree.setHeaderLabels(list(headers))
        self._gate.guard(action, Permission.BOOK, self._can_act)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._tree, 1)
        layout.addLayout(buttons)

    # ---- for the subclass ---------------------------------------------------------------
    def _read(self, customer_id: int) -> Callable[[], list[Row]]:
        """The work that reads the customer's rows (run on the database worker)."""
        raise NotImplementedError

    def _items(self, rows: Sequence[Row]) -> list[QTreeWidgetItem]:
        raise NotImplementedError

    def _key(self, row: Row) -> object:
        """What names a row across reads (the selection follows it): the row itself, or
        its id where a row can change and stay itself."""
        return row

    def _can_act(self) -> bool:
        return self._selected() is not None

    def _title(self) -> str:
        """The message box's title when something failed."""
        raise NotImplementedError

    # ---- public -------------------------------------------------------------------------
    def show_customer(self, customer_id: int | None) -> None:
        self._customer_id = customer_id
        self._rows = []
        self._tree.clear()
        self._gate.refresh()
        if customer_id is not None:
            self.reload()

    def reload(self) -> None:
        if self._customer_id is not None:
            self._loads.run(self._read(self._customer_id), self._show)

    def tree(self) -> QTreeWidget:
        return self._tree

    # ---- showing ------------------------------------------------------------------------
    def _show(self, rows: list[Row]) -> None:
        if rows == self._rows and self._tree.topLevelItemCount() == len(rows):
            self.loaded.emit(len(rows))
            return  # a refresh that found nothing new keeps the selection where it is
        selected = self._selected()
        kept = self._key(selected) if selected is not None else None
        self._rows = rows
        self._tree.clear()
        self._tree.addTopLevelItems(self._items(rows))
        for column in range(self._tree.columnCount()):
            self._tree.resizeColumnToContents(column)
        keys = [self._key(row) for row in rows]
        current = self._tree.topLevelItem(keys.index(kept) if kept in keys else 0)
        if current is not None:
            self._tree.setCurrentItem(current)
        self._gate.refresh()
        self.loaded.emit(len(rows))

    def _selected(self) -> Row | None:
        item = self._tree.currentItem()
        if item is None:
            return None
        index = self._tree.indexOfTopLevelItem(item)
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def _changed(self, _result: object = None) -> None:
        """After the action: the rows again, and the form told."""
        self.reload()
        self.changed.emit()

    def _failed(self, exc: BaseException | str) -> None:
        text = exc if isinstance(exc, str) else error_text.describe(exc, self._ctx.time_zone)
        box = QMessageBox(QMessageBox.Icon.Warning, self._title(), text, parent=self)
        box.open()
