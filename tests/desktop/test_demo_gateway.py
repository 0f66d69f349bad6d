"""The local demo gateway knows the demo salon's confirmed consents, so a demo campaign
is delivered (to the capture mailbox) instead of being refused with ``no_basis``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_app.bootstrap import open_sync
from desk_app.desktop.demo_gateway import DemoGateway, start_demo_gateway
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import OutboxStatus
from desk_app.services.campaign_rows import CampaignDraft
from desk_app.services.container import Services


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[DemoGateway]:
    gateway = start_demo_gateway(tmp_path)
    yield gateway
    gateway.stop()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_demo_campaign_goes_through_the_demo_gateway(services: Services, demo: DemoGateway) -> None:
    services.demo.fill(customers=60)
    services.catalogue.set_setting("gateway_url", demo.url, actor=SHARED_COUNTER)
    confirmed = services.consent.confirmed_declarations()
    assert confirmed, "the demo salon has confirmed consents"
    assert demo.learn_consents(confirmed) == len(confirmed)
    assert demo.learn_consents(confirmed) == 0  # known now: nothing twice

    row = services.campaigns.send(
        CampaignDraft(
            name="Demo",
            type=CampaignType.PROMOTION,
            channel=ChannelChoice.EMAIL,
            subject="Hallo {{ first_name }}",
            body="Winteraktion bei {{ salon_name }}",
        ),
        actor=SHARED_COUNTER,
    )
    assert row.queued > 0
    sync = open_sync(services, token=demo.token)
    try:
        report = sync.run_once()
    finally:
        sync.close()
    assert report.ok
    statuses = services.campaigns.result(row.id).by_status
    assert OutboxStatus.REJECTED.value not in statuses
    assert sum(statuses.values()) == row.queued
