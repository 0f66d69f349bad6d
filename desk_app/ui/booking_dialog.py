"""The phone-booking flow: find or create the customer, pick service, staff and time,
see conflicts before saving.

Keyboard first: type part of a name or phone number, arrow keys and Enter pick the
customer, Tab walks the fields, Enter saves once the slot is free, Escape cancels.
Every service call runs on ``ctx.db``; answers for a field that changed meanwhile are
dropped (generation counters).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import StaffRole
from desk_app.domain.errors import (
    DuplicateCustomer,
    InvalidField,
    OutsideOpeningHours,
    StaffUnavailable,
)
from desk_app.services.booking import BookingRequest
from desk_app.services.rows import AppointmentRow, CustomerInput, CustomerRow, ServiceRow, StaffRow
from desk_app.texts import error_text
from desk_app.ui.context import UiContext

Submit = Callable[
    [BookingRequest, Callable[[AppointmentRow], None], Callable[[BaseException], None]], None
]
BOOKABLE = (StaffRole.OWNER, StaffRole.STYLIST)
SEARCH_DELAY_MS = 150
PREVIEW_DELAY_MS = 120
MAX_RESULTS = 20
_ANY_INDEX = QModelIndex | QPersistentModelIndex


class CustomerResultsModel(QAbstractListModel):
    """Search results: "Müller, Anna · +4915112345678"."""

    CUSTOMER_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CustomerRow] = []

    def set_rows(self, rows: list[CustomerRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def customer(self, row: int) -> CustomerRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            name = ", ".join(p for p in (row.last_name, row.first_name) if p)
            contact = row.phone or row.email or ""
            return f"{name} · {contact}" if contact else name
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (row.full_name, row.phone, row.email) if p)
        if role == self.CUSTOMER_ROLE:
            return row
        return None


class _QuarterTimeEdit(QTimeEdit):
    """Arrow keys and the wheel step the minutes by a quarter hour (the calendar's grid)."""

    def stepBy(self, steps: int) -> None:
        if self.currentSection() == QTimeEdit.Section.MinuteSection:
            self.setTime(self.time().addSecs(steps * 15 * 60))
        else:
            super().stepBy(steps)


class BookingDialog(QDialog):
    """New appointment, the way the phone call goes.

    Signals:
        booked(object): the appointment was saved; the AppointmentRow.
    """

    booked = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        staff_id: int | None = None,
        starts_at: datetime | None = None,
        minutes: int = 0,
        submit: Submit | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._zone = ZoneInfo(ctx.time_zone)
        self._submit = submit
        self._wanted_staff = staff_id
        self._wanted_minutes = minutes
        self._customer: CustomerRow | None = None
        self._objected: bool | None = None  # None: not known (yet)
        self._notify_touched = False
        self._services: list[ServiceRow] = []
        self._staff: list[StaffRow] = []
        self._duplicates: list[CustomerRow] = []
        self._allow_duplicate = False
        self._problem: object = None
        self._preview_ok = False
        self._saving = False
        self._search_generation = 0
        self._preview_generation = 0
        self._duplicate_generation = 0
        self.setWindowTitle(self.tr("New appointment"))
        self.setMinimumWidth(560)
        self._build()
        self._connect()
        start = starts_at.astimezone(self._zone) if starts_at else None
        if start is not None:
            self._date.setDate(QDate(start.year, start.month, start.day))
            self._time.setTime(QTime(start.hour, start.minute))
        self._load_choices()
        self._update_save()

    # ---- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self._search = QLineEdit(objectName="customer_search")
        self._search.setPlaceholderText(self.tr("Part of a name or phone number"))
        self._search.setClearButtonEnabled(True)
        self._new_customer_button = QPushButton(self.tr("&New customer"), objectName="new_customer")
        self._new_customer_button.setAutoDefault(False)
        self._results_model = CustomerResultsModel(self)
        self._results = QListView(objectName="customer_results")
        self._results.setModel(self._results_model)
        self._results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._results.setMaximumHeight(self.fontMetrics().height() * 7)
        self._results.hide()
        self._no_results = QLabel(
            self.tr("No customer found. Create one with “New customer” (Alt+N)."),
            objectName="no_results",
        )
        self._no_results.setWordWrap(True)
        self._no_results.hide()
        self._customer_details = QLabel(objectName="customer_details")
        self._customer_details.hide()

        search_row = QHBoxLayout()
        search_row.addWidget(self._search, 1)
        search_row.addWidget(self._new_customer_button)
        customer_box = QVBoxLayout()
        customer_box.addLayout(search_row)
        customer_box.addWidget(self._results)
        customer_box.addWidget(self._no_results)
        customer_box.addWidget(self._customer_details)

        self._new_panel = self._build_new_customer_panel()

        self._service = QComboBox(objectName="service")
        self._service.setPlaceholderText(self.tr("Choose a service"))
        self._minutes = QSpinBox(objectName="minutes")
        self._minutes.setRange(0, 12 * 60)
        self._minutes.setSpecialValueText("–")  # no service chosen yet
        self._minutes.setSingleStep(5)
        self._minutes.setSuffix(self.tr(" min"))
        self._staff_combo = QComboBox(objectName="staff")
        self._staff_combo.setPlaceholderText(self.tr("Choose a staff member"))
        self._date = QDateEdit(objectName="date")
        self._date.setCalendarPopup(True)
        today = datetime.now(self._zone).date()
        self._date.setDate(QDate(today.year, today.month, today.day))
        self._time = _QuarterTimeEdit(objectName="time")
        self._time.setDisplayFormat("HH:mm")
        self._time.setTime(QTime(9, 0))
        self._note = QLineEdit(objectName="note")
        self._note.setPlaceholderText(self.tr("Optional, e.g. “wants it short”"))

        when_row = QHBoxLayout()
        when_row.addWidget(self._date, 1)
        time_label = QLabel(self.tr("T&ime:"))
        time_label.setBuddy(self._time)
        when_row.addWidget(time_label)
        when_row.addWidget(self._time)
        service_row = QHBoxLayout()
        service_row.addWidget(self._service, 1)
        duration_label = QLabel(self.tr("&Duration:"))
        duration_label.setBuddy(self._minutes)
        service_row.addWidget(duration_label)
        service_row.addWidget(self._minutes)

        form = QFormLayout()
        customer_label = QLabel(self.tr("&Customer:"))
        customer_label.setBuddy(self._search)
        form.addRow(customer_label, customer_box)
        form.addRow(self._new_panel)
        service_label = QLabel(self.tr("Ser&vice:"))
        service_label.setBuddy(self._service)
        form.addRow(service_label, service_row)
        staff_label = QLabel(self.tr("S&taff:"))
        staff_label.setBuddy(self._staff_combo)
        form.addRow(staff_label, self._staff_combo)
        date_label = QLabel(self.tr("D&ate:"))
        date_label.setBuddy(self._date)
        form.addRow(date_label, when_row)
        note_label = QLabel(self.tr("N&ote:"))
        note_label.setBuddy(self._note)
        form.addRow(note_label, self._note)

        self._notify = QCheckBox(self.tr("Send confirmation and reminder"), objectName="notify")
        self._notify.setChecked(True)
        self._notify_hint = QLabel(objectName="notify_hint")
        self._notify_hint.setWordWrap(True)
        self._notify_hint.setStyleSheet(
            "QLabel { background: #fff3cd; color: #664d03; border: 1px solid #e0b84c;"
            " border-radius: 3px; padding: 4px; }"
        )
        self._notify_hint.hide()
        self._conflict = QLabel(objectName="conflict")
        self._conflict.setWordWrap(True)
        self._override = QCheckBox(
            self.tr("Book an&yway (outside the opening hours or during an absence)"),
            objectName="override",
        )
        self._override.hide()

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self._save = self._buttons.button(QDialogButtonBox.StandardButton.Save)
        self._save.setObjectName("save")
        self._save.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._notify)
        layout.addWidget(self._notify_hint)
        layout.addWidget(self._conflict)
        layout.addWidget(self._override)
        layout.addStretch(1)
        layout.addWidget(self._buttons)

        chain: list[QWidget] = [
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
            self._service,
            self._minutes,
            self._staff_combo,
            self._date,
            self._time,
            self._note,
            self._notify,
            self._override,
            self._save,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._search.installEventFilter(self)
        for edit in (self._first_name, self._last_name, self._phone, self._email):
            edit.installEventFilter(self)

    def _build_new_customer_panel(self) -> QGroupBox:
        panel = QGroupBox(self.tr("New customer"), objectName="new_customer_panel")
        self._first_name = QLineEdit(objectName="first_name")
        self._last_name = QLineEdit(objectName="last_name")
        self._phone = QLineEdit(objectName="phone")
        self._email = QLineEdit(objectName="email")
        self._duplicate_warning = QLabel(objectName="duplicate_warning")
        self._duplicate_warning.setStyleSheet(
            "QLabel { background: #fff3cd; color: #664d03; border: 1px solid #e0b84c;"
            " border-radius: 3px; padding: 4px; }"
        )
        self._duplicate_warning.hide()
        self._use_existing = QPushButton(self.tr("Use this customer"), objectName="use_existing")
        self._use_existing.hide()
        self._new_error = QLabel(objectName="new_customer_error")
        self._new_error.setWordWrap(True)
        self._new_error.setStyleSheet("QLabel { color: #b71c1c; }")
        self._new_error.hide()
        self._create_customer = QPushButton(
            self.tr("Create customer"), objectName="create_customer"
        )
        self._create_anyway = QPushButton(self.tr("Create anyway"), objectName="create_anyway")
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
        form.addRow(self.tr("Phone:"), self._phone)
        form.addRow(self.tr("Email:"), self._email)
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
        return panel

    def _connect(self) -> None:
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._run_preview)
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
        self._email.textEdited.connect(self._on_contact_text_edited)
        self._service.currentIndexChanged.connect(self._on_service_current_index_changed)
        self._minutes.valueChanged.connect(self._on_minutes_value_changed)
        self._staff_combo.currentIndexChanged.connect(self._on_staff_combo_current_index_changed)
        self._date.dateChanged.connect(self._on_date_date_changed)
        self._time.timeChanged.connect(self._on_time_time_changed)
        self._notify.toggled.connect(self._on_notify_toggled)
        self._override.toggled.connect(self._on_override_toggled)
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit_height()
        return handled

    def _fit_height(self) -> None:
        # Qt sizes a window by its layout's minimum, which ignores that wrapped labels
        # (conflict line, hints) need more height at the actual width: grow for them.
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def done(self, result: int) -> None:
        # A closed dialog starts no more searches or previews.
        for timer in (self._search_timer, self._preview_timer, self._duplicate_timer):
            timer.stop()
        super().done(result)

    # ---- public -------------------------------------------------------------------------
    def customer(self) -> CustomerRow | None:
        return self._customer

    def is_ready(self) -> bool:
        """Everything chosen and the slot checked (Save is enabled)."""
        return self._save.isEnabled()

    def set_customer(self, customer: CustomerRow) -> None:
        """Start with a known customer (e.g. from the customer screen)."""
        self._pick(customer)

    # ---- reference data -----------------------------------------------------------------
    def _load_choices(self) -> None:
        catalogue = self._ctx.services.catalogue
        self._ctx.db.submit(
            self,
            lambda: (catalogue.list_services(), catalogue.list_staff()),
            self._on_choices_loaded,
            self._show_error,
        )

    def _on_choices_loaded(self, loaded: tuple[list[ServiceRow], list[StaffRow]]) -> None:
        services, staff = loaded
        self._services = services
        self._staff = [s for s in staff if s.role in BOOKABLE]
        with QSignalBlocker(self._service):
            for service in services:
                self._service.addItem(
                    self.tr("{name} ({minutes} min)").format(
                        name=service.name, minutes=service.minutes
                    ),
                    service.id,
                )
            self._service.setCurrentIndex(-1)
        with QSignalBlocker(self._staff_combo):
            for member in self._staff:
                self._staff_combo.addItem(member.name, member.id)
            wanted = self._staff_combo.findData(self._wanted_staff)
            self._staff_combo.setCurrentIndex(wanted)
        if self._wanted_minutes:
            self._minutes.setValue(self._wanted_minutes)
        self._schedule_preview()

    # ---- customer search ----------------------------------------------------------------
    def _on_search_text_edited(self, text: str) -> None:
        if self._customer is not None and text != self._customer.full_name:
            self._set_customer(None)
        self._search_timer.start()

    def _run_search(self) -> None:
        text = self._search.text().strip()
        self._search_generation += 1
        generation = self._search_generation
        if not text:
            self._results_model.set_rows([])
            self._results.hide()
            self._no_results.hide()
            return
        customers = self._ctx.services.customers
        self._ctx.db.submit(
            self,
            lambda: customers.search(text, limit=MAX_RESULTS),
            lambda rows: self._on_search_done(generation, rows),
            self._show_error,
        )

    def _on_search_done(self, generation: int, rows: list[CustomerRow]) -> None:
        if generation != self._search_generation or self._customer is not None:
            return
        self._results_model.set_rows(rows)
        self._results.setVisible(bool(rows))
        self._no_results.setVisible(not rows)
        if rows:
            self._results.setCurrentIndex(self._results_model.index(0, 0))

    def _on_results_activated(self, index: QModelIndex) -> None:
        customer = self._results_model.customer(index.row())
        if customer is not None:
            self._pick(customer)

    def _search_pending(self) -> bool:
        return self._search_timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
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

    def _pick(self, customer: CustomerRow) -> None:
        self._set_customer(customer)
        self._search.setText(customer.full_name)
        self._results.hide()
        self._no_results.hide()
        self._new_panel.hide()
        self._search_generation += 1  # a search still running must not reopen the list
        (self._service if self._service.currentIndex() < 0 else self._staff_combo).setFocus()
        if self._service.currentIndex() >= 0 and self._staff_combo.currentIndex() >= 0:
            self._time.setFocus()

    def _set_customer(self, customer: CustomerRow | None) -> None:
        self._customer = customer
        self._objected = None
        self._notify_touched = False
        with QSignalBlocker(self._notify):
            self._notify.setChecked(True)
        self._notify_hint.hide()
        if customer is None:
            self._customer_details.hide()
            self._update_save()
            return
        details = " · ".join(p for p in (customer.phone, customer.email) if p)
        self._customer_details.setText(details or self.tr("No phone number or email address"))
        self._customer_details.show()
        consent = self._ctx.services.consent
        customer_id = customer.id
        self._ctx.db.submit(
            self,
            lambda: consent.status(customer_id).status.objected,
            lambda objected: self._on_objection_loaded(customer_id, objected),
            self._show_error,
        )
        self._update_save()

    def _on_objection_loaded(self, customer_id: int, objected: bool) -> None:
        if self._customer is None or self._customer.id != customer_id:
            return
        self._objected = objected
        if not self._notify_touched:
            with QSignalBlocker(self._notify):
                self._notify.setChecked(not objected)
        self._update_notify_hint()

    def _on_notify_toggled(self, checked: bool) -> None:
        self._notify_touched = True
        self._update_notify_hint()

    def _update_notify_hint(self) -> None:
        if not self._objected:
            self._notify_hint.hide()
            return
        if self._notify.isChecked():
            text = self.tr(
                "This customer unsubscribed from messages. A confirmation and reminder will "
                "be sent for this appointment because you switched it on."
            )
        else:
            text = self.tr(
                "This customer unsubscribed from messages, so no confirmation or reminder is "
                "sent. Switch it on only if the customer asks for it now."
            )
        self._notify_hint.setText(text)
        self._notify_hint.show()

    # ---- new customer -------------------------------------------------------------------
    def _on_new_customer_clicked(self) -> None:
        text = self._search.text().strip()
        if self._customer is not None:
            # Booking for someone else than the customer found: start from a clean slate.
            self._set_customer(None)
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
        self._new_error.hide()
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
        self._allow_duplicate = False
        self._create_anyway.hide()
        self._duplicate_timer.start()

    def _check_duplicates(self) -> None:
        """Warn while typing, before anyone presses Create."""
        self._duplicate_generation += 1
        generation = self._duplicate_generation
        customers = self._ctx.services.customers
        email, phone = self._email.text().strip() or None, self._phone.text().strip() or None

        def work() -> list[CustomerRow]:
            try:
                return customers.find_duplicates(email, phone)
            except InvalidField:
                return []  # half-typed: the create button will say what is wrong

        self._ctx.db.submit(
            self, work, lambda rows: self._on_duplicates(generation, rows), self._show_error
        )

    def _on_duplicates(self, generation: int, rows: list[CustomerRow]) -> None:
        if generation != self._duplicate_generation:
            return
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
            self._pick(self._duplicates[0])

    def _on_create_anyway_clicked(self) -> None:
        self._allow_duplicate = True
        self._on_create_customer_clicked()

    def _on_create_customer_clicked(self) -> None:
        data = self._new_customer_input()
        allow = self._allow_duplicate
        customers = self._ctx.services.customers
        self._new_error.hide()
        self._create_customer.setEnabled(False)
        self._ctx.db.submit(
            self,
            lambda: customers.create(data, allow_duplicate=allow),
            self._on_customer_created,
            self._on_create_failed,
        )

    def _on_customer_created(self, customer: CustomerRow) -> None:
        self._create_customer.setEnabled(True)
        self._allow_duplicate = False
        self._create_anyway.hide()
        self._duplicate_warning.hide()
        self._use_existing.hide()
        for edit in (self._first_name, self._last_name, self._phone, self._email):
            edit.clear()
        self._pick(customer)

    def _on_create_failed(self, exc: BaseException) -> None:
        self._create_customer.setEnabled(True)
        if isinstance(exc, DuplicateCustomer):
            self._check_duplicates()
            self._create_anyway.show()
        self._new_error.setText(error_text.describe(exc, self._ctx.time_zone))
        self._new_error.show()

    # ---- service, staff, time and the conflict preview -----------------------------------
    def _on_service_current_index_changed(self, index: int) -> None:
        service = self._service_row()
        if service is not None:
            self._minutes.setValue(service.minutes)  # the duration fills in, still editable
        self._schedule_preview()

    def _on_minutes_value_changed(self, _minutes: int) -> None:
        self._schedule_preview()

    def _on_staff_combo_current_index_changed(self, _index: int) -> None:
        self._schedule_preview()

    def _on_date_date_changed(self, _date: QDate) -> None:
        self._schedule_preview()

    def _on_time_time_changed(self, _time: QTime) -> None:
        self._schedule_preview()

    def _on_override_toggled(self, _checked: bool) -> None:
        self._update_save()

    def _service_row(self) -> ServiceRow | None:
        service_id = self._service.currentData()
        return next((s for s in self._services if s.id == service_id), None)

    def starts_at(self) -> datetime:
        qdate, qtime = self._date.date(), self._time.time()
        return datetime.combine(
            date(qdate.year(), qdate.month(), qdate.day()),
            time(qtime.hour(), qtime.minute()),
            self._zone,
        )

    def _request(self, override: bool) -> BookingRequest | None:
        service_id, staff_id = self._service.currentData(), self._staff_combo.currentData()
        if service_id is None or staff_id is None:
            return None
        # Only a deliberate click counts as setting the switch (it then outlives an
        # objection that arrives later); untouched, the service decides as of now (off
        # for customers who objected), which is also what the box shows.
        notify: bool | None = self._notify.isChecked() if self._notify_touched else None
        return BookingRequest(
            customer_id=self._customer.id if self._customer else 0,
            staff_id=int(staff_id),
            service_id=int(service_id),
            starts_at=self.starts_at(),
            minutes=self._minutes.value(),
            notify=notify,
            note=self._note.text().strip(),
            override=override,
        )

    def _schedule_preview(self) -> None:
        self._preview_ok = False
        self._preview_generation += 1
        self._update_save()
        self._preview_timer.start()

    def _run_preview(self) -> None:
        request = self._request(override=False)
        if request is None:
            self._conflict.clear()
            return
        generation = self._preview_generation
        booking = self._ctx.services.booking
        self._ctx.db.submit(
            self,
            lambda: booking.preview(request),
            lambda problem: self._on_preview_done(generation, problem),
            lambda exc: self._on_preview_failed(generation, exc),
        )

    def _on_preview_done(self, generation: int, problem: object) -> None:
        if generation != self._preview_generation:
            return
        self._problem = problem
        self._preview_ok = True
        if problem is None:
            self._show_conflict("✓ " + self.tr("The time is free."), "#1b5e20")
            self._override.hide()
            self._override.setChecked(False)
        elif isinstance(problem, OutsideOpeningHours | StaffUnavailable):
            self._show_conflict("⚠ " + self._describe(problem), "#8a5300")
            self._override.show()
        else:
            self._show_conflict("✗ " + self._describe(problem), "#b71c1c")
            self._override.hide()
            self._override.setChecked(False)
        self._update_save()

    def _on_preview_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._preview_generation:
            return
        self._problem = exc
        self._show_conflict("✗ " + self._describe(exc), "#b71c1c")
        self._update_save()

    def _describe(self, exc: object) -> str:
        assert isinstance(exc, BaseException)
        return error_text.describe(exc, self._ctx.time_zone)

    def _show_conflict(self, text: str, colour: str) -> None:
        self._conflict.setStyleSheet(f"QLabel {{ color: {colour}; }}")
        self._conflict.setText(text)

    def conflict_text(self) -> str:
        return self._conflict.text()

    def _slot_acceptable(self) -> bool:
        if not self._preview_ok:
            return False
        if self._problem is None:
            return True
        # Opening hours and absences may be overruled on purpose; a double booking never.
        if isinstance(self._problem, OutsideOpeningHours | StaffUnavailable):
            return self._override.isChecked()
        return False

    def _update_save(self) -> None:
        ready = (
            self._customer is not None
            and self._service.currentIndex() >= 0
            and self._staff_combo.currentIndex() >= 0
            and not self._saving
            and self._slot_acceptable()
        )
        self._save.setEnabled(ready)

    # ---- saving -------------------------------------------------------------------------
    def _on_buttons_accepted(self) -> None:
        if not self._save.isEnabled():
            return
        request = self._request(override=self._problem is not None and self._override.isChecked())
        if request is None or self._customer is None:
            return
        self._saving = True
        self._update_save()
        if self._submit is not None:
            self._submit(request, self._on_saved, self._on_save_failed)
        else:
            booking = self._ctx.services.booking
            self._ctx.db.submit(
                self, lambda: booking.book(request), self._on_saved, self._on_save_failed
            )

    def _on_saved(self, row: AppointmentRow) -> None:
        self._saving = False
        self.booked.emit(row)
        self.accept()

    def _on_save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._show_conflict("✗ " + self._describe(exc), "#b71c1c")
        self._preview_ok = False
        self._update_save()
        self._preview_timer.start()  # look again: someone else may have taken the slot

    def _show_error(self, exc: BaseException) -> None:
        self._show_conflict(self._describe(exc), "#b71c1c")
