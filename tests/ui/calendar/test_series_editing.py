"""Changing an occurrence of a recurring series in the calendar (issue 14): a drag asks
"only this / this and all following"; "following" checks every later occurrence, lists
the conflict with its proposal, the receptionist leaves it as it is, the rest moves in
one undoable step; a resize by key changes only this one; another service from the
appointment menu changes the rest. On both backends."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desk_app.domain.recurrence import Frequency, SeriesRule
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow
from desk_app.services.series import SeriesRequest
from desk_app.ui.calendar.appointment_menu import AppointmentMenu
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.calendar.series_cancel import SeriesChangeQuestion
from desk_app.ui.calendar.series_change import SeriesChangeFlow
from desk_app.ui.context import UiContext
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, berlin, make_salon
from tests.support.ui import drag, open_weekdays

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    # The appointment menu, a popup, offscreen:
    "does not support raise",
    "does not support grabbing the keyboard",
)
FIRST = date(2026, 11, 25)  # the clock fixture's Wednesday
SHOTS = os.environ.get("DESK_SHOTS")  # a folder: the dialogs as grab() PNGs


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
    calendar.activateWindow()  # as at the counter: the window in front has the keys
    assert QTest.qWaitForWindowActive(calendar)
    qtbot.waitUntil(lambda: calendar.day_view().column_count() == 2)
    return calendar


def _wednesday(week: int, hour: int, minute: int = 0) -> datetime:
    day = FIRST + timedelta(weeks=week)
    return berlin(day.year, day.month, day.day, hour, minute)


def _shot(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


def _show_week(qtbot: QtBot, page: CalendarPage, week: int, appointment_id: int) -> None:
    page.set_date(FIRST + timedelta(weeks=week))
    qtbot.waitUntil(lambda: page.day_view().canvas().block_rect(appointment_id) is not None)


def _idle(qtbot: QtBot, page: CalendarPage) -> None:
    qtbot.waitUntil(lambda: not page.commands().busy())
    with qtbot.waitSignal(page.loaded):
        page.refresh()


def _question(qtbot: QtBot, page: CalendarPage) -> SeriesChangeQuestion:
    qtbot.waitUntil(lambda: page.series_question() is not None)
    question = page.series_question()
    assert isinstance(question, SeriesChangeQuestion)
    return question


def _key(widget: QWidget, key: Qt.Key) -> None:
    """A key where the cursor is: ``widget`` has the focus first (offscreen, a new
    window does not take the focus by itself; on a desktop it does)."""
    widget.setFocus()
    QTest.keyClick(widget, key)


def _starts(services: Services, rows: list[AppointmentRow]) -> list[datetime]:
    return [services.booking.get(r.id).starts_at for r in rows]


def test_drag_this_and_all_following_with_a_conflict_then_undo_resize_and_service(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon
) -> None:
    anna = add_customer(services)
    rule = SeriesRule(Frequency.WEEKLY, 1, count=6)
    rows = services.series.book(
        SeriesRequest(anna.id, salon.stylist.id, salon.cut.id, FIRST, time(10, 0), rule), {}
    )
    bea = add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")
    services.booking.book(BookingRequest(bea.id, salon.stylist.id, salon.cut.id, _wednesday(3, 11)))

    # The 2nd occurrence dragged to 11:00: the question comes first.
    _show_week(qtbot, page, 1, rows[1].id)
    canvas = page.day_view().canvas()
    rect = canvas.block_rect(rows[1].id)
    assert rect is not None
    target = canvas.point_at(page.day_view().column_index(salon.stylist.id) or 0, time(11))
    grab, drop = QPoint(rect.left() + 20, rect.top() + 6), QPoint(target.x(), target.y() + 3)
    # Kept as it was: nothing changes, the block is back where it was.
    drag(canvas, grab, drop)
    question = _question(qtbot, page)
    _key(question.keep, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: canvas.block_rect(rows[1].id) == rect)
    assert _starts(services, rows) == [_wednesday(w, 10) for w in range(6)]
    assert page.undo_stack().count() == 0

    drag(canvas, grab, drop)
    question = _question(qtbot, page)
    _shot(question, "series_change_question")
    assert question.defaultButton() is question.only
    _key(question.following, Qt.Key.Key_Space)

    # Every later occurrence checked: the 4th clashes with Bea, proposed 10:15 that day.
    qtbot.waitUntil(
        lambda: (
            isinstance(page.series_flow(), SeriesChangeFlow)
            and page.series_flow().conflicts_dialog() is not None
        )  # type: ignore[union-attr]
    )
    flow = page.series_flow()
    assert isinstance(flow, SeriesChangeFlow)
    conflicts = flow.conflicts_dialog()
    assert conflicts is not None
    qtbot.waitUntil(conflicts.isVisible)
    _shot(conflicts, "series_change_conflicts")
    label = conflicts.findChild(QLabel, "conflict_3")
    assert label is not None
    assert "4 of 6" in label.text() and "Bea Bauer" in label.text()
    assert "Proposed: 16/12/2026 10:15" in label.text()
    [choice] = conflicts.choice_boxes()
    assert isinstance(choice, QComboBox)
    _key(choice, Qt.Key.Key_Down)
    assert choice.currentText() == "Leave as it is"
    _key(conflicts.findChild(QPushButton, "book_series"), Qt.Key.Key_Return)
    _idle(qtbot, page)

    assert _starts(services, rows) == [
        _wednesday(0, 10),
        _wednesday(1, 11),
        _wednesday(2, 11),
        _wednesday(3, 10),  # left as it was
        _wednesday(4, 11),
        _wednesday(5, 11),
    ]
    # One step on the undo stack: undo puts every one back, redo moves them again.
    assert page.undo_stack().count() == 1
    assert "series" in page.undo_stack().undoText()
    page.undo_stack().undo()
    _idle(qtbot, page)
    assert _starts(services, rows) == [_wednesday(w, 10) for w in range(6)]
    page.undo_stack().redo()
    _idle(qtbot, page)
    assert _starts(services, rows)[4] == _wednesday(4, 11)

    # A resize by key (Alt+Shift+Down: 15 minutes longer): only this one (Enter).
    _show_week(qtbot, page, 4, rows[4].id)
    rect = canvas.block_rect(rows[4].id)
    assert rect is not None
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=rect.center())
    # Alt+Shift+Down (its menu bar entry; offscreen the page is not the active window the
    # key would need): 15 minutes longer.
    page.keyboard_actions()["longer"].trigger()
    question = _question(qtbot, page)
    assert question.defaultButton() is question.only
    _key(question.only, Qt.Key.Key_Space)
    _idle(qtbot, page)
    lengths = [services.booking.get(r.id) for r in rows]
    assert [int((a.ends_at - a.starts_at).seconds // 60) for a in lengths] == [
        45,
        45,
        45,
        45,
        60,
        45,
    ]

    # Another service from the appointment's menu (Enter opens it), for the rest.
    _key(canvas, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.findChild(AppointmentMenu) is not None)
    menu = page.findChild(AppointmentMenu)
    assert menu is not None
    qtbot.waitUntil(lambda: len(menu.service_menu().actions()) == 2)
    _shot(menu.service_menu(), "appointment_menu_services")
    colour = next(a for a in menu.service_menu().actions() if a.text() == "Färben")
    assert menu.service_menu().menuAction().isEnabled()
    colour.trigger()
    menu.close()
    question = _question(qtbot, page)
    _key(question.following, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: services.booking.get(rows[5].id).service_id == salon.colour.id)
    _idle(qtbot, page)
    changed = [services.booking.get(r.id) for r in rows]
    assert [a.service_id == salon.colour.id for a in changed] == [False] * 4 + [True] * 2
    assert [int((a.ends_at - a.starts_at).seconds // 60) for a in changed][4:] == [90, 90]
    assert page.undo_stack().count() == 3
