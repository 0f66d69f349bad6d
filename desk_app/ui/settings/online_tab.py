"""The "Online booking" tab: the switch, the booking page's public name and the full link
to put on the salon's website, how far ahead and how short-notice customers may book,
the start-time grid, the cancel deadline, the privacy notice link and the page's colour.

Saved at once, like the automations (``desk_app.ui.widgets.autosave``): the switch when
ticked, numbers when they change, texts after a pause in typing and when the field is left.
Every value goes through its declaration in ``desk_app.domain.salon_settings`` (the same
check as ``desk-app settings set``); a refused value stays in its field with the reason
beside it. Which services and staff are offered is set on their own tabs.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import InvalidField
from desk_app.domain.salon_settings import normalise_setting, number_range
from desk_app.texts import error_text
from desk_app.ui.context import UiContext
from desk_app.ui.settings.form import MessageLabel, add_row, hint
from desk_app.ui.signed_in import settings_saver
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.tasks import weakly
from desk_app.ui.widgets.autosave import Autosave
from desk_app.ui.widgets.operation import Operation

SWITCH_KEY = "online_booking"
TEXT_KEYS = ("public_name", "privacy_url", "brand_colour")
NUMBER_KEYS = (
    "booking_horizon_weeks",
    "booking_lead_minutes",
    "booking_step_minutes",
    "cancel_deadline_hours",
    "late_cancel_hours",
)
SAVED_SHOWN_MS = 3000


def booking_link(gateway_url: str, public_name: str) -> str:
    """The booking page's address: ``<gateway>/book/<public name>``."""
    return f"{gateway_url.rstrip('/')}/book/{public_name}"


class OnlineTab(QWidget):
    """Online booking's settings, saved at once.

    Signals:
        loaded(): the stored settings arrived and are shown.
        saved(str): the setting with this key was saved.
        refused(str, str): the setting with this key was not saved; the text says why.
    """

    loaded = Signal()
    saved = Signal(str)
    refused = Signal(str, str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._gateway_url = ""
        self._loads = Operation(self, ctx.db_tasks, failed=self._on_load_failed)
        self._autosave = Autosave(
            ctx.db_tasks, settings_saver(ctx.services.catalogue, ctx.signed_in), self
        )

        self.switch = QCheckBox(self.tr("&Customers can book on the salon's website"))
        self.switch.setObjectName("onlineSwitch")
        self.switch_error = MessageLabel("onlineSwitchError")
        self.public_name = QLineEdit()
        self.public_name.setObjectName("publicName")
        self.public_name.setMaxLength(40)
        self.public_name.setPlaceholderText(self.tr("e.g. haarwerk-mueller"))
        self.public_name_error = MessageLabel("publicNameError")
        self.link = QLineEdit()
        self.link.setObjectName("bookingLink")
        self.link.setReadOnly(True)
        self.copy = QPushButton(self.tr("C&opy link"))
        self.copy.setObjectName("copyBookingLink")
        self.link_missing = MessageLabel("bookingLinkMissing")
        self.numbers: dict[str, QSpinBox] = {}
        for key, suffix in (
            ("booking_horizon_weeks", self.tr(" weeks ahead")),
            ("booking_lead_minutes", self.tr(" min before")),
            ("booking_step_minutes", self.tr(" min")),
            ("cancel_deadline_hours", self.tr(" h before")),
            ("late_cancel_hours", self.tr(" h before the start")),
        ):
            spin = QSpinBox()
            spin.setObjectName(f"{key}Spin")
            spin.setRange(*number_range(key))
            spin.setSuffix(suffix)
            # As wide as its longest value with the words, not across the dialog.
            spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self.numbers[key] = spin
        self.numbers["booking_step_minutes"].setSingleStep(5)
        self.numbers["booking_lead_minutes"].setSingleStep(15)
        self.privacy_url = QLineEdit()
        self.privacy_url.setObjectName("privacyUrl")
        self.privacy_url.setPlaceholderText(self.tr("e.g. https://www.salon.de/datenschutz"))
        self.brand_colour = QLineEdit()
        self.brand_colour.setObjectName("brandColour")
        self.brand_colour.setMaxLength(7)
        self.brand_colour.setPlaceholderText("#2d6a4f")
        self.swatch = QLabel()
        self.swatch.setObjectName("brandSwatch")
        self.swatch.setFixedSize(22, 22)
        self.errors: dict[str, MessageLabel] = {
            key: MessageLabel(f"{key}Error")
            for key in (*NUMBER_KEYS, "privacy_url", "brand_colour")
        }
        self.errors["public_name"] = self.public_name_error
        self.errors[SWITCH_KEY] = self.switch_error
        self._saved_label = QLabel()
        self._saved_label.setObjectName("onlineSavedLabel")
        set_tone(self._saved_label, Tone.SUCCESS)
        self._saved_timer = QTimer(self)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.setInterval(SAVED_SHOWN_MS)
        self._load_error = MessageLabel("onlineLoadError")

        self._content = QWidget()
        self._content.setEnabled(False)  # until the stored values are in
        self._build_form(self._content)
        top = QHBoxLayout()
        top.addWidget(hint(self.tr("Changes on this page are saved at once.")), 1)
        top.addWidget(self._saved_label)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(top)
        inner_layout.addWidget(self._load_error)
        inner_layout.addWidget(self._content)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("onlineScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.switch.toggled.connect(self._on_switch_toggled)
        self.copy.clicked.connect(self._on_copy_clicked)
        self.public_name.textChanged.connect(self._update_link)
        self.brand_colour.textChanged.connect(self._update_swatch)
        self._saved_timer.timeout.connect(self._saved_label.clear)
        self._autosave.add_line_edit("public_name", self.public_name)
        self._autosave.add_line_edit("privacy_url", self.privacy_url)
        self._autosave.add_line_edit("brand_colour", self.brand_colour)
        for key, spin in self.numbers.items():
            self._autosave.add_spin_box(
                key, spin, partial(self._spin_value, spin), partial(self._show_number, spin)
            )
        self._autosave.saved.connect(self._on_autosave_saved)
        self._autosave.refused.connect(self._on_autosave_refused)
        self._update_link()
        self.refresh()

    def _build_form(self, content: QWidget) -> None:
        form = QFormLayout(content)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.switch)
        form.addRow(self.switch_error)
        name_hint = hint(
            self.tr(
                "The last part of your booking page's address: 3 to 40 lower-case letters, "
                "digits and hyphens."
            )
        )
        add_row(form, self.tr("Public &name:"), self.public_name, self.public_name_error, name_hint)
        link_row = QWidget()
        link_layout = QHBoxLayout(link_row)
        link_layout.setContentsMargins(0, 0, 0, 0)
        link_layout.addWidget(self.link, 1)
        link_layout.addWidget(self.copy)
        link_hint = hint(self.tr("Put this link on your website, e.g. as a button “Book online”."))
        add_row(form, self.tr("&Link for your website:"), link_row, self.link_missing, link_hint)
        link_row.setFocusProxy(self.link)
        for key, text in (
            ("booking_horizon_weeks", self.tr("Book up to:")),
            ("booking_lead_minutes", self.tr("Book until:")),
            ("booking_step_minutes", self.tr("Start times every:")),
        ):
            add_row(form, text, self.numbers[key], self.errors[key])
        # The hint under the last number: a row of its own gets a gap in QFormLayout.
        add_row(
            form,
            self.tr("Cancel or move until:"),
            self.numbers["cancel_deadline_hours"],
            self.errors["cancel_deadline_hours"],
            hint(self._numbers_hint()),
        )
        add_row(
            form,
            self.tr("Late cancellation:"),
            self.numbers["late_cancel_hours"],
            self.errors["late_cancel_hours"],
            hint(
                self.tr(
                    "A cancellation later than this counts for the customer, next to their "
                    "no-shows (at the counter it can be waived); 0: never."
                )
            ),
        )
        add_row(form, self.tr("&Privacy notice:"), self.privacy_url, self.errors["privacy_url"])
        colour_row = QWidget()
        colour_layout = QHBoxLayout(colour_row)
        colour_layout.setContentsMargins(0, 0, 0, 0)
        colour_layout.addWidget(self.brand_colour)
        colour_layout.addWidget(self.swatch)
        colour_layout.addStretch(1)
        self.brand_colour.setFixedWidth(self.brand_colour.fontMetrics().averageCharWidth() * 12)
        colour_row.setFocusProxy(self.brand_colour)
        offered = hint(
            self.tr(
                "Which services and which staff members can be chosen online is set on "
                "the tabs “Services” and “Staff”."
            )
        )
        add_row(form, self.tr("Page colo&ur:"), colour_row, self.errors["brand_colour"], offered)
        self._build_waitlist(form)

    def _build_waitlist(self, form: QFormLayout) -> None:
        """The waitlist's offers (issue 14): off until the salon switches them on."""
        self.waitlist_offers = QCheckBox(
            self.tr("Offer freed times to the &waitlist automatically (email or SMS)")
        )
        self.waitlist_offers.setObjectName("waitlistOffers")
        self.waitlist_hold = QSpinBox()
        self.waitlist_hold.setObjectName("waitlist_hold_minutesSpin")
        self.waitlist_hold.setRange(*number_range("waitlist_hold_minutes"))
        self.waitlist_hold.setSuffix(self.tr(" min"))
        self.waitlist_hold.setSingleStep(5)
        self.waitlist_hold.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for key in ("waitlist_auto_offers", "waitlist_hold_minutes"):
            self.errors[key] = MessageLabel(f"{key}Error")
        form.addRow(self.waitlist_offers)
        form.addRow(self.errors["waitlist_auto_offers"])
        add_row(
            form,
            self.tr("&Hold an offer for:"),
            self.waitlist_hold,
            self.errors["waitlist_hold_minutes"],
            hint(
                self.tr(
                    "The first in line gets a link; the time is held for them this long, "
                    "then offered to the next. Whoever confirms first gets it."
                )
            ),
        )
        self._autosave.add_check_box("waitlist_auto_offers", self.waitlist_offers)
        self._autosave.add_spin_box(
            "waitlist_hold_minutes",
            self.waitlist_hold,
            partial(self._spin_value, self.waitlist_hold),
            partial(self._show_number, self.waitlist_hold),
        )

    def _numbers_hint(self) -> str:
        return self.tr(
            "Customers see free times from now plus the lead time up to the number of weeks "
            "ahead, on the grid of start times; they can cancel or move their booking from "
            "the confirmation until the given hours before it."
        )

    # ---- public -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the stored settings (the answer drops in later)."""
        self._autosave.begin_load()
        self._loads.run(self._ctx.services.catalogue.stored_settings, self._on_loaded)

    def set_gateway_url(self, url: str) -> None:
        """The gateway's address, as the link needs it (from the gateway tab)."""
        try:
            self._gateway_url = normalise_setting("gateway_url", url)
        except InvalidField:
            self._gateway_url = ""
        self._update_link()

    def link_text(self) -> str:
        return self.link.text()

    def error(self, key: str) -> str:
        label = self.errors[key]
        return label.text() if not label.isHidden() else ""

    # ---- loading ------------------------------------------------------------------------
    def _on_loaded(self, stored: dict[str, str]) -> None:
        self._load_error.clear_message()
        if not self._autosave.was_edited(SWITCH_KEY):
            blocked = self.switch.blockSignals(True)
            self.switch.setChecked(stored[SWITCH_KEY] == "on")
            self.switch.blockSignals(blocked)
        self._autosave.load(stored)
        self.set_gateway_url(stored["gateway_url"])
        self._content.setEnabled(True)
        self.loaded.emit()

    def _on_load_failed(self, text: str) -> None:
        self._load_error.show_error(text)

    def _spin_value(self, spin: QSpinBox) -> str:
        return str(spin.value())

    def _show_number(self, spin: QSpinBox, value: str) -> None:
        blocked = spin.blockSignals(True)
        spin.setValue(int(value))
        spin.blockSignals(blocked)

    # ---- the link -----------------------------------------------------------------------
    def _update_link(self) -> None:
        name = self.public_name.text().strip()
        try:
            valid = bool(normalise_setting("public_name", name))
        except InvalidField:
            valid = False
        missing = []
        if not self._gateway_url:
            missing.append(self.tr("the gateway's address (tab “Gateway”)"))
        if not valid:
            missing.append(self.tr("a valid public name (above)"))
        if missing:
            self.link.clear()
            self.link_missing.show_error(
                self.tr("The link needs {missing}.").format(missing=self.tr(" and ").join(missing))
            )
            # Not a mistake, something still to do.
            set_tone(self.link_missing, Tone.WARNING)
        else:
            self.link.setText(booking_link(self._gateway_url, name))
            self.link_missing.clear_message()
        self.copy.setEnabled(not missing)

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.link.text())
        self._announce(self.tr("✓ Link copied"))

    def _update_swatch(self, text: str) -> None:
        try:
            colour = normalise_setting("brand_colour", text)
        except InvalidField:
            self.swatch.setStyleSheet("border: 1px dashed palette(mid);")
            return
        self.swatch.setStyleSheet(f"background: {colour}; border: 1px solid palette(mid);")

    # ---- saving -------------------------------------------------------------------------
    def _on_switch_toggled(self, on: bool) -> None:
        self._autosave.note_edited(SWITCH_KEY)
        catalogue, actor = self._ctx.services.catalogue, self._ctx.signed_in.actor
        value = "on" if on else "off"
        self._ctx.db_tasks.submit(
            self,
            lambda: catalogue.set_settings({SWITCH_KEY: value}, actor=actor),
            weakly(self._on_switch_saved),
            weakly(self._on_switch_failed, on),
        )

    def _on_switch_saved(self, _stored: object) -> None:
        self.switch_error.clear_message()
        self._announce(self.tr("✓ Saved"))
        self.saved.emit(SWITCH_KEY)

    def _on_switch_failed(self, on: bool, error: BaseException) -> None:
        # A switch has no input to keep: it goes back to what is stored.
        if self.switch.isChecked() == on:
            blocked = self.switch.blockSignals(True)
            self.switch.setChecked(not on)
            self.switch.blockSignals(blocked)
        text = error_text.describe(error, self._ctx.time_zone)
        self.switch_error.show_error(text)
        self.refused.emit(SWITCH_KEY, text)

    def _on_autosave_saved(self, key: str) -> None:
        self.errors[key].clear_message()
        self._announce(self.tr("✓ Saved"))
        self.saved.emit(key)

    def _on_autosave_refused(self, key: str, error: BaseException) -> None:
        text = error_text.describe(error, self._ctx.time_zone)
        self.errors[key].show_error(text)  # the input stays in the field, to be corrected
        self.refused.emit(key, text)

    def _announce(self, text: str) -> None:
        self._saved_label.setText(text)
        self._saved_timer.start()
