"""Everything one online request says, beside the list: who, what, when, the note, the
advertising boxes the customer ticked, and why it waits.

May import: PySide6, desk_app.domain, desk_app.services (rows), desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from desk_app.domain.enums import Channel
from desk_app.services.rows import OnlineRequestRow
from desk_app.texts import error_text
from desk_app.texts.channel_words import channel_name
from desk_app.texts.online_words import request_kind_text
from desk_app.ui.online.requests_model import customer_name, state_with_reason, wished_text


class RequestDetails(QWidget):
    """The details of the selected request (``show_request(None)``: nothing selected)."""

    def __init__(self, time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestDetails")
        self._time_zone = time_zone
        self._values: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, label in (
            ("customer", self.tr("Customer:")),
            ("email", self.tr("Email:")),
            ("phone", self.tr("Mobile:")),
            ("service", self.tr("Service:")),
            ("staff", self.tr("Staff:")),
            ("wished", self.tr("Wished time:")),
            ("note", self.tr("Note:")),
            ("advertising", self.tr("Advertising:")),
            ("received", self.tr("Received:")),
            ("state", self.tr("State:")),
        ):
            value = QLabel()
            value.setObjectName(f"detail_{key}")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._values[key] = value
            form.addRow(label, value)
        self.show_request(None)

    def text(self, key: str) -> str:
        return self._values[key].text()

    def show_request(self, row: OnlineRequestRow | None) -> None:
        if row is None:
            for value in self._values.values():
                value.clear()
            self._values["customer"].setText(self.tr("Choose a request in the list."))
            return
        none = self.tr("—")
        values = {
            "customer": customer_name(row),
            "email": row.email or none,
            "phone": row.phone or none,
            "service": row.treatment_name,
            "staff": row.staff_name or self.tr("anyone"),
            "wished": self.tr("{when} ({kind})").format(
                when=wished_text(row, self._time_zone), kind=request_kind_text(row.kind)
            ),
            "note": row.note or none,
            "advertising": self._advertising(row.consent_channels),
            "received": error_text.format_moment(row.received_at, self._time_zone),
            "state": state_with_reason(row),
        }
        for key, text in values.items():
            self._values[key].setText(text)

    def _advertising(self, channels: tuple[str, ...]) -> str:
        names = [channel_name(Channel(c)) for c in channels if c in set(Channel)]
        if not names:
            return self.tr("no box ticked: no advertising consent")
        return self.tr(
            "ticked for {channels}: the confirmation carries the link to confirm it"
        ).format(channels=", ".join(names))
