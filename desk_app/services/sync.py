"""Synchronising with the gateway: first drain its events, then answer online booking
requests and publish the availability (``online_sync``), then flush the outbox.

Events first, so an opt-out that arrived while this counter PC was offline applies
before anything else is sent. Each batch of events (``WRITE_BATCH``) is applied in one
transaction together with the cursor, so every event is applied exactly once, also when
two counter PCs sync at the same time or a batch fails halfway. Outbox messages keep
their ``client_id`` across every retry and restart, which the gateway uses to deliver
each message once.

One bad message never blocks the others (issue 8):
- an item the gateway refuses (``invalid_item``, ``channel_unavailable``, …) is
  ``rejected`` with that code, the rest of its batch goes on;
- a batch the gateway refuses as a whole with 400/413/422 is split and sent item by
  item; an item that alone gets such an answer is ``rejected`` (``gateway_refused``);
- a hand-over that ends in gateway trouble (5xx, cut connections, malformed answers)
  counts against each message in it; after ``MAX_GATEWAY_FAILURES`` a message is given
  up (``failed``, ``too_many_attempts``). Messages whose last hand-over the gateway
  answered with a server error (the one kind of trouble a message itself can cause)
  go one by one afterwards, the least troubled first, so the one that causes it fails
  alone; after a mere network error the batch goes again as it was.
Each sync also asks the gateway how its transports are (``GET /v1/status``) and keeps
the answer with the cursor, for the status bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from desk_app.db import audience_facts
from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.enums import Category, OutboxStatus
from desk_app.gateway.port import (
    ConsentRequest,
    GatewayError,
    GatewayEvent,
    GatewayPort,
    GatewayStatus,
    ItemResult,
    OutgoingMessage,
)
from desk_app.services.booking_payload import InvalidBookingPayload
from desk_app.services.consent_request import InvalidConsentRequest
from desk_app.services.event_page import PageFacts, StatusRun
from desk_app.services.gateway_events import advance_status, apply_event
from desk_app.services.messages import MessageTemplates
from desk_app.services.online_sync import OnlineSync
from desk_app.services.outbox import OutboxService
from desk_app.services.outbox_items import consent_request_item, message_item
from desk_app.services.privacy import PrivacyService
from desk_app.services.sender_names import SenderNames, load_sender_names
from desk_app.services.settings_store import read_settings
from desk_sql.upsert import insert_once

log = logging.getLogger(__name__)

BATCH = 100  # protocol limit per POST /v1/messages
_FINAL_FAILURES = ("rejected", "failed", "bounced", "expired")
MAX_GATEWAY_FAILURES = 10
# Answers that will not change by sending the same request again: split the batch.
REFUSED_STATUSES = frozenset({400, 413, 422})
GATEWAY_REFUSED = "gateway_refused"
DAMAGED_REQUEST = "damaged_request"  # a stored consent request or booking that cannot be read
TOO_MANY_ATTEMPTS = "too_many_attempts"
SERVER_ERROR = "server_error"  # GatewayError.kind of 5xx and malformed answers
GATEWAY_DOWN = "gateway_down"  # server errors for message after message: not theirs
EVENT_PAGE = 500  # events asked for at a time (the gateway's most)
# Events applied per write transaction. SQLite's write lock keeps every other counter PC
# from booking: short transactions let a booking in between (measured at chain scale:
# the counter's p95 during 100,000 events). PostgreSQL locks rows only, and each
# transaction costs round trips: a page at a time.
WRITE_BATCH = {"sqlite": 100}


@dataclass
class SyncReport:
    events_applied: int = 0
    accepted: int = 0
    rejected: int = 0
    consent_requests: int = 0
    error: GatewayError | None = None
    rejected_codes: dict[str, int] = field(default_factory=dict)
    given_up: int = 0  # failed after MAX_GATEWAY_FAILURES troubled hand-overs
    gateway_status: GatewayStatus | None = None  # None: unknown
    outcomes_reported: int = 0  # online booking requests answered
    published_starts: int | None = None  # start times the page offers; None: not published

    @property
    def ok(self) -> bool:
        return self.error is None


class SyncService:
    def __init__(
        self,
        db: Database,
        gateway: GatewayPort,
        gateway_key: str,
        outbox: OutboxService,
        templates: MessageTemplates,
        clock: Callable[[], datetime],
        privacy: PrivacyService | None = None,
        online: OnlineSync | None = None,
    ) -> None:
        self._db = db
        self._gateway = gateway
        self._key = gateway_key
        self._outbox = outbox
        self._templates = templates
        self._clock = clock
        self._privacy = privacy
        self._online = online

    def run_once(self, progress: Callable[[str, int], None] | None = None) -> SyncReport:
        """Drain events, then flush the outbox. Gateway trouble ends the run cleanly:
        whatever was not handed over stays queued for the next run."""
        report = SyncReport()
        try:
            report.events_applied = self.drain_events(progress)
            if self._privacy is not None:
                # Erasures the gateway missed while it was unreachable (Art. 17).
                self._privacy.retry_gateway_erasures(self._gateway)
            if self._online is not None:
                # Answers first: the snapshot published next must not offer what they took.
                report.outcomes_reported = self._online.report_outcomes()
                published = self._online.publish()
                report.published_starts = published.starts if published else None
            # After the events: an offer accepted meanwhile is booked, not offered again;
            # a claim the desktop could not book is freed before the time is offered again.
            self.release_waitlist_claims()
            self.offer_waitlist()
            report.gateway_status = self.refresh_status()
            self.flush_outbox(report, progress)
        except GatewayError as exc:
            report.error = exc
            log.warning("sync stopped: gateway %s (%s)", exc.kind, exc.status)
        self._remember(report)
        return report

    def close(self) -> None:
        self._gateway.close()

    def release_waitlist_claims(self) -> int:
        """Free at the gateway the times of accepted offers the desktop could not book
        (``waitlist_offers.RELEASING``) and the offers of entries that ended
        (``waitlist.ENDING``); one by one, each marked as soon as it is done."""
        from desk_app.services.waitlist_offers import claims_released, claims_to_release

        with self._db.read() as s:
            refs = claims_to_release(s)
        for ref, waiting in refs:
            try:
                self._gateway.release_waitlist_claim(ref, waiting=waiting)
            except GatewayError as exc:
                if exc.kind != "rejected":
                    raise  # unreachable, unauthorized, a server error: the next run again
                # The gateway refuses this one for good (a 4xx asking again cannot change):
                # marked done and said in the log, so it does not hold back every
                # message of every later run behind it.
                log.warning("waitlist claim %s not released: %s (%s)", ref, exc.code, exc.status)
            with self._db.write() as s:
                claims_released(s, [ref])
        if refs:
            log.info("released %d waitlist claim(s) at the gateway", len(refs))
        return len(refs)

    def offer_waitlist(self) -> int:
        """Offer freed times to the next waiting customers (``waitlist_offers``)."""
        from desk_app.services.waitlist_offers import any_open, offer_round

        with self._db.read() as s:
            if not any_open(s):
                return 0  # the usual case: no write transaction for nothing
        with self._db.write() as s:
            return offer_round(s, self._templates, self._clock())

    def send_test(self, message: OutgoingMessage) -> ItemResult:
        """Hand one test message (the owner's own address, see CampaignService.test_message)
        straight to the gateway: it belongs to no customer, so it never enters the outbox."""
        [result] = self._gateway.send_messages([message])
        return result

    def refresh_status(self) -> GatewayStatus | None:
        """Ask the gateway how its transports are and keep the answer with the cursor
        (every counter PC's status bar reads it). Unknown (None) when the gateway has no
        such endpoint or cannot say: that alone is never a reason to warn."""
        try:
            status = self._gateway.status()
        except GatewayError as exc:
            log.info("gateway status unknown (%s %s)", exc.kind, exc.status or "")
            status = None
        with self._db.write() as s:
            state = _state(s, self._key)
            state.gateway_status = status_json(status)
            state.gateway_status_at = self._clock()
        return status

    def wait_for_events(self, seconds: float) -> int:
        """Long-poll the gateway once (for the continuous sync loop); apply what came."""
        return self.drain_events(wait=seconds)

    # ---- events -----------------------------------------------------------------------
    def cursor(self) -> int:
        with self._db.read() as s:
            state = s.get(m.SyncState, self._key)
            return state.last_seq if state else 0

    def drain_events(
        self, progress: Callable[[str, int], None] | None = None, wait: float = 0
    ) -> int:
        applied = 0
        after = self.cursor()
        while True:
            page = self._gateway.events(after=after, limit=EVENT_PAGE, wait=wait)
            wait = 0  # only the first request waits
            if not page.events:
                return applied
            size = WRITE_BATCH.get(self._db.backend, EVENT_PAGE)
            for start in range(0, len(page.events), size):
                batch = page.events[start : start + size]
                # What the status events need is read first: the write transaction, which
                # keeps the other counter PCs from booking, holds only the writing, and
                # the read before each batch leaves them a moment for theirs.
                with self._db.read() as s:
                    facts = PageFacts(s, batch)
                after, count = self._apply(batch, facts)
                applied += count
            if progress:
                progress("events", applied)

    def _apply(self, events: Sequence[GatewayEvent], facts: PageFacts) -> tuple[int, int]:
        """Apply ``events`` in one write transaction with the cursor: the new cursor and
        how many of them this call applied (not those another counter PC had)."""
        applied = 0
        with self._db.write() as s:
            last = _locked_cursor(s, self._key)
            # The customers the events name, in one order (PostgreSQL): applied event by
            # event, a page of 500 took them in the events' order and deadlocked with a
            # retention run. Not their addresses' buckets: the events only recompute
            # their facts, which takes none (revision 0030), and a CSV import holds
            # thousands of them until it commits.
            audience_facts.lock_customers(s.connection(), facts.customers.values(), addresses=False)
            run = StatusRun(s, facts)
            start = last
            for event in events:
                if event.seq <= last:
                    continue  # another counter PC applied it already
                if event.seq != last + 1:
                    raise GatewayError("server_error", f"event gap after {last}")
                apply_event(s, event, self._templates, self._clock(), run)
                last = event.seq
                applied += 1
            run.flush()
            # The cursor moves once per batch, with the batch (one UPDATE, not one per
            # flush of the events before it).
            if last != start:
                table = cast(Table, m.SyncState.__table__)
                s.connection().execute(
                    update(table).where(table.c.gateway == self._key).values(last_seq=last)
                )
        return last, applied

    # ---- outbox -----------------------------------------------------------------------
    def flush_outbox(
        self, report: SyncReport, progress: Callable[[str, int], None] | None = None
    ) -> None:
        attempted: set[int] = set()
        senders: SenderNames | None = None  # read once per flush, when there is work
        trouble: GatewayError | None = None  # a server error that one message keeps causing
        while True:
            released = self._outbox.release(limit=BATCH)
            ids = [row.id for row in released if row.id not in attempted]
            if not ids:
                break
            attempted.update(ids)
            if senders is None:
                senders = load_sender_names(self._db)
            messages, requests, suspects = self._load(ids, senders, report)
            # Messages the gateway answered with a server error go alone, the least
            # troubled first: one that breaks the gateway cannot take its batch with it.
            clean = [msg for msg in messages if msg.client_id not in suspects]
            troubled = sorted(
                (msg for msg in messages if msg.client_id in suspects),
                key=lambda msg: suspects[msg.client_id],
            )
            # A request whose link travels inside a message (an online booking's
            # confirmation) goes first, so the gateway has it when it builds the message.
            for request in requests:
                if request.carried_by:
                    self._hand_over_request(request, report)
            if clean:
                trouble = self._deliver(clean, report) or trouble
            if troubled:
                trouble = self._one_by_one(troubled, report) or trouble
            for request in requests:
                if not request.carried_by:
                    self._hand_over_request(request, report)
            if progress:
                progress("messages", report.accepted + report.rejected + report.given_up)
        if trouble is not None:
            raise trouble  # after everything else went: the run still says so

    def _deliver(self, batch: list[OutgoingMessage], report: SyncReport) -> GatewayError | None:
        """Hand over a batch; after a server error, each of its messages alone.

        Returns the server error a message keeps causing (the flush goes on); raises
        what ends the run (network, token, a gateway failing for every message).
        """
        try:
            self._send(batch, report)
        except GatewayError as exc:
            if exc.kind != SERVER_ERROR:
                raise
            if len(batch) == 1:
                return exc
            log.warning("gateway server error for a batch of %d: one by one", len(batch))
            return self._one_by_one(batch, report) or exc
        return None

    def _one_by_one(self, items: list[OutgoingMessage], report: SyncReport) -> GatewayError | None:
        """Each message alone; two server errors in a row mean the gateway itself is in
        trouble (not one message): that ends the run."""
        last: GatewayError | None = None
        in_a_row = 0
        for item in items:
            try:
                self._send([item], report)
            except GatewayError as exc:
                if exc.kind != SERVER_ERROR:
                    raise
                last, in_a_row = exc, in_a_row + 1
                if in_a_row >= 2:
                    # Not a message's fault: next time they go in a batch again.
                    self._unsuspect([i.client_id for i in items], exc)
                    raise
            else:
                in_a_row = 0
        return last

    def _send(self, batch: list[OutgoingMessage], report: SyncReport) -> None:
        """POST one batch; a batch refused as a whole is split; trouble is counted
        against its messages and raised."""
        try:
            results = self._gateway.send_messages(batch)
        except GatewayError as exc:
            if _refused(exc):
                if len(batch) == 1:
                    self._refuse([batch[0].client_id], report)
                    return
                log.warning(
                    "gateway refused a batch of %d (HTTP %s): one by one", len(batch), exc.status
                )
                trouble = self._one_by_one(batch, report)
                if trouble is not None:
                    raise trouble from exc
                return
            if exc.kind != "unauthorized":  # a wrong token is no fault of the messages
                self._count_trouble([item.client_id for item in batch], exc, report)
            raise
        self._store_results(results, report)

    def _hand_over_request(self, request: ConsentRequest, report: SyncReport) -> None:
        try:
            result = self._gateway.request_consent(request)
        except GatewayError as exc:
            if _refused(exc):
                self._refuse([request.request_id], report)
                return
            if exc.kind != "unauthorized":
                self._count_trouble([request.request_id], exc, report)
            raise
        self._store_results([result], report)
        report.consent_requests += 1

    def _refuse(self, client_ids: list[str], report: SyncReport) -> None:
        """The gateway refused these alone, for good: rejected, the others go on."""
        with self._db.write() as s:
            for message in s.scalars(
                select(m.OutboxMessage).where(m.OutboxMessage.client_id.in_(client_ids))
            ):
                if message.status != OutboxStatus.QUEUED.value:
                    continue
                message.status = OutboxStatus.REJECTED.value
                message.reason = GATEWAY_REFUSED
                report.rejected += 1
                report.rejected_codes[GATEWAY_REFUSED] = (
                    report.rejected_codes.get(GATEWAY_REFUSED, 0) + 1
                )
        log.warning("gateway refused %d message(s) alone: rejected", len(client_ids))

    def _count_trouble(
        self, client_ids: list[str], error: GatewayError, report: SyncReport
    ) -> None:
        """One more hand-over that ended in gateway trouble; give up after the tenth."""
        given_up = 0
        with self._db.write() as s:
            for message in s.scalars(
                select(m.OutboxMessage).where(m.OutboxMessage.client_id.in_(client_ids))
            ):
                if message.status != OutboxStatus.QUEUED.value:
                    continue
                message.gateway_failures += 1
                message.last_error = f"{error.kind} {error.status or ''}".strip()[:300]
                if message.gateway_failures >= MAX_GATEWAY_FAILURES:
                    message.status = OutboxStatus.FAILED.value
                    message.reason = TOO_MANY_ATTEMPTS
                    given_up += 1
        report.given_up += given_up
        if given_up:
            log.warning(
                "gave up %d message(s) after %d troubled hand-overs",
                given_up,
                MAX_GATEWAY_FAILURES,
            )

    def _unsuspect(self, client_ids: list[str], error: GatewayError) -> None:
        with self._db.write() as s:
            for message in s.scalars(
                select(m.OutboxMessage).where(
                    m.OutboxMessage.client_id.in_(client_ids),
                    m.OutboxMessage.status == OutboxStatus.QUEUED.value,
                )
            ):
                message.last_error = f"{GATEWAY_DOWN} {error.status or ''}".strip()

    def _load(
        self, ids: list[int], senders: SenderNames, report: SyncReport
    ) -> tuple[list[OutgoingMessage], list[ConsentRequest], dict[str, int]]:
        """The messages and consent requests to hand over, and the suspects among them:
        those whose last hand-over ended in a server error, with their troubled
        hand-overs so far (by client_id). A consent request or booking message whose
        stored payload cannot be read is rejected alone: it must neither go out with a
        guessed statement or booking nor hold up every message behind it."""
        messages: list[OutgoingMessage] = []
        requests: list[ConsentRequest] = []
        suspects: dict[str, int] = {}
        with self._db.write() as s:
            salon = read_settings(s).salon_name
            rows = s.execute(
                select(m.OutboxMessage, m.Customer)
                .join(m.Customer, m.Customer.id == m.OutboxMessage.customer_id)
                .where(m.OutboxMessage.id.in_(ids))
                .order_by(m.OutboxMessage.id)
            ).all()
            for message, customer in rows:
                message.attempts += 1
                if message.gateway_failures and (message.last_error or "").startswith(SERVER_ERROR):
                    suspects[message.client_id] = message.gateway_failures
                try:
                    if message.category == Category.CONSENT_REQUEST.value:
                        requests.append(
                            consent_request_item(self._templates, message, customer, salon)
                        )
                    else:
                        messages.append(
                            message_item(message, customer, senders.of(message.channel))
                        )
                except (InvalidConsentRequest, InvalidBookingPayload) as exc:
                    log.warning("%s: rejected", exc)
                    message.status = OutboxStatus.REJECTED.value
                    message.reason = DAMAGED_REQUEST
                    report.rejected += 1
                    report.rejected_codes[DAMAGED_REQUEST] = (
                        report.rejected_codes.get(DAMAGED_REQUEST, 0) + 1
                    )
        return messages, requests, suspects

    def _store_results(self, results: list[ItemResult], report: SyncReport) -> None:
        with self._db.write() as s:
            keys = [result.key for result in results]
            by_key = {
                row.client_id: row
                for row in s.scalars(
                    select(m.OutboxMessage).where(m.OutboxMessage.client_id.in_(keys))
                )
            }
            for result in results:
                message = by_key.get(result.key)
                if message is None:
                    continue
                if result.effective == "rejected":
                    message.status = OutboxStatus.REJECTED.value
                    message.reason = result.code or "rejected"
                    report.rejected += 1
                    code = result.code or "rejected"
                    report.rejected_codes[code] = report.rejected_codes.get(code, 0) + 1
                else:
                    # A duplicate tells where the message stands; never step backwards.
                    if not advance_status(message, result.status or ""):
                        advance_status(message, OutboxStatus.ACCEPTED.value)
                    if message.status in _FINAL_FAILURES and not message.reason:
                        message.reason = message.status  # the events say more, if any came
                    report.accepted += 1

    def _remember(self, report: SyncReport) -> None:
        with self._db.write() as s:
            state = _state(s, self._key)
            state.last_sync_at = self._clock()
            state.last_error = (
                None if report.error is None else f"{report.error.kind} {report.error.status or ''}"
            )


def _refused(error: GatewayError) -> bool:
    """A 4xx that sending the same request again would only repeat."""
    return error.kind == "rejected" and error.status in REFUSED_STATUSES


def status_json(status: GatewayStatus | None) -> dict[str, object] | None:
    """The status answer as stored in ``sync_state.gateway_status``."""
    if status is None:
        return None
    return {
        name: {
            "state": health.state,
            "error": health.error,
            "since": health.since.isoformat() if health.since else None,
        }
        for name, health in status.transports.items()
    }


def _locked_cursor(s: Session, key: str) -> int:
    """The event cursor, its row locked (as ``_state``, without loading an ORM object:
    the event batches read it a thousand times per 100,000 events)."""
    table = cast(Table, m.SyncState.__table__)
    locked = select(table.c.last_seq).where(table.c.gateway == key).with_for_update()
    # On the session's connection: Core, not the ORM's execution (a third of a batch's
    # own time on SQLite, measured).
    last = s.connection().scalar(locked)
    if last is None:
        insert_once(s, m.SyncState, gateway=key, last_seq=0)
        last = s.connection().scalar(locked)
    assert last is not None
    return int(last)


def _state(s: Session, key: str) -> m.SyncState:
    """The cursor row, locked. Created race-free: FOR UPDATE cannot lock a row that does
    not exist yet, so two counter PCs syncing for the first time would both insert it."""
    state = s.get(m.SyncState, key, with_for_update=True, populate_existing=True)
    if state is None:  # the first sync: insert it once, then lock it like every later one
        insert_once(s, m.SyncState, gateway=key, last_seq=0)
        state = s.get(m.SyncState, key, with_for_update=True, populate_existing=True)
    assert state is not None
    return state
