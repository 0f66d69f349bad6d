"""Consent per channel, derived from the append-only consent ledger (DESIGN.md section 2).

The ledger is the only truth: nothing here is stored, everything is recomputed from
the entries. Staff can declare and revoke; only the customer's own click confirms.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from desk_app.domain.enums import Channel, ConsentEvent, ConsentSource, ConsentState

# A declaration not confirmed within this window expires (DESIGN.md section 2).
CONFIRMATION_WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class LedgerEntry:
    """One ledger row as the domain sees it. ``channel`` is None for an objection."""

    event: ConsentEvent
    at: datetime
    channel: Channel | None
    source: ConsentSource | None = None
    staff: str | None = None
    request_id: str | None = None
    statement_version: str | None = None
    statement_sha256: str | None = None
    ip: str | None = None
    user_agent: str | None = None
    message_id: str | None = None
    address: str | None = None  # a declaration's: the address its request went to


@dataclass(frozen=True)
class ChannelConsent:
    """State of one channel plus the evidence that led to it."""

    state: ConsentState = ConsentState.NONE
    since: datetime | None = None
    source: ConsentSource | None = None
    request_id: str | None = None
    declaration: LedgerEntry | None = None
    confirmation: LedgerEntry | None = None
    history: tuple[LedgerEntry, ...] = ()
    # The ``address_changed`` entry that ended the last request or consent, until the
    # next declaration: staff are told why a consent they remember is gone.
    ended_by_address_change: LedgerEntry | None = None


@dataclass(frozen=True)
class ConsentStatus:
    objected: bool
    objected_at: datetime | None
    channels: Mapping[Channel, ChannelConsent] = field(default_factory=dict)

    def state(self, channel: Channel) -> ConsentState:
        return self.channels[channel].state


@dataclass
class _Channel:
    state: ConsentState = ConsentState.NONE
    since: datetime | None = None
    source: ConsentSource | None = None
    declaration: LedgerEntry | None = None
    confirmation: LedgerEntry | None = None
    history: list[LedgerEntry] = field(default_factory=list)
    ended_by_address_change: LedgerEntry | None = None

    def freeze(self) -> ChannelConsent:
        return ChannelConsent(
            state=self.state,
            since=self.since,
            source=self.source,
            request_id=self.declaration.request_id if self.declaration else None,
            declaration=self.declaration,
            confirmation=self.confirmation,
            history=tuple(self.history),
            ended_by_address_change=self.ended_by_address_change,
        )


def _matches_declaration(entry: LedgerEntry, channel: _Channel) -> bool:
    if channel.state is not ConsentState.PENDING or channel.declaration is None:
        return False
    if entry.request_id is None or entry.request_id != channel.declaration.request_id:
        return False
    return entry.at - channel.declaration.at <= CONFIRMATION_WINDOW


def _expire_if_due(channel: _Channel, moment: datetime) -> None:
    """A pending declaration older than the window at ``moment`` has expired by then."""
    if (
        channel.state is ConsentState.PENDING
        and channel.declaration is not None
        and moment - channel.declaration.at > CONFIRMATION_WINDOW
    ):
        channel.state = ConsentState.EXPIRED
        channel.since = channel.declaration.at + CONFIRMATION_WINDOW


def _end_for_new_address(entry: LedgerEntry, channel: _Channel) -> None:
    """The request or consent the entry names was for the old address: it ends, and the
    channel is back to ``none`` (the new address was never asked, let alone confirmed).
    Only the one it names: a declaration for the new address (recorded after the change,
    perhaps with an earlier time from another counter PC's clock) is not touched."""
    if (
        channel.state not in (ConsentState.PENDING, ConsentState.CONFIRMED)
        or channel.declaration is None
        or entry.request_id is None
        or entry.request_id != channel.declaration.request_id
    ):
        return
    channel.state, channel.since, channel.source = ConsentState.NONE, entry.at, None
    channel.declaration, channel.confirmation = None, None
    channel.ended_by_address_change = entry


def derive_consent(entries: Iterable[LedgerEntry], now: datetime) -> ConsentStatus:
    """Replay the ledger (in time order, ties in ledger order) into per-channel states."""
    channels = {ch: _Channel() for ch in Channel}
    objected_at: datetime | None = None
    ordered = sorted(enumerate(entries), key=lambda pair: (pair[1].at, pair[0]))
    for _, entry in ordered:
        for ch in channels.values():
            _expire_if_due(ch, entry.at)
        if entry.event is ConsentEvent.OBJECTED:
            objected_at = entry.at
            # An objection withdraws every consent given so far, on every channel.
            for ch in channels.values():
                ch.history.append(entry)
                if ch.state in (ConsentState.PENDING, ConsentState.CONFIRMED):
                    ch.state, ch.since, ch.source = ConsentState.REVOKED, entry.at, entry.source
            continue
        if entry.channel is None:
            continue
        ch = channels[entry.channel]
        ch.history.append(entry)
        if entry.event is ConsentEvent.DECLARED:
            if ch.state is ConsentState.CONFIRMED:
                continue  # a repeated declaration never downgrades a confirmed consent
            ch.state, ch.since, ch.source = ConsentState.PENDING, entry.at, entry.source
            ch.declaration, ch.confirmation = entry, None
            ch.ended_by_address_change = None
        elif entry.event is ConsentEvent.CONFIRMED:
            if _matches_declaration(entry, ch):
                ch.state, ch.since, ch.confirmation = ConsentState.CONFIRMED, entry.at, entry
                # A new, confirmed double opt-in lifts the customer-level objection.
                objected_at = None
        elif entry.event is ConsentEvent.EXPIRED:
            if ch.state is ConsentState.PENDING and (
                entry.request_id is None
                or ch.declaration is None
                or entry.request_id == ch.declaration.request_id
            ):
                ch.state, ch.since = ConsentState.EXPIRED, entry.at
        elif entry.event is ConsentEvent.REVOKED:
            ch.state, ch.since, ch.source = ConsentState.REVOKED, entry.at, entry.source
        elif entry.event is ConsentEvent.ADDRESS_CHANGED:
            _end_for_new_address(entry, ch)
        # REQUEST_SENT and LINK_VIEWED are evidence only.
    for ch in channels.values():
        _expire_if_due(ch, now)
    return ConsentStatus(
        objected=objected_at is not None,
        objected_at=objected_at,
        channels={name: ch.freeze() for name, ch in channels.items()},
    )
