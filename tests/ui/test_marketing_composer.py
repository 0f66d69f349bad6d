"""The campaign composer, driven like the owner does: type → recipients → content → send.

Customers get their consent states through the real services: declared by staff
(ConsentService), confirmed by the customer's click and unsubscribed through the events
the gateway sync applies (``apply_event``), withdrawn at the counter (ConsentService);
visits are real bookings marked as done.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
)
from pytestqt.qtbot import QtBot

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaign_content import OBJECTION_NOTICE
from desk_app.domain.campaigns import CampaignType
from desk_app.domain.enums import AppointmentStatus, Channel, ConsentSource
from desk_app.gateway.port import GatewayEvent
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.gateway_events import apply_event
from desk_app.services.rows import CustomerRow
from desk_app.ui.context import UiContext
from desk_app.ui.marketing.audience_model import Column
from desk_app.ui.marketing.composer import DEBOUNCE_MS, CampaignComposer
from desk_app.ui.marketing.marketing_page import CAMPAIGNS_TAB, MarketingPage
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, make_salon
from tests.support.ui import ZONE, type_text

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
BERLIN = ZoneInfo(ZONE)


# ---- the salon's customers ------------------------------------------------------------
class Gateway:
    """Applies what the gateway would report (the customer's own clicks), in order."""

    def __init__(self, services: Services) -> None:
        self.services, self.seq = services, 0

    def send(self, kind: str, customer: CustomerRow, at: datetime, **data: object) -> None:
        self.seq += 1
        channel = data.pop("channel", None)
        event = GatewayEvent(
            self.seq,
            kind,
            at,
            customer.ref,
            str(data.get("client_id") or data.get("request_id") or "") or None,
            str(channel) if channel else None,
            data,
        )
        with self.services.db.write() as s:
            apply_event(s, event)


@dataclass
class Customers:
    """Everyone of the test salon, by the consent state that decides their fate."""

    anna: CustomerRow  # email confirmed, visited
    hanna: CustomerRow  # email confirmed, visited
    ines: CustomerRow  # SMS confirmed only, visited
    bernd: CustomerRow  # email confirmed, never visited (filtered out)
    clara: CustomerRow  # email declared, not confirmed
    dieter: CustomerRow  # never asked
    eva: CustomerRow  # confirmed, then clicked "unsubscribe"
    frank: CustomerRow  # no email address at all
    greta: CustomerRow  # confirmed, then withdrew at the counter


def confirm(
    services: Services,
    gateway: Gateway,
    salon: Salon,
    customer: CustomerRow,
    channel: Channel,
    at: datetime,
) -> None:
    [declared] = services.consent.declare(
        customer.id, [channel], ConsentSource.PHONE, salon.reception.name, True
    )
    gateway.send(
        "consent.confirmed",
        customer,
        at,
        channel=channel.value,
        request_id=declared.request_id,
        ip="198.51.100.7",
        user_agent="Firefox",
    )


def visited(services: Services, salon: Salon, customer: CustomerRow, days_ago: int) -> None:
    """A completed appointment ``days_ago`` days before the test clock's now."""
    start = datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN) - timedelta(days=days_ago)
    row = services.booking.book(
        BookingRequest(customer.id, salon.stylist.id, salon.cut.id, start, override=True)
    )
    services.booking.set_status(row.id, AppointmentStatus.DONE)


def make_customers(services: Services, salon: Salon, clock: Clock) -> Customers:
    gateway = Gateway(services)
    later = clock.now + timedelta(hours=1)

    def person(first: str, last: str, email: str | None, phone: str | None) -> CustomerRow:
        return add_customer(services, first, last, email, phone)

    people = Customers(
        anna=person("Anna", "Albers", "anna@example.org", None),
        hanna=person("Hanna", "Huber", "hanna@example.org", None),
        ines=person("Ines", "Ibsen", None, "0151 11112222"),
        bernd=person("Bernd", "Brandt", "bernd@example.org", None),
        clara=person("Clara", "Conrad", "clara@example.org", None),
        dieter=person("Dieter", "Dorn", "dieter@example.org", None),
        eva=person("Eva", "Engel", "eva@example.org", None),
        frank=person("Frank", "Fuchs", None, "0151 33334444"),
        greta=person("Greta", "Graf", "greta@example.org", None),
    )
    for customer in (people.anna, people.hanna, people.bernd, people.eva, people.greta):
        confirm(services, gateway, salon, customer, Channel.EMAIL, later)
    confirm(services, gateway, salon, people.ines, Channel.SMS, later)
    services.consent.declare(
        people.clara.id, [Channel.EMAIL], ConsentSource.PHONE, salon.reception.name, True
    )
    gateway.send("optout.received", people.eva, later + timedelta(minutes=5), via="link")
    services.consent.revoke(
        people.greta.id, [Channel.EMAIL], ConsentSource.IN_PERSON, salon.reception.name
    )
    for n, customer in enumerate(
        (
            people.anna,
            people.hanna,
            people.ines,
            people.clara,
            people.dieter,
            people.eva,
            people.frank,
            people.greta,
        )
    ):
        visited(services, salon, customer, days_ago=20 + n)
    return people


# ---- fixtures -------------------------------------------------------------------------
@pytest.fixture
def salon(services: Services) -> Salon:
    services.catalogue.set_setting("salon_name", "Salon Weiß", actor=SHARED_COUNTER)
    services.catalogue.set_setting("sms_price_cents", "9", actor=SHARED_COUNTER)
    return make_salon(services)


@pytest.fixture
def people(services: Services, salon: Salon, clock: Clock) -> Customers:
    return make_customers(services, salon, clock)


def open_page(qtbot: QtBot, ctx: UiContext, alive: list[object]) -> MarketingPage:
    page = MarketingPage(ctx)
    alive.append(page)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    return page


def settle(qtbot: QtBot, composer: CampaignComposer) -> None:
    """Wait until every question the composer asked has its answer on screen."""
    qtbot.waitUntil(lambda: not composer.is_busy(), timeout=5000)


def child(composer: CampaignComposer, kind: type, name: str):  # type: ignore[no-untyped-def]
    widget = composer.findChild(kind, name)
    assert widget is not None, name
    return widget


def table_rows(table: QTableView) -> dict[str, str]:
    model = table.model()
    return {
        model.index(row, Column.NAME).data(): model.index(row, Column.DETAIL).data()
        for row in range(model.rowCount())
    }


def replace_text(qtbot: QtBot, editor: QLineEdit, text: str) -> None:
    editor.selectAll()
    editor.del_()
    qtbot.keyClicks(editor, text)


# ---- the whole way --------------------------------------------------------------------
def test_from_type_to_scheduled_send(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    people: Customers,
    alive: list[object],
) -> None:
    # The SMS counter counts the unsubscribe link of this gateway: 18 + 3 + 43 characters.
    services.catalogue.set_setting("gateway_url", "https://gw.example", actor=SHARED_COUNTER)
    page = open_page(qtbot, ctx, alive)
    composer = page.composer()

    # 1 · Type: the legal basis in plain words under the combo.
    kind = child(composer, QComboBox, "campaignType")
    kind.setCurrentIndex(kind.findData(CampaignType.PROMOTION.value))
    basis = child(composer, QLabel, "legalBasis")
    assert "confirmed their consent (double opt-in) on this channel" in basis.text()
    child(composer, QRadioButton, "channel_email").click()
    qtbot.keyClicks(child(composer, QLineEdit, "campaignName"), "Herbst 2026")

    # 2 · Recipients: only customers who visited since 1 October.
    child(composer, QCheckBox, "lastVisitAfterBox").click()
    child(composer, QDateEdit, "lastVisitAfter").setDate(QDate(2026, 10, 1))
    settle(qtbot, composer)
    assert composer.counts_text() == "2 recipients (2 by email, 0 by SMS) · 6 left out"
    lists = composer.audience_lists()
    assert set(table_rows(lists.recipients_table())) == {"Anna Albers", "Hanna Huber"}
    excluded = table_rows(lists.exclusion_table())
    assert excluded == {
        "Clara Conrad": "consent not yet confirmed by the customer",
        "Dieter Dorn": "no consent to advertising",
        "Eva Engel": "the customer unsubscribed",
        "Frank Fuchs": "no address for this channel",
        "Greta Graf": "consent was withdrawn",
        "Ines Ibsen": "no address for this channel",
    }  # Bernd never visited: not selected at all

    # The exclusion list is searchable by name and by the reason's words (the database is
    # asked once the typing pauses) …
    search = lists.exclusion_search()
    qtbot.keyClicks(search, "withdrawn")
    settle(qtbot, composer)
    assert table_rows(lists.exclusion_table()) == {"Greta Graf": "consent was withdrawn"}
    search.clear()
    qtbot.keyClicks(search, "eva")
    settle(qtbot, composer)
    assert list(table_rows(lists.exclusion_table())) == ["Eva Engel"]
    search.clear()
    settle(qtbot, composer)
    # … and can be narrowed to one reason, the count beside it.
    reasons = lists.reason_filter()
    assert reasons.itemText(0) == "All reasons (6)"
    no_address = reasons.findData("no_address")
    assert reasons.itemText(no_address) == "no address for this channel (2)"
    reasons.setCurrentIndex(no_address)
    settle(qtbot, composer)
    assert set(table_rows(lists.exclusion_table())) == {"Frank Fuchs", "Ines Ibsen"}
    reasons.setCurrentIndex(0)
    settle(qtbot, composer)

    # 3 · Content: an unknown placeholder is an error before sending.
    content = composer.content_panel()
    send = child(composer, QPushButton, "sendButton")
    qtbot.keyClicks(content.editor("subject"), "Hallo {{ vorname }}")
    qtbot.keyClicks(content.editor("body"), "Neue Herbstfarben bei {{ salon_name }}.")
    settle(qtbot, composer)
    assert not send.isEnabled()
    assert content.problems_text() == (
        "Email subject, line 1: unknown placeholder “vorname” (see “Insert placeholder”)"
    )
    assert composer.blocked_text() == "Fix the problems in the content (step 3) first."

    replace_text(qtbot, content.editor("subject"), "Hallo ")
    # The placeholder menu inserts where the cursor is in the field last worked in.
    page.activateWindow()
    content.editor("subject").setFocus()
    qtbot.waitUntil(content.editor("subject").hasFocus)
    menu = child(content, QPushButton, "emailPlaceholders").menu()
    [first_name] = [a for a in menu.actions() if a.data() == "first_name"]
    assert first_name.text() == "{{ first_name }} – The customer's first name"
    first_name.trigger()
    assert content.subject() == "Hallo {{ first_name }}"
    settle(qtbot, composer)
    assert content.problems_text() == ""
    assert send.isEnabled()
    # The preview of the first recipient, with the unsubscribe link in it.
    preview = content.preview_text()
    assert "Subject: Hallo Anna" in preview
    assert "Neue Herbstfarben bei Salon Weiß." in preview
    assert "Abmelden: [personal unsubscribe link]" in preview
    # Another recipient, picked from the list, gets their own preview.
    lists.select_recipient(people.hanna.id)
    qtbot.waitUntil(lambda: "Subject: Hallo Hanna" in content.preview_text())

    # SMS: "best available" reaches Ines by SMS; the counter counts her message.
    child(composer, QRadioButton, "channel_best").click()
    settle(qtbot, composer)
    assert composer.counts_text() == "3 recipients (2 by email, 1 by SMS) · 5 left out"
    sms = content.editor("sms_body")
    type_text(sms, "Hallo {{ first_name }}, „Herbstfarben“ – jetzt bei uns!")
    assert content.typography_offered()  # „ “ – force UCS-2, and can be replaced
    settle(qtbot, composer)
    # Her SMS as sent: 43 characters, the footer line and the gateway's 64-character link.
    assert content.sms_counter_text().startswith("For Ines Ibsen: 118 characters, UCS-2, 2 parts")
    child(content, QPushButton, "replaceTypography").click()
    assert sms.toPlainText() == 'Hallo {{ first_name }}, "Herbstfarben" - jetzt bei uns!'
    assert not content.typography_offered()
    settle(qtbot, composer)
    counter = content.sms_counter_text()
    assert counter == (
        "For Ines Ibsen: 118 characters, GSM-7, 1 part "
        "Worst case: 1 part per SMS. 1 part in total for 1 recipient, about €0.09."
    )

    # 4 · Schedule for the day after tomorrow, 10:00 in the salon's time zone.
    day = (datetime.now(BERLIN) + timedelta(days=2)).date()
    scheduled = datetime(day.year, day.month, day.day, 10, 0, tzinfo=BERLIN)
    child(composer, QRadioButton, "sendLater").click()
    child(composer, QDateTimeEdit, "sendAt").setDateTime(
        QDateTime(QDate(day), QTime(10, 0), QTimeZone(ZONE.encode()))
    )
    assert composer.send_at() == scheduled.astimezone(UTC)
    settle(qtbot, composer)
    assert send.isEnabled()
    assert send.text() == "Sche&dule…"

    values: list[int] = []
    composer.progress_bar().valueChanged.connect(values.append)
    with qtbot.waitSignal(composer.confirmation_opened) as opened:
        send.click()
    box = opened.args[0]
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("Send “Herbst 2026” to 3 customers on ")
    assert "5 customers are left out" in box.informativeText()
    confirm_button = box.findChild(QPushButton, "confirmSend")
    with qtbot.waitSignal(composer.campaign_sent, timeout=5000) as sent:
        confirm_button.click()
    row = sent.args[0]
    assert (row.name, row.queued) == ("Herbst 2026", 3)
    assert values[-1] == 3  # the progress bar followed the worker to the end
    assert composer.progress_bar().isHidden()

    # The page shows the campaign list with the new campaign selected, 3 waiting.
    assert page.current_tab() == CAMPAIGNS_TAB
    campaigns = page.campaigns()
    qtbot.waitUntil(
        lambda: (
            campaigns.selected_campaign() is not None
            and campaigns.selected_campaign().id == row.id
            and campaigns.result_view().number_text("waiting") == "3"
        ),
        timeout=5000,
    )
    assert campaigns.result_view().number_text("delivered") == "0"

    # The outbox holds exactly the recipients, each not before the scheduled time.
    queued = [m for m in services.outbox.messages() if m.kind.startswith("campaign_")]
    assert sorted((m.customer_id, m.channel, m.not_before) for m in queued) == sorted(
        [
            (people.anna.id, Channel.EMAIL, scheduled),
            (people.hanna.id, Channel.EMAIL, scheduled),
            (people.ines.id, Channel.SMS, scheduled),
        ]
    )
    # A fresh composer: the same campaign cannot go out twice by a second click.
    assert not send.isEnabled()


def test_confirmation_cancelled_queues_nothing(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    people: Customers,
    alive: list[object],
) -> None:
    page = open_page(qtbot, ctx, alive)
    composer = page.composer()
    qtbot.keyClicks(child(composer, QLineEdit, "campaignName"), "Test")
    content = composer.content_panel()
    qtbot.keyClicks(content.editor("subject"), "Hallo")
    settle(qtbot, composer)
    assert composer.blocked_text() == "Still missing: Email text."
    assert not child(composer, QPushButton, "sendButton").isEnabled()
    qtbot.keyClicks(content.editor("body"), "Text")
    settle(qtbot, composer)
    with qtbot.waitSignal(composer.confirmation_opened) as opened:
        child(composer, QPushButton, "sendButton").click()
    box = opened.args[0]
    assert box.text() == "Send “Test” to 3 customers now?"  # Anna, Hanna, Bernd
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(200)
    assert services.campaigns.campaigns() == []
    assert page.current_tab() == 0


# ---- the type decides who may be reached ----------------------------------------------
def test_similar_offer_goes_by_email_only_and_says_so(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    salon: Salon,
    people: Customers,
    alive: list[object],
) -> None:
    # Told of her right to object when her address was taken, and visited: may be reached.
    olga = add_customer(
        services, "Olga", "Ott", "olga@example.org", None, objection_notice_given=True
    )
    visited(services, salon, olga, days_ago=3)
    composer = open_page(qtbot, ctx, alive).composer()
    child(composer, QRadioButton, "channel_sms").click()
    kind = child(composer, QComboBox, "campaignType")
    kind.setCurrentIndex(kind.findData(CampaignType.SIMILAR_OFFER.value))
    assert "by email only, to customers with a completed appointment" in (
        child(composer, QLabel, "legalBasis").text()
    )
    assert child(composer, QRadioButton, "channel_email").isChecked()
    assert not child(composer, QRadioButton, "channel_sms").isEnabled()
    assert not child(composer, QRadioButton, "channel_best").isEnabled()
    settle(qtbot, composer)
    # Nobody was told of the right to object when the address was taken.
    reasons = set(table_rows(composer.audience_lists().exclusion_table()).values())
    assert "the right to object was not pointed out when the address was collected" in reasons
    assert set(table_rows(composer.audience_lists().recipients_table())) == {"Olga Ott"}
    # Every message carries the notice of the right to object, and the unsubscribe link.
    content = composer.content_panel()
    qtbot.keyClicks(content.editor("subject"), "Neu: Balayage")
    qtbot.keyClicks(content.editor("body"), "Hallo {{ first_name }}, neu bei uns: Balayage.")
    settle(qtbot, composer)
    preview = content.preview_text()
    assert "Hallo Olga, neu bei uns: Balayage." in preview
    assert OBJECTION_NOTICE["de"] in preview
    assert "Abmelden: [personal unsubscribe link]" in preview


def test_service_information_warns_about_advertising_without_blocking(
    qtbot: QtBot, ctx: UiContext, people: Customers, alive: list[object]
) -> None:
    composer = open_page(qtbot, ctx, alive).composer()
    kind = child(composer, QComboBox, "campaignType")
    kind.setCurrentIndex(kind.findData(CampaignType.SERVICE_INFO.value))
    qtbot.keyClicks(child(composer, QLineEdit, "campaignName"), "Umzug")
    content = composer.content_panel()
    qtbot.keyClicks(content.editor("subject"), "Wir ziehen um")
    type_text(content.editor("body"), "Ab März in der Hauptstraße, mit 20% Rabatt!")
    settle(qtbot, composer)
    assert content.advertising_text().startswith(
        "Service information must not advertise or ask for reviews. Please check: “20%”, “Rabatt”."
    )
    assert child(composer, QPushButton, "sendButton").isEnabled()
    # Existing customers without objection, consent or not: Dieter and Clara too.
    recipients = set(table_rows(composer.audience_lists().recipients_table()))
    assert {"Clara Conrad", "Dieter Dorn", "Anna Albers"} <= recipients
    assert "Eva Engel" not in recipients


def test_birthday_type_ticks_the_birthday_filter(
    qtbot: QtBot, ctx: UiContext, people: Customers, alive: list[object]
) -> None:
    composer = open_page(qtbot, ctx, alive).composer()
    kind = child(composer, QComboBox, "campaignType")
    kind.setCurrentIndex(kind.findData(CampaignType.BIRTHDAY.value))
    assert child(composer, QCheckBox, "birthdayBox").isChecked()
    filters = composer.audience_panel().filters()
    assert filters.birthday_from is not None and filters.birthday_to is not None
    assert "advertising too" in child(composer, QLabel, "legalBasis").text()


def test_service_category_and_staff_filters(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    salon: Salon,
    people: Customers,
    alive: list[object],
) -> None:
    balayage = services.catalogue.add_treatment("Balayage", 120, 12900, category="Farbe")
    start = datetime(2026, 11, 2, 10, 0, tzinfo=BERLIN)
    done = services.booking.book(
        BookingRequest(people.hanna.id, salon.other_stylist.id, balayage.id, start, override=True)
    )
    services.booking.set_status(done.id, AppointmentStatus.DONE)
    composer = open_page(qtbot, ctx, alive).composer()
    category = child(composer, QComboBox, "category")
    qtbot.waitUntil(lambda: category.count() == 1)  # loaded on the worker
    assert category.currentText() == "Farbe"
    child(composer, QCheckBox, "categoryBox").click()
    settle(qtbot, composer)
    assert composer.counts_text() == "1 recipient (1 by email, 0 by SMS) · 0 left out"
    assert set(table_rows(composer.audience_lists().recipients_table())) == {"Hanna Huber"}

    child(composer, QCheckBox, "categoryBox").click()
    staff = child(composer, QComboBox, "staff")
    staff.setCurrentIndex(staff.findText("Jörg Weiß"))
    child(composer, QCheckBox, "staffBox").click()
    settle(qtbot, composer)
    # Everyone else visited Jörg; Bernd never came.
    assert composer.counts_text() == "2 recipients (2 by email, 0 by SMS) · 6 left out"


# ---- answers in order -----------------------------------------------------------------
def test_a_stale_audience_answer_is_dropped(
    qtbot: QtBot, ctx: UiContext, people: Customers, alive: list[object]
) -> None:
    composer = open_page(qtbot, ctx, alive).composer()
    settle(qtbot, composer)
    shown: list[str] = []
    composer.audience_loaded.connect(lambda: shown.append(composer.counts_text()))
    # Hold the database worker, so both questions below are asked before any answer.
    release = threading.Event()
    ctx.db_tasks.submit(composer, lambda: release.wait(5))
    child(composer, QCheckBox, "lastVisitAfterBox").click()
    child(composer, QDateEdit, "lastVisitAfter").setDate(QDate(2026, 10, 1))
    qtbot.wait(DEBOUNCE_MS + 150)  # the first question is asked
    child(composer, QDateEdit, "lastVisitAfter").setDate(QDate(2026, 11, 3))
    qtbot.wait(DEBOUNCE_MS + 150)  # and the second
    release.set()
    settle(qtbot, composer)
    qtbot.wait(100)
    # Visits were 20, 21, … days before 25 November: since 3 November only Anna, Hanna
    # and Ines (no email address); the answer for 1 October came first and was dropped.
    assert shown == ["2 recipients (2 by email, 0 by SMS) · 1 left out"]
