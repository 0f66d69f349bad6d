"""The outbox page: list, filter, retry, paging (SQLite; the queries are tested on both
backends in tests/services/test_outbox_view.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPushButton, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from desk_app.db import models as m
from desk_app.domain.enums import Category, Channel, ConsentSource, OutboxStatus
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import OutboxRow
from desk_app.ui.context import UiContext
from desk_app.ui.outbox import outbox_page
from desk_app.ui.outbox.outbox_model import Column
from desk_app.ui.outbox.outbox_page import OutboxPage
from desk_app.ui.outbox.status_widget import Connection, GatewayState
from tests.services.support import add_customer, friday, make_salon
from tests.support.ui import install_checkout_english

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
STAFF = "Tanja Groß"


@pytest.fixture(autouse=True)
def english_ui(qapp: QApplication) -> None:
    install_checkout_english(qapp)  # the plural forms of the preview's new strings


@pytest.fixture
def messages(services: Services) -> list[OutboxRow]:
    """Six queued messages, newest first: three booking confirmations, three consent
    requests (declared by phone)."""
    salon = make_salon(services)
    people = [
        add_customer(services, "Anna", "Müller", "anna@example.org", None),
        add_customer(services, "Jörg", "Weiß", "joerg@example.org", None),
        add_customer(services, "Aylin", "Öztürk", "aylin@example.org", None),
    ]
    for hour, person in zip((9, 11, 14), people, strict=True):
        services.booking.book(
            BookingRequest(person.id, salon.stylist.id, salon.cut.id, friday(hour))
        )
        services.consent.declare(person.id, [Channel.EMAIL], ConsentSource.PHONE, STAFF, True)
    rows = services.outbox.messages()
    assert len(rows) == 6
    return rows


def set_status(
    services: Services, row: OutboxRow, status: OutboxStatus, reason: str | None = None
) -> None:
    """What a sync would have recorded for the message."""
    with services.db.write() as s:
        s.execute(
            update(m.OutboxMessage)
            .where(m.OutboxMessage.id == row.id)
            .values(status=status.value, reason=reason)
        )


def open_page(qtbot: QtBot, ctx: UiContext) -> tuple[OutboxPage, list[object]]:
    """A page after its first load; also returns the first status_changed arguments."""
    page = OutboxPage(ctx, sync_factory=None)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.status_changed, timeout=5000) as blocker:
        pass  # the load answers on the event loop, which waitSignal runs
    return page, list(blocker.args or [])


def child(page: OutboxPage, kind: type, name: str):  # type: ignore[no-untyped-def]
    widget = page.findChild(kind, name)
    assert widget is not None, name
    return widget


def column_texts(page: OutboxPage, column: Column) -> list[str]:
    model = page.model()
    return [str(model.data(model.index(r, column))) for r in range(model.rowCount())]


def test_lists_messages_with_names_and_words(
    qtbot: QtBot, ctx: UiContext, services: Services, messages: list[OutboxRow]
) -> None:
    set_status(services, messages[0], OutboxStatus.REJECTED, "suppressed")
    set_status(services, messages[1], OutboxStatus.DELIVERED)

    page, (counts, state) = open_page(qtbot, ctx)

    assert column_texts(page, Column.CUSTOMER) == [
        "Aylin Öztürk",
        "Aylin Öztürk",
        "Jörg Weiß",
        "Jörg Weiß",
        "Anna Müller",
        "Anna Müller",
    ]
    assert column_texts(page, Column.KIND)[:2] == ["Consent request", "Booking confirmation"]
    assert column_texts(page, Column.STATUS)[:3] == ["Not sent", "Delivered", "Waiting to be sent"]
    assert column_texts(page, Column.REASON)[0] == (
        "The address is blocked at the gateway (unsubscribed or erased)"
    )
    assert counts[OutboxStatus.QUEUED] == 4 and counts[OutboxStatus.REJECTED] == 1
    assert state == GatewayState(Connection.NOT_CONFIGURED)
    status_filter = child(page, QComboBox, "statusFilter")
    assert status_filter.itemText(0) == "All messages (6)"
    assert "Waiting to be sent (4)" in [
        status_filter.itemText(i) for i in range(status_filter.count())
    ]
    assert not child(page, QPushButton, "syncButton").isEnabled()  # no gateway


def test_filter_by_status(
    qtbot: QtBot, ctx: UiContext, services: Services, messages: list[OutboxRow]
) -> None:
    set_status(services, messages[2], OutboxStatus.FAILED, "550 mailbox unavailable")
    set_status(services, messages[4], OutboxStatus.FAILED, "failed")
    page, _ = open_page(qtbot, ctx)

    with qtbot.waitSignal(page.status_changed):
        page.set_status_filter(OutboxStatus.FAILED)

    assert column_texts(page, Column.STATUS) == ["Failed", "Failed"]
    assert column_texts(page, Column.REASON) == ["550 mailbox unavailable", "Sending failed"]
    assert child(page, QComboBox, "statusFilter").currentText() == "Failed (2)"
    assert not page.empty_state().isVisibleTo(page)

    with qtbot.waitSignal(page.status_changed):
        page.set_status_filter(OutboxStatus.DELIVERED)
    assert page.model().rowCount() == 0
    hint = page.empty_state()
    assert hint.isVisibleTo(page) and not page.table().isVisibleTo(page)
    assert hint.headline.text() == "No messages with this status."
    # Its button is the way back: every message again.
    with qtbot.waitSignal(page.status_changed):
        qtbot.mouseClick(hint.action_button, Qt.MouseButton.LeftButton)
    assert page.status_filter() is None and page.model().rowCount() == 6
    assert page.table().isVisibleTo(page)


def test_retry_puts_a_failed_message_back_in_the_queue(
    qtbot: QtBot, ctx: UiContext, services: Services, messages: list[OutboxRow]
) -> None:
    set_status(services, messages[1], OutboxStatus.FAILED, "failed")
    set_status(services, messages[0], OutboxStatus.DELIVERED)
    page, _ = open_page(qtbot, ctx)
    table = child(page, QTableView, "outboxTable")
    retry = child(page, QPushButton, "retryButton")

    table.selectRow(0)  # delivered: nothing to retry
    assert not retry.isEnabled()
    table.selectRow(1)
    assert retry.isEnabled()

    result = child(page, QLabel, "syncResult")
    retry.click()
    qtbot.waitUntil(lambda: result.isVisibleTo(page))

    assert "queued again" in result.text()
    assert column_texts(page, Column.STATUS)[1] == "Waiting to be sent"
    assert column_texts(page, Column.REASON)[1] == ""
    assert not retry.isEnabled()
    again = {row.id: row for row in services.outbox.messages()}[messages[1].id]
    assert again.status is OutboxStatus.QUEUED and again.reason is None
    assert again.client_id == messages[1].client_id  # same id: still sent only once
    assert page.counts()[OutboxStatus.FAILED] == 0
    assert child(page, QComboBox, "statusFilter").itemText(0) == "All messages (6)"


def test_pages_load_lazily_without_gaps(
    qtbot: QtBot,
    ctx: UiContext,
    messages: list[OutboxRow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(outbox_page, "PAGE_SIZE", 4)
    page, _ = open_page(qtbot, ctx)
    model = page.model()
    first = [row.id for row in model.rows()]
    assert len(first) in (4, 6)  # the view may already have asked for the next page

    def scrolled_to_the_end() -> bool:
        model.fetchMore(QModelIndex())  # what the view does when the user scrolls down
        return model.rowCount() == 6

    qtbot.waitUntil(scrolled_to_the_end)

    assert first[:4] == [row.id for row in messages[:4]]
    assert [row.id for row in model.rows()] == [row.id for row in messages]
    assert not model.canFetchMore(QModelIndex())


def test_refresh_after_changes_elsewhere(
    qtbot: QtBot, ctx: UiContext, services: Services, messages: list[OutboxRow]
) -> None:
    page, _ = open_page(qtbot, ctx)
    set_status(services, messages[0], OutboxStatus.SENT)

    with qtbot.waitSignal(page.status_changed) as blocker:
        page.refresh()

    assert blocker.args is not None and blocker.args[0][OutboxStatus.SENT] == 1
    assert column_texts(page, Column.STATUS)[0] == "Sent"


def test_fits_a_laptop_screen(
    qtbot: QtBot, ctx: UiContext, services: Services, messages: list[OutboxRow], tmp_path: Path
) -> None:
    set_status(services, messages[0], OutboxStatus.FAILED, "550 mailbox unavailable")
    page, _ = open_page(qtbot, ctx)
    # 1366×768 minus the window's section list, frame and status bar.
    page.resize(1366 - 200, 768 - 80)
    shot = tmp_path / "outbox.png"
    assert page.grab().save(str(shot))
    for button in page.findChildren(QPushButton):
        assert button.width() >= button.sizeHint().width(), button.text()
    assert child(page, QTableView, "outboxTable").height() > 400


def test_a_page_on_its_way_is_dropped_when_the_filter_changes(
    qtbot: QtBot,
    ctx: UiContext,
    messages: list[OutboxRow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(outbox_page, "PAGE_SIZE", 4)
    page, _ = open_page(qtbot, ctx)  # never shown: the view asks for no page itself
    model = page.model()
    assert [row.id for row in model.rows()] == [row.id for row in messages[:4]]
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))

    model.fetchMore(QModelIndex())  # the next page of all messages is on its way …
    with qtbot.waitSignal(page.status_changed, timeout=5000):
        page.set_status_filter(OutboxStatus.FAILED)  # … when the filter changes

    # The worker answers in order: the old page came first and was dropped, not added
    # to the rows of the old filter before the new first page replaced them.
    assert inserted == []
    assert model.rows() == []
    assert not model.canFetchMore(QModelIndex())


def test_preview_shows_the_message_as_the_customer_will_see_it(
    qtbot: QtBot, ctx: UiContext, services: Services, messages: list[OutboxRow]
) -> None:
    """Arrows in the list: an email in a browser that loads and follows nothing, an SMS
    as a bubble with the parts it costs."""
    mia = add_customer(services, "Mia", "Kühn", None, "+4915112345678")
    text = "Hallo Mia, Ihr Termin am Freitag um 9 Uhr: https://salon.example/t/abc – bis dann!"
    with services.db.write() as s:  # what the reminders would have queued
        s.add(
            m.OutboxMessage(
                customer_id=mia.id,
                channel=Channel.SMS.value,
                category=Category.TRANSACTIONAL.value,
                kind="booking_reminder",
                to_address="+4915112345678",
                body=text,
            )
        )
    page, _ = open_page(qtbot, ctx)
    preview = page.preview()
    assert preview.current_kind() == "none"
    table = page.table()
    table.setFocus()

    with qtbot.waitSignal(page.preview().shown, timeout=5000):
        qtbot.keyClick(table, Qt.Key.Key_Down)  # the first row: the SMS (newest)
    assert preview.current_kind() == "sms"
    assert preview.bubble_text() == text
    # "–" is no GSM character: UCS-2, 70 per single SMS, 67 per part.
    assert len(text) > 70 and preview.parts_text().startswith("2 SMS parts")

    with qtbot.waitSignal(preview.shown, timeout=5000):
        qtbot.keyClick(table, Qt.Key.Key_Down)  # a consent request: the gateway writes it
    assert preview.current_kind() == "email"
    assert "The gateway writes this message" in preview.browser.toPlainText()

    with qtbot.waitSignal(preview.shown, timeout=5000):
        qtbot.keyClick(table, Qt.Key.Key_Down)  # a booking confirmation by email
    confirmation = services.outbox_view.message(messages[1].id)
    assert confirmation is not None and confirmation.row.kind == "booking_confirmation"
    assert preview.subject_text() == confirmation.row.subject
    browser = preview.browser
    assert not browser.openLinks() and not browser.openExternalLinks()
    shown = browser.toPlainText()
    assert "Hallo Aylin," in shown and "[personal unsubscribe link]" in shown
    assert "$unsubscribe_url" not in shown

    page.set_status_filter(OutboxStatus.DELIVERED)  # empty: nothing chosen any more
    qtbot.waitUntil(lambda: preview.current_kind() == "none", timeout=5000)
