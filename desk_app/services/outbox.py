"""The outbox: messages queued in the database until the gateway has them.

Every message keeps its ``client_id`` forever, which makes sending idempotent. The
policy is checked when a message is queued (``enqueue``) and again right before it
is handed to the gateway (``OutboxService.release``), because consent may change
in between.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.enums import (
    ACTIVE_APPOINTMENT_STATUSES,
    AppointmentStatus,
    Category,
    Channel,
    OutboxStatus,
)
from desk_app.domain.errors import InvalidField, NotFound
from desk_app.domain.fields import BODY_MAX, SUBJECT_SENT_MAX, checked_line, checked_text
from desk_app.domain.policy import ADVERTISING, Decision, SendContext, decide
from desk_app.domain.waitlist import may_offer_after_objection
from desk_app.services.mapping import outbox_row
from desk_app.services.recipients import (
    advertising_counts,
    appointment_notify,
    consent_status,
    load_customers,
    recipients_facts,
)
from desk_app.services.rows import OutboxRow
from desk_app.services.settings_store import read_settings
from desk_app.services.waitlist_openings import OFFER_KIND, offers_asked_at

RELEASE_PAGE = 500


@dataclass(frozen=True)
class NewMessage:
    customer_id: int
    channel: Channel
    category: Category
    kind: str
    to_address: str
    subject: str = ""
    body: str = ""
    appointment_id: int | None = None
    client_id: str | None = None
    not_before: datetime | None = None
    not_after: datetime | None = None


def check(
    session: Session,
    message: m.OutboxMessage | NewMessage,
    now: datetime,
    time_zone: str,
) -> Decision:
    """The policy for one message about to be queued (counting what is queued already)."""
    return check_many(session, [message], now, time_zone, count_queued=True)[0]


def check_many(
    session: Session,
    messages: Sequence[m.OutboxMessage | NewMessage],
    now: datetime,
    time_zone: str,
    count_queued: bool,
) -> list[Decision]:
    """The policy for many messages with a few set-based queries, in order.

    Advertising already handed over (and, with ``count_queued``, waiting) counts towards
    the frequency cap; each message allowed here counts for the ones after it.
    """
    customer_ids = [msg.customer_id for msg in messages]
    customers = load_customers(session, customer_ids)
    facts = recipients_facts(session, list(customers.values()), now)
    sent = advertising_counts(session, customer_ids, now, include_queued=count_queued)
    notify = appointment_notify(session, [msg.appointment_id for msg in messages])
    # A waitlist offer has no booking: the customer asked for it on their entry (when).
    asked = offers_asked_at(
        session, [msg.client_id for msg in messages if msg.kind == OFFER_KIND and msg.client_id]
    )
    local_time = now.astimezone(ZoneInfo(time_zone)).time()
    settings = read_settings(session)
    cap, window = settings.frequency_cap, settings.quiet_hours
    decisions = []
    for msg in messages:
        category = Category(msg.category)
        asked_at = asked.get(msg.client_id or "")
        context = SendContext(
            booking_notify=notify.get(msg.appointment_id or 0, False)
            or (
                asked_at is not None
                and may_offer_after_objection(facts[msg.customer_id].consent.objected_at, asked_at)
            ),
            marketing_sent_recently=sent.get(msg.customer_id, 0),
            frequency_cap=cap,
            local_time=local_time,
            quiet_hours=window,
        )
        decision = decide(facts[msg.customer_id], category, Channel(msg.channel), context)
        if decision.allowed and category in ADVERTISING:
            sent[msg.customer_id] = sent.get(msg.customer_id, 0) + 1
        decisions.append(decision)
    return decisions


def enqueue(
    session: Session, message: NewMessage, now: datetime, time_zone: str
) -> tuple[m.OutboxMessage | None, Decision]:
    """Queue the message if the policy allows it (or only defers it); never raise for policy."""
    decision = check(session, message, now, time_zone)
    if not decision.allowed and not decision.deferred:
        return None, decision
    row = m.OutboxMessage(
        customer_id=message.customer_id,
        appointment_id=message.appointment_id,
        channel=message.channel.value,
        category=message.category.value,
        kind=message.kind,
        to_address=message.to_address,
        subject=message.subject,
        body=message.body,
        status=OutboxStatus.QUEUED.value,
        not_before=message.not_before,
        not_after=message.not_after,
    )
    if message.client_id:
        row.client_id = message.client_id
    session.add(row)
    session.flush()
    return row, decision


class OutboxService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def messages(self, status: OutboxStatus | None = None, limit: int = 1000) -> list[OutboxRow]:
        query = select(m.OutboxMessage).order_by(m.OutboxMessage.id.desc()).limit(limit)
        if status is not None:
            query = query.where(m.OutboxMessage.status == status.value)
        with self._db.read() as s:
            return [outbox_row(o) for o in s.scalars(query)]

    def queue_message(
        self,
        customer_id: int,
        channel: Channel,
        category: Category,
        subject: str,
        text: str,
        kind: str = "manual",
    ) -> tuple[OutboxRow | None, Decision]:
        """Queue one message to one customer if the rules allow it (else say why not).

        Marketing carries the confirmed consent it relies on (``basis_ref``), which the
        gateway checks once more.
        """
        if category in (Category.TRANSACTIONAL, Category.CONSENT_REQUEST):
            raise InvalidField("category", "not_allowed_here", category.value)
        subject = checked_line("subject", subject, SUBJECT_SENT_MAX)
        text = checked_text("text", text, BODY_MAX)
        if not text.strip():
            raise InvalidField("text", "required")
        now = self._clock()
        with self._db.write() as s:
            customer = s.get(m.Customer, customer_id)
            if customer is None:
                raise NotFound("customer", str(customer_id))
            address = customer.email if channel is Channel.EMAIL else customer.phone
            row, decision = enqueue(
                s,
                NewMessage(
                    customer_id=customer.id,
                    channel=channel,
                    category=category,
                    kind=kind,
                    to_address=address or "",
                    subject=subject,
                    body=text,
                ),
                now,
                read_settings(s).time_zone,
            )
            if row is None:
                return None, decision
            if category is Category.MARKETING:
                confirmation = consent_status(s, customer.id, now).channels[channel].confirmation
                row.payload = {"basis_ref": confirmation.request_id if confirmation else None}
            return outbox_row(row), decision

    def sync_state(self, gateway: str) -> dict[str, object]:
        with self._db.read() as s:
            state = s.get(m.SyncState, gateway)
            return {
                "last_seq": state.last_seq if state else 0,
                "last_sync_at": state.last_sync_at.isoformat()
                if state and state.last_sync_at
                else None,
                "last_error": state.last_error if state else None,
                # The gateway's transports, as its GET /v1/status said last (None: unknown).
                "gateway_status": state.gateway_status if state else None,
            }

    def release(self, limit: int = 100) -> list[OutboxRow]:
        """Queued messages that may go to the gateway now, after checking the policy again.

        Messages no longer allowed are marked ``rejected`` with the reason; messages past
        ``not_after`` are marked ``expired``; quiet hours and ``not_before`` keep a message
        queued for later.
        """
        now = self._clock()
        released: list[OutboxRow] = []
        after_id = 0
        # Each message read is checked (a few queries per page, the address validated per
        # message), so a page holds what is still wanted, not more: checking five times
        # what one hand-over takes cost the sync most of its time (bench/gateway_throughput).
        # A page that came up short (messages held back or refused) is followed by pages
        # that grow, so a long backlog held back by quiet hours is still read in few pages.
        growth = 1
        with self._db.write() as s:
            time_zone = read_settings(s).time_zone
            while len(released) < limit:
                size = min(RELEASE_PAGE, (limit - len(released)) * growth)
                growth *= 2
                page = list(
                    s.scalars(
                        select(m.OutboxMessage)
                        .where(
                            m.OutboxMessage.status == OutboxStatus.QUEUED.value,
                            m.OutboxMessage.id > after_id,
                        )
                        .order_by(m.OutboxMessage.id)
                        .limit(size)
                    )
                )
                if not page:
                    break
                after_id = page[-1].id
                appointments = _appointments_of(s, page)
                due = [msg for msg in page if self._still_due(msg, appointments, now)]
                decisions = check_many(s, due, now, time_zone, count_queued=False)
                for message, decision in zip(due, decisions, strict=True):
                    if decision.deferred or len(released) >= limit:
                        continue
                    if not decision.allowed:
                        assert decision.reason is not None
                        message.status = OutboxStatus.REJECTED.value
                        message.reason = decision.reason.value
                        continue
                    released.append(outbox_row(message))
        return released

    @staticmethod
    def _still_due(
        message: m.OutboxMessage, appointments: dict[int, m.Appointment], now: datetime
    ) -> bool:
        """Expire or withdraw stale messages; False also for ones not due yet."""
        if message.not_after is not None and message.not_after <= now:
            message.status, message.reason = OutboxStatus.EXPIRED.value, "not_after"
            return False
        if message.not_before is not None and message.not_before > now:
            return False
        stale = _stale_booking_message(message, appointments)
        if stale is not None:
            message.status, message.reason = OutboxStatus.REJECTED.value, stale
            return False
        return True

    def retry(self, outbox_id: int) -> OutboxRow:
        """Put a failed message back in the queue (same client_id: still idempotent)."""
        with self._db.write() as s:
            message = s.get(m.OutboxMessage, outbox_id)
            if message is None:
                raise NotFound("message", str(outbox_id))
            if message.status == OutboxStatus.FAILED.value:
                message.status, message.reason = OutboxStatus.QUEUED.value, None
                # Given up after gateway trouble: another ten tries from now on.
                message.gateway_failures = 0
            return outbox_row(message)


def _appointments_of(
    session: Session, messages: Sequence[m.OutboxMessage]
) -> dict[int, m.Appointment]:
    """The appointments of a page of booking messages, in one query (not one per message)."""
    ids = [msg.appointment_id for msg in messages if msg.appointment_id is not None]
    if not ids:
        return {}
    rows = session.scalars(select(m.Appointment).where(m.Appointment.id.in_(set(ids))))
    return {appointment.id: appointment for appointment in rows}


def _stale_booking_message(
    message: m.OutboxMessage, appointments: dict[int, m.Appointment]
) -> str | None:
    """Why a waiting booking message must not go out any more, or None."""
    if message.appointment_id is None:
        return None
    appointment = appointments.get(message.appointment_id)
    if appointment is None:
        return "cancelled"
    if not appointment.notify:
        return "notify_off"
    active = AppointmentStatus(appointment.status) in ACTIVE_APPOINTMENT_STATUSES
    if message.kind != "booking_cancellation" and not active:
        return "cancelled"
    return None
