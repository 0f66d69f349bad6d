"""The heading of the customer form: the name in large type, and below it since when the
customer is known and whether messages to them bounced.

May import: PySide6, desk_app.services, desk_app.ui.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desk_app.services.rows import CustomerRow
from desk_app.ui.customers.customer_fields import date_format


class CustomerHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = QLabel()
        self._title.setObjectName("title")
        title_font = QFont(self._title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self._title.setFont(title_font)
        self._subtitle = QLabel()
        self._subtitle.setObjectName("subtitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)

    def show_new(self) -> None:
        self._title.setText(self.tr("New customer"))
        self._subtitle.setText(self.tr("Not saved yet"))

    def show_customer(self, customer: CustomerRow, time_zone: str) -> None:
        self._title.setText(customer.full_name)
        created = customer.created_at.astimezone(ZoneInfo(time_zone))
        since = QLocale().toString(QDate(created.year, created.month, created.day), date_format())
        notes = [self.tr("Customer since {date}").format(date=since)]
        if customer.email_bounced:
            notes.append(self.tr("emails to this address bounced"))
        if customer.phone_bounced:
            notes.append(self.tr("SMS to this number failed"))
        self._subtitle.setText(" · ".join(notes))
