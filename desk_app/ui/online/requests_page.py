"""The „Online-Anfragen" section: online bookings that could not be put into the calendar
by themselves (the time was taken meanwhile, two customers match, …), with the reason in
words and one key per decision: Enter books (asking who it is when two customers match),
Del refuses (after a question), F5 reloads.

Bookings that fit are booked without anyone's help and marked „Online" in the calendar;
this page also says when new requests arrived (``arrived``) and how many wait
(``open_count_changed``), for the status bar and the section's title.

Database work goes through ``ctx.db_tasks`` with an ``Operation``; the GUI thread never
waits. Deciding is booking (issue 12): for a member who may not book, the two buttons
are greyed with the reason, and Enter or Del say it.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import Permission
from desk_app.services.container import UseCases
from desk_app.services.rows import CustomerRow, OnlineRequestRow
from desk_app.texts import error_text
from desk_app.ui.access_gate import AccessGate
from desk_app.ui.context import UiContext
from desk_app.ui.online.candidate_dialog import CandidateDialog
from desk_app.ui.online.empty_state import EmptyState
from desk_app.ui.online.request_details import RequestDetails
from desk_app.ui.online.requests_model import (
    NOT_BOOKED,
    OPEN_STATES,
    Column,
    OnlineRequestsModel,
    customer_name,
    state_with_reason,
    wished_text,
)
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets.operation import Operation

BOOK_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
REFUSE_KEYS = (Qt.Key.Key_Delete,)
RELOAD_KEYS = (Qt.Key.Key_F5,)


RECENT = timedelta(days=14)  # how long a request that was not booked stays on the list


@dataclass(frozen=True)
class _Snapshot:
    """What one load brings from the database worker."""

    rows: list[OnlineRequestRow]  # what the list shows
    open_count: int
    recent: list[OnlineRequestRow]  # everything received lately: the news
    online_on: bool


def _load(services: UseCases, show_all: bool, since: datetime) -> _Snapshot:
    """Open requests and the recent ones not booked (or all of them); the booked ones are
    in the calendar. Never the whole history, unless asked for."""
    booking = services.online_booking
    open_rows = booking.requests(open_only=True)
    recent = booking.recent(since)
    if show_all:
        rows = booking.requests(open_only=False)
    else:
        rows = open_rows + [r for r in recent if r.state in NOT_BOOKED]
    online_on = services.catalogue.salon_settings().online_booking
    return _Snapshot(rows, len(open_rows), recent, online_on)


def _news(known: dict[int, str], recent: list[OnlineRequestRow]) -> list[OnlineRequestRow]:
    """Requests that arrived since the last look, and bookings cancelled since then."""
    return [
        row
        for row in recent
        if row.id not in known or (row.state == "cancelled" and known[row.id] != "cancelled")
    ]


class OnlineRequestsPage(QWidget):
    """The list of online requests with their details and the decisions.

    ``open_settings`` opens the settings dialog (the empty state offers it while online
    booking is off); ``sync_now`` fetches news from the gateway (F5 does it too);
    ``clock`` says what "lately" means (the tests' clock).

    Signals:
        loaded(): a load arrived and is shown.
        open_count_changed(int): how many requests wait for a decision (after each load).
        arrived(object): requests that arrived (booked, waiting or refused) or were
            cancelled since the previous load (list[OnlineRequestRow]); never for the
            first load.
        booked(object): a request was booked (the OnlineRequestRow as it is now).
        refused(object): a request was refused (the OnlineRequestRow as it is now).
    """

    loaded = Signal()
    open_count_changed = Signal(int)
    arrived = Signal(object)
    booked = Signal(object)
    refused = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        open_settings: Callable[[], None] | None = None,
        sync_now: Callable[[], None] | None = None,
        clock: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._sync_now = sync_now
        self._clock = clock or (lambda: datetime.now(UTC))
        self._known: dict[int, str] | None = None  # recent requests' states; None: no load yet
        self._open_count = 0
        self._loads = Operation(self, ctx.db_tasks, error=self._on_load_failed)
        self._asks = Operation(self, ctx.db_tasks, error=self._on_decision_failed)
        self._decisions = Operation(
            self, ctx.db_tasks, error=self._on_decision_failed, exclusive=True
        )
        self._candidates: CandidateDialog | None = None
        self._confirm: QMessageBox | None = None

        self._show_all = QCheckBox(self.tr("Show &decided requests too"))
        self._show_all.setObjectName("showAllRequests")
        self._book_button = QPushButton(self.tr("&Book (Enter)"))
        self._book_button.setObjectName("bookRequestButton")
        self._book_button.setToolTip(
            self.tr("Put the request into the calendar and confirm it to the customer")
        )
        self._refuse_button = QPushButton(self.tr("Re&fuse (Del)"))
        self._refuse_button.setObjectName("refuseRequestButton")
        self._refuse_button.setToolTip(
            self.tr("Tell the customer the time cannot be booked, with a link to choose another")
        )
        self._reload_button = QPushButton(self.tr("&Reload (F5)"))
        self._reload_button.setObjectName("reloadRequestsButton")
        self._message = QLabel()
        self._message.setObjectName("requestsMessage")
        self._message.setWordWrap(True)
        self._message.hide()

        self._model = OnlineRequestsModel(ctx.time_zone, self)
        self._table = self._build_table(self._model)
        self._details = RequestDetails(ctx.time_zone)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("requestsSplitter")
        splitter.addWidget(self._table)
        splitter.addWidget(self._details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self._empty = EmptyState(open_settings)
        self._stack = QStackedWidget()
        self._stack.addWidget(splitter)
        self._stack.addWidget(self._empty)

        top = QHBoxLayout()
        top.addWidget(self._show_all)
        top.addStretch(1)
        top.addWidget(self._reload_button)
        top.addWidget(self._refuse_button)
        top.addWidget(self._book_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._message)
        layout.addWidget(self._stack, 1)

        self._access = AccessGate(ctx.signed_in, self)
        for button in (self._book_button, self._refuse_button):
            self._access.guard(button, Permission.BOOK, self._can_decide)

        self._show_all.toggled.connect(self._on_show_all_toggled)
        self._book_button.clicked.connect(self.book_selected)
        self._refuse_button.clicked.connect(self.refuse_selected)
        self._reload_button.clicked.connect(self._on_reload_button_clicked)
        self._table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._table.doubleClicked.connect(lambda _index: self.book_selected())
        self._table.installEventFilter(self)
        self._update_actions()
        self.refresh()

    @staticmethod
    def _build_table(model: OnlineRequestsModel) -> QTableView:
        table = QTableView()
        table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        table.setObjectName("requestsTable")
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setWordWrap(False)  # the details below show everything whole
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        return table

    def _fit_columns(self, width: int) -> None:
        """Share ``width`` out so the reason stays readable at 1024 pixels too: dates and
        staff as wide as they need, the rest by weight (the reason most)."""
        header = self._table.horizontalHeader()
        fixed = {Column.RECEIVED: 0, Column.STAFF: 0, Column.WISHED: 0}
        for column in fixed:
            hint = max(self._table.sizeHintForColumn(column), header.sectionSizeHint(column))
            fixed[column] = min(hint + 8, 200)
        rest = max(0, width - sum(fixed.values()))
        weights = {Column.CUSTOMER: 2, Column.CONTACT: 2, Column.SERVICE: 2, Column.STATE: 4}
        for column, size in fixed.items():
            header.resizeSection(column, size)
        for column, weight in weights.items():
            header.resizeSection(column, max(60, rest * weight // sum(weights.values())))

    # ---- public -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the requests again (the answer drops in later)."""
        services, show_all = self._ctx.services, self._show_all.isChecked()
        since = self._clock() - RECENT
        self._loads.run(lambda: _load(services, show_all, since), self._on_loaded)

    def show_all(self, on: bool) -> None:
        """Show the decided requests too (or only those still open)."""
        self._show_all.setChecked(on)

    def model(self) -> OnlineRequestsModel:
        return self._model

    def table(self) -> QTableView:
        return self._table

    def empty_state(self) -> EmptyState:
        return self._empty

    def details(self) -> RequestDetails:
        return self._details

    def open_count(self) -> int:
        return self._open_count

    def select_request(self, request_id: int) -> None:
        row = self._model.row_of(request_id)
        if row is not None:
            self._table.selectRow(row)

    def selected(self) -> OnlineRequestRow | None:
        rows = self._table.selectionModel().selectedRows()
        return self._model.row_at(rows[0].row()) if rows else None

    def candidate_dialog(self) -> CandidateDialog | None:
        """The open "who is it?" question, if any (for the tests)."""
        return self._candidates

    def refuse_question(self) -> QMessageBox | None:
        """The open "refuse?" question, if any (for the tests)."""
        return self._confirm

    def message(self) -> str:
        return self._message.text() if self._message.isVisible() else ""

    # ---- keys ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._table and isinstance(event, QResizeEvent):
            frame = 2 * self._table.frameWidth()
            scroll = self._table.verticalScrollBar()
            taken = scroll.sizeHint().width() if scroll.isVisible() else 0
            self._fit_columns(event.size().width() - frame - taken)
        if watched is self._table and isinstance(event, QKeyEvent):
            key = event.key()
            ours = key in BOOK_KEYS + REFUSE_KEYS + RELOAD_KEYS
            if event.type() == QEvent.Type.ShortcutOverride and ours:
                # F5 is the window's "sync" elsewhere; here it reloads (and syncs).
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress and ours:
                if key in BOOK_KEYS:
                    self.book_selected()
                elif key in REFUSE_KEYS:
                    self.refuse_selected()
                else:
                    self._on_reload_button_clicked()
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self._table.setFocus()

    # ---- loading ------------------------------------------------------------------------
    def _on_loaded(self, snapshot: _Snapshot) -> None:
        chosen = self.selected()
        self._model.set_rows(snapshot.rows)
        self._fit_columns(self._table.viewport().width())
        if chosen is not None:
            self.select_request(chosen.id)
        if self.selected() is None and self._model.rowCount():
            self._table.selectRow(0)
        self._on_table_selection_changed()
        self._empty.show_for(snapshot.online_on, self._show_all.isChecked())
        self._stack.setCurrentIndex(0 if self._model.rowCount() else 1)
        news = [] if self._known is None else _news(self._known, snapshot.recent)
        self._known = {row.id: row.state for row in snapshot.recent}
        self._open_count = snapshot.open_count
        self.open_count_changed.emit(self._open_count)
        if news:
            self.arrived.emit(news)
        self.loaded.emit()

    def _on_load_failed(self, error: BaseException) -> None:
        self._show_message(error_text.describe(error, self._ctx.time_zone), error=True)

    def _on_show_all_toggled(self, _on: bool) -> None:
        self.refresh()

    def _on_reload_button_clicked(self) -> None:
        self._message.hide()
        if self._sync_now is not None:
            self._sync_now()  # news from the gateway; its changes reload the list again
        self.refresh()

    # ---- selection ----------------------------------------------------------------------
    def _on_table_selection_changed(
        self, _selected: QItemSelection | None = None, _old: QItemSelection | None = None
    ) -> None:
        self._details.show_request(self.selected())
        self._update_actions()

    def _can_decide(self) -> bool:
        row = self.selected()
        return row is not None and row.state in OPEN_STATES and not self._decisions.busy()

    def _update_actions(self) -> None:
        self._access.refresh()  # the buttons: a request to decide, and a member who may

    def _refused(self) -> bool:
        """Says why this member may not decide, if they may not (Enter and Del ask)."""
        reason = self._access.refusal(Permission.BOOK)
        if reason:
            self._show_message(reason, error=True)
        return bool(reason)

    # ---- booking ------------------------------------------------------------------------
    def book_selected(self) -> None:
        """Enter: book the selected request, asking who it is when two customers match."""
        row = self.selected()
        if row is None or row.state not in OPEN_STATES or self._decisions.busy():
            return
        if self._refused():
            return
        booking = self._ctx.services.online_booking
        self._asks.run(lambda: booking.candidates(row.id), lambda found: self._ask(row, found))

    def _ask(self, row: OnlineRequestRow, candidates: list[CustomerRow]) -> None:
        if len(candidates) < 2:
            self._book(row, candidates[0].id if candidates else None)
            return
        dialog = CandidateDialog(row, candidates, self)
        dialog.chosen.connect(lambda customer_id: self._book(row, customer_id))
        dialog.finished.connect(self._on_candidates_finished)
        self._candidates = dialog
        dialog.open()

    def _on_candidates_finished(self, _result: int) -> None:
        if self._candidates is not None:
            self._candidates.deleteLater()
        self._candidates = None

    def _book(self, row: OnlineRequestRow, customer_id: int | None) -> None:
        booking, actor = self._ctx.services.online_booking, self._ctx.signed_in.actor
        if self._decisions.run(
            lambda: booking.book_request(row.id, customer_id, actor=actor), self._on_booked
        ):
            self._update_actions()

    def _on_booked(self, row: OnlineRequestRow) -> None:
        self._update_actions()
        if row.state == "booked":
            self._show_message(
                self.tr(
                    "Booked: {name}, {when}, {service}. The confirmation is on its way."
                ).format(
                    name=customer_name(row),
                    when=wished_text(row, self._ctx.time_zone),
                    service=row.treatment_name,
                )
            )
            self.booked.emit(row)
        else:
            self._show_message(
                self.tr("Not booked: {state}").format(state=state_with_reason(row)), error=True
            )
        self.refresh()

    # ---- refusing -----------------------------------------------------------------------
    def refuse_selected(self) -> None:
        """Del: refuse the selected request, after a question."""
        row = self.selected()
        if row is None or row.state not in OPEN_STATES or self._decisions.busy():
            return
        if self._refused():
            return
        question = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Refuse the request?"),
            self.tr(
                "Refuse the request of {name} for {when}? The customer is told that the time "
                "cannot be booked and gets a link to choose another one."
            ).format(name=customer_name(row), when=wished_text(row, self._ctx.time_zone)),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        # The name was typed on a public web page: never markup, never a link.
        question.setTextFormat(Qt.TextFormat.PlainText)
        question.setObjectName("refuseQuestion")
        refuse = question.addButton(self.tr("Refuse"), QMessageBox.ButtonRole.DestructiveRole)
        question.setDefaultButton(QMessageBox.StandardButton.Cancel)
        refuse.clicked.connect(lambda: self._refuse(row))
        question.finished.connect(self._on_question_finished)
        self._confirm = question
        question.open()

    def _on_question_finished(self, _result: int) -> None:
        if self._confirm is not None:
            self._confirm.deleteLater()
        self._confirm = None

    def _refuse(self, row: OnlineRequestRow) -> None:
        booking, actor = self._ctx.services.online_booking, self._ctx.signed_in.actor
        if self._decisions.run(
            lambda: booking.refuse_request(row.id, actor=actor), self._on_refused
        ):
            self._update_actions()

    def _on_refused(self, row: OnlineRequestRow) -> None:
        self._update_actions()
        self._show_message(
            self.tr("Refused: {name}, {when}. The customer is told.").format(
                name=customer_name(row), when=wished_text(row, self._ctx.time_zone)
            )
        )
        self.refused.emit(row)
        self.refresh()

    def _on_decision_failed(self, error: BaseException) -> None:
        self._update_actions()
        self._show_message(error_text.describe(error, self._ctx.time_zone), error=True)
        self.refresh()  # another counter PC may have decided it meanwhile

    # ---- messages -----------------------------------------------------------------------
    def _show_message(self, text: str, error: bool = False) -> None:
        set_tone(self._message, Tone.ERROR if error else None)
        self._message.setText(text)
        self._message.setVisible(bool(text))
