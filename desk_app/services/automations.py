"""Automatic messages: appointment reminders, birthday greetings, review requests, win-back.

Each automation is switched on or off in the salon settings and finds its occasions with
set-based queries. An occasion's outbox ``client_id`` is derived from its key (see
``desk_app.domain.automations``), so an occasion already in the outbox, in any state, is
never queued again: a run may be repeated at will, also by the window and a scheduled
``desk-app run-automations`` at the same moment. Runs take a database lock so that two
processes look one after the other; should two inserts still collide, the run looks again.

The reminder is transactional (it goes wherever the booking confirmation would); the
others are advertising in law, so they need confirmed consent and carry the confirmation
they rely on. Booking confirmations are sent by ``BookingService`` at booking time; the
``auto_confirmation`` switch is read there.

May not import Qt, the ui or the config layer.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.automations import (
    SCHEDULED,
    Automation,
    occasion_client_id,
)
from desk_app.domain.campaign_content import Imprint, needs_imprint
from desk_app.domain.campaigns import ChannelChoice, candidate_channels
from desk_app.domain.consent import ConsentStatus
from desk_app.domain.enums import Category, Channel, OutboxStatus
from desk_app.domain.salon_settings import SalonSettings
from desk_app.services.automation_occasions import (
    KINDS,
    AutomationSettings,
    Occasion,
    Run,
    birthdays,
    reminders,
    review_requests,
    win_backs,
    withdraw_stale_win_backs,
)
from desk_app.services.messages import MessageTemplates
from desk_app.services.outbox import NewMessage, check_many
from desk_app.services.recipients import (
    CHUNK,
    address_of,
    best_transactional_channel,
    consent_statuses,
    load_customers,
)
from desk_app.services.settings_store import read_settings, store_settings
from desk_sql.locks import lock_keys

log = logging.getLogger(__name__)

SWITCHES: dict[Automation, str] = {
    Automation.CONFIRMATION: "auto_confirmation",
    Automation.REMINDER: "auto_reminder",
    Automation.BIRTHDAY: "auto_birthday",
    Automation.REVIEW_REQUEST: "auto_review_request",
    Automation.WIN_BACK: "auto_win_back",
}
CATEGORIES: dict[Automation, Category] = {
    Automation.REMINDER: Category.TRANSACTIONAL,
    Automation.BIRTHDAY: Category.MARKETING,
    Automation.REVIEW_REQUEST: Category.MARKETING,
    Automation.WIN_BACK: Category.MARKETING,
}
_LOCK = "automations"

# Why an occasion was passed over although the policy would have allowed it.
NOTIFY_OFF = "notify_off"  # the booking's notify switch is off
NO_REVIEW_URL = "no_review_url"  # review requests need the salon's review link
NO_IMPRINT = "no_imprint"  # advertising email needs the salon's address for its imprint


@dataclass(frozen=True)
class AutomationResult:
    """What one automation did in one run.

    ``refused`` counts occasions the policy did not allow, by reason code; ``skipped``
    those passed over for another reason (``notify_off``, ``no_review_url``). Neither is
    remembered: the next run looks at them again.
    """

    automation: Automation
    enabled: bool
    queued: int = 0
    skipped_already_sent: int = 0
    refused: Mapping[str, int] = field(default_factory=dict)
    skipped: Mapping[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled,
            "queued": self.queued,
            "skipped_already_sent": self.skipped_already_sent,
            "refused": dict(sorted(self.refused.items())),
            "skipped": dict(sorted(self.skipped.items())),
        }


@dataclass(frozen=True)
class AutomationReport:
    results: tuple[AutomationResult, ...]

    def __getitem__(self, automation: Automation) -> AutomationResult:
        for result in self.results:
            if result.automation is automation:
                return result
        raise KeyError(automation)

    @property
    def queued(self) -> int:
        return sum(r.queued for r in self.results)

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return {r.automation.value: r.as_dict() for r in self.results}


class AutomationService:
    def __init__(
        self, db: Database, clock: Callable[[], datetime], templates: MessageTemplates
    ) -> None:
        self._db = db
        self._clock = clock
        self._templates = templates

    # ---- settings -----------------------------------------------------------------------
    def settings(self) -> AutomationSettings:
        with self._db.read() as s:
            return _settings(s)

    def set_enabled(self, automation: Automation, on: bool) -> AutomationSettings:
        with self._db.write() as s:
            store_settings(s, {SWITCHES[automation]: "on" if on else "off"})
            s.flush()
            return _settings(s)

    # ---- running ------------------------------------------------------------------------
    def run(self) -> AutomationReport:
        """Queue every message that is due now and not queued before; safe to repeat."""
        report = AutomationReport(tuple(self._run_one(a) for a in SCHEDULED))
        log.info(
            "automations: %s",
            ", ".join(f"{r.automation.value} {r.queued} queued" for r in report.results),
        )
        return report

    def _run_one(self, automation: Automation) -> AutomationResult:
        try:
            return self._attempt(automation)
        except IntegrityError:
            # Another process queued one of these occasions between our look and our
            # insert (the lock makes that rare); looking again finds it queued.
            log.info("automation %s met a concurrent run; looking again", automation.value)
            return self._attempt(automation)

    def _attempt(self, automation: Automation) -> AutomationResult:
        with self._db.write() as s:
            lock_keys(s, _LOCK, 0)
            salon = read_settings(s)
            settings = _automation_settings(salon)
            if not settings.enabled[automation]:
                return AutomationResult(automation, enabled=False)
            run = Run(self._clock(), salon.zone, settings)
            if automation is Automation.REMINDER:
                return self._queue(s, run, automation, reminders(s, run))
            if automation is Automation.BIRTHDAY:
                return self._queue(s, run, automation, birthdays(s, run))
            if automation is Automation.REVIEW_REQUEST:
                skip = None if settings.review_url else NO_REVIEW_URL
                return self._queue(s, run, automation, review_requests(s, run), skip)
            withdraw_stale_win_backs(s, run)
            return self._queue(s, run, automation, win_backs(s, run))

    def _queue(
        self,
        s: Session,
        run: Run,
        automation: Automation,
        occasions: Iterable[Occasion],
        skip_all: str | None = None,
    ) -> AutomationResult:
        """Queue each occasion not in the outbox yet, on the first channel the policy allows."""
        by_id = {occasion_client_id(o.key): o for o in occasions}
        existing = _existing_client_ids(s, list(by_id))
        fresh = {cid: o for cid, o in by_id.items() if cid not in existing}
        result = _Tally(automation, skipped_already_sent=len(by_id) - len(fresh))
        if skip_all is not None:
            result.skipped[skip_all] += len(fresh)
            return result.freeze()

        category, kind = CATEGORIES[automation], KINDS[automation]
        customers = load_customers(s, [o.customer_id for o in fresh.values()])
        marketing = category is Category.MARKETING
        consent = consent_statuses(s, list(customers), run.now) if marketing else {}
        candidates: list[tuple[Occasion, m.Customer, list[NewMessage]]] = []
        for cid, occasion in fresh.items():
            customer = customers.get(occasion.customer_id)
            if customer is None:  # erased since the occasion was found
                continue
            messages = [
                NewMessage(
                    customer_id=customer.id,
                    channel=channel,
                    category=category,
                    kind=kind,
                    to_address=address_of(customer, channel) or "",
                    appointment_id=occasion.appointment_id,
                    client_id=cid,
                    not_after=occasion.not_after,
                )
                for channel in _channels(category, customer, consent.get(customer.id))
            ]
            candidates.append((occasion, customer, messages))

        flat = [message for _, _, messages in candidates for message in messages]
        decisions = iter(check_many(s, flat, run.now, run.zone.key, count_queued=True))
        settings = read_settings(s)
        salon = settings.salon_name
        imprint = Imprint(salon, settings.salon_address, settings.salon_phone)
        for occasion, customer, messages in candidates:
            verdicts = [(message, next(decisions)) for message in messages]
            chosen = next((msg for msg, d in verdicts if d.allowed or d.deferred), None)
            if chosen is None:
                reason = verdicts[0][1].reason
                assert reason is not None
                result.refused[reason.value] += 1
                continue
            if occasion.appointment_id is not None and not occasion.notify:
                result.skipped[NOTIFY_OFF] += 1
                continue
            with_imprint = needs_imprint(category, chosen.channel)
            if with_imprint and not imprint.complete:
                # Never an advertising email without the imprint; asked again next run.
                result.skipped[NO_IMPRINT] += 1
                continue
            text = self._templates.render(
                kind,
                customer.language,
                {"salon": salon, "first_name": customer.first_name, **occasion.values},
            )
            body = text.body
            if with_imprint:
                body = f"{body.rstrip()}\n\n--\n{imprint.line(customer.language)}\n"
            row = _outbox_row(chosen, text.subject, body)
            if marketing:
                confirmation = consent[customer.id].channels[chosen.channel].confirmation
                row.payload = {"basis_ref": confirmation.request_id if confirmation else None}
            s.add(row)
            result.queued += 1
        s.flush()
        return result.freeze()


# ---- helpers ------------------------------------------------------------------------------
def _settings(s: Session) -> AutomationSettings:
    return _automation_settings(read_settings(s))


def _automation_settings(salon: SalonSettings) -> AutomationSettings:
    return AutomationSettings(
        enabled={
            Automation.CONFIRMATION: salon.auto_confirmation,
            Automation.REMINDER: salon.auto_reminder,
            Automation.BIRTHDAY: salon.auto_birthday,
            Automation.REVIEW_REQUEST: salon.auto_review_request,
            Automation.WIN_BACK: salon.auto_win_back,
        },
        reminder_hours=salon.auto_reminder_hours,
        review_request_hours=salon.auto_review_request_hours,
        win_back_days=salon.auto_win_back_days,
        review_url=salon.review_url.strip(),
    )


def _channels(
    category: Category, customer: m.Customer, consent: ConsentStatus | None
) -> Sequence[Channel]:
    """The channels to try, in order; the policy says which one may be used."""
    preferred = Channel(customer.preferred_channel) if customer.preferred_channel else None
    if category is Category.MARKETING:
        assert consent is not None
        return candidate_channels(ChannelChoice.BEST, category, consent, preferred)
    # No usable address: the preferred channel lets the policy name the reason.
    return [best_transactional_channel(customer) or preferred or Channel.EMAIL]


def _existing_client_ids(s: Session, client_ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(client_ids), CHUNK):
        chunk = client_ids[start : start + CHUNK]
        found.update(
            s.scalars(select(m.OutboxMessage.client_id).where(m.OutboxMessage.client_id.in_(chunk)))
        )
    return found


def _outbox_row(message: NewMessage, subject: str, body: str) -> m.OutboxMessage:
    assert message.client_id is not None
    return m.OutboxMessage(
        client_id=message.client_id,
        customer_id=message.customer_id,
        appointment_id=message.appointment_id,
        channel=message.channel.value,
        category=message.category.value,
        kind=message.kind,
        to_address=message.to_address,
        subject=subject,
        body=body,
        status=OutboxStatus.QUEUED.value,
        not_after=message.not_after,
    )


@dataclass
class _Tally:
    automation: Automation
    queued: int = 0
    skipped_already_sent: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    def freeze(self) -> AutomationResult:
        return AutomationResult(
            self.automation,
            enabled=True,
            queued=self.queued,
            skipped_already_sent=self.skipped_already_sent,
            refused=dict(self.refused),
            skipped=dict(self.skipped),
        )
