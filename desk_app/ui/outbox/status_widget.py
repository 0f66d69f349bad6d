"""A small status bar piece: is the gateway reachable, how many messages wait or failed.

It only shows what it is given (``update_from``); the outbox page computes that after
each refresh and announces it with ``OutboxPage.status_changed``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desk_app.domain.enums import OutboxStatus
from desk_app.services.errors import GatewayError
from desk_app.ui import error_text


class Connection(StrEnum):
    NOT_CONFIGURED = "not_configured"  # no gateway address or no token
    NOT_SYNCED = "not_synced"  # set up, but no sync has finished yet
    CONNECTED = "connected"  # the last sync went through
    FAILING = "failing"  # the last sync stopped with a gateway error


@dataclass(frozen=True)
class GatewayState:
    connection: Connection
    last_sync_at: datetime | None = None
    error_kind: str | None = None  # GatewayError.kind of the last failed sync
    error_status: int | None = None

    @classmethod
    def from_sync_state(
        cls, configured: bool, sync_state: Mapping[str, object] | None
    ) -> GatewayState:
        """From ``OutboxService.sync_state(url)`` (None or ``configured=False``: not set up)."""
        if not configured or sync_state is None:
            return cls(Connection.NOT_CONFIGURED)
        raw_time = sync_state.get("last_sync_at")
        last_sync_at = datetime.fromisoformat(raw_time) if isinstance(raw_time, str) else None
        last_error = sync_state.get("last_error")
        if isinstance(last_error, str) and last_error.strip():
            # SyncService records "<kind> <status>", e.g. "unauthorized 401".
            kind, _, status = last_error.strip().partition(" ")
            return cls(
                Connection.FAILING,
                last_sync_at,
                kind,
                int(status) if status.strip().isdigit() else None,
            )
        if last_sync_at is None:
            return cls(Connection.NOT_SYNCED)
        return cls(Connection.CONNECTED, last_sync_at)


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
    Connection.NOT_CONFIGURED: "#9e9e9e",
    Connection.NOT_SYNCED: "#9e9e9e",
    Connection.CONNECTED: "#2e7d32",
    Connection.FAILING: "#c62828",
}


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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self._dot, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self._connection)
        layout.addSpacing(8)
        layout.addWidget(self._queued)
        layout.addWidget(self._failed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.update_from(dict.fromkeys(OutboxStatus, 0), GatewayState(Connection.NOT_SYNCED))

    def update_from(self, counts: Mapping[OutboxStatus, int], state: GatewayState) -> None:
        self._dot.setStyleSheet(
            f"background: {_DOT_COLOURS[state.connection]}; border-radius: 5px;"
        )
        self._connection.setText(connection_text(state))
        details = connection_details(state, self._time_zone)
        self._connection.setToolTip(details)
        self._dot.setToolTip(details)
        queued = counts.get(OutboxStatus.QUEUED, 0)
        failed = counts.get(OutboxStatus.FAILED, 0)
        self._queued.setText(self.tr("%n waiting", "", queued))
        self._queued.setToolTip(self.tr("Messages waiting for the next sync"))
        self._failed.setText(self.tr("%n failed", "", failed))
        self._failed.setToolTip(self.tr("Failed messages: retry them in the outbox"))
        # Failures are worth a glance; red only when there are some.
        self._failed.setStyleSheet("color: #c62828; font-weight: bold;" if failed else "")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)
