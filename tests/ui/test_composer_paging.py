"""The composer's lists at any size: counts first, rows a page at a time from the database,
searches asked of the database, answers for filters the owner has left dropped.

Pages are made small here (5 rows) so a salon of 45 customers has nine of them; at chain
scale the same code loads 200 rows at a time out of 200,000.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QTableView,
)
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import Reason
from desk_app.services.container import Services
from desk_app.services.rows import CustomerRow
from desk_app.texts import error_text
from desk_app.ui.context import UiContext
from desk_app.ui.marketing import audience_model
from desk_app.ui.marketing.audience_model import MEMBER_ROLE, AudienceModel, Column
from desk_app.ui.marketing.audience_step import AudienceStep
from desk_app.ui.marketing.composer import CampaignComposer
from tests.services.support import add_customer

CROWD = 45
PAGE = 5


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audience_model, "PAGE_SIZE", PAGE)


@pytest.fixture
def crowd(services: Services) -> list[CustomerRow]:
    """Nobody has consented to advertising; every fourth has no address at all."""
    return [
        add_customer(
            services, f"Kunde{n:02d}", "Lazy", None if n % 4 == 0 else f"k{n}@example.org", None
        )
        for n in range(CROWD)
    ]


def open_composer(qtbot: QtBot, ctx: UiContext, alive: list[object]) -> CampaignComposer:
    composer = CampaignComposer(ctx)
    alive.append(composer)
    qtbot.addWidget(composer)
    composer.resize(1366, 768)
    composer.show()
    settle(qtbot, composer)
    return composer


def settle(qtbot: QtBot, composer: CampaignComposer) -> None:
    qtbot.waitUntil(lambda: not composer.is_busy(), timeout=10_000)


def load_all(qtbot: QtBot, composer: CampaignComposer, table: QTableView) -> None:
    """Scroll to the end until the list has no more pages, as the owner would."""
    model = table.model()
    assert isinstance(model, AudienceModel)
    for _ in range(CROWD):
        if model.is_complete():
            return
        table.scrollToBottom()
        settle(qtbot, composer)
    raise AssertionError("the list never came to its end")


def shown(table: QTableView) -> list[tuple[str, str]]:
    model = table.model()
    return [
        (model.index(row, Column.NAME).data(), model.index(row, Column.DETAIL).data())
        for row in range(model.rowCount())
    ]


def test_left_out_load_page_by_page_and_every_reason_is_there(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    crowd: list[CustomerRow],
    alive: list[object],
) -> None:
    composer = open_composer(qtbot, ctx, alive)
    lists = composer.audience_lists()
    # The counts are the whole selection's, while only the first page of the list is read.
    assert composer.counts_text() == f"0 recipients · {CROWD} left out"
    model = lists.excluded_model()
    assert PAGE <= model.rowCount() < CROWD
    assert model.canFetchMore(QModelIndex())
    reasons = lists.reason_filter()
    assert reasons.itemText(0) == f"All reasons ({CROWD})"
    assert reasons.itemText(reasons.findData(Reason.NO_ADDRESS.value)) == (
        "no address for this channel (12)"
    )

    # Shown, the list reads what fills its window, not the whole selection …
    lists.show_excluded()
    settle(qtbot, composer)
    table = lists.exclusion_table()
    assert PAGE <= model.rowCount() < CROWD
    assert not model.is_complete()
    last = table.visualRect(model.index(model.rowCount() - 1, Column.NAME))
    assert not table.viewport().rect().contains(last)  # the window is full
    # … and the rest as it is scrolled: every customer left out, each with the reason
    # the service gives for them.
    load_all(qtbot, composer, table)
    preview = services.campaigns.preview(
        composer.campaign_type(), composer.channel(), composer.audience_panel().filters()
    )
    expected = [
        (member.name, error_text.reason_text(member.reason.value))
        for member in preview.excluded
        if member.reason is not None
    ]
    assert len(expected) == CROWD
    assert shown(table) == expected  # in customer id order, nobody twice
    ids = [model.index(row, 0).data(MEMBER_ROLE).customer_id for row in range(CROWD)]
    assert ids == [customer.id for customer in crowd]


def test_a_search_is_asked_of_the_database_not_of_the_rows_loaded(
    qtbot: QtBot, ctx: UiContext, crowd: list[CustomerRow], alive: list[object]
) -> None:
    composer = open_composer(qtbot, ctx, alive)
    lists = composer.audience_lists()
    lists.show_excluded()
    settle(qtbot, composer)
    table = lists.exclusion_table()
    assert "Kunde41 Lazy" not in dict(shown(table))  # far beyond the pages read so far

    qtbot.keyClicks(lists.exclusion_search(), "KUNDE4")  # any case
    settle(qtbot, composer)
    assert [name for name, _reason in shown(table)] == [f"Kunde4{n} Lazy" for n in range(5)]

    # By the words shown for the reason, together with the reason chosen in the list.
    lists.exclusion_search().clear()
    qtbot.keyClicks(lists.exclusion_search(), "no address")
    settle(qtbot, composer)
    load_all(qtbot, composer, table)
    no_address = [f"Kunde{n:02d} Lazy" for n in range(0, CROWD, 4)]
    assert [name for name, _reason in shown(table)] == no_address
    reasons = lists.reason_filter()
    reasons.setCurrentIndex(reasons.findData(Reason.NO_CONSENT.value))
    settle(qtbot, composer)
    assert shown(table) == []  # no address, and no consent: nobody is both


def test_a_search_with_a_pasted_control_character_finds_nobody_and_fails_nothing(
    qtbot: QtBot, ctx: UiContext, crowd: list[CustomerRow], alive: list[object]
) -> None:
    composer = open_composer(qtbot, ctx, alive)
    lists = composer.audience_lists()
    failures: list[str] = []
    lists.page_failed.connect(failures.append)
    lists.show_excluded()
    for text in ("Kunde\x004", "Kunde\u202e4", "\x00"):  # PostgreSQL refuses a NUL
        lists.exclusion_search().setText(text)
        settle(qtbot, composer)
        assert shown(lists.exclusion_table()) == []
    assert failures == []
    lists.exclusion_search().setText("Kunde04")
    settle(qtbot, composer)
    assert [name for name, _reason in shown(lists.exclusion_table())] == ["Kunde04 Lazy"]


def test_pages_asked_for_filters_the_owner_has_left_are_dropped(
    qtbot: QtBot, ctx: UiContext, crowd: list[CustomerRow], alive: list[object]
) -> None:
    composer = open_composer(qtbot, ctx, alive)
    model = composer.audience_lists().excluded_model()
    assert not model.is_complete()
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    # Hold the database worker, so the next page is asked before the filters change and
    # its answer could only come after.
    release = threading.Event()
    ctx.db_tasks.submit(composer, lambda: release.wait(5))
    model.fetchMore(QModelIndex())
    assert model.is_loading()
    box = composer.findChild(QCheckBox, "minVisitsBox")
    assert box is not None
    box.click()  # at least two visits: nobody of the crowd
    assert not model.is_loading()
    release.set()  # the page runs now, before the new filters are even asked
    settle(qtbot, composer)
    assert composer.counts_text() == "0 recipients · 0 left out"
    assert inserted == []  # the page for the old filters never reached the list
    assert model.rowCount() == 0


def test_counting_again_after_a_failure_is_not_shown_as_a_failure(
    qtbot: QtBot, ctx: UiContext, alive: list[object]
) -> None:
    step = AudienceStep(date(2026, 3, 2), ctx.db_tasks)
    alive.append(step)
    qtbot.addWidget(step)
    label = step.findChild(QLabel, "audienceCounts")
    assert label is not None
    step.show_failure("The database is busy.")
    assert label.styleSheet()  # in red
    step.show_counting()
    assert (label.text(), label.styleSheet()) == ("Counting…", "")


def test_typing_the_texts_asks_the_audience_nothing(
    qtbot: QtBot,
    ctx: UiContext,
    crowd: list[CustomerRow],
    alive: list[object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whose messages are previewed is asked once per audience; a content check per pause
    in typing must not read the audience again (at chain scale that is a long scan)."""
    composer = open_composer(qtbot, ctx, alive)
    best = composer.findChild(QRadioButton, "channel_best")
    assert best is not None
    best.click()  # both texts, and the SMS counter wants an SMS recipient
    settle(qtbot, composer)
    audience = ctx.services.audience
    asked: list[str] = []
    for name in ("page", "recipient", "counts"):
        method = getattr(audience, name)
        monkeypatch.setattr(
            audience, name, lambda *a, _n=name, _m=method, **k: asked.append(_n) or _m(*a, **k)
        )
    sms = composer.findChild(QPlainTextEdit, "smsBody")
    assert sms is not None
    for word in ("Hallo", " {{ first_name }}", ", bis bald"):
        sms.insertPlainText(word)
        settle(qtbot, composer)
    assert asked == []
