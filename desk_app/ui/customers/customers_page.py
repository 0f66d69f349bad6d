"""The customers screen: search as you type, the paged list, and the customer form.

The first key typed after a pause searches at once (no delay before the list follows);
keys typed within a short time of the last search restart a timer, and when it runs out
the list model loads the first page of what the field then says (older answers are
dropped by the model), so a fast typist causes few queries, not one per key. Up/Down
in the search field move through the list and Enter opens the highlighted customer, so
the receptionist never needs the mouse.

``refresh`` (the window calls it when another counter PC or the sync changed something)
reloads the list in place, the count, and the customer in the form, keeping the
selection, the customer at the top of the list and whatever is being typed.

Imports PySide6, desk_app.services, desk_app.domain and desk_app.ui only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import Permission
from desk_app.services.customer_directory import CustomerDirectory
from desk_app.services.privacy import LocalExport
from desk_app.services.private_files import write_private_text
from desk_app.services.rows import CustomerRow
from desk_app.texts import error_text
from desk_app.ui.access_gate import AccessGate
from desk_app.ui.context import UiContext
from desk_app.ui.customers.customer_form import CustomerForm
from desk_app.ui.customers.customer_header import BOOK_SHORTCUT
from desk_app.ui.customers.customer_list_model import Column, CustomerListModel, Role
from desk_app.ui.customers.erase_dialog import EraseDialog
from desk_app.ui.widgets.empty_state import EmptyState
from desk_app.ui.widgets.flow_layout import FlowLayout

SEARCH_DELAY_MS = 150


class CustomersPage(QWidget):
    """Find, show, edit and create customers.

    Signals:
        customer_shown(int): the form shows this customer (after loading it).
        booking_requested(object): „Termin buchen" for this CustomerRow (the card's
            button or Ctrl+B); the window opens the booking dialog with it.
    """

    customer_shown = Signal(int)
    booking_requested = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        directory: CustomerDirectory | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        # Tests hand in a directory that fails; the window uses the one of the services.
        self._directory = directory or ctx.services.directory
        self._total: int | None = None
        self._pending_id: int | None = None  # select this row when it appears
        self._syncing = False  # selecting a row to match the form, not to load it
        self._open_first = False  # Enter came before the list had caught up

        self._search = QLineEdit()
        self._search.setObjectName("customer_search")
        self._search.setPlaceholderText(self.tr("Search: name, phone or email"))
        self._search.setClearButtonEnabled(True)
        self._search.textChanged.connect(self._on_search_text_changed)
        self._search.returnPressed.connect(self._on_search_return_pressed)
        self._search.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

        self._model = CustomerListModel(ctx, self._directory, self)
        self._model.page_loaded.connect(self._on_model_page_loaded)
        self._model.about_to_reload.connect(self._on_model_about_to_reload)
        self._model.reloaded.connect(self._on_model_reloaded)
        self._top_id: int | None = None  # the customer at the top of the list, kept there
        self._model.failed.connect(self._on_model_failed)
        self._view = QTableView()
        self._view.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        self._view.setObjectName("customer_list")
        self._view.setModel(self._model)
        self._view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._view.setAlternatingRowColors(True)
        self._view.setWordWrap(False)
        self._view.verticalHeader().hide()
        self._view.verticalHeader().setDefaultSectionSize(self._view.fontMetrics().height() + 8)
        # Names matter most at the counter: sized for "Hartmann-Lüdenscheidt, Maximilian"
        # rather than to contents (which would read every row).
        metrics = self._view.fontMetrics()
        header = self._view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(Column.NAME, metrics.horizontalAdvance("Hartmann-Weiß, Maximilian"))
        header.resizeSection(Column.PHONE, metrics.horizontalAdvance("0151 123456789") + 12)
        self._view.selectionModel().currentRowChanged.connect(self._on_view_current_row_changed)

        self._status = QLabel()
        self._status.setObjectName("list_status")
        self._new = QPushButton(self.tr("New customer"))
        self._new.setObjectName("new_customer")
        self._new.clicked.connect(self._on_new_clicked)
        # Data protection (Art. 15 and 17 GDPR) for the customer in the form.
        privacy_menu = QMenu(self)
        self._export_action = privacy_menu.addAction(self.tr("Export data…"))
        self._export_action.setObjectName("export_customer")
        self._export_action.triggered.connect(self._on_export_action_triggered)
        self._erase_action = privacy_menu.addAction(self.tr("Erase customer…"))
        self._erase_action.setObjectName("erase_customer")
        self._erase_action.triggered.connect(self._on_erase_action_triggered)
        # Only the owner and the manager export or erase (issue 12): the others see why.
        privacy_menu.setToolTipsVisible(True)
        self._access = AccessGate(ctx.signed_in, self)
        self._access.guard(self._export_action, Permission.EXPORT_DATA)
        self._access.guard(self._erase_action, Permission.ERASE_CUSTOMERS)
        self._privacy = QPushButton(self.tr("Data protection"))
        self._privacy.setObjectName("privacy")
        self._privacy.setMenu(privacy_menu)
        self._privacy.setEnabled(False)

        self._form = CustomerForm(ctx, self._directory, clock=clock)
        self._form.saved.connect(self._on_form_saved)
        self._form.loaded.connect(self.customer_shown)
        self._form.loaded.connect(self._on_form_loaded)
        self._form.switch_cancelled.connect(self._on_form_switch_cancelled)
        self._form.booking_requested.connect(self.booking_requested)
        # Booking is the calendar's right (issue 12): greyed with the reason otherwise.
        book = self._form.header().book_button()
        self._access.guard(book, Permission.BOOK)
        book_key = QShortcut(QKeySequence(BOOK_SHORTCUT), self)
        book_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        book_key.activated.connect(self.book_for_shown)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self._search)
        # The list, or what to do while it is empty (no customer yet, or none matches).
        self._empty = EmptyState()
        self._empty.setObjectName("customersEmpty")
        self._empty.action_triggered.connect(self._on_new_clicked)
        self._list_stack = QStackedWidget()
        self._list_stack.addWidget(self._view)
        self._list_stack.addWidget(self._empty)
        left_layout.addWidget(self._list_stack, 1)
        # The count and the list's buttons wrap onto two lines in a narrow window, so the
        # list does not take the width the customer's card and form need (1024 px).
        bottom = FlowLayout()
        bottom.addWidget(self._status)
        bottom.addWidget(self._privacy)
        bottom.addWidget(self._build_waitlist_button())
        bottom.addWidget(self._new)
        left_layout.addLayout(bottom)

        # At small window sizes the form scrolls instead of squeezing its fields.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._form)
        # No Tab stop of its own (it shows no focus); Tab scrolls the field it reaches
        # into view.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._form_scroll = scroll

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([430, 730])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._model.set_query("")
        self._load_total()

    # ---- public -------------------------------------------------------------------------
    def focus_search(self) -> None:
        """For the window's "find customer" shortcut: type right away."""
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def show_customer(self, customer_id: int) -> None:
        """Open a customer in the form (from the calendar, for example)."""
        self._form.leave(lambda: self._show(customer_id))

    def book_for_shown(self) -> None:
        """„Termin buchen" for the customer in the form (Ctrl+B), as the card's button."""
        button = self._form.header().book_button()
        if button.isVisible() and button.isEnabled():
            button.click()

    def set_search_delay(self, milliseconds: int) -> None:
        """How long typing must pause before the list follows (0 for the benchmark)."""
        self._timer.setInterval(max(0, milliseconds))

    def refresh(self) -> None:
        """Show what changed elsewhere: list rows and count, the customer in the form."""
        self._model.reload()
        self._load_total()
        self._form.refresh()

    def search_field(self) -> QLineEdit:
        return self._search

    def list_view(self) -> QTableView:
        return self._view

    def model(self) -> CustomerListModel:
        return self._model

    def form(self) -> CustomerForm:
        return self._form

    def status_text(self) -> str:
        return self._status.text()

    def empty_state(self) -> EmptyState:
        return self._empty

    def export_to(self, path: str) -> None:
        """Export the customer in the form to ``path`` (what the file dialog calls; tests
        call it directly, so no dialog blocks)."""
        customer = self._form.customer()
        if customer is not None:
            self._export(customer, path)

    def start_erase(self) -> EraseDialog | None:
        """Open the erase dialog for the customer in the form (window-modal, not waited
        for); the dialog, for tests. None: no customer, or the member may not erase."""
        customer = self._form.customer()
        if customer is None or not self._erase_action.isEnabled():
            return None
        dialog = EraseDialog(self._ctx, customer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.erased.connect(self._on_erase_dialog_erased)
        dialog.open()
        return dialog

    # ---- search -------------------------------------------------------------------------
    def _on_search_text_changed(self, _text: str) -> None:
        # Leading edge: the query starts before the event loop paints anything (the line
        # edit, the list of the previous key), so the database worker works meanwhile.
        if not self._timer.isActive():
            self._search_now()
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self._search_now()

    def _search_now(self) -> None:
        text = self._search.text()
        if text != self._model.query():
            self._model.set_query(text)

    def _on_search_return_pressed(self) -> None:
        if self._timer.isActive():
            # Enter right after typing: search now, open the first hit when it is there.
            self._timer.stop()
            self._search_now()
        if self._model.is_searching():
            self._open_first = True
            return
        self._open_current_or_first()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self._model.rowCount() > 0:
                current = self._view.currentIndex().row()
                row = min(max(0, current + step), self._model.rowCount() - 1)
                self._select_row(row)
                return True
        return super().eventFilter(watched, event)

    def _open_current_or_first(self) -> None:
        if self._model.rowCount() == 0:
            return
        row = max(0, self._view.currentIndex().row())
        self._select_row(row)
        # Into the form, on its first field or button: the form itself takes no keys and
        # shows no focus (the next key went nowhere to be seen).
        self._form.setFocus()
        self._form.focusNextChild()

    def _on_model_page_loaded(self, _rows: int) -> None:
        self._update_status()
        if self._open_first:
            self._open_first = False
            self._open_current_or_first()
            return
        current = self._form.customer_id()
        wanted = self._pending_id if self._pending_id is not None else current
        if wanted is not None:
            row = self._model.row_of(wanted)
            if row >= 0:
                self._pending_id = None
                self._select_row(row, load=False)

    def _on_model_about_to_reload(self) -> None:
        # Rows removed or moved (renamed elsewhere) move the current index: that is no
        # choice of the receptionist's, the form keeps its customer (see reloaded).
        self._syncing = True
        # At the very top, news at the top is seen; scrolled down, the rows read stay.
        if self._view.verticalScrollBar().value() == 0:
            self._top_id = None
            return
        top = self._view.indexAt(self._view.viewport().rect().topLeft())
        self._top_id = int(top.data(Role.CUSTOMER_ID)) if top.isValid() else None

    def _on_model_reloaded(self, _rows: int) -> None:
        self._syncing = False
        self._update_status()
        if self._top_id is not None:
            row = self._model.row_of(self._top_id)
            if row >= 0:
                self._view.scrollTo(
                    self._model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop
                )
            self._top_id = None
        current = self._form.customer_id()
        if current is not None and self._view.currentIndex().data(Role.CUSTOMER_ID) != current:
            row = self._model.row_of(current)  # moved (renamed elsewhere) or back in the list
            if row >= 0:
                self._select_row(row, load=False, scroll=False)
            else:  # not among the rows fetched: no other row may look like the one shown
                self._view.selectionModel().clear()

    def _on_model_failed(self, text: str) -> None:
        self._status.setText(text)

    def _update_empty(self) -> None:
        """The empty state in the list's place once an answer says there is nothing."""
        query = self._model.query().strip()
        empty = self._model.rowCount() == 0 and not self._model.is_searching()
        if empty and query:
            self._empty.show_state(
                self.tr("No customer matches “{query}”.").format(query=query),
                self.tr(
                    "Check the spelling, or search by phone number or email. A new "
                    "customer is created with “New customer”."
                ),
                self.tr("New customer"),
            )
        elif empty and self._total == 0:
            self._empty.show_state(
                self.tr("No customers yet."),
                self.tr(
                    "Add the first one with “New customer”, or book an appointment "
                    "(Ctrl+N): the booking dialog creates the customer on the way."
                ),
                self.tr("New customer"),
            )
        else:
            empty = False  # the total is still on its way: no "no customers" for a moment
        self._list_stack.setCurrentWidget(self._empty if empty else self._view)

    def _update_status(self) -> None:
        self._update_empty()
        shown = self._model.rowCount()
        if not self._model.query().strip():
            total = self._total if self._total is not None else shown
            self._status.setText(self.tr("%n customer(s)", "", total))
        elif self._model.is_complete():
            self._status.setText(self.tr("%n match(es)", "", shown))
        else:
            self._status.setText(self.tr("{count}+ matches").format(count=shown))

    def _load_total(self) -> None:
        directory = self._directory
        self._ctx.db_tasks.submit(self, lambda: directory.count(""), self._on_total_loaded)

    def _on_total_loaded(self, total: int) -> None:
        self._total = total
        self._update_status()

    # ---- selection and form -------------------------------------------------------------
    def _select_row(self, row: int, load: bool = True, scroll: bool = True) -> None:
        index = self._model.index(row, 0)
        self._syncing = not load
        try:
            self._view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._syncing = False
        if scroll:
            self._view.scrollTo(index)

    def _on_view_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self._syncing:
            return
        customer_id = int(current.data(Role.CUSTOMER_ID))
        if customer_id == self._form.customer_id():
            return
        self._form.leave(lambda: self._show(customer_id))

    def _show(self, customer_id: int) -> None:
        self._pending_id = customer_id
        row = self._model.row_of(customer_id)
        if row >= 0:
            self._select_row(row, load=False)
            self._pending_id = None
        else:
            # Not among the rows fetched: no row may look as if it were the one shown.
            self._view.selectionModel().clear()
        self._form.load(customer_id)

    def _on_form_switch_cancelled(self) -> None:
        current = self._form.customer_id()
        row = self._model.row_of(current) if current is not None else -1
        if row >= 0:
            self._select_row(row, load=False)
        else:
            self._view.selectionModel().clear()

    def _on_new_clicked(self) -> None:
        self._form.leave(self._start_new)

    def _start_new(self) -> None:
        self._view.selectionModel().clear()
        self._form.new_customer()
        self._privacy.setEnabled(False)
        # The first name has the focus: scrolled down to the consent panel (a small
        # window), the form would type into a field out of sight.
        self._form_scroll.verticalScrollBar().setValue(0)

    def _on_form_loaded(self, _customer_id: int) -> None:
        self._privacy.setEnabled(True)
        self._access.refresh()  # the waitlist button: a customer is shown now

    # ---- the waitlist (issue 14) ---------------------------------------------------------
    def _build_waitlist_button(self) -> QPushButton:
        self._waitlist = QPushButton(self.tr("&Waitlist…"))
        self._waitlist.setObjectName("customer_waitlist")
        self._waitlist.setToolTip(self.tr("Put this customer on the waitlist"))
        self._access.guard(
            self._waitlist, Permission.BOOK, applies=lambda: self._form.customer() is not None
        )
        self._waitlist.clicked.connect(self.open_waitlist_dialog)
        return self._waitlist

    def open_waitlist_dialog(self) -> QDialog | None:
        """The waitlist dialog for the customer in the form."""
        from desk_app.ui.waitlist.waitlist_dialog import WaitlistDialog

        customer = self._form.customer()
        if customer is None:
            return None
        dialog = WaitlistDialog(self._ctx, self, customer=customer)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(lambda _entry: self._form.waitlist_list().reload())
        dialog.open()
        return dialog

    def _on_form_saved(self, customer_id: int) -> None:
        # Names may have moved the customer in the list; a new one changes the total.
        self._pending_id = customer_id
        self._model.refresh()
        self._load_total()
        self._privacy.setEnabled(True)

    # ---- data protection ----------------------------------------------------------------
    def _on_export_action_triggered(self) -> None:
        customer = self._form.customer()
        if customer is None or not self._export_action.isEnabled():
            return
        dialog = QFileDialog(
            self,
            self.tr("Export data of {name}").format(name=customer.full_name),
            str(Path.home() / self.tr("customer-{number}.json").format(number=customer.id)),
            self.tr("JSON files (*.json)"),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("json")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The customer chosen now, even if the form moves on while the dialog is open.
        dialog.fileSelected.connect(lambda path: self._export(customer, path))
        dialog.open()

    def _export(self, customer: CustomerRow, path: str) -> None:
        """The Art. 15 export of the command line, in two steps: the desktop's part on the
        database worker, then the gateway's part (HTTP) and the file on the gateway worker."""
        privacy, target = self._ctx.services.privacy, Path(path)
        actor = self._ctx.signed_in.actor
        self._ctx.db_tasks.submit(
            self,
            lambda: privacy.local_export(customer.id, actor=actor),
            lambda local: self._export_gateway_part(customer, local, target),
            lambda exc: self._on_export_failed(target, exc),
        )

    def _export_gateway_part(self, customer: CustomerRow, local: LocalExport, target: Path) -> None:
        privacy, open_gateway = self._ctx.services.privacy, self._ctx.open_gateway

        def work() -> Path:
            write_json(target, privacy.with_gateway_part(local, open_gateway))
            return target

        self._ctx.gateway_tasks.submit(
            self,
            work,
            lambda written: self._on_exported(customer, written),
            lambda exc: self._on_export_failed(target, exc),
        )

    def _on_exported(self, customer: CustomerRow, path: Path) -> None:
        self._status.setText(
            self.tr("Data of {name} saved: {file}").format(name=customer.full_name, file=path.name)
        )
        self._status.setToolTip(str(path))

    def _on_export_failed(self, path: Path, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            text = self.tr("Could not save {file}: {reason}").format(
                file=str(path), reason=exc.strerror or str(exc)
            )
        else:
            text = error_text.describe(exc, self._ctx.time_zone)
        self._show_warning(text)

    def _on_erase_action_triggered(self) -> None:
        self.start_erase()

    def _on_erase_dialog_erased(self, _row: object) -> None:
        # The erased data must not stay on screen: the form is emptied without asking.
        self._start_new()
        self._model.refresh()
        self._load_total()

    def _show_warning(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Data protection"), text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def write_json(path: Path, data: dict[str, Any]) -> None:
    """UTF-8 and indented: the customer may read the file themselves. Personal data: the
    file is created with mode 0600."""
    write_private_text(path, json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
