"""A small status bar piece: is the gateway reachable, does it get messages out (its
``GET /v1/status``, kept by each sync), how many messages wait or failed.

It only shows what it is given (``update_from``); the outbox page computes that after
each refresh and announces it with ``OutboxPage.status_changed``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desk_app.domain.enums import OutboxStatus
from desk_app.services.errors import GatewayError
from desk_app.texts import error_text
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets import palette


class Connection(StrEnum):
    NOT_CONFIGURED = "not_configured"  # no gateway address or no token
    NOT_SYNCED = "not_synced"  # set up, but no sync has finished yet
    CONNECTED = "connected"  # the last sync went through
    FAILING = "failing"  # the last sync stopped with a gateway error


@dataclass(frozen=True)
class TransportTrouble:
    """A transport the gateway says is failing: ``email`` or ``sms``, the error code
    (``auth_failed``, …, or None) and since when."""

    transport: str
    error: str | None = None
    since: datetime | None = None


@dataclass(frozen=True)
class GatewayState:
    connection: Connection
    last_sync_at: datetime | None = None
    error_kind: str | None = None  # GatewayError.kind of the last failed sync
    error_status: int | None = None
    troubles: tuple[TransportTrouble, ...] = ()  # failing transports, email first

    @classmethod
    def from_sync_state(
        cls, configured: bool, sync_state: Mapping[str, object] | None
    ) -> GatewayState:
        """From ``OutboxService.sync_state(url)`` (None or ``configured=False``: not set up)."""
        if not configured or sync_state is None:
            return cls(Connection.NOT_CONFIGURED)
        raw_time = sync_state.get("last_sync_at")
        last_sync_at = datetime.fromisoformat(raw_time) if isinstance(raw_time, str) else None
        troubles = _troubles(sync_state.get("gateway_status"))
        last_error = sync_state.get("last_error")
        if isinstance(last_error, str) and last_error.strip():
            # SyncService records "<kind> <status>", e.g. "unauthorized 401".
            kind, _, status = last_error.strip().partition(" ")
            return cls(
                Connection.FAILING,
                last_sync_at,
                kind,
                int(status) if status.strip().isdigit() else None,
                troubles,
            )
        if last_sync_at is None:
            return cls(Connection.NOT_SYNCED, troubles=troubles)
        return cls(Connection.CONNECTED, last_sync_at, troubles=troubles)


def _troubles(raw: object) -> tuple[TransportTrouble, ...]:
    """Failing transports from the stored status answer (None or odd shapes: none)."""
    if not isinstance(raw, Mapping):
        return ()
    found = []
    for transport in sorted(raw, key=lambda name: (name != "email", str(name))):
        health = raw[transport]
        if not isinstance(health, Mapping) or health.get("state") != "failing":
            continue
        error, since = health.get("error"), health.get("since")
        moment = None
        if isinstance(since, str):
            try:
                moment = datetime.fromisoformat(since)
            except ValueError:
                moment = None
        found.append(
            TransportTrouble(str(transport), error if isinstance(error, str) else None, moment)
        )
    return tuple(found)


def _transport_error_text(transport: str, error: str | None) -> str:
    if error == "auth_failed":
        if transport == "sms":
            return QCoreApplication.translate(
                "GatewayStatusWidget", "login at the SMS provider failed"
            )
        return QCoreApplication.translate("GatewayStatusWidget", "login at the mail server failed")
    texts = {
        "connection_failed": QCoreApplication.translate(
            "GatewayStatusWidget", "the server cannot be reached"
        ),
        "tls_failed": QCoreApplication.translate(
            "GatewayStatusWidget", "the encrypted connection failed"
        ),
        "sender_refused": QCoreApplication.translate(
            "GatewayStatusWidget", "the sender address is refused"
        ),
        "server_error": QCoreApplication.translate("GatewayStatusWidget", "server error"),
        "timeout": QCoreApplication.translate("GatewayStatusWidget", "no answer in time"),
        "provider_error": QCoreApplication.translate(
            "GatewayStatusWidget", "the provider reports an error"
        ),
    }
    return texts.get(error or "", error or "")


def _since_text(moment: datetime, time_zone: str, now: datetime | None = None) -> str:
    """10:42 today, else a short date and time, in the salon's time zone."""
    zone = ZoneInfo(time_zone)
    local = moment.astimezone(zone)
    today = (now or datetime.now(UTC)).astimezone(zone).date()
    if local.date() == today:
        return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    return error_text.format_moment(moment, time_zone)


def transport_warning(state: GatewayState, time_zone: str, now: datetime | None = None) -> str:
    """The status bar's warning when the gateway cannot get messages out, e.g.
    "Gateway: email sending disrupted since 10:42 (login at the mail server failed)";
    "" when nothing is failing (or nothing is known)."""
    parts = []
    for trouble in state.troubles:
        if trouble.transport == "sms":
            what = QCoreApplication.translate("GatewayStatusWidget", "SMS sending disrupted")
        else:
            what = QCoreApplication.translate("GatewayStatusWidget", "email sending disrupted")
        if trouble.since is not None:
            what = QCoreApplication.translate("GatewayStatusWidget", "{what} since {time}").format(
                what=what, time=_since_text(trouble.since, time_zone, now)
            )
        reason = _transport_error_text(trouble.transport, trouble.error)
        parts.append(f"{what} ({reason})" if reason else what)
    if not parts:
        return ""
    return QCoreApplication.translate("GatewayStatusWidget", "Gateway: {problems}").format(
        problems="; ".join(parts)
    )


def connection_text(state: GatewayState) -> str:
    """A few words for the status bar."""
    if state.connection is Connection.NOT_CONFIGURED:
        return QCoreApplication.translate("GatewayStatusWidget", "Gateway not set up")
    if state.connection is Connection.NOT_SYNCED:
        return QCoreApplication.translate("GatewayStatusWidget", "Gateway: not synced yet")
    if state.connection is Connection.CONNECTED:
        return QCoreApplication.translate("GatewayStatusWidget", "Gateway connected")
    if state.error_kind == "unreachable":
        return QCoreApplication.translate("GatewayStatusWidget", "Gateway unreachable")
    if state.error_kind == "unauthorized":
        return QCoreApplication.translate("GatewayStatusWidget", "Gateway: token not accepted")
    return QCoreApplication.translate("GatewayStatusWidget", "Gateway error")


def connection_details(state: GatewayState, time_zone: str) -> str:
    """The longer explanation for the tooltip."""
    lines = []
    if state.connection is Connection.NOT_CONFIGURED:
        lines.append(
            QCoreApplication.translate(
                "GatewayStatusWidget",
                "Messages wait in the outbox until the owner enters the gateway address "
                "and token in the settings.",
            )
        )
    elif state.connection is Connection.NOT_SYNCED:
        lines.append(
            QCoreApplication.translate(
                "GatewayStatusWidget", "No sync with the gateway has finished yet."
            )
        )
    elif state.connection is Connection.FAILING:
        error = GatewayError(state.error_kind or "server_error", status=state.error_status)
        lines.append(error_text.gateway_text(error))
    if state.last_sync_at is not None:
        label = (
            QCoreApplication.translate("GatewayStatusWidget", "Last attempt: {time}")
            if state.connection is Connection.FAILING
            else QCoreApplication.translate("GatewayStatusWidget", "Last sync: {time}")
        )
        lines.append(label.format(time=error_text.format_moment(state.last_sync_at, time_zone)))
    return "\n".join(lines)


_DOT_COLOURS = {
    Connection.NOT_CONFIGURED: palette.MARK_IDLE,
    Connection.NOT_SYNCED: palette.MARK_IDLE,
    Connection.CONNECTED: palette.MARK_GOOD,
    Connection.FAILING: palette.MARK_BAD,
}
_WARNING_COLOUR = palette.MARK_WARN  # reachable, but a transport of the gateway is failing


class GatewayStatusWidget(QWidget):
    """Gateway connection state and queued / failed message counts, for the status bar.

    Signals:
        clicked(): the user clicked it (the main window may open the outbox).
    """

    clicked = Signal()

    def __init__(self, time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._time_zone = time_zone
        self._dot = QLabel()
        self._dot.setObjectName("gatewayDot")
        self._dot.setFixedSize(10, 10)
        self._connection = QLabel()
        self._connection.setObjectName("gatewayConnection")
        self._queued = QLabel()
        self._queued.setObjectName("queuedCount")
        self._failed = QLabel()
        self._failed.setObjectName("failedCount")
        self._transport = QLabel()
        self._transport.setObjectName("transportWarning")
        set_tone(self._transport, Tone.ERROR, strong=True)
        self._transport.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self._dot, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self._connection)
        layout.addWidget(self._transport)
        layout.addSpacing(8)
        layout.addWidget(self._queued)
        layout.addWidget(self._failed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.update_from(dict.fromkeys(OutboxStatus, 0), GatewayState(Connection.NOT_SYNCED))

    def update_from(self, counts: Mapping[OutboxStatus, int], state: GatewayState) -> None:
        details = connection_details(state, self._time_zone)
        # Connected, but the gateway cannot get messages out: that is the news, in place
        # of "Gateway connected". (While it is unreachable its last answer is stale.)
        warning = (
            transport_warning(state, self._time_zone)
            if state.connection is Connection.CONNECTED
            else ""
        )
        colour = _WARNING_COLOUR if warning else _DOT_COLOURS[state.connection]
        self._dot.setStyleSheet(f"background: {colour}; border-radius: 5px;")
        self._connection.setText(connection_text(state))
        self._connection.setToolTip(details)
        self._connection.setVisible(not warning)
        self._dot.setToolTip(details)
        self._transport.setText(warning)
        self._transport.setToolTip(
            self.tr(
                "The gateway keeps the messages and sends them when this works again; "
                "its operator has to fix it. Nothing is lost."
            )
            + ("\n" + details if details else "")
        )
        self._transport.setVisible(bool(warning))
        queued = counts.get(OutboxStatus.QUEUED, 0)
        failed = counts.get(OutboxStatus.FAILED, 0)
        self._queued.setText(self.tr("%n waiting", "", queued))
        self._queued.setToolTip(self.tr("Messages waiting for the next sync"))
        self._failed.setText(self.tr("%n failed", "", failed))
        self._failed.setToolTip(self.tr("Failed messages: retry them in the outbox"))
        # Failures are worth a glance; red only when there are some.
        set_tone(self._failed, Tone.ERROR if failed else None, strong=True)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)
