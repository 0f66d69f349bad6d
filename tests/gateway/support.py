"""Helpers shared by the gateway client tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desk_app.gateway.client import GatewayClient

TOKEN = "tok-3f9a1c-secret"

# The ``make_client`` fixture: keyword overrides of the GatewayClient arguments.
MakeClient = Callable[..., GatewayClient]


@dataclass
class SleepRecorder:
    """Stands in for ``time.sleep``: remembers the delays, waits for none of them."""

    delays: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@dataclass
class DroppingServer:
    """Accepts TCP connections and resets them without a byte of answer."""

    port: int
    accepted: int = 0
