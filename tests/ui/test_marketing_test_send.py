"""The composer's test send: the campaign once to the owner's own address, through the
gateway (a recording fake here), never into the outbox and never to a customer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QRadioButton, QTabWidget
from pytestqt.qtbot import QtBot

from desk_app.domain.access import SHARED_COUNTER
from desk_app.services.campaigns import OWNER_TEST_REF
from desk_app.services.container import Services
from desk_app.services.sync import SyncService
from desk_app.ui.context import UiContext
from desk_app.ui.marketing.composer import CampaignComposer
from desk_app.ui.marketing.marketing_page import AUTOMATIONS_TAB, MarketingPage
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway, make_sync
from tests.services.support import give_salon_address, make_salon
from tests.ui.test_marketing_composer import Customers, child, make_customers, settle

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
OWNER = "chefin@salon-weiss.de"
OWNER_MOBILE = "+4915199998888"
NO_GATEWAY = "Set up a gateway first (Settings)"


@pytest.fixture
def people(services: Services, clock: Clock) -> Customers:
    services.catalogue.set_setting("salon_name", "Salon Weiß", actor=SHARED_COUNTER)
    return make_customers(services, make_salon(services), clock)


@pytest.fixture
def fake() -> FakeGateway:
    return FakeGateway()


@pytest.fixture
def factory(services: Services, fake: FakeGateway, clock: Clock) -> Callable[[], SyncService]:
    return lambda: make_sync(services, fake, clock)


def open_composer(
    qtbot: QtBot,
    ctx: UiContext,
    alive: list[object],
    factory: Callable[[], SyncService] | None,
) -> CampaignComposer:
    page = MarketingPage(ctx, sync_factory=factory)
    alive.append(page)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    return page.composer()


def write_email(qtbot: QtBot, composer: CampaignComposer, subject: str, body: str) -> None:
    content = composer.content_panel()
    qtbot.keyClicks(content.editor("subject"), subject)
    qtbot.keyClicks(content.editor("body"), body)
    settle(qtbot, composer)


def result_label(composer: CampaignComposer) -> QLabel:
    label = composer.findChild(QLabel, "testResult")
    assert label is not None
    return label


# ---- the test reaches the owner, and only the owner ----------------------------------
def test_test_email_goes_to_the_owner_as_the_first_recipient_would_get_it(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    people: Customers,
    fake: FakeGateway,
    factory: Callable[[], SyncService],
    alive: list[object],
) -> None:
    services.catalogue.set_setting("owner_email", OWNER, actor=SHARED_COUNTER)
    composer = open_composer(qtbot, ctx, alive, factory)
    test = composer.test_button()
    assert test is child(composer, QPushButton, "testButton")
    settle(qtbot, composer)
    assert not test.isEnabled()  # nothing written yet
    assert test.toolTip() == "Still missing: Email subject, Email text."

    write_email(qtbot, composer, "Hallo {{ first_name }}", "Neue Herbstfarben")
    # A test needs no campaign name; Send does.
    assert not composer.send_button().isEnabled()
    assert test.isEnabled()

    outbox_before = services.outbox.messages()
    with qtbot.waitSignal(composer.test_sent, timeout=5000) as sent:
        test.click()
    assert sent.args == [f"Test sent to {OWNER}."]
    assert result_label(composer).text() == f"Test sent to {OWNER}."
    assert result_label(composer).isVisible()

    [item] = fake.sent_items
    assert (item.channel, item.to, item.customer_ref) == ("email", OWNER, OWNER_TEST_REF)
    assert item.subject.startswith("[Test] ")
    assert item.subject == "[Test] Hallo Anna"  # filled in for Anna, the first recipient
    assert "Neue Herbstfarben" in item.text
    assert fake.closed  # the SyncService made for the test was closed again
    # No customer got anything, nothing waits in the outbox, no campaign exists.
    assert services.outbox.messages() == outbox_before
    assert services.campaigns.campaigns() == []
    assert test.isEnabled()  # ready for another test


def test_best_available_tests_sms_too_once_an_sms_text_is_written(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    people: Customers,
    fake: FakeGateway,
    factory: Callable[[], SyncService],
    alive: list[object],
) -> None:
    services.catalogue.set_setting("owner_email", OWNER, actor=SHARED_COUNTER)
    services.catalogue.set_setting("owner_mobile", OWNER_MOBILE, actor=SHARED_COUNTER)
    composer = open_composer(qtbot, ctx, alive, factory)
    child(composer, QRadioButton, "channel_best").click()
    write_email(qtbot, composer, "Herbst", "Neue Farben")
    test = composer.test_button()
    # The SMS text is still empty: Send waits for it, the test goes by email alone.
    assert "SMS text" in composer.blocked_text()
    assert test.isEnabled()
    with qtbot.waitSignal(composer.test_sent, timeout=5000):
        test.click()
    assert [(i.channel, i.to) for i in fake.sent_items] == [("email", OWNER)]

    qtbot.keyClicks(composer.content_panel().editor("sms_body"), "Neue Farben bei uns")
    settle(qtbot, composer)
    with qtbot.waitSignal(composer.test_sent, timeout=5000) as sent:
        test.click()
    assert [(i.channel, i.to) for i in fake.sent_items[1:]] == [
        ("email", OWNER),
        ("sms", OWNER_MOBILE),
    ]
    assert sent.args == [f"Test sent to {OWNER}. Test sent to {OWNER_MOBILE}."]


# ---- why a test does not go out ------------------------------------------------------
def test_missing_owner_email_is_explained_and_nothing_is_sent(
    qtbot: QtBot,
    ctx: UiContext,
    people: Customers,
    fake: FakeGateway,
    factory: Callable[[], SyncService],
    alive: list[object],
) -> None:
    composer = open_composer(qtbot, ctx, alive, factory)
    write_email(qtbot, composer, "Herbst", "Neue Farben")
    with qtbot.waitSignal(composer.test_failed, timeout=5000) as failed:
        composer.test_button().click()
    text = failed.args[0]
    assert "owner's email address" in text
    assert "Automations" in text  # where to enter it
    assert result_label(composer).text() == text
    assert fake.calls == []
    assert composer.test_button().isEnabled()


def test_missing_owner_mobile_sends_no_half_test(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    people: Customers,
    fake: FakeGateway,
    factory: Callable[[], SyncService],
    alive: list[object],
) -> None:
    services.catalogue.set_setting("owner_email", OWNER, actor=SHARED_COUNTER)
    composer = open_composer(qtbot, ctx, alive, factory)
    child(composer, QRadioButton, "channel_best").click()
    write_email(qtbot, composer, "Herbst", "Neue Farben")
    qtbot.keyClicks(composer.content_panel().editor("sms_body"), "Neue Farben")
    settle(qtbot, composer)
    with qtbot.waitSignal(composer.test_failed, timeout=5000) as failed:
        composer.test_button().click()
    assert "owner's mobile number" in failed.args[0]
    assert fake.calls == []  # the email was not sent without the SMS either


def test_unreachable_gateway_is_shown(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    people: Customers,
    fake: FakeGateway,
    factory: Callable[[], SyncService],
    alive: list[object],
) -> None:
    services.catalogue.set_setting("owner_email", OWNER, actor=SHARED_COUNTER)
    composer = open_composer(qtbot, ctx, alive, factory)
    write_email(qtbot, composer, "Herbst", "Neue Farben")
    fake.fail_next(method="send_messages")
    with qtbot.waitSignal(composer.test_failed, timeout=5000) as failed:
        composer.test_button().click()
    expected = "The gateway cannot be reached: the test was not sent. Try again later."
    assert failed.args == [expected]
    assert result_label(composer).text() == expected
    assert fake.sent_items == [] and len(fake.failed_batches) == 1
    assert fake.closed

    # Once the gateway is back, the same button sends.
    with qtbot.waitSignal(composer.test_sent, timeout=5000):
        composer.test_button().click()
    assert [i.to for i in fake.sent_items] == [OWNER]


def test_a_refused_test_says_why(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    people: Customers,
    fake: FakeGateway,
    factory: Callable[[], SyncService],
    alive: list[object],
) -> None:
    services.catalogue.set_setting("owner_email", OWNER, actor=SHARED_COUNTER)
    fake.reject_addresses[OWNER] = "invalid_address"
    composer = open_composer(qtbot, ctx, alive, factory)
    write_email(qtbot, composer, "Herbst", "Neue Farben")
    with qtbot.waitSignal(composer.test_failed, timeout=5000) as failed:
        composer.test_button().click()
    assert failed.args == [
        f"The gateway refused the test to {OWNER} (the address is not valid for this channel)."
    ]


# ---- when the button cannot be pressed -----------------------------------------------
def test_content_problems_disable_the_test(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    people: Customers,
    factory: Callable[[], SyncService],
    alive: list[object],
) -> None:
    services.catalogue.set_setting("owner_email", OWNER, actor=SHARED_COUNTER)
    composer = open_composer(qtbot, ctx, alive, factory)
    write_email(qtbot, composer, "Hallo {{ vorname }}", "Text")
    test = composer.test_button()
    assert not test.isEnabled()
    assert test.toolTip() == "Fix the problems in the content (step 3) first."
    subject = composer.content_panel().editor("subject")
    subject.clear()
    qtbot.keyClicks(subject, "Hallo {{ first_name }}")
    settle(qtbot, composer)
    assert test.isEnabled()


def test_an_empty_salon_address_is_named_in_every_step_with_where_to_fill_it(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    people: Customers,
    factory: Callable[[], SyncService],
    alive: list[object],
) -> None:
    services.catalogue.set_setting("owner_email", OWNER, actor=SHARED_COUNTER)
    give_salon_address(services.db, "")  # not set yet
    composer = open_composer(qtbot, ctx, alive, factory)
    write_email(qtbot, composer, "Herbst", "Sie finden uns: {{ salon_address }}")
    recipients = composer.audience_lists().recipients_table().model().rowCount()
    warning = (
        f"“salon_address” would be empty (recipients: {recipients}): "
        "enter the salon's address in the settings (tab “Salon”)."
    )
    # Without the address an advertising email also lacks its imprint (issue 13).
    imprint = (
        "Advertising emails must carry the salon's imprint (name, postal address, phone). "
        "Enter the salon's postal address under Settings ▸ Salon first."
    )
    assert composer.content_panel().problems_text() == f"{warning}\n{imprint}"  # step 3
    assert composer.blocked_text() == warning  # step 4, beside Send …
    assert not composer.send_button().isEnabled()
    test = composer.test_button()  # … and the test email, which would lack it too
    assert not test.isEnabled()
    assert test.toolTip() == imprint

    services.catalogue.set_setting(
        "salon_address", "Hauptstraße 12, 50667 Köln", actor=SHARED_COUNTER
    )
    composer.refresh()
    qtbot.keyClicks(composer.content_panel().editor("body"), ".")
    settle(qtbot, composer)
    assert composer.content_panel().problems_text() == ""
    assert warning not in test.toolTip()
    assert test.isEnabled() and imprint not in test.toolTip()


def test_without_a_gateway_the_test_is_disabled(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    people: Customers,
    alive: list[object],
) -> None:
    services.catalogue.set_setting("owner_email", OWNER, actor=SHARED_COUNTER)
    composer = open_composer(qtbot, ctx, alive, None)
    write_email(qtbot, composer, "Herbst", "Neue Farben")
    test = composer.test_button()
    assert not test.isEnabled()
    assert test.toolTip() == NO_GATEWAY
    assert composer.content_panel().problems_text() == ""  # the content is not the reason


def test_automations_tab_holds_the_owner_addresses(
    qtbot: QtBot, ctx: UiContext, services: Services, alive: list[object]
) -> None:
    services.catalogue.set_setting("owner_email", OWNER, actor=SHARED_COUNTER)
    page = MarketingPage(ctx)
    alive.append(page)
    qtbot.addWidget(page)
    page.show()
    tabs = page.findChild(QTabWidget, "marketingTabs")
    assert tabs is not None and tabs.count() == 4
    assert tabs.tabText(AUTOMATIONS_TAB) == "&Automations"
    panel = page.automations()
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        page.show_tab(AUTOMATIONS_TAB)
    assert page.current_tab() == AUTOMATIONS_TAB
    assert panel.isVisible()
    assert panel.value("owner_email") == OWNER
