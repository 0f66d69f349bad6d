"""Erasing a customer on request (Art. 17 GDPR, DESIGN.md 2.4).

``EraseDialog`` says in plain words what erasing does, asks which staff member does it
and wants the customer's last name typed before the button comes alive: erasing cannot
be undone, so a stray Enter must not do it. The dialog runs the erasure itself and
stays open (and cannot be cancelled) while it is on the way, so an error can be shown
where the user is looking. Cancel or Escape erases nothing.

The gateway is not passed (None): with the service as it is, that marks nothing as
pending for the gateway (see the report of issue 4).

Imports PySide6, desk_app.services, desk_app.domain and desk_app.ui only.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.privacy import ErasureRow
from desk_app.services.rows import CustomerRow, StaffRow
from desk_app.ui.context import UiContext
from desk_app.ui.customers.consent_dialog import LAST_STAFF_KEY
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets.operation import GuardedDialog, Operation


class EraseDialog(GuardedDialog):
    """Confirm and run the erasure of one customer.

    Signals:
        erased(object): the customer was erased (the ErasureRow).
    """

    erased = Signal(object)

    def __init__(
        self, ctx: UiContext, customer: CustomerRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._customer = customer
        # A running erasure must finish with the dialog open: its outcome is shown here.
        self._erasure = self.guard(
            Operation(
                self,
                ctx.db_tasks,
                failed=self._on_erase_failed,
                time_zone=ctx.time_zone,
                exclusive=True,
                busy_changed=self._on_erasure_busy_changed,
            )
        )
        self.setObjectName("erase_dialog")
        self.setWindowTitle(self.tr("Erase customer"))

        heading = QLabel(self.tr("Erase all data of {name}?").format(name=customer.full_name))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        explanation = QLabel(
            self.tr(
                "<p>The customer asked for their data to be erased. This cannot be undone."
                "</p><ul>"
                "<li>Deleted: the profile (name, phone, email, address, birthday, notes), "
                "all appointments and the texts of all messages.</li>"
                "<li>Kept: the proof of consent and its withdrawal – the law requires the "
                "salon to be able to show it.</li>"
                "<li>The email address and phone number are blocked: they cannot be "
                "entered again, not even for a new customer.</li>"
                "</ul>"
            )
        )
        explanation.setObjectName("explanation")
        explanation.setWordWrap(True)

        self._staff = QComboBox()
        self._staff.setObjectName("staff")
        self._staff.addItem(self.tr("– choose –"), None)
        self._staff.currentIndexChanged.connect(self._on_staff_current_index_changed)
        self._last_name = QLineEdit()
        self._last_name.setObjectName("confirm_last_name")
        self._last_name.textChanged.connect(self._on_last_name_text_changed)
        # A signed-in member erases as themselves (the service refuses another name).
        member = ctx.signed_in.actor
        self._signed_in = member.name if member.is_member else None
        self._member = QLabel(self._signed_in or "")
        self._member.setObjectName("signed_in_staff")
        self._member.setTextFormat(Qt.TextFormat.PlainText)
        self._member.setVisible(member.is_member)
        self._staff.setVisible(not member.is_member)
        who = QHBoxLayout()
        who.setContentsMargins(0, 0, 0, 0)
        who.addWidget(self._staff)
        who.addWidget(self._member, 1)
        form = QFormLayout()
        form.addRow(self.tr("Erased by:"), who)
        form.addRow(
            self.tr("Type the last name “{name}” to confirm:").format(name=customer.last_name),
            self._last_name,
        )

        self._error = QLabel()
        self._error.setObjectName("error")
        self._error.setWordWrap(True)
        set_tone(self._error, Tone.ERROR)
        self._error.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self._erase = QPushButton(self.tr("Erase for good"))
        self._erase.setObjectName("erase")
        # Not the default button: Enter in the name field must not erase.
        self._erase.setAutoDefault(False)
        buttons.addButton(self._erase, QDialogButtonBox.ButtonRole.DestructiveRole)
        self._erase.clicked.connect(self._on_erase_clicked)
        buttons.rejected.connect(self.reject)
        self._buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self._error)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self._update_state()
        ctx.db_tasks.submit(self, ctx.services.catalogue.list_staff, self._on_staff_loaded)

    # ---- public -------------------------------------------------------------------------
    def erase_button(self) -> QPushButton:
        return self._erase

    def staff(self) -> str | None:
        if self._signed_in is not None:
            return self._signed_in
        value = self._staff.currentData()
        return str(value) if value else None

    def set_staff(self, name: str) -> None:
        self._staff.setCurrentIndex(max(0, self._staff.findData(name)))

    def matches(self) -> bool:
        """The typed name is the customer's last name (case and spaces aside)."""
        typed = self._last_name.text().strip().casefold()
        return bool(typed) and typed == self._customer.last_name.strip().casefold()

    # ---- state --------------------------------------------------------------------------
    def _update_state(self) -> None:
        busy = self.is_busy()
        ready = self.matches() and self.staff() is not None and not busy
        self._erase.setEnabled(ready)
        self._staff.setEnabled(not busy)
        self._last_name.setEnabled(not busy)
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not busy)

    def _on_erasure_busy_changed(self, _busy: bool) -> None:
        self._update_state()

    def _on_staff_loaded(self, staff: list[StaffRow]) -> None:
        last = self._ctx.preferences.value(LAST_STAFF_KEY, "", type=str)
        with QSignalBlocker(self._staff):
            for member in staff:
                self._staff.addItem(member.name, member.name)
            found = self._staff.findData(last) if last else -1
            if found > 0:
                self._staff.setCurrentIndex(found)
        self._update_state()

    def _on_staff_current_index_changed(self, _index: int) -> None:
        self._update_state()

    def _on_last_name_text_changed(self, _text: str) -> None:
        self._update_state()

    # ---- erasing ------------------------------------------------------------------------
    def _on_erase_clicked(self) -> None:
        staff = self.staff()
        if not self.matches() or staff is None or self.is_busy():
            return
        self._error.hide()
        privacy, customer_id = self._ctx.services.privacy, self._customer.id
        actor = self._ctx.signed_in.actor
        self._erasure.run(
            lambda: privacy.erase(customer_id, None, staff, actor=actor), self._on_erase_done
        )

    def _on_erase_done(self, row: ErasureRow) -> None:
        if self._signed_in is None:  # the list's choice: who usually sits at this counter
            self._ctx.preferences.setValue(LAST_STAFF_KEY, row.staff)
        self.erased.emit(row)
        self.accept()

    def _on_erase_failed(self, text: str) -> None:
        self._error.setText(text)
        self._error.show()
