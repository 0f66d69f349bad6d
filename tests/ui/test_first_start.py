"""The first start of a real installation (issue 13): on a fresh database the setup
assistant comes before the pages; driven by keys it leaves a salon whose first phone
booking and first consent declaration work and whose advertising mails carry the imprint.
Cancelled, it writes nothing and comes again at the next start."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from desk_app.desktop.launch import Launch
from desk_app.domain.campaign_content import Imprint
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Channel, ConsentSource, StaffRole
from desk_app.services.campaign_rows import CampaignDraft
from desk_app.services.rows import CustomerInput
from desk_app.ui.calendar.booking_dialog import BookingDialog
from desk_app.ui.preferences import LANGUAGE
from desk_app.ui.setup.assistant import BACKUP, GATEWAY, HOURS, SALON, SERVICES, STAFF
from desk_gateway.email_transport import OutgoingEmail, build_mime
from tests.support.ui import press, type_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    # Qt reads the configuration folder once per process: the language the assistant
    # keeps for "this computer" must not outlive the test.
    LANGUAGE.write(QSettings(), "")
    yield tmp_path
    LANGUAGE.write(QSettings(), "")


def start(qapp: QApplication, qtbot: QtBot, url: str) -> Launch:
    # Not handed to qtbot: a language chosen in the assistant replaces (deletes) the frame.
    launch = Launch(qapp, url, first_setup=True)
    launch.start()
    qtbot.waitUntil(
        lambda: launch.first_start is not None and launch.first_start.assistant.isVisible(),
        timeout=30_000,
    )
    return launch


def next_monday_at_ten() -> datetime:
    today = datetime.now(BERLIN).date()
    monday = today + timedelta(days=7 - today.weekday())
    return datetime(monday.year, monday.month, monday.day, 10, 0, tzinfo=BERLIN)


def test_the_assistant_sets_up_a_salon_that_books_and_records_consent(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path, database_url: str
) -> None:
    launch = start(qapp, qtbot, database_url)
    assert launch.desktop is None  # the pages wait for the salon
    assert launch.first_start is not None
    wizard = launch.first_start.assistant
    try:
        # Language: German, chosen with the arrow keys; Enter goes on, in German.
        language = wizard.language_page.language
        assert language.currentData() == "en"
        press(language, Qt.Key.Key_Up)
        press(language, Qt.Key.Key_Return)
        assert wizard.currentId() == SALON
        assert wizard.salon_page.title() == "Der Salon"

        salon = wizard.salon_page.tab
        qtbot.waitUntil(lambda: salon.zone.count() > 1)  # the zones come from the worker
        press(salon.sender_name, Qt.Key.Key_Return)  # no name: the page stays, says so
        assert wizard.currentId() == SALON and salon.name_error.isVisible()
        assert QApplication.focusWidget() is salon.name
        type_text(salon.name, "Haarwerk Probe")
        type_text(salon.sender_name, "Haarwerk")
        type_text(salon.phone, "0221 1234567")
        type_text(salon.address, "Hauptstraße 12, 50667 Köln")
        press(salon.address, Qt.Key.Key_Return)
        assert wizard.currentId() == HOURS

        # The usual week is suggested; Saturday closed with one key.
        saturday = wizard.hours_page.tab.modes[5]
        press(saturday, Qt.Key.Key_Up)
        press(saturday, Qt.Key.Key_Return)
        assert wizard.currentId() == STAFF

        staff = wizard.staff_page
        press(staff.owner, Qt.Key.Key_Return)  # no name yet: the page stays and says so
        assert wizard.currentId() == STAFF and staff.owner_error.isVisible()
        type_text(staff.owner, "Sabine Müller")
        type_text(staff.pin.first, "2468")
        type_text(staff.pin.second, "2468")
        type_text(staff.member, "Jörg Weiß")
        press(staff.member, Qt.Key.Key_Return)  # Enter with a name adds the member ...
        assert wizard.currentId() == STAFF
        assert staff.team.count() == 1
        press(staff.member, Qt.Key.Key_Return)  # ... and in the empty field goes on
        assert wizard.currentId() == SERVICES

        services_page = wizard.services_page
        type_text(services_page.name, "Damenhaarschnitt")
        for _ in range(3):
            press(services_page.minutes, Qt.Key.Key_Up)  # 30 → 45 minutes
        type_text(services_page.price, "49,00")
        press(services_page.price, Qt.Key.Key_Return)
        assert [s.name for s in services_page.services()] == ["Damenhaarschnitt"]
        press(services_page.name, Qt.Key.Key_Return)
        assert wizard.currentId() == GATEWAY

        press(wizard.gateway_page.tab.url, Qt.Key.Key_Return)  # skipped: works offline
        assert wizard.currentId() == BACKUP
        folder = isolated_home / "Sicherungen"
        type_text(wizard.backup_page.folder, str(folder))
        with qtbot.waitSignal(launch.ready, timeout=60_000):
            press(wizard.backup_page.folder, Qt.Key.Key_Return)  # Finish
    finally:
        if launch.desktop is None:
            launch.frame.window.close()
            launch.close()

    desktop = launch.desktop
    assert desktop is not None
    try:
        window = desktop.window
        qtbot.addWidget(window)
        # The frame was built anew in the chosen language, with the salon's name.
        assert window.windowTitle() == "Salon Desk – Haarwerk Probe"
        sections = window.findChild(QListWidget, "sections")
        assert sections is not None and sections.item(0).text() == "Kalender"
        assert LANGUAGE.read(QSettings()) == "de"

        services = desktop.services
        assert not services.catalogue.never_set_up()
        settings = services.catalogue.salon_settings()
        assert settings.salon_address == "Hauptstraße 12, 50667 Köln"
        assert settings.backup_folder == str(folder)
        assert settings.gateway_url == ""
        assert {i.weekday for i in services.catalogue.opening_hours()} == {0, 1, 2, 3, 4}
        owner = services.catalogue.staff_by_name("Sabine Müller")
        assert owner.role is StaffRole.OWNER
        actor = services.staff_access.sign_in(owner.id, "2468")

        # The first phone booking, through the phone-booking dialog of the window.
        customer = services.customers.create(
            CustomerInput(
                first_name="Anna", last_name="Berg", email="anna@example.org", phone="0151 12345678"
            )
        )
        ctx = desktop.ctx
        dialog = BookingDialog(ctx, window, staff_id=owner.id, starts_at=next_monday_at_ten())
        dialog.open()
        service = dialog.findChild(QComboBox, "service")
        assert service is not None
        qtbot.waitUntil(lambda: service.count() == 1)
        save = dialog.findChild(QPushButton, "save")
        assert save is not None
        find = dialog.findChild(QLineEdit, "customer_search")
        assert find is not None
        type_text(find, "Berg")
        results = dialog.findChild(QListView, "customer_results")
        assert results is not None
        qtbot.waitUntil(results.isVisible)
        press(find, Qt.Key.Key_Return)
        service.setCurrentIndex(0)
        qtbot.waitUntil(dialog.is_ready)
        with qtbot.waitSignal(dialog.booked, timeout=10_000) as booked:
            qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        appointment = booked.args[0]
        assert appointment.customer_id == customer.id and appointment.staff_id == owner.id

        # The first consent declaration, by the owner who asked on the phone.
        [declared] = services.consent.declare(
            customer.id,
            [Channel.EMAIL],
            ConsentSource.PHONE,
            None,
            True,
            services.consent.statement_for(customer.id, [Channel.EMAIL]).sha256,
            actor=actor,
        )
        assert declared.channel is Channel.EMAIL

        # An advertising mail as the composer renders it and the gateway builds it.
        draft = CampaignDraft(
            name="Frühling",
            type=CampaignType.PROMOTION,
            channel=ChannelChoice.EMAIL,
            subject="Frühling bei {{ salon_name }}",
            body="Hallo {{ first_name }}, neue Farben sind da.",
        )
        assert services.campaigns.check_content(draft).sendable
        preview = services.campaigns.render_for(draft, customer.id, Channel.EMAIL)
        imprint = Imprint("Haarwerk Probe", "Hauptstraße 12, 50667 Köln", "0221 1234567")
        line = imprint.line(customer.language)
        assert f"\n--\n{line}\n" in preview.body
        mime = build_mime(
            OutgoingEmail(
                sender="Salon <noreply@example.org>",
                to="anna@example.org",
                subject=preview.subject,
                text=preview.body.replace("$unsubscribe_url", "https://gw.example/u/x"),
                message_id="<first@example.org>",
                unsubscribe_url="https://gw.example/u/x",
            )
        )
        assert isinstance(mime, EmailMessage)
        plain = mime.get_body(("plain",))
        html = mime.get_body(("html",))
        assert plain is not None and html is not None
        assert line in plain.get_content()
        assert "Hauptstraße 12, 50667 Köln" in html.get_content()
        assert "0221 1234567" in html.get_content()
    finally:
        desktop.close()


def test_cancelling_writes_nothing_and_the_next_start_asks_again(
    qapp: QApplication, qtbot: QtBot, isolated_home: Path
) -> None:
    url = f"sqlite:///{isolated_home / 'salon.sqlite3'}"
    launch = start(qapp, qtbot, url)
    assert launch.first_start is not None
    wizard = launch.first_start.assistant
    press(wizard.language_page.language, Qt.Key.Key_Return)
    type_text(wizard.salon_page.tab.name, "Halb eingerichtet")
    with qtbot.waitSignal(launch.setup_cancelled):
        press(wizard.salon_page.tab.name, Qt.Key.Key_Escape)
    assert launch.desktop is None
    launch.frame.window.close()
    launch.close()

    again = start(qapp, qtbot, url)
    try:
        assert again.first_start is not None
        assert again.first_start.assistant.isVisible()
    finally:
        again.first_start.assistant.reject()
        again.frame.window.close()
        again.close()
