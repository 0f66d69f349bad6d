"""Who the campaign reaches and who is left out, as two searchable lists.

Left-out customers can also be narrowed to one reason; the reason list says how many
each reason keeps out, so "why so few?" has its answer on screen.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, Signal
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
from desk_app.services.campaign_rows import AudienceMember, AudiencePreview
from desk_app.texts import error_text
from desk_app.ui.marketing.audience_model import (
    MEMBER_ROLE,
    AudienceFilterModel,
    AudienceModel,
    Column,
)


def _table(name: str, proxy: QSortFilterProxyModel) -> QTableView:
    table = QTableView()
    table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
    table.setObjectName(name)
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(True)
    table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    table.verticalHeader().hide()
    # One line per customer: a long list should show many of them at once.
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(Column.NAME, 190)
    header.setStretchLastSection(True)
    return table


class AudienceLists(QWidget):
    """Recipients and excluded customers of the latest audience preview.

    Signals:
        recipient_chosen(object): the AudienceMember the owner clicked in the recipients.
    """

    recipient_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recipients = AudienceModel(excluded=False, parent=self)
        self._recipient_proxy = AudienceFilterModel(self)
        self._recipient_proxy.setSourceModel(self._recipients)
        self._excluded = AudienceModel(excluded=True, parent=self)
        self._excluded_proxy = AudienceFilterModel(self)
        self._excluded_proxy.setSourceModel(self._excluded)

        self._recipient_search = QLineEdit()
        self._recipient_search.setObjectName("recipientSearch")
        self._recipient_search.setPlaceholderText(self.tr("Search by name or channel"))
        self._recipient_search.setClearButtonEnabled(True)
        self._recipient_table = _table("recipientsTable", self._recipient_proxy)

        self._excluded_search = QLineEdit()
        self._excluded_search.setObjectName("exclusionSearch")
        self._excluded_search.setPlaceholderText(self.tr("Search by name or reason"))
        self._excluded_search.setClearButtonEnabled(True)
        self._reason = QComboBox()
        self._reason.setObjectName("reasonFilter")
        self._reason.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._reason.setMaximumWidth(330)
        self._excluded_table = _table("exclusionTable", self._excluded_proxy)

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
        self.set_preview(None)

        self._recipient_search.textChanged.connect(self._on_recipient_search_text_changed)
        self._excluded_search.textChanged.connect(self._on_excluded_search_text_changed)
        self._reason.currentIndexChanged.connect(self._on_reason_current_index_changed)
        self._recipient_table.selectionModel().selectionChanged.connect(
            self._on_recipient_table_selection_changed
        )

    # ---- public -------------------------------------------------------------------------
    def set_preview(self, preview: AudiencePreview | None) -> None:
        recipients = preview.recipients if preview else ()
        excluded = preview.excluded if preview else ()
        self._recipients.set_members(recipients)
        self._excluded.set_members(excluded)
        self._tabs.setTabText(0, self.tr("&Recipients ({count})").format(count=len(recipients)))
        self._tabs.setTabText(1, self.tr("&Left out ({count})").format(count=len(excluded)))
        counts = preview.counts if preview else {}
        chosen = self._reason.currentData()
        self._reason.blockSignals(True)
        self._reason.clear()
        self._reason.addItem(self.tr("All reasons ({count})").format(count=len(excluded)), "")
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
        self._excluded_proxy.set_reason(self._chosen_reason())

    def select_recipient(self, customer_id: int) -> None:
        for row in range(self._recipient_proxy.rowCount()):
            index = self._recipient_proxy.index(row, Column.NAME)
            member = index.data(MEMBER_ROLE)
            if member is not None and member.customer_id == customer_id:
                self._recipient_table.selectRow(row)
                self._recipient_table.scrollTo(index)
                return

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

    def excluded_model(self) -> AudienceModel:
        return self._excluded

    # ---- slots --------------------------------------------------------------------------
    def _chosen_reason(self) -> Reason | None:
        value = self._reason.currentData()
        return Reason(value) if value else None

    def _on_recipient_search_text_changed(self, text: str) -> None:
        self._recipient_proxy.setFilterFixedString(text.strip())

    def _on_excluded_search_text_changed(self, text: str) -> None:
        self._excluded_proxy.setFilterFixedString(text.strip())

    def _on_reason_current_index_changed(self, _index: int) -> None:
        self._excluded_proxy.set_reason(self._chosen_reason())

    def _on_recipient_table_selection_changed(
        self, _selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        rows = self._recipient_table.selectionModel().selectedRows()
        if not rows:
            return
        member = rows[0].data(MEMBER_ROLE)
        if isinstance(member, AudienceMember):
            self.recipient_chosen.emit(member)
