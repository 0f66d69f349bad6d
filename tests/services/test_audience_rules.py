"""The campaign audience against DESIGN.md section 2, one customer per row of the rules.

Two checks hold the set-based SQL (``desk_app.services.audience``) to the rules:
1. a hand-written table: for each customer, campaign category and channel the expected
   channel or exclusion reason;
2. an oracle: the same answer, customer by customer, from the Python policy
   (``desk_app.domain.policy.decide``) that the outbox uses, for every campaign type.
Sending then queues exactly the recipients the preview named.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import (
    AppointmentStatus,
    Category,
    Channel,
    ConsentEvent,
    ConsentSource,
    OutboxStatus,
)
from desk_app.services.booking import BookingRequest
from desk_app.services.campaign_rows import AudienceFilters, CampaignDraft
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput, CustomerRow
from tests.conftest import Clock
from tests.services.audience_oracle import outcomes, python_policy
from tests.services.support import (
    Salon,
    add_ledger_entry,
    ledger_rows,
    make_salon,
    outbox_messages,
)

EMAIL, SMS, BEST = ChannelChoice.EMAIL, ChannelChoice.SMS, ChannelChoice.BEST
OK_EMAIL, OK_SMS = "email", "sms"


def _confirm(services: Services, salon: Salon, customer: CustomerRow, channel: Channel) -> None:
    [declared] = services.consent.declare(
        customer.id, [channel], ConsentSource.PHONE, salon.reception.name, True
    )
    at = ledger_rows(services.db, customer.id)[-1].at + timedelta(minutes=5)
    add_ledger_entry(
        services.db, customer.id, ConsentEvent.CONFIRMED, at, channel, declared.request_id
    )


def _visit(
    services: Services, salon: Salon, customer: CustomerRow, days_ago: int, clock: Clock
) -> None:
    row = services.booking.book(
        BookingRequest(
            customer_id=customer.id,
            staff_id=salon.stylist.id,
            service_id=salon.cut.id,
            starts_at=clock.now - timedelta(days=days_ago),
            notify=False,
            override=True,
        )
    )
    services.booking.set_status(row.id, AppointmentStatus.DONE)


@pytest.fixture
def table(services: Services, clock: Clock) -> dict[str, CustomerRow]:
    salon = make_salon(services)
    rows: dict[str, CustomerRow] = {}
    phones = iter(range(1000, 2000))

    def customer(
        key: str, email: str | None = "", phone: str | None = "", **kw: object
    ) -> CustomerRow:
        row = services.customers.create(
            CustomerInput(
                first_name=key.title(),
                last_name="Regel",
                email=f"{key}@example.org" if email == "" else email,
                phone=f"0151 {next(phones):04d}5678" if phone == "" else phone,
                **kw,
            ),
            allow_duplicate=True,
        )
        rows[key] = row
        return row

    notice = {"objection_notice_given": True}
    customer("none")
    pending = customer("pending")
    services.consent.declare(pending.id, [Channel.EMAIL], ConsentSource.PHONE, "Tanja Groß", True)
    _confirm(services, salon, customer("email_only", **notice), Channel.EMAIL)
    _confirm(services, salon, customer("sms_only", **notice), Channel.SMS)
    revoked = customer("revoked", **notice)
    _confirm(services, salon, revoked, Channel.EMAIL)
    services.consent.revoke(revoked.id, [Channel.EMAIL], ConsentSource.PHONE, "Tanja Groß")
    objected = customer("objected", **notice)
    _confirm(services, salon, objected, Channel.EMAIL)
    add_ledger_entry(services.db, objected.id, ConsentEvent.OBJECTED, clock.now)
    bounced = customer("bounced", **notice)
    _confirm(services, salon, bounced, Channel.EMAIL)
    with services.db.write() as s:
        s.execute(
            update(m.Customer).where(m.Customer.id == bounced.id).values(email_bounced_at=clock.now)
        )
    customer("no_address", email=None, phone=None)
    _confirm(services, salon, customer("never_visited", **notice), Channel.EMAIL)
    _confirm(services, salon, customer("no_notice"), Channel.EMAIL)
    expired = customer("expired")
    add_ledger_entry(
        services.db,
        expired.id,
        ConsentEvent.DECLARED,
        clock.now - timedelta(days=31),
        Channel.EMAIL,
        "req-expired",
        ConsentSource.PHONE,
    )
    customer("landline", email=None, phone="030 12345678")
    booked_only = customer("booked_only", **notice)
    _confirm(services, salon, booked_only, Channel.EMAIL)
    services.booking.book(
        BookingRequest(
            booked_only.id,
            salon.stylist.id,
            salon.cut.id,
            clock.now + timedelta(days=3),
            notify=False,
            override=True,
        )
    )
    capped = customer("capped", **notice)
    _confirm(services, salon, capped, Channel.EMAIL)
    for _ in range(4):
        services.outbox.queue_message(
            capped.id, Channel.EMAIL, Category.MARKETING, "Aktion", "Text"
        )
    _confirm(
        services, salon, customer("family_a", email="familie@example.org", **notice), Channel.EMAIL
    )
    _confirm(
        services, salon, customer("family_b", email="Familie@example.org", **notice), Channel.EMAIL
    )

    for key, days in [
        ("email_only", 20),
        ("sms_only", 30),
        ("revoked", 40),
        ("objected", 50),
        ("bounced", 60),
        ("no_notice", 70),
        ("capped", 80),
        ("family_a", 90),
        ("family_b", 100),
    ]:
        _visit(services, salon, rows[key], days, clock)
    return rows


# What each campaign must do with each customer: a channel (recipient) or a reason.
N, P, X, R, OBJ, B, A = (
    "no_consent",
    "consent_pending",
    "consent_expired",
    "consent_revoked",
    "objected",
    "bounced",
    "no_address",
)
NE, NN, INV, F, D, CNA = (
    "not_existing_customer",
    "no_objection_notice",
    "invalid_address",
    "frequency_cap",
    "duplicate_address",
    "channel_not_allowed",
)
EXPECTED: dict[tuple[Category, ChannelChoice], dict[str, str]] = {
    (Category.MARKETING, EMAIL): {
        "none": N,
        "pending": P,
        "email_only": OK_EMAIL,
        "sms_only": N,
        "revoked": R,
        "objected": OBJ,
        "bounced": B,
        "no_address": A,
        "never_visited": OK_EMAIL,
        "no_notice": OK_EMAIL,
        "expired": X,
        "landline": A,
        "booked_only": OK_EMAIL,
        "capped": F,
        "family_a": OK_EMAIL,
        "family_b": D,
    },
    (Category.MARKETING, SMS): {
        "none": N,
        "pending": N,
        "email_only": N,
        "sms_only": OK_SMS,
        "revoked": N,
        "objected": OBJ,
        "bounced": N,
        "no_address": A,
        "never_visited": N,
        "no_notice": N,
        "expired": N,
        "landline": INV,
        "booked_only": N,
        "capped": N,
        "family_a": N,
        "family_b": N,
    },
    (Category.MARKETING, BEST): {
        "none": N,
        "pending": P,
        "email_only": OK_EMAIL,
        "sms_only": OK_SMS,
        "revoked": R,
        "objected": OBJ,
        "bounced": B,
        "no_address": A,
        "never_visited": OK_EMAIL,
        "no_notice": OK_EMAIL,
        "expired": X,
        "landline": A,
        "booked_only": OK_EMAIL,
        "capped": F,
        "family_a": OK_EMAIL,
        "family_b": D,
    },
    (Category.SERVICE_INFO, EMAIL): {
        "none": NE,
        "pending": NE,
        "email_only": OK_EMAIL,
        "sms_only": OK_EMAIL,
        "revoked": OK_EMAIL,
        "objected": OBJ,
        "bounced": B,
        "no_address": A,
        "never_visited": NE,
        "no_notice": OK_EMAIL,
        "expired": NE,
        "landline": A,
        "booked_only": OK_EMAIL,
        "capped": OK_EMAIL,
        "family_a": OK_EMAIL,
        "family_b": D,
    },
    (Category.SERVICE_INFO, SMS): {
        "none": NE,
        "pending": NE,
        "email_only": OK_SMS,
        "sms_only": OK_SMS,
        "revoked": OK_SMS,
        "objected": OBJ,
        "bounced": OK_SMS,
        "no_address": A,
        "never_visited": NE,
        "no_notice": OK_SMS,
        "expired": NE,
        "landline": INV,
        "booked_only": OK_SMS,
        "capped": OK_SMS,
        "family_a": OK_SMS,
        "family_b": OK_SMS,
    },
    (Category.SERVICE_INFO, BEST): {
        "none": NE,
        "pending": NE,
        "email_only": OK_EMAIL,
        "sms_only": OK_EMAIL,
        "revoked": OK_EMAIL,
        "objected": OBJ,
        "bounced": OK_SMS,
        "no_address": A,
        "never_visited": NE,
        "no_notice": OK_EMAIL,
        "expired": NE,
        "landline": A,
        "booked_only": OK_EMAIL,
        "capped": OK_EMAIL,
        "family_a": OK_EMAIL,
        "family_b": D,
    },
    (Category.SIMILAR_OFFER, EMAIL): {
        "none": NE,
        "pending": NE,
        "email_only": OK_EMAIL,
        "sms_only": OK_EMAIL,
        "revoked": R,
        "objected": OBJ,
        "bounced": B,
        "no_address": A,
        "never_visited": NE,
        "no_notice": NN,
        "expired": NE,
        "landline": A,
        "booked_only": NE,
        "capped": F,
        "family_a": OK_EMAIL,
        "family_b": D,
    },
}
EXPECTED[(Category.SIMILAR_OFFER, BEST)] = EXPECTED[(Category.SIMILAR_OFFER, EMAIL)]
EXPECTED[(Category.SIMILAR_OFFER, SMS)] = {
    key: (OBJ if key == "objected" else CNA) for key in EXPECTED[(Category.MARKETING, SMS)]
}
TYPE_OF = {
    Category.MARKETING: CampaignType.PROMOTION,
    Category.SERVICE_INFO: CampaignType.SERVICE_INFO,
    Category.SIMILAR_OFFER: CampaignType.SIMILAR_OFFER,
}


@pytest.mark.parametrize("category_and_choice", list(EXPECTED), ids=lambda p: f"{p[0]}-{p[1]}")
def test_every_rule_row_lands_in_the_right_set(
    services: Services,
    table: dict[str, CustomerRow],
    category_and_choice: tuple[Category, ChannelChoice],
) -> None:
    category, choice = category_and_choice
    outcome = outcomes(services, TYPE_OF[category], choice)
    got = {key: outcome[row.id] for key, row in table.items()}
    assert got == EXPECTED[category_and_choice]


@pytest.mark.parametrize("choice", list(ChannelChoice))
@pytest.mark.parametrize("type_", list(CampaignType))
def test_sql_audience_equals_the_python_policy_for_every_type(
    services: Services,
    clock: Clock,
    table: dict[str, CustomerRow],
    type_: CampaignType,
    choice: ChannelChoice,
) -> None:
    assert outcomes(services, type_, choice) == python_policy(services, clock, type_, choice)


def test_sending_queues_exactly_the_recipients(
    services: Services, clock: Clock, table: dict[str, CustomerRow]
) -> None:
    preview = services.campaigns.preview(CampaignType.PROMOTION, BEST, AudienceFilters())
    before = {msg.id for msg in outbox_messages(services.db)}
    campaign = services.campaigns.send(
        CampaignDraft(
            name="Winteraktion",
            type=CampaignType.PROMOTION,
            channel=BEST,
            subject="Winter bei {{ salon_name }}",
            body="Hallo {{ first_name }}, 20 % auf Pflege.",
            sms_body="Hallo {{ first_name }}: 20 % auf Pflege.",
        ),
        actor=SHARED_COUNTER,
    )
    queued = [
        msg
        for msg in outbox_messages(services.db)
        if msg.id not in before and msg.status == OutboxStatus.QUEUED.value
    ]
    assert sorted((q.customer_id, q.channel) for q in queued) == sorted(
        (r.customer_id, r.channel.value) for r in preview.recipients if r.channel
    )
    assert campaign.queued == len(preview.recipients) == 6
    assert sum(campaign.excluded.values()) == len(preview.excluded)
    email_only = next(q for q in queued if q.customer_id == table["email_only"].id)
    assert "Hallo Email_Only" in email_only.body
    assert "$unsubscribe_url" in email_only.body


def test_sent_campaign_counts_towards_the_frequency_cap(
    services: Services, table: dict[str, CustomerRow]
) -> None:
    draft = CampaignDraft(
        name="Aktion",
        type=CampaignType.PROMOTION,
        channel=EMAIL,
        subject="Aktion",
        body="Hallo {{ first_name }}",
    )
    for _ in range(4):
        services.campaigns.send(draft, actor=SHARED_COUNTER)
    after = outcomes(services, CampaignType.PROMOTION, EMAIL)
    assert after[table["email_only"].id] == F
