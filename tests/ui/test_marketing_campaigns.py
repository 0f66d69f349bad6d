"""The campaign list and the result of one campaign (numbers and chart), and the models.

What became of the messages arrives as the gateway's events, applied by the sync's own
code (``apply_event``), as it would on a real counter PC.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desk_app.desktop import gui
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Channel, Reason
from desk_app.services.campaign_rows import (
    AudienceFilters,
    AudienceMember,
    CampaignDraft,
    CampaignRow,
)
from desk_app.services.container import Services
from desk_app.ui.context import UiContext
from desk_app.ui.marketing.audience_model import MEMBER_ROLE, AudienceModel, Column
from desk_app.ui.marketing.campaign_list import CampaignListModel
from desk_app.ui.marketing.campaign_list import Column as ListColumn
from desk_app.ui.marketing.marketing_page import CAMPAIGNS_TAB, COMPOSER_TAB, MarketingPage
from desk_app.ui.tasks import TaskRunner
from tests.conftest import Clock
from tests.services.support import Salon, make_salon
from tests.ui.test_marketing_composer import Customers, Gateway, make_customers

SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


@pytest.fixture
def salon(services: Services) -> Salon:
    services.catalogue.set_setting("salon_name", "Salon Weiß", actor=SHARED_COUNTER)
    return make_salon(services)


@pytest.fixture
def people(services: Services, salon: Salon, clock: Clock) -> Customers:
    return make_customers(services, salon, clock)


@SQLITE
def test_result_view_counts_what_became_of_the_messages(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    people: Customers,
    clock: Clock,
    alive: list[object],
) -> None:
    older = services.campaigns.send(
        CampaignDraft(
            name="Sommer",
            type=CampaignType.PROMOTION,
            channel=ChannelChoice.EMAIL,
            filters=AudienceFilters(min_visits=1),
            subject="Sommer",
            body="Hallo {{ first_name }}",
        ),
        actor=SHARED_COUNTER,
    )
    clock.advance(hours=1)
    row = services.campaigns.send(
        CampaignDraft(
            name="Herbst",
            type=CampaignType.PROMOTION,
            channel=ChannelChoice.EMAIL,
            filters=AudienceFilters(min_visits=1),
            subject="Herbst",
            body="Hallo {{ first_name }}",
        ),
        actor=SHARED_COUNTER,
    )
    assert row.queued == 2  # Anna and Hanna
    messages = {
        m.customer_id: m
        for m in services.outbox.messages()
        if m.kind == "campaign_promotion" and m.subject == "Herbst"
    }
    gateway = Gateway(services)
    anna, hanna = messages[people.anna.id], messages[people.hanna.id]
    later = clock.advance(minutes=10)
    for kind in ("message.accepted", "message.sent", "message.delivered"):
        gateway.send(kind, people.anna, later, client_id=anna.client_id)
    gateway.send("message.accepted", people.hanna, later, client_id=hanna.client_id)
    gateway.send("message.bounced", people.hanna, later, client_id=hanna.client_id, code="550")
    gateway.send("optout.received", people.anna, later + timedelta(hours=2), via="link")

    page = MarketingPage(ctx)
    alive.append(page)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    view = page.campaigns()
    with qtbot.waitSignal(view.result_loaded, timeout=5000) as loaded:
        page.show_tab(CAMPAIGNS_TAB)
    assert loaded.args == [row.id]  # the newest is chosen first

    model = view.model()
    assert [model.index(r, ListColumn.NAME).data() for r in range(model.rowCount())] == [
        "Herbst",
        "Sommer",
    ]
    assert model.index(0, ListColumn.TYPE).data() == "Promotion or offer"
    assert model.index(0, ListColumn.CHANNEL).data() == "Email"
    assert model.index(0, ListColumn.QUEUED).data() == "2"

    result = view.result_view()
    numbers = {
        key: result.number_text(key)
        for key in ("waiting", "sent", "delivered", "bounced", "failed", "unsubscribed")
    }
    assert numbers == {
        "waiting": "0",
        "sent": "0",
        "delivered": "1",
        "bounced": "1",
        "failed": "0",
        "unsubscribed": "1",
    }
    # The cards: what left (delivered and bounced), what arrived, what did not.
    cards = {key: result.card(key) for key in ("sent", "delivered", "failed", "unsubscribed")}
    assert {k: c.number.text() for k, c in cards.items()} == {
        "sent": "2",
        "delivered": "1",
        "failed": "1",
        "unsubscribed": "1",
    }
    assert cards["sent"].detail.text() == "of 2 queued"
    assert cards["delivered"].detail.text() == "50 % of queued"
    assert all(c.isVisibleTo(result) for c in cards.values())
    assert not result.card("on_the_way").isVisibleTo(result)  # nothing on its way
    excluded = result.findChild(QLabel, "resultExcluded").text()
    assert excluded.startswith("Left out when queued: the customer unsubscribed: 1; ")
    assert "no consent to advertising: 1" in excluded
    chart = result.chart()
    assert chart.categories() == [
        "Waiting",
        "At the gateway",
        "Sent",
        "Delivered",
        "Undeliverable",
        "Failed",
        "Not sent",
        "Unsubscribed",
    ]
    assert chart.tooltip_text(3) == "Delivered\nNumber: 1"
    assert chart.tooltip_text(4) == "Undeliverable\nNumber: 1"

    # Choosing the older campaign shows its own numbers: two still waiting.
    with qtbot.waitSignal(view.result_loaded, timeout=5000) as loaded:
        view.select_campaign(older.id)
    assert loaded.args == [older.id]
    assert result.number_text("waiting") == "2"
    assert result.number_text("delivered") == "0"


@SQLITE
def test_empty_list_says_what_to_do(
    qtbot: QtBot, ctx: UiContext, services: Services, alive: list[object]
) -> None:
    page = MarketingPage(ctx)
    alive.append(page)
    qtbot.addWidget(page)
    page.show()
    # Opened the way a user opens it: the tab builds the list, which loads itself.
    page.show_tab(CAMPAIGNS_TAB)
    view = page.campaigns()
    empty = view.empty_state()
    qtbot.waitUntil(lambda: empty.isVisibleTo(view), timeout=5000)
    assert empty.isVisibleTo(view) and not view.model().rowCount()
    assert empty.headline.text() == "No campaigns yet."
    assert "Compose your first one" in empty.explanation.text()
    assert view.result_view().chart().is_empty()
    # Its button is the next step: the composer.
    qtbot.mouseClick(empty.action_button, Qt.MouseButton.LeftButton)
    assert page.current_tab() == COMPOSER_TAB


def test_the_window_has_the_marketing_section(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    desktop = gui.start_desktop(qapp, f"sqlite:///{tmp_path / 'salon.sqlite3'}")
    try:
        qtbot.addWidget(desktop.window)
        desktop.window.show_section("marketing")
        page = desktop.window.page("marketing")
        assert isinstance(page, MarketingPage)
        qtbot.waitUntil(lambda: not page.composer().is_busy(), timeout=5000)
        assert page.composer().counts_text() == "0 recipients · 0 left out"
    finally:
        desktop.close()


# ---- models ---------------------------------------------------------------------------
@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    tasks = TaskRunner("db")
    yield tasks
    tasks.shutdown()


def loaded(
    qtbot: QtBot, runner: TaskRunner, excluded: bool, members: list[AudienceMember]
) -> AudienceModel:
    """A list model given ``members`` as its pages (read on the worker, as in the app)."""

    def pages(after: int | None, limit: int) -> list[AudienceMember]:
        return [m for m in members if after is None or m.customer_id > after][:limit]

    model = AudienceModel(excluded=excluded, runner=runner)
    with qtbot.waitSignal(model.page_loaded):
        model.set_source(pages)
    return model


def test_audience_models_pass_the_model_tester(
    qtbot: QtBot, runner: TaskRunner, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    excluded = loaded(
        qtbot,
        runner,
        True,
        [
            AudienceMember(1, "Eva Engel", reason=Reason.OBJECTED),
            AudienceMember(2, "Frank Fuchs", reason=Reason.NO_ADDRESS),
        ],
    )
    qtmodeltester.check(excluded)
    assert excluded.headerData(Column.DETAIL, Qt.Orientation.Horizontal) == "Reason"
    assert excluded.index(0, Column.DETAIL).data() == "the customer unsubscribed"
    assert excluded.index(1, Column.NAME).data(MEMBER_ROLE).customer_id == 2
    assert excluded.is_complete()  # two rows: the first page was the last

    recipients = loaded(
        qtbot,
        runner,
        False,
        [
            AudienceMember(3, "Ines Ibsen", Channel.SMS, deferred=True),
            AudienceMember(4, "Anna Albers", Channel.EMAIL),
        ],
    )
    qtmodeltester.check(recipients)
    assert recipients.headerData(Column.DETAIL, Qt.Orientation.Horizontal) == "Channel"
    assert recipients.index(0, Column.DETAIL).data() == "SMS, after the quiet hours"
    assert recipients.index(1, Column.DETAIL).data() == "Email"


def test_every_reason_has_words(qtbot: QtBot, runner: TaskRunner) -> None:
    model = loaded(
        qtbot,
        runner,
        True,
        [AudienceMember(n + 1, f"K{n}", reason=r) for n, r in enumerate(Reason)],
    )
    texts = [model.index(n, Column.DETAIL).data() for n in range(model.rowCount())]
    assert all(text and text != reason.value for text, reason in zip(texts, Reason, strict=True))


def test_campaign_list_model_passes_the_model_tester(qapp: QApplication, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = CampaignListModel("Europe/Berlin")
    at = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    model.set_rows(
        [
            CampaignRow(1, "Herbst", CampaignType.BIRTHDAY, ChannelChoice.BEST, at, at, 5, {}),
            CampaignRow(2, "Umzug", CampaignType.SERVICE_INFO, ChannelChoice.SMS, at, at, 7, {}),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0, ListColumn.TYPE).data() == "Birthday greeting"
    assert model.index(0, ListColumn.CHANNEL).data() == "Best available"
    assert model.index(0, ListColumn.SEND_AT).data() == "28/11/2026 10:00"
    assert model.row_of(2) == 1
