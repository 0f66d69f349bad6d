"""The delivery worker: sends accepted messages, checking the rules once more right before.

Claims and their leases (``desk_gateway.claims``) keep several gateway processes from
sending the same message; the rules once more and the final text come from
``desk_gateway.jobs``. Due messages are found with ``FOR UPDATE SKIP LOCKED`` on
PostgreSQL, so workers share the queue without waiting for each other.

Outcomes: every message's outcome is written, with its event, right after its own
hand-over (guarded by the lease), so a kill -9 repeats at most the one message that was
in flight (with the same Message-ID). A failure is sorted by whose problem it is:

- the recipient's address (5xx to RCPT about the address, the provider's "number
  invalid"): ``bounced`` and the address suppressed;
- this message (5xx to DATA, a provider refusing the text; or a message that cannot be
  built at all, ``invalid_message``): ``failed``, nothing suppressed;
- this message, for now (4xx): retried later, each try counts (``MAX_ATTEMPTS``);
- the gateway's own way out (connection, TLS, credentials, sender, 421, provider outage):
  the message keeps its tries, the transport pauses (``desk_gateway.health``).

One bad message never stops the round: whatever goes wrong with it fails it alone.
Events of several salons written in one transaction are appended in installation order,
so two workers never wait for each other's event counters crosswise.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import select

from desk_gateway import health, jobs
from desk_gateway.booking.requests import forget_personal_data
from desk_gateway.claims import Claims, new_worker_id
from desk_gateway.context import Gateway
from desk_gateway.db.models import PROVIDER_ID_LENGTH, ConsentRequest, Message, UnsubscribeLink
from desk_gateway.email_transport import (
    EmailOutcome,
    EmailSession,
    EmailTransport,
    Fault,
    OutgoingEmail,
)
from desk_gateway.enforcement import channel_available, refusal
from desk_gateway.events import NewEvent, append_events_in_order
from desk_gateway.outcomes import MAX_ATTEMPTS, Job, Outcome, OutcomeWriter, invalid_outcome
from desk_gateway.send_check import SendCheck
from desk_gateway.sms.base import OutgoingSms, SmsFault, SmsProvider, SmsSendError

log = logging.getLogger(__name__)

BATCH = 100
FORGET_EVERY = timedelta(minutes=10)
# How long the running worker keeps an idle email connection open for the next round:
# well below the idle timeouts of SMTP servers (RFC 5321 4.5.3.2: at least 5 minutes).
EMAIL_IDLE = 30.0
# A desktop's sender name goes out as the SMS sender only if every provider and network
# takes it: 1-11 letters, digits and spaces, at least one letter (else SMS_SENDER applies).
_ALPHANUMERIC_SENDER = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}")
_SMS_FAULTS = {
    SmsFault.RECIPIENT: Fault.RECIPIENT,
    SmsFault.MESSAGE: Fault.MESSAGE,
    SmsFault.TEMPORARY: Fault.TEMPORARY,
    SmsFault.TRANSPORT: Fault.TRANSPORT,
}
__all__ = ["BATCH", "MAX_ATTEMPTS", "DeliveryWorker", "Job", "Outcome", "sms_sender"]


class DeliveryWorker:
    def __init__(
        self,
        gw: Gateway,
        email: EmailTransport,
        sms: SmsProvider,
        worker_id: str | None = None,
    ) -> None:
        self._gw = gw
        self._email = email
        self._sms = sms
        self.worker_id = worker_id or new_worker_id()
        self._lease = timedelta(seconds=gw.config.lease_seconds)
        self._claims = Claims(gw, self.worker_id, self._lease)
        self._outcomes = OutcomeWriter(gw, self.worker_id)
        self._send_check = SendCheck(gw, self.worker_id)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        host = urlsplit(gw.config.public_url).hostname or "localhost"
        self._msgid_domain = host
        self._next_release: datetime | None = None  # when to look for dead claims again
        self._next_forgetting: datetime | None = None  # when online booking's retention runs
        self._renew_at: datetime | None = None  # when this worker's claims need renewing
        self._health: dict[str, health.Health] = {}
        self._pending: dict[int, Job] = {}
        # Hand-overs whose outcome the database did not take (it was unavailable): written
        # first thing in the next round, before anything else is sent.
        self._unwritten: list[tuple[Job, Outcome]] = []
        self._heartbeat: threading.Thread | None = None
        # The email connection: one round's in ``run_once``; the running loop keeps it
        # between rounds (connecting, TLS and login cost more than many emails), and
        # closes it after EMAIL_IDLE seconds without use.
        self._keep_email_open = False
        self._email_session: EmailSession | None = None
        self._email_used_at = 0.0

    # ---- thread control -----------------------------------------------------------------
    def start(self) -> None:
        self.release_expired()
        self._thread = threading.Thread(target=self._loop, name="delivery", daemon=True)
        self._thread.start()
        self._heartbeat = threading.Thread(
            target=self._claims.keep_alive, args=(self._stop,), name="delivery-lease", daemon=True
        )
        self._heartbeat.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        for thread in (self._thread, self._heartbeat):
            if thread is not None:
                thread.join(timeout=30)

    def renew_claims(self) -> int:
        """Extend the lease of every message this worker holds (what the heartbeat does)."""
        return self._claims.renew_all()

    def wake(self) -> None:
        """New work arrived: don't wait for the next tick."""
        self._wake.set()

    def _loop(self) -> None:
        self._keep_email_open = True
        try:
            while not self._stop.is_set():
                try:
                    busy = self.run_once() > 0
                    self.expire_consent_requests()
                except Exception:  # the worker must outlive any single bad round
                    log.exception("delivery round failed")
                    busy = False
                if not busy:
                    self._wake.wait(self._gw.config.worker_interval)
                    self._wake.clear()
                    if time.monotonic() - self._email_used_at > EMAIL_IDLE:
                        self._close_email()
        finally:
            self._close_email()

    # ---- one round ----------------------------------------------------------------------
    def release_expired(self) -> int:
        """Claims whose lease ran out (their worker died) are due again. Claims of a
        worker that is alive, in this process or another, stay where they are."""
        released = self._claims.release_expired()
        self._next_release = self._gw.clock() + self._lease / 4
        return released

    recover = release_expired  # the name of the start-up step before leases existed

    def run_once(self) -> int:
        """Claim due messages and hand them over one by one; returns how many were tried.
        The email connection ends with the round, unless the running loop keeps it."""
        try:
            return self._round()
        finally:
            if not self._keep_email_open:
                self._close_email()

    def _round(self) -> int:
        if not self._write_unwritten():
            return 0
        now = self._gw.clock()
        if self._next_release is None or now >= self._next_release:
            self.release_expired()
        if self._next_forgetting is None or now >= self._next_forgetting:
            self.forget_booking_data(now)
        claimed = self._claim_and_prepare(now)
        if not claimed:
            return 0
        # Claimed and not handed over yet: what a lease renewal covers, what is given back
        # when the round ends early.
        self._pending = {job.message_id: job for job in claimed}
        try:
            self._deliver("email", [j for j in claimed if j.channel == "email"])
            self._deliver("sms", [j for j in claimed if j.channel == "sms"])
        finally:
            self._release(list(self._pending.values()))
            self._pending = {}
        self.forget_booking_data(self._gw.clock())  # a refusal just sent keeps nothing
        return len(claimed)

    def forget_booking_data(self, now: datetime) -> int:
        """Online booking's retention (``booking.requests.forget_personal_data``), at least
        every ``FORGET_EVERY`` and after every round that sent something."""
        self._next_forgetting = now + FORGET_EVERY
        with self._gw.db.write() as s:
            return forget_personal_data(s, now)

    def _claim_and_prepare(self, now: datetime) -> list[Job]:
        gw = self._gw
        claimed: list[Job] = []
        with gw.db.write() as s:
            self._health = health.read(s)
            channels = [
                name
                for name, state in self._health.items()
                # An SMS with no provider is refused below, never left waiting.
                if state.may_try(now) or not channel_available(gw.config, name)
            ]
            if not channels:
                return []
            query = (
                select(Message)
                .where(
                    Message.status == "accepted",
                    Message.next_attempt_at <= now,
                    Message.channel.in_(channels),
                )
                .order_by(Message.next_attempt_at, Message.id)
                .limit(BATCH)
            )
            if s.get_bind().dialect.name == "postgresql":
                # Another worker's claim in progress is skipped, not waited for.
                query = query.with_for_update(skip_locked=True)
            due = list(s.scalars(query))
            if not due:
                return []
            known = jobs.known_for(gw, s, due)
            events: dict[int, list[NewEvent]] = defaultdict(list)
            links: list[UnsubscribeLink] = []
            for message in due:
                try:
                    code = refusal(jobs.facts(gw, message, known), now)
                except Exception as exc:  # noqa: BLE001 - a broken row fails alone
                    log.warning("a message could not be checked (%s)", type(exc).__name__)
                    events[message.installation_id].append(jobs.invalid(message, now, exc))
                    continue
                if code is not None:
                    events[message.installation_id].append(jobs.refused(message, code, now))
                    continue
                try:
                    job, link = jobs.render(gw, message, known.links, known.carried)
                except Exception as exc:  # noqa: BLE001 - a broken row fails alone
                    log.warning("a message could not be prepared (%s)", type(exc).__name__)
                    events[message.installation_id].append(jobs.invalid(message, now, exc))
                    continue
                self._claims.take(message, now)
                claimed.append(job)
                if link is not None:
                    links.append(link)
            s.add_all(links)
            append_events_in_order(s, events)
        self._renew_at = now + self._lease / 3
        return claimed

    # ---- handing over, one message at a time ---------------------------------------------
    def _deliver(self, transport: str, jobs: list[Job]) -> None:
        """Hand over one channel's messages, recording each outcome before the next; a
        transport failure ends the channel's round (the rest are given back untouched)."""
        if not jobs:
            return
        failure: Outcome | None = None
        session = self._email_connection() if transport == "email" else None
        try:
            for job in jobs:
                if not self._still_mine(job) or not self._still_allowed(job):
                    continue
                del self._pending[job.message_id]
                outcome = self._email_outcome(session, job) if session else self._send_sms(job)
                self._record(job, outcome)
                failure = self._note_transport(transport, outcome)
                if failure is not None:
                    break
        except BaseException:
            if session is not None:
                self._close_email()  # (the database failed us: begin afresh next time)
            raise
        if session is not None:
            self._email_used_at = time.monotonic()
            if failure is not None:
                self._close_email()
        if failure is not None:
            self._release([j for j in self._pending.values() if j.channel == transport])
            self._pending = {k: j for k, j in self._pending.items() if j.channel != transport}
            health.record_failure(self._gw, transport, failure.transport_error or "")

    def _note_transport(self, transport: str, outcome: Outcome) -> Outcome | None:
        """The transport failure that ends this channel's round, if it was one; a
        transport that answered again ends its failing state."""
        if outcome.fault is Fault.TRANSPORT:
            return outcome
        known = self._health.get(transport)
        if outcome.transport_works and known is not None and known.state == "failing":
            health.record_ok(self._gw, transport)
            self._health[transport] = health.Health(transport, "ok")
        return None

    def _email_connection(self) -> EmailSession:
        if self._email_session is None:
            self._email_session = _open(self._email)
        return self._email_session

    def _close_email(self) -> None:
        session, self._email_session = self._email_session, None
        if session is not None:
            try:
                session.close()
            except Exception:  # a connection that will not close is gone anyway
                log.warning("the email connection did not close cleanly", exc_info=True)

    def _email_outcome(self, session: EmailSession, job: Job) -> Outcome:
        message_id = self._message_id_of(job)
        try:
            result = session.send(self._email_of(job))
        except Exception as exc:  # noqa: BLE001 - whatever this message does fails it alone
            return invalid_outcome(exc)
        return _from_email(result, message_id)

    def _message_id_of(self, job: Job) -> str:
        # Stable per message, so a resend after a crash is recognisable as the same mail.
        return f"<{job.client_id}@{self._msgid_domain}>"

    def _email_of(self, job: Job) -> OutgoingEmail:
        return OutgoingEmail(
            sender=self._gw.config.mail_from,
            to=job.to,
            subject=job.subject,
            text=job.text,
            message_id=self._message_id_of(job),
            unsubscribe_url=job.unsubscribe_url,
            sender_name=job.sender_name,
            attachments=job.attachments,
        )

    def _send_sms(self, job: Job) -> Outcome:
        callback = self._gw.config.link(f"/hooks/{self._sms.name}")
        try:
            sent = self._sms.send(
                OutgoingSms(
                    to=job.to,
                    text=job.text,
                    sender=sms_sender(job.sender_name, self._gw.config.sms_sender),
                    reference=job.client_id,
                    status_callback_url=callback,
                )
            )
        except SmsSendError as exc:
            fault = _SMS_FAULTS[exc.kind]
            transport_error = exc.error if fault is Fault.TRANSPORT else None
            return Outcome(False, fault, str(exc)[:300], transport_error)
        except Exception as exc:  # noqa: BLE001 - whatever this message does fails it alone
            return invalid_outcome(exc)
        return Outcome(True, provider_id=self._storable_provider_id(sent.provider_id))

    def _storable_provider_id(self, provider_id: str) -> str | None:
        """The provider's id of a sent SMS, or None when it cannot be stored as it is:
        longer than the column or with control characters (PostgreSQL refuses both, and the
        message would be sent again every lease). The SMS went out, so it stays sent; only
        its delivery reports cannot be matched. Cutting the id short would not match them
        either, and could match another message's."""
        if len(provider_id) <= PROVIDER_ID_LENGTH and provider_id.isprintable():
            return provider_id
        log.warning(
            "%s: message id of %d characters not stored (too long or control characters);"
            " its delivery reports will not be matched",
            self._sms.name,
            len(provider_id),
        )
        return None

    # ---- leases ---------------------------------------------------------------------------
    def _still_mine(self, job: Job) -> bool:
        """Renew the lease on this round's claims once a third of it has passed; claims
        that were lost meanwhile (this process stood still longer than the lease) belong
        to another worker now and are dropped, not sent a second time."""
        if job.message_id not in self._pending:
            return False
        now = self._gw.clock()
        if self._renew_at is not None and now < self._renew_at:
            return True
        mine = self._claims.renew(list(self._pending))
        self._renew_at = now + self._lease / 3
        self._pending = {k: j for k, j in self._pending.items() if k in mine}
        if job.message_id not in mine:
            log.warning("a delivery claim ran out before its message was sent; left to others")
        return job.message_id in mine

    def _release(self, jobs: Sequence[Job]) -> None:
        """Claims this worker will not get to in this round are due again at once."""
        self._claims.give_back([j.message_id for j in jobs])

    def _still_allowed(self, job: Job) -> bool:
        """The rules once more for this one message, right before its hand-over (see
        ``send_check``); a message refused now, or taken back meanwhile, is not sent."""
        if self._send_check.allows(job):
            return True
        del self._pending[job.message_id]
        return False

    # ---- writing outcomes ---------------------------------------------------------------
    def _record(self, job: Job, outcome: Outcome) -> None:
        try:
            written = self._outcomes.write(job, outcome)
        except Exception as exc:
            # The database is unavailable: the outcome waits here, and nothing else is
            # sent until it is written (the claim keeps the message from going out again).
            self._unwritten.append((job, outcome))
            log.error(
                "the outcome of a hand-over could not be written (%s); delivery pauses",
                type(exc).__name__,
            )
            raise
        if not written:
            log.warning("a delivery claim was lost before its outcome was written")

    def _write_unwritten(self) -> bool:
        """Outcomes the database did not take before; True once none is left."""
        while self._unwritten:
            job, outcome = self._unwritten[0]
            try:
                written = self._outcomes.write(job, outcome)
            except Exception as exc:  # noqa: BLE001 - still unavailable: the next round tries
                log.warning("an outcome is still not written (%s)", type(exc).__name__)
                return False
            if not written:
                log.warning("a delivery claim was lost before its outcome was written")
            self._unwritten.pop(0)
        return True

    # ---- consent requests nobody confirmed ------------------------------------------------
    def expire_consent_requests(self) -> int:
        gw = self._gw
        now = gw.clock()
        with gw.db.write() as s:
            stale = list(
                s.scalars(
                    select(ConsentRequest).where(
                        ConsentRequest.confirmed_at.is_(None),
                        ConsentRequest.expired_reported.is_(False),
                        ConsentRequest.expires_at < now,
                    )
                )
            )
            events: dict[int, list[NewEvent]] = defaultdict(list)
            for request in stale:
                request.expired_reported = True
                events[request.installation_id].append(
                    NewEvent(
                        "consent.expired",
                        now,
                        request.customer_ref,
                        request.request_id,
                        request.channel,
                        {"request_id": request.request_id},
                    )
                )
            append_events_in_order(s, events)
            return len(stale)


def sms_sender(sender_name: str | None, configured: str) -> str:
    """The desktop's sender name if it is a valid alphanumeric SMS sender, else SMS_SENDER."""
    if sender_name and _ALPHANUMERIC_SENDER.fullmatch(sender_name):
        return sender_name
    return configured


class _BatchSession:
    """A transport that only offers ``send_batch``: one email per batch."""

    def __init__(self, transport: EmailTransport) -> None:
        self._transport = transport

    def send(self, email: OutgoingEmail) -> EmailOutcome:
        (outcome,) = self._transport.send_batch([email])
        return outcome

    def close(self) -> None:
        return None


def _open(transport: EmailTransport) -> EmailSession:
    opener = getattr(transport, "open", None)
    return opener() if callable(opener) else _BatchSession(transport)


def _from_email(result: EmailOutcome, message_id: str) -> Outcome:
    if result.ok:
        return Outcome(True, email_message_id=message_id)
    fault = result.fault or Fault.TEMPORARY
    return Outcome(False, fault, result.error, result.transport_error)
