"""The calendar page: day and week views, drag-move, resize, undo/redo, new bookings."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QListView, QMenu
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import AbsenceKind, AppointmentStatus
from desk_app.domain.recurrence import Frequency, SeriesRule
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow, CustomerRow
from desk_app.services.series import SeriesRequest
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.calendar.cancel_dialog import LateCancelDialog
from desk_app.ui.calendar.grid import TimeGridCanvas
from desk_app.ui.calendar.series_cancel import SeriesCancelQuestion
from desk_app.ui.context import UiContext
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, berlin, make_salon, outbox_messages
from tests.support.ui import (
    double_click,
    drag,
    open_weekdays,
    press,
    type_text,
)

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
WEDNESDAY = date(2026, 11, 25)  # the clock fixture's day, 09:00 in Berlin


@pytest.fixture
def salon(services: Services) -> Salon:
    open_weekdays(services)
    return make_salon(services)


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    return add_customer(services)


@pytest.fixture
def bea(services: Services) -> CustomerRow:
    return add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")


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


def _book(
    services: Services, customer: CustomerRow, staff_id: int, service_id: int, hour: int
) -> AppointmentRow:
    return services.booking.book(
        BookingRequest(customer.id, staff_id, service_id, berlin(2026, 11, 25, hour))
    )


def _reload(qtbot: QtBot, page: CalendarPage) -> None:
    with qtbot.waitSignal(page.loaded):
        page.refresh()


def _canvas(page: CalendarPage) -> TimeGridCanvas:
    return page.current_view().canvas()


def _idle(qtbot: QtBot, page: CalendarPage) -> None:
    """Wait until every change was saved and the calendar reloaded."""
    qtbot.waitUntil(lambda: not page.commands().busy())
    _reload(qtbot, page)


def _column(page: CalendarPage, staff_id: int) -> int:
    index = page.day_view().column_index(staff_id)
    assert index is not None
    return index


def _drag_block_to(page: CalendarPage, row: AppointmentRow, column: int, local: time) -> None:
    canvas = _canvas(page)
    rect = canvas.block_rect(row.id)
    assert rect is not None
    grab = QPoint(rect.left() + 20, rect.top() + 6)  # 6 px below the top: 4 minutes
    target = canvas.point_at(column, local)
    drag(canvas, grab, QPoint(target.x(), target.y() - 3 + 6))


# ---- showing --------------------------------------------------------------------------------
def test_day_view_shows_staff_columns_and_blocks(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    row = _book(services, anna, salon.stylist.id, salon.cut.id, 10)
    _reload(qtbot, page)

    canvas = _canvas(page)
    assert [c.title for c in canvas.columns()] == ["Aylin Öztürk", "Jörg Weiß"]
    assert canvas.visible_range() == (9 * 60, 18 * 60)
    rect = canvas.block_rect(row.id)
    assert rect is not None
    x, width = canvas.column_span(_column(page, salon.stylist.id))
    assert x <= rect.left() and rect.right() <= x + width
    assert abs(rect.top() - canvas.y_of(10 * 60)) <= 1
    assert abs(rect.height() - 45 * 1.5) <= 2
    assert "Anna Müller" in canvas.tooltip_text(row)


def test_navigation_and_jump_to_date(qtbot: QtBot, page: CalendarPage) -> None:
    assert page.current_date() == WEDNESDAY
    with qtbot.waitSignal(page.loaded):
        page.next_day()
    assert page.current_date() == date(2026, 11, 26)
    with qtbot.waitSignal(page.loaded):
        page.previous_day()
        page.previous_day()
    assert page.current_date() == date(2026, 11, 24)
    with qtbot.waitSignal(page.loaded):
        page.go_today()
    assert page.current_date() == WEDNESDAY
    with qtbot.waitSignal(page.loaded):
        page.set_date(date(2026, 12, 24))
    plan = page.day_view().plan()
    assert plan is not None and plan.day == date(2026, 12, 24)


def test_week_view_of_one_staff_member(
    qtbot: QtBot,
    page: CalendarPage,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bea: CustomerRow,
) -> None:
    mine = _book(services, anna, salon.stylist.id, salon.cut.id, 10)
    _book(services, bea, salon.other_stylist.id, salon.cut.id, 10)
    page.set_week_staff(salon.stylist.id)
    with qtbot.waitSignal(page.loaded):
        page.set_mode("week")
    week = page.week_view()
    assert week.column_count() == 7
    assert [c.day for c in week.canvas().columns()][0] == date(2026, 11, 23)
    assert week.canvas().block_rect(mine.id) is not None
    assert week.canvas().columns()[2].appointments == (services.booking.get(mine.id),)
    assert sum(len(c.appointments) for c in week.canvas().columns()) == 1

    # Drag to Friday 15:00 in the week view: another day, same staff member.
    _drag_block_to(page, mine, 4, time(15, 0))
    _idle(qtbot, page)
    moved = services.booking.get(mine.id)
    assert (moved.staff_id, moved.starts_at) == (salon.stylist.id, berlin(2026, 11, 27, 15))


def test_closed_time_absences_and_cancelled_blocks_are_shown(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    row = _book(services, anna, salon.stylist.id, salon.cut.id, 10)
    services.booking.cancel(row.id)
    services.catalogue.add_absence(
        salon.stylist.id, AbsenceKind.BREAK, berlin(2026, 11, 25, 12), berlin(2026, 11, 25, 13)
    )
    _reload(qtbot, page)
    column = next(c for c in _canvas(page).columns() if c.staff_id == salon.stylist.id)
    assert [a.kind for a in column.absences] == [AbsenceKind.BREAK]
    assert [a.status for a in column.appointments] == [AppointmentStatus.CANCELLED]
    assert _canvas(page).block_rect(row.id) is not None
    image = page.grab()
    assert not image.isNull()


def test_own_hours_and_closed_days_are_shaded(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon
) -> None:
    services.catalogue.set_staff_hours(salon.stylist.id, [OpeningInterval(2, time(12), time(18))])
    services.catalogue.add_closure(date(2026, 11, 26), date(2026, 11, 26), "Betriebsausflug")
    _reload(qtbot, page)
    columns = {c.staff_id: c for c in _canvas(page).columns()}
    assert columns[salon.stylist.id].working == ((time(12), time(18)),)  # Wednesday
    assert columns[salon.other_stylist.id].working is None  # the opening hours
    with qtbot.waitSignal(page.loaded):
        page.set_date(date(2026, 11, 26))
    for column in _canvas(page).columns():
        assert (column.working, column.closed) == ((), "Betriebsausflug")


# ---- moving ---------------------------------------------------------------------------------
def test_drag_onto_a_booked_slot_reverts_with_a_message(
    qtbot: QtBot,
    page: CalendarPage,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bea: CustomerRow,
) -> None:
    mine = _book(services, anna, salon.stylist.id, salon.cut.id, 10)
    _book(services, bea, salon.other_stylist.id, salon.colour.id, 14)
    _reload(qtbot, page)
    before = _canvas(page).block_rect(mine.id)

    with qtbot.waitSignal(page.message_shown) as blocker:
        _drag_block_to(page, mine, _column(page, salon.other_stylist.id), time(14, 30))
    _idle(qtbot, page)

    assert "Aylin Öztürk is already booked then" in blocker.args[0]
    assert "Bea Bauer" in blocker.args[0]
    assert page.message() == blocker.args[0]
    unchanged = services.booking.get(mine.id)
    assert (unchanged.staff_id, unchanged.starts_at) == (mine.staff_id, mine.starts_at)
    assert _canvas(page).block_rect(mine.id) == before
    assert page.undo_stack().count() == 0


def test_drag_move_to_other_staff_and_time_then_undo_and_redo(
    qtbot: QtBot,
    page: CalendarPage,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
) -> None:
    mine = _book(services, anna, salon.stylist.id, salon.cut.id, 10)
    _reload(qtbot, page)
    original = _canvas(page).block_rect(mine.id)

    _drag_block_to(page, mine, _column(page, salon.other_stylist.id), time(11, 15))
    _idle(qtbot, page)

    moved = services.booking.get(mine.id)
    assert (moved.staff_id, moved.starts_at) == (
        salon.other_stylist.id,
        berlin(2026, 11, 25, 11, 15),
    )
    assert moved.ends_at == berlin(2026, 11, 25, 12)
    assert page.undo_stack().count() == 1
    assert "Anna Müller" in page.undo_stack().undoText()
    assert page.message() == ""

    page.undo_stack().undo()
    _idle(qtbot, page)
    back = services.booking.get(mine.id)
    assert (back.staff_id, back.starts_at, back.ends_at) == (
        mine.staff_id,
        mine.starts_at,
        mine.ends_at,
    )
    assert _canvas(page).block_rect(mine.id) == original

    page.undo_stack().redo()
    _idle(qtbot, page)
    assert services.booking.get(mine.id).starts_at == berlin(2026, 11, 25, 11, 15)


def test_refused_undo_keeps_the_stack_where_the_database_is(
    qtbot: QtBot,
    page: CalendarPage,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bea: CustomerRow,
) -> None:
    mine = _book(services, anna, salon.stylist.id, salon.cut.id, 10)
    _reload(qtbot, page)
    _drag_block_to(page, mine, _column(page, salon.stylist.id), time(15, 0))
    _idle(qtbot, page)
    # Another counter PC books the old slot meanwhile.
    _book(services, bea, salon.stylist.id, salon.cut.id, 10)

    with qtbot.waitSignal(page.message_shown) as blocker:
        page.undo_stack().undo()
    _idle(qtbot, page)

    assert "Bea Bauer" in blocker.args[0]
    assert services.booking.get(mine.id).starts_at == berlin(2026, 11, 25, 15)
    assert page.undo_stack().index() == 1  # still undoable once the slot is free again
    assert page.undo_stack().canUndo() and not page.undo_stack().canRedo()


def test_resize_by_the_bottom_edge_and_undo(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    mine = _book(services, anna, salon.stylist.id, salon.cut.id, 10)
    _reload(qtbot, page)
    canvas = _canvas(page)
    rect = canvas.block_rect(mine.id)
    assert rect is not None
    edge = QPoint(rect.center().x(), rect.bottom() - 2)
    target_y = int(canvas.y_of(11 * 60 + 30))  # 10:45 → 11:30: 90 minutes

    drag(canvas, edge, QPoint(edge.x(), target_y + 4))
    _idle(qtbot, page)

    resized = services.booking.get(mine.id)
    assert (resized.starts_at, resized.ends_at) == (mine.starts_at, berlin(2026, 11, 25, 11, 30))
    page.undo_stack().undo()
    _idle(qtbot, page)
    assert services.booking.get(mine.id).ends_at == mine.ends_at


def test_resize_into_a_following_booking_is_refused(
    qtbot: QtBot,
    page: CalendarPage,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bea: CustomerRow,
) -> None:
    mine = _book(services, anna, salon.stylist.id, salon.cut.id, 10)
    _book(services, bea, salon.stylist.id, salon.cut.id, 11)
    _reload(qtbot, page)
    canvas = _canvas(page)
    rect = canvas.block_rect(mine.id)
    assert rect is not None
    edge = QPoint(rect.center().x(), rect.bottom() - 2)
    with qtbot.waitSignal(page.message_shown):
        drag(canvas, edge, QPoint(edge.x(), int(canvas.y_of(11 * 60 + 30)) + 4))
    _idle(qtbot, page)
    assert services.booking.get(mine.id).ends_at == mine.ends_at
    assert canvas.block_rect(mine.id) == rect


def test_done_and_cancelled_blocks_cannot_be_dragged(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    mine = _book(services, anna, salon.stylist.id, salon.cut.id, 10)
    services.booking.set_status(mine.id, AppointmentStatus.DONE)
    _reload(qtbot, page)
    _drag_block_to(page, mine, _column(page, salon.stylist.id), time(15, 0))
    qtbot.wait(50)
    assert not page.commands().busy()
    assert services.booking.get(mine.id).starts_at == mine.starts_at
    assert page.undo_stack().count() == 0


# ---- cancelling and status marks --------------------------------------------------------------
def test_delete_cancels_the_selected_appointment_and_undo_restores_it(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    mine = _book(services, anna, salon.stylist.id, salon.cut.id, 10)
    _reload(qtbot, page)
    canvas = _canvas(page)
    rect = canvas.block_rect(mine.id)
    assert rect is not None
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=rect.center())
    selected = canvas.selected()
    assert selected is not None and selected.id == mine.id
    press(canvas, Qt.Key.Key_Delete)
    # An hour before its start: inside the salon's cutoff, so it asks first.
    qtbot.waitUntil(lambda: page.cancel_dialog() is not None)
    dialog = page.cancel_dialog()
    assert isinstance(dialog, LateCancelDialog) and dialog.counts()
    press(dialog.late, Qt.Key.Key_Return)
    _idle(qtbot, page)
    cancelled = services.booking.get(mine.id)
    assert cancelled.status is AppointmentStatus.CANCELLED and cancelled.late_cancellation

    page.undo_stack().undo()
    _idle(qtbot, page)
    assert services.booking.get(mine.id).status is AppointmentStatus.BOOKED
    assert not services.booking.get(mine.id).late_cancellation

    # Unticked, the salon waives it: an ordinary cancellation.
    page.cancel_appointment(services.booking.get(mine.id))
    qtbot.waitUntil(lambda: page.cancel_dialog() is not None)
    dialog = page.cancel_dialog()
    assert isinstance(dialog, LateCancelDialog)
    dialog.late.setChecked(False)
    dialog.confirm.click()
    _idle(qtbot, page)
    waived = services.booking.get(mine.id)
    assert waived.status is AppointmentStatus.CANCELLED and not waived.late_cancellation


def test_cancelling_a_series_from_an_occurrence_inside_the_cutoff_asks_too(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    rule = SeriesRule(Frequency.WEEKLY, 1, count=3)
    first, *_later = services.series.book(
        SeriesRequest(anna.id, salon.stylist.id, salon.cut.id, WEDNESDAY, time(10, 0), rule), {}
    )
    page.cancel_appointment(first)  # an hour from now
    question = page.findChild(SeriesCancelQuestion)
    assert question is not None
    qtbot.waitUntil(question.isVisible)
    question.following.click()
    qtbot.waitUntil(lambda: page.cancel_dialog() is not None)
    dialog = page.cancel_dialog()
    assert isinstance(dialog, LateCancelDialog) and dialog.counts()
    dialog.confirm.click()
    qtbot.waitUntil(lambda: services.series.active_count(first.series_id or 0) == 0)
    assert services.booking.get(first.id).late_cancellation
    assert services.booking.attendance(anna.id).late_cancellations == 1


def test_a_cancellation_in_good_time_asks_nothing(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    friday = services.booking.book(
        BookingRequest(anna.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 27, 10))
    )
    page.cancel_appointment(friday)
    qtbot.waitUntil(lambda: services.booking.get(friday.id).status is AppointmentStatus.CANCELLED)
    assert page.cancel_dialog() is None
    assert not services.booking.get(friday.id).late_cancellation


def test_status_marks_are_undoable(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    mine = _book(services, anna, salon.stylist.id, salon.cut.id, 10)
    page.set_status(mine, AppointmentStatus.ARRIVED)
    _idle(qtbot, page)
    assert services.booking.get(mine.id).status is AppointmentStatus.ARRIVED
    page.undo_stack().undo()
    _idle(qtbot, page)
    assert services.booking.get(mine.id).status is AppointmentStatus.BOOKED


def test_switching_notify_on_later_queues_the_confirmation(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    mine = services.booking.book(
        BookingRequest(
            anna.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 25, 10), notify=False
        )
    )
    with qtbot.waitSignal(page.loaded):
        page.set_notify(mine, True)
    assert services.booking.get(mine.id).notify is True
    [message] = outbox_messages(services.db)
    assert message.appointment_id == mine.id


# ---- creating -------------------------------------------------------------------------------
def test_double_click_on_free_time_opens_the_dialog_for_that_slot(
    qtbot: QtBot, page: CalendarPage, salon: Salon
) -> None:
    canvas = _canvas(page)
    with qtbot.waitSignal(page.day_view().booking_requested) as blocker:
        double_click(canvas, canvas.point_at(_column(page, salon.other_stylist.id), time(14, 40)))
    assert blocker.args == [salon.other_stylist.id, berlin(2026, 11, 25, 14, 30), 0]
    dialog = page.booking_dialog()
    assert dialog is not None and dialog.isVisible()
    assert dialog.starts_at() == berlin(2026, 11, 25, 14, 30)


def test_drag_over_free_time_asks_for_a_booking_of_that_length(
    qtbot: QtBot, page: CalendarPage, salon: Salon
) -> None:
    canvas = _canvas(page)
    column = _column(page, salon.stylist.id)
    with qtbot.waitSignal(page.day_view().booking_requested) as blocker:
        drag(canvas, canvas.point_at(column, time(11, 0)), canvas.point_at(column, time(12, 0)))
    assert blocker.args == [salon.stylist.id, berlin(2026, 11, 25, 11), 60]


def test_phone_booking_end_to_end_and_undo_cancels_it(
    qtbot: QtBot,
    page: CalendarPage,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
) -> None:
    page.new_booking()  # the shortcut's slot: the next quarter hour, no staff chosen yet
    dialog = page.booking_dialog()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.findChild(QLineEdit, "customer_search") is not None)
    search = dialog.findChild(QLineEdit, "customer_search")
    assert search is not None
    type_text(search, "müll")
    qtbot.waitUntil(lambda: dialog.findChild(QLineEdit, "customer_search") is not None)
    results = dialog.findChild(QListView, "customer_results")
    assert results is not None
    qtbot.waitUntil(results.isVisible)
    press(search, Qt.Key.Key_Return)
    assert dialog.customer() == anna
    qtbot.waitUntil(lambda: dialog._service.count() == 2)
    press(dialog._service, Qt.Key.Key_Down)  # first service: Damenhaarschnitt
    assert dialog._minutes.value() == 45
    # Nobody chose a column: the receptionist picks the staff member (the first here).
    assert dialog._staff_combo.currentIndex() == -1
    press(dialog._staff_combo, Qt.Key.Key_Down)
    assert dialog._staff_combo.currentText() == "Aylin Öztürk"
    assert dialog.starts_at() == berlin(2026, 11, 25, 9, 15)
    qtbot.waitUntil(dialog.is_ready)

    with qtbot.waitSignal(dialog.booked) as blocker:
        press(dialog._note, Qt.Key.Key_Return)
    row = blocker.args[0]
    _idle(qtbot, page)

    assert (row.customer_id, row.staff_id, row.service_id) == (
        anna.id,
        salon.other_stylist.id,
        salon.cut.id,
    )
    assert _canvas(page).block_rect(row.id) is not None
    [message] = outbox_messages(services.db)
    assert message.appointment_id == row.id
    assert page.undo_stack().count() == 1

    page.undo_stack().undo()
    _idle(qtbot, page)
    assert services.booking.get(row.id).status is AppointmentStatus.CANCELLED
    page.undo_stack().redo()
    _idle(qtbot, page)
    rows = services.booking.between(berlin(2026, 11, 25, 0), berlin(2026, 11, 26, 0))
    assert [(r.customer_id, r.status) for r in rows] == [
        (anna.id, AppointmentStatus.CANCELLED),
        (anna.id, AppointmentStatus.BOOKED),
    ]


def test_another_pc_changes_show_after_refresh(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    assert _canvas(page).columns()[1].appointments == ()
    row = _book(services, anna, salon.stylist.id, salon.cut.id, 16)
    _reload(qtbot, page)
    assert _canvas(page).block_rect(row.id) is not None


# A popup menu wants to raise itself and grab the keyboard, which offscreen cannot do.
@pytest.mark.qt_log_ignore(
    "does not support raise",
    "does not support grabbing the keyboard",
    "does not support propagateSizeHints",
)
def test_context_menu_offers_status_marks_cancel_and_the_notify_switch(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    mine = _book(services, anna, salon.stylist.id, salon.cut.id, 10)
    _reload(qtbot, page)
    row = next(a for c in _canvas(page).columns() for a in c.appointments if a.id == mine.id)
    page.day_view().menu_requested.emit(row, QPoint(10, 10))
    menu = page.findChild(QMenu)
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    actions = {a.text(): a for a in menu.actions() if a.text()}
    # A heading says whose appointment it is; each entry has its letter (&).
    assert list(actions) == [
        "Anna Müller · Damenhaarschnitt · 10:00–10:45 with Jörg Weiß",
        "&Arrived",
        "&Done",
        "&No-show",
        "Change &service",  # its entries: the services, read when the menu opens
        "&Cancel appointment",
        "Send confirmation and &reminder",
    ]
    assert actions["Send confirmation and &reminder"].isChecked()
    assert actions["&Arrived"].shortcut().toString() == "A"  # the grid's own key for it
    actions["&Arrived"].trigger()
    menu.close()
    _idle(qtbot, page)
    assert services.booking.get(mine.id).status is AppointmentStatus.ARRIVED


def test_day_list_of_the_shown_day_as_pdf(
    qtbot: QtBot,
    page: CalendarPage,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    tmp_path: Path,
) -> None:
    _book(services, anna, salon.stylist.id, salon.cut.id, 10)
    _reload(qtbot, page)
    path = tmp_path / "jorg.pdf"
    page.write_day_list(path, salon.stylist.id)
    assert path.read_bytes().startswith(b"%PDF-")


def test_new_booking_takes_the_staff_member_someone_chose_and_no_other(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    def staff_of_new_dialog() -> str:
        page.new_booking()
        dialog = page.booking_dialog()
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog._staff_combo.count() > 0)
        text = dialog._staff_combo.currentText()
        dialog.reject()
        return text

    mine = _book(services, anna, salon.other_stylist.id, salon.cut.id, 10)
    _reload(qtbot, page)
    assert staff_of_new_dialog() == ""  # the day view: nobody chose a column
    canvas = _canvas(page)
    rect = canvas.block_rect(mine.id)
    assert rect is not None
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=rect.center())
    assert staff_of_new_dialog() == "Aylin Öztürk"  # the selected appointment's
    page.set_mode("week")
    page.set_week_staff(salon.stylist.id)
    _idle(qtbot, page)
    assert staff_of_new_dialog() == "Jörg Weiß"  # the week shown is his
