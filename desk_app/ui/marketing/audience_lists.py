"""Who the campaign reaches and who is left out, as two searchable lists.

Left-out customers can also be narrowed to one reason; the reason list says how many
each reason keeps out, so "why so few?" has its answer on screen.

The lists are pages from the database (``AudienceModel``), so a search is a question to
the database too: the name, or the words shown for a channel or reason (which codes'
words hold the text is worked out here, where the words are). Typing is debounced like
the filters; a search superseded while it waited is not asked.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QItemSelection, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import Reason
from desk_app.domain.text_safety import cleaned
from desk_app.services.audience_view import AudienceSide
from desk_app.services.campaign_rows import AudienceMember
from desk_app.texts import error_text
from desk_app.ui.marketing.audience_model import MEMBER_ROLE, AudienceModel, Column
from desk_app.ui.marketing.composer_work import PageSource
from desk_app.ui.tasks import TaskRunner

SEARCH_DEBOUNCE_MS = 250  # how long typing in a list's search may pause before it is asked

# What the composer gives the lists: the page source of one side of its latest audience.
Pages = Callable[[AudienceSide], PageSource]


def _table(name: str, model: AudienceModel) -> QTableView:
    table = QTableView()
    table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    # In customer id order, as the pages come: sorting the rows loaded so far would
    # pretend an order the list does not have (and sorting them all stalled the window).
    table.setSortingEnabled(False)
    table.verticalHeader().hide()
    # One line per customer: a long list should show many of them at once. Fixed heights:
    # the view never asks each row for its size.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(Column.NAME, 190)
    header.setStretchLastSection(True)
    return table


class AudienceLists(QWidget):
    """Recipients and excluded customers of the latest audience answer.

    Signals:
        recipient_chosen(object): the AudienceMember the owner clicked in the recipients.
        page_failed(str): a page of a list could not be read; the text says why.
    """

    recipient_chosen = Signal(object)
    page_failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: Pages | None = None
        self._deferred = False
        self._recipients = AudienceModel(excluded=False, runner=runner, parent=self)
        self._excluded = AudienceModel(excluded=True, runner=runner, parent=self)

        self._recipient_search = QLineEdit()
        self._recipient_search.setObjectName("recipientSearch")
        self._recipient_search.setPlaceholderText(self.tr("Search by name or channel"))
        self._recipient_search.setClearButtonEnabled(True)
        self._recipient_table = _table("recipientsTable", self._recipients)

        self._excluded_search = QLineEdit()
        self._excluded_search.setObjectName("exclusionSearch")
        self._excluded_search.setPlaceholderText(self.tr("Search by name or reason"))
        self._excluded_search.setClearButtonEnabled(True)
        self._reason = QComboBox()
        self._reason.setObjectName("reasonFilter")
        self._reason.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._reason.setMaximumWidth(330)
        self._excluded_table = _table("exclusionTable", self._excluded)

        recipients_tab = QWidget()
        recipients_layout = QVBoxLayout(recipients_tab)
        recipients_layout.setContentsMargins(4, 4, 4, 4)
        recipients_layout.addWidget(self._recipient_search)
        recipients_layout.addWidget(self._recipient_table, 1)
        excluded_tab = QWidget()
        excluded_layout = QVBoxLayout(excluded_tab)
        excluded_layout.setContentsMargins(4, 4, 4, 4)
        search_row = QHBoxLayout()
        search_row.addWidget(self._excluded_search, 1)
        search_row.addWidget(self._reason)
        excluded_layout.addLayout(search_row)
        excluded_layout.addWidget(self._excluded_table, 1)

        self._tabs = QTabWidget()
        self._tabs.setObjectName("audienceTabs")
        self._tabs.addTab(recipients_tab, "")
        self._tabs.addTab(excluded_tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._tabs)

        self._recipient_timer = self._debounce(self._load_recipients)
        self._excluded_timer = self._debounce(self._load_excluded)
        self.show_counts(None)

        self._recipient_search.textChanged.connect(self._on_recipient_search_text_changed)
        self._excluded_search.textChanged.connect(self._on_excluded_search_text_changed)
        self._reason.currentIndexChanged.connect(self._on_reason_current_index_changed)
        self._recipient_table.selectionModel().selectionChanged.connect(
            self._on_recipient_table_selection_changed
        )
        for model, table in (
            (self._recipients, self._recipient_table),
            (self._excluded, self._excluded_table),
        ):
            model.page_failed.connect(self.page_failed)
            model.page_loaded.connect(lambda table=table: self._fill(table))

    def _debounce(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(SEARCH_DEBOUNCE_MS)
        timer.timeout.connect(slot)
        return timer

    # ---- public -------------------------------------------------------------------------
    def show_counts(self, counts: Mapping[str, int] | None) -> None:
        """The numbers of the latest answer: on the tabs and beside each reason."""
        counts = counts or {}
        self._deferred = bool(counts.get("deferred"))
        recipients, excluded = counts.get("recipients", 0), counts.get("excluded", 0)
        self._tabs.setTabText(0, self.tr("&Recipients ({count})").format(count=recipients))
        self._tabs.setTabText(1, self.tr("&Left out ({count})").format(count=excluded))
        chosen = self._reason.currentData()
        self._reason.blockSignals(True)
        self._reason.clear()
        self._reason.addItem(self.tr("All reasons ({count})").format(count=excluded), "")
        for reason in Reason:
            number = counts.get(reason.value, 0)
            if number:
                self._reason.addItem(
                    self.tr("{reason} ({count})").format(
                        reason=error_text.reason_text(reason.value), count=number
                    ),
                    reason.value,
                )
        self._reason.setCurrentIndex(max(self._reason.findData(chosen), 0))
        self._reason.blockSignals(False)

    def set_pages(self, pages: Pages | None) -> None:
        """Show the latest audience (None: none), each list from its first page, with the
        search and reason the owner has chosen."""
        self._pages = pages
        self._recipient_timer.stop()
        self._excluded_timer.stop()
        self._load_recipients()
        self._load_excluded()

    def hold(self) -> None:
        """The filters changed: nothing more of the audience before is loaded."""
        self._pages = None
        self._recipient_timer.stop()
        self._excluded_timer.stop()
        self._recipients.hold()
        self._excluded.hold()

    def is_busy(self) -> bool:
        """True while a search waits to be asked or a first page is on its way."""
        return (
            self._recipient_timer.isActive()
            or self._excluded_timer.isActive()
            or self._recipients.is_loading()
            or self._excluded.is_loading()
        )

    def select_recipient(self, customer_id: int) -> None:
        """Select a recipient among the rows loaded (the preview is of one of them)."""
        row = self._recipients.row_of(customer_id)
        if row >= 0:
            self._recipient_table.selectRow(row)
            self._recipient_table.scrollTo(self._recipients.index(row, Column.NAME))

    def show_excluded(self) -> None:
        self._tabs.setCurrentIndex(1)

    def recipients_table(self) -> QTableView:
        return self._recipient_table

    def exclusion_table(self) -> QTableView:
        return self._excluded_table

    def exclusion_search(self) -> QLineEdit:
        return self._excluded_search

    def reason_filter(self) -> QComboBox:
        return self._reason

    def recipients_model(self) -> AudienceModel:
        return self._recipients

    def excluded_model(self) -> AudienceModel:
        return self._excluded

    # ---- loading --------------------------------------------------------------------------
    @staticmethod
    def _fill(table: QTableView) -> None:
        """Ask the next page while the last row is in sight: a view asks by itself only
        when scrolled, and a list shorter than its window has nothing to scroll."""
        model = table.model()
        rows = model.rowCount()
        if not table.isVisible() or not rows or not model.canFetchMore(QModelIndex()):
            return
        last = table.visualRect(model.index(rows - 1, Column.NAME))
        if table.viewport().rect().intersects(last):
            model.fetchMore(QModelIndex())

    def _side(self, model: AudienceModel, excluded: bool, text: str) -> AudienceSide:
        # A pasted control character matches no name (they are refused on entry), and
        # PostgreSQL refuses a NUL in a parameter: it is asked as a "?" that matches none.
        text = cleaned(text.strip())
        needle = text.casefold()
        codes = frozenset(
            code
            for code, words in model.detail_words(self._deferred).items()
            if needle and needle in words.casefold()
        )
        reason = (self._reason.currentData() or None) if excluded else None
        return AudienceSide(excluded=excluded, reason=reason, text=text, codes=codes)

    def _load_recipients(self) -> None:
        self._load(self._recipients, False, self._recipient_search.text())

    def _load_excluded(self) -> None:
        self._load(self._excluded, True, self._excluded_search.text())

    def _load(self, model: AudienceModel, excluded: bool, text: str) -> None:
        pages = self._pages
        model.set_source(pages(self._side(model, excluded, text)) if pages else None)

    # ---- slots --------------------------------------------------------------------------
    def _on_recipient_search_text_changed(self, _text: str) -> None:
        if self._pages is not None:
            self._recipient_timer.start()

    def _on_excluded_search_text_changed(self, _text: str) -> None:
        if self._pages is not None:
            self._excluded_timer.start()

    def _on_reason_current_index_changed(self, _index: int) -> None:
        if self._pages is not None:
            self._excluded_timer.stop()
            self._load_excluded()

    def _on_recipient_table_selection_changed(
        self, _selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        rows = self._recipient_table.selectionModel().selectedRows()
        if not rows:
            return
        member = rows[0].data(MEMBER_ROLE)
        if isinstance(member, AudienceMember):
            self.recipient_chosen.emit(member)
