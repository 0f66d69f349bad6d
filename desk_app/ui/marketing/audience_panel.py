"""The filters of the audience step: every filter is a tick box with its value beside it,
so "not filtered" and "filtered by this date" can never be confused.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.campaigns import CampaignType
from desk_app.services.campaign_rows import AudienceFilters
from desk_app.services.rows import StaffRow
from desk_app.ui.widgets.qt_dates import from_qdate
from desk_app.ui.widgets.reflow import PairGrid

# What a ticked filter starts with: the usual question behind it.
WIN_BACK_DAYS = 90  # "last visit before": customers not seen for three months
BIRTHDAY_DAYS = 30
NEW_CUSTOMER_DAYS = 30


def _day_month_format() -> str:
    """The locale's short date without the year (birthdays recur every year)."""
    text = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return re.sub(r"[^dM]*y+[^dM]*", "", text) or "dd.MM"


def _date_edit(name: str, value: date, day_month: bool = False) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    if day_month:
        edit.setDisplayFormat(_day_month_format())
    else:
        # "01.10.25" could be 1925 or 2025 to a reader; a filter date must be unambiguous.
        text = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
        edit.setDisplayFormat(text if "yyyy" in text else text.replace("yy", "yyyy"))
    edit.setEnabled(False)
    return edit


class AudiencePanel(QWidget):
    """Filters for "who is meant"; the composer asks ``filters()`` after each change.

    Signals:
        filters_changed(): any filter was ticked, unticked or changed.
    """

    filters_changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._before_box = QCheckBox(self.tr("Last visit before"))
        self._before_box.setObjectName("lastVisitBeforeBox")
        self._before = _date_edit("lastVisitBefore", today - timedelta(days=WIN_BACK_DAYS))
        self._after_box = QCheckBox(self.tr("Last visit since"))
        self._after_box.setObjectName("lastVisitAfterBox")
        self._after = _date_edit("lastVisitAfter", today - timedelta(days=365))

        self._category_box = QCheckBox(self.tr("Had a service of"))
        self._category_box.setObjectName("categoryBox")
        self._category = QComboBox()
        self._category.setObjectName("category")
        self._category.setEnabled(False)
        self._staff_box = QCheckBox(self.tr("Served by"))
        self._staff_box.setObjectName("staffBox")
        self._staff = QComboBox()
        self._staff.setObjectName("staff")
        self._staff.setEnabled(False)

        self._birthday_box = QCheckBox(self.tr("Birthday from"))
        self._birthday_box.setObjectName("birthdayBox")
        self._birthday_from = _date_edit("birthdayFrom", today, day_month=True)
        self._birthday_to = _date_edit(
            "birthdayTo", today + timedelta(days=BIRTHDAY_DAYS), day_month=True
        )
        self._new_box = QCheckBox(self.tr("New customers since"))
        self._new_box.setObjectName("newSinceBox")
        self._new_since = _date_edit("newSince", today - timedelta(days=NEW_CUSTOMER_DAYS))

        self._min_box = QCheckBox(self.tr("Visits at least"))
        self._min_box.setObjectName("minVisitsBox")
        self._min_visits = self._visits_spin("minVisits", 2)
        self._max_box = QCheckBox(self.tr("Visits at most"))
        self._max_box.setObjectName("maxVisitsBox")
        self._max_visits = self._visits_spin("maxVisits", 1)

        self._clear = QPushButton(self.tr("Clear filters"))
        self._clear.setObjectName("clearFilters")
        self._clear.setToolTip(self.tr("Untick every filter"))
        self._clear.setFlat(True)

        birthday = QHBoxLayout()
        birthday.setContentsMargins(0, 0, 0, 0)
        birthday.addWidget(self._birthday_from, 1)
        birthday.addWidget(QLabel(self.tr("to")))
        birthday.addWidget(self._birthday_to, 1)

        # Two filters a row while they fit beside each other, one a row in a small window.
        grid = PairGrid(
            [
                (self._before_box, self._before),
                (self._after_box, self._after),
                (self._category_box, self._category),
                (self._staff_box, self._staff),
                (self._birthday_box, birthday),
                (self._new_box, self._new_since),
                (self._min_box, self._min_visits),
                (self._max_box, self._max_visits),
            ]
        )
        grid.setObjectName("filterGrid")
        grid.add_below(self._clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(grid)

        self._pairs: list[tuple[QCheckBox, tuple[QWidget, ...]]] = [
            (self._before_box, (self._before,)),
            (self._after_box, (self._after,)),
            (self._category_box, (self._category,)),
            (self._staff_box, (self._staff,)),
            (self._birthday_box, (self._birthday_from, self._birthday_to)),
            (self._new_box, (self._new_since,)),
            (self._min_box, (self._min_visits,)),
            (self._max_box, (self._max_visits,)),
        ]
        for box, editors in self._pairs:
            box.toggled.connect(self._on_box_toggled)
            for editor in editors:
                editor.setToolTip(box.text())
        for edit in (
            self._before,
            self._after,
            self._birthday_from,
            self._birthday_to,
            self._new_since,
        ):
            edit.dateChanged.connect(self._on_value_changed)
        for combo in (self._category, self._staff):
            combo.currentIndexChanged.connect(self._on_value_changed)
        for spin in (self._min_visits, self._max_visits):
            spin.valueChanged.connect(self._on_value_changed)
        self._clear.clicked.connect(self._on_clear_clicked)

    def _visits_spin(self, name: str, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(0, 999)
        spin.setValue(value)
        spin.setEnabled(False)
        return spin

    # ---- public -------------------------------------------------------------------------
    def set_choices(self, staff: Sequence[StaffRow], categories: Sequence[str]) -> None:
        """Fill the staff and service-category lists, keeping what was chosen."""
        before = self.filters()
        for combo, items in (
            (self._category, [(c, c) for c in categories]),
            (self._staff, [(s.name, s.id) for s in staff]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._category_box.setEnabled(bool(categories))
        self._staff_box.setEnabled(bool(staff))
        if self.filters() != before:  # a chosen staff member or category is gone
            self.filters_changed.emit()

    def filters(self) -> AudienceFilters:
        def day(box: QCheckBox, edit: QDateEdit) -> date | None:
            return from_qdate(edit.date()) if box.isChecked() else None

        birthday = self._birthday_box.isChecked()
        return AudienceFilters(
            last_visit_before=day(self._before_box, self._before),
            last_visit_after=day(self._after_box, self._after),
            service_category=(
                self._category.currentData() if self._category_box.isChecked() else None
            ),
            staff_id=self._staff.currentData() if self._staff_box.isChecked() else None,
            birthday_from=from_qdate(self._birthday_from.date()) if birthday else None,
            birthday_to=from_qdate(self._birthday_to.date()) if birthday else None,
            min_visits=self._min_visits.value() if self._min_box.isChecked() else None,
            max_visits=self._max_visits.value() if self._max_box.isChecked() else None,
            new_since=day(self._new_box, self._new_since),
        )

    def suggest_for(self, kind: CampaignType) -> None:
        """Tick the filter a type usually needs, unless the owner already chose filters."""
        if self.filters() != AudienceFilters():
            return
        if kind is CampaignType.BIRTHDAY:
            self._birthday_box.setChecked(True)
        elif kind is CampaignType.WIN_BACK:
            self._before_box.setChecked(True)

    # ---- slots --------------------------------------------------------------------------
    def _on_box_toggled(self, _checked: bool) -> None:
        for box, editors in self._pairs:
            for editor in editors:
                editor.setEnabled(box.isChecked())
        self.filters_changed.emit()

    def _on_value_changed(self, *_args: object) -> None:
        self.filters_changed.emit()

    def _on_clear_clicked(self) -> None:
        for box, _editors in self._pairs:
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self._on_box_toggled(False)
