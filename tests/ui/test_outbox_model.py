"""The outbox table model: Qt's model rules, words for every code, pages and loads."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import Category, Channel, OutboxStatus, Reason
from desk_app.services.outbox_view import OutboxListRow
from desk_app.texts.outbox_words import outbox_reason_text
from desk_app.ui.outbox.outbox_model import (
    ROW_ROLE,
    STATUS_ROLE,
    Column,
    OutboxModel,
    kind_text,
    status_text,
)

# Every code a message's ``reason`` can hold besides free provider text: the policy's,
# the gateway's rejection codes (protocol v1), the outbox's own withdrawals, and the
# status names the sync writes when no code came along.
GATEWAY_CODES = ("suppressed", "invalid_address", "expired", "no_basis", "rejected")
OUTBOX_CODES = (
    *("not_after", "cancelled", "notify_off", "superseded", "failed", "bounced"),
    *("invalid_item", "gateway_refused", "too_many_attempts", "damaged_request"),
    *("channel_unavailable", "invalid_message"),
)
ALL_CODES = (*(r.value for r in Reason), *GATEWAY_CODES, *OUTBOX_CODES)


def _row(number: int, **changes: object) -> OutboxListRow:
    values: dict[str, object] = {
        "id": number,
        "client_id": f"client-{number}",
        "customer_id": 1,
        "customer_name": "Anna Müller",
        "channel": Channel.EMAIL,
        "category": Category.TRANSACTIONAL,
        "kind": "booking_confirmation",
        "to_address": "anna@example.org",
        "subject": "Ihr Termin",
        "status": OutboxStatus.QUEUED,
        "reason": None,
        "attempts": 0,
        "created_at": datetime(2026, 11, 25, 8, 30, tzinfo=UTC),
        "updated_at": datetime(2026, 11, 25, 8, 30, tzinfo=UTC),
        "not_before": None,
        "not_after": None,
    }
    values.update(changes)
    return OutboxListRow(**values)  # type: ignore[arg-type]


def _text(model: OutboxModel, row: int, column: Column) -> str:
    return str(model.data(model.index(row, column)))


@pytest.fixture
def model(qtbot: QtBot) -> OutboxModel:
    return OutboxModel("Europe/Berlin")


def test_passes_the_model_tester(qtmodeltester: ModelTester, model: OutboxModel) -> None:
    rows = [
        _row(9, status=OutboxStatus.FAILED, reason="550 mailbox unavailable", attempts=2),
        _row(8, status=OutboxStatus.REJECTED, reason="suppressed", channel=Channel.SMS),
        _row(7, kind="consent_request", category=Category.CONSENT_REQUEST),
        _row(6, customer_name="", status=OutboxStatus.DELIVERED),
    ]
    model.start_load()
    model.set_rows(rows, has_more=True)
    qtmodeltester.check(model)
    model.append_rows([_row(5), _row(4)], has_more=False)
    qtmodeltester.check(model)


def test_shows_words_not_codes(model: OutboxModel) -> None:
    model.start_load()
    model.set_rows(
        [
            _row(3, status=OutboxStatus.REJECTED, reason="superseded"),
            _row(2, kind="consent_request", category=Category.CONSENT_REQUEST, reason=None),
            _row(1, status=OutboxStatus.FAILED, reason="550 5.1.1 mailbox unavailable"),
        ],
        has_more=False,
    )
    assert _text(model, 0, Column.TIME) != ""  # local time, in the locale's short format
    assert _text(model, 0, Column.CUSTOMER) == "Anna Müller"
    assert _text(model, 0, Column.CHANNEL) == "Email"
    assert _text(model, 0, Column.KIND) == "Booking confirmation"
    assert _text(model, 0, Column.STATUS) == "Not sent"
    assert _text(model, 0, Column.REASON) == (
        "Replaced by a newer message about the same appointment"
    )
    assert _text(model, 1, Column.KIND) == "Consent request"
    assert _text(model, 1, Column.REASON) == ""
    # Text from the mail provider has no code: it is shown as it came.
    assert _text(model, 2, Column.REASON) == "550 5.1.1 mailbox unavailable"
    assert model.data(model.index(2, Column.STATUS), STATUS_ROLE) == "failed"
    assert model.data(model.index(2, 0), ROW_ROLE).id == 1
    tooltip = str(model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole))
    assert "anna@example.org" in tooltip and "Ihr Termin" in tooltip


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_reason_code_has_words(code: str) -> None:
    text = outbox_reason_text(code)
    assert text and text != code
    assert "_" not in text


def test_every_status_and_kind_has_words() -> None:
    assert len({status_text(s) for s in OutboxStatus}) == len(OutboxStatus)
    for category in Category:
        assert kind_text("manual", category)
    assert kind_text("manual", Category.MARKETING) == "Advertising"
    assert kind_text("booking_cancellation", Category.TRANSACTIONAL) == ("Appointment cancellation")


def test_fetch_more_asks_once_and_not_while_a_new_load_is_on_its_way(
    qtbot: QtBot, model: OutboxModel
) -> None:
    model.start_load()
    assert not model.canFetchMore(QModelIndex())  # nothing shown yet to continue
    model.set_rows([_row(10), _row(9)], has_more=True)
    assert model.canFetchMore(QModelIndex())

    with qtbot.waitSignal(model.more_requested) as blocker:
        model.fetchMore(QModelIndex())
    assert blocker.args == [9]
    assert not model.canFetchMore(QModelIndex())  # no second request while one is out
    model.append_rows([_row(8)], has_more=True)
    assert [model.row_at(i).id for i in range(model.rowCount())] == [10, 9, 8]
    assert model.canFetchMore(QModelIndex())

    model.start_load()  # the filter changed: the rows shown are not continued
    assert not model.canFetchMore(QModelIndex())
    model.set_rows([_row(3)], has_more=False)
    assert [model.row_at(i).id for i in range(model.rowCount())] == [3]
    assert not model.canFetchMore(QModelIndex())


def test_failed_page_stops_asking(model: OutboxModel) -> None:
    model.start_load()
    model.set_rows([_row(2)], has_more=True)
    model.fetchMore(QModelIndex())
    model.fetch_failed()
    assert not model.canFetchMore(QModelIndex())


def test_replace_row_updates_in_place(qtbot: QtBot, model: OutboxModel) -> None:
    failed = _row(4, status=OutboxStatus.FAILED, reason="failed")
    model.start_load()
    model.set_rows([_row(5), failed], has_more=False)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.replace_row(replace(failed, status=OutboxStatus.QUEUED, reason=None))
    assert blocker.args[0].row() == 1
    assert _text(model, 1, Column.STATUS) == "Waiting to be sent"
    assert _text(model, 1, Column.REASON) == ""
