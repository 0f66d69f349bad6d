"""The conflicts step of a recurring booking: each occurrence that cannot be booked where
the rule puts it, why, and the free time proposed next to it; per row the receptionist
accepts the proposal, skips the occurrence or moves it to a time of their own.

The same step comes when "this and all following" occurrences of a booked series are
changed (``SeriesChanges.plan``): then skipping one leaves it as it was, and the button
changes the series.

Keyboard: Tab walks the rows (choice, then the other time), the arrow keys change a
choice, Enter books (or changes) the series, Escape goes back. Only a widget:
``decisions()`` is what the dialog hands to ``SeriesService.book`` or
``SeriesChanges.apply``."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.series import Choice, Decision, PlannedOccurrence, SeriesPlan
from desk_app.services.series_changes import FollowingPlan
from desk_app.texts.error_text import describe, format_moment
from desk_app.texts.wall_clock import wall_clock


class SeriesConflictsDialog(QDialog):
    def __init__(
        self, plan: SeriesPlan | FollowingPlan, time_zone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("series_conflicts")
        self._zone = time_zone
        self._changing = isinstance(plan, FollowingPlan)
        self._rows: list[tuple[PlannedOccurrence, QComboBox, QDateTimeEdit]] = []
        conflicts = plan.conflicts
        reached = len(plan.occurrences)
        total = plan.total if isinstance(plan, FollowingPlan) else reached
        self.setWindowTitle(self.tr("Recurring appointment: conflicts"))
        cannot = (
            self.tr("%n of the appointments cannot be moved to their new time:", "", len(conflicts))
            if self._changing
            else self.tr(
                "%n of the appointments cannot be booked at their time:", "", len(conflicts)
            )
        )
        heading = QLabel(
            cannot
            + " "
            + self.tr("{booked} of {total} are free.").format(
                booked=reached - len(conflicts), total=reached
            )
        )
        heading.setWordWrap(True)
        grid = QGridLayout()
        for row, occurrence in enumerate(conflicts):
            grid.addWidget(self._describe(occurrence, total), row, 0)
            choice, other = self._choice_widgets(occurrence)
            grid.addWidget(choice, row, 1)
            grid.addWidget(other, row, 2)
            self._rows.append((occurrence, choice, other))
        grid.setColumnStretch(0, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        book = buttons.button(QDialogButtonBox.StandardButton.Ok)
        book.setText(self.tr("&Change series") if self._changing else self.tr("&Book series"))
        book.setObjectName("book_series")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.setMinimumWidth(640)  # a row's reason in three lines, not five
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self._scrolling(grid), 1)
        layout.addWidget(buttons)
        book.setDefault(True)  # now the dialog's: see the waitlist dialog
        chain: list[QWidget] = [w for _, choice, other in self._rows for w in (choice, other)]
        for first, second in zip([*chain, book], [*chain, book][1:], strict=False):
            QWidget.setTabOrder(first, second)
        if chain:
            chain[0].setFocus()

    def _scrolling(self, grid: QGridLayout) -> QScrollArea:
        """The rows scroll: laid out in the dialog, a dozen conflicts made it taller than
        the counter's screen, and each row's text was cut to the height Qt gave it
        without its line breaks (the proposal, the line that matters, unseen). Tab
        scrolls the focused row into view."""
        rows = QWidget()
        rows.setObjectName("conflict_rows")
        rows.setLayout(grid)
        scroll = QScrollArea()
        scroll.setObjectName("conflict_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the rows' fields take the keys
        scroll.setWidget(rows)
        return scroll

    def choice_boxes(self) -> list[QComboBox]:
        return [choice for _, choice, _ in self._rows]

    def other_time_fields(self) -> list[QDateTimeEdit]:
        return [other for _, _, other in self._rows]

    def decisions(self) -> dict[int, Decision]:
        decided = {}
        for occurrence, choice_box, other in self._rows:
            choice = Choice(choice_box.currentData())
            if choice is Choice.SKIP:
                decided[occurrence.index] = Decision(Choice.SKIP)
            elif choice is Choice.ACCEPT:
                decided[occurrence.index] = Decision(Choice.ACCEPT, occurrence.proposal)
            else:
                picked = other.dateTime()
                moment = datetime(
                    picked.date().year(),
                    picked.date().month(),
                    picked.date().day(),
                    picked.time().hour(),
                    picked.time().minute(),
                    tzinfo=ZoneInfo(self._zone),
                )
                decided[occurrence.index] = Decision(Choice.MOVE, moment)
        return decided

    def _describe(self, occurrence: PlannedOccurrence, total: int) -> QLabel:
        assert occurrence.problem is not None
        text = self.tr("{n} of {total}: {when}").format(
            n=occurrence.index + 1,
            total=total,
            when=format_moment(occurrence.starts_at, self._zone),
        )
        proposal = (
            self.tr("Proposed: {when}").format(when=format_moment(occurrence.proposal, self._zone))
            if occurrence.proposal is not None
            else self.tr("No free time found in the week after.")
        )
        reason = describe(occurrence.problem, self._zone)
        parts = (html.escape(text), html.escape(reason), html.escape(proposal))
        label = QLabel("<b>{}</b><br>{}<br>{}".format(*parts))
        label.setWordWrap(True)
        label.setObjectName(f"conflict_{occurrence.index}")
        return label

    def _choice_widgets(self, occurrence: PlannedOccurrence) -> tuple[QComboBox, QDateTimeEdit]:
        choice = QComboBox()
        choice.setObjectName(f"choice_{occurrence.index}")
        if occurrence.proposal is not None:
            choice.addItem(self.tr("Accept proposal"), Choice.ACCEPT.value)
        skip = self.tr("Leave as it is") if self._changing else self.tr("Skip")
        choice.addItem(skip, Choice.SKIP.value)
        choice.addItem(self.tr("Other time"), Choice.MOVE.value)
        other = QDateTimeEdit()
        other.setObjectName(f"other_time_{occurrence.index}")
        other.setDisplayFormat("dd.MM.yyyy HH:mm")
        start = occurrence.proposal or occurrence.starts_at
        other.setDateTime(QDateTime(wall_clock(start, self._zone)))
        other.setEnabled(False)
        choice.currentIndexChanged.connect(
            lambda _i: other.setEnabled(choice.currentData() == Choice.MOVE.value)
        )
        return choice, other
