"""The day the window reads with plain ``sqlite3`` at start is the day the calendar loads
through its service: the same columns in the same order, the same appointments (every
status), absences, opening hours and colours, the same staff choice and salon name. Only
where it applies: a SQLite file at the current schema, without personal sign-in."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import text

from desk_app import bootstrap
from desk_app.db import migrate
from desk_app.db.engine import Database, create_database_engine
from desk_app.desktop.first_day import SCHEMA_REVISION, FirstDay, read_first_day, sqlite_file
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import AbsenceKind, AppointmentStatus, StaffRole
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.booking import BookingRequest
from desk_app.services.calendar_plans import BOOKABLE_ROLES
from desk_app.services.container import Services
from tests.conftest import Clock
from tests.services.support import add_customer


def normal_path(services: Services, day: date) -> FirstDay:
    """What the calendar page loads for ``day`` (``CalendarPage.refresh``)."""
    salon = services.catalogue.salon_settings()
    staff = [s for s in services.catalogue.list_staff() if s.role in BOOKABLE_ROLES]
    return FirstDay(staff, salon.salon_name, services.calendar.day(day, salon.time_zone))


def fill_a_busy_day(services: Services, db: Database, day: date, zone: ZoneInfo) -> None:
    """Staff of every kind, opening hours with a break, appointments of several statuses
    (one of an inactive member, one of the reception), an absence, a break, a member's
    own hours, a closed day."""
    catalogue = services.catalogue
    owner = catalogue.add_staff("Özlem", StaffRole.OWNER, "#aa3366", actor=SHARED_COUNTER)
    jorg = catalogue.add_staff("jörg", StaffRole.STYLIST, actor=SHARED_COUNTER)
    anna = catalogue.add_staff("Anna", StaffRole.STYLIST, "#123456", actor=SHARED_COUNTER)
    desk = catalogue.add_staff("Empfang", StaffRole.RECEPTION, actor=SHARED_COUNTER)
    gone = catalogue.add_staff("Gerd", StaffRole.STYLIST, actor=SHARED_COUNTER)
    catalogue.add_staff("Ute", StaffRole.STYLIST, actor=SHARED_COUNTER)  # inactive, free
    cut = catalogue.add_treatment("Damenhaarschnitt", 45, 4900)
    colour = catalogue.add_treatment("Färben", 90, 7900)
    weekday = day.weekday()
    catalogue.set_opening_hours(
        [
            OpeningInterval(weekday, time(14), time(19)),
            OpeningInterval(weekday, time(9), time(12, 30)),
            OpeningInterval((weekday + 1) % 7, time(9), time(18)),
        ]
    )
    customers = [
        add_customer(services),
        add_customer(services, "Jürgen", "Weiß", email="jw@example.org", phone=None),
        add_customer(services, "Lisa", "Brandt", email=None, phone="0171 5550123"),
    ]

    def at(hour: int, minute: int = 0, days: int = 0) -> datetime:
        return datetime.combine(day + timedelta(days=days), time(hour, minute), zone)

    booked = [
        (customers[1], owner, colour, at(9, 30)),  # cancelled below, then overlapped
        (customers[0], owner, cut, at(9)),
        (customers[2], jorg, cut, at(15)),
        (customers[0], anna, colour, at(11)),
        (customers[1], desk, cut, at(10)),  # reception: a column only for this
        (customers[2], gone, cut, at(16)),  # deactivated below: still shown
        (customers[0], anna, cut, at(10), 1),  # the next day: not shown
        (customers[1], jorg, cut, at(23, 15), -1),  # the evening before: not shown
    ]
    rows = []
    for customer, member, service, when, *extra in booked:
        request = BookingRequest(
            customer.id,
            member.id,
            service.id,
            at(when.hour, when.minute, *extra),
            notify=len(extra) == 0,
            note="Allergie: Ammoniak",
            override=True,
        )
        rows.append(services.booking.book(request))
        if len(rows) == 1:
            services.booking.cancel(rows[0].id)  # the next one takes its place
    services.booking.set_status(rows[3].id, AppointmentStatus.NO_SHOW)
    catalogue.add_absence(jorg.id, AbsenceKind.BREAK, at(12), at(12, 30), "Mittag")
    catalogue.add_absence(anna.id, AbsenceKind.ABSENCE, at(0, days=-2), at(0, days=3), "Urlaub")
    # Own hours (that day and another) and a closure over the day: shaded, not hidden.
    catalogue.set_staff_hours(
        jorg.id,
        [
            OpeningInterval(weekday, time(13), time(19)),
            OpeningInterval((weekday + 2) % 7, time(9), time(12)),
        ],
    )
    catalogue.add_closure(day - timedelta(days=1), day, "Betriebsausflug")
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE staff SET active = :off WHERE name IN ('Gerd', 'Ute')"), {"off": False}
        )
    catalogue.set_setting("salon_name", "Salon Weiß & Söhne", actor=SHARED_COUNTER)


def test_the_first_day_is_the_day_the_calendar_loads(
    backend: str, database_url: str, db: Database, services: Services, clock: Clock
) -> None:
    services.catalogue.set_setting("time_zone", "Europe/Vienna", actor=SHARED_COUNTER)
    zone = ZoneInfo("Europe/Vienna")
    today = clock().astimezone(zone).date()
    fill_a_busy_day(services, db, today, zone)

    first = read_first_day(database_url, clock)
    if backend == "postgresql":
        assert first is None  # the normal path reads it, as before
        return
    assert first == normal_path(services, today)
    shown = {c.staff.name: len(c.appointments) for c in first.plan.columns}
    assert shown == {"Özlem": 2, "Anna": 1, "jörg": 1, "Empfang": 1, "Gerd": 1}
    assert [s.name for s in first.staff] == ["Anna", "jörg", "Özlem"]
    assert first.plan.opening and first.plan.column(first.staff[0].id) is not None
    assert sum(len(c.absences) for c in first.plan.columns) == 2
    assert first.plan.closed == "Betriebsausflug"
    hours = {c.staff.name: c.hours for c in first.plan.columns}
    assert hours["jörg"] == (OpeningInterval(today.weekday(), time(13), time(19)),)
    assert hours["Anna"] is None

    # Personal sign-in: the sign-in screen comes first, no day before it.
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO settings (key, value) VALUES ('staff_sign_in', 'on')"))
    assert read_first_day(database_url, clock) is None


def test_an_old_file_is_read_only_once_the_normal_path_upgraded_it(
    tmp_path: Path, sqlite_template: Path, clock: Clock
) -> None:
    """A file the previous version left is not read ahead (its tables may differ): the
    normal start backs it up and upgrades it; then the first day is read again alike."""
    path = tmp_path / "salon.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    services = bootstrap.open_services(url)
    zone = ZoneInfo(services.catalogue.salon_settings().time_zone)
    today = clock().astimezone(zone).date()
    try:
        fill_a_busy_day(services, services.db, today, zone)
        expected = normal_path(services, today)
    finally:
        services.db.dispose()
    engine = create_database_engine(url)
    try:
        migrate.downgrade(engine, "0012")
    finally:
        engine.dispose()
    before = path.read_bytes()

    assert read_first_day(url, clock) is None
    assert path.read_bytes() == before  # read-only: not a byte changed, not upgraded

    services = bootstrap.open_services(url)  # the normal start: backup, upgrade
    try:
        assert len(list(tmp_path.glob("salon.before-upgrade-*.sqlite3"))) == 1
        assert normal_path(services, today) == expected
        assert read_first_day(url, clock) == expected
    finally:
        services.db.dispose()


def test_only_a_plain_sqlite_file_is_read_ahead(tmp_path: Path, clock: Clock) -> None:
    assert sqlite_file("sqlite:////srv/salon.sqlite3") == Path("/srv/salon.sqlite3")
    assert sqlite_file("sqlite+pysqlite:///salon.sqlite3") == Path("salon.sqlite3")
    for url in (
        "postgresql+psycopg://desk@server/salon",
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///salon.sqlite3?mode=ro",
        "sqlite:///Salon%20Wei%C3%9F.sqlite3",
    ):
        assert sqlite_file(url) is None, url
    # A new salon's file does not exist yet: the normal path creates it, nothing else.
    missing = tmp_path / "new.sqlite3"
    assert read_first_day(f"sqlite:///{missing}", clock) is None
    assert not missing.exists()
    # Not a database at all: the normal path reports it.
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database" * 100)
    assert read_first_day(f"sqlite:///{broken}", clock) is None


def test_the_queries_are_written_for_the_schema_head() -> None:
    """A new migration changes the tables: check the queries, then move the revision."""
    assert migrate.head_revision() == SCHEMA_REVISION


_PROBE = """
import json, os, sys
from datetime import UTC, datetime
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from desk_app.desktop.launch import Launch
from desk_app.desktop.first_day import read_first_day
from desk_app.ui.calendar.first_day_preview import FirstDayPreview
app = QApplication(sys.argv[:1])
launch = Launch(app, sys.argv[1])  # the frame
first = read_first_day(sys.argv[1], lambda: datetime.now(UTC))
assert first is not None
launch.frame.window.show_while_opening("calendar", FirstDayPreview(first.plan, datetime.now(UTC)))
print(json.dumps(sorted(sys.modules)))
"""
# What the first day's way to the screen must not import: it is shown before them.
HEAVY = ("sqlalchemy", "alembic", "phonenumbers", "email_validator", "desk_app.db")


def test_the_first_day_is_shown_without_the_heavy_imports(
    tmp_path: Path, sqlite_template: Path
) -> None:
    path = tmp_path / "salon.sqlite3"
    shutil.copy(sqlite_template, path)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, f"sqlite:///{path}"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    imported = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "desk_app.ui.calendar.day_view" in imported
    assert not {m for m in imported if m.split(".")[0] in HEAVY or m.startswith(HEAVY)}
