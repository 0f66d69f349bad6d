"""A recurring series booked from the booking dialog (issue 14): ten weekly appointments,
two conflicts listed with their proposals, one moved, one skipped → nine booked;
cancelling "this and all following" on the 5th leaves four. On both backends."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.enums import AppointmentStatus
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import CustomerRow
from desk_app.ui.calendar.booking_dialog import BookingDialog
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.calendar.series_cancel import SeriesCancelQuestion
from desk_app.ui.calendar.series_conflicts import SeriesConflictsDialog
from desk_app.ui.context import UiContext
from desk_app.ui.customers.series_list import SeriesList
from desk_app.ui.customers.visit_list import VisitList
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, berlin, make_salon
from tests.support.ui import open_weekdays, press

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
FIRST = date(2026, 11, 25)  # the clock fixture's Wednesday
THIRD, SEVENTH, FIFTH = (FIRST + timedelta(weeks=k) for k in (2, 6, 4))
# Set to a folder to look at the dialogs (grab() of the real widgets, offscreen).
SHOTS = os.environ.get("DESK_SHOTS")


@pytest.fixture
def salon(services: Services) -> Salon:
    open_weekdays(services)
    return make_salon(services)


@pytest.fixture
def page(
    qtbot: QtBot, ctx: UiContext, clock: Clock, salon: Salon, alive: list[object]
) -> CalendarPage:
    calendar = CalendarPage(ctx, clock=clock)
    qtbot.addWidget(calendar)
    alive.append(calendar)
    calendar.resize(1180, 720)
    calendar.show()
    qtbot.waitExposed(calendar)
    qtbot.waitUntil(lambda: calendar.day_view().column_count() == 2)
    return calendar


def _active_indexes(services: Services) -> list[int | None]:
    with services.db.read() as s:
        return list(
            s.scalars(
                select(m.Appointment.series_index)
                .where(
                    m.Appointment.series_id.is_not(None),
                    m.Appointment.status == AppointmentStatus.BOOKED.value,
                )
                .order_by(m.Appointment.series_index)
            )
        )


def _shot(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


def _child(parent: object, kind: type, name: str) -> object:
    found = parent.findChild(kind, name)  # type: ignore[attr-defined]
    assert found is not None, name
    return found


def test_series_of_ten_two_conflicts_moved_and_skipped_then_cut_short(
    qtbot: QtBot, page: CalendarPage, ctx: UiContext, services: Services, salon: Salon
) -> None:
    anna: CustomerRow = add_customer(services)
    bea = add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")
    for day in (THIRD, SEVENTH):
        services.booking.book(
            BookingRequest(
                bea.id, salon.stylist.id, salon.cut.id, berlin(day.year, day.month, day.day, 10)
            )
        )

    dialog: BookingDialog = page.open_booking_dialog(salon.stylist.id, berlin(2026, 11, 25, 10))
    dialog.set_customer(anna)
    service = _child(dialog, QComboBox, "service")
    qtbot.waitUntil(lambda: service.count() == 2)  # type: ignore[attr-defined]
    service.setCurrentIndex(0)  # type: ignore[attr-defined]  # Damenhaarschnitt, 45 min
    repeat = _child(dialog, QCheckBox, "repeat")
    assert not repeat.isChecked()  # type: ignore[attr-defined]  # off by default
    repeat.setFocus()  # type: ignore[attr-defined]
    press(repeat, Qt.Key.Key_Space)  # type: ignore[arg-type]
    assert _child(dialog, QSpinBox, "repeat_count").value() == 10  # type: ignore[attr-defined]
    qtbot.waitUntil(dialog.is_ready)
    _shot(dialog, "booking_dialog_repeat")

    press(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.findChild(SeriesConflictsDialog) is not None)
    conflicts = dialog.findChild(SeriesConflictsDialog)
    assert conflicts is not None
    qtbot.waitUntil(conflicts.isVisible)
    _shot(conflicts, "series_conflicts")
    # Both listed, each with the proposal next to it: 09:15, ending as Bea's begins.
    third = _child(conflicts, QLabel, "conflict_2").text()  # type: ignore[attr-defined]
    seventh = _child(conflicts, QLabel, "conflict_6").text()  # type: ignore[attr-defined]
    assert "3 of 10" in third and "Bea Bauer" in third and "Proposed: 09/12/2026 09:15" in third
    assert "7 of 10" in seventh and "Proposed: 06/01/2027 09:15" in seventh
    assert [box.objectName() for box in conflicts.choice_boxes()] == ["choice_2", "choice_6"]

    # The third: another time, chosen by keyboard; the seventh: skipped.
    move, skip = conflicts.choice_boxes()
    move.setFocus()
    press(move, Qt.Key.Key_Down)
    press(move, Qt.Key.Key_Down)
    assert move.currentText() == "Other time"
    other = _child(conflicts, QDateTimeEdit, "other_time_2")
    assert other.isEnabled()  # type: ignore[attr-defined]
    other.setDateTime(QDateTime(THIRD.year, THIRD.month, THIRD.day, 14, 0, 0))  # type: ignore[attr-defined]
    skip.setFocus()
    press(skip, Qt.Key.Key_Down)
    assert skip.currentText() == "Skip"
    with qtbot.waitSignal(dialog.booked):
        _child(conflicts, QPushButton, "book_series").click()  # type: ignore[attr-defined]

    assert _active_indexes(services) == [0, 1, 2, 3, 4, 5, 7, 8, 9]
    with services.db.read() as s:
        moved = s.scalar(select(m.Appointment).where(m.Appointment.series_index == 2))
        assert moved is not None and moved.starts_at == berlin(2026, 12, 9, 14)

    # Cancel the 5th: "this and all following" leaves the first four.
    page.set_date(FIFTH)
    qtbot.waitUntil(
        lambda: any(
            a.series_index == 4 for c in page.day_view().canvas().columns() for a in c.appointments
        )
    )
    row = next(
        a for c in page.day_view().canvas().columns() for a in c.appointments if a.series_index
    )
    page.cancel_appointment(row)
    question = page.findChild(SeriesCancelQuestion)
    assert question is not None
    qtbot.waitUntil(question.isVisible)
    _shot(question, "series_cancel")
    question.following.click()
    qtbot.waitUntil(lambda: _active_indexes(services) == [0, 1, 2, 3])

    # The series on the customer: each visit says which one of the series it is.
    visits = VisitList()
    qtbot.addWidget(visits)
    visits.show_visits(services.directory.visits(anna.id), "Europe/Berlin")
    services_column = [
        (visits.topLevelItem(i).text(2), visits.topLevelItem(i).text(4))
        for i in range(visits.topLevelItemCount())
    ]
    assert len(services_column) == 9  # newest first; the skipped one never existed
    assert services_column[-3] == ("Damenhaarschnitt · 3 of 10", "Booked")
    assert services_column[0] == ("Damenhaarschnitt · 10 of 10", "Cancelled")

    # The series on the customer: the rule in words, what is left, and the rest
    # cancelled from there (keys: the button, then Yes).
    series = SeriesList(ctx)
    qtbot.addWidget(series)
    series.resize(640, 200)
    series.show()
    with qtbot.waitSignal(series.loaded):
        series.show_customer(anna.id)
    item = series.tree().topLevelItem(0)
    assert item is not None
    assert [item.text(i) for i in range(4)] == [
        "every week, Wednesday 10:00",
        "Damenhaarschnitt",
        "Jörg Weiß",
        "4 of 10 remaining",
    ]
    _shot(series, "customer_series")
    button = series.cancel_button()
    assert button.isEnabled()
    button.setFocus()
    press(button, Qt.Key.Key_Space)
    question = series.cancel_question()
    assert question is not None
    qtbot.waitUntil(question.isVisible)
    assert "4 remaining appointments" in question.text()
    _shot(question, "customer_series_cancel")
    yes = question.button(QMessageBox.StandardButton.Yes)
    yes.setFocus()
    with qtbot.waitSignal(series.loaded):
        press(yes, Qt.Key.Key_Space)
    assert _active_indexes(services) == []
    item = series.tree().topLevelItem(0)
    assert item is not None and item.text(3) == "ended"
    assert item.text(0) == "every week"
    assert not button.isEnabled()
