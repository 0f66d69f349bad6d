"""The "Automations" tab: which automatic messages go out and when, and the rules every
advertising message follows (how many per customer, SMS sending hours, SMS price, where
test sends go).

There is no "Save" button: every change is saved at once on the database worker.
Switches save when ticked; numbers and times when they change (a burst of arrow clicks is
saved once); text fields after a pause in typing and when the field is left (the
reusable ``desk_app.ui.widgets.autosave``). Every value is checked by its declaration in
``desk_app.domain.salon_settings`` (the same check as ``desk-app settings set``); a refused
value stays in its field with the reason beside it. The values load whenever the tab is
shown. "Run now" (``run_now``) does what the window does every five minutes anyway.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from datetime import time
from functools import partial

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.automations import Automation
from desk_app.domain.salon_settings import QUIET_HOURS, check_sending_hours, number_range
from desk_app.services.automations import SWITCHES
from desk_app.texts import error_text
from desk_app.ui.context import UiContext
from desk_app.ui.marketing.advertising_rules_box import AdvertisingRulesBox
from desk_app.ui.marketing.automation_labels import (
    hint_label,
    limit_width,
    message_label,
    silently,
)
from desk_app.ui.marketing.run_now import RunNowRow
from desk_app.ui.signed_in import settings_saver
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.tasks import weakly
from desk_app.ui.widgets.autosave import Autosave
from desk_app.ui.widgets.operation import Operation

SAVED_SHOWN_MS = 3000

# The number that goes with an automation, and its setting.
NUMBER_KEYS: dict[Automation, str] = {
    Automation.REMINDER: "auto_reminder_hours",
    Automation.REVIEW_REQUEST: "auto_review_request_hours",
    Automation.WIN_BACK: "auto_win_back_days",
}
QUIET_KEYS = QUIET_HOURS


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
        self._loads = Operation(self, ctx.db_tasks, error=self._on_settings_failed)
        # The settings' own checks (the same as ``desk-app settings set``) run in the store;
        # it returns what was saved (a mobile number typed the German way in E.164).
        self._autosave = Autosave(
            ctx.db_tasks, settings_saver(ctx.services.catalogue, ctx.signed_in), self
        )
        self._errors: dict[str, str] = {}
        self._fields: dict[str, QWidget] = {}
        self._error_labels: dict[str, QLabel] = {}
        self._switches: dict[Automation, QCheckBox] = {}
        self._numbers: dict[Automation, QSpinBox] = {}

        self._saved_label = QLabel()
        self._saved_label.setObjectName("savedLabel")
        set_tone(self._saved_label, Tone.SUCCESS)
        self._saved_timer = QTimer(self)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.setInterval(SAVED_SHOWN_MS)
        self._loading_label = QLabel(self.tr("Loading…"))
        self._loading_label.setObjectName("loadingLabel")
        set_tone(self._loading_label, Tone.HINT)
        self._load_error = message_label("loadError")

        self._content = QWidget()
        self._content.setEnabled(False)  # until the stored values are in
        content_layout = QVBoxLayout(self._content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self._automations_box())
        self._rules = AdvertisingRulesBox()
        self._fields.update(self._rules.fields)
        self._error_labels.update(self._rules.error_labels)
        content_layout.addWidget(self._rules)
        content_layout.addStretch(1)

        top = QHBoxLayout()
        saved_at_once = hint_label(self.tr("Changes are saved at once."))
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
        self._run_now.finished.connect(self.run_finished)
        self._run_now.failed.connect(self.run_failed)
        for automation, box in self._switches.items():
            box.toggled.connect(partial(self._on_switch_toggled, automation))
        for key, widget in self._fields.items():
            if isinstance(widget, QLineEdit):
                self._autosave.add_line_edit(key, widget)
            else:
                assert isinstance(widget, QAbstractSpinBox)
                self._autosave.add_spin_box(
                    key, widget, partial(self.value, key), partial(self._show_value, key)
                )
        # The two ends of the sending hours are saved together, and only as a window that
        # makes sense (the declarations' rule).
        self._autosave.add_group(
            QUIET_KEYS,
            lambda hours: check_sending_hours(hours[QUIET_KEYS[0]], hours[QUIET_KEYS[1]]),
        )
        self._autosave.changed.connect(self._on_autosave_changed)
        self._autosave.checked.connect(self._on_autosave_checked)
        self._autosave.saved.connect(self._on_autosave_saved)
        self._autosave.refused.connect(self._on_autosave_refused)
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
                low, high = number_range(key)
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
            error = message_label(f"{switch_key}Error")
            grid.addWidget(error, row, 0, 1, 3)
            for key in keys:
                self._error_labels[key] = error
            row += 1

        self._run_now = RunNowRow(self._ctx)
        grid.addWidget(self._run_now, row, 0, 1, 3)
        grid.addWidget(
            hint_label(self.tr("They run every 5 minutes while the program is open.")),
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
        limit_width(self._review_url, 70)
        label = QLabel(self.tr("&Link to your review page:"))
        label.setBuddy(self._review_url)
        label.setIndent(24)  # belongs to the review request above
        grid.addWidget(label, row, 0)
        grid.addWidget(self._review_url, row, 1, 1, 2, Qt.AlignmentFlag.AlignLeft)
        self._review_url_warning = message_label("reviewUrlWarning")
        set_tone(self._review_url_warning, Tone.WARNING)
        self._review_url_warning.setText(
            self.tr(
                "Review requests need the link to your review page (for example on Google): "
                "until it is entered, none are sent."
            )
        )
        grid.addWidget(self._review_url_warning, row + 1, 0, 1, 3)
        url_error = message_label("reviewUrlError")
        self._error_labels["review_url"] = url_error
        grid.addWidget(url_error, row + 2, 0, 1, 3)
        return row + 3

    # ---- public -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the stored settings again (the answer drops in later)."""
        self._autosave.begin_load()
        self._loading_label.show()
        self._loads.run(self._ctx.services.catalogue.stored_settings, self._on_settings_loaded)

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
    def _on_settings_loaded(self, settings: dict[str, str]) -> None:
        self._loading_label.hide()
        self._load_error.clear()
        self._load_error.hide()
        for automation, box in self._switches.items():
            key = SWITCHES[automation]
            # A change made while the answer was on its way is newer than the answer.
            if not self._autosave.was_edited(key):
                silently(box, partial(box.setChecked, settings[key] == "on"))
        self._autosave.load(settings)
        self._content.setEnabled(True)
        self._update_states()
        self.loaded.emit()

    def _on_settings_failed(self, error: BaseException) -> None:
        self._loading_label.hide()
        self._load_error.setText(error_text.describe(error, self._ctx.time_zone))
        self._load_error.show()

    def _show_value(self, key: str, value: str) -> None:
        widget = self._fields[key]
        if isinstance(widget, QTimeEdit):
            moment = time.fromisoformat(value)
            silently(widget, lambda: widget.setTime(QTime(moment.hour, moment.minute)))
        elif isinstance(widget, QDoubleSpinBox):
            silently(widget, lambda: widget.setValue(int(value) / 100))
        elif isinstance(widget, QSpinBox):
            silently(widget, lambda: widget.setValue(int(value)))
        elif isinstance(widget, QLineEdit):
            widget.setText(value)  # textEdited, which saves, is for the user's typing only

    # ---- saving -------------------------------------------------------------------------
    def _on_switch_toggled(self, automation: Automation, on: bool) -> None:
        self._autosave.note_edited(SWITCHES[automation])
        self._update_states()
        service = self._ctx.services.automations
        self._ctx.db_tasks.submit(
            self,
            lambda: service.set_enabled(automation, on),
            weakly(self._on_switch_saved, automation, on),
            weakly(self._on_switch_failed, automation, on),
        )

    def _on_switch_saved(self, automation: Automation, on: bool, _settings: object) -> None:
        key = SWITCHES[automation]
        self._set_error(key, "")
        self._announce_saved(key)

    def _on_switch_failed(self, automation: Automation, on: bool, error: BaseException) -> None:
        # A switch has no "input" to keep: it goes back to what is stored.
        box = self._switches[automation]
        if box.isChecked() == on:
            silently(box, lambda: box.setChecked(not on))
            self._update_states()
        key = SWITCHES[automation]
        text = error_text.describe(error, self._ctx.time_zone)
        self._set_error(key, text)
        self.save_failed.emit(key, text)

    def _on_autosave_changed(self, _key: str) -> None:
        self._update_states()

    def _on_autosave_checked(self, key: str) -> None:
        self._set_error(key, "")

    def _on_autosave_saved(self, key: str) -> None:
        self._set_error(key, "")
        self._update_states()
        self._announce_saved(key)

    def _on_autosave_refused(self, key: str, error: BaseException) -> None:
        text = error_text.describe(error, self._ctx.time_zone)
        self._set_error(key, text)  # the input stays in the field, to be corrected
        self.save_failed.emit(key, text)

    def _announce_saved(self, key: str) -> None:
        self._saved_label.setText(self.tr("✓ Saved"))
        self._saved_timer.start()
        self.saved.emit(key)

    def _on_saved_timer_timeout(self) -> None:
        self._saved_label.clear()

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
