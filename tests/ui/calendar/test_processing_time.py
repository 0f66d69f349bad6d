"""Processing time (issue 14) at the counter: a colour with processing and a short cut
for another customer inside it, both booked for the same stylist through the booking
dialog; a third refused where it would meet the colour's last working phase; both drawn
(the processing lighter and hatched, the cut in a lane beside it); moved, resized and
undone with the phases kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListView, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from desk_app.domain.errors import BookingConflict
from desk_app.services.booking import BookingRequest
from desk_app.services.calendar_view import CalendarService
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow, CustomerRow, TreatmentRow
from desk_app.ui.calendar.booking_dialog import BookingDialog
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.calendar.phase_painting import processing_rect
from desk_app.ui.calendar.print_day import day_list_html
from desk_app.ui.context import UiContext
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, berlin, make_salon
from tests.support.ui import drag, open_weekdays, type_text

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
SHOT = Path("/tmp/salon-desk-processing-time.png")  # to look at by hand; the test reads its own


def _book_in_dialog(
    qtbot: QtBot,
    ctx: UiContext,
    alive: list[object],
    salon: Salon,
    customer: CustomerRow,
    service: TreatmentRow,
    hour: int,
    minute: int,
) -> BookingDialog:
    dialog = BookingDialog(
        ctx, staff_id=salon.stylist.id, starts_at=berlin(2026, 11, 25, hour, minute)
    )
    qtbot.addWidget(dialog)
    alive.append(dialog)
    dialog.open()
    combo = dialog.findChild(QComboBox, "service")
    assert combo is not None
    qtbot.waitUntil(lambda: combo.findData(service.id) >= 0)
    edit = dialog.findChild(QLineEdit, "customer_search")
    assert edit is not None
    type_text(edit, customer.first_name)
    results = dialog.findChild(QListView, "customer_results")
    assert results is not None
    qtbot.waitUntil(lambda: results.isVisible() and results.model().rowCount() == 1)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.customer() == customer
    combo.setCurrentIndex(combo.findData(service.id))
    return dialog


def _save(qtbot: QtBot, dialog: BookingDialog) -> AppointmentRow:
    qtbot.waitUntil(dialog.is_ready)
    assert dialog.conflict_text().startswith("✓"), dialog.conflict_text()
    with qtbot.waitSignal(dialog.booked) as blocker:
        qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    row: AppointmentRow = blocker.args[0]
    return row


def _colours(image: QImage, rect: QRectF) -> list[QColor]:
    """The pixels of a horizontal line through ``rect`` (2/3 down, past any label)."""
    y = int(rect.top() + rect.height() * 2 / 3)
    return [image.pixelColor(x, y) for x in range(int(rect.left()) + 6, int(rect.right()) - 3)]


def test_a_cut_inside_a_colours_processing_is_booked_drawn_moved_and_a_clash_refused(
    qtbot: QtBot, ctx: UiContext, services: Services, clock: Clock, alive: list[object]
) -> None:
    open_weekdays(services)
    salon = make_salon(services)
    cat = services.catalogue
    # 30 min applying, 35 processing (10:30–11:05 when booked at 10:00), 25 wash and cut.
    colour = cat.add_treatment(
        "Farbe mit Einwirkzeit", 90, 7900, processing_after=30, processing=35
    )
    fringe = cat.add_treatment("Pony schneiden", 15, 900)
    gents = cat.add_treatment("Herrenhaarschnitt", 30, 2900)
    anna = add_customer(services)
    bea = add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")
    carl = add_customer(services, "Carl", "Claus", "carl@example.org", "0170 1111111")

    first = _book_in_dialog(qtbot, ctx, alive, salon, anna, colour, 10, 0)
    phases = first.findChild(QLabel, "phases")
    assert phases is not None
    qtbot.waitUntil(phases.isVisible)
    assert "35" in phases.text() and "30" in phases.text() and "25" in phases.text()
    colour_row = _save(qtbot, first)
    assert (colour_row.processing_starts_at, colour_row.processing_ends_at) == (
        berlin(2026, 11, 25, 10, 30),
        berlin(2026, 11, 25, 11, 5),
    )

    # Bea's fringe at 10:30, inside Anna's processing, for the same stylist: free.
    fringe_row = _save(qtbot, _book_in_dialog(qtbot, ctx, alive, salon, bea, fringe, 10, 30))
    assert fringe_row.staff_id == colour_row.staff_id

    # Carl's cut at 10:45 would run into the colour's wash and cut at 11:05: refused.
    third = _book_in_dialog(qtbot, ctx, alive, salon, carl, gents, 10, 45)
    qtbot.waitUntil(lambda: "Anna Müller" in third.conflict_text())
    assert third.conflict_text().startswith("✗")
    assert not third.is_ready()
    save = third.findChild(QPushButton, "save")
    assert save is not None and not save.isEnabled()
    minutes = third.findChild(QSpinBox, "minutes")
    assert minutes is not None
    minutes.setValue(20)  # 10:45–11:05 ends as the working phase begins: free
    qtbot.waitUntil(lambda: third.conflict_text().startswith("✓"))
    third.reject()
    with pytest.raises(BookingConflict) as refused:
        services.booking.book(
            BookingRequest(carl.id, salon.stylist.id, gents.id, berlin(2026, 11, 25, 10, 45))
        )
    assert refused.value.clash_id == colour_row.id

    # ---- drawn ------------------------------------------------------------------------------
    page = CalendarPage(ctx, clock=clock)
    qtbot.addWidget(page)
    alive.append(page)
    page.resize(1180, 720)
    page.show()
    qtbot.waitExposed(page)
    canvas = page.current_view().canvas()
    qtbot.waitUntil(lambda: canvas.block_rect(fringe_row.id) is not None)
    colour_rect, fringe_rect = canvas.block_rect(colour_row.id), canvas.block_rect(fringe_row.id)
    assert colour_rect is not None and fringe_rect is not None
    # Side by side: the fringe in a lane of its own next to the colour, both readable.
    assert colour_rect.right() < fringe_rect.left() or fringe_rect.right() < colour_rect.left()
    assert colour_rect.width() >= 80 and fringe_rect.width() >= 80
    image = canvas.grab().toImage()
    image.save(str(SHOT))
    processing = processing_rect(colour_row, QRectF(colour_rect))
    assert processing is not None
    assert abs(processing.top() - canvas.y_of(10 * 60 + 30)) <= 2
    assert abs(processing.bottom() - canvas.y_of(11 * 60 + 5)) <= 2
    hatched = _colours(image, processing)
    last_work = QRectF(colour_rect).adjusted(0, processing.bottom() - colour_rect.top() + 4, 0, 0)
    plain = _colours(image, last_work)
    # The processing: lighter than the working phase, and hatched (two tones across it).
    assert sum(c.lightness() for c in hatched) / len(hatched) > max(c.lightness() for c in plain), (
        "the processing is not drawn lighter"
    )
    assert len({c.name() for c in hatched}) >= 2, "the processing is not hatched"
    assert len({c.name() for c in plain}) <= 2  # the working phase: its flat colour

    # The day list: the processing under the colour, the fringe listed after it.
    day_list = day_list_html(
        CalendarService(services.db).day(date(2026, 11, 25), "Europe/Berlin"), salon.stylist.id
    )
    assert "processing 10:30–11:05" in day_list
    assert day_list.index("Anna Müller") < day_list.index("Bea Bauer")

    # ---- moved, resized, undone: the phases go along --------------------------------------
    grab = QPoint(colour_rect.left() + 20, colour_rect.top() + 6)  # 4 minutes into it
    drag(canvas, grab, QPoint(grab.x(), int(canvas.y_of(14 * 60)) + 6))
    qtbot.waitUntil(lambda: not page.commands().busy())
    moved = services.booking.get(colour_row.id)
    assert (moved.starts_at, moved.processing_starts_at, moved.processing_ends_at) == (
        berlin(2026, 11, 25, 14),
        berlin(2026, 11, 25, 14, 30),
        berlin(2026, 11, 25, 15, 5),
    )
    page.undo_stack().undo()
    qtbot.waitUntil(lambda: not page.commands().busy())
    back = services.booking.get(colour_row.id)
    assert back.phases == colour_row.phases  # back into place around Bea's fringe

    with qtbot.waitSignal(page.loaded):
        page.refresh()
    rect = canvas.block_rect(colour_row.id)
    assert rect is not None
    edge = QPoint(rect.center().x(), rect.bottom() - 2)
    drag(canvas, edge, QPoint(edge.x(), int(canvas.y_of(11 * 60 + 45)) + 4))
    qtbot.waitUntil(lambda: not page.commands().busy())
    longer = services.booking.get(colour_row.id)
    assert longer.ends_at == berlin(2026, 11, 25, 11, 45)  # the wash and cut runs longer
    assert longer.processing_ends_at == colour_row.processing_ends_at
    page.undo_stack().undo()
    qtbot.waitUntil(lambda: not page.commands().busy())
    assert services.booking.get(colour_row.id).phases == colour_row.phases
