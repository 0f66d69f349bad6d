"""An online booking that the sync applied (here: another process, as the background sync
is) is announced in the open window's status bar, and a request that waits for staff is
counted in the section's title, without anyone touching the window."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication, QListWidget
from pytestqt.qtbot import QtBot

from desk_app.bootstrap import open_services
from desk_app.desktop import gui
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import StaffRole
from desk_app.gateway.port import GatewayEvent
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput, StaffRow, TreatmentRow
from desk_app.ui.main_window import SECTION_KEYS


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def _request(
    services: Services, staff: StaffRow, cut: TreatmentRow, start: datetime, **person: Any
) -> None:
    data = {
        "request_id": str(uuid.uuid4()),
        "treatment_id": cut.id,
        "staff_id": staff.id,
        "staff_chosen": True,
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(minutes=cut.minutes)).isoformat(),
        "note": "",
        "language": "de",
        "notify_after_objection": False,
        "consent": {"email": None, "sms": None},
        "objection_notice_shown": True,
        "ip": "203.0.113.7",
        "user_agent": "Mozilla/5.0",
        "submitted_at": datetime.now(UTC).isoformat(),
        **person,
    }
    with services.db.write() as s:
        services.online_booking.apply_event(
            s, GatewayEvent(1, "booking.requested", datetime.now(UTC), data=data)
        )


def test_news_of_online_booking_reach_the_open_window(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    url = f"sqlite:///{isolated_home / 'shared.sqlite3'}"
    sync = open_services(url)  # what the background sync writes with: its own connections
    stylist = sync.catalogue.add_staff("Jörg Weiß", StaffRole.STYLIST, actor=SHARED_COUNTER)
    cut = sync.catalogue.add_treatment("Herrenhaarschnitt", 30, 2900)
    zone = ZoneInfo(sync.catalogue.salon_settings().time_zone)
    tomorrow = datetime.now(zone).date() + timedelta(days=1)

    desktop = gui.start_desktop(qapp, url)
    try:
        window = desktop.window
        qtbot.addWidget(window)
        window.show_section("calendar")  # the online section is not the one on screen
        sections = window.findChild(QListWidget, "sections")
        assert sections is not None
        online = sections.item(SECTION_KEYS.index("online"))
        assert online.text() == "Online requests"

        _request(
            sync,
            stylist,
            cut,
            datetime.combine(tomorrow, time(10, 0), zone),
            first_name="Olga",
            last_name="Online",
            email="olga@example.org",
            phone=None,
        )
        qtbot.waitUntil(
            lambda: (
                window.statusBar()
                .currentMessage()
                .startswith("New online booking: Olga Online, Herrenhaarschnitt, ")
            ),
            timeout=8000,
        )
        assert online.text() == "Online requests"  # booked by itself: nothing to decide

        for first, email, phone in (
            ("Maria", "familie@example.org", None),
            ("Mia", None, "0170 5555555"),
        ):
            sync.customers.create(CustomerInput(first, "Meier", email=email, phone=phone))
        _request(
            sync,
            stylist,
            cut,
            datetime.combine(tomorrow, time(14, 0), zone),
            first_name="Mia",
            last_name="Meier",
            email="familie@example.org",
            phone="+491705555555",
        )
        qtbot.waitUntil(lambda: online.text() == "Online requests (1)", timeout=8000)
        assert (
            window.statusBar()
            .currentMessage()
            .startswith("New online request from Mia Meier waits for you: Herrenhaarschnitt, ")
        )
    finally:
        desktop.close()
        sync.db.dispose()
