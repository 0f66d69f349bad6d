"""Who does the appointment: one of the stylists, or "whoever is free" chosen on purpose.

Nothing is chosen until someone chooses (the dialog opens with a staff member only when
the receptionist picked a column, an appointment or a week). "Whoever is free" is the
last entry, so a stylist's initial still picks the stylist; the slot check then finds
who is free (``free``) and the booking goes to that person.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QWidget

from desk_app.services.rows import StaffRow

ANY_FREE = -1  # the item data of "whoever is free"


class StaffChoice(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff")
        self.setPlaceholderText(self.tr("Choose a staff member"))
        self.free: int | None = None  # found free by the last slot check (any free)

    def fill(self, staff: list[StaffRow], wanted: int | None) -> None:
        with QSignalBlocker(self):
            for member in staff:
                self.addItem(member.name, member.id)
            if staff:
                self.addItem(self.tr("Whoever is free"), ANY_FREE)
            self.setCurrentIndex(self.findData(wanted) if wanted is not None else -1)

    def any_free(self) -> bool:
        return bool(self.currentData() == ANY_FREE)

    def candidates(self) -> list[int]:
        """The staff members in the list's order (who is tried first for any free)."""
        ids = (self.itemData(i) for i in range(self.count()))
        return [int(i) for i in ids if i != ANY_FREE]

    def staff_id(self) -> int | None:
        """The one to book: the chosen member, or whoever the check found free."""
        data = self.currentData()
        if data is None:
            return None
        return self.free if data == ANY_FREE else int(data)

    def name_of(self, staff_id: int) -> str:
        return self.itemText(self.findData(staff_id))
