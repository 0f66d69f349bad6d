"""Finding or creating the customer on the phone, the first part of a booking.

Type part of a name or phone number, arrow keys and Enter pick the customer; "New
customer" opens a small form that warns about duplicates while typing. The picker owns
its widgets and the requests behind them; the booking dialog places the widgets in its
form (so the new-customer panel spans the whole width) and hears ``customer_changed``.
Answers for a search that was typed over, or that arrive after a customer was picked,
are dropped (``Operation``).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.counter_entry import counter_entry_problems
from desk_app.domain.errors import DuplicateCustomer, InvalidField
from desk_app.services.rows import CustomerInput, CustomerRow
from desk_app.ui.calendar.customer_results import CustomerResultsModel
from desk_app.ui.context import UiContext
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets.instant_button import InstantButton
from desk_app.ui.widgets.operation import Operation

SEARCH_DELAY_MS = 150
MAX_RESULTS = 20


class CustomerPicker(QObject):
    """Search, results and the inline new-customer form of the booking dialog.

    Signals:
        customer_changed(object): a customer was picked (the CustomerRow), or the search
            text no longer names the one picked (None).
        failed(str): a search failed; the text is for the user.
    """

    customer_changed = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._customer: CustomerRow | None = None
        self._duplicates: list[CustomerRow] = []
        self._allow_duplicate = False
        # Keys typed while the new customer is being created (None: not creating).
        self._held: list[tuple[Qt.Key, Qt.KeyboardModifier, str]] | None = None
        zone = ctx.time_zone
        # Questions asked while typing: an outdated one is not even started.
        self._searches = Operation(
            self, ctx.db_tasks, failed=self.failed.emit, time_zone=zone, skip_outdated=True
        )
        self._duplicate_checks = Operation(
            self, ctx.db_tasks, failed=self.failed.emit, time_zone=zone, skip_outdated=True
        )
        # One customer at a time: Enter in a field while one is being created waits.
        self._creations = Operation(
            self, ctx.db_tasks, error=self._on_create_failed, time_zone=zone, exclusive=True
        )
        self._build()
        self._build_new_customer_panel()
        self._connect()

    # ---- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self._search = QLineEdit()
        self._search.setObjectName("customer_search")
        self._search.setPlaceholderText(self.tr("Part of a name or phone number"))
        self._search.setClearButtonEnabled(True)
        # Alt+N opens the form at once: the name typed right after lands in it.
        self._new_customer_button = InstantButton(self.tr("&New customer"))
        self._new_customer_button.setObjectName("new_customer")
        self._new_customer_button.setAutoDefault(False)
        self._results_model = CustomerResultsModel(self)
        self._results = QListView()
        self._results.setObjectName("customer_results")
        self._results.setModel(self._results_model)
        self._results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._results.setMaximumHeight(self._results.fontMetrics().height() * 7)
        self._results.hide()
        self._no_results = QLabel(
            self.tr("No customer found. Create one with “New customer” (Alt+N).")
        )
        self._no_results.setObjectName("no_results")
        self._no_results.setWordWrap(True)
        self._no_results.hide()
        self._customer_details = QLabel()
        self._customer_details.setObjectName("customer_details")
        self._customer_details.hide()

        search_row = QHBoxLayout()
        search_row.addWidget(self._search, 1)
        search_row.addWidget(self._new_customer_button)
        self._search_box = QVBoxLayout()
        self._search_box.addLayout(search_row)
        self._search_box.addWidget(self._results)
        self._search_box.addWidget(self._no_results)
        self._search_box.addWidget(self._customer_details)

    def _build_new_customer_panel(self) -> None:
        panel = QGroupBox(self.tr("New customer"))
        panel.setObjectName("new_customer_panel")
        self._first_name = QLineEdit()
        self._first_name.setObjectName("first_name")
        self._last_name = QLineEdit()
        self._last_name.setObjectName("last_name")
        self._phone = QLineEdit()
        self._phone.setObjectName("phone")
        self._email = QLineEdit()
        self._email.setObjectName("email")
        self._duplicate_warning = QLabel()
        self._duplicate_warning.setObjectName("duplicate_warning")
        set_tone(self._duplicate_warning, Tone.WARNING_BOX)
        self._duplicate_warning.hide()
        self._use_existing = QPushButton(self.tr("Use this customer"))
        self._use_existing.setObjectName("use_existing")
        self._use_existing.hide()
        self._new_error = QLabel()
        self._new_error.setObjectName("new_customer_error")
        self._new_error.setWordWrap(True)
        set_tone(self._new_error, Tone.ERROR)
        self._new_error.hide()
        # Beside the fields they are about: the names, the phone number or email address.
        self._names_error = self._error_label("names_error")
        self._contact_error = self._error_label("contact_error")
        self._create_customer = QPushButton(self.tr("Create customer"))
        self._create_customer.setObjectName("create_customer")
        self._create_anyway = QPushButton(self.tr("Create anyway"))
        self._create_anyway.setObjectName("create_anyway")
        self._create_anyway.hide()
        self._back_to_search = QPushButton(self.tr("Back to search"))
        for button in (
            self._use_existing,
            self._create_customer,
            self._create_anyway,
            self._back_to_search,
        ):
            button.setAutoDefault(False)
        names = QHBoxLayout()
        names.addWidget(self._first_name)
        names.addWidget(self._last_name)
        form = QFormLayout(panel)
        form.addRow(self.tr("First and last name:"), names)
        form.addRow("", self._names_error)
        form.addRow(self.tr("Phone:"), self._phone)
        form.addRow(self.tr("Email:"), self._email)
        form.addRow("", self._contact_error)
        form.addRow(self._duplicate_warning)
        use_row = QHBoxLayout()
        use_row.addStretch(1)
        use_row.addWidget(self._use_existing)
        form.addRow(use_row)
        form.addRow(self._new_error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._back_to_search)
        buttons.addWidget(self._create_anyway)
        buttons.addWidget(self._create_customer)
        form.addRow(buttons)
        self._first_name.setPlaceholderText(self.tr("First name"))
        self._last_name.setPlaceholderText(self.tr("Last name"))
        panel.hide()
        self._new_panel = panel

    @staticmethod
    def _error_label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        set_tone(label, Tone.ERROR)
        label.hide()
        return label

    def _connect(self) -> None:
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self._duplicate_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._duplicate_timer.timeout.connect(self._check_duplicates)
        self._search.textEdited.connect(self._on_search_text_edited)
        self._results.activated.connect(self._on_results_activated)
        self._results.clicked.connect(self._on_results_activated)
        self._new_customer_button.clicked.connect(self._on_new_customer_clicked)
        self._create_customer.clicked.connect(self._on_create_customer_clicked)
        self._create_anyway.clicked.connect(self._on_create_anyway_clicked)
        self._use_existing.clicked.connect(self._on_use_existing_clicked)
        self._back_to_search.clicked.connect(self._on_back_to_search_clicked)
        self._phone.textEdited.connect(self._on_contact_text_edited)
        self._first_name.textEdited.connect(self._names_error.hide)
        self._last_name.textEdited.connect(self._names_error.hide)
        self._email.textEdited.connect(self._on_contact_text_edited)
        self._search.installEventFilter(self)
        for edit in (self._first_name, self._last_name, self._phone, self._email):
            edit.installEventFilter(self)

    # ---- for the dialog -----------------------------------------------------------------
    def search_field(self) -> QLineEdit:
        return self._search

    def search_box(self) -> QVBoxLayout:
        """Search line, results and the picked customer's details (the form's field)."""
        return self._search_box

    def new_customer_panel(self) -> QGroupBox:
        return self._new_panel

    def tab_chain(self) -> list[QWidget]:
        return [
            self._search,
            self._results,
            self._new_customer_button,
            self._first_name,
            self._last_name,
            self._phone,
            self._email,
            self._use_existing,
            self._create_customer,
            self._create_anyway,
            self._back_to_search,
        ]

    def customer(self) -> CustomerRow | None:
        return self._customer

    def pick(self, customer: CustomerRow) -> None:
        # The details show up before the results go (as they always did): the window
        # grows for both for a moment and keeps that height.
        self._show_customer(customer)
        self._search.setText(customer.full_name)
        self._results.hide()
        self._no_results.hide()
        self._new_panel.hide()
        self._searches.drop()  # a search still running must not reopen the list
        self.customer_changed.emit(customer)  # last: the dialog moves the focus on

    def stop(self) -> None:
        """The dialog closed: start no more searches."""
        for timer in (self._search_timer, self._duplicate_timer):
            timer.stop()

    def _forget_customer(self) -> None:
        self._show_customer(None)
        self.customer_changed.emit(None)

    def _show_customer(self, customer: CustomerRow | None) -> None:
        self._customer = customer
        if customer is None:
            self._customer_details.hide()
            return
        details = " · ".join(p for p in (customer.phone, customer.email) if p)
        self._customer_details.setText(details or self.tr("No phone number or email address"))
        self._customer_details.show()

    # ---- search -------------------------------------------------------------------------
    def _on_search_text_edited(self, text: str) -> None:
        if self._customer is not None and text != self._customer.full_name:
            self._forget_customer()
        self._search_timer.start()

    def _run_search(self) -> None:
        text = self._search.text().strip()
        if not text:
            self._searches.drop()
            self._results_model.set_rows([])
            self._results.hide()
            self._no_results.hide()
            return
        customers = self._ctx.services.customers
        self._searches.run(lambda: customers.search(text, limit=MAX_RESULTS), self._on_search_done)

    def _on_search_done(self, rows: list[CustomerRow]) -> None:
        if self._customer is not None:
            return
        self._results_model.set_rows(rows)
        self._results.setVisible(bool(rows))
        self._no_results.setVisible(not rows)
        if rows:
            self._results.setCurrentIndex(self._results_model.index(0, 0))

    def _on_results_activated(self, index: QModelIndex) -> None:
        customer = self._results_model.customer(index.row())
        if customer is not None:
            self.pick(customer)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._held is not None and isinstance(event, QKeyEvent) and watched is not self._search:
            # The customer is being created: keys typed on are meant for the booking.
            if event.type() == QEvent.Type.KeyPress:
                self._held.append((Qt.Key(event.key()), event.modifiers(), event.text()))
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self._search:
                return self._search_key(event)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Enter in the new-customer fields creates the customer, not the booking.
                self._on_create_customer_clicked()
                return True
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        rows = self._results_model.rowCount()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._results.isVisible() and rows:
            current = self._results.currentIndex().row()
            step = 1 if key == Qt.Key.Key_Down else -1
            self._results.setCurrentIndex(
                self._results_model.index(max(0, min(rows - 1, current + step)), 0)
            )
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._results.isVisible() and rows:
                self._on_results_activated(self._results.currentIndex())
                return True
            # No customer yet: Enter must not try to save (or close) the dialog.
            return self._customer is None
        return False

    # ---- new customer -------------------------------------------------------------------
    def _on_new_customer_clicked(self) -> None:
        text = self._search.text().strip()
        if self._customer is not None:
            # Booking for someone else than the customer found: start from a clean slate.
            self._forget_customer()
            self._search.clear()
            text = ""
        if text:
            if any(ch.isdigit() for ch in text) and not any(ch.isalpha() for ch in text):
                self._phone.setText(text)
            else:
                *first, last = text.split()
                self._first_name.setText(" ".join(first))
                self._last_name.setText(last)
        self._results.hide()
        self._no_results.hide()
        for label in (self._new_error, self._names_error, self._contact_error):
            label.hide()
        self._new_panel.show()
        for edit in (self._first_name, self._last_name, self._phone, self._email):
            if not edit.text():
                edit.setFocus()
                break
        else:
            self._create_customer.setFocus()
        self._duplicate_timer.start()

    def _on_back_to_search_clicked(self) -> None:
        self._new_panel.hide()
        self._search.setFocus()

    def _new_customer_input(self) -> CustomerInput:
        return CustomerInput(
            first_name=self._first_name.text(),
            last_name=self._last_name.text(),
            email=self._email.text().strip() or None,
            phone=self._phone.text().strip() or None,
        )

    def _on_contact_text_edited(self, _text: str) -> None:
        self._contact_error.hide()
        self._allow_duplicate = False
        self._create_anyway.hide()
        self._duplicate_timer.start()

    def _check_duplicates(self) -> None:
        """Warn while typing, before anyone presses Create."""
        customers = self._ctx.services.customers
        email, phone = self._email.text().strip() or None, self._phone.text().strip() or None

        def work() -> list[CustomerRow]:
            try:
                return customers.find_duplicates(email, phone)
            except InvalidField:
                return []  # half-typed: the create button will say what is wrong

        self._duplicate_checks.run(work, self._on_duplicates)

    def _on_duplicates(self, rows: list[CustomerRow]) -> None:
        self._duplicates = rows
        if not rows:
            self._duplicate_warning.hide()
            self._use_existing.hide()
            return
        # One line per customer, so each can be read at a glance.
        names = "\n".join(f"• {r.full_name} ({r.phone or r.email})" for r in rows[:3])
        self._duplicate_warning.setText(
            self.tr("Already a customer with this phone number or email:") + "\n" + names
        )
        self._use_existing.setText(self.tr("Use {name}").format(name=rows[0].full_name))
        self._duplicate_warning.show()
        self._use_existing.show()

    def _on_use_existing_clicked(self) -> None:
        if self._duplicates:
            self.pick(self._duplicates[0])

    def _on_create_anyway_clicked(self) -> None:
        self._allow_duplicate = True
        self._on_create_customer_clicked()

    def _on_create_customer_clicked(self) -> None:
        data = self._new_customer_input()
        if not self._entry_complete(data):
            return
        allow = self._allow_duplicate
        customers = self._ctx.services.customers
        if self._creations.run(
            lambda: customers.create_at_counter(data, allow_duplicate=allow),
            self._on_customer_created,
        ):
            self._new_error.hide()
            self._create_customer.setEnabled(False)
            self._held = []

    def _entry_complete(self, data: CustomerInput) -> bool:
        """Show what the counter's rule misses beside its field (the typed text stays),
        and put the cursor where the first thing is missing."""
        problems = counter_entry_problems(data.first_name, data.last_name, data.phone, data.email)
        names = [p for p in problems if p.field in ("first_name", "last_name")]
        contact = [p for p in problems if p.field not in ("first_name", "last_name")]
        for label, found in ((self._names_error, names), (self._contact_error, contact)):
            label.setText("\n".join(self._creations.describe(p) for p in found))
            label.setVisible(bool(found))
        if problems:
            fields = {"first_name": self._first_name, "last_name": self._last_name}
            fields.get(problems[0].field, self._phone).setFocus()
        return not problems

    def _on_customer_created(self, customer: CustomerRow) -> None:
        self._create_customer.setEnabled(True)
        self._allow_duplicate = False
        self._create_anyway.hide()
        self._duplicate_warning.hide()
        self._use_existing.hide()
        for edit in (self._first_name, self._last_name, self._phone, self._email):
            edit.clear()
        held, self._held = self._held or [], None
        self.pick(customer)  # the dialog moves the focus on
        for key, modifiers, text in held:  # where the receptionist meant them to go
            target = QApplication.focusWidget()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                if target is not None:
                    QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))

    def _on_create_failed(self, exc: BaseException) -> None:
        self._held = None  # what was typed on was meant for a booking that cannot go on
        self._create_customer.setEnabled(True)
        if isinstance(exc, DuplicateCustomer):
            self._check_duplicates()
            self._create_anyway.show()
        self._new_error.setText(self._creations.describe(exc))
        self._new_error.show()
