"""The owner's test send of a campaign: one message per channel to the owner's own address,
straight to the gateway (it never enters the outbox, and no customer gets it).

Plain Python; no Qt here. Talks to the gateway through a ``SyncService`` it opens and
closes; run it on the gateway worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desk_app.domain.enums import Channel
from desk_app.gateway.port import GatewayError
from desk_app.services.campaign_rows import CampaignDraft
from desk_app.services.campaigns import CampaignService
from desk_app.services.sync import SyncService

SyncOpener = Callable[[], SyncService]


@dataclass(frozen=True)
class ChannelTestOutcome:
    """What became of the test on one channel (plain values: the ui never sees the
    gateway's own types). ``refused``: the gateway's rejection code; ``error``: it
    failed on the way, and the channels after it were not tried."""

    channel: Channel
    to: str
    refused: str | None = None
    error: BaseException | None = None


class CampaignTestSend:
    def __init__(self, campaigns: CampaignService) -> None:
        self._campaigns = campaigns

    def send(
        self, draft: CampaignDraft, channels: list[Channel], open_sync: SyncOpener
    ) -> list[ChannelTestOutcome]:
        """One test message per channel to the owner.

        Every message is made before the first is sent, so a missing owner address (an
        InvalidField, raised to the caller) never leaves half the test sent. A gateway
        error on the first channel is raised; on a later one it ends the test there.
        """
        messages = [self._campaigns.test_message(draft, channel) for channel in channels]
        outcomes: list[ChannelTestOutcome] = []
        sync = open_sync()
        try:
            for channel, message in zip(channels, messages, strict=True):
                try:
                    result = sync.send_test(message)
                except GatewayError as exc:
                    if not outcomes:
                        raise
                    outcomes.append(ChannelTestOutcome(channel, message.to, error=exc))
                    break  # the next one would fail the same way
                refused = (result.code or "rejected") if result.effective == "rejected" else None
                outcomes.append(ChannelTestOutcome(channel, message.to, refused))
        finally:
            sync.close()
        return outcomes
