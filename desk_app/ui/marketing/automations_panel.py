"""The "Automations" tab: which automatic messages go out and when, and the rules every
advertising message follows (how many per customer, SMS sending hours, SMS price, where
test sends go).

There is no "Save" button: every change is saved at once on the database worker.
Switches save when ticked; numbers and times when they change (a burst of arrow clicks is
saved once); text fields after a pause in typing and when the field is left. A refused
value stays in its field with the reason beside it. The values load whenever the tab is
shown. "Run now" does what the window does every five minutes anyway.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from functools import partial

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.automations import Automation
from desk_app.domain.salon_settings import QUIET_HOURS, number_range
from desk_app.services.automations import (
    SWITCHES,
    AutomationReport,
)
from desk_app.services.catalogue import CatalogueService
from desk_app.texts import error_text
from desk_app.ui.context import UiContext
from desk_app.ui.tasks import weakly

ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #8a4b00;"
HINT_STYLE = "color: palette(placeholder-text);"
SAVED_STYLE = "color: #2e6b30;"

NUMBER_DELAY_MS = 600  # arrow clicks in a row are one change
TYPING_DELAY_MS = 1500  # a pause in typing; leaving the field saves at once
SAVED_SHOWN_MS = 3000

# The number that goes with an automation, and its setting.
NUMBER_KEYS: dict[Automation, str] = {
    Automation.REMINDER: "auto_reminder_hours",
    Automation.REVIEW_REQUEST: "auto_review_request_hours",
    Automation.WIN_BACK: "auto_win_back_days",
}
# Ranges as settings_store declares them; the spin boxes keep values inside.
NUMBER_RANGES: dict[str, tuple[int, int]] = {
    key: number_range(key) for key in (*NUMBER_KEYS.values(), "frequency_cap", "sms_price_cents")
}
MAX_SMS_PRICE_CENTS = NUMBER_RANGES["sms_price_cents"][1]
QUIET_KEYS = QUIET_HOURS
TEXT_KEYS = ("review_url", "owner_email", "owner_mobile")


def store_setting(catalogue: CatalogueService, key: str, value: str) -> str:
    """Save one setting; runs on the database worker. Returns what was saved (a mobile
    number typed the German way is saved in E.164, as the test send needs it).

    The checks are the settings store's, the same as ``desk-app settings set``.
    """
    return catalogue.set_setting(key, value)


class AutomationsPanel(QWidget):
    """Switches and timing of the automatic messages, and the rules for advertising.

    Signals:
        loaded(): the stored settings arrived and are shown.
        saved(str): the setting with this key was saved.
        save_failed(str, str): the setting with this key was not saved; the text says why.
        run_finished(object): "Run now" finished; the AutomationReport.
        run_failed(str): "Run now" failed; the text is for the user.
    """

    loaded = Signal()
    saved = Signal(str)
    save_failed = Signal(str, str)
    run_finished = Signal(object)
    run_failed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._generation = 0
        self._stored: dict[str, str] = {}  # what the database holds, as far as we know
        self._submitted: dict[str, str] = {}  # the last value sent to be saved, per key
        self._edited: set[str] = set()  # changed here since the last load was asked for
        self._left: set[str] = set()  # text fields left (or Enter) since the last typing
        self._errors: dict[str, str] = {}
        self._timers: dict[str, QTimer] = {}
        self._fields: dict[str, QWidget] = {}
        self._error_labels: dict[str, QLabel] = {}
        self._switches: dict[Automation, QCheckBox] = {}
        self._numbers: dict[Automation, QSpinBox] = {}

        self._saved_label = QLabel()
        self._saved_label.setObjectName("savedLabel")
        self._saved_label.setStyleSheet(SAVED_STYLE)
        self._saved_timer = QTimer(self)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.setInterval(SAVED_SHOWN_MS)
        self._loading_label = QLabel(self.tr("Loading…"))
        self._loading_label.setObjectName("loadingLabel")
        self._loading_label.setStyleSheet(HINT_STYLE)
        self._load_error = _message_label("loadError")

        self._content = QWidget()
        self._content.setEnabled(False)  # until the stored values are in
        content_layout = QVBoxLayout(self._content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self._automations_box())
        content_layout.addWidget(self._rules_box())
        content_layout.addStretch(1)

        top = QHBoxLayout()
        saved_at_once = _hint(self.tr("Changes are saved at once."))
        saved_at_once.setWordWrap(False)
        top.addWidget(saved_at_once)
        top.addWidget(self._loading_label)
        top.addStretch(1)
        top.addWidget(self._saved_label)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(top)
        inner_layout.addWidget(self._load_error)
        inner_layout.addWidget(self._content, 1)
        scroll = QScrollArea()
        scroll.setObjectName("automationsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._saved_timer.timeout.connect(self._on_saved_timer_timeout)
        self._run_button.clicked.connect(self._on_run_button_clicked)
        for automation, box in self._switches.items():
            box.toggled.connect(partial(self._on_switch_toggled, automation))
        for key in (*NUMBER_KEYS.values(), "frequency_cap", "sms_price_cents", *QUIET_KEYS):
            self._connect_number(key)
        for key in TEXT_KEYS:
            self._connect_text(key)
        self._update_states()

    # ---- building -----------------------------------------------------------------------
    def _automations_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Automatic messages"))
        box.setObjectName("automationsBox")
        grid = QGridLayout(box)
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(12)
        transactional = self.tr("(transactional message, not advertising)")
        advertising = self.tr("only to customers with confirmed consent (advertising)")
        rows = (
            (
                Automation.CONFIRMATION,
                self.tr("&Booking confirmation"),
                self.tr("right after booking, to the customer of the appointment {kind}").format(
                    kind=transactional
                ),
            ),
            (
                Automation.REMINDER,
                self.tr("Appointment &reminder"),
                self.tr(
                    "before the appointment, to everyone with a booked appointment {kind}"
                ).format(kind=transactional),
            ),
            (
                Automation.BIRTHDAY,
                self.tr("Birth&day greeting"),
                self.tr("on the customer's birthday, {who}").format(who=advertising),
            ),
            (
                Automation.REVIEW_REQUEST,
                self.tr("Re&view request"),
                self.tr(
                    "after the appointment ends: asks for a review on your review page, {who}"
                ).format(who=advertising),
            ),
            (
                Automation.WIN_BACK,
                self.tr("&Win-back message"),
                self.tr(
                    "after the last visit, when nothing new is booked: invites the customer "
                    "back, {who}"
                ).format(who=advertising),
            ),
        )
        suffixes = {
            Automation.REMINDER: self.tr(" h"),
            Automation.REVIEW_REQUEST: self.tr(" h"),
            Automation.WIN_BACK: self.tr(" days"),
        }
        number_names = {
            Automation.REMINDER: self.tr("Hours before the appointment"),
            Automation.REVIEW_REQUEST: self.tr("Hours after the appointment"),
            Automation.WIN_BACK: self.tr("Days since the last visit"),
        }
        row = 0
        for automation, name, description in rows:
            switch_key = SWITCHES[automation]
            switch = QCheckBox(name)
            switch.setObjectName(f"{switch_key}Switch")
            switch.setAccessibleDescription(description)
            self._switches[automation] = switch
            grid.addWidget(switch, row, 0)
            keys = [switch_key]
            if automation in NUMBER_KEYS:
                key = NUMBER_KEYS[automation]
                low, high = NUMBER_RANGES[key]
                spin = QSpinBox()
                spin.setObjectName(f"{key}Spin")
                spin.setRange(low, high)
                spin.setSuffix(suffixes[automation])
                spin.setAccessibleName(number_names[automation])
                self._numbers[automation] = spin
                self._fields[key] = spin
                grid.addWidget(spin, row, 1)
                keys.append(key)
            text = QLabel(description)
            text.setObjectName(f"{switch_key}Description")
            text.setWordWrap(True)
            grid.addWidget(text, row, 2)
            row += 1
            if automation is Automation.REVIEW_REQUEST:
                row = self._review_url_rows(grid, row)
            error = _message_label(f"{switch_key}Error")
            grid.addWidget(error, row, 0, 1, 3)
            for key in keys:
                self._error_labels[key] = error
            row += 1

        self._run_button = QPushButton(self.tr("R&un now"))
        self._run_button.setObjectName("runNowButton")
        self._run_summary = QLabel()
        self._run_summary.setObjectName("runSummary")
        self._run_summary.setWordWrap(True)
        self._run_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        run_row = QHBoxLayout()
        run_row.addWidget(self._run_button)
        run_row.addSpacing(8)
        run_row.addWidget(self._run_summary, 1)
        grid.addLayout(run_row, row, 0, 1, 3)
        grid.addWidget(
            _hint(self.tr("They run every 5 minutes while the program is open.")),
            row + 1,
            0,
            1,
            3,
        )
        return box

    def _review_url_rows(self, grid: QGridLayout, row: int) -> int:
        self._review_url = QLineEdit()
        self._review_url.setObjectName("reviewUrlEdit")
        self._review_url.setPlaceholderText(self.tr("e.g. https://g.page/r/…/review"))
        self._fields["review_url"] = self._review_url
        _limit_width(self._review_url, 70)
        label = QLabel(self.tr("&Link to your review page:"))
        label.setBuddy(self._review_url)
        label.setIndent(24)  # belongs to the review request above
        grid.addWidget(label, row, 0)
        grid.addWidget(self._review_url, row, 1, 1, 2, Qt.AlignmentFlag.AlignLeft)
        self._review_url_warning = _message_label("reviewUrlWarning")
        self._review_url_warning.setStyleSheet(WARNING_STYLE)
        self._review_url_warning.setText(
            self.tr(
                "Review requests need the link to your review page (for example on Google): "
                "until it is entered, none are sent."
            )
        )
        grid.addWidget(self._review_url_warning, row + 1, 0, 1, 3)
        url_error = _message_label("reviewUrlError")
        self._error_labels["review_url"] = url_error
        grid.addWidget(url_error, row + 2, 0, 1, 3)
        return row + 3

    def _rules_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Rules for advertising"))
        box.setObjectName("rulesBox")
        form = QFormLayout(box)

        low, high = NUMBER_RANGES["frequency_cap"]
        cap = QSpinBox()
        cap.setObjectName("frequencyCapSpin")
        cap.setRange(low, high)
        cap.setAccessibleName(self.tr("Advertising messages per customer in 30 days"))
        self._fields["frequency_cap"] = cap
        cap_row = QHBoxLayout()
        cap_row.addWidget(cap)
        cap_row.addWidget(QLabel(self.tr("advertising messages per customer in 30 days")), 1)
        self._add_row(
            form,
            self.tr("At &most:"),
            cap,
            cap_row,
            ["frequency_cap"],
            self.tr(
                "Campaigns, birthday greetings, review requests and win-back messages count "
                "together; booking confirmations and reminders do not count."
            ),
        )

        start, end = QTimeEdit(), QTimeEdit()
        for edit, key, name in (
            (start, "quiet_hours_start", self.tr("Advertising SMS from")),
            (end, "quiet_hours_end", self.tr("Advertising SMS until")),
        ):
            edit.setObjectName(f"{key}Edit")
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(name)
            self._fields[key] = edit
        hours_row = QHBoxLayout()
        hours_row.addWidget(start)
        hours_row.addWidget(QLabel(self.tr("and")))
        hours_row.addWidget(end)
        hours_row.addWidget(QLabel(self.tr("o'clock")), 1)
        self._add_row(
            form,
            self.tr("Advertising SMS only be&tween:"),
            start,
            hours_row,
            list(QUIET_KEYS),
            self.tr(
                "Outside these hours advertising SMS wait until the time comes round again. "
                "Emails, booking confirmations and reminders go out at any time."
            ),
        )

        price = QDoubleSpinBox()
        price.setObjectName("smsPriceSpin")
        price.setDecimals(2)
        price.setRange(0, MAX_SMS_PRICE_CENTS / 100)
        price.setSingleStep(0.01)
        price.setSuffix(self.tr(" €"))
        self._fields["sms_price_cents"] = price
        price_row = QHBoxLayout()
        price_row.addWidget(price)
        price_row.addStretch(1)
        self._add_row(
            form,
            self.tr("&Price per SMS:"),
            price,
            price_row,
            ["sms_price_cents"],
            self.tr(
                "Your provider's price for one SMS part; only used to estimate what a campaign "
                "costs."
            ),
        )

        email = QLineEdit()
        email.setObjectName("ownerEmailEdit")
        email.setPlaceholderText(self.tr("e.g. owner@example.org"))
        self._fields["owner_email"] = email
        _limit_width(email, 45)
        email_row = QHBoxLayout()
        email_row.addWidget(email)
        email_row.addStretch(1)
        self._add_row(form, self.tr("Test &emails to:"), email, email_row, ["owner_email"])

        mobile = QLineEdit()
        mobile.setObjectName("ownerMobileEdit")
        mobile.setPlaceholderText(self.tr("e.g. 0151 12345678"))
        self._fields["owner_mobile"] = mobile
        _limit_width(mobile, 45)
        mobile_row = QHBoxLayout()
        mobile_row.addWidget(mobile)
        mobile_row.addStretch(1)
        self._add_row(
            form,
            self.tr("Test &SMS to:"),
            mobile,
            mobile_row,
            ["owner_mobile"],
            self.tr("A campaign's test send goes to you here before it goes to customers."),
        )
        return box

    def _add_row(
        self,
        form: QFormLayout,
        text: str,
        buddy: QWidget,
        fields: QHBoxLayout,
        keys: list[str],
        hint: str = "",
    ) -> None:
        """A form row: the fields, then their error (hidden while there is none), then a
        hint; the label's shortcut goes to the first field."""
        label = QLabel(text)
        label.setBuddy(buddy)
        cell = QWidget()
        layout = QVBoxLayout(cell)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(fields)
        error = _message_label(f"{keys[0]}Error")
        layout.addWidget(error)
        for key in keys:
            self._error_labels[key] = error
        if hint:
            layout.addWidget(_hint(hint))
        form.addRow(label, cell)

    def _connect_number(self, key: str) -> None:
        widget = self._fields[key]
        assert isinstance(widget, QAbstractSpinBox)
        # Typed digits count once the field is left or Enter is pressed, arrows at once.
        widget.setKeyboardTracking(False)
        if isinstance(widget, QTimeEdit):
            widget.timeChanged.connect(partial(self._on_field_changed, key, NUMBER_DELAY_MS))
        elif isinstance(widget, (QDoubleSpinBox, QSpinBox)):
            widget.valueChanged.connect(partial(self._on_field_changed, key, NUMBER_DELAY_MS))
        widget.editingFinished.connect(partial(self._on_field_editing_finished, key))

    def _connect_text(self, key: str) -> None:
        widget = self._fields[key]
        assert isinstance(widget, QLineEdit)
        widget.textEdited.connect(partial(self._on_text_edited, key))
        widget.editingFinished.connect(partial(self._on_field_editing_finished, key))

    # ---- public -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the stored settings again (the answer drops in later)."""
        self._generation += 1
        self._edited.clear()
        self._loading_label.show()
        catalogue, generation = self._ctx.services.catalogue, self._generation
        self._ctx.db.submit(
            self,
            catalogue.settings,
            weakly(self._on_settings_loaded, generation),
            weakly(self._on_settings_failed, generation),
        )

    def value(self, key: str) -> str:
        """What the field of ``key`` holds now, as the setting would store it."""
        if key in SWITCHES.values():
            automation = next(a for a, k in SWITCHES.items() if k == key)
            return "on" if self._switches[automation].isChecked() else "off"
        widget = self._fields[key]
        if isinstance(widget, QTimeEdit):
            return widget.time().toString("HH:mm")
        if isinstance(widget, QDoubleSpinBox):  # euros shown, cents stored
            return str(round(widget.value() * 100))
        if isinstance(widget, QSpinBox):
            return str(widget.value())
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def error(self, key: str) -> str:
        """The reason the last value of ``key`` was refused ("" when there is none)."""
        return self._errors.get(key, "")

    # ---- Qt overrides -------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():  # not when the window is merely restored
            self.refresh()

    # ---- loading ------------------------------------------------------------------------
    def _on_settings_loaded(self, generation: int, settings: dict[str, str]) -> None:
        if generation != self._generation:
            return
        self._loading_label.hide()
        self._load_error.clear()
        self._load_error.hide()
        for automation, box in self._switches.items():
            key = SWITCHES[automation]
            if key not in self._edited:
                _silently(box, partial(box.setChecked, settings[key] == "on"))
                self._stored[key] = settings[key]
        for key in self._fields:
            # A change made while the answer was on its way is newer than the answer.
            if key in self._edited or key in self._timers:
                continue
            self._show_value(key, settings[key])
            self._stored[key] = self._submitted[key] = settings[key]
        self._content.setEnabled(True)
        self._update_states()
        self.loaded.emit()

    def _on_settings_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading_label.hide()
        self._load_error.setText(error_text.describe(error, self._ctx.time_zone))
        self._load_error.show()

    def _show_value(self, key: str, value: str) -> None:
        widget = self._fields[key]
        if isinstance(widget, QTimeEdit):
            moment = time.fromisoformat(value)
            _silently(widget, lambda: widget.setTime(QTime(moment.hour, moment.minute)))
        elif isinstance(widget, QDoubleSpinBox):
            _silently(widget, lambda: widget.setValue(int(value) / 100))
        elif isinstance(widget, QSpinBox):
            _silently(widget, lambda: widget.setValue(int(value)))
        elif isinstance(widget, QLineEdit):
            widget.setText(value)  # textEdited, which saves, is for the user's typing only

    # ---- saving -------------------------------------------------------------------------
    def _on_switch_toggled(self, automation: Automation, on: bool) -> None:
        key = SWITCHES[automation]
        self._edited.add(key)
        self._update_states()
        service = self._ctx.services.automations
        self._ctx.db.submit(
            self,
            lambda: service.set_enabled(automation, on),
            weakly(self._on_switch_saved, automation, on),
            weakly(self._on_switch_failed, automation, on),
        )

    def _on_switch_saved(self, automation: Automation, on: bool, _settings: object) -> None:
        key = SWITCHES[automation]
        self._stored[key] = "on" if on else "off"
        self._set_error(key, "")
        self._announce_saved(key)

    def _on_switch_failed(self, automation: Automation, on: bool, error: BaseException) -> None:
        # A switch has no "input" to keep: it goes back to what is stored.
        box = self._switches[automation]
        if box.isChecked() == on:
            _silently(box, lambda: box.setChecked(not on))
            self._update_states()
        key = SWITCHES[automation]
        text = error_text.describe(error, self._ctx.time_zone)
        self._set_error(key, text)
        self.save_failed.emit(key, text)

    def _on_field_changed(self, key: str, delay: int, *_value: object) -> None:
        self._edited.add(key)
        self._update_states()
        timer = self._timers.get(key)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(partial(self._save, key))
            self._timers[key] = timer
        timer.start(delay)

    def _on_text_edited(self, key: str, _text: str) -> None:
        self._left.discard(key)
        self._on_field_changed(key, TYPING_DELAY_MS)

    def _on_field_editing_finished(self, key: str) -> None:
        self._left.add(key)
        self._save(key)

    def _save(self, key: str) -> None:
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        if key not in self._stored:
            return  # not loaded yet: there is nothing the user changed
        if key in QUIET_KEYS:
            self._save_quiet_hours()
            return
        self._submit(key, self.value(key))

    def _save_quiet_hours(self) -> None:
        """The two ends are saved together, and only as a window that makes sense: a
        start after the end would hold back every advertising SMS for good."""
        start, end = (self.value(key) for key in QUIET_KEYS)
        if start >= end:  # "HH:MM" compares like the time
            text = self.tr("The sending hours must begin before they end. Not saved.")
            self._set_error(QUIET_KEYS[0], text)
            self.save_failed.emit(QUIET_KEYS[0], text)
            return
        self._set_error(QUIET_KEYS[0], "")
        values = dict(zip(QUIET_KEYS, (start, end), strict=True))
        if all(values[key] == self._submitted.get(key) for key in QUIET_KEYS):
            return  # saved or on its way
        for key, value in values.items():
            self._submitted[key] = value
            self._edited.add(key)
        catalogue = self._ctx.services.catalogue
        # Both ends in one transaction: the store checks them as a pair.
        self._ctx.db.submit(
            self,
            lambda: catalogue.set_settings(values),
            weakly(self._on_quiet_hours_saved, values),
            weakly(self._on_quiet_hours_failed, values),
        )

    def _on_quiet_hours_saved(self, values: dict[str, str], stored: dict[str, str]) -> None:
        for key in QUIET_KEYS:
            self._on_setting_saved(key, values[key], stored[key])

    def _on_quiet_hours_failed(self, values: dict[str, str], error: BaseException) -> None:
        for key in QUIET_KEYS:
            self._on_setting_failed(key, values[key], error)

    def _submit(self, key: str, value: str) -> None:
        if value == self._submitted.get(key):
            return  # saved or on its way (its answer shows any error)
        self._submitted[key] = value
        self._edited.add(key)
        catalogue = self._ctx.services.catalogue
        self._ctx.db.submit(
            self,
            lambda: store_setting(catalogue, key, value),
            weakly(self._on_setting_saved, key, value),
            weakly(self._on_setting_failed, key, value),
        )

    def _on_setting_saved(self, key: str, value: str, stored: str) -> None:
        self._stored[key] = stored
        if self._submitted.get(key) != value:
            return  # a newer value is on its way; its answer speaks for the field
        self._submitted[key] = stored
        widget = self._fields[key]
        if stored != value and isinstance(widget, QLineEdit) and widget.text().strip() == value:
            widget.setText(stored)  # the normalised form (a mobile number in E.164)
        self._set_error(key, "")
        self._update_states()
        self._announce_saved(key)

    def _on_setting_failed(self, key: str, value: str, error: BaseException) -> None:
        if self._submitted.get(key) != value:
            return  # a newer value is on its way
        # Forget the attempt, so the same value is tried (and explained) again.
        self._submitted[key] = self._stored[key]
        widget = self._fields[key]
        if isinstance(widget, QLineEdit) and widget.hasFocus() and key not in self._left:
            return  # still typing: the reason shows when the field is left
        text = error_text.describe(error, self._ctx.time_zone)
        self._set_error(key, text)  # the input stays in the field, to be corrected
        self.save_failed.emit(key, text)

    def _announce_saved(self, key: str) -> None:
        self._saved_label.setText(self.tr("✓ Saved"))
        self._saved_timer.start()
        self.saved.emit(key)

    def _on_saved_timer_timeout(self) -> None:
        self._saved_label.clear()

    # ---- running ------------------------------------------------------------------------
    def _on_run_button_clicked(self) -> None:
        self._run_button.setEnabled(False)
        self._run_summary.setStyleSheet("")
        self._run_summary.setToolTip("")
        self._run_summary.setText(self.tr("Running…"))
        service = self._ctx.services.automations
        self._ctx.db.submit(
            self, service.run, weakly(self._on_run_done), weakly(self._on_run_error)
        )

    def _on_run_done(self, report: AutomationReport) -> None:
        self._run_button.setEnabled(True)
        self._run_summary.setText(self.summary(report))
        self._run_summary.setToolTip(self._details(report))
        self.run_finished.emit(report)

    def _on_run_error(self, error: BaseException) -> None:
        self._run_button.setEnabled(True)
        text = error_text.describe(error, self._ctx.time_zone)
        self._run_summary.setStyleSheet(ERROR_STYLE)
        self._run_summary.setText(text)
        self.run_failed.emit(text)

    def summary(self, report: AutomationReport) -> str:
        """One line: queued, already sent, not allowed (and passed over, if any)."""
        if not any(result.enabled for result in report.results):
            return self.tr("All automatic messages are switched off: nothing to do.")
        already = sum(r.skipped_already_sent for r in report.results)
        refused = sum(sum(r.refused.values()) for r in report.results)
        skipped = sum(sum(r.skipped.values()) for r in report.results)
        parts = [
            self.tr("%n message(s) queued", "", report.queued),
            self.tr("%n already sent", "", already),
            self.tr("%n not allowed", "", refused),
        ]
        if skipped:
            parts.append(self.tr("%n passed over", "", skipped))
        return ", ".join(parts)

    def _details(self, report: AutomationReport) -> str:
        """Per automation and reason, for the tooltip of the summary."""
        lines = []
        for result in report.results:
            name = error_text.automation_label(result.automation.value)
            if not result.enabled:
                lines.append(self.tr("{name}: switched off").format(name=name))
                continue
            reasons = [
                f"{error_text.reason_text(code)} ({n})"
                for code, n in sorted(result.refused.items())
            ]
            reasons += [
                f"{error_text.passed_over_text(code)} ({n})"
                for code, n in sorted(result.skipped.items())
            ]
            line = self.tr("{name}: %n queued", "", result.queued).format(name=name)
            if reasons:
                line = self.tr("{line}; not sent: {reasons}").format(
                    line=line, reasons="; ".join(reasons)
                )
            lines.append(line)
        return "\n".join(lines)

    # ---- state --------------------------------------------------------------------------
    def _update_states(self) -> None:
        for automation, spin in self._numbers.items():
            spin.setEnabled(self._switches[automation].isChecked())
        review_on = self._switches[Automation.REVIEW_REQUEST].isChecked()
        self._review_url.setEnabled(review_on)
        self._review_url_warning.setVisible(
            review_on and self._content.isEnabled() and not self._review_url.text().strip()
        )

    def _set_error(self, key: str, text: str) -> None:
        if text:
            self._errors[key] = text
        else:
            self._errors.pop(key, None)
        label = self._error_labels[key]
        shared = [k for k, other in self._error_labels.items() if other is label]
        texts = [self._errors[k] for k in shared if k in self._errors]
        label.setText(" ".join(dict.fromkeys(texts)))
        label.setVisible(bool(texts))


def _message_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _limit_width(edit: QLineEdit, characters: int) -> None:
    # Addresses are short; a field across a wide window is hard to read.
    edit.setFixedWidth(edit.fontMetrics().averageCharWidth() * characters)


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def _silently(widget: QWidget, change: Callable[[], object]) -> None:
    """Show a stored value without it counting as the user's change (which would save)."""
    blocked = widget.blockSignals(True)
    try:
        change()
    finally:
        widget.blockSignals(blocked)
