"""The salon's wall clock in Qt's type: the digits a receptionist in that zone reads."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, QTime

from desk_app.texts.wall_clock import wall_clock


def test_summer_and_winter_time_in_the_salons_zone() -> None:
    summer = wall_clock(datetime(2026, 7, 1, 6, 15, tzinfo=UTC), "Europe/Berlin")
    winter = wall_clock(datetime(2026, 1, 1, 6, 15, tzinfo=UTC), "Europe/Berlin")

    assert (summer.date(), summer.time()) == (QDate(2026, 7, 1), QTime(8, 15))
    assert (winter.date(), winter.time()) == (QDate(2026, 1, 1), QTime(7, 15))


def test_the_day_follows_the_zone_and_milliseconds_are_kept() -> None:
    moment = wall_clock(datetime(2026, 12, 31, 23, 30, 5, 250_999, tzinfo=UTC), "Europe/Berlin")

    assert moment.date() == QDate(2027, 1, 1)
    assert moment.time() == QTime(0, 30, 5, 250)
