"""Asked before a late cancellation: the appointment is cancelled inside the salon's
cutoff, which counts for the customer — unless the receptionist unticks it (the salon
waives it: an illness, a first time). An ordinary cancellation needs no question (it
can be undone).

May import: PySide6, desk_app.services, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desk_app.services.rows import AppointmentRow
from desk_app.ui.settings.form import hint


class LateCancelDialog(QDialog):
    """``accepted`` means cancel; ``counts()`` then says whether it counts as late."""

    def __init__(
        self, row: AppointmentRow, when: str, cutoff_hours: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lateCancelDialog")
        self.setWindowTitle(self.tr("Cancel appointment"))
        question = QLabel(
            self.tr("Cancel the appointment of {customer} ({when})?").format(
                customer=row.customer_name, when=when
            )
        )
        question.setWordWrap(True)
        self.late = QCheckBox(self.tr("&Late cancellation — counts for the customer"))
        self.late.setObjectName("lateCancellation")
        self.late.setChecked(True)
        why = hint(
            self.tr(
                "It starts in less than %n hour(s). Untick it if the salon waives it.",
                "",
                cutoff_hours,
            )
        )
        buttons = QDialogButtonBox()
        self.confirm = buttons.addButton(
            self.tr("&Cancel appointment"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.confirm.setObjectName("confirmCancel")
        buttons.addButton(self.tr("&Keep it"), QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.late)
        layout.addWidget(why)
        layout.addWidget(buttons)
        # Delete, then Enter: the cancellation the receptionist asked for; Escape keeps it.
        # Set once the button is the dialog's: before, the dialog never learnt its main
        # default, and "Keep it", once Tab passed it, stayed the default: Enter kept the
        # appointment.
        self.confirm.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def counts(self) -> bool:
        return self.late.isChecked()
