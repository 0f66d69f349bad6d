"""The time grid measures its text once (grid_text, the hour-label gutter) and paints
only what the scroll area shows: what it remembers must follow a new font or locale,
and scrolling must bring every block's text into view."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect
from PySide6.QtGui import QColor, QFont
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import AppointmentStatus, BookingSource, StaffRole
from desk_app.services.calendar_view import DayPlan, StaffColumn
from desk_app.services.rows import AppointmentRow, StaffRow
from desk_app.ui.calendar.day_view import DayView
from desk_app.ui.calendar.grid_text import GridText, Role

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ZONE = "Europe/Berlin"
DAY = date(2026, 11, 25)
SERVICE_COLOUR = "#a4c8f0"
STAFF = StaffRow(1, "Jörg Weiß", StaffRole.STYLIST, True, "#3366cc")


def _appointment(n: int, hour: int, name: str) -> AppointmentRow:
    starts = datetime(2026, 11, 25, hour, tzinfo=ZoneInfo(ZONE))
    return AppointmentRow(
        id=n,
        customer_id=n,
        customer_name=name,
        staff_id=STAFF.id,
        staff_name=STAFF.name,
        service_id=1,
        service_name="Damenhaarschnitt",
        starts_at=starts,
        ends_at=starts + timedelta(minutes=45),
        status=AppointmentStatus.DONE if n % 2 else AppointmentStatus.BOOKED,
        source=BookingSource.ONLINE if n % 3 == 0 else BookingSource.COUNTER,
        notify=True,
        note="",
    )


def _plan(*appointments: AppointmentRow) -> DayPlan:
    columns = (StaffColumn(STAFF, appointments, ()),)
    return DayPlan(DAY, ZONE, (), False, columns, {1: SERVICE_COLOUR})


@pytest.fixture
def locale() -> Iterator[None]:
    previous = QLocale()
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def view(qtbot: QtBot) -> DayView:
    view = DayView(ZONE)
    qtbot.addWidget(view)
    return view


def test_a_bigger_font_moves_the_columns_and_the_blocks(view: DayView) -> None:
    view.resize(900, 600)
    view.set_plan(_plan(_appointment(1, 9, "Anna Müller")))
    canvas = view.canvas()
    x_before = canvas.column_span(0)[0]
    block_before = canvas.block_rect(1)
    font = QFont(canvas.font())
    font.setPointSizeF(font.pointSizeF() * 2)

    canvas.setFont(font)

    assert canvas.column_span(0)[0] > x_before  # wider hour labels, wider gutter
    block_after = canvas.block_rect(1)
    assert block_before is not None and block_after is not None
    assert block_after.left() > block_before.left()


def test_another_locale_is_measured_at_once_and_moves_the_blocks_with_the_next_day(
    view: DayView, locale: None
) -> None:
    QLocale.setDefault(QLocale("en_GB"))  # 09:00
    view.set_plan(_plan(_appointment(1, 9, "Anna Müller")))
    gutter_24h = view.canvas().column_span(0)[0]
    block_24h = view.canvas().block_rect(1)
    QLocale.setDefault(QLocale("en_US"))  # 9:00 AM: wider

    # A default-locale change sends no event: the gutter is keyed by the language.
    assert view.canvas().column_span(0)[0] > gutter_24h
    view.set_plan(_plan(_appointment(1, 9, "Anna Müller")))

    block_12h = view.canvas().block_rect(1)
    assert block_24h is not None and block_12h is not None
    assert block_12h.left() > block_24h.left()


def test_scrolling_paints_the_blocks_that_were_out_of_view(qtbot: QtBot, view: DayView) -> None:
    view.resize(700, 260)  # a few hours of the day in view
    view.show()
    qtbot.waitExposed(view)
    view.set_plan(_plan(_appointment(1, 9, "Anna Müller"), _appointment(3, 17, "Olga Online")))
    canvas = view.canvas()
    late = canvas.block_rect(3)
    assert late is not None
    view.grab()  # painted while 17:00 is out of view
    whole = canvas.grab().toImage()  # every block, as it looks

    view.scroll_to(datetime(2026, 11, 25, 17).time())
    qtbot.waitUntil(lambda: canvas.visibleRegion().boundingRect().contains(late))
    shown = view.grab().toImage()

    offset = canvas.mapTo(view, QPoint(0, 0))
    block = shown.copy(QRect(late).translated(offset))
    assert block == whole.copy(late)
    fill = QColor(SERVICE_COLOUR)
    coloured = sum(
        block.pixelColor(x, y) == fill for x in range(block.width()) for y in range(block.height())
    )
    assert coloured > block.width() * block.height() // 4  # the block, not empty grid
    assert len(canvas.online_tags()) == 1  # the last paint drew the late block's tag


def test_elided_lines_and_widths_follow_the_font() -> None:
    text = GridText()
    small = QFont()
    small.setPointSizeF(9)
    big = QFont(small)
    big.setPointSizeF(18)
    name = "Alexandra Müller-Lüdenscheidt"

    text.fonts(small)
    narrow_small = text.elided(Role.BOLD, name, 120)
    width_small = text.advance(Role.TAG, "Online")
    text.fonts(big)
    narrow_big = text.elided(Role.BOLD, name, 120)

    assert narrow_small.endswith("…") and narrow_big.endswith("…")
    assert len(narrow_big) < len(narrow_small)
    assert text.advance(Role.TAG, "Online") > width_small
    assert text.elided(Role.NORMAL, "Schnitt", 400) == "Schnitt"  # fits: unchanged


def test_clock_times_follow_the_default_locale(locale: None) -> None:
    text = GridText()
    QLocale.setDefault(QLocale("en_GB"))
    assert text.clock(9, 30) == "09:30"
    QLocale.setDefault(QLocale("en_US"))
    assert text.clock(9, 30) == "9:30\u202fAM" or text.clock(9, 30) == "9:30 AM"
