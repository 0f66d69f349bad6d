"""Putting a customer on the waitlist (issue 14), from the customer or from the calendar.

What they wait for (a service, optionally one staff member), between which days, on
which weekdays between which times (one time span for the ticked days: what a phone call
usually gives), and where automatic offers go (email, SMS, or "we call you"). Every
field is reachable by Tab and has an Alt+letter; Enter saves, Escape closes. The dialog
is opened with ``open()`` (never modal ``exec``) and says ``added`` when the entry is in.

May import: PySide6, desk_app.services (rows, plain values), desk_app.ui.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtCore import QEvent, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import Channel
from desk_app.domain.waitlist import TimeWindow
from desk_app.services.rows import CustomerRow, StaffRow, TreatmentRow
from desk_app.services.waitlist import NewWaitlistEntry, WaitlistEntryRow
from desk_app.ui.calendar.customer_picker import CustomerPicker
from desk_app.ui.calendar.when_fields import DayDateEdit, QuarterTimeEdit
from desk_app.ui.context import UiContext
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets.operation import Operation
from desk_app.ui.widgets.qt_dates import from_qdate, to_qdate

ANYONE = -1
CALL = ""  # the channel item "we call you": no automatic offers
HINT_ROOM = 16  # a line edit's frame and inner margins around its placeholder


class WaitlistDialog(QDialog):
    """Signals:
    added(object): the entry was saved (the ``WaitlistEntryRow``).
    """

    added = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        customer: CustomerRow | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("waitlistDialog")
        self.setWindowTitle(self.tr("Add to the waitlist"))
        self._ctx = ctx
        self._customer = customer
        self._today = today or date.today()
        zone = ctx.time_zone
        self._loads = Operation(self, ctx.db_tasks, failed=self._show_error, time_zone=zone)
        self._saves = Operation(
            self, ctx.db_tasks, failed=self._show_error, time_zone=zone, exclusive=True
        )
        self._picker: CustomerPicker | None = None
        self._build()
        catalogue = ctx.services.catalogue
        self._loads.run(
            lambda: (catalogue.list_treatments(), catalogue.list_staff()), self._on_loaded
        )

    # ---- building -----------------------------------------------------------------------
    def _build(self) -> None:
        form = QFormLayout()
        if self._customer is None:
            self._picker = CustomerPicker(self._ctx, self)
            self._picker.customer_changed.connect(self._on_picker_customer_changed)
            self._picker.failed.connect(self._show_error)
            label = QLabel(self.tr("C&ustomer:"))
            search = self._picker.search_field()
            label.setBuddy(search)
            # How to search, in full: the weekdays' long label left the German hint cut.
            hint = search.fontMetrics().horizontalAdvance(search.placeholderText())
            search.setMinimumWidth(hint + HINT_ROOM)
            form.addRow(label, self._picker.search_box())
            # Alt+N's form for a new caller, in the dialog (shown only then): left out, it
            # opened as a window of its own beside the dialog.
            form.addRow(self._picker.new_customer_panel())
        else:
            shown = QLabel(self._customer.full_name)
            shown.setObjectName("waitlistCustomer")
            form.addRow(self.tr("Customer:"), shown)
        self.service = QComboBox()
        self.service.setObjectName("waitlistService")
        self.staff = QComboBox()
        self.staff.setObjectName("waitlistStaff")
        # The booking dialog's fields: Tab leaves them (Qt's went day → month → year
        # first), Up and Down step by a day and a quarter hour.
        self.first_day = DayDateEdit(to_qdate(self._today))
        self.first_day.setObjectName("waitlistFirstDay")
        self.first_day.setCalendarPopup(True)
        self.last_day = DayDateEdit(to_qdate(self._today + timedelta(days=14)))
        self.last_day.setObjectName("waitlistLastDay")
        self.last_day.setCalendarPopup(True)
        days = QHBoxLayout()
        self.weekdays: list[QCheckBox] = []
        names = [
            self.tr("Mo"),
            self.tr("Tu"),
            self.tr("We"),
            self.tr("Th"),
            self.tr("Fr"),
            self.tr("Sa"),
            self.tr("Su"),
        ]
        for number, name in enumerate(names):
            box = QCheckBox(name)
            box.setObjectName(f"waitlistDay{number}")
            self.weekdays.append(box)
            days.addWidget(box)
        days.addStretch(1)
        self.from_time = QuarterTimeEdit(QTime(9, 0))
        self.from_time.setObjectName("waitlistFrom")
        self.until_time = QuarterTimeEdit(QTime(18, 0))
        self.until_time.setObjectName("waitlistUntil")
        times = QHBoxLayout()
        times.addWidget(self.from_time)
        times.addWidget(QLabel("–"))
        times.addWidget(self.until_time)
        times.addStretch(1)
        self.channel = QComboBox()
        self.channel.setObjectName("waitlistChannel")
        self.channel.addItem(self.tr("Email"), Channel.EMAIL.value)
        self.channel.addItem(self.tr("SMS"), Channel.SMS.value)
        self.channel.addItem(self.tr("We call (no automatic offers)"), CALL)
        self.note = QLineEdit()
        self.note.setObjectName("waitlistNote")
        self.note.setMaxLength(200)
        for text, field in (
            (self.tr("&Service:"), self.service),
            (self.tr("S&taff member:"), self.staff),
            (self.tr("&From:"), self.first_day),
            (self.tr("Unti&l:"), self.last_day),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        day_label = QLabel(self.tr("&Weekdays (none: any day):"))
        day_label.setBuddy(self.weekdays[0])
        form.addRow(day_label, days)
        time_label = QLabel(self.tr("T&imes on those days:"))
        time_label.setBuddy(self.from_time)
        form.addRow(time_label, times)
        offers_label = QLabel(self.tr("&Offers by:"))
        offers_label.setBuddy(self.channel)
        form.addRow(offers_label, self.channel)
        note_label = QLabel(self.tr("Not&e:"))
        note_label.setBuddy(self.note)
        form.addRow(note_label, self.note)
        self.error = QLabel()
        self.error.setObjectName("waitlistError")
        self.error.setWordWrap(True)
        set_tone(self.error, Tone.ERROR_BOX)
        self.error.hide()
        buttons = QDialogButtonBox()
        self.save = buttons.addButton(
            self.tr("&Add to waitlist"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save.setObjectName("waitlistSave")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # Set once the button is the dialog's: before, the dialog never learnt its main
        # default, and Cancel, once Tab passed it, stayed the default: Enter threw the
        # typed entry away.
        self.save.setDefault(True)
        self.save.setEnabled(False)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit_height()
        return handled

    def _fit_height(self) -> None:
        # Qt sizes a window by its layout's minimum, which ignores that wrapped labels (the
        # new caller's checks, the error) need more height at the actual width: grow for
        # them, as the booking dialog does; they were cut.
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    # ---- answers ------------------------------------------------------------------------
    def _on_loaded(self, loaded: tuple[list[TreatmentRow], list[StaffRow]]) -> None:
        treatments, staff = loaded
        for treatment in treatments:
            self.service.addItem(treatment.name, treatment.id)
        self.staff.addItem(self.tr("Anyone"), ANYONE)
        for member in staff:
            self.staff.addItem(member.name, member.id)
        self._update_save()

    def _on_picker_customer_changed(self, customer: CustomerRow | None) -> None:
        self._customer = customer
        self._update_save()
        if customer is not None:
            self.service.setFocus()

    def _update_save(self) -> None:
        self.save.setEnabled(self._customer is not None and self.service.count() > 0)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def entry(self) -> NewWaitlistEntry | None:
        """What the fields say (None: no customer or service chosen yet)."""
        if self._customer is None or self.service.currentData() is None:
            return None
        staff = self.staff.currentData()
        starts, ends = self.from_time.time(), self.until_time.time()
        span = (time(starts.hour(), starts.minute()), time(ends.hour(), ends.minute()))
        ticked = [n for n, box in enumerate(self.weekdays) if box.isChecked()]
        whole_day = span == (time(0, 0), time(0, 0))
        windows: tuple[TimeWindow, ...] = ()
        if not whole_day and span[1] > span[0]:
            windows = tuple(TimeWindow(n, *span) for n in (ticked or range(7)))
        channel = self.channel.currentData()
        return NewWaitlistEntry(
            customer_id=self._customer.id,
            service_id=int(self.service.currentData()),
            first_day=from_qdate(self.first_day.date()),
            last_day=from_qdate(self.last_day.date()),
            windows=windows,
            staff_id=None if staff in (None, ANYONE) else int(staff),
            channel=Channel(channel) if channel else None,
            note=self.note.text(),
        )

    def _on_buttons_accepted(self) -> None:
        entry = self.entry()
        if entry is None:
            return
        if self.until_time.time() <= self.from_time.time():
            self._show_error(self.tr("The times must end after they begin."))
            return
        waitlist, actor = self._ctx.services.waitlist, self._ctx.signed_in.actor
        self._saves.run(lambda: waitlist.add(entry, actor=actor), self._on_saved)

    def _on_saved(self, row: WaitlistEntryRow) -> None:
        self.added.emit(row)
        self.accept()
