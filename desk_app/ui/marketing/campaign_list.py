"""The campaigns sent or scheduled so far, newest first, with the result of the chosen one.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.campaign_rows import CampaignResult, CampaignRow
from desk_app.texts import error_text
from desk_app.texts.campaign_words import channel_choice_name, type_name
from desk_app.ui.context import UiContext
from desk_app.ui.marketing.campaign_result import CampaignResultView
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.tasks import weakly
from desk_app.ui.widgets.empty_state import EmptyState
from desk_app.ui.widgets.operation import Operation

_Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the CampaignRow


class Column(IntEnum):
    NAME = 0
    TYPE = 1
    CHANNEL = 2
    SEND_AT = 3
    QUEUED = 4


class CampaignListModel(QAbstractTableModel):
    def __init__(self, time_zone: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._time_zone = time_zone
        self._rows: tuple[CampaignRow, ...] = ()

    def set_rows(self, rows: Sequence[CampaignRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_of(self, campaign_id: int) -> int:
        return next((n for n, row in enumerate(self._rows) if row.id == campaign_id), -1)

    def campaign_at(self, row: int) -> CampaignRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == Column.NAME:
                return row.name
            if column == Column.TYPE:
                return type_name(row.type)
            if column == Column.CHANNEL:
                return channel_choice_name(row.channel)
            if column == Column.SEND_AT:
                return error_text.format_moment(row.send_at, self._time_zone)
            return str(row.queued)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.QUEUED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.NAME: self.tr("Campaign"),
            Column.TYPE: self.tr("Type"),
            Column.CHANNEL: self.tr("Channel"),
            Column.SEND_AT: self.tr("Goes out"),
            Column.QUEUED: self.tr("Messages"),
        }
        return titles.get(Column(section)) if 0 <= section < len(Column) else None


class CampaignsView(QWidget):
    """List on the left, the chosen campaign's result on the right.

    Signals:
        campaigns_loaded(): the list shows the latest campaigns.
        result_loaded(int): the result view shows this campaign's latest numbers.
        compose_requested(): "New campaign" on the empty state (there is none yet).
    """

    campaigns_loaded = Signal()
    result_loaded = Signal(int)
    compose_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._wanted: int | None = None  # select this campaign once the list has it
        # The result of the chosen campaign; choosing another drops the one on its way.
        self._results = Operation(self, ctx.db_tasks, error=self._on_failed)
        self._model = CampaignListModel(ctx.time_zone, self)
        self._table = QTableView()
        self._table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        self._table.setObjectName("campaignTable")
        self._table.setModel(self._model)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setAlternatingRowColors(True)
        self._table.verticalHeader().hide()
        self._table.setWordWrap(False)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Wide enough for a date and time of this locale (4-digit years in en_GB).
        moment = error_text.format_moment(datetime(2026, 12, 31, 20, 0, tzinfo=UTC), "UTC")
        for column, width in (
            (Column.NAME, 150),
            (Column.TYPE, 140),
            (Column.CHANNEL, 70),
            (Column.SEND_AT, self._table.fontMetrics().horizontalAdvance(moment) + 16),
        ):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)

        self._refresh_button = QPushButton(self.tr("&Refresh"))
        self._refresh_button.setObjectName("refreshCampaigns")
        self._message = QLabel()
        self._message.setObjectName("campaignsMessage")
        self._message.setWordWrap(True)
        self._result = CampaignResultView(ctx.time_zone)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self._message, 1)
        top.addWidget(self._refresh_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self._table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self._result)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([580, 580])
        splitter.setChildrenCollapsible(False)
        self._empty = EmptyState()
        self._empty.setObjectName("campaignsEmpty")
        self._empty.show_state(
            self.tr("No campaigns yet."),
            self.tr(
                "Compose your first one: choose whom to write to and what, check the "
                "preview, then send it now or plan it for later. Its results appear here."
            ),
            self.tr("&Write a campaign"),
        )
        self._empty.action_triggered.connect(self.compose_requested)
        # The list and the result, or what to do while there is no campaign.
        self._stack = QStackedWidget()
        self._splitter = splitter
        self._stack.addWidget(splitter)
        self._stack.addWidget(self._empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._stack)

        self._refresh_button.clicked.connect(self._on_refresh_button_clicked)
        self._table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        # Built when the tab is first opened (a LazySection): the first load starts here,
        # or the tab stayed empty until something changed elsewhere.
        self.refresh()

    # ---- public -------------------------------------------------------------------------
    def refresh(self) -> None:
        campaigns = self._ctx.services.campaigns
        self._ctx.db_tasks.submit(
            self,
            campaigns.campaigns,
            weakly(self._on_campaigns_loaded),
            weakly(self._on_failed),
        )

    def select_campaign(self, campaign_id: int) -> None:
        """Select it now if listed, else as soon as the next refresh brings it."""
        row = self._model.row_of(campaign_id)
        if row < 0:
            self._wanted = campaign_id
            self.refresh()
            return
        self._wanted = None
        self._table.selectRow(row)

    def selected_campaign(self) -> CampaignRow | None:
        rows = self._table.selectionModel().selectedRows()
        return self._model.campaign_at(rows[0].row()) if rows else None

    def model(self) -> CampaignListModel:
        return self._model

    def empty_state(self) -> EmptyState:
        return self._empty

    def _splitter_or_empty(self, rows: Sequence[CampaignRow]) -> QWidget:
        return self._splitter if rows else self._empty

    def result_view(self) -> CampaignResultView:
        return self._result

    # ---- loading ------------------------------------------------------------------------
    def _on_campaigns_loaded(self, rows: list[CampaignRow]) -> None:
        keep = self._wanted
        if keep is None:
            selected = self.selected_campaign()
            keep = selected.id if selected else None
        self._model.set_rows(rows)
        self._message.setText(self.tr("%n campaign(s)", "", len(rows)))
        self._stack.setCurrentWidget(self._splitter_or_empty(rows))
        set_tone(self._message, None)
        row = self._model.row_of(keep) if keep is not None else -1
        self._wanted = None
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self._table.selectRow(row)
            self._load_result(rows[row].id)  # also when the same row stays selected
        else:
            self._result.show_result(None)
        self.campaigns_loaded.emit()

    def _on_failed(self, error: BaseException) -> None:
        self._message.setText(error_text.describe(error, self._ctx.time_zone))
        set_tone(self._message, Tone.ERROR)

    def _on_refresh_button_clicked(self) -> None:
        self.refresh()

    def _on_table_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        campaign = self.selected_campaign()
        if campaign is not None:
            self._load_result(campaign.id)

    def _load_result(self, campaign_id: int) -> None:
        campaigns = self._ctx.services.campaigns
        self._results.run(lambda: campaigns.result(campaign_id), self._on_result_loaded)

    def _on_result_loaded(self, result: CampaignResult) -> None:
        self._result.show_result(result)
        self.result_loaded.emit(result.campaign.id)
