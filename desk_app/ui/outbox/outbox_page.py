"""The outbox screen ("Postausgang"): every message with its status and reason, a status
filter, retrying a failed message, and a manual sync with the gateway.

Database work goes through ``ctx.db_tasks``, the sync through ``ctx.gateway_tasks``; the GUI thread
never waits on either. The sync's progress callback runs on the gateway worker and
reaches the widgets through the operation's progress reports.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import OutboxStatus
from desk_app.services.container import UseCases
from desk_app.services.outbox_view import OutboxListRow, OutboxMessageRow, OutboxView
from desk_app.services.rows import OutboxRow
from desk_app.texts import error_text
from desk_app.texts.outbox_words import outbox_reason_text
from desk_app.ui.context import UiContext
from desk_app.ui.outbox.message_preview import MessagePreview
from desk_app.ui.outbox.outbox_model import Column, OutboxModel, status_text
from desk_app.ui.outbox.status_widget import GatewayState
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.tasks import weakly
from desk_app.ui.widgets.empty_state import EmptyState
from desk_app.ui.widgets.operation import Operation, Report

if TYPE_CHECKING:
    # Types only: the sync (HTTP client, event handling) is imported when a sync runs.
    from desk_app.services.sync import SyncReport, SyncService

PAGE_SIZE = 200
# The order of the filter: how a message moves through the outbox, trouble last.
FILTER_ORDER = (
    OutboxStatus.QUEUED,
    OutboxStatus.ACCEPTED,
    OutboxStatus.SENT,
    OutboxStatus.DELIVERED,
    OutboxStatus.FAILED,
    OutboxStatus.BOUNCED,
    OutboxStatus.REJECTED,
    OutboxStatus.EXPIRED,
)


@dataclasses.dataclass(frozen=True)
class _Snapshot:
    """What one refresh loads on the database worker."""

    counts: dict[OutboxStatus, int]
    rows: list[OutboxListRow]
    gateway: GatewayState


class OutboxPage(QWidget):
    """The outbox: filter by status, retry a failed message, sync now.

    ``sync_factory`` builds a fresh SyncService for one run (it may raise
    GatewayNotConfigured); the page closes it after the run. ``None``: no gateway is set
    up, and "Sync now" stays disabled.

    Signals:
        status_changed(object, object): after each refresh, the counts per status
            (dict[OutboxStatus, int]) and the GatewayState, for the status bar.
        sync_finished(bool): a manual sync ended (True: without a gateway error).
    """

    status_changed = Signal(object, object)
    sync_finished = Signal(bool)

    def __init__(
        self,
        ctx: UiContext,
        sync_factory: Callable[[], SyncService] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._sync_factory = sync_factory
        self._view = ctx.services.outbox_view
        self._counts: dict[OutboxStatus, int] = dict.fromkeys(OutboxStatus, 0)
        # Loads (snapshot and next pages: a refresh outdates a page on its way) and syncs.
        self._loads = Operation(self, ctx.db_tasks, error=self._on_load_failed)
        self._syncs = Operation(self, ctx.gateway_tasks, error=self._on_sync_error, exclusive=True)
        # The selected message's body; choosing another drops the one on its way.
        self._previews = Operation(
            self, ctx.db_tasks, error=self._on_load_failed, skip_outdated=True
        )
        self._sync_total = 0

        self._filter = QComboBox()
        self._filter.setObjectName("statusFilter")
        self._filter.addItem(self.tr("All messages"), "")
        for status in FILTER_ORDER:
            self._filter.addItem(status_text(status), status.value)
        self._filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filter_label = QLabel(self.tr("S&how:"))
        filter_label.setBuddy(self._filter)

        self._refresh_button = QPushButton(self.tr("&Refresh"))
        self._refresh_button.setObjectName("refreshButton")
        self._retry_button = QPushButton(self.tr("Send &again"))
        self._retry_button.setObjectName("retryButton")
        self._retry_button.setToolTip(self.tr("Put the selected failed message back in the queue"))
        self._retry_button.setEnabled(False)
        self._sync_button = QPushButton(self.tr("&Sync now"))
        self._sync_button.setObjectName("syncButton")

        self._progress = QProgressBar()
        self._progress.setObjectName("syncProgress")
        self._progress.setTextVisible(False)
        self._progress.setMaximumWidth(220)
        self._progress_label = QLabel()
        self._progress_label.setObjectName("syncProgressLabel")
        self._result = QLabel()
        self._result.setObjectName("syncResult")
        self._result.setWordWrap(True)
        self._result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._model = OutboxModel(ctx.time_zone, self)
        self._table = self._build_table(self._model)
        self._empty = EmptyState()
        self._empty.setObjectName("outboxEmpty")
        self._empty.action_triggered.connect(self._on_empty_action_triggered)
        self._preview = MessagePreview(ctx.time_zone)
        # The list or what to do while it is empty; the preview beside it.
        self._list_stack = QStackedWidget()
        self._list_stack.addWidget(self._table)
        self._list_stack.addWidget(self._empty)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("outboxSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._list_stack)
        splitter.addWidget(self._preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])

        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self._filter)
        top.addStretch(1)
        top.addWidget(self._refresh_button)
        top.addWidget(self._retry_button)
        top.addWidget(self._sync_button)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self._progress)
        progress_row.addWidget(self._progress_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(progress_row)
        layout.addWidget(self._result)
        layout.addWidget(splitter, 1)
        self._show_progress(False)
        self._result.hide()

        if sync_factory is None:
            self._sync_button.setEnabled(False)
            self._sync_button.setToolTip(
                self.tr("No gateway is set up yet: enter its address and token in the settings.")
            )
        else:
            self._sync_button.setToolTip(
                self.tr("Fetch news from the gateway, then send the waiting messages")
            )

        self._filter.currentIndexChanged.connect(self._on_filter_current_index_changed)
        self._refresh_button.clicked.connect(self._on_refresh_button_clicked)
        self._retry_button.clicked.connect(self._on_retry_button_clicked)
        self._sync_button.clicked.connect(self._on_sync_button_clicked)
        self._model.more_requested.connect(self._on_model_more_requested)
        self._model.modelReset.connect(self._update_actions)
        self._model.dataChanged.connect(self._update_actions)
        self._table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.refresh()

    @staticmethod
    def _build_table(model: OutboxModel) -> QTableView:
        table = QTableView()
        table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        table.setObjectName("outboxTable")
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setWordWrap(False)  # long provider errors: the tooltip shows them whole
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (Column.TIME, 130),
            (Column.CUSTOMER, 190),
            (Column.CHANNEL, 70),
            (Column.KIND, 190),
            (Column.STATUS, 170),
        ):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        return table

    # ---- public -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload counts, the first page for the chosen filter and the gateway state."""
        self._model.start_load()
        status = self.status_filter()
        services, view = self._ctx.services, self._view
        can_sync = self._sync_factory is not None
        self._loads.run(
            lambda: _load_snapshot(services, view, status, can_sync), self._on_snapshot_loaded
        )

    def status_filter(self) -> OutboxStatus | None:
        value = self._filter.currentData()
        return OutboxStatus(value) if value else None

    def set_status_filter(self, status: OutboxStatus | None) -> None:
        self._filter.setCurrentIndex(self._filter.findData(status.value if status else ""))

    def model(self) -> OutboxModel:
        return self._model

    def counts(self) -> dict[OutboxStatus, int]:
        return dict(self._counts)

    def is_syncing(self) -> bool:
        return self._syncs.busy()

    def preview(self) -> MessagePreview:
        return self._preview

    def empty_state(self) -> EmptyState:
        return self._empty

    def table(self) -> QTableView:
        return self._table

    # ---- loading (answers on the GUI thread) ------------------------------------------
    def _on_snapshot_loaded(self, snapshot: _Snapshot) -> None:
        self._model.set_rows(snapshot.rows, len(snapshot.rows) == PAGE_SIZE)
        self._counts = snapshot.counts
        self._update_filter_texts()
        self._update_empty_hint()
        if self._selected_row() is None:  # a reload forgets the selection: so does the preview
            self._previews.drop()
            self._preview.show_message(None)
        self.status_changed.emit(dict(snapshot.counts), snapshot.gateway)

    def _on_load_failed(self, error: BaseException) -> None:
        self._model.fetch_failed()
        self._show_result(error_text.describe(error, self._ctx.time_zone), error=True)

    def _on_model_more_requested(self, after_id: int) -> None:
        status, view = self.status_filter(), self._view
        self._loads.run(lambda: view.page(status, after_id, PAGE_SIZE), self._on_page_loaded)

    def _on_page_loaded(self, rows: list[OutboxListRow]) -> None:
        self._model.append_rows(rows, len(rows) == PAGE_SIZE)

    def _update_filter_texts(self) -> None:
        total = sum(self._counts.values())
        self._filter.setItemText(0, self.tr("All messages ({count})").format(count=total))
        for number, status in enumerate(FILTER_ORDER, start=1):
            self._filter.setItemText(
                number,
                self.tr("{status} ({count})").format(
                    status=status_text(status), count=self._counts.get(status, 0)
                ),
            )

    def _update_empty_hint(self) -> None:
        empty = self._model.rowCount() == 0
        if self.status_filter() is not None:
            self._empty.show_state(
                self.tr("No messages with this status."),
                self.tr("Choose “All messages” to see every message."),
                self.tr("Show all &messages"),
            )
        elif self._sync_factory is not None:
            self._empty.show_state(
                self.tr("The outbox is empty."),
                self.tr(
                    "Booking confirmations, reminders and campaigns wait here until the "
                    "gateway has them. Sync now (F5) to fetch news from the gateway."
                ),
                self.tr("Sync now"),
                "F5",
            )
        else:
            self._empty.show_state(
                self.tr("The outbox is empty."),
                self.tr(
                    "Booking confirmations, reminders and campaigns wait here until they "
                    "are sent. Set up the gateway in the settings (Ctrl+,) to send them."
                ),
            )
        # An empty table says nothing; a sentence in its place does.
        self._list_stack.setCurrentWidget(self._empty if empty else self._table)
        # Nothing to choose: the sentence alone, across the page.
        self._preview.setVisible(not empty)
        if empty:
            self._preview.show_message(None)

    def _on_empty_action_triggered(self) -> None:
        if self.status_filter() is not None:
            self.set_status_filter(None)
        else:
            self.sync_now()

    # ---- filter and selection ---------------------------------------------------------
    def _on_filter_current_index_changed(self, _index: int) -> None:
        self.refresh()

    def _on_refresh_button_clicked(self) -> None:
        self.refresh()

    def _on_table_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        self._update_actions()
        row = self._selected_row()
        if row is None:
            self._previews.drop()
            self._preview.show_message(None)
            return
        view, message_id = self._view, row.id
        self._previews.run(lambda: view.message(message_id), self._on_preview_loaded)

    def _on_preview_loaded(self, message: OutboxMessageRow | None) -> None:
        self._preview.show_message(message)

    def _selected_row(self) -> OutboxListRow | None:
        rows = self._table.selectionModel().selectedRows()
        if not rows:
            return None
        return self._model.row_at(rows[0].row())

    def _update_actions(self) -> None:
        row = self._selected_row()
        self._retry_button.setEnabled(row is not None and row.status is OutboxStatus.FAILED)

    # ---- retry --------------------------------------------------------------------------
    def _on_retry_button_clicked(self) -> None:
        row = self._selected_row()
        if row is None or row.status is not OutboxStatus.FAILED:
            return
        self._retry_button.setEnabled(False)
        outbox, view = self._ctx.services.outbox, self._view
        self._ctx.db_tasks.submit(
            self,
            lambda: (outbox.retry(row.id), view.counts()),
            weakly(self._on_retried, row),
            weakly(self._on_retry_failed),
        )

    def _on_retried(
        self, before: OutboxListRow, result: tuple[OutboxRow, dict[OutboxStatus, int]]
    ) -> None:
        after, counts = result
        self._model.replace_row(
            dataclasses.replace(before, status=after.status, reason=after.reason)
        )
        self._counts = counts
        self._update_filter_texts()
        self._update_actions()
        self._show_result(self.tr("The message is queued again and goes out with the next sync."))

    def _on_retry_failed(self, error: BaseException) -> None:
        self._update_actions()
        self._show_result(error_text.describe(error, self._ctx.time_zone), error=True)

    # ---- sync ---------------------------------------------------------------------------
    def sync_now(self) -> None:
        """What "Sync now" does (also the window's F5)."""
        self._on_sync_button_clicked()

    def _on_sync_button_clicked(self) -> None:
        factory = self._sync_factory
        if factory is None or self._syncs.busy():
            return
        self._sync_button.setEnabled(False)
        self._sync_total = self._counts.get(OutboxStatus.QUEUED, 0)
        self._result.hide()
        self._show_progress(True)
        self._progress.setRange(0, 0)  # busy until we know how much there is
        self._progress_label.setText(self.tr("Fetching news from the gateway…"))

        def work(report: Report) -> SyncReport:
            sync = factory()
            try:
                return sync.run_once(report)
            finally:
                sync.close()

        self._syncs.run_with_progress(work, self._on_sync_done, self._on_sync_progressed)

    def _on_sync_progressed(self, phase: str, count: int) -> None:
        if phase == "events":
            self._progress.setRange(0, 0)
            self._progress_label.setText(
                self.tr("Fetching news from the gateway… %n received", "", count)
            )
            return
        total = max(self._sync_total, count)
        if total:
            self._progress.setRange(0, total)
            self._progress.setValue(count)
        self._progress_label.setText(
            self.tr("Sending messages… {done} of {total}").format(done=count, total=total)
        )

    def _on_sync_done(self, report: SyncReport) -> None:
        self._sync_ended()
        self._show_result(self._report_text(report), error=not report.ok)
        self.sync_finished.emit(report.ok)
        self.refresh()

    def _on_sync_error(self, error: BaseException) -> None:
        self._sync_ended()
        self._show_result(error_text.describe(error, self._ctx.time_zone), error=True)
        self.sync_finished.emit(False)
        self.refresh()

    def _sync_ended(self) -> None:
        self._show_progress(False)
        self._sync_button.setEnabled(self._sync_factory is not None)

    def _report_text(self, report: SyncReport) -> str:
        lines = []
        if report.error is not None:
            lines.append(error_text.gateway_text(report.error))
        else:
            lines.append(
                self.tr("Synced at {time}.").format(
                    time=error_text.format_moment(datetime.now(UTC), self._ctx.time_zone)
                )
            )
        if report.events_applied:
            lines.append(
                self.tr("%n update(s) received from the gateway.", "", report.events_applied)
            )
        if report.accepted:
            lines.append(self.tr("%n message(s) handed to the gateway.", "", report.accepted))
        if report.rejected:
            reasons = "; ".join(
                f"{outbox_reason_text(code)} ({number})"
                for code, number in sorted(report.rejected_codes.items())
            )
            lines.append(
                self.tr(
                    "%n message(s) refused by the gateway: {reasons}.", "", report.rejected
                ).format(reasons=reasons)
            )
        if report.ok and len(lines) == 1:
            lines.append(self.tr("Nothing new: everything is up to date."))
        return " ".join(lines)

    # ---- small helpers ------------------------------------------------------------------
    def _show_progress(self, visible: bool) -> None:
        self._progress.setVisible(visible)
        self._progress_label.setVisible(visible)

    def _show_result(self, text: str, error: bool = False) -> None:
        self._result.setText(text)
        set_tone(self._result, Tone.ERROR if error else None)
        self._result.setProperty("error", error)
        self._result.show()


def _load_snapshot(
    services: UseCases, view: OutboxView, status: OutboxStatus | None, can_sync: bool
) -> _Snapshot:
    """Runs on the database worker (takes no widget, so a closed page is no problem)."""
    url = services.catalogue.salon_settings().gateway_url
    configured = can_sync and bool(url)
    state = services.outbox.sync_state(url) if configured else None
    return _Snapshot(
        counts=view.counts(),
        rows=view.page(status, None, PAGE_SIZE),
        gateway=GatewayState.from_sync_state(configured, state),
    )
