"""The "Staff" tab: the team, added and (de)activated at once.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import StaffRole
from desk_app.services.rows import StaffRow
from desk_app.services.salon_setup import SalonSetupService, StaffDeactivation
from desk_app.texts import error_text
from desk_app.texts.access_words import role_name
from desk_app.ui.context import UiContext
from desk_app.ui.settings.form import MessageLabel, hint, online_item
from desk_app.ui.tasks import weakly

ONLINE_COLUMN = 3


class StaffTab(QWidget):
    """Staff list; adding and (de)activating are saved at once.

    Signals:
        changed(): a staff member was added, deactivated or activated again.
    """

    changed = Signal()

    def __init__(
        self, ctx: UiContext, setup: SalonSetupService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._setup = setup
        self._rows: list[StaffRow] = []
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        self.table.setObjectName("staffTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Status"), self.tr("Bookable online")]
        )
        online_header = self.table.horizontalHeaderItem(ONLINE_COLUMN)
        assert online_header is not None  # set by setHorizontalHeaderLabels
        online_header.setToolTip(
            self.tr("Customers can choose this staff member on the booking page")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.toggle = QPushButton(self.tr("&Deactivate"))
        self.toggle.setObjectName("staffToggle")
        self.toggle.setEnabled(False)
        self.name = QLineEdit()
        self.name.setObjectName("staffName")
        self.name.setPlaceholderText(self.tr("Name"))
        self.name.setMaxLength(80)
        self.role = QComboBox()
        self.role.setObjectName("staffRole")
        for role in (StaffRole.STYLIST, StaffRole.RECEPTION, StaffRole.MANAGER, StaffRole.OWNER):
            self.role.addItem(role_name(role), role.value)
        self.add = QPushButton(self.tr("&Add"))
        self.add.setObjectName("staffAdd")
        self.message = MessageLabel("staffMessage")

        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("New staff member:")))
        add_row.addWidget(self.name, 1)
        add_row.addWidget(self.role)
        add_row.addWidget(self.add)
        buttons = QHBoxLayout()
        buttons.addWidget(hint(self.tr("Changes on this page are saved at once.")), 1)
        buttons.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(add_row)
        layout.addWidget(self.message)

        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.toggle.clicked.connect(self._on_toggle_clicked)
        self.add.clicked.connect(self._on_add_clicked)
        self.name.returnPressed.connect(self._on_add_clicked)

    def load(self, rows: list[StaffRow]) -> None:
        self._rows = sorted(rows, key=lambda r: (not r.active, r.name.casefold()))
        blocked = self.table.blockSignals(True)  # filling in is not the owner ticking
        self.table.setRowCount(len(self._rows))
        for number, row in enumerate(self._rows):
            status = self.tr("Active") if row.active else self.tr("Deactivated")
            for column, text in enumerate((row.name, role_name(row.role), status)):
                item = QTableWidgetItem(text)
                if not row.active:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(number, column, item)
            self.table.setItem(number, ONLINE_COLUMN, online_item(row.online))
        self.table.blockSignals(blocked)
        self._on_table_item_selection_changed()

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        """The owner ticked "bookable online": saved at once."""
        if item.column() != ONLINE_COLUMN or not 0 <= item.row() < len(self._rows):
            return
        row = self._rows[item.row()]
        online = item.checkState() == Qt.CheckState.Checked
        if online == row.online:
            return
        catalogue = self._ctx.services.catalogue
        self._ctx.db_tasks.submit(
            self,
            lambda: (
                catalogue.set_staff_online(row.id, online),
                catalogue.list_staff(include_inactive=True),
            ),
            weakly(self._on_online_set),
            weakly(self._on_failed),
        )

    def _on_online_set(self, result: tuple[StaffRow, list[StaffRow]]) -> None:
        changed, rows = result
        self.load(rows)
        if changed.online:
            text = self.tr("{name} can be chosen on the booking page.")
        else:
            text = self.tr("{name} can no longer be chosen on the booking page.")
        self.message.show_info(text.format(name=changed.name))
        self.changed.emit()

    def selected(self) -> StaffRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _on_table_item_selection_changed(self) -> None:
        row = self.selected()
        self.toggle.setEnabled(row is not None)
        if row is not None and not row.active:
            self.toggle.setText(self.tr("&Activate again"))
        else:
            self.toggle.setText(self.tr("&Deactivate"))

    def _on_add_clicked(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.message.show_error(self.tr("Please enter the new staff member's name."))
            self.name.setFocus()
            return
        role = StaffRole(self.role.currentData())
        catalogue, actor = self._ctx.services.catalogue, self._ctx.signed_in.actor
        self.add.setEnabled(False)
        self._ctx.db_tasks.submit(
            self,
            lambda: (
                catalogue.add_staff(name, role, actor=actor),
                catalogue.list_staff(include_inactive=True),
            ),
            weakly(self._on_added),
            weakly(self._on_failed),
        )

    def _on_added(self, result: tuple[StaffRow, list[StaffRow]]) -> None:
        added, rows = result
        self.add.setEnabled(True)
        self.name.clear()
        self.load(rows)
        self.message.show_info(self.tr("{name} was added.").format(name=added.name))
        self.changed.emit()

    def _on_toggle_clicked(self) -> None:
        row = self.selected()
        if row is None:
            return
        setup, catalogue = self._setup, self._ctx.services.catalogue
        actor = self._ctx.signed_in.actor
        self.toggle.setEnabled(False)
        self._ctx.db_tasks.submit(
            self,
            lambda: (
                setup.set_staff_active(row.id, not row.active, actor=actor),
                catalogue.list_staff(include_inactive=True),
            ),
            weakly(self._on_toggled),
            weakly(self._on_failed),
        )

    def _on_toggled(self, result: tuple[StaffDeactivation, list[StaffRow]]) -> None:
        change, rows = result
        self.load(rows)
        name = change.staff.name
        if change.staff.active:
            self.message.show_info(self.tr("{name} can be booked again.").format(name=name))
        elif change.upcoming_appointments:
            self.message.show_error(
                self.tr(
                    "{name} can no longer be booked but still has %n upcoming appointment(s): "
                    "move or cancel them in the calendar.",
                    "",
                    change.upcoming_appointments,
                ).format(name=name)
            )
        else:
            self.message.show_info(self.tr("{name} can no longer be booked.").format(name=name))
        self.changed.emit()

    def _on_failed(self, error: BaseException) -> None:
        self.add.setEnabled(True)
        self.load(self._rows)  # a tick that was not saved goes back
        self.message.show_error(error_text.describe(error, self._ctx.time_zone))
