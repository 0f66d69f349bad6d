"""Who made this online request? Shown when more than one customer has the request's email
address or phone number: staff choose one of them, or a new customer from the request's
details. Nothing is guessed.

Signals:
    chosen(object): the customer id, or None for a new customer from the request.

May import: PySide6, desk_app.services (rows), desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.rows import CustomerRow, OnlineRequestRow
from desk_app.ui.online.requests_model import contact_text, customer_name

NEW_CUSTOMER = -1  # the list entry "new customer"


class CandidateDialog(QDialog):
    chosen = Signal(object)

    def __init__(
        self,
        request: OnlineRequestRow,
        candidates: Sequence[CustomerRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("candidateDialog")
        self.setWindowTitle(self.tr("Who is it?"))
        intro = QLabel(
            self.tr(
                "The request came from {name} ({contact}). More than one customer has this "
                "email address or phone number. Book it for:"
            ).format(name=customer_name(request), contact=contact_text(request))
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)  # the name comes from a web form
        self.list = QListWidget()
        self.list.setObjectName("candidateList")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        for customer in candidates:
            contact = " · ".join(v for v in (customer.email, customer.phone) if v)
            # Two lines: the name to recognise, the addresses to tell them apart.
            item = QListWidgetItem(
                self.tr("{name} (customer no. {number})\n{contact}").format(
                    name=customer.full_name, contact=contact, number=customer.id
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, customer.id)
            self.list.addItem(item)
        new = QListWidgetItem(self.tr("A new customer with the request's details"))
        new.setData(Qt.ItemDataRole.UserRole, NEW_CUSTOMER)
        self.list.addItem(new)
        self.list.setCurrentRow(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Book"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 300)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(self._on_list_item_activated)

    def choose(self, customer_id: int | None) -> None:
        """Select the entry of ``customer_id`` (None: the new customer)."""
        wanted = NEW_CUSTOMER if customer_id is None else customer_id
        for number in range(self.list.count()):
            if self.list.item(number).data(Qt.ItemDataRole.UserRole) == wanted:
                self.list.setCurrentRow(number)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        value = int(item.data(Qt.ItemDataRole.UserRole))
        super().accept()
        self.chosen.emit(None if value == NEW_CUSTOMER else value)

    def _on_list_item_activated(self, _item: QListWidgetItem) -> None:
        self.accept()
