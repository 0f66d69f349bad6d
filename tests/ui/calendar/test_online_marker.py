"""Online appointments are marked in the calendar: a tag painted in the block and a line
in the tooltip; a counter booking has neither."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import BookingSource
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.context import UiContext
from desk_app.ui.widgets import palette
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, berlin, make_salon
from tests.support.ui import open_weekdays

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def salon(services: Services) -> Salon:
    open_weekdays(services)
    return make_salon(services)


def _book(services: Services, salon: Salon, hour: int, source: BookingSource) -> AppointmentRow:
    customer = add_customer(services, "Olga", f"Online{hour}", f"olga{hour}@example.org", None)
    return services.booking.book(
        BookingRequest(
            customer.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 25, hour), source=source
        )
    )


def _has_online_colour(image: QImage, rect: QRectF) -> bool:
    target = QColor(palette.MARK_ONLINE)
    for x in range(int(rect.left()), int(rect.right())):
        for y in range(int(rect.top()), int(rect.bottom())):
            pixel = image.pixelColor(x, y)
            close = (
                abs(pixel.red() - target.red())
                + abs(pixel.green() - target.green())
                + abs(pixel.blue() - target.blue())
            )
            if close < 60:
                return True
    return False


def test_an_online_booking_carries_the_online_tag_and_a_counter_booking_does_not(
    qtbot: QtBot,
    ctx: UiContext,
    clock: Clock,
    services: Services,
    salon: Salon,
    alive: list[object],
) -> None:
    online = _book(services, salon, 10, BookingSource.ONLINE)
    counter = _book(services, salon, 14, BookingSource.COUNTER)
    page = CalendarPage(ctx, clock=clock)
    qtbot.addWidget(page)
    alive.append(page)
    page.resize(1180, 720)
    page.show()
    qtbot.waitExposed(page)
    canvas = page.current_view().canvas()
    qtbot.waitUntil(lambda: canvas.block_rect(online.id) is not None)

    image = canvas.grab().toImage()
    tags = canvas.online_tags()
    online_rect, counter_rect = canvas.block_rect(online.id), canvas.block_rect(counter.id)
    assert online_rect is not None and counter_rect is not None
    # One tag, inside the online block, in the online colour; none in the counter block.
    assert len(tags) == 1
    assert online_rect.contains(tags[0].toRect())
    assert _has_online_colour(image, tags[0])
    assert not _has_online_colour(image, QRectF(counter_rect))
    assert canvas.online_tag_text(400) == "Online"

    assert "Booked online by the customer" in canvas.tooltip_text(
        next(a for c in canvas.columns() for a in c.appointments if a.id == online.id)
    )
    assert "online" not in canvas.tooltip_text(
        next(a for c in canvas.columns() for a in c.appointments if a.id == counter.id)
    )
