"""The delivery worker: sends accepted messages, checking the rules once more right before.

Messages are claimed (status ``sending``) in small batches, rendered with their links,
handed to the email transport or SMS provider, and the outcome is written back with its
event. A crash between sending and writing back can repeat at most one batch (at least
once delivery); ``recover`` puts claimed messages back at start.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desk_gateway.context import Gateway
from desk_gateway.db.models import ConsentRequest, Message, Suppression, UnsubscribeLink
from desk_gateway.email_transport import EmailOutcome, EmailTransport, OutgoingEmail
from desk_gateway.enforcement import Facts, refusal
from desk_gateway.events import append_event
from desk_gateway.intake import basis_confirmed, opted_out, suppression_reason
from desk_gateway.sms.base import OutgoingSms, SmsProvider, SmsSendError
from desk_gateway.texts import SMS_UNSUBSCRIBE_FOOTER, UNSUBSCRIBE_FOOTER, pick
from desk_gateway.tokens import address_hash, link_token, sha256_hex

log = logging.getLogger(__name__)

BATCH = 50
MAX_ATTEMPTS = 8
RETRY_BASE = timedelta(minutes=1)
RETRY_CAP = timedelta(hours=1)


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
            for message in due:
                code = self._refusal_now(s, message, now)
                if code is not None:
                    message.status = "expired" if code == "expired" else "rejected"
                    message.reject_code = code
                    append_event(
                        s,
                        message.installation_id,
                        "message.expired" if code == "expired" else "message.rejected",
                        now,
                        customer_ref=message.customer_ref,
                        client_id=message.client_id,
                        channel=message.channel,
                        data={} if code == "expired" else {"code": code},
                    )
                    continue
                message.status = "sending"
                jobs.append(self._render(s, message))
        return jobs

    def _refusal_now(self, s: Session, message: Message, now: datetime) -> str | None:
        """The rules again at send time: consent and opt-outs may have changed since intake."""
        gw = self._gw
        return refusal(
            Facts(
                category=message.category,
                channel=message.channel,
                address=message.to_address or "",
                opted_out=opted_out(s, message.installation_id, message.customer_ref),
                suppressed=_blocking_suppression(
                    suppression_reason(gw, s, message.installation_id, message.to_address or ""),
                    message.category,
                ),
                basis_confirmed=basis_confirmed(
                    s,
                    message.installation_id,
                    message.customer_ref,
                    message.channel,
                    message.basis_ref,
                ),
                not_after=message.not_after,
            ),
            now,
        )

    def _render(self, s: Session, message: Message) -> Job:
        gw = self._gw
        token = link_token(gw.secret_key, "u", message.installation_id, message.client_id)
        if s.get(UnsubscribeLink, sha256_hex(token)) is None:
            s.add(
                UnsubscribeLink(
                    token_hash=sha256_hex(token),
                    installation_id=message.installation_id,
                    customer_ref=message.customer_ref,
                    channel=message.channel,
                    client_id=message.client_id,
                    language=message.language,
                )
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
        return Job(
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
        )

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
        )

    def _send_sms(self, job: Job) -> Outcome:
        callback = self._gw.config.link(f"/hooks/{self._sms.name}")
        try:
            sent = self._sms.send(
                OutgoingSms(
                    to=job.to,
                    text=job.text,
                    sender=self._gw.config.sms_sender,
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
        with gw.db.write() as s:
            for job in jobs:
                message = s.get(Message, job.message_id)
                assert message is not None
                outcome = outcomes[job.message_id]
                if outcome.ok:
                    self._record_sent(s, message, job, outcome, now)
                elif outcome.permanent:
                    self._record_bounce(s, message, job, outcome, now)
                else:
                    self._record_failure(s, message, job, outcome, now)

    def _record_sent(
        self, s: Session, message: Message, job: Job, outcome: Outcome, now: datetime
    ) -> None:
        message.status, message.sent_at = "sent", now
        message.provider_id = outcome.provider_id
        message.message_id = outcome.email_message_id
        message.attempts += 1
        data = {"message_id": outcome.email_message_id or outcome.provider_id}
        _event(s, job, "message.sent", now, data)
        if job.kind == "consent_request":
            _event(s, job, "consent.request_sent", now, {"request_id": job.client_id, **data})

    def _record_bounce(
        self, s: Session, message: Message, job: Job, outcome: Outcome, now: datetime
    ) -> None:
        message.status, message.last_error = "bounced", outcome.error
        message.attempts += 1
        hashed = address_hash(self._gw.secret_key, job.to)
        key = {"installation_id": job.installation_id, "address_hash": hashed}
        if s.get(Suppression, key) is None:
            s.add(Suppression(**key, reason="bounced", at=now))
        _event(s, job, "message.bounced", now, {"permanent": True, "error": outcome.error})

    def _record_failure(
        self, s: Session, message: Message, job: Job, outcome: Outcome, now: datetime
    ) -> None:
        message.attempts += 1
        message.last_error = outcome.error
        if message.attempts >= MAX_ATTEMPTS:
            message.status = "failed"
            _event(s, job, "message.failed", now, {"error": outcome.error, "permanent": False})
            return
        delay = min(RETRY_BASE * 2 ** (message.attempts - 1), RETRY_CAP)
        message.status, message.next_attempt_at = "accepted", now + delay

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


def _event(s: Session, job: Job, type_: str, at: datetime, data: dict[str, object]) -> None:
    append_event(
        s,
        job.installation_id,
        type_,
        at,
        customer_ref=job.customer_ref,
        client_id=job.client_id,
        channel=job.channel,
        data=data,
    )
