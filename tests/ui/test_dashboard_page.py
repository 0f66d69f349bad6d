"""The dashboard page: loads when shown, four charts from real services, the period
choice (remembered), refresh, stale answers dropped, errors in words (SQLite; the
queries are tested on both backends in tests/services/test_dashboard.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from desk_app.db import models as m
from desk_app.domain.enums import (
    AppointmentStatus,
    Channel,
    ConsentEvent,
    ConsentSource,
    OutboxStatus,
)
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.dashboard import DashboardRow, DashboardService
from desk_app.services.errors import StorageError
from desk_app.texts import error_text
from desk_app.ui import preferences
from desk_app.ui.context import UiContext
from desk_app.ui.marketing.dashboard_page import DashboardPage
from desk_app.ui.widgets.charts import BarChart, FunnelChart, FunnelStage
from tests.conftest import Clock
from tests.services.support import add_customer, add_ledger_entry, friday, make_salon

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
STAFF = "Tanja Groß"
WEEK_47 = datetime(2026, 11, 17, 10, tzinfo=UTC)  # the clock is in week 48
WEEK_48 = datetime(2026, 11, 24, 10, tzinfo=UTC)


@pytest.fixture
def dashboard(services: Services, clock: Clock) -> DashboardService:
    return DashboardService(services.db, clock)


@pytest.fixture
def history(services: Services) -> None:
    """Anna agreed by phone and confirmed, Jörg agreed in person and did not confirm and
    later unsubscribed (week 47); Anna booked in week 47; three messages went out in
    week 48 (two consent requests, one booking confirmation)."""
    salon = make_salon(services)
    anna = add_customer(services, "Anna", "Müller", "anna@example.org", None)
    joerg = add_customer(services, "Jörg", "Weiß", "joerg@example.org", None)
    (declared,) = services.consent.declare(
        anna.id, [Channel.EMAIL], ConsentSource.PHONE, STAFF, True
    )
    services.consent.declare(joerg.id, [Channel.EMAIL], ConsentSource.IN_PERSON, STAFF, True)
    add_ledger_entry(
        services.db, anna.id, ConsentEvent.CONFIRMED, WEEK_48, Channel.EMAIL, declared.request_id
    )
    add_ledger_entry(services.db, joerg.id, ConsentEvent.OBJECTED, WEEK_47)
    booked = services.booking.book(
        BookingRequest(anna.id, salon.stylist.id, salon.cut.id, friday(9))
    )
    services.booking.set_status(booked.id, AppointmentStatus.NO_SHOW)  # November's one
    with services.db.write() as s:
        s.execute(update(m.Appointment).values(created_at=WEEK_47))
        s.execute(
            update(m.OutboxMessage).values(status=OutboxStatus.DELIVERED.value, created_at=WEEK_48)
        )


def new_page(qtbot: QtBot, ctx: UiContext, dashboard: DashboardService) -> DashboardPage:
    page = DashboardPage(ctx, dashboard)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    return page


def shown(qtbot: QtBot, page: DashboardPage) -> DashboardRow:
    with qtbot.waitSignal(page.loaded, timeout=5000) as blocker:
        page.show()
    (row,) = blocker.args or [None]
    assert isinstance(row, DashboardRow)
    return row


def bar(page: DashboardPage, name: str) -> BarChart:
    chart = page.charts()[name]
    assert isinstance(chart, BarChart)
    return chart


def test_loads_when_shown_and_draws_four_charts(
    qtbot: QtBot, ctx: UiContext, dashboard: DashboardService, history: None
) -> None:
    page = new_page(qtbot, ctx, dashboard)
    qtbot.wait(50)
    assert page.row() is None  # nothing is loaded for a page nobody looks at

    row = shown(qtbot, page)

    assert len(row.weeks) == 12 and page.weeks() == 12
    status = page.findChild(QLabel, "statusLabel")
    assert status is not None and status.text() == "As of 09:00"  # 08:00 UTC in Berlin

    funnel = page.charts()["funnel"]
    assert isinstance(funnel, FunnelChart)
    assert funnel.stages() == [
        FunnelStage("Phone · Email", 1, 1),
        FunnelStage("In person · Email", 1, 0),
        FunnelStage("All together", 2, 1),
    ]

    messages = bar(page, "messages")
    assert messages.categories() == [f"Wk {n}" for n in range(37, 49)]
    assert messages.is_stacked()
    lines = messages.tooltip_text(11).split("\n")
    assert lines[0].startswith("Week 48: ")
    assert lines[1:] == ["Appointment messages: 1", "Consent requests: 2", "Total: 3"]
    assert messages.tooltip_at(messages.bar_rect(11, 0).center()) == messages.tooltip_text(11)

    unsubscribes = bar(page, "unsubscribes")
    assert "Unsubscribed from all advertising: 1" in unsubscribes.tooltip_text(10).split("\n")
    assert "Consent withdrawn: 0" in unsubscribes.tooltip_text(10).split("\n")
    assert unsubscribes.tooltip_text(11).split("\n")[-1] == "Total: 0"

    bookings = bar(page, "bookings")
    assert bookings.tooltip_text(10).split("\n")[1:] == [
        "At the counter: 1",
        "By phone: 0",
        "Online: 0",
        "Total: 1",
    ]
    attendance = bar(page, "attendance")
    assert attendance.categories()[-2:] == ["Oct", "Nov"] and len(attendance.categories()) == 12
    assert attendance.tooltip_text(11).split("\n") == [
        "November 2026",
        "No-shows: 1",
        "Late cancellations: 0",
        "Total: 1",
    ]
    for chart in page.charts().values():
        assert not chart.is_empty()
        assert chart.accessibleName() and chart.accessibleDescription()
        assert chart.width() >= chart.minimumSizeHint().width()
        assert chart.height() >= chart.minimumSizeHint().height()


def test_an_empty_salon_shows_no_data_yet(
    qtbot: QtBot, ctx: UiContext, dashboard: DashboardService
) -> None:
    page = new_page(qtbot, ctx, dashboard)

    shown(qtbot, page)

    for chart in page.charts().values():
        assert chart.is_empty()
        assert chart.accessibleDescription() == "No data yet"
    assert bar(page, "messages").categories() == [f"Wk {n}" for n in range(37, 49)]


def test_period_choice_reloads_and_is_remembered(
    qtbot: QtBot, ctx: UiContext, dashboard: DashboardService, history: None
) -> None:
    page = new_page(qtbot, ctx, dashboard)
    shown(qtbot, page)
    choice = page.findChild(QComboBox, "weeksChoice")
    assert choice is not None
    assert [choice.itemData(i) for i in range(choice.count())] == [4, 12, 26, 52]
    assert choice.currentText() == "Last 12 weeks"

    with qtbot.waitSignal(page.loaded, timeout=5000) as blocker:
        choice.setCurrentIndex(choice.findData(4))

    row = blocker.args[0] if blocker.args else None
    assert isinstance(row, DashboardRow) and len(row.weeks) == 4
    assert bar(page, "bookings").categories() == ["Wk 45", "Wk 46", "Wk 47", "Wk 48"]
    assert preferences.DASHBOARD_WEEKS.read(ctx.preferences) == 4
    again = new_page(qtbot, ctx, dashboard)
    assert again.weeks() == 4


def test_refresh_shows_what_changed(
    qtbot: QtBot, ctx: UiContext, services: Services, dashboard: DashboardService
) -> None:
    page = new_page(qtbot, ctx, dashboard)
    shown(qtbot, page)
    assert page.charts()["unsubscribes"].is_empty()
    anna = add_customer(services)
    add_ledger_entry(services.db, anna.id, ConsentEvent.OBJECTED, WEEK_48)

    button = page.findChild(QPushButton, "refreshButton")
    assert button is not None
    with qtbot.waitSignal(page.loaded, timeout=5000):
        button.click()

    assert not page.charts()["unsubscribes"].is_empty()
    assert "Unsubscribed from all advertising: 1" in bar(page, "unsubscribes").tooltip_text(11)


def test_a_late_answer_for_an_older_choice_is_dropped(
    qtbot: QtBot, ctx: UiContext, dashboard: DashboardService, history: None
) -> None:
    page = new_page(qtbot, ctx, dashboard)
    shown(qtbot, page)
    answers: list[int] = []
    page.loaded.connect(lambda row: answers.append(len(row.weeks)))

    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.set_weeks(4)
        page.set_weeks(26)

    # The database worker answers in order: the 4-week answer came first and was dropped.
    assert answers == [26]
    row = page.row()
    assert row is not None and len(row.weeks) == 26
    assert len(bar(page, "messages").categories()) == 26


class _BrokenDashboard(DashboardService):
    def overview(self, weeks: int = 12, time_zone: str = "Europe/Berlin") -> DashboardRow:
        raise StorageError("locked")


def test_a_load_error_is_told_in_words(
    qtbot: QtBot, ctx: UiContext, services: Services, clock: Clock
) -> None:
    page = new_page(qtbot, ctx, _BrokenDashboard(services.db, clock))

    with qtbot.waitSignal(page.load_failed, timeout=5000) as blocker:
        page.show()

    status = page.findChild(QLabel, "statusLabel")
    assert status is not None
    assert blocker.args == [status.text()]
    assert status.text() == error_text.describe(StorageError("locked"))
    assert page.row() is None
