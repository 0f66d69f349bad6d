"""The phone-booking flow: find or create the customer, pick service, staff and time,
see conflicts before saving.

Keyboard first: type part of a name or phone number, arrow keys and Enter pick the
customer (``CustomerPicker``), Tab walks the fields in the order of the call (customer,
service, staff, date, time), Enter in any field saves once the slot is free (pressed while
the slot is still being checked, it saves when the check says free), Escape cancels.
Every service call runs on ``ctx.db_tasks``; answers for a field that changed meanwhile
are dropped (``Operation``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QEvent, QSignalBlocker, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import StaffRole
from desk_app.services.booking import OVERRIDABLE, BookingRequest
from desk_app.services.rows import AppointmentRow, CustomerRow, StaffRow, TreatmentRow
from desk_app.ui.attendance_hint import AttendanceHint
from desk_app.ui.calendar.customer_picker import CustomerPicker
from desk_app.ui.calendar.notify_switch import NotifySwitch
from desk_app.ui.calendar.repeat_section import RepeatSection
from desk_app.ui.calendar.series_booking import SeriesBooking, series_request
from desk_app.ui.calendar.staff_choice import StaffChoice
from desk_app.ui.calendar.when_fields import DayDateEdit, QuarterTimeEdit
from desk_app.ui.context import UiContext
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets.operation import Operation

Submit = Callable[
    [BookingRequest, Callable[[AppointmentRow], None], Callable[[BaseException], None]], None
]
BOOKABLE = (StaffRole.OWNER, StaffRole.STYLIST)
PREVIEW_DELAY_MS = 120
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_NOBODY_FREE = object()  # the slot check's answer for "whoever is free" when nobody is


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
        self._services: list[TreatmentRow] = []
        self._problem: object = None
        self._preview_ok = False
        self._checked_slot: tuple[object, ...] | None = None  # what the preview is about
        self._save_when_free = False  # Enter came before the check's answer
        self._saving = False
        zone = ctx.time_zone
        self._choices = Operation(self, ctx.db_tasks, failed=self._show_error, time_zone=zone)
        self._previews = Operation(
            self, ctx.db_tasks, error=self._on_preview_failed, time_zone=zone, skip_outdated=True
        )
        self.setWindowTitle(self.tr("New appointment"))
        self.setMinimumWidth(560)
        self._picker = CustomerPicker(ctx, self)
        self._notify = NotifySwitch(ctx, self)
        self._repeat = RepeatSection(self)
        self._series: SeriesBooking | None = None
        self._attendance = AttendanceHint(ctx, self)
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
        self._service = QComboBox()
        self._service.setObjectName("service")
        self._service.setPlaceholderText(self.tr("Choose a service"))
        self._minutes = QSpinBox()
        self._minutes.setObjectName("minutes")
        self._minutes.setRange(0, 12 * 60)
        self._minutes.setSpecialValueText("–")  # no service chosen yet
        self._minutes.setSingleStep(5)
        self._minutes.setSuffix(self.tr(" min"))
        self._staff_combo = StaffChoice()
        self._date = DayDateEdit()
        self._date.setObjectName("date")
        self._date.setCalendarPopup(True)
        today = datetime.now(self._zone).date()
        self._date.setDate(QDate(today.year, today.month, today.day))
        self._time = QuarterTimeEdit()
        self._time.setObjectName("time")
        self._time.setDisplayFormat("HH:mm")
        self._time.setTime(QTime(9, 0))
        self._note = QLineEdit()
        self._note.setObjectName("note")
        self._note.setPlaceholderText(self.tr("Optional, e.g. “wants it short”"))

        when_row = QHBoxLayout()
        when_row.addWidget(self._date, 1)
        time_label = QLabel(self.tr("T&ime:"))
        time_label.setBuddy(self._time)
        when_row.addWidget(time_label)
        when_row.addWidget(self._time)
        treatment_row = QHBoxLayout()
        treatment_row.addWidget(self._service, 1)
        duration_label = QLabel(self.tr("&Duration:"))
        duration_label.setBuddy(self._minutes)
        treatment_row.addWidget(duration_label)
        treatment_row.addWidget(self._minutes)

        form = QFormLayout()
        customer_label = QLabel(self.tr("&Customer:"))
        customer_label.setBuddy(self._picker.search_field())
        form.addRow(customer_label, self._picker.search_box())
        form.addRow(self._picker.new_customer_panel())
        form.addRow(self._attendance)
        service_label = QLabel(self.tr("Ser&vice:"))
        service_label.setBuddy(self._service)
        form.addRow(service_label, treatment_row)
        self._phases = QLabel()  # a service with processing time: its phases
        self._phases.setObjectName("phases")
        self._phases.setWordWrap(True)
        self._phases.hide()
        form.addRow(self._phases)
        staff_label = QLabel(self.tr("S&taff:"))
        staff_label.setBuddy(self._staff_combo)
        form.addRow(staff_label, self._staff_combo)
        date_label = QLabel(self.tr("D&ate:"))
        date_label.setBuddy(self._date)
        form.addRow(date_label, when_row)
        note_label = QLabel(self.tr("N&ote:"))
        note_label.setBuddy(self._note)
        form.addRow(note_label, self._note)
        form.addRow(self._repeat)

        self._conflict = QLabel()
        self._conflict.setObjectName("conflict")
        self._conflict.setWordWrap(True)
        self._override = QCheckBox(
            self.tr("Book an&yway (outside the hours, on a closed day or during an absence)")
        )
        self._override.setObjectName("override")
        self._override.hide()

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self._save = self._buttons.button(QDialogButtonBox.StandardButton.Save)
        self._save.setObjectName("save")

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._notify.box)
        layout.addWidget(self._notify.hint)
        layout.addWidget(self._conflict)
        layout.addWidget(self._override)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        # Set once the buttons are the dialog's: before, the dialog never learnt its main
        # default, and the ring moved to Cancel for good once Tab passed it.
        self._save.setDefault(True)

        # The order of the call; the duration (filled in by the service) comes after the
        # time, so Tab from the service goes straight on to the staff member.
        chain: list[QWidget] = [
            *self._picker.tab_chain(),
            self._service,
            self._staff_combo,
            self._date,
            self._time,
            self._minutes,
            self._note,
            *self._repeat.tab_chain(),
            self._notify.box,
            self._override,
            self._save,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._run_preview)
        self._picker.customer_changed.connect(self._on_picker_customer_changed)
        self._picker.failed.connect(self._show_error)
        self._service.currentIndexChanged.connect(self._on_service_current_index_changed)
        self._minutes.valueChanged.connect(self._on_minutes_value_changed)
        self._staff_combo.currentIndexChanged.connect(self._on_staff_combo_current_index_changed)
        self._date.dateChanged.connect(self._on_date_date_changed)
        self._time.timeChanged.connect(self._on_time_time_changed)
        self._notify.failed.connect(self._show_error)
        self._override.toggled.connect(self._on_override_toggled)
        self._repeat.changed.connect(self._update_save)
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit_height()
        return handled

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter that no field used (spin boxes, combo boxes and the note pass it on) saves;
        # QDialog would only click Save if it is enabled at this very moment.
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in _ENTER and plain == Qt.KeyboardModifier.NoModifier:
            event.accept()
            self._save_on_enter()
            return
        super().keyPressEvent(event)

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
        self._picker.stop()
        self._preview_timer.stop()
        super().done(result)

    # ---- public -------------------------------------------------------------------------
    def customer(self) -> CustomerRow | None:
        return self._picker.customer()

    def is_ready(self) -> bool:
        """Everything chosen and the slot checked (Save is enabled)."""
        return self._save.isEnabled()

    def set_customer(self, customer: CustomerRow) -> None:
        """Start with a known customer (e.g. from the customer screen)."""
        self._picker.pick(customer)

    # ---- reference data -----------------------------------------------------------------
    def _load_choices(self) -> None:
        catalogue = self._ctx.services.catalogue
        self._choices.run(
            lambda: (catalogue.list_treatments(), catalogue.list_staff()), self._on_choices_loaded
        )

    def _on_choices_loaded(self, loaded: tuple[list[TreatmentRow], list[StaffRow]]) -> None:
        services, staff = loaded
        self._services = services
        with QSignalBlocker(self._service):
            for service in services:
                self._service.addItem(
                    self.tr("{name} ({minutes} min)").format(
                        name=service.name, minutes=service.minutes
                    ),
                    service.id,
                )
            self._service.setCurrentIndex(-1)
        bookable = [s for s in staff if s.role in BOOKABLE]
        self._staff_combo.fill(bookable, self._wanted_staff)
        if self._wanted_minutes:
            self._minutes.setValue(self._wanted_minutes)
        self._schedule_preview()

    # ---- the customer ---------------------------------------------------------------------
    def _on_picker_customer_changed(self, customer: CustomerRow | None) -> None:
        self._notify.follow(customer)
        self._attendance.show_customer(customer.id if customer is not None else None)
        self._update_save()
        if customer is None:
            return
        # On to what is still missing: the service, the staff member, else the time.
        (self._service if self._service.currentIndex() < 0 else self._staff_combo).setFocus()
        if self._service.currentIndex() >= 0 and self._staff_combo.currentIndex() >= 0:
            self._time.setFocus()

    # ---- service, staff, time and the conflict preview -----------------------------------
    def _on_service_current_index_changed(self, index: int) -> None:
        service = self._treatment_row()
        if service is not None:
            self._minutes.setValue(service.minutes)  # the duration fills in, still editable
        self._show_phases()
        self._schedule_preview()

    def _on_minutes_value_changed(self, _minutes: int) -> None:
        self._show_phases()
        self._schedule_preview()

    def _show_phases(self) -> None:
        """Work, processing, work of the chosen service (a changed duration changes the
        last working phase, domain.phases); hidden for a service without processing."""
        service = self._treatment_row()
        if service is None or not service.processing:
            self._phases.hide()
            return
        after = max(0, self._minutes.value() - service.processing_after - service.processing)
        self._phases.setText(
            self.tr(
                "{before} min work · {processing} min processing (the stylist is free for "
                "someone else) · {after} min work"
            ).format(before=service.processing_after, processing=service.processing, after=after)
        )
        self._phases.show()

    def _on_staff_combo_current_index_changed(self, _index: int) -> None:
        self._schedule_preview()

    def _on_date_date_changed(self, picked: QDate) -> None:
        self._repeat.follow_start(date(picked.year(), picked.month(), picked.day()))
        self._schedule_preview()

    def _on_time_time_changed(self, _time: QTime) -> None:
        self._schedule_preview()

    def _on_override_toggled(self, _checked: bool) -> None:
        self._update_save()

    def _treatment_row(self) -> TreatmentRow | None:
        service_id = self._service.currentData()
        return next((s for s in self._services if s.id == service_id), None)

    def starts_at(self) -> datetime:
        qdate, qtime = self._date.date(), self._time.time()
        return datetime.combine(
            date(qdate.year(), qdate.month(), qdate.day()),
            time(qtime.hour(), qtime.minute()),
            self._zone,
        )

    def _request(self, override: bool, staff_id: int | None = None) -> BookingRequest | None:
        service_id = self._service.currentData()
        staff_id = staff_id if staff_id is not None else self._staff_combo.staff_id()
        if service_id is None or staff_id is None:
            return None
        return BookingRequest(
            customer_id=customer.id if (customer := self.customer()) else 0,
            staff_id=int(staff_id),
            service_id=int(service_id),
            starts_at=self.starts_at(),
            minutes=self._minutes.value(),
            notify=self._notify.value(),
            note=self._note.text().strip(),
            override=override,
        )

    def _slot(self) -> tuple[object, ...]:
        return (
            self._service.currentData(),
            self._staff_combo.currentData(),
            self._minutes.value(),
            self._date.date(),
            self._time.time(),
        )

    def _schedule_preview(self) -> None:
        slot = self._slot()
        if slot == self._checked_slot:
            # Enter in a spin box emits the unchanged value again: keep the answer (and
            # an enabled Save) rather than checking the same slot twice.
            return
        self._checked_slot = slot
        self._save_when_free = False
        self._staff_combo.free = None
        self._preview_ok = False
        self._previews.drop()  # the fields changed: an answer on the way is outdated
        self._update_save()
        self._preview_timer.start()

    def _run_preview(self) -> None:
        staff = self._staff_combo
        candidates = staff.candidates() if staff.any_free() else []
        # For "whoever is free" the service tries each; the first stands in for the request.
        request = self._request(override=False, staff_id=next(iter(candidates), None))
        if request is None:
            self._conflict.clear()
            return
        booking = self._ctx.services.booking
        if candidates:
            self._previews.run(lambda: booking.first_free(request, candidates), self._on_found)
        else:
            self._previews.run(lambda: booking.preview(request), self._on_preview_done)

    def _on_found(self, staff_id: int | None) -> None:
        self._staff_combo.free = staff_id
        self._on_preview_done(None if staff_id is not None else _NOBODY_FREE)

    def _on_preview_done(self, problem: object) -> None:
        self._problem = problem
        self._preview_ok = True
        if isinstance(problem, OVERRIDABLE):
            self._show_conflict("⚠ " + self._describe(problem), Tone.WARNING)
            self._override.show()
        else:
            if problem is None:
                free = self._staff_combo.free  # known when "whoever is free" was chosen
                text = "✓ " + self.tr("The time is free.")
                if free is not None:
                    name = self._staff_combo.name_of(free)
                    text = "✓ " + self.tr("{name} is free then.").format(name=name)
            elif problem is _NOBODY_FREE:
                text = "✗ " + self.tr("Nobody is free at this time.")
            else:
                text = "✗ " + self._describe(problem)
            self._show_conflict(text, Tone.SUCCESS if problem is None else Tone.ERROR)
            self._override.hide()
            self._override.setChecked(False)
        self._update_save()
        if self._save_when_free:
            self._save_when_free = False
            self._on_buttons_accepted()  # saves only if the slot may be taken

    def _on_preview_failed(self, exc: BaseException) -> None:
        self._save_when_free = False
        self._problem = exc
        self._show_conflict("✗ " + self._describe(exc), Tone.ERROR)
        self._update_save()

    def _describe(self, exc: object) -> str:
        assert isinstance(exc, BaseException)
        return self._previews.describe(exc)

    def _show_conflict(self, text: str, tone: Tone) -> None:
        set_tone(self._conflict, tone)
        self._conflict.setText(text)

    def conflict_text(self) -> str:
        return self._conflict.text()

    def _slot_acceptable(self) -> bool:
        if not self._preview_ok:
            return False
        if self._problem is None:
            return True
        if self._repeat.rule() is not None:
            return True  # the conflicts step lists the first one too, with a proposal
        # The hours, closed days and absences may be overruled on purpose (a regular who
        # comes in before opening, a stylist who stays late); a double booking never.
        if isinstance(self._problem, OVERRIDABLE):
            return self._override.isChecked()
        return False

    def _update_save(self) -> None:
        ready = (
            self.customer() is not None
            and self._service.currentIndex() >= 0
            and self._staff_combo.currentIndex() >= 0
            and not self._saving
            and self._slot_acceptable()
        )
        self._save.setEnabled(ready)

    # ---- saving -------------------------------------------------------------------------
    def _save_on_enter(self) -> None:
        missing = self._first_missing()
        if missing is not None:
            missing.setFocus(Qt.FocusReason.OtherFocusReason)  # on to what is still missing
        elif self._preview_ok:
            self._on_buttons_accepted()  # a slot that is not free keeps its reason shown
        elif not self._saving:
            self._save_when_free = True

    def _first_missing(self) -> QWidget | None:
        if self.customer() is None:
            return self._picker.search_field()
        if self._service.currentIndex() < 0:
            return self._service
        if self._staff_combo.currentIndex() < 0:
            return self._staff_combo
        return None

    def _on_buttons_accepted(self) -> None:
        if not self._save.isEnabled():
            return
        request = self._request(override=self._problem is not None and self._override.isChecked())
        if request is None or self.customer() is None:
            return
        self._saving = True
        self._update_save()
        rule = self._repeat.rule()
        if rule is not None:
            self._series = SeriesBooking(
                self._ctx, self, series_request(request, rule, self._zone), self._on_series_done
            )
            self._series.start()
        elif self._submit is not None:
            self._submit(request, self._on_saved, self._on_save_failed)
        else:
            booking, actor = self._ctx.services.booking, self._ctx.signed_in.actor
            self._ctx.db_tasks.submit(
                self,
                lambda: booking.book(request, actor=actor),
                self._on_saved,
                self._on_save_failed,
            )

    def series_booking(self) -> SeriesBooking | None:
        """The series being planned or booked (its conflicts step), if any."""
        return self._series

    def _on_series_done(self, rows: list[AppointmentRow] | BaseException | None) -> None:
        if isinstance(rows, BaseException):
            self._on_save_failed(rows)
        elif rows is None:  # the receptionist went back from the conflicts step
            self._saving = False
            self._update_save()
        elif rows:
            self._on_saved(rows[0])
        else:  # every occurrence skipped: nothing was booked
            self._saving = False
            self.accept()

    def _on_saved(self, row: AppointmentRow) -> None:
        self._saving = False
        self.booked.emit(row)
        self.accept()

    def _on_save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._checked_slot = None  # check the same slot again
        self._show_conflict("✗ " + self._describe(exc), Tone.ERROR)
        self._preview_ok = False
        self._update_save()
        self._preview_timer.start()  # look again: someone else may have taken the slot

    def _show_error(self, text: str) -> None:
        self._show_conflict(text, Tone.ERROR)
