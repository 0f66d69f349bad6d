"""The delivery worker: sends accepted messages, checking the rules once more right before.

Claims: a worker takes a batch of due messages (status ``sending``) with a lease in its own
name (``lease_owner``, ``lease_until``; on PostgreSQL ``FOR UPDATE SKIP LOCKED``, so that
several gateway processes share the queue without waiting for each other). The lease is
renewed while the worker works through its batch; claims whose lease ran out belong to a
worker that died and go back to ``accepted``. Claims of a live worker are never touched.

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
import os
import re
import secrets
import socket
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from desk_gateway import health
from desk_gateway.context import Gateway
from desk_gateway.db.models import (
    PROVIDER_ID_LENGTH,
    ConsentRequest,
    Message,
    OptOut,
    Suppression,
    UnsubscribeLink,
)
from desk_gateway.email_transport import (
    EmailOutcome,
    EmailSession,
    EmailTransport,
    Fault,
    OutgoingEmail,
)
from desk_gateway.enforcement import Facts, channel_available, refusal
from desk_gateway.events import NewEvent, append_events_in_order
from desk_gateway.outcomes import (
    INVALID_MESSAGE,
    MAX_ATTEMPTS,
    Job,
    Outcome,
    OutcomeWriter,
    invalid_outcome,
)
from desk_gateway.send_check import SendCheck
from desk_gateway.sms.base import OutgoingSms, SmsFault, SmsProvider, SmsSendError
from desk_gateway.suppressions import blocks as suppression_blocks
from desk_gateway.texts import SMS_UNSUBSCRIBE_FOOTER, UNSUBSCRIBE_FOOTER, labelled_link, pick
from desk_gateway.tokens import address_hash, link_token, sha256_hex

log = logging.getLogger(__name__)

BATCH = 100
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


def new_worker_id() -> str:
    """Unique per worker: host, process and a random part (a pid may come back)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


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
        self._outcomes = OutcomeWriter(gw, self.worker_id)
        self._send_check = SendCheck(gw, self.worker_id)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        host = urlsplit(gw.config.public_url).hostname or "localhost"
        self._msgid_domain = host
        self._next_release: datetime | None = None  # when to look for dead claims again
        self._renew_at: datetime | None = None  # when this worker's claims need renewing
        self._health: dict[str, health.Health] = {}
        self._pending: dict[int, Job] = {}
        # Hand-overs whose outcome the database did not take (it was unavailable): written
        # first thing in the next round, before anything else is sent.
        self._unwritten: list[tuple[Job, Outcome]] = []
        self._heartbeat: threading.Thread | None = None

    # ---- thread control -----------------------------------------------------------------
    def start(self) -> None:
        self.release_expired()
        self._thread = threading.Thread(target=self._loop, name="delivery", daemon=True)
        self._thread.start()
        self._heartbeat = threading.Thread(target=self._beat, name="delivery-lease", daemon=True)
        self._heartbeat.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        for thread in (self._thread, self._heartbeat):
            if thread is not None:
                thread.join(timeout=30)

    def _beat(self) -> None:
        """Renew this worker's claims every third of the lease, also while one hand-over
        takes long (a slow SMTP server, an SMS provider near its timeout): a claim must
        only run out when its worker is gone, or a slow message would go out twice."""
        while not self._stop.wait(self._lease.total_seconds() / 3):
            try:
                self.renew_claims()
            except Exception:  # logged; the next beat tries again
                log.warning("delivery claims could not be renewed", exc_info=True)

    def renew_claims(self) -> int:
        """Extend the lease of every message this worker holds; returns how many."""
        now = self._gw.clock()
        with self._gw.db.write() as s:
            renewed = s.execute(
                update(Message)
                .where(Message.lease_owner == self.worker_id, Message.status == "sending")
                .values(lease_until=now + self._lease)
                .execution_options(synchronize_session=False)
            )
            return int(renewed.rowcount or 0)

    def wake(self) -> None:
        """New work arrived: don't wait for the next tick."""
        self._wake.set()

    def _loop(self) -> None:
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

    # ---- one round ----------------------------------------------------------------------
    def release_expired(self) -> int:
        """Claims whose lease ran out (their worker died) are due again. Claims of a
        worker that is alive, in this process or another, stay where they are."""
        now = self._gw.clock()
        with self._gw.db.write() as s:
            released = s.execute(
                update(Message)
                .where(
                    Message.status == "sending",
                    or_(Message.lease_until.is_(None), Message.lease_until < now),
                )
                .values(status="accepted", lease_owner=None, lease_until=None)
                .returning(Message.id)
                .execution_options(synchronize_session=False)
            ).all()
        self._next_release = now + self._lease / 4
        if released:
            log.info("%d messages of a stopped delivery worker are due again", len(released))
        return len(released)

    recover = release_expired  # the name of the start-up step before leases existed

    def run_once(self) -> int:
        """Claim due messages and hand them over one by one; returns how many were tried."""
        if not self._write_unwritten():
            return 0
        now = self._gw.clock()
        if self._next_release is None or now >= self._next_release:
            self.release_expired()
        jobs = self._claim_and_prepare(now)
        if not jobs:
            return 0
        # Claimed and not handed over yet: what a lease renewal covers, what is given back
        # when the round ends early.
        self._pending = {job.message_id: job for job in jobs}
        try:
            self._deliver("email", [j for j in jobs if j.channel == "email"])
            self._deliver("sms", [j for j in jobs if j.channel == "sms"])
        finally:
            self._release(list(self._pending.values()))
            self._pending = {}
        return len(jobs)

    def _claim_and_prepare(self, now: datetime) -> list[Job]:
        gw = self._gw
        jobs: list[Job] = []
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
            known = _known(gw, s, due)
            events: dict[int, list[NewEvent]] = defaultdict(list)
            links: list[UnsubscribeLink] = []
            lease_until = now + self._lease
            for message in due:
                try:
                    code = refusal(_facts(gw, message, known), now)
                except Exception as exc:  # noqa: BLE001 - a broken row fails alone
                    log.warning("a message could not be checked (%s)", type(exc).__name__)
                    events[message.installation_id].append(_invalid(message, now, exc))
                    continue
                if code is not None:
                    message.status = "expired" if code == "expired" else "rejected"
                    message.reject_code = code
                    events[message.installation_id].append(
                        NewEvent(
                            "message.expired" if code == "expired" else "message.rejected",
                            now,
                            message.customer_ref,
                            message.client_id,
                            message.channel,
                            {} if code == "expired" else {"code": code},
                        )
                    )
                    continue
                try:
                    job, link = self._render(message, known.links)
                except Exception as exc:  # noqa: BLE001 - a broken row fails alone
                    log.warning("a message could not be prepared (%s)", type(exc).__name__)
                    events[message.installation_id].append(_invalid(message, now, exc))
                    continue
                message.status = "sending"
                message.lease_owner, message.lease_until = self.worker_id, lease_until
                jobs.append(job)
                if link is not None:
                    links.append(link)
            s.add_all(links)
            append_events_in_order(s, events)
        self._renew_at = now + self._lease / 3
        return jobs

    def _render(
        self, message: Message, existing_links: set[str]
    ) -> tuple[Job, UnsubscribeLink | None]:
        gw = self._gw
        token = link_token(gw.secret_key, "u", message.installation_id, message.client_id)
        link = None
        if sha256_hex(token) not in existing_links:
            link = UnsubscribeLink(
                token_hash=sha256_hex(token),
                installation_id=message.installation_id,
                customer_ref=message.customer_ref,
                channel=message.channel,
                client_id=message.client_id,
                language=message.language,
            )
        unsubscribe_url = gw.config.link(f"/u/{token}")
        text = message.text
        if text is None:
            raise ValueError("message without text")
        if "$unsubscribe_url" not in text:
            footer = SMS_UNSUBSCRIBE_FOOTER if message.channel == "sms" else UNSUBSCRIBE_FOOTER
            text += pick(footer, message.language)
        if message.channel == "email":
            # (An SMS keeps the desktop's exact wording: the desktop counted its parts.)
            text = labelled_link(text, message.language)
        text = text.replace("$unsubscribe_url", unsubscribe_url)
        if message.kind == "consent_request":
            confirm = link_token(gw.secret_key, "c", message.installation_id, message.client_id)
            text = text.replace("$confirm_url", gw.config.link(f"/c/{confirm}"))
        job = Job(
            message_id=message.id,
            installation_id=message.installation_id,
            client_id=message.client_id,
            kind=message.kind,
            category=message.category,
            channel=message.channel,
            customer_ref=message.customer_ref,
            to=message.to_address or "",
            subject=message.subject,
            text=text,
            unsubscribe_url=unsubscribe_url,
            attempts=message.attempts,
            sender_name=message.sender_name,
        )
        return job, link

    # ---- handing over, one message at a time ---------------------------------------------
    def _deliver(self, transport: str, jobs: list[Job]) -> None:
        """Hand over one channel's messages, recording each outcome before the next; a
        transport failure ends the channel's round (the rest are given back untouched)."""
        if not jobs:
            return
        failure: Outcome | None = None
        session = _open(self._email) if transport == "email" else None
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
        finally:
            if session is not None:
                session.close()
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
        ids = list(self._pending)
        with self._gw.db.write() as s:
            mine = set(
                s.scalars(
                    update(Message)
                    .where(
                        Message.id.in_(ids),
                        Message.lease_owner == self.worker_id,
                        Message.status == "sending",
                    )
                    .values(lease_until=now + self._lease)
                    .returning(Message.id)
                    .execution_options(synchronize_session=False)
                )
            )
        self._renew_at = now + self._lease / 3
        self._pending = {k: j for k, j in self._pending.items() if k in mine}
        if job.message_id not in mine:
            log.warning("a delivery claim ran out before its message was sent; left to others")
        return job.message_id in mine

    def _release(self, jobs: Sequence[Job]) -> None:
        """Claims this worker will not get to in this round are due again at once."""
        if not jobs:
            return
        with self._gw.db.write() as s:
            s.execute(
                update(Message)
                .where(
                    Message.id.in_([j.message_id for j in jobs]),
                    Message.lease_owner == self.worker_id,
                    Message.status == "sending",
                )
                .values(status="accepted", lease_owner=None, lease_until=None)
                .execution_options(synchronize_session=False)
            )

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


def _invalid(message: Message, now: datetime, exc: BaseException) -> NewEvent:
    """A message row that cannot even be prepared (written so by an older gateway)."""
    message.status = "failed"
    message.attempts += 1
    message.last_error = f"{INVALID_MESSAGE} ({type(exc).__name__})"
    data = {"error": INVALID_MESSAGE, "permanent": True, "code": INVALID_MESSAGE}
    return NewEvent(
        "message.failed", now, message.customer_ref, message.client_id, message.channel, data
    )


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


@dataclass(frozen=True)
class _Known:
    """Set-based answers for one batch: who opted out, which addresses are suppressed,
    which consents were confirmed, which unsubscribe links exist already."""

    opted_out: set[tuple[int, str]]
    suppressed: dict[tuple[int, str], str]
    confirmed: set[tuple[int, str, str, str]]
    links: set[str]


def _known(gw: Gateway, s: Session, due: list[Message]) -> _Known:
    refs = {m.customer_ref for m in due}
    hashes = {address_hash(gw.secret_key, m.to_address or "") for m in due}
    bases = {m.basis_ref for m in due if m.basis_ref}
    link_hashes = {
        sha256_hex(link_token(gw.secret_key, "u", m.installation_id, m.client_id)) for m in due
    }
    opted_rows = s.execute(
        select(OptOut.installation_id, OptOut.customer_ref).where(OptOut.customer_ref.in_(refs))
    )
    suppressed_rows = s.execute(
        select(Suppression.installation_id, Suppression.address_hash, Suppression.reason).where(
            Suppression.address_hash.in_(hashes)
        )
    )
    confirmed: set[tuple[int, str, str, str]] = set()
    if bases:
        rows = s.execute(
            select(
                ConsentRequest.installation_id,
                ConsentRequest.request_id,
                ConsentRequest.customer_ref,
                ConsentRequest.channel,
            ).where(ConsentRequest.request_id.in_(bases), ConsentRequest.confirmed_at.is_not(None))
        )
        confirmed = {(i, r, c, ch) for i, r, c, ch in rows}
    links = set(
        s.scalars(
            select(UnsubscribeLink.token_hash).where(UnsubscribeLink.token_hash.in_(link_hashes))
        )
    )
    return _Known(
        opted_out={(i, r) for i, r in opted_rows},
        suppressed={(i, h): reason for i, h, reason in suppressed_rows},
        confirmed=confirmed,
        links=links,
    )


def _facts(gw: Gateway, message: Message, known: _Known) -> Facts:
    """The rules again at send time: consent and opt-outs may have changed since intake."""
    installation = message.installation_id
    hashed = address_hash(gw.secret_key, message.to_address or "")
    basis = (installation, message.basis_ref or "", message.customer_ref, message.channel)
    return Facts(
        category=message.category,
        channel=message.channel,
        address=message.to_address or "",
        opted_out=(installation, message.customer_ref) in known.opted_out,
        suppressed=suppression_blocks(
            known.suppressed.get((installation, hashed)), message.category
        ),
        basis_confirmed=basis in known.confirmed,
        not_after=message.not_after,
        channel_available=channel_available(gw.config, message.channel),
    )


def _from_email(result: EmailOutcome, message_id: str) -> Outcome:
    if result.ok:
        return Outcome(True, email_message_id=message_id)
    fault = result.fault or Fault.TEMPORARY
    return Outcome(False, fault, result.error, result.transport_error)
