"""The "Rules for advertising" box of the automations tab: how many advertising messages
per customer, the SMS sending hours, the SMS price and where test sends go. It only shows
the fields (ranges as the settings declare them); the panel loads and saves them.

May import: PySide6, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.salon_settings import QUIET_HOURS, number_range
from desk_app.ui.marketing.automation_labels import hint_label, limit_width, message_label


class AdvertisingRulesBox(QGroupBox):
    """The rules every advertising message follows, as fields keyed by their setting."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Rules for advertising"))
        self.setObjectName("rulesBox")
        self.fields: dict[str, QWidget] = {}  # per setting key, in the settings' own form
        self.error_labels: dict[str, QLabel] = {}  # per key; keys on one row share one
        form = QFormLayout(self)

        low, high = number_range("frequency_cap")
        cap = QSpinBox()
        cap.setObjectName("frequencyCapSpin")
        cap.setRange(low, high)
        cap.setAccessibleName(self.tr("Advertising messages per customer in 30 days"))
        self.fields["frequency_cap"] = cap
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
            self.fields[key] = edit
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
            list(QUIET_HOURS),
            self.tr(
                "Outside these hours advertising SMS wait until the time comes round again. "
                "Emails, booking confirmations and reminders go out at any time."
            ),
        )

        price = QDoubleSpinBox()
        price.setObjectName("smsPriceSpin")
        price.setDecimals(2)
        price.setRange(0, number_range("sms_price_cents")[1] / 100)
        price.setSingleStep(0.01)
        price.setSuffix(self.tr(" €"))
        self.fields["sms_price_cents"] = price
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
        self.fields["owner_email"] = email
        limit_width(email, 45)
        email_row = QHBoxLayout()
        email_row.addWidget(email)
        email_row.addStretch(1)
        self._add_row(form, self.tr("Test &emails to:"), email, email_row, ["owner_email"])

        mobile = QLineEdit()
        mobile.setObjectName("ownerMobileEdit")
        mobile.setPlaceholderText(self.tr("e.g. 0151 12345678"))
        self.fields["owner_mobile"] = mobile
        limit_width(mobile, 45)
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
        error = message_label(f"{keys[0]}Error")
        layout.addWidget(error)
        for key in keys:
            self.error_labels[key] = error
        if hint:
            layout.addWidget(hint_label(hint))
        form.addRow(label, cell)
