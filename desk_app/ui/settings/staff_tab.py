"""The "Staff" tab: the team, added and (de)activated at once; the owner sets a member's
PIN and role here (issue 12), through ``StaffAccessService`` as the member signed in.

What the signed-in member may not do to the selected member (a manager and an owner:
``may_assign``) is greyed out with the reason; the service refuses it too, and keeps the
last owner (its ``LastOwner`` error is shown in words).

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QStandardItemModel
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

from desk_app.domain.access import Actor, may_assign
from desk_app.domain.enums import Permission, StaffRole
from desk_app.domain.errors import NotPermitted
from desk_app.services.rows import StaffRow
from desk_app.services.salon_setup import SalonSetupService, StaffDeactivation
from desk_app.texts import error_text
from desk_app.texts.access_words import refusal_text, role_name
from desk_app.ui.context import UiContext
from desk_app.ui.settings.form import MessageLabel, hint, online_item
from desk_app.ui.settings.pin_dialog import PinDialog
from desk_app.ui.tasks import weakly

ONLINE_COLUMN, PIN_COLUMN = 3, 4
ROLES = (StaffRole.STYLIST, StaffRole.RECEPTION, StaffRole.MANAGER, StaffRole.OWNER)


class StaffTab(QWidget):
    """Staff list; adding and (de)activating are saved at once.

    Signals:
        changed(): a staff member was added, deactivated or activated again, got a new
            PIN or another role.
    """

    changed = Signal()

    def __init__(
        self, ctx: UiContext, setup: SalonSetupService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._setup = setup
        self._rows: list[StaffRow] = []
        self._with_pin: frozenset[int] = frozenset()  # members who have a PIN
        self.table = QTableWidget(0, 5)
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        self.table.setObjectName("staffTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Status"),
                self.tr("Bookable online"),
                self.tr("PIN"),
            ]
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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a few rows
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.toggle = QPushButton(self.tr("&Deactivate"))
        self.toggle.setObjectName("staffToggle")
        self.toggle.setEnabled(False)
        self.pin = QPushButton(self.tr("Set &PIN…"))
        self.pin.setObjectName("staffPin")
        self.new_role = QComboBox()
        self.new_role.setObjectName("staffNewRole")
        for role in ROLES:
            self.new_role.addItem(role_name(role), role.value)
        self.give_role = QPushButton(self.tr("Give &role"))
        self.give_role.setObjectName("staffGiveRole")
        self._pin_dialog: PinDialog | None = None
        self.name = QLineEdit()
        self.name.setObjectName("staffName")
        self.name.setPlaceholderText(self.tr("Name"))
        self.name.setMaxLength(80)
        self.role = QComboBox()
        self.role.setObjectName("staffRole")
        for role in ROLES:
            self.role.addItem(role_name(role), role.value)
        self.add = QPushButton(self.tr("&Add"))
        self.add.setObjectName("staffAdd")
        self.message = MessageLabel("staffMessage")
        # Why the selected member is out of reach (a dialog has no status bar for the tip).
        self.refused = hint("")
        self.refused.setObjectName("staffRefused")
        self.refused.hide()

        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("New staff member:")))
        add_row.addWidget(self.name, 1)
        add_row.addWidget(self.role)
        add_row.addWidget(self.add)
        buttons = QHBoxLayout()
        buttons.addWidget(hint(self.tr("Changes on this page are saved at once.")), 1)
        buttons.addWidget(self.pin)
        buttons.addWidget(self.new_role)
        buttons.addWidget(self.give_role)
        buttons.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.refused)
        layout.addLayout(add_row)
        layout.addWidget(self.message)

        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.toggle.clicked.connect(self._on_toggle_clicked)
        self.pin.clicked.connect(self._on_pin_clicked)
        self.give_role.clicked.connect(self._on_give_role_clicked)
        self.new_role.currentIndexChanged.connect(self._on_new_role_current_index_changed)
        ctx.signed_in.changed.connect(self._on_signed_in_changed)
        self._update_member_controls()
        self.add.clicked.connect(self._on_add_clicked)
        self.name.returnPressed.connect(self._on_add_clicked)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The greyed rows keep the placeholder colour they were given: after a switch of
        # the colour scheme they are filled in again with the other one.
        if event.type() == QEvent.Type.PaletteChange and self._rows:
            self.load(self._rows)

    def load(self, rows: list[StaffRow], with_pin: frozenset[int] | None = None) -> None:
        """The team; ``with_pin``: who has a PIN (None: as last loaded)."""
        if with_pin is not None:
            self._with_pin = with_pin
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
            has_pin = row.id in self._with_pin
            pin = QTableWidgetItem(self.tr("Set") if has_pin else self.tr("None"))
            if not has_pin:
                pin.setForeground(self.palette().placeholderText())
            self.table.setItem(number, PIN_COLUMN, pin)
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
        if row is not None and not row.active:
            self.toggle.setText(self.tr("&Activate again"))
        else:
            self.toggle.setText(self.tr("&Deactivate"))
        self._update_member_controls()

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

    # ---- PIN and role (issue 12) ----------------------------------------------------------
    def _refusal(self, actor: Actor, old: StaffRole, new: StaffRole) -> str:
        """Why ``actor`` may not change a member from role ``old`` to ``new`` ('' if they may)."""
        if may_assign(actor.role, old, new):
            return ""
        return refusal_text(NotPermitted(Permission.MANAGE_STAFF, actor.role))

    def _update_member_controls(self) -> None:
        """The PIN and role controls for the selected member, by the signed-in member's
        rights over them; the roles they may not give are greyed in the list."""
        row, actor = self.selected(), self._ctx.signed_in.actor
        model = self.new_role.model()
        assert isinstance(model, QStandardItemModel)  # a QComboBox's own model
        for index, role in enumerate(ROLES):
            refused = "" if row is None else self._refusal(actor, row.role, role)
            item = model.item(index)
            item.setEnabled(not refused)
            item.setToolTip(refused)
        if row is not None:
            blocked = self.new_role.blockSignals(True)  # showing is not choosing
            self.new_role.setCurrentIndex(ROLES.index(row.role))
            self.new_role.blockSignals(blocked)
        reason = "" if row is None else self._refusal(actor, row.role, row.role)
        for widget, tip in (
            (self.pin, self.tr("Set or reset the PIN of the selected member")),
            (self.new_role, self.tr("The role of the selected member")),
        ):
            widget.setEnabled(row is not None and not reason and row.active)
            widget.setToolTip(reason or tip)
            widget.setStatusTip(reason)
        self.toggle.setEnabled(row is not None and not reason)  # (de)activating too
        self.toggle.setToolTip(reason)
        self.refused.setText(reason)
        self.refused.setVisible(bool(reason))
        self._on_new_role_current_index_changed()

    def _chosen_role(self) -> StaffRole:
        return StaffRole(self.new_role.currentData())

    def _on_new_role_current_index_changed(self, _index: int = 0) -> None:
        row = self.selected()
        self.give_role.setEnabled(
            self.new_role.isEnabled() and row is not None and self._chosen_role() != row.role
        )

    def _on_signed_in_changed(self, _actor: Actor) -> None:
        self._update_member_controls()

    def _on_pin_clicked(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = PinDialog(row.name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._set_pin(row, dialog.take_pin()))
        self._pin_dialog = dialog
        dialog.finished.connect(self._on_pin_dialog_finished)
        dialog.open()

    def pin_dialog(self) -> PinDialog | None:
        """The open PIN dialog (for tests)."""
        return self._pin_dialog

    def _on_pin_dialog_finished(self, _result: int) -> None:
        self._pin_dialog = None

    def _set_pin(self, row: StaffRow, pin: str) -> None:
        # Hashed on the database worker: a slow hash on purpose, never on this thread.
        staff, actor = self._ctx.services.staff_access, self._ctx.signed_in.actor

        def work() -> frozenset[int]:
            staff.set_pin(actor, row.id, pin)
            return staff.with_pin()

        self.pin.setEnabled(False)
        self._ctx.db_tasks.submit(
            self,
            work,
            weakly(self._on_pin_set, row),
            weakly(self._on_failed),
        )

    def _on_pin_set(self, row: StaffRow, with_pin: frozenset[int]) -> None:
        self.load(self._rows, with_pin)
        self.message.show_info(self.tr("{name} has a new PIN.").format(name=row.name))
        self.changed.emit()

    def _on_give_role_clicked(self) -> None:
        row = self.selected()
        if row is None:
            return
        role = self._chosen_role()
        staff, catalogue = self._ctx.services.staff_access, self._ctx.services.catalogue
        actor = self._ctx.signed_in.actor
        self.give_role.setEnabled(False)
        self._ctx.db_tasks.submit(
            self,
            lambda: (
                staff.set_role(actor, row.id, role),
                catalogue.list_staff(include_inactive=True),
            ),
            weakly(self._on_role_given),
            weakly(self._on_failed),
        )

    def _on_role_given(self, result: tuple[StaffRow, list[StaffRow]]) -> None:
        changed, rows = result
        self.load(rows)
        self.message.show_info(
            self.tr("{name} is now: {role}.").format(
                name=changed.name, role=role_name(changed.role)
            )
        )
        self.changed.emit()
