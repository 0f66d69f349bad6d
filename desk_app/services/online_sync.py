"""The online booking's part of a sync run: first the answers to the requests the desktop
decided (the gateway releases or keeps their holds and tells refused customers), then the
availability, so the page never offers a slot a booking just took.

The snapshot is published when what the page would show changed, and at least every
``REPUBLISH_AFTER`` (a gateway that lost it, another counter PC's older one): a PUT is
idempotent, so publishing from several counter PCs does no harm.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from desk_app.gateway.port import BookingOutcome, GatewayError, GatewayPort
from desk_app.services.online_availability import OnlineAvailabilityService, content_hash
from desk_app.services.rows import OutcomeToReport

log = logging.getLogger(__name__)

REPUBLISH_AFTER = timedelta(minutes=15)


class DecidedRequests(Protocol):
    """Where the decided online requests wait to be reported (``OnlineBookingService``)."""

    def unreported_outcomes(self) -> Sequence[OutcomeToReport]: ...

    def mark_reported(self, request_ids: Sequence[str]) -> None: ...


@dataclass(frozen=True)
class Published:
    content_hash: str
    at: datetime
    starts: int


class OnlineSync:
    def __init__(
        self,
        gateway: GatewayPort,
        requests: DecidedRequests,
        availability: OnlineAvailabilityService,
        clock: Callable[[], datetime],
    ) -> None:
        self._gateway = gateway
        self._requests = requests
        self._availability = availability
        self._clock = clock
        self._last: Published | None = None
        self.refusal: str | None = None  # why the gateway refused the last snapshot

    def report_outcomes(self) -> int:
        """Answer every decided request the gateway has not heard of; each one is marked
        as reported right after its answer, so a run cut short repeats at most that one
        (the gateway takes a repeated answer)."""
        reported = 0
        for outcome in self._requests.unreported_outcomes():
            self._gateway.report_booking_outcome(
                BookingOutcome(
                    request_id=outcome.request_id,
                    result=outcome.result,
                    reason=outcome.reason,
                    booking_ref=outcome.booking_ref,
                )
            )
            self._requests.mark_reported([outcome.request_id])
            reported += 1
        if reported:
            log.info("told the gateway the outcome of %d online request(s)", reported)
        return reported

    def publish(self, force: bool = False) -> Published | None:
        """Publish the availability if it changed (or is due again); None when nothing
        was published. A snapshot the gateway refuses (its public name is taken, say) is
        kept in ``refusal`` and does not end the run: messages must still go out."""
        snapshot = self._availability.snapshot()
        if snapshot is None:
            return None
        digest = content_hash(snapshot)
        now = self._clock()
        last = self._last
        unchanged = last is not None and last.content_hash == digest
        if not force and last is not None and unchanged and now - last.at < REPUBLISH_AFTER:
            return None
        try:
            starts = self._gateway.publish_availability(snapshot)
        except GatewayError as exc:
            if exc.kind != "rejected":
                raise
            self.refusal = exc.code or "rejected"
            log.warning("gateway refused the availability (%s)", self.refusal)
            return None
        self.refusal = None
        self._last = Published(digest, now, starts)
        return self._last
