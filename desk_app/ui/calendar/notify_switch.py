"""The booking's "send confirmation and reminder" switch and its hint for customers who
objected to messages.

Untouched, the switch follows the customer (off once an objection is known) and the
booking leaves the decision to the service (``value()`` is None); a deliberate click
counts as the receptionist's choice and outlives an objection that arrives later.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSignalBlocker, Signal
from PySide6.QtWidgets import QCheckBox, QLabel

from desk_app.services.rows import CustomerRow
from desk_app.ui.context import UiContext
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets.operation import Operation


class NotifySwitch(QObject):
    """The check box and the hint below it; the dialog places both.

    Signals:
        failed(str): the customer's consent could not be read; the text is for the user.
    """

    failed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._objected: bool | None = None  # None: not known (yet)
        self._touched = False
        self._objections = Operation(
            self, ctx.db_tasks, failed=self.failed.emit, time_zone=ctx.time_zone
        )
        self.box = QCheckBox(self.tr("Send confirmation and reminder"))
        self.box.setObjectName("notify")
        self.box.setChecked(True)
        self.hint = QLabel()
        self.hint.setObjectName("notify_hint")
        self.hint.setWordWrap(True)
        set_tone(self.hint, Tone.WARNING_BOX)
        self.hint.hide()
        self.box.toggled.connect(self._on_box_toggled)

    def value(self) -> bool | None:
        """The receptionist's choice; None while untouched (the service decides)."""
        return self.box.isChecked() if self._touched else None

    def follow(self, customer: CustomerRow | None) -> None:
        """Start over for another customer (None: none picked)."""
        self._objected = None
        self._touched = False
        with QSignalBlocker(self.box):
            self.box.setChecked(True)
        self.hint.hide()
        if customer is None:
            self._objections.drop()
            return
        consent, customer_id = self._ctx.services.consent, customer.id
        self._objections.run(
            lambda: consent.status(customer_id).status.objected, self._on_objection_loaded
        )

    def _on_objection_loaded(self, objected: bool) -> None:
        self._objected = objected
        if not self._touched:
            with QSignalBlocker(self.box):
                self.box.setChecked(not objected)
        self._update_hint()

    def _on_box_toggled(self, _checked: bool) -> None:
        self._touched = True
        self._update_hint()

    def _update_hint(self) -> None:
        if not self._objected:
            self.hint.hide()
            return
        if self.box.isChecked():
            text = self.tr(
                "This customer unsubscribed from messages. A confirmation and reminder will "
                "be sent for this appointment because you switched it on."
            )
        else:
            text = self.tr(
                "This customer unsubscribed from messages, so no confirmation or reminder is "
                "sent. Switch it on only if the customer asks for it now."
            )
        self.hint.setText(text)
        self.hint.show()
