"""The delivery worker: sends accepted messages, checking the rules once more right before.

Messages are claimed (status ``sending``) in small batches, rendered with their links,
handed to the email transport or SMS provider, and the outcome is written back with its
event. A crash between sending and writing back can repeat at most one batch (at least
once delivery); ``recover`` puts claimed messages back at start.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desk_gateway.context import Gateway
from desk_gateway.db.models import (
    ConsentRequest,
    Message,
    OptOut,
    Suppression,
    UnsubscribeLink,
)
from desk_gateway.email_transport import EmailOutcome, EmailTransport, OutgoingEmail
from desk_gateway.enforcement import Facts, refusal
from desk_gateway.events import NewEvent, append_event, append_events
from desk_gateway.sms.base import OutgoingSms, SmsProvider, SmsSendError
from desk_gateway.texts import SMS_UNSUBSCRIBE_FOOTER, UNSUBSCRIBE_FOOTER, pick
from desk_gateway.tokens import address_hash, link_token, sha256_hex
from desk_sql.upsert import insert_once

log = logging.getLogger(__name__)

BATCH = 100
MAX_ATTEMPTS = 8
RETRY_BASE = timedelta(minutes=1)
RETRY_CAP = timedelta(hours=1)
# A desktop's sender name goes out as the SMS sender only if every provider and network
# takes it: 1-11 letters, digits and spaces, at least one letter (else SMS_SENDER applies).
_ALPHANUMERIC_SENDER = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}")


@dataclass(frozen=True)
class Job:
    message_id: int
    installation_id: int
    client_id: str
    kind: str
    channel: str
    customer_ref: str
    to: str
    subject: str
    text: str  # rendered, links filled in
    unsubscribe_url: str
    attempts: int
    sender_name: str | None = None  # the desktop's, as it came (None: the configured one)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    permanent: bool = False
    error: str = ""
    provider_id: str | None = None
    email_message_id: str | None = None


class DeliveryWorker:
    def __init__(self, gw: Gateway, email: EmailTransport, sms: SmsProvider) -> None:
        self._gw = gw
        self._email = email
        self._sms = sms
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        host = urlsplit(gw.config.public_url).hostname or "localhost"
        self._msgid_domain = host

    # ---- thread control -----------------------------------------------------------------
    def start(self) -> None:
        self.recover()
        self._thread = threading.Thread(target=self._loop, name="delivery", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def wake(self) -> None:
        """New work arrived: don't wait for the next tick."""
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self.run_once() > 0
                self.expire_consent_requests()
            except Exception:  # the worker must outlive any single bad message
                log.exception("delivery round failed")
                busy = False
            if not busy:
                self._wake.wait(self._gw.config.worker_interval)
                self._wake.clear()

    # ---- one round ----------------------------------------------------------------------
    def recover(self) -> None:
        with self._gw.db.write() as s:
            s.execute(update(Message).where(Message.status == "sending").values(status="accepted"))

    def run_once(self) -> int:
        now = self._gw.clock()
        jobs = self._claim_and_prepare(now)
        if not jobs:
            return 0
        emails = [j for j in jobs if j.channel == "email"]
        outcomes: dict[int, Outcome] = {}
        if emails:
            results = self._email.send_batch([self._email_of(j) for j in emails])
            for job, result in zip(emails, results, strict=True):
                outcomes[job.message_id] = _from_email(result, self._message_id_of(job))
        for job in jobs:
            if job.channel == "sms":
                outcomes[job.message_id] = self._send_sms(job)
        self._record(jobs, outcomes)
        return len(jobs)

    def _claim_and_prepare(self, now: datetime) -> list[Job]:
        gw = self._gw
        jobs: list[Job] = []
        with gw.db.write() as s:
            due = list(
                s.scalars(
                    select(Message)
                    .where(Message.status == "accepted", Message.next_attempt_at <= now)
                    .order_by(Message.id)
                    .limit(BATCH)
                )
            )
            if not due:
                return []
            known = _known(gw, s, due)
            events: dict[int, list[NewEvent]] = defaultdict(list)
            links: list[UnsubscribeLink] = []
            for message in due:
                code = refusal(_facts(gw, message, known), now)
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
                message.status = "sending"
                job, link = self._render(message, known.links)
                jobs.append(job)
                if link is not None:
                    links.append(link)
            s.add_all(links)
            for installation_id, batch in events.items():
                append_events(s, installation_id, batch)
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
        text = message.text or ""
        if "$unsubscribe_url" not in text:
            footer = SMS_UNSUBSCRIBE_FOOTER if message.channel == "sms" else UNSUBSCRIBE_FOOTER
            text += pick(footer, message.language)
        text = text.replace("$unsubscribe_url", unsubscribe_url)
        if message.kind == "consent_request":
            confirm = link_token(gw.secret_key, "c", message.installation_id, message.client_id)
            text = text.replace("$confirm_url", gw.config.link(f"/c/{confirm}"))
        job = Job(
            message_id=message.id,
            installation_id=message.installation_id,
            client_id=message.client_id,
            kind=message.kind,
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
            return Outcome(False, exc.permanent, str(exc)[:300])
        return Outcome(True, provider_id=sent.provider_id)

    # ---- writing outcomes ---------------------------------------------------------------
    def _record(self, jobs: list[Job], outcomes: dict[int, Outcome]) -> None:
        gw = self._gw
        now = gw.clock()
        events: dict[int, list[NewEvent]] = defaultdict(list)
        with gw.db.write() as s:
            ids = [job.message_id for job in jobs]
            messages = {m.id: m for m in s.scalars(select(Message).where(Message.id.in_(ids)))}
            for job in jobs:
                message = messages[job.message_id]
                outcome = outcomes[job.message_id]
                if outcome.ok:
                    found = _record_sent(message, job, outcome, now)
                elif outcome.permanent:
                    found = self._record_bounce(s, message, job, outcome, now)
                else:
                    found = _record_failure(message, job, outcome, now)
                events[job.installation_id].extend(found)
            for installation_id, batch in events.items():
                append_events(s, installation_id, batch)

    def _record_bounce(
        self, s: Session, message: Message, job: Job, outcome: Outcome, now: datetime
    ) -> list[NewEvent]:
        message.status, message.last_error = "bounced", outcome.error
        message.attempts += 1
        insert_once(
            s,
            Suppression,
            installation_id=job.installation_id,
            address_hash=address_hash(self._gw.secret_key, job.to),
            reason="bounced",
            at=now,
        )
        return [_event(job, "message.bounced", now, {"permanent": True, "error": outcome.error})]

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
            for request in stale:
                request.expired_reported = True
                append_event(
                    s,
                    request.installation_id,
                    "consent.expired",
                    now,
                    customer_ref=request.customer_ref,
                    client_id=request.request_id,
                    channel=request.channel,
                    data={"request_id": request.request_id},
                )
            return len(stale)


def sms_sender(sender_name: str | None, configured: str) -> str:
    """The desktop's sender name if it is a valid alphanumeric SMS sender, else SMS_SENDER."""
    if sender_name and _ALPHANUMERIC_SENDER.fullmatch(sender_name):
        return sender_name
    return configured


def _record_sent(message: Message, job: Job, outcome: Outcome, now: datetime) -> list[NewEvent]:
    message.status, message.sent_at = "sent", now
    message.provider_id = outcome.provider_id
    message.message_id = outcome.email_message_id
    message.attempts += 1
    data = {"message_id": outcome.email_message_id or outcome.provider_id}
    found = [_event(job, "message.sent", now, data)]
    if job.kind == "consent_request":
        request = {"request_id": job.client_id, **data}
        found.append(_event(job, "consent.request_sent", now, request))
    return found


def _record_failure(message: Message, job: Job, outcome: Outcome, now: datetime) -> list[NewEvent]:
    message.attempts += 1
    message.last_error = outcome.error
    if message.attempts >= MAX_ATTEMPTS:
        message.status = "failed"
        data = {"error": outcome.error, "permanent": False}
        return [_event(job, "message.failed", now, data)]
    delay = min(RETRY_BASE * 2 ** (message.attempts - 1), RETRY_CAP)
    message.status, message.next_attempt_at = "accepted", now + delay
    return []


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
        suppressed=_blocking_suppression(
            known.suppressed.get((installation, hashed)), message.category
        ),
        basis_confirmed=basis in known.confirmed,
        not_after=message.not_after,
    )


def _blocking_suppression(reason: str | None, category: str) -> bool:
    """An erased customer may still get the confirmation request of a new declaration."""
    if reason is None:
        return False
    return not (reason == "erased" and category == "consent_request")


def _from_email(result: EmailOutcome, message_id: str) -> Outcome:
    return Outcome(
        result.ok,
        result.permanent,
        result.error,
        email_message_id=message_id if result.ok else None,
    )


def _event(job: Job, type_: str, at: datetime, data: dict[str, Any]) -> NewEvent:
    return NewEvent(type_, at, job.customer_ref, job.client_id, job.channel, data)
