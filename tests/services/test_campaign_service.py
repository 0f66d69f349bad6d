"""The campaign service beyond the audience: content checks, per-recipient rendering,
SMS sizing over all recipients, scheduling, results and the owner's test send."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaign_content import ProblemCode
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Channel, ConsentEvent, ConsentSource, OutboxStatus
from desk_app.domain.errors import InvalidField
from desk_app.services.booking import BookingRequest
from desk_app.services.campaign_rows import AudienceFilters, CampaignDraft
from desk_app.services.container import Services
from desk_app.services.rows import CustomerRow
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway, make_sync
from tests.services.support import (
    Salon,
    add_customer,
    add_ledger_entry,
    ledger_rows,
    make_salon,
    outbox_messages,
)

PROMOTION = CampaignDraft(
    name="Winteraktion",
    type=CampaignType.PROMOTION,
    channel=ChannelChoice.BEST,
    subject="Winter bei {{ salon_name }}",
    body="Hallo {{ first_name }}, 20 % auf Pflege bis Freitag.",
    sms_body="Hallo {{ first_name }}, 20 % auf Pflege bis Freitag.",
)


@pytest.fixture
def salon(services: Services) -> Salon:
    services.catalogue.set_setting("salon_name", "Salon Weiß", actor=SHARED_COUNTER)
    salon = make_salon(services)
    # The imprint every advertising email carries (issue 13).
    services.catalogue.set_setting("salon_address", "Torstraße 5, Berlin", actor=SHARED_COUNTER)
    return salon


def _confirmed(
    services: Services, salon: Salon, first: str, phone: str, channel: Channel, **kw: object
) -> CustomerRow:
    email = f"{first.lower() or 'ohne-vorname'}@example.org"
    customer = add_customer(services, first, "Kunde", email, phone, **kw)
    [declared] = services.consent.declare(
        customer.id, [channel], ConsentSource.PHONE, salon.reception.name, True
    )
    at = ledger_rows(services.db, customer.id)[-1].at + timedelta(minutes=5)
    add_ledger_entry(
        services.db, customer.id, ConsentEvent.CONFIRMED, at, channel, declared.request_id
    )
    return customer


def _released(services: Services) -> set[str]:
    return {row.client_id for row in services.outbox.release()}


def test_content_check_names_unknown_placeholders_and_missing_texts(services: Services) -> None:
    draft = CampaignDraft(
        name="x",
        type=CampaignType.PROMOTION,
        channel=ChannelChoice.BEST,
        subject="Hallo {{ vorname }}",
        body="Text",
    )
    check = services.campaigns.check_content(draft)
    assert [(p.code, p.detail) for p in check.problems] == [
        (ProblemCode.UNKNOWN_PLACEHOLDER, "vorname")
    ]
    assert check.missing == ("sms_body",)
    assert not check.sendable
    with pytest.raises(InvalidField) as refused:
        services.campaigns.send(draft, actor=SHARED_COUNTER)
    assert refused.value.field == "sms_body"


def test_service_information_with_advertising_words_is_warned_about(services: Services) -> None:
    services.catalogue.set_setting("salon_address", "Torstraße 5, Berlin", actor=SHARED_COUNTER)
    draft = CampaignDraft(
        name="Umzug",
        type=CampaignType.SERVICE_INFO,
        channel=ChannelChoice.EMAIL,
        subject="Wir ziehen um",
        body="Ab 1. März in der Hauptstraße 5. Zur Eröffnung 20% Rabatt!",
    )
    check = services.campaigns.check_content(draft)
    assert check.sendable
    assert check.advertising_words == ("20%", "Rabatt")


def test_render_for_fills_placeholders_and_adds_the_unsubscribe_link(
    services: Services, salon: Salon
) -> None:
    jose = _confirmed(services, salon, "François", "0151 11112222", Channel.SMS)
    rendered = services.campaigns.render_for(PROMOTION, jose.id, Channel.SMS)
    assert rendered.body.startswith("Hallo François, 20 % auf Pflege")
    assert "$unsubscribe_url" in rendered.body
    assert rendered.sms_encoding == "UCS-2"  # "ç" is not in the GSM 03.38 alphabet
    email = services.campaigns.render_for(PROMOTION, jose.id, Channel.EMAIL)
    assert email.subject == "Winter bei Salon Weiß"


def test_sms_estimate_counts_every_sms_recipient_after_placeholders(
    services: Services, salon: Salon
) -> None:
    services.catalogue.set_setting("sms_price_cents", "9", actor=SHARED_COUNTER)
    _confirmed(services, salon, "Anna", "0151 11112222", Channel.SMS)
    _confirmed(services, salon, "François", "0151 33334444", Channel.SMS)
    _confirmed(services, salon, "Emil", "0151 55556666", Channel.EMAIL)  # gets email
    estimate = services.campaigns.sms_estimate(PROMOTION)
    assert estimate.size.recipients == 2
    assert estimate.size.ucs2_bodies == 1  # François
    assert estimate.size.cost_cents == estimate.size.total_segments * 9
    assert estimate.size.worst_segments >= 1


def test_scheduled_campaign_waits_and_reports_its_result(
    services: Services, salon: Salon, clock: Clock
) -> None:
    anna = _confirmed(services, salon, "Anna", "0151 11112222", Channel.EMAIL)
    at = clock.now + timedelta(days=2)
    row = services.campaigns.send(
        CampaignDraft(**{**PROMOTION.__dict__, "channel": ChannelChoice.EMAIL, "send_at": at}),
        actor=SHARED_COUNTER,
    )
    [message] = [msg for msg in outbox_messages(services.db) if msg.campaign_id == row.id]
    assert (message.customer_id, message.not_before) == (anna.id, at)
    assert message.client_id not in _released(services)  # not yet due
    clock.advance(days=2, minutes=1)
    assert message.client_id in _released(services)

    add_ledger_entry(services.db, anna.id, ConsentEvent.OBJECTED, clock.now)
    result = services.campaigns.result(row.id)
    assert result.by_status == {OutboxStatus.QUEUED.value: 1}
    assert result.unsubscribed_after == 1
    assert [c.id for c in services.campaigns.campaigns()] == [row.id]


def test_marketing_sms_in_quiet_hours_is_deferred_not_dropped(
    services: Services, salon: Salon, clock: Clock
) -> None:
    _confirmed(services, salon, "Anna", "0151 11112222", Channel.SMS)
    clock.now = clock.now.replace(hour=21)  # 22:00 in Berlin
    preview = services.campaigns.preview(
        CampaignType.PROMOTION, ChannelChoice.SMS, AudienceFilters()
    )
    assert [r.deferred for r in preview.recipients] == [True]
    assert preview.counts["deferred"] == 1
    services.campaigns.send(
        CampaignDraft(**{**PROMOTION.__dict__, "channel": ChannelChoice.SMS}), actor=SHARED_COUNTER
    )
    [message] = [msg for msg in outbox_messages(services.db) if msg.campaign_id]
    assert message.client_id not in _released(services)  # held back ...
    assert [msg.status for msg in outbox_messages(services.db) if msg.campaign_id] == [
        "queued"  # ... not dropped
    ]
    clock.now = clock.now.replace(hour=7, minute=5) + timedelta(days=1)  # 08:05 Berlin
    assert message.client_id in _released(services)


def test_test_send_goes_to_the_owner_with_the_first_recipients_details(
    services: Services, salon: Salon, clock: Clock
) -> None:
    _confirmed(services, salon, "Anna", "0151 11112222", Channel.EMAIL)
    with pytest.raises(InvalidField) as no_address:
        services.campaigns.test_message(PROMOTION, Channel.EMAIL)
    assert no_address.value.field == "owner_email"

    services.catalogue.set_setting("owner_email", "chefin@salon-weiss.de", actor=SHARED_COUNTER)
    message = services.campaigns.test_message(PROMOTION, Channel.EMAIL)
    assert (message.to, message.subject) == (
        "chefin@salon-weiss.de",
        "[Test] Winter bei Salon Weiß",
    )
    assert message.text.startswith("Hallo Anna,")
    assert "$unsubscribe_url" in message.text
    fake = FakeGateway()
    result = make_sync(services, fake, clock).send_test(message)
    assert result.result == "accepted"
    assert [item.to for item in fake.sent_items] == ["chefin@salon-weiss.de"]
    # It belongs to no customer: nothing about it lands in the outbox.
    assert [msg.to_address for msg in outbox_messages(services.db)] == ["anna@example.org"]


def test_sending_lets_the_counter_write_between_chunks(
    services: Services, salon: Salon, clock: Clock
) -> None:
    """Each chunk commits before the next: a booking at the counter (here: any write,
    made from the progress callback) never waits for a whole campaign."""
    _confirmed(services, salon, "Anna", "0151 11112222", Channel.EMAIL)
    writes: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        # On SQLite this would wait for the busy timeout and fail if the campaign's
        # write transaction were still open.
        services.catalogue.set_setting(
            "review_url", f"https://example.org/{done}", actor=SHARED_COUNTER
        )
        writes.append((done, total))

    draft = CampaignDraft(**{**PROMOTION.__dict__, "channel": ChannelChoice.EMAIL})
    row = services.campaigns.send(draft, progress, actor=SHARED_COUNTER)
    assert writes == [(1, 1)]
    assert row.queued == 1
    assert services.catalogue.stored_settings()["review_url"] == "https://example.org/1"


# ---- issue 8, section 7: names, empty placeholders, wording, the real link length --------
def _campaign_messages(services: Services) -> list[object]:
    return [msg for msg in outbox_messages(services.db) if msg.campaign_id is not None]


def _draft(**changes: object) -> CampaignDraft:
    base = {**PROMOTION.__dict__, "channel": ChannelChoice.EMAIL}
    return CampaignDraft(**{**base, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["lipsum", "range", "dict", "cycler", "joiner", "namespace"])
def test_a_jinja_global_is_refused_before_anything_is_queued(
    services: Services, salon: Salon, name: str
) -> None:
    _confirmed(services, salon, "Anna", "0151 11112222", Channel.EMAIL)
    draft = _draft(body="Hallo {{ " + name + " }}")
    check = services.campaigns.check_content(draft)
    assert [(p.code, p.detail) for p in check.problems] == [(ProblemCode.UNKNOWN_PLACEHOLDER, name)]
    with pytest.raises(InvalidField) as refused:
        services.campaigns.send(draft, actor=SHARED_COUNTER)
    assert (refused.value.field, refused.value.problem, refused.value.value) == (
        "body",
        "unknown_placeholder",
        name,
    )
    assert _campaign_messages(services) == []


def test_forbidden_characters_and_long_texts_are_refused_per_field(
    services: Services, salon: Salon
) -> None:
    _confirmed(services, salon, "Anna", "0151 11112222", Channel.EMAIL)
    cases = [
        (_draft(subject="Winter\u2028Aktion"), "subject", "control_characters", "U+2028"),
        (_draft(subject="Winter\nAktion"), "subject", "control_characters", "U+000A"),
        (_draft(body="Hallo\x00"), "body", "control_characters", "U+0000"),
        (_draft(body="x" * 10_001), "body", "too_long", "10000"),
        (_draft(subject="x" * 151), "subject", "too_long", "150"),
        (_draft(name="Winter\x1b[2J"), "name", "control_characters", "U+001B"),
        (_draft(name="x" * 121), "name", "too_long", "120"),
    ]
    for draft, field, problem, detail in cases:
        with pytest.raises(InvalidField) as refused:
            services.campaigns.send(draft, actor=SHARED_COUNTER)
        assert (refused.value.field, refused.value.problem, refused.value.value) == (
            field,
            problem,
            detail,
        )
    # Line breaks and tabs are text in a body.
    services.campaigns.send(
        _draft(body="Hallo {{ first_name }},\n\tneu bei uns.\r\n"), actor=SHARED_COUNTER
    )
    assert services.campaigns.campaigns() != []
    assert len(_campaign_messages(services)) == 1


def test_a_placeholder_empty_for_a_recipient_blocks_sending_with_its_name(
    services: Services, salon: Salon
) -> None:
    _confirmed(services, salon, "Anna", "0151 11112222", Channel.EMAIL)
    _confirmed(services, salon, "Bea", "0151 33334444", Channel.EMAIL)
    draft = _draft(body="Fragen? {{ salon_phone }}. Ihre Meinung: {{ review_url }}")
    check = services.campaigns.check_content(draft)
    assert [(e.name, e.recipients) for e in check.empty] == [
        ("salon_phone", 2),
        ("review_url", 2),
    ]
    assert not check.sendable
    with pytest.raises(InvalidField) as refused:
        services.campaigns.send(draft, actor=SHARED_COUNTER)
    assert (refused.value.problem, refused.value.value) == ("empty_placeholder", "salon_phone")
    assert _campaign_messages(services) == []

    services.catalogue.set_setting("salon_phone", "0221 1234567", actor=SHARED_COUNTER)
    services.catalogue.set_setting(
        "review_url", "https://g.page/r/salon/review", actor=SHARED_COUNTER
    )
    assert services.campaigns.check_content(draft).empty == ()
    services.campaigns.send(draft, actor=SHARED_COUNTER)
    assert len(_campaign_messages(services)) == 2


def test_the_salons_address_fills_its_placeholder_and_blocks_while_empty(
    services: Services, salon: Salon
) -> None:
    services.catalogue.set_setting("salon_address", "", actor=SHARED_COUNTER)
    _confirmed(services, salon, "Anna", "0151 11112222", Channel.EMAIL)
    draft = _draft(body="Sie finden uns hier: {{ salon_address }}.")
    check = services.campaigns.check_content(draft)
    assert [(e.name, e.recipients) for e in check.empty] == [("salon_address", 1)]
    with pytest.raises(InvalidField) as refused:
        services.campaigns.send(draft, actor=SHARED_COUNTER)
    assert (refused.value.problem, refused.value.value) == ("empty_placeholder", "salon_address")

    services.catalogue.set_setting(
        "salon_address", "  Hauptstraße 12,   50667 Köln ", actor=SHARED_COUNTER
    )
    assert services.catalogue.stored_settings()["salon_address"] == "Hauptstraße 12, 50667 Köln"
    assert services.campaigns.check_content(draft).empty == ()
    services.campaigns.send(draft, actor=SHARED_COUNTER)
    [message] = _campaign_messages(services)
    assert "Sie finden uns hier: Hauptstraße 12, 50667 Köln." in message.body


def test_customer_placeholders_count_only_the_recipients_without_a_value(
    services: Services, salon: Salon
) -> None:
    _confirmed(services, salon, "Anna", "0151 11112222", Channel.EMAIL)
    _confirmed(services, salon, "", "0151 33334444", Channel.EMAIL)  # no first name
    draft = _draft(body="Hallo {{ first_name }}, bis {{ next_appointment }}")
    empty = {e.name: e.recipients for e in services.campaigns.check_content(draft).empty}
    assert empty == {"first_name": 1, "next_appointment": 2}
    # An {% if %} on it is the author's plan for an empty value: no gap, no block.
    guarded = _draft(
        body="Hallo{% if first_name %} {{ first_name }}{% endif %}!"
        "{% if next_appointment %} Bis {{ next_appointment }}{% endif %}"
    )
    assert services.campaigns.check_content(guarded).empty == ()


def test_service_information_with_advertising_words_is_refused_unless_confirmed(
    services: Services, salon: Salon, clock: Clock
) -> None:
    customer = add_customer(services, "Anna", "Kunde", "anna@example.org", None)
    services.booking.book(  # an existing customer
        BookingRequest(
            customer_id=customer.id,
            staff_id=salon.stylist.id,
            service_id=salon.cut.id,
            starts_at=clock.now - timedelta(days=30),
            override=True,
        )
    )
    draft = CampaignDraft(
        name="Umzug",
        type=CampaignType.SERVICE_INFO,
        channel=ChannelChoice.EMAIL,
        subject="Wir ziehen um",
        body="Ab 1. März in der Hauptstraße 5. Zur Eröffnung 20% Rabatt!",
    )
    with pytest.raises(InvalidField) as refused:
        services.campaigns.send(draft, actor=SHARED_COUNTER)
    assert refused.value.problem == "advertising_in_service_info"
    assert refused.value.value == "“20%”, “Rabatt”"
    assert _campaign_messages(services) == []
    # The window's send dialog shows the warning; the owner confirmed it.
    row = services.campaigns.send(draft, wording_confirmed=True, actor=SHARED_COUNTER)
    assert row.queued == 1


def test_the_sms_counter_uses_the_configured_gateways_real_link(
    services: Services, salon: Salon
) -> None:
    """Issue 8: the counter assumed an 18-character gateway address and showed 1 part
    for an SMS that went out as 2."""
    anna = _confirmed(services, salon, "Anna", "0151 11112222", Channel.SMS)
    # 11 + 91 + "\nAbmelden: " (11) = 113 characters before the link.
    body = "Hallo Anna " + "x" * 91
    draft = _draft(channel=ChannelChoice.SMS, sms_body=body)
    services.catalogue.set_setting(
        "gateway_url", "https://gw.example", actor=SHARED_COUNTER
    )  # link 64
    short = services.campaigns.render_for(draft, anna.id, Channel.SMS)
    assert (short.sms_units, short.sms_segments) == (113 + 64, 2)
    services.catalogue.set_setting(
        "gateway_url", "https://gw.ex", actor=SHARED_COUNTER
    )  # 13 + 46 = 59
    assert services.campaigns.render_for(draft, anna.id, Channel.SMS).sms_segments == 2

    long_url = "https://nachrichten.salon-haarwerk-mueller.example.de/gateway"
    services.catalogue.set_setting("gateway_url", long_url, actor=SHARED_COUNTER)
    body = "Hallo Anna " + "x" * 40  # 51 + 11 = 62 before the link
    draft = _draft(channel=ChannelChoice.SMS, sms_body=body)
    rendered = services.campaigns.render_for(draft, anna.id, Channel.SMS)
    link = len(long_url) + len("/u/") + 43
    assert rendered.sms_units == 62 + link
    assert rendered.sms_segments == 2  # 1 part with the old 64-character guess
    assert 62 + 64 <= 160 < 62 + link
    estimate = services.campaigns.sms_estimate(draft)
    assert (estimate.size.total_segments, estimate.size.worst_segments) == (2, 2)


def test_appointment_placeholders_are_filled_when_only_an_if_names_them(
    services: Services, salon: Salon, clock: Clock
) -> None:
    """Queuing looks at the appointments only when the templates refer to them; a name
    that appears only in an {% if %} still counts as referred to."""
    anna = _confirmed(services, salon, "Anna", "0151 11112222", Channel.EMAIL)
    services.booking.book(
        BookingRequest(
            customer_id=anna.id,
            staff_id=salon.stylist.id,
            service_id=salon.cut.id,
            starts_at=clock.now + timedelta(days=3),
            override=True,
        )
    )
    services.campaigns.send(
        _draft(body="Hallo {{ first_name }}{% if next_appointment %}, bis bald!{% endif %}"),
        actor=SHARED_COUNTER,
    )
    [message] = _campaign_messages(services)
    assert str(message.body).startswith("Hallo Anna, bis bald!")  # type: ignore[attr-defined]


def test_advertising_email_carries_the_imprint_and_is_refused_without_the_address(
    services: Services, salon: Salon
) -> None:
    services.catalogue.set_setting("salon_phone", "030 1234567", actor=SHARED_COUNTER)
    anna = _confirmed(services, salon, "Anna", "0151 11112222", Channel.EMAIL)
    sms_only = _confirmed(services, salon, "Bea", "0151 33334444", Channel.SMS)
    imprint = "Impressum: Salon Weiß · Torstraße 5, Berlin · Tel. 030 1234567"
    preview = services.campaigns.render_for(PROMOTION, anna.id, Channel.EMAIL)
    assert f"\n--\n{imprint}\nAbmelden: $unsubscribe_url" in preview.body
    assert (
        "Impressum" not in services.campaigns.render_for(PROMOTION, sms_only.id, Channel.SMS).body
    )

    services.catalogue.set_setting("salon_address", "", actor=SHARED_COUNTER)
    check = services.campaigns.check_content(PROMOTION)
    assert check.imprint_missing and not check.sendable
    with pytest.raises(InvalidField) as refused:
        services.campaigns.send(PROMOTION, actor=SHARED_COUNTER)
    assert (refused.value.field, refused.value.problem) == ("salon_address", "imprint_required")
    assert _campaign_messages(services) == []
    # SMS have no room for an imprint: an SMS campaign goes without the address.
    sms = _draft(name="Nur SMS", channel=ChannelChoice.SMS)
    assert not services.campaigns.check_content(sms).imprint_missing
    services.campaigns.send(sms, actor=SHARED_COUNTER)
    assert [m.channel for m in _campaign_messages(services)] == ["sms"]

    services.catalogue.set_setting("salon_address", "Torstraße 5, Berlin", actor=SHARED_COUNTER)
    services.campaigns.send(PROMOTION, actor=SHARED_COUNTER)
    emails = [m for m in _campaign_messages(services) if m.channel == "email"]
    assert [m.customer_id for m in emails] == [anna.id]
    assert imprint in emails[0].body
