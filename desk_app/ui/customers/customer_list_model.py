"""The customer list as a lazily paged table model (200,000 customers stay instant).

Only what was fetched is kept. The view asks for more through ``canFetchMore`` /
``fetchMore`` when it is scrolled near the end; each page is the next keyset page from
``CustomerDirectory``, fetched on the database runner. First pages and next pages are
one operation: a new query supersedes a page still on its way for an older one, whose
answer is dropped (a next page is only asked for while nothing is on its way). The
rows of the old query stay visible until the first page of the new one arrives, so the
list never flashes empty while typing.

Imports PySide6, desk_app.services, desk_app.domain and desk_app.ui only.

``reload`` is for changes made elsewhere (another counter PC, the sync): it fetches the
rows on screen again and applies the difference row by row (removed, inserted, changed),
never a reset, so the selection and what the view shows stay put.

Signals:
    page_loaded(int): a page of the current query is shown; the argument is the number
        of rows now in the model (the first page of a new query resets the model).
    about_to_reload(): a reload's answer is about to change rows (the view may note
        which customer is at the top).
    reloaded(int): a reload was applied; the number of rows now in the model.
    failed(str): a page could not be loaded; the text is for the user.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from enum import IntEnum
from functools import lru_cache
from typing import Any

import phonenumbers
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desk_app.services.customer_directory import CustomerDirectory
from desk_app.services.rows import CustomerRow
from desk_app.texts import error_text
from desk_app.ui.context import UiContext
from desk_app.ui.widgets.operation import Operation

PAGE_SIZE = 100
# Rows of a page whose phone number is formatted on the database worker: more than a
# list shows at once. The rest is formatted when first drawn (scrolled to).
FORMATTED_AHEAD = 40

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    PHONE = 1
    EMAIL = 2


class Role(IntEnum):
    CUSTOMER_ID = Qt.ItemDataRole.UserRole + 1
    CUSTOMER = Qt.ItemDataRole.UserRole + 2  # the whole CustomerRow


# Parsing and formatting a number costs ~0.1 ms, a tenth of a page's time for 100 rows;
# the same customers come back keystroke after keystroke ("Mü", "Mül", "Müll").
@lru_cache(maxsize=4096)
def format_phone(e164: str | None) -> str:
    """ "+4915112345678" → "0151 12345678" for German numbers, international otherwise."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    national = phonenumbers.region_code_for_number(number) == "DE"
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if national
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def list_name(row: CustomerRow) -> str:
    """ "Müller, Anna": the list is sorted by last name, so it comes first."""
    if row.last_name and row.first_name:
        return f"{row.last_name}, {row.first_name}"
    return row.last_name or row.first_name


# The column texts of a row; the phone None until formatted (rows below the first screen).
_Texts = tuple[str, str | None, str]
_Shown = tuple[CustomerRow, _Texts]
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_CUSTOMER_ID = int(Role.CUSTOMER_ID)
_CUSTOMER = int(Role.CUSTOMER)


def _with_texts(rows: list[CustomerRow]) -> list[_Shown]:
    """Rows with their column texts, made on the database worker: formatting a phone
    number costs more than drawing the row, and the GUI thread should only draw. Only
    the first ``FORMATTED_AHEAD`` phones: a page whose customers are new (the first
    letters of a search) cost some 6 ms of formatting for 100 rows, most never seen."""
    return [
        (r, (list_name(r), format_phone(r.phone) if i < FORMATTED_AHEAD else None, r.email or ""))
        for i, r in enumerate(rows)
    ]


class CustomerListModel(QAbstractTableModel):
    page_loaded = Signal(int)
    about_to_reload = Signal()
    reloaded = Signal(int)
    failed = Signal(str)

    def __init__(
        self, ctx: UiContext, directory: CustomerDirectory, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._directory = directory
        self._rows: list[CustomerRow] = []
        self._texts: list[_Texts] = []  # what each column shows, per row
        self._query = ""
        self._pages = Operation(self, ctx.db_tasks, error=self._on_page_failed)
        self._loading = False  # a page of the current query is on its way
        self._first_pending = False  # the first page of a new query is on its way
        self._complete = False  # the last page was short: everything is here
        self._broken = False  # the last page failed: no automatic retries

    # ---- queries and pages --------------------------------------------------------------
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        """Show the customers matching ``text`` (everyone when blank)."""
        self._query = text
        self.refresh()

    def refresh(self) -> None:
        """Load the current query again from the start (after a save, for example)."""
        self._loading = True
        self._first_pending = True
        self._broken = False
        query, directory = self._query, self._directory
        self._pages.run(
            lambda: _with_texts(directory.page(query, None, PAGE_SIZE)), self._on_first_page
        )

    def reload(self) -> None:
        """Fetch the rows on screen again (something changed elsewhere) and apply the
        difference in place; supersedes a next page on its way (this fetch covers it)."""
        if self._first_pending:
            self.refresh()  # a new query is on its way: ask again, after the change
            return
        self._loading = True
        self._broken = False
        query, directory = self._query, self._directory
        wanted = max(PAGE_SIZE, len(self._rows))
        self._pages.run(
            lambda: (wanted, _with_texts(directory.page(query, None, wanted))), self._on_reloaded
        )

    def is_loading(self) -> bool:
        return self._loading

    def is_searching(self) -> bool:
        """The first page of the current query is on its way (its rows are not shown)."""
        return self._first_pending

    def is_complete(self) -> bool:
        """All matches of the current query are in the model."""
        return self._complete and not self._loading

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:
        if parent.isValid():
            return False
        return not (self._complete or self._loading or self._broken)

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        query, directory = self._query, self._directory
        after = directory.position(self._rows[-1]) if self._rows else None
        self._pages.run(
            lambda: _with_texts(directory.page(query, after, PAGE_SIZE)), self._on_next_page
        )

    def _on_first_page(self, rows: list[_Shown]) -> None:
        self._first_pending = False
        self.beginResetModel()
        self._rows = [customer for customer, _ in rows]
        self._texts = [texts for _, texts in rows]
        self._complete = len(rows) < PAGE_SIZE
        self._loading = False
        self.endResetModel()
        self.page_loaded.emit(len(self._rows))

    def _on_next_page(self, rows: list[_Shown]) -> None:
        self._loading = False
        self._complete = len(rows) < PAGE_SIZE
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(customer for customer, _ in rows)
            self._texts.extend(texts for _, texts in rows)
            self.endInsertRows()
        self.page_loaded.emit(len(self._rows))

    def _on_reloaded(self, answer: tuple[int, list[_Shown]]) -> None:
        wanted, rows = answer
        self._loading = False
        self._complete = len(rows) < wanted
        fresh = [customer for customer, _ in rows]
        if fresh != self._rows:
            self.about_to_reload.emit()
            self._apply(fresh, [texts for _, texts in rows])
        self.reloaded.emit(len(self._rows))

    def _apply(self, fresh: list[CustomerRow], texts: list[_Texts]) -> None:
        """Turn the rows into ``fresh`` with row signals only (views keep selection and
        scroll position). From the end, so the positions still to visit stay valid."""
        old_ids, new_ids = [r.id for r in self._rows], [r.id for r in fresh]
        steps = SequenceMatcher(a=old_ids, b=new_ids, autojunk=False).get_opcodes()
        last_column = len(Column) - 1
        for tag, i1, i2, j1, j2 in reversed(steps):
            if tag == "equal":
                for offset in range(i2 - i1):
                    row, new = i1 + offset, j1 + offset
                    if self._rows[row] != fresh[new]:
                        self._rows[row], self._texts[row] = fresh[new], texts[new]
                        self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))
                continue
            if i2 > i1:  # delete, or the old half of replace
                self.beginRemoveRows(QModelIndex(), i1, i2 - 1)
                del self._rows[i1:i2], self._texts[i1:i2]
                self.endRemoveRows()
            if j2 > j1:  # insert, or the new half of replace
                self.beginInsertRows(QModelIndex(), i1, i1 + j2 - j1 - 1)
                self._rows[i1:i1] = fresh[j1:j2]
                self._texts[i1:i1] = texts[j1:j2]
                self.endInsertRows()

    def _on_page_failed(self, exc: BaseException) -> None:
        self._first_pending = False
        self._loading = False
        self._broken = True  # the view would otherwise ask again at once, forever
        self.failed.emit(error_text.describe(exc, self._ctx.time_zone))

    # ---- lookups ------------------------------------------------------------------------
    def customer_at(self, row: int) -> CustomerRow:
        return self._rows[row]

    def row_of(self, customer_id: int) -> int:
        """Row of the customer among those fetched so far; -1 if not (yet) there."""
        for row, customer in enumerate(self._rows):
            if customer.id == customer_id:
                return row
        return -1

    # ---- QAbstractTableModel ------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and role while painting: plain look-ups only.
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        if role in (_DISPLAY, _TOOLTIP):
            texts = self._texts[row]
            if texts[1] is None:  # below the first screen: formatted once, when drawn
                texts = self._texts[row] = (texts[0], format_phone(self._rows[row].phone), texts[2])
            return texts[index.column()]
        if role == _CUSTOMER_ID:
            return self._rows[row].id
        if role == _CUSTOMER:
            return self._rows[row]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return {
            Column.NAME: self.tr("Name"),
            Column.PHONE: self.tr("Phone"),
            Column.EMAIL: self.tr("Email"),
        }[Column(section)]
