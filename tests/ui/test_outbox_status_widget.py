"""The status bar piece: gateway state in words, queued and failed counts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import OutboxStatus
from desk_app.ui.outbox.status_widget import (
    Connection,
    GatewayState,
    GatewayStatusWidget,
    TransportTrouble,
    transport_warning,
)
from desk_app.ui.widgets import palette

SYNCED = datetime(2026, 11, 25, 9, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("configured", "sync_state", "expected"),
    [
        (
            False,
            {"last_sync_at": SYNCED.isoformat(), "last_error": None},
            GatewayState(Connection.NOT_CONFIGURED),
        ),
        (True, None, GatewayState(Connection.NOT_CONFIGURED)),
        (
            True,
            {"last_seq": 0, "last_sync_at": None, "last_error": None},
            GatewayState(Connection.NOT_SYNCED),
        ),
        (
            True,
            {"last_sync_at": SYNCED.isoformat(), "last_error": None},
            GatewayState(Connection.CONNECTED, SYNCED),
        ),
        (
            True,
            {"last_sync_at": SYNCED.isoformat(), "last_error": "unauthorized 401"},
            GatewayState(Connection.FAILING, SYNCED, "unauthorized", 401),
        ),
        (
            True,
            {"last_sync_at": SYNCED.isoformat(), "last_error": "unreachable "},
            GatewayState(Connection.FAILING, SYNCED, "unreachable", None),
        ),
    ],
)
def test_state_from_the_sync_record(
    configured: bool, sync_state: dict[str, object] | None, expected: GatewayState
) -> None:
    assert GatewayState.from_sync_state(configured, sync_state) == expected


def _label(widget: GatewayStatusWidget, name: str) -> QLabel:
    label = widget.findChild(QLabel, name)
    assert label is not None
    return label


@pytest.mark.parametrize(
    ("state", "text", "tooltip_part"),
    [
        (GatewayState(Connection.NOT_CONFIGURED), "Gateway not set up", "settings"),
        (GatewayState(Connection.NOT_SYNCED), "Gateway: not synced yet", "No sync"),
        (GatewayState(Connection.CONNECTED, SYNCED), "Gateway connected", "Last sync:"),
        (
            GatewayState(Connection.FAILING, SYNCED, "unreachable"),
            "Gateway unreachable",
            "cannot be reached",
        ),
        (
            GatewayState(Connection.FAILING, SYNCED, "unauthorized", 401),
            "Gateway: token not accepted",
            "did not accept the token",
        ),
        (GatewayState(Connection.FAILING, None, "server_error", 503), "Gateway error", "problem"),
    ],
)
def test_connection_in_words(
    qtbot: QtBot, state: GatewayState, text: str, tooltip_part: str
) -> None:
    widget = GatewayStatusWidget("Europe/Berlin")
    qtbot.addWidget(widget)
    widget.update_from(dict.fromkeys(OutboxStatus, 0), state)
    connection = _label(widget, "gatewayConnection")
    assert connection.text() == text
    assert tooltip_part in connection.toolTip()


def test_counts_of_queued_and_failed(qtbot: QtBot) -> None:
    widget = GatewayStatusWidget("Europe/Berlin")
    qtbot.addWidget(widget)
    counts = dict.fromkeys(OutboxStatus, 0)
    counts[OutboxStatus.QUEUED] = 4
    counts[OutboxStatus.FAILED] = 1
    counts[OutboxStatus.SENT] = 30

    widget.update_from(counts, GatewayState(Connection.CONNECTED, SYNCED))

    assert _label(widget, "queuedCount").text() == "4 waiting"
    failed = _label(widget, "failedCount")
    assert failed.text() == "1 failed"
    assert palette.ERROR in failed.styleSheet()  # red only while something failed
    counts[OutboxStatus.FAILED] = 0
    widget.update_from(counts, GatewayState(Connection.CONNECTED, SYNCED))
    assert failed.text() == "0 failed"
    assert failed.styleSheet() == ""


def test_click_is_announced(qtbot: QtBot) -> None:
    widget = GatewayStatusWidget("Europe/Berlin")
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.clicked):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


# ---- the gateway's transports (GET /v1/status, kept by each sync) ---------------------------
FAILING_EMAIL = {
    "email": {"state": "failing", "error": "auth_failed", "since": "2026-11-25T09:42:00+00:00"},
    "sms": {"state": "ok", "error": None, "since": None},
}


def test_failing_transports_are_read_from_the_sync_record() -> None:
    state = GatewayState.from_sync_state(
        True,
        {"last_sync_at": SYNCED.isoformat(), "last_error": None, "gateway_status": FAILING_EMAIL},
    )
    assert state.connection is Connection.CONNECTED
    assert state.troubles == (
        TransportTrouble("email", "auth_failed", datetime(2026, 11, 25, 9, 42, tzinfo=UTC)),
    )
    # Unknown (None), "unavailable" (not set up at the gateway) and odd shapes: no trouble.
    for status in (None, {"sms": {"state": "unavailable"}}, {"email": "x"}, "x"):
        unknown = GatewayState.from_sync_state(
            True, {"last_sync_at": SYNCED.isoformat(), "gateway_status": status}
        )
        assert unknown.troubles == ()


@pytest.mark.parametrize(
    ("troubles", "expected"),
    [
        ((), ""),
        (
            (TransportTrouble("email", "auth_failed", datetime(2026, 11, 25, 9, 42, tzinfo=UTC)),),
            "Gateway: email sending disrupted since 10:42 (login at the mail server failed)",
        ),
        (
            (
                TransportTrouble("email", "connection_failed"),
                TransportTrouble("sms", "auth_failed", datetime(2026, 11, 25, 8, 5, tzinfo=UTC)),
            ),
            "Gateway: email sending disrupted (the server cannot be reached); "
            "SMS sending disrupted since 09:05 (login at the SMS provider failed)",
        ),
        (
            (TransportTrouble("sms", "brand_new_code", None),),
            "Gateway: SMS sending disrupted (brand_new_code)",
        ),
        ((TransportTrouble("email", None, None),), "Gateway: email sending disrupted"),
    ],
)
def test_transport_warning_in_words(troubles: tuple[TransportTrouble, ...], expected: str) -> None:
    state = GatewayState(Connection.CONNECTED, SYNCED, troubles=troubles)
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert transport_warning(state, "Europe/Berlin", now) == expected


def test_a_trouble_since_yesterday_names_the_day() -> None:
    since = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)
    state = GatewayState(
        Connection.CONNECTED, SYNCED, troubles=(TransportTrouble("email", "timeout", since),)
    )
    text = transport_warning(state, "Europe/Berlin", datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    assert "24" in text and "18:00" in text and "(no answer in time)" in text


def test_the_widget_shows_the_warning_only_while_a_transport_fails(qtbot: QtBot) -> None:
    widget = GatewayStatusWidget("Europe/Berlin")
    qtbot.addWidget(widget)
    warning = _label(widget, "transportWarning")
    counts = dict.fromkeys(OutboxStatus, 0)
    trouble = (TransportTrouble("email", "auth_failed", datetime.now(UTC)),)
    widget.update_from(counts, GatewayState(Connection.CONNECTED, SYNCED, troubles=trouble))
    assert not warning.isHidden()
    assert warning.text().startswith("Gateway: email sending disrupted since ")
    assert "Nothing is lost" in warning.toolTip()
    assert _label(widget, "gatewayConnection").isHidden()  # the warning says it all
    widget.update_from(counts, GatewayState(Connection.CONNECTED, SYNCED))
    assert warning.isHidden()
    assert _label(widget, "gatewayConnection").text() == "Gateway connected"
    assert not _label(widget, "gatewayConnection").isHidden()
    # Unreachable: the last status is stale; the connection trouble is what counts.
    failing = GatewayState(Connection.FAILING, SYNCED, "unreachable", troubles=trouble)
    widget.update_from(counts, failing)
    assert warning.isHidden()
    assert _label(widget, "gatewayConnection").text() == "Gateway unreachable"
