"""The owner's settings: salon, opening hours, staff, services and the gateway.

Salon, opening hours and gateway are a form saved together with "Save" (one
transaction). Staff and services are lists that change at once when their buttons are
pressed. The gateway token is write-only: it is never shown or read back and goes to the
password store through the injected ``store_token`` (the ui may not import keyring).
The app's language is a per-computer preference (QSettings ``ui/language``).

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import StaffRole
from desk_app.domain.errors import InvalidField, KeyringUnavailable
from desk_app.domain.fields import PHONE_TYPED_MAX
from desk_app.domain.salon_settings import SENDER_PATTERN, normalise_setting
from desk_app.services.catalogue import parse_price_cents
from desk_app.services.container import utc_now
from desk_app.services.rows import ServiceRow, StaffRow
from desk_app.services.salon_setup import (
    SalonProfileRow,
    SalonSettingsInput,
    SalonSetupService,
    StaffDeactivation,
    normalise_gateway_url,
    time_zones,
)
from desk_app.texts import error_text
from desk_app.ui import preferences
from desk_app.ui.context import UiContext
from desk_app.ui.tasks import weakly

_ERROR_STYLE = "color: #b3261e;"
_HINT_STYLE = "color: palette(placeholder-text);"
_DEFAULT_DAY: tuple[time, time] = (time(9, 0), time(18, 0))
_DEFAULT_BREAK: tuple[tuple[time, time], tuple[time, time]] = (
    (time(9, 0), time(13, 0)),
    (time(14, 0), time(18, 0)),
)

StoreToken = Callable[[str, str], None]  # (gateway_url, token); may raise KeyringUnavailable


@dataclass(frozen=True)
class _Loaded:
    profile: SalonProfileRow
    zones: list[str]
    week: dict[int, list[tuple[time, time]]]
    staff: list[StaffRow]
    services: list[ServiceRow]
    categories: list[str]


class MessageLabel(QLabel):
    """An inline message under a field or at the foot of a tab; hidden while empty."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setStyleSheet(_ERROR_STYLE)
        self.setText(text)
        self.setVisible(bool(text))

    def show_info(self, text: str) -> None:
        self.setStyleSheet("")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.clear()
        self.hide()


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(_HINT_STYLE)
    return label


def _add_row(form: QFormLayout, text: str, widget: QWidget, *below: QWidget) -> None:
    """A form row: the field with its messages and hints right under it (hidden ones take
    no room); the label's shortcut goes to the field itself, not the box around it."""
    label = QLabel(text)
    label.setBuddy(widget)
    form.addRow(label, _field(widget, *below))


def _field(widget: QWidget, *below: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    layout.addWidget(widget)
    for extra in below:
        layout.addWidget(extra)
    return box


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time_edit(object_name: str) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setObjectName(object_name)
    edit.setDisplayFormat("HH:mm")
    return edit


def _price_text(cents: int) -> str:
    # No group separators: "1.234,50" would be read back wrongly.
    euros, rest = divmod(cents, 100)
    return f"{euros}{QLocale().decimalPoint()}{rest:02d}"


# ---- Salon ------------------------------------------------------------------------------
class SalonTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setObjectName("salonName")
        self.name.setMaxLength(120)
        self.name_error = MessageLabel("salonNameError")
        self.sender_name = QLineEdit()
        self.sender_name.setObjectName("senderName")
        self.sender_name.setMaxLength(11)
        self.sender_name.setPlaceholderText(self.tr("e.g. HaarWerk"))
        self.sender_error = MessageLabel("senderNameError")
        self.phone = QLineEdit()
        self.phone.setObjectName("salonPhone")
        self.phone.setMaxLength(PHONE_TYPED_MAX)
        self.phone.setPlaceholderText(self.tr("e.g. 0221 1234567"))
        self.phone_error = MessageLabel("salonPhoneError")
        self.zone = QComboBox()
        self.zone.setObjectName("timeZone")
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone_error = MessageLabel("timeZoneError")
        self.language = QComboBox()
        self.language.setObjectName("appLanguage")
        self.language.addItem(self.tr("Same as this computer"), "")
        # Language names in their own language: whoever needs to switch can read them.
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        _add_row(form, self.tr("Salon &name:"), self.name, self.name_error)
        sender_hint = _hint(
            self.tr(
                "Shown as the sender of text messages: up to 11 letters (no umlauts), "
                "digits or spaces. Leave empty to use the gateway's default."
            )
        )
        _add_row(form, self.tr("&Sender name:"), self.sender_name, self.sender_error, sender_hint)
        phone_hint = _hint(
            self.tr(
                "For the placeholder {{ salon_phone }} in campaigns; a campaign that uses "
                "it cannot be sent while it is empty."
            )
        )
        _add_row(form, self.tr("Salon &phone:"), self.phone, self.phone_error, phone_hint)
        _add_row(form, self.tr("&Time zone:"), self.zone, self.zone_error)
        restart_hint = _hint(
            self.tr("A new language or time zone applies after Salon Desk is restarted.")
        )
        _add_row(form, self.tr("&Language of the app:"), self.language, restart_hint)

    def load(self, profile: SalonProfileRow, zones: list[str], language: str) -> None:
        self.name.setText(profile.salon_name)
        self.sender_name.setText(profile.sender_name)
        self.phone.setText(profile.salon_phone)
        self.zone.clear()
        self.zone.addItems(zones)
        completer = QCompleter(zones, self.zone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.setCompleter(completer)
        self.zone.setCurrentText(profile.time_zone)
        index = self.language.findData(language)
        self.language.setCurrentIndex(max(index, 0))

    def validate(self) -> QWidget | None:
        """Show what is wrong next to the field; the first wrong field, or None."""
        for label in (self.name_error, self.sender_error, self.phone_error, self.zone_error):
            label.clear_message()
        first: QWidget | None = None
        if not self.name.text().strip():
            self.name_error.show_error(self.tr("Please enter the salon's name."))
            first = first or self.name
        else:
            first = first or self._checked("salon_name", self.name, self.name_error)
        sender = self.sender_name.text().strip()
        if sender and not SENDER_PATTERN.fullmatch(sender):
            self.sender_error.show_error(
                self.tr("Use at most 11 letters A–Z (no umlauts), digits or spaces.")
            )
            first = first or self.sender_name
        first = first or self._checked("salon_phone", self.phone, self.phone_error)
        if self.zone.findText(self.zone.currentText()) < 0:
            self.zone_error.show_error(self.tr("Choose a time zone from the list."))
            first = first or self.zone
        return first

    @staticmethod
    def _checked(key: str, edit: QLineEdit, error: MessageLabel) -> QWidget | None:
        """The settings store's own check (the one ``desk-app settings set`` uses)."""
        try:
            normalise_setting(key, edit.text())
        except InvalidField as exc:
            error.show_error(error_text.describe(exc))
            return edit
        return None

    def show_field_error(self, error: InvalidField) -> QWidget | None:
        """A refusal from the service, next to its field (None: not one of ours)."""
        if error.field == "salon_name":
            self.name_error.show_error(error_text.describe(error))
            return self.name
        if error.field == "salon_phone":
            self.phone_error.show_error(error_text.describe(error))
            return self.phone
        if error.field == "sender_name":
            self.sender_error.show_error(
                self.tr("Use at most 11 letters A–Z (no umlauts), digits or spaces.")
            )
            return self.sender_name
        if error.field == "time_zone":
            self.zone_error.show_error(self.tr("Choose a time zone from the list."))
            return self.zone
        return None


# ---- Opening hours ----------------------------------------------------------------------
class OpeningHoursTab(QWidget):
    CLOSED, OPEN, WITH_BREAK = 0, 1, 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.addWidget(QLabel(self.tr("Day")), 0, 0)
        grid.addWidget(QLabel(self.tr("Hours")), 0, 1)
        grid.addWidget(QLabel(self.tr("Opens")), 0, 2)
        grid.addWidget(QLabel(self.tr("Closes")), 0, 4)
        grid.addWidget(QLabel(self.tr("Opens again")), 0, 5)
        grid.addWidget(QLabel(self.tr("Closes")), 0, 7)
        self.modes: list[QComboBox] = []
        self.edits: list[tuple[QTimeEdit, QTimeEdit, QTimeEdit, QTimeEdit]] = []
        self.errors: list[MessageLabel] = []
        self._dashes: list[tuple[QLabel, QLabel]] = []
        locale = QLocale()
        for day in range(7):
            row = 1 + 2 * day
            name = locale.standaloneDayName(day + 1, QLocale.FormatType.LongFormat)
            mode = QComboBox()
            mode.setObjectName(f"dayMode{day}")
            mode.addItem(self.tr("Closed"))
            mode.addItem(self.tr("Open"))
            mode.addItem(self.tr("Open with a break"))
            edits = tuple(_time_edit(f"day{day}Time{n}") for n in range(4))
            assert len(edits) == 4
            dashes = (QLabel("–"), QLabel("–"))
            error = MessageLabel(f"day{day}Error")
            grid.addWidget(QLabel(name), row, 0)
            grid.addWidget(mode, row, 1)
            grid.addWidget(edits[0], row, 2)
            grid.addWidget(dashes[0], row, 3)
            grid.addWidget(edits[1], row, 4)
            grid.addWidget(edits[2], row, 5)
            grid.addWidget(dashes[1], row, 6)
            grid.addWidget(edits[3], row, 7)
            grid.addWidget(error, row + 1, 1, 1, 7)
            self.modes.append(mode)
            self.edits.append(edits)
            self.errors.append(error)
            self._dashes.append(dashes)
            mode.currentIndexChanged.connect(weakly(self._on_mode_current_index_changed, day))
            self.set_day(day, [])
        grid.setColumnStretch(8, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(
            _hint(self.tr("Appointments can be booked only within the opening hours."))
        )
        layout.addStretch(1)

    def load(self, week: dict[int, list[tuple[time, time]]]) -> None:
        for day in range(7):
            self.set_day(day, week.get(day, []))

    def set_day(self, day: int, intervals: list[tuple[time, time]]) -> None:
        edits = self.edits[day]
        first = intervals[0] if intervals else _DEFAULT_DAY
        if len(intervals) >= 2:
            second = intervals[-1]
        else:
            second = (_DEFAULT_BREAK[1][0], max(first[1], _DEFAULT_BREAK[1][1]))
        for edit, value in zip(edits, (*first, *second), strict=True):
            edit.setTime(_qtime(value))
        mode = min(len(intervals), 2)
        self.modes[day].setCurrentIndex(mode)
        self._show_mode(day)
        self.errors[day].clear_message()
        if len(intervals) > 2:
            self.errors[day].show_info(
                self.tr("This day has more than two intervals; saving keeps the first and last.")
            )

    def _on_mode_current_index_changed(self, day: int, _index: int) -> None:
        if self.modes[day].currentIndex() == self.WITH_BREAK:
            edits = self.edits[day]
            # Splitting a plain day: suggest a lunch break inside it.
            if edits[1].time() >= edits[3].time():
                edits[1].setTime(_qtime(_DEFAULT_BREAK[0][1]))
                edits[2].setTime(_qtime(_DEFAULT_BREAK[1][0]))
        self._show_mode(day)
        self.errors[day].clear_message()

    def _show_mode(self, day: int) -> None:
        mode = self.modes[day].currentIndex()
        edits, dashes = self.edits[day], self._dashes[day]
        for widget in (edits[0], dashes[0], edits[1]):
            widget.setVisible(mode != self.CLOSED)
        for widget in (edits[2], dashes[1], edits[3]):
            widget.setVisible(mode == self.WITH_BREAK)

    def day_intervals(self, day: int) -> list[tuple[time, time]]:
        mode = self.modes[day].currentIndex()
        values = [time(edit.time().hour(), edit.time().minute()) for edit in self.edits[day]]
        if mode == self.CLOSED:
            return []
        if mode == self.OPEN:
            return [(values[0], values[1])]
        return [(values[0], values[1]), (values[2], values[3])]

    def week(self) -> dict[int, list[tuple[time, time]]]:
        return {day: spans for day in range(7) if (spans := self.day_intervals(day))}

    def validate(self) -> QWidget | None:
        first: QWidget | None = None
        for day in range(7):
            self.errors[day].clear_message()
            spans = self.day_intervals(day)
            problem = ""
            if any(opens >= closes for opens, closes in spans):
                problem = self.tr("The opening time must be before the closing time.")
            elif len(spans) == 2 and spans[1][0] < spans[0][1]:
                problem = self.tr("Reopening after the break must be at {time} or later.").format(
                    time=QLocale().toString(_qtime(spans[0][1]), QLocale.FormatType.ShortFormat)
                )
            if problem:
                self.errors[day].show_error(problem)
                first = first or self.modes[day]
        return first


# ---- Staff ------------------------------------------------------------------------------
def role_text(role: StaffRole) -> str:
    return {
        StaffRole.OWNER: QCoreApplication.translate("StaffTab", "Owner"),
        StaffRole.RECEPTION: QCoreApplication.translate("StaffTab", "Reception"),
        StaffRole.STYLIST: QCoreApplication.translate("StaffTab", "Stylist"),
    }[role]


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
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("staffTable")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("Status")])
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
        for role in (StaffRole.STYLIST, StaffRole.RECEPTION, StaffRole.OWNER):
            self.role.addItem(role_text(role), role.value)
        self.add = QPushButton(self.tr("&Add"))
        self.add.setObjectName("staffAdd")
        self.message = MessageLabel("staffMessage")

        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("New staff member:")))
        add_row.addWidget(self.name, 1)
        add_row.addWidget(self.role)
        add_row.addWidget(self.add)
        buttons = QHBoxLayout()
        buttons.addWidget(_hint(self.tr("Changes on this page are saved at once.")), 1)
        buttons.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(add_row)
        layout.addWidget(self.message)

        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.toggle.clicked.connect(self._on_toggle_clicked)
        self.add.clicked.connect(self._on_add_clicked)
        self.name.returnPressed.connect(self._on_add_clicked)

    def load(self, rows: list[StaffRow]) -> None:
        self._rows = sorted(rows, key=lambda r: (not r.active, r.name.casefold()))
        self.table.setRowCount(len(self._rows))
        for number, row in enumerate(self._rows):
            status = self.tr("Active") if row.active else self.tr("Deactivated")
            for column, text in enumerate((row.name, role_text(row.role), status)):
                item = QTableWidgetItem(text)
                if not row.active:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(number, column, item)
        self._on_table_item_selection_changed()

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
        catalogue = self._ctx.services.catalogue
        self.add.setEnabled(False)
        self._ctx.db.submit(
            self,
            lambda: (catalogue.add_staff(name, role), catalogue.list_staff(include_inactive=True)),
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
        self.toggle.setEnabled(False)
        self._ctx.db.submit(
            self,
            lambda: (
                setup.set_staff_active(row.id, not row.active),
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
        self._on_table_item_selection_changed()
        self.message.show_error(error_text.describe(error, self._ctx.time_zone))


# ---- Services ---------------------------------------------------------------------------
def colour_choices() -> list[tuple[str, str]]:
    """Colours for the calendar, with names (hex value, name)."""
    # Light colours: the calendar draws appointment blocks in them, with dark text on top.
    return [
        ("#e8a0b4", QCoreApplication.translate("ServicesTab", "Rose")),
        ("#f7b6d2", QCoreApplication.translate("ServicesTab", "Pink")),
        ("#d4a6e0", QCoreApplication.translate("ServicesTab", "Lilac")),
        ("#9ecae1", QCoreApplication.translate("ServicesTab", "Light blue")),
        ("#b0c4de", QCoreApplication.translate("ServicesTab", "Steel blue")),
        ("#c7e9c0", QCoreApplication.translate("ServicesTab", "Mint")),
        ("#fdd49e", QCoreApplication.translate("ServicesTab", "Light yellow")),
        ("#f4c28f", QCoreApplication.translate("ServicesTab", "Apricot")),
        ("#7f8c8d", QCoreApplication.translate("ServicesTab", "Grey")),
    ]


class ServicesTab(QWidget):
    """The salon's services; adding, changing and withdrawing are saved at once.

    Signals:
        changed(): a service was added, changed or taken off the menu.
    """

    changed = Signal()

    def __init__(
        self, ctx: UiContext, setup: SalonSetupService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._setup = setup
        self._rows: list[ServiceRow] = []
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("servicesTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Service"),
                self.tr("Duration"),
                self.tr("Price"),
                self.tr("Category"),
                self.tr("Colour"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.name = QLineEdit()
        self.name.setObjectName("serviceName")
        self.name.setMaxLength(120)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("serviceMinutes")
        self.minutes.setRange(5, 12 * 60)
        self.minutes.setSingleStep(5)
        self.minutes.setValue(30)
        self.minutes.setSuffix(self.tr(" min"))
        self.price = QLineEdit()
        self.price.setObjectName("servicePrice")
        self.price.setPlaceholderText(self.tr("e.g. 35,50"))
        self.category = QComboBox()
        self.category.setObjectName("serviceCategory")
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.colour = QComboBox()
        self.colour.setObjectName("serviceColour")
        for value, name in colour_choices():
            self.colour.addItem(self._swatch(value), name, value)
        self.name_error = MessageLabel("serviceNameError")
        self.price_error = MessageLabel("servicePriceError")
        self.add = QPushButton(self.tr("&Add as new service"))
        self.add.setObjectName("serviceAdd")
        self.update_button = QPushButton(self.tr("&Save changes"))
        self.update_button.setObjectName("serviceUpdate")
        self.remove = QPushButton(self.tr("&Remove from the menu"))
        self.remove.setObjectName("serviceRemove")
        self.message = MessageLabel("servicesMessage")

        form = QGridLayout()
        for column, text in enumerate(
            (
                self.tr("Name"),
                self.tr("Duration"),
                self.tr("Price (€)"),
                self.tr("Category"),
                self.tr("Colour"),
            )
        ):
            form.addWidget(QLabel(text), 0, column)
        for column, widget in enumerate(
            (self.name, self.minutes, self.price, self.category, self.colour)
        ):
            form.addWidget(widget, 1, column)
        form.addWidget(self.name_error, 2, 0)
        form.addWidget(self.price_error, 2, 1, 1, 3)
        form.setColumnStretch(0, 3)
        form.setColumnStretch(3, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(_hint(self.tr("Changes on this page are saved at once.")), 1)
        buttons.addWidget(self.remove)
        buttons.addWidget(self.update_button)
        buttons.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.add.clicked.connect(self._on_add_clicked)
        self.update_button.clicked.connect(self._on_update_button_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        self._on_table_item_selection_changed()

    @staticmethod
    def _swatch(value: str) -> QIcon:
        pixmap = QPixmap(14, 14)
        pixmap.fill(QColor(value))
        return QIcon(pixmap)

    def load(self, rows: list[ServiceRow], categories: list[str]) -> None:
        self._rows = list(rows)
        self.table.setRowCount(len(self._rows))
        locale = QLocale()
        for number, row in enumerate(self._rows):
            cells = (
                row.name,
                self.tr("{minutes} min").format(minutes=row.minutes),
                locale.toCurrencyString(row.price_cents / 100, "€"),
                row.category,
                self._colour_name(row.colour),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 2):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == 4:
                    item.setIcon(self._swatch(row.colour))
                    item.setToolTip(row.colour)
                self.table.setItem(number, column, item)
        typed = self.category.currentText()
        self.category.clear()
        self.category.addItems(categories)
        self.category.setCurrentText(typed)
        self._on_table_item_selection_changed()

    def _colour_name(self, value: str) -> str:
        """The colour's name, or nothing for a colour picked elsewhere (the swatch shows it)."""
        for known, name in colour_choices():
            if known.lower() == value.lower():
                return name
        return ""

    def selected(self) -> ServiceRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _on_table_item_selection_changed(self) -> None:
        row = self.selected()
        self.update_button.setEnabled(row is not None)
        self.remove.setEnabled(row is not None)
        if row is None:
            return
        self.name.setText(row.name)
        self.minutes.setValue(row.minutes)
        self.price.setText(_price_text(row.price_cents))
        self.category.setCurrentText(row.category)
        self.colour.setCurrentIndex(self._colour_index(row.colour))
        self.name_error.clear_message()
        self.price_error.clear_message()

    def _colour_index(self, value: str) -> int:
        """The entry for this colour; one picked elsewhere gets an entry of its own (the
        last one), so saving keeps it unless the owner chooses another."""
        presets = len(colour_choices())
        for index in range(presets):
            if str(self.colour.itemData(index)).lower() == value.lower():
                return index
        if self.colour.count() > presets:
            self.colour.removeItem(presets)
        self.colour.addItem(self._swatch(value), self.tr("As before"), value)
        return presets

    def _read_form(self) -> tuple[str, int, int, str, str] | None:
        """The form's values, or None after showing what is wrong."""
        self.name_error.clear_message()
        self.price_error.clear_message()
        self.message.clear_message()
        name = self.name.text().strip()
        if not name:
            self.name_error.show_error(self.tr("Please enter a name."))
            self.name.setFocus()
            return None
        try:
            price = parse_price_cents(self.price.text() or "0")
        except InvalidField as exc:
            self.price_error.show_error(error_text.describe(exc))
            self.price.setFocus()
            return None
        colour = str(self.colour.currentData())
        return name, self.minutes.value(), price, self.category.currentText().strip(), colour

    def _on_add_clicked(self) -> None:
        values = self._read_form()
        if values is None:
            return
        catalogue = self._ctx.services.catalogue
        self._submit(
            lambda: catalogue.add_service(*values),
            self.tr("{name} was added."),
        )

    def _on_update_button_clicked(self) -> None:
        row, values = self.selected(), self._read_form()
        if row is None or values is None:
            return
        setup = self._setup
        self._submit(
            lambda: setup.update_service(row.id, *values),
            self.tr("{name} was changed."),
        )

    def _on_remove_clicked(self) -> None:
        row = self.selected()
        if row is None:
            return
        setup = self._setup

        def work() -> ServiceRow:
            setup.deactivate_service(row.id)
            return row

        self._submit(
            work,
            self.tr("{name} is no longer offered; past appointments keep it."),
        )

    def _submit(self, work: Callable[[], ServiceRow], done_text: str) -> None:
        catalogue, setup = self._ctx.services.catalogue, self._setup
        for button in (self.add, self.update_button, self.remove):
            button.setEnabled(False)
        self._ctx.db.submit(
            self,
            lambda: (work(), catalogue.list_services(), setup.service_categories()),
            weakly(self._on_done, done_text),
            weakly(self._on_failed),
        )

    def _on_done(
        self, done_text: str, result: tuple[ServiceRow, list[ServiceRow], list[str]]
    ) -> None:
        row, rows, categories = result
        self.add.setEnabled(True)
        self.table.clearSelection()
        self.load(rows, categories)
        self.message.show_info(done_text.format(name=row.name))
        self.changed.emit()

    def _on_failed(self, error: BaseException) -> None:
        self.add.setEnabled(True)
        self._on_table_item_selection_changed()
        if isinstance(error, InvalidField) and error.field == "price":
            self.price_error.show_error(error_text.describe(error))
        else:
            self.message.show_error(error_text.describe(error, self._ctx.time_zone))


# ---- Gateway ----------------------------------------------------------------------------
class GatewayTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved_url = ""
        self.url = QLineEdit()
        self.url.setObjectName("gatewayUrl")
        self.url.setPlaceholderText("https://gateway.example.de")
        self.url_error = MessageLabel("gatewayUrlError")
        self.token = QLineEdit()
        self.token.setObjectName("gatewayToken")
        # Write-only: never filled from the store, hidden while typed, no copying out.
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("Enter a new token to replace the stored one"))
        self.token_error = MessageLabel("gatewayTokenError")
        self.message = MessageLabel("gatewayMessage")
        token_hint = _hint(
            self.tr(
                "The token is kept in this computer's password store, never in the "
                "database, and is not shown again. Leave it empty to keep the stored one."
            )
        )
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        _add_row(form, self.tr("Gateway &address:"), self.url, self.url_error)
        _add_row(form, self.tr("&Token:"), self.token, self.token_error, token_hint)
        form.addRow("", self.message)

    def load(self, url: str) -> None:
        self._saved_url = url
        self.url.setText(url)
        self.token.clear()

    def values(self) -> tuple[str, str]:
        """The normalised address and the new token ("" to keep the stored one)."""
        return normalise_gateway_url(self.url.text()), self.token.text().strip()

    def validate(self) -> QWidget | None:
        for label in (self.url_error, self.token_error, self.message):
            label.clear_message()
        try:
            url, token = self.values()
        except InvalidField as exc:
            self.url_error.show_error(error_text.describe(exc))
            return self.url
        # The token is stored per address: a new address without one could never sync.
        if url and url != self._saved_url and not token:
            self.token_error.show_error(self.tr("Enter the token for the new gateway address."))
            return self.token
        return None

    def show_keyring_missing(self, error: KeyringUnavailable) -> None:
        self.message.show_error(
            self.tr("{problem} Nothing was saved.").format(problem=error_text.describe(error))
        )


# ---- the dialog -------------------------------------------------------------------------
class SettingsDialog(QDialog):
    """The owner's settings in tabs: Salon, Opening hours, Staff, Services, Gateway.

    ``store_token(gateway_url, token)`` is given by the composition root; it raises
    KeyringUnavailable when this computer has no password store.

    Signals:
        loaded(): the current settings are shown and can be edited.
        saved(bool): Salon, opening hours and gateway were saved; True when something
            (language, time zone) applies only after a restart.
    """

    loaded = Signal()
    saved = Signal(bool)

    def __init__(
        self,
        ctx: UiContext,
        store_token: StoreToken,
        parent: QWidget | None = None,
        setup: SalonSetupService | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._store_token = store_token
        self._setup = setup or SalonSetupService(ctx.services.db, utc_now)
        self._loaded_language = ""
        self._loaded_zone = ctx.time_zone
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumSize(820, 560)

        self.salon = SalonTab()
        self.hours = OpeningHoursTab()
        self.staff = StaffTab(ctx, self._setup)
        self.services = ServicesTab(ctx, self._setup)
        self.gateway = GatewayTab()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self.salon, self.tr("Salon"))
        self.tabs.addTab(self.hours, self.tr("Opening hours"))
        self.tabs.addTab(self.staff, self.tr("Staff"))
        self.tabs.addTab(self.services, self.tr("Services"))
        self.tabs.addTab(self.gateway, self.tr("Gateway"))
        self.tabs.setEnabled(False)
        self.message = MessageLabel("dialogMessage")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.save_button.setToolTip(self.tr("Save salon, opening hours and gateway"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._load()

    # ---- loading ------------------------------------------------------------------------
    def _load(self) -> None:
        setup, catalogue = self._setup, self._ctx.services.catalogue

        def work() -> _Loaded:
            return _Loaded(
                profile=setup.profile(),
                zones=time_zones(),
                week=setup.week(),
                staff=catalogue.list_staff(include_inactive=True),
                services=catalogue.list_services(),
                categories=setup.service_categories(),
            )

        self._ctx.db.submit(self, work, weakly(self._on_loaded), weakly(self._on_load_failed))

    def _on_loaded(self, data: _Loaded) -> None:
        self._loaded_language = str(preferences.LANGUAGE.read(self._ctx.settings))
        self._loaded_zone = data.profile.time_zone
        self.salon.load(data.profile, data.zones, self._loaded_language)
        self.hours.load(data.week)
        self.staff.load(data.staff)
        self.services.load(data.services, data.categories)
        self.gateway.load(data.profile.gateway_url)
        self.tabs.setEnabled(True)
        self.save_button.setEnabled(True)
        self.loaded.emit()

    def _on_load_failed(self, error: BaseException) -> None:
        self.message.show_error(error_text.describe(error, self._ctx.time_zone))

    # ---- saving -------------------------------------------------------------------------
    def _on_buttons_accepted(self) -> None:
        self.message.clear_message()
        for tab, check in (
            (self.salon, self.salon.validate),
            (self.hours, self.hours.validate),
            (self.gateway, self.gateway.validate),
        ):
            wrong = check()
            if wrong is not None:
                self._point_at(tab, wrong)
                return
        url, token = self.gateway.values()
        language = str(self.salon.language.currentData())
        settings = SalonSettingsInput(
            salon_name=self.salon.name.text(),
            sender_name=self.salon.sender_name.text(),
            salon_phone=self.salon.phone.text(),
            time_zone=self.salon.zone.currentText(),
            gateway_url=url,
            opening_hours=self.hours.week(),
        )
        restart = language != self._loaded_language or settings.time_zone != self._loaded_zone
        store_token, setup = self._store_token, self._setup

        def work() -> SalonProfileRow:
            # The token first: without a password store nothing else is written either.
            if url and token:
                store_token(url, token)
            return setup.save(settings)

        self.save_button.setEnabled(False)
        self._ctx.db.submit(
            self,
            work,
            weakly(self._on_saved, language, restart),
            weakly(self._on_save_failed),
        )

    def _on_saved(self, language: str, restart: bool, _profile: SalonProfileRow) -> None:
        preferences.LANGUAGE.write(self._ctx.settings, language)
        self.gateway.token.clear()
        self.save_button.setEnabled(True)
        self.saved.emit(restart)
        self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, KeyringUnavailable):
            self.gateway.show_keyring_missing(error)
            self._point_at(self.gateway, self.gateway.token)
            return
        if isinstance(error, InvalidField):
            wrong = self.salon.show_field_error(error)
            if wrong is not None:
                self._point_at(self.salon, wrong)
                return
            if error.field == "gateway_url":
                self.gateway.url_error.show_error(error_text.describe(error))
                self._point_at(self.gateway, self.gateway.url)
                return
        self.message.show_error(error_text.describe(error, self._ctx.time_zone))

    def _point_at(self, tab: QWidget, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(tab)
        widget.setFocus()
