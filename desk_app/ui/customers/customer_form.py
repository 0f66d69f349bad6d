"""The customer form: master data with inline messages, consent, visits and notes.

The heading is ``customer_header``, the visits ``visit_list``, and how a field is read
and checked before saving ``customer_fields``; this module loads, edits and saves.

``refresh`` follows changes made elsewhere (another counter PC, the sync) and keeps what
is being typed (``customer_values``).

Fields are checked when they are left (with the same domain rules the service applies)
and again by the service on save; every message appears under its field, in the words
of ``error_text``. Saving and loading run on the database runner.

Imports PySide6, desk_app.services, desk_app.domain and desk_app.ui only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.attendance import AttendanceCounts
from desk_app.domain.enums import Channel
from desk_app.domain.errors import DuplicateCustomer, InvalidField, NotFound
from desk_app.services.customer_directory import CustomerDirectory
from desk_app.services.rows import AppointmentRow, CustomerInput, CustomerRow
from desk_app.services.visit_summary import summarise_visits
from desk_app.texts import error_text
from desk_app.ui.context import UiContext
from desk_app.ui.customers.consent_panel import ConsentPanel
from desk_app.ui.customers.customer_fields import (
    FIELDS,
    LIMITS,
    BadDate,
    birthday,
    checked_value,
    date_format,
)
from desk_app.ui.customers.customer_header import CustomerHeader
from desk_app.ui.customers.customer_values import clash_text, gone_text, merge, shown_values
from desk_app.ui.customers.field_messages import FieldMessages, with_messages
from desk_app.ui.customers.series_list import SeriesList
from desk_app.ui.customers.visit_list import VisitList
from desk_app.ui.customers.waitlist_list import WaitlistList
from desk_app.ui.widgets.operation import Operation
from desk_app.ui.widgets.reflow import SideBySide

# What one load brings: the customer, every appointment, the missed ones of 12 months.
_Loaded = tuple[CustomerRow, list[AppointmentRow], AttendanceCounts]


class CustomerForm(QWidget):
    """Master data, consent, visits and notes of one customer (or a new one).

    Signals:
        saved(int): the customer was saved (its id).
        loaded(int): a customer is shown, data and visits included (its id).
        switch_cancelled(): the user kept editing instead of leaving unsaved changes.
        booking_requested(object): „Termin buchen" on the card, for this CustomerRow.
    """

    saved = Signal(int)
    loaded = Signal(int)
    switch_cancelled = Signal()
    booking_requested = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        directory: CustomerDirectory,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """``clock``: what "now" is for the last and next visit (tests move it)."""
        super().__init__(parent)
        self._ctx = ctx
        self._clock = clock or (lambda: datetime.now(UTC))
        self._directory = directory
        self._customer: CustomerRow | None = None
        self._visits_shown: list[AppointmentRow] = []
        self._snapshot: dict[str, object] = {}
        # Loading a customer is a question (the latest wins); saving is a write that must
        # finish before the next one starts.
        self._loads = Operation(
            self, ctx.db_tasks, error=self._show_general_error, skip_outdated=True
        )
        self._saves = Operation(self, ctx.db_tasks, error=self._on_save_failed, exclusive=True)
        # After a change elsewhere: apart from ``_loads``, so neither supersedes the other.
        self._refreshes = Operation(
            self, ctx.db_tasks, error=self._on_refresh_failed, skip_outdated=True
        )

        # The customer at a glance, with no-shows and late cancellations (issue 15).
        self._header = CustomerHeader()
        self._header.booking_requested.connect(self.booking_requested)
        self._attendance_shown: AttendanceCounts | None = None

        self._edits: dict[str, QLineEdit] = {}
        self._messages = FieldMessages(FIELDS)
        for field in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(field)
            edit.editingFinished.connect(lambda field=field: self._check_field(field))
            edit.textChanged.connect(self._on_any_changed)
            self._edits[field] = edit
        for field, limit in LIMITS.items():
            self._edits[field].setMaxLength(limit)
        self._edits["phone"].setPlaceholderText(self.tr("e.g. 0151 12345678"))
        self._edits["email"].setPlaceholderText(self.tr("e.g. anna@example.org"))
        self._edits["birthday"].setPlaceholderText(
            QLocale().toString(QDate(1985, 3, 21), date_format())
        )
        self._edits["postal_code"].setMaximumWidth(80)

        self._channel = QComboBox()
        self._channel.setObjectName("preferred_channel")
        self._channel.addItem(self.tr("No preference"), None)
        self._channel.addItem(self.tr("Email"), Channel.EMAIL.value)
        self._channel.addItem(self.tr("SMS"), Channel.SMS.value)
        self._channel.currentIndexChanged.connect(self._on_any_changed)
        self._language = QComboBox()
        self._language.setObjectName("language")
        self._language.addItem("Deutsch", "de")
        self._language.addItem("English", "en")
        self._language.currentIndexChanged.connect(self._on_any_changed)
        self._objection_notice = QCheckBox(self.tr("Told about the right to object"))
        self._objection_notice.setToolTip(
            self.tr(
                "Tick when the customer was told, as the email address was collected, that "
                "they may object to offers by email at any time. Only then may the salon "
                "email them offers of similar services without consent."
            )
        )
        self._objection_notice.setObjectName("objection_notice_given")
        self._objection_notice.toggled.connect(self._on_any_changed)

        self._save = QPushButton(self.tr("Save"))
        self._save.setObjectName("save")
        self._save.clicked.connect(self._on_save_clicked)
        self._revert = QPushButton(self.tr("Discard changes"))
        self._revert.setObjectName("revert")
        self._revert.clicked.connect(self._on_revert_clicked)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._on_save_clicked)

        self._consent = ConsentPanel(ctx)
        self._consent.status_loaded.connect(self._on_consent_status_loaded)
        self._visits = VisitList()
        self._notes = QPlainTextEdit()
        self._notes.setTabChangesFocus(True)  # no tab characters: Tab moves on
        self._notes.setObjectName("notes")
        self._notes.setPlaceholderText(self.tr("Allergies, wishes, what worked last time …"))
        self._notes.textChanged.connect(self._on_any_changed)
        self._tabs = QTabWidget()
        self._tabs.addTab(self._visits, self.tr("Visits"))
        self._tabs.addTab(self._notes, self.tr("Notes"))
        self._add_series_tab()

        self._build_layout()
        self.new_customer()

    def _add_series_tab(self) -> None:
        """The customer's recurring series (issue 14), behind the visits and notes."""
        self._series = SeriesList(self._ctx)
        self._tabs.addTab(self._series, self.tr("Series"))
        self._series.changed.connect(self.refresh)
        # What the customer waits for, to take an entry off when she no longer does.
        self._waitlist = WaitlistList(self._ctx)
        self._tabs.addTab(self._waitlist, self.tr("Waitlist"))

    def series_list(self) -> SeriesList:
        return self._series

    def waitlist_list(self) -> WaitlistList:
        return self._waitlist

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        labels = {
            "first_name": self.tr("First name:"),
            "last_name": self.tr("Last name:"),
            "phone": self.tr("Phone:"),
            "email": self.tr("Email:"),
            "birthday": self.tr("Birthday:"),
            "street": self.tr("Street:"),
        }
        for field, label in labels.items():
            form.addRow(label, with_messages(self._edits[field], self._messages.label(field)))
        place = QHBoxLayout()
        place.setContentsMargins(0, 0, 0, 0)
        place.addWidget(self._edits["postal_code"])
        place.addWidget(self._edits["city"], 1)
        place_widget = QWidget()
        place_widget.setLayout(place)
        form.addRow(
            self.tr("Postcode, city:"),
            with_messages(
                place_widget, self._messages.label("postal_code"), self._messages.label("city")
            ),
        )
        form.addRow(
            self.tr("Messages by:"),
            with_messages(self._channel, self._messages.label("preferred_channel")),
        )
        form.addRow(self.tr("Language:"), self._language)
        form.addRow(self._objection_notice)  # the whole width: the text is long in German

        master = QGroupBox(self.tr("Master data"))
        master_layout = QVBoxLayout(master)
        master_layout.addLayout(form)
        master_layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self._messages.label("general"), 1)
        buttons.addWidget(self._revert)
        buttons.addWidget(self._save)
        master_layout.addLayout(buttons)

        # Equal halves whatever the texts inside: the form must not jump between customers.
        for half in (master, self._consent):
            policy = half.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
            half.setSizePolicy(policy)
            half.setMinimumWidth(340)
        # Side by side where both fit, the consent panel below the master data otherwise.
        columns = SideBySide(master, self._consent)
        columns.setObjectName("formColumns")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._header)
        layout.addWidget(columns, 3)
        layout.addWidget(self._tabs, 2)

    # ---- public -------------------------------------------------------------------------
    def customer_id(self) -> int | None:
        return self._customer.id if self._customer else None

    def customer(self) -> CustomerRow | None:
        """The saved customer shown (as last loaded or saved), None for a new one."""
        return self._customer

    def consent_panel(self) -> ConsentPanel:
        return self._consent

    def header(self) -> CustomerHeader:
        return self._header

    def field(self, name: str) -> QLineEdit:
        return self._edits[name]

    def message_for(self, name: str) -> str:
        """The inline message under a field ("" when there is none); "general" for the
        one next to the buttons."""
        return self._messages.text(name)

    def is_dirty(self) -> bool:
        return self._values() != self._snapshot

    def new_customer(self) -> None:
        self._loads.drop()
        self._customer = None
        self._fill(None)
        self._header.show_new()
        self._attendance_shown = None
        self._visits.clear()
        self._series.show_customer(None)
        self._waitlist.show_customer(None)
        self._tabs.setTabText(0, self.tr("Visits"))
        self._consent.set_customer(None, "")
        self._edits["first_name"].setFocus()

    def load(self, customer_id: int) -> None:
        """Show a saved customer (data, visits, consent)."""
        self._loads.run(self._reading(customer_id), self._on_loaded)

    def refresh(self) -> None:
        """Look again at the customer on screen and their consent (changed elsewhere?)."""
        if self._customer is None or self._loads.busy() or self._saves.busy():
            return  # a load or save on its way shows the newest data anyway
        self._refreshes.run(self._reading(self._customer.id), self._on_refreshed)
        self._consent.refresh()

    def _reading(self, customer_id: int) -> Callable[[], _Loaded]:
        """The work of a load: the customer, their appointments and missed ones."""
        directory, customers = self._directory, self._ctx.services.customers
        booking = self._ctx.services.booking
        return lambda: (
            customers.get(customer_id),
            directory.visits(customer_id),
            booking.attendance(customer_id),
        )

    def leave(self, proceed: Callable[[], None]) -> None:
        """Run ``proceed`` now, or after the user agreed to drop unsaved changes."""
        if not self.is_dirty():
            proceed()
            return
        name = self._customer.full_name if self._customer else self.tr("the new customer")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved changes"),
            self.tr("Discard the unsaved changes to {name}?").format(name=name),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def on_finished(_result: int) -> None:
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Discard):
                self._snapshot = self._values()
                proceed()
            else:
                self.switch_cancelled.emit()

        box.finished.connect(on_finished)
        box.open()

    # ---- showing ------------------------------------------------------------------------
    def _on_loaded(self, loaded: _Loaded) -> None:
        customer, visits, attendance = loaded
        self._show_customer(customer)
        self._fill_visits(visits)
        self._show_attendance(attendance)
        self._series.show_customer(customer.id)
        self._waitlist.show_customer(customer.id)
        self._consent.set_customer(customer.id, customer.full_name)
        self.loaded.emit(customer.id)

    def _show_customer(self, customer: CustomerRow) -> None:
        self._customer = customer
        self._fill(customer)
        self._header.show_customer(customer, self._ctx.time_zone)

    def _on_refreshed(self, loaded: _Loaded) -> None:
        customer, visits, attendance = loaded
        shown = self._customer
        if shown is None or shown.id != customer.id or self._loads.busy() or self._saves.busy():
            return  # the form moved on meanwhile
        if visits != self._visits_shown:
            self._fill_visits(visits)
            self._series.reload()
        self._waitlist.reload()  # an entry booked or taken off elsewhere (one short read)
        if attendance != self._attendance_shown:
            self._show_attendance(attendance)
        if customer != shown:
            self._merge(customer)

    def _merge(self, customer: CustomerRow) -> None:
        """The newer saved data where nothing is typed here; clashes named."""
        theirs = shown_values(customer, self._languages())
        merged = merge(self._snapshot, self._values(), theirs)
        for field, value in merged.take.items():
            self._set_value(field, value)
        self._customer, self._snapshot = customer, theirs
        self._header.show_customer(customer, self._ctx.time_zone)
        self._update_state()
        if merged.clashes:
            self._messages.set("general", clash_text(merged.clashes))

    def _on_refresh_failed(self, exc: BaseException) -> None:
        if isinstance(exc, NotFound):  # anything else: the next change looks again
            self._messages.set("general", gone_text())

    def _fill(self, customer: CustomerRow | None) -> None:
        for field, value in shown_values(customer, self._languages()).items():
            self._set_value(field, value)
        self._messages.clear()
        self._snapshot = self._values()
        self._update_state()

    def _languages(self) -> list[str]:
        return [self._language.itemData(i) for i in range(self._language.count())]

    def _set_value(self, field: str, value: object) -> None:
        if field in self._edits:
            self._edits[field].setText(str(value))
        elif field == "preferred_channel":
            self._channel.setCurrentIndex(max(0, self._channel.findData(value)))
        elif field == "language":
            self._language.setCurrentIndex(max(0, self._language.findData(value)))
        elif field == "objection_notice_given":
            self._objection_notice.setChecked(bool(value))
        elif field == "notes":
            self._notes.setPlainText(str(value))

    def _show_attendance(self, counts: AttendanceCounts) -> None:
        self._attendance_shown = counts
        self._header.show_attendance(counts)

    def _on_consent_status_loaded(self, row: object) -> None:
        self._header.show_consent(row, self._ctx.time_zone)  # type: ignore[arg-type]

    def _fill_visits(self, visits: list[AppointmentRow]) -> None:
        self._visits_shown = visits
        self._header.show_visits(summarise_visits(visits, self._clock()), self._ctx.time_zone)
        upcoming = self._visits.show_visits(visits, self._ctx.time_zone)
        self._tabs.setTabText(
            0, self.tr("Visits (%n upcoming)", "", upcoming) if upcoming else self.tr("Visits")
        )

    # ---- editing ------------------------------------------------------------------------
    def _values(self) -> dict[str, object]:
        values: dict[str, object] = {f: self._edits[f].text() for f in FIELDS}
        values["preferred_channel"] = self._channel.currentData()
        values["language"] = self._language.currentData()
        values["objection_notice_given"] = self._objection_notice.isChecked()
        values["notes"] = self._notes.toPlainText()
        return values

    def _on_any_changed(self, *_args: object) -> None:
        self._update_state()

    def _update_state(self) -> None:
        dirty = self.is_dirty()
        busy = self._saves.busy()
        self._save.setEnabled(dirty and not busy)
        self._revert.setEnabled(dirty and not busy)
        addresses_changed = any(
            self._values()[f] != self._snapshot.get(f) for f in ("email", "phone")
        )
        self._consent.set_blocked(
            self.tr("Save the changed address first: consent is asked for saved addresses.")
            if addresses_changed and self._customer is not None
            else None
        )

    def _on_revert_clicked(self) -> None:
        self._fill(self._customer)

    # ---- checking -----------------------------------------------------------------------
    def _describe(self, exc: BaseException) -> str:
        return error_text.describe(exc, self._ctx.time_zone)

    def _check_field(self, field: str) -> bool:
        """Check one field as the service will; show or clear its message."""
        try:
            self._checked_value(field)
        except InvalidField as exc:
            self._messages.set(
                exc.field if self._messages.is_field(exc.field) else field, self._describe(exc)
            )
            return False
        except BadDate as exc:
            self._messages.set(field, self._bad_date_text(exc.text))
            return False
        self._messages.set(field, None)
        if field in ("first_name", "last_name"):
            # "A name is required" shows under the last name and goes once either name is
            # there; the other name's own problem (a pasted invisible character) stays.
            other = "last_name" if field == "first_name" else "first_name"
            try:
                self._checked_value(other)
            except InvalidField:
                return True
            self._messages.set(other, None)
        return True

    def _checked_value(self, field: str) -> object:
        texts = {name: edit.text() for name, edit in self._edits.items()}
        return checked_value(field, texts, self._ctx.time_zone)

    def _check_all(self) -> CustomerInput | None:
        ok = True
        for field in FIELDS:
            ok = self._check_field(field) and ok
        channel = self._channel.currentData()
        missing = (channel == Channel.EMAIL.value and not self._edits["email"].text().strip()) or (
            channel == Channel.SMS.value and not self._edits["phone"].text().strip()
        )
        self._messages.set(
            "preferred_channel",
            self.tr("There is no address for this channel.") if missing else None,
        )
        if not ok or missing:
            return None
        edits = self._edits
        return CustomerInput(
            first_name=edits["first_name"].text(),
            last_name=edits["last_name"].text(),
            email=edits["email"].text().strip() or None,
            phone=edits["phone"].text().strip() or None,
            birthday=birthday(edits["birthday"].text().strip(), self._ctx.time_zone),
            street=edits["street"].text(),
            postal_code=edits["postal_code"].text(),
            city=edits["city"].text(),
            notes=self._notes.toPlainText(),
            preferred_channel=Channel(channel) if channel else None,
            language=str(self._language.currentData()),
            objection_notice_given=self._objection_notice.isChecked(),
        )

    def _bad_date_text(self, text: str) -> str:
        example = QLocale().toString(QDate(1985, 3, 21), date_format())
        return self.tr("“{value}” is not a date like {example}.").format(
            value=text, example=example
        )

    # ---- saving -------------------------------------------------------------------------
    def save(self) -> None:
        self._on_save_clicked()

    def _on_save_clicked(self) -> None:
        if self._saves.busy() or not self.is_dirty():
            return
        self._messages.set("general", None)
        data = self._check_all()
        if data is None:
            self._focus_first_error()
            return
        customers, customer_id = self._ctx.services.customers, self.customer_id()
        if customer_id is None:
            work: Callable[[], CustomerRow] = lambda: customers.create(data)  # noqa: E731
        else:
            work = lambda: customers.update(customer_id, data)  # noqa: E731
        self._saves.run(work, self._on_saved)
        self._update_state()

    def _on_saved(self, customer: CustomerRow) -> None:
        if self._customer is None:
            self._fill_visits([])
        self._show_customer(customer)
        # Addresses may have changed: which channels consent can be asked for, too.
        self._consent.set_customer(customer.id, customer.full_name)
        self.saved.emit(customer.id)

    def _on_save_failed(self, exc: BaseException) -> None:
        self._update_state()
        if isinstance(exc, InvalidField):
            self._messages.set(exc.field, self._describe(exc))
        elif isinstance(exc, DuplicateCustomer):
            field = "email" if exc.matched_on == "email" else "phone"
            self._messages.set(field, self._describe(exc))
        elif isinstance(exc, NotFound):  # erased elsewhere while the form was open
            self._messages.set("general", gone_text())
        else:
            self._show_general_error(exc)
        self._focus_first_error()

    def _show_general_error(self, exc: BaseException) -> None:
        self._messages.set("general", self._describe(exc))

    def _focus_first_error(self) -> None:
        field = self._messages.first_field_shown()
        if field is not None:
            self._edits[field].setFocus()
