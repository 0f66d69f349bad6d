"""One list of the audience step – who gets the campaign (by which channel) or who is left
out (with the reason in words) – loaded from the database a page at a time.

At chain scale a selection holds 200,000 customers: building them all as rows, sorting
them and filtering them on the GUI thread stalled it for over a minute. The model holds
only the pages the owner has scrolled to: the first one is asked as soon as the list is
given its source, the next one when the view asks (``canFetchMore``/``fetchMore``: its
last row came into sight). Pages are asked on the database worker and come in customer id
order; a new source (other filters, another search) drops every page still on its way.
The words are worked out once per reason, not per paint.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desk_app.domain.enums import Channel, Reason
from desk_app.services.campaign_rows import AudienceMember
from desk_app.texts import error_text
from desk_app.texts.channel_words import channel_name
from desk_app.ui.marketing.composer_work import PageSource
from desk_app.ui.tasks import TaskRunner
from desk_app.ui.widgets.operation import Operation

_Index = QModelIndex | QPersistentModelIndex

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1  # the AudienceMember
PAGE_SIZE = 200  # rows per page: a few screens full, a few milliseconds of SQL


class Column(IntEnum):
    NAME = 0
    DETAIL = 1  # the channel of a recipient, the reason of an excluded customer


class AudienceModel(QAbstractTableModel):
    """Recipients (``excluded`` False) or excluded customers, page by page.

    Signals:
        page_loaded(): a page was added (or the list turned out to end here).
        page_failed(str): a page could not be read; the text says why, for the owner.
    """

    page_loaded = Signal()
    page_failed = Signal(str)

    def __init__(
        self,
        excluded: bool,
        runner: TaskRunner,
        parent: QObject | None = None,
        page_size: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._excluded = excluded
        self._page_size = page_size or PAGE_SIZE
        self._members: list[AudienceMember] = []
        self._words: dict[tuple[object, ...], str] = {}
        self._source: PageSource | None = None
        self._complete = True  # no source, or its last page arrived
        self._pages = Operation(self, runner, error=self._on_page_failed, skip_outdated=True)

    # ---- public -------------------------------------------------------------------------
    def set_source(self, source: PageSource | None) -> None:
        """Show the list ``source`` gives (None: an empty list), from its first page."""
        self._pages.drop()  # a page on its way belongs to the list before
        self.beginResetModel()
        self._members = []
        self._source = source
        self._complete = source is None
        self.endResetModel()
        if source is not None:
            self._ask()

    def hold(self) -> None:
        """Keep the rows shown, but ask for no more (the filters changed: the next list
        comes with the answer)."""
        self._pages.drop()
        self._source = None
        self._complete = True

    def is_loading(self) -> bool:
        return self._pages.busy()

    def is_complete(self) -> bool:
        """True when every row of the list is loaded (or there is no list)."""
        return self._complete

    def row_of(self, customer_id: int) -> int:
        """The row of a loaded customer, -1 when not (yet) loaded."""
        for row, member in enumerate(self._members):
            if member.customer_id == customer_id:
                return row
        return -1

    def detail(self, member: AudienceMember) -> str:
        """The words in the second column: the reason, or the channel (and its delay)."""
        key = (member.reason, member.channel, member.deferred)
        words = self._words.get(key)
        if words is None:
            words = self._words[key] = self._detail(member)
        return words

    def detail_words(self, deferred: bool) -> dict[str, str]:
        """The words this list can show, by the code they stand for (a reason, or a
        channel), for searching: the owner searches what is on screen."""
        if self._excluded:
            return {r.value: self.detail(AudienceMember(0, "", None, r)) for r in Reason}
        return {
            c.value: self.detail(AudienceMember(0, "", c, None, deferred and c is Channel.SMS))
            for c in Channel
        }

    def _detail(self, member: AudienceMember) -> str:
        if self._excluded:
            return error_text.reason_text(member.reason.value) if member.reason else ""
        if member.channel is None:
            return ""
        name = channel_name(member.channel)
        if member.deferred:
            return self.tr("{channel}, after the quiet hours").format(channel=name)
        return name

    # ---- pages ----------------------------------------------------------------------------
    def _ask(self) -> None:
        source, limit = self._source, self._page_size
        if source is None:
            return
        after = self._members[-1].customer_id if self._members else None
        self._pages.run(lambda: source(after, limit), self._on_page)

    def _on_page(self, page: list[AudienceMember]) -> None:
        if page:
            first = len(self._members)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._members.extend(page)
            self.endInsertRows()
        self._complete = len(page) < self._page_size
        self.page_loaded.emit()

    def _on_page_failed(self, error: BaseException) -> None:
        # Not asked again and again by the view: the list ends here, the reason is told.
        self._complete = True
        self.page_loaded.emit()
        self.page_failed.emit(error_text.describe(error))

    # ---- Qt model -----------------------------------------------------------------------
    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._complete and not self._pages.busy()

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._ask()

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
            return self.detail(member)
        if role == MEMBER_ROLE:
            return member
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
