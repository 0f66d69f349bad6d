"""The owner's test send of a campaign (CampaignTestSend): one message per channel to the
owner, straight to the gateway, never into the outbox."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Channel
from desk_app.domain.errors import InvalidField
from desk_app.gateway.port import GatewayError, ItemResult, OutgoingMessage
from desk_app.services.campaign_rows import CampaignDraft
from desk_app.services.container import Services
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway, make_sync
from tests.services.support import give_salon_address, outbox_messages

OWNER, OWNER_MOBILE = "chefin@salon-weiss.de", "+4915199998888"
DRAFT = CampaignDraft(
    name="Winter",
    type=CampaignType.PROMOTION,
    channel=ChannelChoice.BEST,
    subject="Winter bei {{ salon_name }}",
    body="Hallo {{ first_name }}, 20 % auf Färben.",
    sms_body="Hallo {{ first_name }}, 20 % auf Färben.",
)


@pytest.fixture
def fake() -> FakeGateway:
    return FakeGateway()


@pytest.fixture
def owner(services: Services) -> None:
    services.catalogue.set_setting("salon_name", "Salon Weiß", actor=SHARED_COUNTER)
    services.catalogue.set_setting("owner_email", OWNER, actor=SHARED_COUNTER)
    services.catalogue.set_setting("owner_mobile", OWNER_MOBILE, actor=SHARED_COUNTER)
    give_salon_address(services.db)  # the test email carries the imprint too


def test_one_message_per_channel_goes_to_the_owner(
    services: Services, owner: None, fake: FakeGateway, clock: Clock
) -> None:
    outcomes = services.campaign_tests.send(
        DRAFT, [Channel.EMAIL, Channel.SMS], lambda: make_sync(services, fake, clock)
    )
    assert [(o.channel, o.to, o.refused, o.error) for o in outcomes] == [
        (Channel.EMAIL, OWNER, None, None),
        (Channel.SMS, OWNER_MOBILE, None, None),
    ]
    assert [item.to for item in fake.sent_items] == [OWNER, OWNER_MOBILE]
    assert fake.closed  # the sync it opened is closed again
    assert outbox_messages(services.db) == []


def test_a_missing_owner_address_sends_nothing(
    services: Services, fake: FakeGateway, clock: Clock
) -> None:
    services.catalogue.set_setting(
        "owner_email", OWNER, actor=SHARED_COUNTER
    )  # but no mobile number
    give_salon_address(services.db)
    with pytest.raises(InvalidField) as missing:
        services.campaign_tests.send(
            DRAFT, [Channel.EMAIL, Channel.SMS], lambda: make_sync(services, fake, clock)
        )
    assert missing.value.field == "owner_mobile"
    assert fake.sent_items == []


def test_a_gateway_error_on_the_first_channel_is_raised(
    services: Services, owner: None, fake: FakeGateway, clock: Clock
) -> None:
    fake.fail_next(method="send_messages", kind="unreachable")
    with pytest.raises(GatewayError):
        services.campaign_tests.send(
            DRAFT, [Channel.EMAIL, Channel.SMS], lambda: make_sync(services, fake, clock)
        )
    assert fake.sent_items == []
    assert fake.closed


class SecondSendFails(FakeGateway):
    """A gateway that goes away after the first message."""

    def send_messages(self, items: Sequence[OutgoingMessage]) -> list[ItemResult]:
        if self.sent_items:
            raise GatewayError("server_error", "scripted")
        return super().send_messages(items)


def test_a_gateway_error_on_a_later_channel_ends_the_test_there(
    services: Services, owner: None, clock: Clock
) -> None:
    fake = SecondSendFails()
    outcomes = services.campaign_tests.send(
        DRAFT, [Channel.EMAIL, Channel.SMS], lambda: make_sync(services, fake, clock)
    )
    assert [(o.channel, o.error is None) for o in outcomes] == [
        (Channel.EMAIL, True),
        (Channel.SMS, False),
    ]
    assert isinstance(outcomes[1].error, GatewayError)
    assert [item.to for item in fake.sent_items] == [OWNER]
