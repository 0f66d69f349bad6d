"""The "Closed days" tab: the days the whole salon is closed, saved at once.

The salon's federal state pre-fills the public holidays (``domain.public_holidays``):
choosing it adds the holidays of this year and the next (and takes out the pre-filled
holidays of a state chosen before); "Add public holidays" adds those of any year, but
never one the salon removed (``services.holiday_closures``). Every day stays editable:
the owner removes a holiday the salon opens on, or adds a closure (holidays,
renovation) of one or more days. Bookings on a
closed day warn, the calendar shades it, the booking page does not offer it.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
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

from desk_app.domain.fields import NOTE_MAX
from desk_app.domain.public_holidays import STATES
from desk_app.services.rows import ClosureRow
from desk_app.texts.holiday_words import holiday_names, state_name
from desk_app.ui.context import UiContext
from desk_app.ui.settings.form import MessageLabel, hint
from desk_app.ui.widgets.operation import Operation
from desk_app.ui.widgets.qt_dates import from_qdate, to_qdate


class ClosuresTab(QWidget):
    """Closed days of the salon and its federal state.

    Signals:
        changed(): closed days were added or removed.
    """

    changed = Signal()

    def __init__(self, ctx: UiContext, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self._rows: list[ClosureRow] = []
        self._state = ""
        self._work = Operation(self, ctx.db_tasks, failed=self._on_failed, time_zone=ctx.time_zone)

        self.state = QComboBox()
        self.state.setObjectName("federalState")
        self.state.addItem(self.tr("— not chosen —"), "")
        for code in sorted(STATES, key=state_name):
            self.state.addItem(state_name(code), code)
        self.year = QSpinBox()
        self.year.setObjectName("holidayYear")
        self.year.setRange(today.year - 1, today.year + 10)
        self.year.setValue(today.year)
        self.fill = QPushButton(self.tr("Add &public holidays"))
        self.fill.setObjectName("addHolidays")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("closuresTable")
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels([self.tr("From"), self.tr("To"), self.tr("Note")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.remove = QPushButton(self.tr("&Open again"))
        self.remove.setObjectName("removeClosure")
        self.remove.setToolTip(self.tr("Remove the selected closed day: the salon opens"))
        self.first = QDateEdit(to_qdate(today))
        self.first.setObjectName("closureFirst")
        self.first.setCalendarPopup(True)
        self.last = QDateEdit(to_qdate(today))
        self.last.setObjectName("closureLast")
        self.last.setCalendarPopup(True)
        self.note = QLineEdit()
        self.note.setObjectName("closureNote")
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(self.tr("e.g. Company holiday"))
        self.add = QPushButton(self.tr("Add closed &days"))
        self.add.setObjectName("addClosure")
        self.message = MessageLabel("closuresMessage")

        form = QFormLayout()
        state_label = QLabel(self.tr("&Federal state:"))
        state_label.setBuddy(self.state)
        fill_row = QHBoxLayout()
        fill_row.addWidget(self.state, 1)
        year_label = QLabel(self.tr("&Year:"))
        year_label.setBuddy(self.year)
        fill_row.addWidget(year_label)
        fill_row.addWidget(self.year)
        fill_row.addWidget(self.fill)
        form.addRow(state_label, fill_row)
        form.addRow(
            hint(
                self.tr(
                    "Choosing the state fills in its public holidays of this year and the "
                    "next. Remove a day the salon opens on; holidays of single towns "
                    "you add yourself."
                )
            )
        )
        add_row = QHBoxLayout()
        first_label = QLabel(self.tr("Fro&m:"))
        first_label.setBuddy(self.first)
        last_label = QLabel(self.tr("U&ntil:"))
        last_label.setBuddy(self.last)
        for widget in (first_label, self.first, last_label, self.last):
            add_row.addWidget(widget)
        add_row.addWidget(self.note, 1)
        add_row.addWidget(self.add)
        buttons = QHBoxLayout()
        buttons.addWidget(hint(self.tr("Changes on this page are saved at once.")), 1)
        buttons.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(add_row)
        layout.addWidget(self.message)

        self.state.activated.connect(self._on_state_activated)
        self.fill.clicked.connect(self._on_fill_clicked)
        self.add.clicked.connect(self._on_add_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        self.first.dateChanged.connect(self._on_first_date_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.refresh()

    # ---- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        catalogue = self._ctx.services.catalogue
        self._work.run(
            lambda: (catalogue.salon_settings().federal_state, catalogue.closures()),
            self._on_loaded,
        )

    def _on_loaded(self, loaded: tuple[str, list[ClosureRow]]) -> None:
        self._state, rows = loaded
        self.state.setCurrentIndex(max(self.state.findData(self._state), 0))
        self._show(rows)

    def _show(self, rows: list[ClosureRow]) -> None:
        self._rows = rows
        locale = QLocale()
        fmt = QLocale.FormatType.ShortFormat
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            texts = (
                locale.toString(to_qdate(row.starts_on), fmt),
                locale.toString(to_qdate(row.ends_on), fmt),
                row.note,
            )
            for column, text in enumerate(texts):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self._update_buttons()

    def rows(self) -> list[ClosureRow]:
        return list(self._rows)

    # ---- changes --------------------------------------------------------------------------
    def _on_state_activated(self, _index: int) -> None:
        """The state chosen: stored, and its holidays of this year and the next added."""
        state = str(self.state.currentData())
        if state == self._state:
            return
        catalogue, actor = self._ctx.services.catalogue, self._ctx.signed_in.actor
        names, year = holiday_names(), self._today.year

        def work() -> tuple[int, list[ClosureRow]]:
            # The old state's pre-filled holidays go; those added by hand stay.
            added = catalogue.set_federal_state(state, (year, year + 1), names, actor=actor)
            return len(added), catalogue.closures()

        self._state = state
        self._work.run(work, self._on_filled)

    def _on_fill_clicked(self) -> None:
        state = str(self.state.currentData())
        if not state:
            self.message.show_error(self.tr("Please choose the salon's federal state first."))
            self.state.setFocus()
            return
        catalogue, actor = self._ctx.services.catalogue, self._ctx.signed_in.actor
        names, year = holiday_names(), self.year.value()
        self._work.run(
            lambda: (
                len(catalogue.add_public_holidays(state, year, names, actor=actor)),
                catalogue.closures(),
            ),
            self._on_filled,
        )

    def _on_filled(self, result: tuple[int, list[ClosureRow]]) -> None:
        added, rows = result
        self._show(rows)
        self.message.show_info(
            self.tr("%n public holiday(s) added.", "", added)
            if added
            else self.tr("No public holidays added: those days are closed already.")
        )
        self.changed.emit()

    def _on_add_clicked(self) -> None:
        first, last = from_qdate(self.first.date()), from_qdate(self.last.date())
        note = self.note.text()
        catalogue, actor = self._ctx.services.catalogue, self._ctx.signed_in.actor
        self._work.run(
            lambda: (
                catalogue.add_closure(first, last, note, actor=actor),
                catalogue.closures(),
            ),
            self._on_added,
        )

    def _on_added(self, result: tuple[ClosureRow, list[ClosureRow]]) -> None:
        _added, rows = result
        self.note.clear()
        self._show(rows)
        self.message.show_info(self.tr("The salon is closed on these days."))
        self.changed.emit()

    def _on_remove_clicked(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return
        row = self._rows[selected[0].row()]
        catalogue, actor = self._ctx.services.catalogue, self._ctx.signed_in.actor

        def work() -> list[ClosureRow]:
            catalogue.remove_closure(row.id, actor=actor)
            return catalogue.closures()

        self._work.run(work, self._on_removed)

    def _on_removed(self, rows: list[ClosureRow]) -> None:
        self._show(rows)
        self.message.show_info(self.tr("The salon is open again on that day."))
        self.changed.emit()

    def _on_first_date_changed(self, value: QDate) -> None:
        if self.last.date() < value:
            self.last.setDate(value)

    def _update_buttons(self) -> None:
        self.remove.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _on_failed(self, text: str) -> None:
        self.message.show_error(text)
        self.refresh()  # what is really stored (e.g. the state after a refusal)
