"""Who may receive which message (DESIGN.md section 2, categories table and reason order)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from desk_app.domain.consent import (
    CONFIRMATION_WINDOW,
    ChannelConsent,
    ConsentStatus,
    LedgerEntry,
    derive_consent,
)
from desk_app.domain.enums import (
    REASON_PRIORITY,
    Category,
    Channel,
    ConsentEvent,
    ConsentSource,
    ConsentState,
    Reason,
)
from desk_app.domain.policy import (
    Address,
    RecipientFacts,
    SendContext,
    applicable_reasons,
    decide,
)

EMAIL, SMS = Channel.EMAIL, Channel.SMS
TRANSACTIONAL = Category.TRANSACTIONAL
CONSENT_REQUEST = Category.CONSENT_REQUEST
SERVICE_INFO = Category.SERVICE_INFO
SIMILAR_OFFER = Category.SIMILAR_OFFER
MARKETING = Category.MARKETING

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def consent(
    email: ConsentState = ConsentState.CONFIRMED,
    sms: ConsentState = ConsentState.CONFIRMED,
    objected: bool = False,
) -> ConsentStatus:
    return ConsentStatus(
        objected=objected,
        objected_at=T0 if objected else None,
        channels={EMAIL: ChannelConsent(state=email), SMS: ChannelConsent(state=sms)},
    )


def facts(**changes: object) -> RecipientFacts:
    """A customer who may receive everything; each case changes only what it is about."""
    good = RecipientFacts(
        consent=consent(),
        email=Address("anna@example.de"),
        sms=Address("+4915112345678"),
        has_booking=True,
        had_completed_appointment=True,
        objection_notice_given=True,
    )
    return replace(good, **changes)


def ctx(**changes: object) -> SendContext:
    return replace(SendContext(), **changes)


def no_address(channel: Channel) -> dict[str, Address]:
    return {channel.value: Address(None)}


def invalid_address(channel: Channel) -> dict[str, Address]:
    return {channel.value: Address("not-an-address", valid=False)}


def bounced_address(channel: Channel) -> dict[str, Address]:
    return {channel.value: Address("anna@example.de", bounced=True)}


OBJECTED = {"consent": consent(ConsentState.REVOKED, ConsentState.REVOKED, objected=True)}


def state(email: ConsentState, sms: ConsentState = ConsentState.NONE) -> dict[str, ConsentStatus]:
    return {"consent": consent(email, sms)}


def sms_state(sms: ConsentState) -> dict[str, ConsentStatus]:
    return {"consent": consent(ConsentState.NONE, sms)}


def case(
    case_id: str,
    category: Category,
    channel: Channel,
    expected: Reason | None,
    facts_changes: dict[str, object] | None = None,
    context: SendContext | None = None,
) -> object:
    return pytest.param(
        category, channel, facts(**(facts_changes or {})), context, expected, id=case_id
    )


PENDING, EXPIRED, REVOKED, NONE = (
    ConsentState.PENDING,
    ConsentState.EXPIRED,
    ConsentState.REVOKED,
    ConsentState.NONE,
)

CASES = [
    # --- transactional: valid address; and (no objection, or notify switched on) ---
    case("transactional-email-allowed", TRANSACTIONAL, EMAIL, None),
    case("transactional-sms-allowed", TRANSACTIONAL, SMS, None),
    case("transactional-without-any-consent", TRANSACTIONAL, EMAIL, None, state(NONE, NONE)),
    case("transactional-objected-email", TRANSACTIONAL, EMAIL, Reason.OBJECTED, OBJECTED),
    case("transactional-objected-sms", TRANSACTIONAL, SMS, Reason.OBJECTED, OBJECTED),
    case(
        "transactional-objected-notify-on-email",
        TRANSACTIONAL,
        EMAIL,
        None,
        OBJECTED,
        ctx(booking_notify=True),
    ),
    case(
        "transactional-objected-notify-on-sms",
        TRANSACTIONAL,
        SMS,
        None,
        OBJECTED,
        ctx(booking_notify=True),
    ),
    case("transactional-no-email", TRANSACTIONAL, EMAIL, Reason.NO_ADDRESS, no_address(EMAIL)),
    case("transactional-no-sms", TRANSACTIONAL, SMS, Reason.NO_ADDRESS, no_address(SMS)),
    case(
        "transactional-empty-email",
        TRANSACTIONAL,
        EMAIL,
        Reason.NO_ADDRESS,
        {"email": Address("")},
    ),
    case(
        "transactional-invalid-email",
        TRANSACTIONAL,
        EMAIL,
        Reason.INVALID_ADDRESS,
        invalid_address(EMAIL),
    ),
    case(
        "transactional-invalid-sms",
        TRANSACTIONAL,
        SMS,
        Reason.INVALID_ADDRESS,
        invalid_address(SMS),
    ),
    case(
        "transactional-bounced-email", TRANSACTIONAL, EMAIL, Reason.BOUNCED, bounced_address(EMAIL)
    ),
    case("transactional-bounced-sms", TRANSACTIONAL, SMS, Reason.BOUNCED, bounced_address(SMS)),
    case(
        "transactional-sms-at-night-not-deferred",
        TRANSACTIONAL,
        SMS,
        None,
        context=ctx(local_time=time(22, 30)),
    ),
    case(
        "transactional-ignores-frequency-cap",
        TRANSACTIONAL,
        EMAIL,
        None,
        context=ctx(marketing_sent_recently=10),
    ),
    # --- consent_request: for an outstanding declaration on the channel being confirmed ---
    case("consent-request-pending-email", CONSENT_REQUEST, EMAIL, None, state(PENDING)),
    case("consent-request-pending-sms", CONSENT_REQUEST, SMS, None, sms_state(PENDING)),
    case(
        "consent-request-objected-pending-email",
        CONSENT_REQUEST,
        EMAIL,
        None,
        {"consent": consent(PENDING, REVOKED, objected=True)},
    ),
    case("consent-request-none-email", CONSENT_REQUEST, EMAIL, Reason.NO_CONSENT, state(NONE)),
    case("consent-request-none-sms", CONSENT_REQUEST, SMS, Reason.NO_CONSENT, sms_state(NONE)),
    case(
        "consent-request-expired-email",
        CONSENT_REQUEST,
        EMAIL,
        Reason.CONSENT_EXPIRED,
        state(EXPIRED),
    ),
    case(
        "consent-request-revoked-sms",
        CONSENT_REQUEST,
        SMS,
        Reason.CONSENT_REVOKED,
        sms_state(REVOKED),
    ),
    case(
        "consent-request-only-on-the-pending-channel",
        CONSENT_REQUEST,
        SMS,
        Reason.NO_CONSENT,
        state(PENDING, NONE),
    ),
    case(
        "consent-request-no-email",
        CONSENT_REQUEST,
        EMAIL,
        Reason.NO_ADDRESS,
        {**state(PENDING), **no_address(EMAIL)},
    ),
    # --- service_info: existing customer (has a booking), no objection ---
    case("service-info-email-allowed", SERVICE_INFO, EMAIL, None),
    case("service-info-sms-allowed", SERVICE_INFO, SMS, None),
    case("service-info-needs-no-consent", SERVICE_INFO, SMS, None, state(NONE, NONE)),
    case(
        "service-info-no-booking-email",
        SERVICE_INFO,
        EMAIL,
        Reason.NOT_EXISTING_CUSTOMER,
        {"has_booking": False},
    ),
    case(
        "service-info-no-booking-sms",
        SERVICE_INFO,
        SMS,
        Reason.NOT_EXISTING_CUSTOMER,
        {"has_booking": False},
    ),
    case("service-info-objected-email", SERVICE_INFO, EMAIL, Reason.OBJECTED, OBJECTED),
    case(
        "service-info-objected-notify-on-still-objected",
        SERVICE_INFO,
        SMS,
        Reason.OBJECTED,
        OBJECTED,
        ctx(booking_notify=True),
    ),
    case("service-info-no-sms", SERVICE_INFO, SMS, Reason.NO_ADDRESS, no_address(SMS)),
    case("service-info-bounced-email", SERVICE_INFO, EMAIL, Reason.BOUNCED, bounced_address(EMAIL)),
    case(
        "service-info-duplicate-address",
        SERVICE_INFO,
        EMAIL,
        Reason.DUPLICATE_ADDRESS,
        context=ctx(address_already_used=True),
    ),
    # --- similar_offer (UWG §7(3)): email only, completed appointment, notice, no objection ---
    case("similar-offer-email-allowed", SIMILAR_OFFER, EMAIL, None),
    case("similar-offer-email-without-consent", SIMILAR_OFFER, EMAIL, None, state(NONE)),
    case("similar-offer-sms", SIMILAR_OFFER, SMS, Reason.CHANNEL_NOT_ALLOWED),
    case(
        "similar-offer-no-completed-appointment",
        SIMILAR_OFFER,
        EMAIL,
        Reason.NOT_EXISTING_CUSTOMER,
        {"had_completed_appointment": False},
    ),
    case(
        "similar-offer-no-objection-notice",
        SIMILAR_OFFER,
        EMAIL,
        Reason.NO_OBJECTION_NOTICE,
        {"objection_notice_given": False},
    ),
    case(
        "similar-offer-email-consent-revoked",
        SIMILAR_OFFER,
        EMAIL,
        Reason.CONSENT_REVOKED,
        state(REVOKED),
    ),
    case("similar-offer-objected", SIMILAR_OFFER, EMAIL, Reason.OBJECTED, OBJECTED),
    case("similar-offer-no-email", SIMILAR_OFFER, EMAIL, Reason.NO_ADDRESS, no_address(EMAIL)),
    case(
        "similar-offer-invalid-email",
        SIMILAR_OFFER,
        EMAIL,
        Reason.INVALID_ADDRESS,
        invalid_address(EMAIL),
    ),
    case(
        "similar-offer-bounced-email", SIMILAR_OFFER, EMAIL, Reason.BOUNCED, bounced_address(EMAIL)
    ),
    case(
        "similar-offer-frequency-cap",
        SIMILAR_OFFER,
        EMAIL,
        Reason.FREQUENCY_CAP,
        context=ctx(marketing_sent_recently=4),
    ),
    case(
        "similar-offer-duplicate-address",
        SIMILAR_OFFER,
        EMAIL,
        Reason.DUPLICATE_ADDRESS,
        context=ctx(address_already_used=True),
    ),
    # --- marketing: confirmed consent on that channel, no objection ---
    case("marketing-confirmed-email", MARKETING, EMAIL, None),
    case("marketing-confirmed-sms", MARKETING, SMS, None),
    case("marketing-none-email", MARKETING, EMAIL, Reason.NO_CONSENT, state(NONE)),
    case("marketing-none-sms", MARKETING, SMS, Reason.NO_CONSENT, sms_state(NONE)),
    case("marketing-pending-email", MARKETING, EMAIL, Reason.CONSENT_PENDING, state(PENDING)),
    case("marketing-pending-sms", MARKETING, SMS, Reason.CONSENT_PENDING, sms_state(PENDING)),
    case("marketing-expired-email", MARKETING, EMAIL, Reason.CONSENT_EXPIRED, state(EXPIRED)),
    case("marketing-expired-sms", MARKETING, SMS, Reason.CONSENT_EXPIRED, sms_state(EXPIRED)),
    case("marketing-revoked-email", MARKETING, EMAIL, Reason.CONSENT_REVOKED, state(REVOKED)),
    case("marketing-revoked-sms", MARKETING, SMS, Reason.CONSENT_REVOKED, sms_state(REVOKED)),
    case(
        "marketing-email-consent-does-not-cover-sms",
        MARKETING,
        SMS,
        Reason.NO_CONSENT,
        state(ConsentState.CONFIRMED, NONE),
    ),
    case(
        "marketing-objected-despite-confirmed",
        MARKETING,
        EMAIL,
        Reason.OBJECTED,
        {"consent": consent(objected=True)},
    ),
    case("marketing-objected-sms", MARKETING, SMS, Reason.OBJECTED, OBJECTED),
    case("marketing-no-email", MARKETING, EMAIL, Reason.NO_ADDRESS, no_address(EMAIL)),
    case("marketing-no-sms", MARKETING, SMS, Reason.NO_ADDRESS, no_address(SMS)),
    case(
        "marketing-invalid-email", MARKETING, EMAIL, Reason.INVALID_ADDRESS, invalid_address(EMAIL)
    ),
    case("marketing-invalid-sms", MARKETING, SMS, Reason.INVALID_ADDRESS, invalid_address(SMS)),
    case("marketing-bounced-email", MARKETING, EMAIL, Reason.BOUNCED, bounced_address(EMAIL)),
    case("marketing-bounced-sms", MARKETING, SMS, Reason.BOUNCED, bounced_address(SMS)),
    case(
        "marketing-frequency-cap-reached",
        MARKETING,
        EMAIL,
        Reason.FREQUENCY_CAP,
        context=ctx(marketing_sent_recently=4),
    ),
    case(
        "marketing-one-below-frequency-cap",
        MARKETING,
        EMAIL,
        None,
        context=ctx(marketing_sent_recently=3),
    ),
    case(
        "marketing-frequency-cap-switched-off",
        MARKETING,
        SMS,
        None,
        context=ctx(marketing_sent_recently=50, frequency_cap=None),
    ),
    case(
        "marketing-sms-at-20-00-quiet",
        MARKETING,
        SMS,
        Reason.QUIET_HOURS,
        context=ctx(local_time=time(20, 0)),
    ),
    case(
        "marketing-sms-at-07-59-quiet",
        MARKETING,
        SMS,
        Reason.QUIET_HOURS,
        context=ctx(local_time=time(7, 59)),
    ),
    case(
        "marketing-sms-at-08-00-allowed",
        MARKETING,
        SMS,
        None,
        context=ctx(local_time=time(8, 0)),
    ),
    case(
        "marketing-sms-at-19-59-allowed",
        MARKETING,
        SMS,
        None,
        context=ctx(local_time=time(19, 59)),
    ),
    case(
        "marketing-email-at-night-no-quiet-hours",
        MARKETING,
        EMAIL,
        None,
        context=ctx(local_time=time(23, 0)),
    ),
    case(
        "marketing-duplicate-address",
        MARKETING,
        SMS,
        Reason.DUPLICATE_ADDRESS,
        context=ctx(address_already_used=True),
    ),
    # --- several reasons at once: the first in DESIGN.md order is reported ---
    case(
        "priority-objected-beats-no-address",
        MARKETING,
        EMAIL,
        Reason.OBJECTED,
        {**OBJECTED, **no_address(EMAIL)},
    ),
    case(
        "priority-objected-beats-channel-not-allowed",
        SIMILAR_OFFER,
        SMS,
        Reason.OBJECTED,
        OBJECTED,
    ),
    case(
        "priority-channel-not-allowed-beats-no-address",
        SIMILAR_OFFER,
        SMS,
        Reason.CHANNEL_NOT_ALLOWED,
        no_address(SMS),
    ),
    case(
        "priority-no-address-beats-no-consent",
        MARKETING,
        SMS,
        Reason.NO_ADDRESS,
        {**sms_state(NONE), **no_address(SMS)},
    ),
    case(
        "priority-invalid-address-beats-not-existing-customer",
        SERVICE_INFO,
        EMAIL,
        Reason.INVALID_ADDRESS,
        {"has_booking": False, **invalid_address(EMAIL)},
    ),
    case(
        "priority-bounced-beats-consent-pending",
        MARKETING,
        EMAIL,
        Reason.BOUNCED,
        {**state(PENDING), **bounced_address(EMAIL)},
    ),
    case(
        "priority-not-existing-customer-beats-no-objection-notice",
        SIMILAR_OFFER,
        EMAIL,
        Reason.NOT_EXISTING_CUSTOMER,
        {"had_completed_appointment": False, "objection_notice_given": False},
    ),
    case(
        "priority-no-objection-notice-beats-consent-revoked",
        SIMILAR_OFFER,
        EMAIL,
        Reason.NO_OBJECTION_NOTICE,
        {"objection_notice_given": False, **state(REVOKED)},
    ),
    case(
        "priority-consent-pending-beats-frequency-cap",
        MARKETING,
        EMAIL,
        Reason.CONSENT_PENDING,
        state(PENDING),
        ctx(marketing_sent_recently=9),
    ),
    case(
        "priority-frequency-cap-beats-quiet-hours",
        MARKETING,
        SMS,
        Reason.FREQUENCY_CAP,
        context=ctx(marketing_sent_recently=4, local_time=time(22, 0)),
    ),
    case(
        "priority-quiet-hours-beats-duplicate-address",
        MARKETING,
        SMS,
        Reason.QUIET_HOURS,
        context=ctx(local_time=time(6, 0), address_already_used=True),
    ),
]


@pytest.mark.parametrize(("category", "channel", "recipient", "context", "expected"), CASES)
def test_decide_table(
    category: Category,
    channel: Channel,
    recipient: RecipientFacts,
    context: SendContext | None,
    expected: Reason | None,
) -> None:
    decision = decide(recipient, category, channel, context)
    assert decision.reason is expected
    assert decision.allowed is (expected is None)


def test_reason_priority_is_the_design_order() -> None:
    assert [reason.value for reason in REASON_PRIORITY] == [
        "objected",
        "channel_not_allowed",
        "no_address",
        "invalid_address",
        "bounced",
        "not_existing_customer",
        "no_objection_notice",
        "consent_revoked",
        "consent_expired",
        "consent_pending",
        "no_consent",
        "frequency_cap",
        "quiet_hours",
        "duplicate_address",
    ]


def test_quiet_hours_defer_a_marketing_sms_instead_of_dropping_it() -> None:
    decision = decide(facts(), MARKETING, SMS, ctx(local_time=time(21, 15)))
    assert decision.reason is Reason.QUIET_HOURS
    assert decision.deferred
    assert not decision.allowed


@pytest.mark.parametrize(
    ("recipient", "context"),
    [
        pytest.param(facts(), ctx(marketing_sent_recently=4), id="frequency-cap"),
        pytest.param(facts(**state(PENDING)), None, id="consent-pending"),
        pytest.param(facts(), ctx(address_already_used=True), id="duplicate-address"),
    ],
)
def test_other_exclusions_are_not_deferred(
    recipient: RecipientFacts, context: SendContext | None
) -> None:
    decision = decide(recipient, MARKETING, SMS, context)
    assert decision.reason is not None
    assert not decision.deferred


def test_custom_quiet_hours_window_is_respected() -> None:
    late_window = ctx(quiet_hours=(time(10, 0), time(18, 0)), local_time=time(9, 0))
    assert decide(facts(), MARKETING, SMS, late_window).reason is Reason.QUIET_HOURS
    assert decide(facts(), MARKETING, SMS, replace(late_window, local_time=time(12, 0))).allowed


def test_applicable_reasons_lists_every_reason_not_only_the_first() -> None:
    recipient = facts(**{**OBJECTED, **no_address(SMS)})
    reasons = applicable_reasons(
        recipient, SIMILAR_OFFER, SMS, ctx(marketing_sent_recently=4, address_already_used=True)
    )
    assert reasons == {
        Reason.OBJECTED,
        Reason.CHANNEL_NOT_ALLOWED,
        Reason.NO_ADDRESS,
        Reason.CONSENT_REVOKED,
        Reason.FREQUENCY_CAP,
        Reason.DUPLICATE_ADDRESS,
    }


# --------------------------------------------------------------------------------------------
# Properties over random consent ledgers
# --------------------------------------------------------------------------------------------

REQUEST_IDS = ("r1", "r2", "r3")
STAFF_SOURCES = (ConsentSource.PHONE, ConsentSource.IN_PERSON, ConsentSource.WRITTEN)
ADVERTISING_OR_INFO = (MARKETING, SERVICE_INFO, SIMILAR_OFFER)

# Coarse times (whole hours over ~70 days) so that ties and the 30-day window both occur.
moments = st.integers(min_value=0, max_value=70 * 24).map(lambda h: T0 + timedelta(hours=h))


@st.composite
def ledger_entries(
    draw: st.DrawFn,
    events: tuple[ConsentEvent, ...] = tuple(ConsentEvent),
    sources: tuple[ConsentSource, ...] = tuple(ConsentSource),
) -> LedgerEntry:
    event = draw(st.sampled_from(events))
    return LedgerEntry(
        event=event,
        at=draw(moments),
        channel=None if event is ConsentEvent.OBJECTED else draw(st.sampled_from(Channel)),
        source=draw(st.sampled_from(sources)),
        request_id=draw(st.sampled_from(REQUEST_IDS)),
        ip="203.0.113.7" if event is ConsentEvent.CONFIRMED else None,
    )


ledgers = st.lists(ledger_entries(), max_size=12)


@st.composite
def double_opt_ins(draw: st.DrawFn) -> list[LedgerEntry]:
    """A declaration and a click on some channel: maybe late, maybe for another request."""
    channel = draw(st.sampled_from(Channel))
    declared_at = draw(moments)
    clicked_at = declared_at + timedelta(hours=draw(st.integers(0, 40 * 24)))
    return [
        LedgerEntry(
            ConsentEvent.DECLARED,
            declared_at,
            channel,
            ConsentSource.ONLINE,
            request_id=draw(st.sampled_from(REQUEST_IDS)),
        ),
        LedgerEntry(
            ConsentEvent.CONFIRMED,
            clicked_at,
            channel,
            ConsentSource.LINK,
            request_id=draw(st.sampled_from(REQUEST_IDS)),
        ),
    ]


addresses = st.builds(
    Address,
    value=st.sampled_from([None, "", "anna@example.de"]),
    valid=st.booleans(),
    bounced=st.booleans(),
)
contexts = st.builds(
    SendContext,
    booking_notify=st.booleans(),
    marketing_sent_recently=st.integers(min_value=0, max_value=6),
    frequency_cap=st.one_of(st.none(), st.integers(min_value=0, max_value=5)),
    local_time=st.one_of(st.none(), st.times()),
    address_already_used=st.booleans(),
)
later = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=60))


def recipient_facts(consent_status: ConsentStatus) -> st.SearchStrategy[RecipientFacts]:
    return st.builds(
        RecipientFacts,
        consent=st.just(consent_status),
        email=addresses,
        sms=addresses,
        has_booking=st.booleans(),
        had_completed_appointment=st.booleans(),
        objection_notice_given=st.booleans(),
    )


def replay_order(entries: list[LedgerEntry]) -> list[LedgerEntry]:
    """Time order, ties in ledger order (as derive_consent documents)."""
    return [entry for _, entry in sorted(enumerate(entries), key=lambda p: (p[1].at, p[0]))]


def reconfirmed_after_last_objection(entries: list[LedgerEntry], channel: Channel) -> bool:
    ordered = replay_order(entries)
    last_objection = max(
        i for i, entry in enumerate(ordered) if entry.event is ConsentEvent.OBJECTED
    )
    after = [e for e in ordered[last_objection + 1 :] if e.channel is channel]
    return any(
        declared.event is ConsentEvent.DECLARED
        and confirmed.event is ConsentEvent.CONFIRMED
        and confirmed.request_id == declared.request_id
        and confirmed.at - declared.at <= CONFIRMATION_WINDOW
        for i, declared in enumerate(after)
        for confirmed in after[i + 1 :]
    )


@settings(max_examples=300, deadline=None)
@given(entries=ledgers, wait=later, data=st.data())
def test_objected_customer_never_gets_advertising_or_service_info(
    entries: list[LedgerEntry], wait: timedelta, data: st.DataObject
) -> None:
    status = derive_consent(entries, now=T0 + wait)
    assume(status.objected)
    recipient = data.draw(recipient_facts(status))
    context = data.draw(contexts)
    for category in ADVERTISING_OR_INFO:
        for channel in Channel:
            decision = decide(recipient, category, channel, context)
            assert not decision.allowed
            assert decision.reason is Reason.OBJECTED


@settings(max_examples=300, deadline=None)
@given(
    noise=ledgers,
    objection_at=moments,
    opt_ins=st.lists(double_opt_ins(), max_size=3),
    wait=later,
)
def test_after_objection_marketing_needs_a_new_confirmed_double_opt_in(
    noise: list[LedgerEntry],
    objection_at: datetime,
    opt_ins: list[list[LedgerEntry]],
    wait: timedelta,
) -> None:
    objection = LedgerEntry(ConsentEvent.OBJECTED, objection_at, None, ConsentSource.LINK)
    entries = [*noise, objection, *(entry for pair in opt_ins for entry in pair)]
    status = derive_consent(entries, now=objection_at + wait)
    for channel in Channel:
        if decide(facts(consent=status), MARKETING, channel).allowed:
            assert reconfirmed_after_last_objection(entries, channel)


@settings(max_examples=300, deadline=None)
@given(
    entries=ledgers,
    wait=later,
    category=st.sampled_from(Category),
    channel=st.sampled_from(Channel),
    context=contexts,
    data=st.data(),
)
def test_decide_reports_the_first_applicable_reason(
    entries: list[LedgerEntry],
    wait: timedelta,
    category: Category,
    channel: Channel,
    context: SendContext,
    data: st.DataObject,
) -> None:
    recipient = data.draw(recipient_facts(derive_consent(entries, now=T0 + wait)))
    reasons = applicable_reasons(recipient, category, channel, context)
    decision = decide(recipient, category, channel, context)
    if not reasons:
        assert decision.allowed
    else:
        assert decision.reason in reasons
        assert decision.reason is min(reasons, key=REASON_PRIORITY.index)


@settings(max_examples=300, deadline=None)
@given(
    entries=st.lists(
        ledger_entries(events=(ConsentEvent.DECLARED, ConsentEvent.REVOKED), sources=STAFF_SOURCES),
        max_size=12,
    ),
    wait=later,
)
def test_staff_alone_never_reach_confirmed(entries: list[LedgerEntry], wait: timedelta) -> None:
    status = derive_consent(entries, now=T0 + wait)
    assert not status.objected
    for channel in Channel:
        assert status.state(channel) is not ConsentState.CONFIRMED
        assert status.channels[channel].confirmation is None
        assert not decide(facts(consent=status), MARKETING, channel).allowed
