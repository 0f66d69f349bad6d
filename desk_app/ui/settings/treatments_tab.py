"""The "Services" tab: the salon's menu, added, changed and withdrawn at once.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import InvalidField
from desk_app.domain.fields import DESCRIPTION_MAX, checked_line
from desk_app.services.catalogue import parse_price_cents
from desk_app.services.rows import TreatmentRow
from desk_app.services.salon_setup import SalonSetupService
from desk_app.texts import error_text
from desk_app.ui.context import UiContext
from desk_app.ui.settings.form import MessageLabel, hint, online_item, price_text
from desk_app.ui.tasks import weakly
from desk_app.ui.widgets import palette

ONLINE_COLUMN = 5


def colour_choices() -> list[tuple[str, str]]:
    """Colours for the calendar, with names (hex value, name)."""
    names = {
        "rose": QCoreApplication.translate("TreatmentsTab", "Rose"),
        "pink": QCoreApplication.translate("TreatmentsTab", "Pink"),
        "lilac": QCoreApplication.translate("TreatmentsTab", "Lilac"),
        "light_blue": QCoreApplication.translate("TreatmentsTab", "Light blue"),
        "steel_blue": QCoreApplication.translate("TreatmentsTab", "Steel blue"),
        "mint": QCoreApplication.translate("TreatmentsTab", "Mint"),
        "light_yellow": QCoreApplication.translate("TreatmentsTab", "Light yellow"),
        "apricot": QCoreApplication.translate("TreatmentsTab", "Apricot"),
        "grey": QCoreApplication.translate("TreatmentsTab", "Grey"),
    }
    return [(colour, names[key]) for key, colour in palette.SALON_COLOURS.items()]


class TreatmentsTab(QWidget):
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
        self._rows: list[TreatmentRow] = []
        self.table = QTableWidget(0, 6)
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        self.table.setObjectName("servicesTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Service"),
                self.tr("Duration"),
                self.tr("Price"),
                self.tr("Category"),
                self.tr("Colour"),
                self.tr("Bookable online"),
            ]
        )
        online_header = self.table.horizontalHeaderItem(ONLINE_COLUMN)
        assert online_header is not None  # set by setHorizontalHeaderLabels
        online_header.setToolTip(self.tr("Customers can choose this service on the booking page"))
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
        # Processing time (Einwirkzeit, issue 14): 0 minutes is a service without one.
        self.processing_after = QSpinBox()
        self.processing_after.setObjectName("serviceProcessingAfter")
        self.processing_after.setRange(0, 12 * 60)
        self.processing_after.setSingleStep(5)
        self.processing_after.setSuffix(self.tr(" min"))
        self.processing = QSpinBox()
        self.processing.setObjectName("serviceProcessing")
        self.processing.setRange(0, 12 * 60)
        self.processing.setSingleStep(5)
        self.processing.setSuffix(self.tr(" min"))
        self.processing.setSpecialValueText(self.tr("none"))
        self.description = QLineEdit()
        self.description.setObjectName("serviceDescription")
        self.description.setMaxLength(DESCRIPTION_MAX)
        self.description.setPlaceholderText(
            self.tr("Shown on the booking page, e.g. “Wash, cut and blow-dry”")
        )
        self.description_error = MessageLabel("serviceDescriptionError")
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
        description_label = QLabel(self.tr("&Description for the booking page:"))
        description_label.setBuddy(self.description)
        form.addWidget(description_label, 3, 0, 1, 5)
        form.addWidget(self.description, 4, 0, 1, 5)
        form.addWidget(self.description_error, 5, 0, 1, 5)
        processing_label = QLabel(self.tr("&Processing time (the stylist is free meanwhile):"))
        processing_label.setBuddy(self.processing)
        form.addWidget(processing_label, 6, 0)
        form.addWidget(self.processing, 6, 1)
        after_label = QLabel(self.tr("starts after &work of"))
        after_label.setBuddy(self.processing_after)
        form.addWidget(after_label, 6, 2)
        form.addWidget(self.processing_after, 6, 3)
        form.setColumnStretch(0, 3)
        form.setColumnStretch(3, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(hint(self.tr("Changes on this page are saved at once.")), 1)
        buttons.addWidget(self.remove)
        buttons.addWidget(self.update_button)
        buttons.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.add.clicked.connect(self._on_add_clicked)
        self.update_button.clicked.connect(self._on_update_button_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        self._on_table_item_selection_changed()

    @staticmethod
    def _swatch(value: str) -> QIcon:
        pixmap = QPixmap(14, 14)
        pixmap.fill(QColor(value))
        return QIcon(pixmap)

    def load(self, rows: list[TreatmentRow], categories: list[str]) -> None:
        self._rows = list(rows)
        blocked = self.table.blockSignals(True)  # filling in is not the owner ticking
        self.table.setRowCount(len(self._rows))
        locale = QLocale()
        for number, row in enumerate(self._rows):
            cells = (
                row.name,
                self._duration_text(row),
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
            online = online_item(row.online)
            if row.description:
                online.setToolTip(row.description)
            self.table.setItem(number, ONLINE_COLUMN, online)
        self.table.blockSignals(blocked)
        typed = self.category.currentText()
        self.category.clear()
        self.category.addItems(categories)
        self.category.setCurrentText(typed)
        self._on_table_item_selection_changed()

    def _duration_text(self, row: TreatmentRow) -> str:
        if not row.processing:
            return self.tr("{minutes} min").format(minutes=row.minutes)
        return self.tr("{minutes} min ({processing} processing)").format(
            minutes=row.minutes, processing=row.processing
        )

    def _colour_name(self, value: str) -> str:
        """The colour's name, or nothing for a colour picked elsewhere (the swatch shows it)."""
        for known, name in colour_choices():
            if known.lower() == value.lower():
                return name
        return ""

    def selected(self) -> TreatmentRow | None:
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
        self.processing.setValue(row.processing)
        self.processing_after.setValue(row.processing_after)
        self.price.setText(price_text(row.price_cents))
        self.category.setCurrentText(row.category)
        self.colour.setCurrentIndex(self._colour_index(row.colour))
        self.description.setText(row.description)
        self.description_error.clear_message()
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

    def _read_description(self) -> str | None:
        """The description as it will be stored, or None after showing what is wrong."""
        self.description_error.clear_message()
        try:
            return checked_line("description", self.description.text(), DESCRIPTION_MAX)
        except InvalidField as exc:
            self.description_error.show_error(error_text.describe(exc))
            self.description.setFocus()
            return None

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

    def _phases(self) -> tuple[int, int]:
        """Work before the processing and the processing, in minutes, as the services
        take them (checked there: work before and after it, domain.phases)."""
        processing = self.processing.value()
        return (self.processing_after.value() if processing else 0), processing

    def _on_add_clicked(self) -> None:
        values, description = self._read_form(), self._read_description()
        if values is None or description is None:
            return
        catalogue, (after, processing) = self._ctx.services.catalogue, self._phases()

        def work() -> TreatmentRow:
            added = catalogue.add_treatment(*values, processing_after=after, processing=processing)
            if description:
                return catalogue.set_treatment_description(added.id, description)
            return added

        self._submit(work, self.tr("{name} was added."))

    def _on_update_button_clicked(self) -> None:
        row, values = self.selected(), self._read_form()
        description = self._read_description()
        if row is None or values is None or description is None:
            return
        setup, catalogue = self._setup, self._ctx.services.catalogue
        after, processing = self._phases()

        def work() -> TreatmentRow:
            changed = setup.update_treatment(
                row.id, *values, processing_after=after, processing=processing
            )
            if description != row.description:
                return catalogue.set_treatment_description(row.id, description)
            return changed

        self._submit(work, self.tr("{name} was changed."))

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        """The owner ticked "bookable online": saved at once."""
        if item.column() != ONLINE_COLUMN or not 0 <= item.row() < len(self._rows):
            return
        row = self._rows[item.row()]
        online = item.checkState() == Qt.CheckState.Checked
        if online == row.online:
            return
        catalogue = self._ctx.services.catalogue
        if online:
            text = self.tr("{name} can be booked online.")
        else:
            text = self.tr("{name} can no longer be booked online.")
        self._submit(lambda: catalogue.set_treatment_online(row.id, online), text)

    def _on_remove_clicked(self) -> None:
        row = self.selected()
        if row is None:
            return
        setup = self._setup

        def work() -> TreatmentRow:
            setup.deactivate_treatment(row.id)
            return row

        self._submit(
            work,
            self.tr("{name} is no longer offered; past appointments keep it."),
        )

    def _submit(self, work: Callable[[], TreatmentRow], done_text: str) -> None:
        catalogue, setup = self._ctx.services.catalogue, self._setup
        for button in (self.add, self.update_button, self.remove):
            button.setEnabled(False)
        self._ctx.db_tasks.submit(
            self,
            lambda: (work(), catalogue.list_treatments(), setup.service_categories()),
            weakly(self._on_done, done_text),
            weakly(self._on_failed),
        )

    def _on_done(
        self, done_text: str, result: tuple[TreatmentRow, list[TreatmentRow], list[str]]
    ) -> None:
        row, rows, categories = result
        self.add.setEnabled(True)
        self.table.clearSelection()
        self.load(rows, categories)
        self.message.show_info(done_text.format(name=row.name))
        self.changed.emit()

    def _on_failed(self, error: BaseException) -> None:
        self.add.setEnabled(True)
        self.load(self._rows, [self.category.itemText(i) for i in range(self.category.count())])
        if isinstance(error, InvalidField) and error.field == "price":
            self.price_error.show_error(error_text.describe(error))
        elif isinstance(error, InvalidField) and error.field == "description":
            self.description_error.show_error(error_text.describe(error))
        else:
            self.message.show_error(error_text.describe(error, self._ctx.time_zone))
