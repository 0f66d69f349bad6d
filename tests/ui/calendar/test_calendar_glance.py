"""The calendar at a glance: the current-time line (where, when it moves, that it is
always in today's hours), the compact text of short appointments, the tool tip, the
staff initials in the day view's header, the legend of service colours and the mini
month. The grid parts run on hand-made plans (no database); the page part on a real
SQLite salon."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk_app.config.paths import translations_dir
from desk_app.domain.enums import AppointmentStatus, BookingSource, StaffRole
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.booking import BookingRequest
from desk_app.services.calendar_view import DayPlan, StaffColumn, WeekDay, WeekPlan
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow, StaffRow
from desk_app.texts import i18n
from desk_app.ui import preferences
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.calendar.day_view import DayView
from desk_app.ui.calendar.header_badge import initials_of
from desk_app.ui.calendar.now_line import MinuteTicker, ms_to_next_minute
from desk_app.ui.calendar.service_legend import GAP, SWATCH, ServiceLegend, legend_entries
from desk_app.ui.calendar.week_view import WeekView
from desk_app.ui.context import UiContext
from desk_app.ui.widgets import palette
from desk_app.ui.widgets.qt_dates import from_qdate, to_qdate
from tests.conftest import Clock
from tests.services.support import add_customer, berlin, make_salon
from tests.support.ui import open_weekdays

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ZONE = "Europe/Berlin"
BERLIN = ZoneInfo(ZONE)
DAY = date(2026, 11, 25)  # a Wednesday
JOERG = StaffRow(1, "Jörg Weiß", StaffRole.STYLIST, True, "#3366cc")
AYLIN = StaffRow(2, "Aylin Öztürk", StaffRole.STYLIST, True, "#9c27b0")
OPEN = (OpeningInterval(DAY.weekday(), time(9), time(18)),)
BEARD, CUT = 1, 2
COLOURS = {BEARD: "#b0c4de", CUT: "#e8a0b4"}


def _row(n: int, staff: StaffRow, start: datetime, minutes: int, service: int) -> AppointmentRow:
    return AppointmentRow(
        id=n,
        customer_id=n,
        customer_name="Anna Müller",
        staff_id=staff.id,
        staff_name=staff.name,
        service_id=service,
        service_name="Bartpflege" if service == BEARD else "Damenhaarschnitt",
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        status=AppointmentStatus.BOOKED,
        source=BookingSource.COUNTER,
        notify=True,
        note="",
    )


def _at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute), BERLIN)


def _day_plan(*rows: AppointmentRow) -> DayPlan:
    columns = tuple(
        StaffColumn(staff, tuple(r for r in rows if r.staff_id == staff.id), ())
        for staff in (JOERG, AYLIN)
    )
    return DayPlan(DAY, ZONE, OPEN, True, columns, COLOURS)


def _day_view(qtbot: QtBot, clock: Clock, *rows: AppointmentRow) -> DayView:
    view = DayView(ZONE)
    qtbot.addWidget(view)
    view.set_clock(clock)
    view.resize(900, 600)
    view.set_plan(_day_plan(*rows))
    return view


# ---- the now line ---------------------------------------------------------------------------
def test_the_now_line_crosses_every_staff_column_at_the_clocks_minute_and_moves_each_minute(
    qtbot: QtBot,
) -> None:
    clock = Clock(_at(10, 30).astimezone(UTC))
    view = _day_view(qtbot, clock)
    canvas = view.canvas()

    line = canvas.now_line()
    assert line is not None
    y, left, right = line
    assert y == canvas.y_of(10 * 60 + 30)
    assert left == canvas.column_span(0)[0]
    assert right == pytest.approx(sum(canvas.column_span(1)))
    image = canvas.grab().toImage()
    for column in (0, 1):  # drawn in both staff columns, in the one red of "now"
        x, width = canvas.column_span(column)
        assert image.pixelColor(int(x + width / 2), round(y)) == QColor(palette.NOW_LINE)

    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: canvas.now_line_painted() == y)
    QApplication.processEvents()  # nothing left to paint but what the tick asks for
    clock.advance(minutes=7)
    canvas.tick_now()  # what the minute timer calls: the line is painted anew
    moved = canvas.now_line()
    assert moved is not None and moved[0] == pytest.approx(y + 7 * 1.5)
    qtbot.waitUntil(lambda: canvas.now_line_painted() == moved[0])

    clock.now = _at(10, 30, DAY + timedelta(days=1)).astimezone(UTC)
    assert canvas.now_line() is None  # another day is shown: no line


def test_today_shows_the_current_hour_before_opening_and_after_closing(qtbot: QtBot) -> None:
    clock = Clock(_at(7, 10).astimezone(UTC))
    view = _day_view(qtbot, clock)
    canvas = view.canvas()
    assert canvas.visible_range() == (7 * 60, 18 * 60)  # opens at 9: the hour at 7 added
    assert canvas.now_line() is not None

    clock.now = _at(17, 59).astimezone(UTC)
    canvas.tick_now()
    assert canvas.visible_range()[1] == 18 * 60
    clock.advance(minutes=3)  # 18:02, past the last hour shown: one more hour
    canvas.tick_now()
    # Opening to 18:00 and the hour of now; seven o'clock has passed.
    assert canvas.visible_range() == (9 * 60, 19 * 60)
    assert canvas.height() == canvas.sizeHint().height() == int(16 + 10 * 60 * 1.5)
    line = canvas.now_line()
    assert line is not None and line[0] == canvas.y_of(18 * 60 + 2)


def test_the_timer_fires_at_the_clocks_next_full_minute(qtbot: QtBot) -> None:
    assert ms_to_next_minute(datetime(2026, 11, 25, 9, 30, 45, tzinfo=UTC)) == 15_005
    assert ms_to_next_minute(datetime(2026, 11, 25, 9, 30, 59, 999_000, tzinfo=UTC)) == 20
    view = DayView(ZONE)
    qtbot.addWidget(view)
    ticks: list[int] = []
    clock = Clock(datetime(2026, 11, 25, 9, 30, 59, 950_000, tzinfo=UTC))
    ticker = MinuteTicker(clock, lambda: ticks.append(1), view)
    assert ticker.interval() == 55
    qtbot.waitUntil(lambda: len(ticks) == 1, timeout=2000)
    assert ticker.interval() == 55  # re-armed by the same clock


def test_in_the_week_the_line_is_in_todays_column_only(qtbot: QtBot) -> None:
    clock = Clock(_at(11, 0).astimezone(UTC))
    monday = DAY - timedelta(days=DAY.weekday())
    days = tuple(WeekDay(monday + timedelta(days=i), (), (), ()) for i in range(7))
    view = WeekView(ZONE)
    qtbot.addWidget(view)
    view.set_clock(clock)
    view.resize(1200, 600)
    view.set_plan(WeekPlan(JOERG, monday, ZONE, False, days, {}, None))
    canvas = view.canvas()
    line = canvas.now_line()
    assert line is not None
    wednesday = view.column_index(DAY)
    assert wednesday == 2
    x, width = canvas.column_span(wednesday)
    assert line[1:] == (x, pytest.approx(x + width))


# ---- short appointments ---------------------------------------------------------------------
def test_short_appointments_say_time_and_service_in_a_compact_line(qtbot: QtBot) -> None:
    clock = Clock(_at(8, 0).astimezone(UTC))
    quarter = _row(1, JOERG, _at(9, 0), 15, BEARD)
    hour = _row(2, AYLIN, _at(9, 0), 60, CUT)
    view = _day_view(qtbot, clock, quarter, hour)
    canvas = view.canvas()

    assert canvas.block_text(1) == ["09:00 Bartpflege · Anna Müller"]
    assert canvas.block_text(2) == ["Anna Müller", "Damenhaarschnitt", "09:00–10:00"]
    assert canvas.tooltip_text(quarter) == "\n".join(
        ["Anna Müller", "Bartpflege", "09:00–09:15 with Jörg Weiß", "Status: Booked"]
    )


def test_the_compact_line_and_the_tool_tip_in_german(qtbot: QtBot, qapp: object) -> None:
    i18n.install_translators(qapp, "de", translations_dir())  # type: ignore[arg-type]
    clock = Clock(_at(8, 0).astimezone(UTC))
    quarter = _row(1, JOERG, _at(9, 0), 15, BEARD)
    view = _day_view(qtbot, clock, quarter)
    canvas = view.canvas()
    assert canvas.block_text(1) == ["09:00 Bartpflege · Anna Müller"]
    assert canvas.tooltip_text(quarter).splitlines()[2:] == [
        "09:00–09:15 bei Jörg Weiß",
        "Status: Gebucht",
    ]


# ---- header and legend ----------------------------------------------------------------------
def test_the_day_views_header_shows_each_staff_members_initials_in_their_colour(
    qtbot: QtBot,
) -> None:
    assert initials_of("Jörg Weiß") == "JW"
    assert initials_of("Anne-Marie Schulz") == "AS"
    assert initials_of("Aylin") == "AY"
    assert initials_of("  ") == ""
    view = _day_view(qtbot, Clock(_at(8, 0).astimezone(UTC)))
    view.show()
    qtbot.waitExposed(view)
    assert [c.initials for c in view.canvas().columns()] == ["JW", "AÖ"]
    image = view.grab().toImage()
    line = view.fontMetrics().height()
    for index, staff in enumerate((JOERG, AYLIN)):
        x = view.canvas().column_span(index)[0]
        # Just inside the circle's left edge, level with its centre (the letters are
        # in the middle): the staff member's colour.
        assert image.pixelColor(int(x + 6 + 3), 4 + line) == QColor(staff.colour)


def test_the_legend_names_each_shown_service_once_and_counts_what_does_not_fit(
    qtbot: QtBot,
) -> None:
    plan = _day_plan(
        _row(1, JOERG, _at(9), 15, BEARD),
        _row(2, AYLIN, _at(9), 60, CUT),
        _row(3, AYLIN, _at(11), 15, BEARD),
    )
    entries = legend_entries(plan)
    assert entries == [("Bartpflege", COLOURS[BEARD]), ("Damenhaarschnitt", COLOURS[CUT])]
    legend = ServiceLegend()
    qtbot.addWidget(legend)
    legend.set_entries(entries)
    legend.resize(600, legend.sizeHint().height())
    legend.grab()
    assert legend.shown() == 2
    metrics = legend.fontMetrics()
    # The first entry, and after a gap the "+1 more" of the second.
    one = SWATCH + 4 + metrics.horizontalAdvance("Bartpflege") + GAP
    one += metrics.horizontalAdvance("+1 more")
    assert [legend.fitting(w) for w in (one - 1, one, 10_000)] == [0, 1, 2]
    assert legend.toolTip() == "Bartpflege\nDamenhaarschnitt"


# ---- the page: legend switch, mini month, Today -----------------------------------------------
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")  # the month's popup
def test_the_page_remembers_the_legend_jumps_by_mini_month_and_today_returns_to_now(
    qtbot: QtBot, ctx: UiContext, clock: Clock, services: Services, alive: list[object]
) -> None:
    open_weekdays(services)
    salon = make_salon(services)
    anna = add_customer(services)
    services.booking.book(
        BookingRequest(anna.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 25, 10))
    )
    clock.now = berlin(2026, 11, 25, 16).astimezone(UTC)
    page = CalendarPage(ctx, clock=clock)
    qtbot.addWidget(page)
    alive.append(page)
    page.resize(1024, 600)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.legend().entries() != [])
    colour = salon.cut.colour or palette.MARK_IDLE
    assert page.legend().entries() == [("Damenhaarschnitt", colour)]
    assert page.legend().isVisible()

    page.set_legend_shown(False)
    assert not page.legend().isVisible()
    assert preferences.CALENDAR_LEGEND.read(ctx.preferences) == 0

    # The view opened with the line in sight; scrolled away, Today brings it back.
    canvas = page.day_view().canvas()
    line = canvas.now_line()
    assert line is not None

    def line_in_view() -> bool:
        shown = canvas.visibleRegion().boundingRect()
        return shown.top() <= line[0] <= shown.bottom()

    qtbot.waitUntil(line_in_view)
    page.day_view().scroll_to(time(9))
    qtbot.waitUntil(lambda: not line_in_view())
    page.go_today()
    qtbot.waitUntil(line_in_view)

    page.open_mini_month()
    month = page.mini_month().calendar()
    qtbot.waitUntil(month.isVisible)
    # Anna's appointment on the 25th: that day in bold, the 24th not.
    qtbot.waitUntil(lambda: page.mini_month().booked() == {date(2026, 11, 25)})
    bold = QFont.Weight.Bold
    assert month.dateTextFormat(to_qdate(date(2026, 11, 25))).fontWeight() == bold
    assert month.dateTextFormat(to_qdate(date(2026, 11, 24))).fontWeight() != bold
    assert from_qdate(month.selectedDate()) == date(2026, 11, 25)
    days = month.focusProxy()  # the keys go to its table of days, as the focus does
    assert days is not None
    with qtbot.waitSignal(page.loaded):
        qtbot.keyClick(days, Qt.Key.Key_Right)  # Thursday
        qtbot.keyClick(days, Qt.Key.Key_Return)
    assert page.current_date() == date(2026, 11, 26)
    assert not month.isVisible()
