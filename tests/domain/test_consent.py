"""Per-channel consent derived from the append-only ledger (DESIGN.md section 2)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desk_app.domain.consent import LedgerEntry, derive_consent
from desk_app.domain.enums import Channel, ConsentEvent, ConsentSource, ConsentState

EMAIL, SMS = Channel.EMAIL, Channel.SMS
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def declared(
    at: datetime = T0, channel: Channel = EMAIL, request_id: str = "req-1", **kw: object
) -> LedgerEntry:
    kw.setdefault("source", ConsentSource.PHONE)
    return LedgerEntry(ConsentEvent.DECLARED, at, channel, request_id=request_id, **kw)


def confirmed(
    at: datetime = T0 + DAY, channel: Channel = EMAIL, request_id: str | None = "req-1"
) -> LedgerEntry:
    return LedgerEntry(
        ConsentEvent.CONFIRMED,
        at,
        channel,
        source=ConsentSource.LINK,
        request_id=request_id,
        ip="203.0.113.7",
        user_agent="Mozilla/5.0 (iPhone)",
    )


def revoked(
    at: datetime, channel: Channel = EMAIL, source: ConsentSource = ConsentSource.SMS_REPLY
) -> LedgerEntry:
    return LedgerEntry(ConsentEvent.REVOKED, at, channel, source=source)


def objected(at: datetime) -> LedgerEntry:
    return LedgerEntry(ConsentEvent.OBJECTED, at, None, source=ConsentSource.LINK)


def test_empty_ledger_is_none_on_every_channel() -> None:
    status = derive_consent([], now=T0)
    assert not status.objected
    assert status.objected_at is None
    assert {channel: status.state(channel) for channel in Channel} == {
        EMAIL: ConsentState.NONE,
        SMS: ConsentState.NONE,
    }


def test_declared_is_pending_on_that_channel_only() -> None:
    entry = declared(channel=SMS, source=ConsentSource.IN_PERSON, staff="lena")
    status = derive_consent([entry], now=T0 + DAY)
    sms = status.channels[SMS]
    assert sms.state is ConsentState.PENDING
    assert sms.since == T0
    assert sms.source is ConsentSource.IN_PERSON
    assert sms.request_id == "req-1"
    assert sms.declaration == entry
    assert status.state(EMAIL) is ConsentState.NONE


def test_confirmation_with_matching_request_id_confirms() -> None:
    click = confirmed(at=T0 + 2 * DAY)
    status = derive_consent([declared(), click], now=T0 + 3 * DAY)
    email = status.channels[EMAIL]
    assert email.state is ConsentState.CONFIRMED
    assert email.since == T0 + 2 * DAY
    assert email.confirmation == click
    assert status.state(SMS) is ConsentState.NONE


def test_confirmation_of_email_does_not_confirm_sms() -> None:
    entries = [declared(channel=EMAIL), declared(channel=SMS), confirmed(channel=EMAIL)]
    status = derive_consent(entries, now=T0 + 2 * DAY)
    assert status.state(EMAIL) is ConsentState.CONFIRMED
    assert status.state(SMS) is ConsentState.PENDING


def test_confirmation_with_wrong_request_id_is_ignored() -> None:
    status = derive_consent([declared(), confirmed(request_id="req-OTHER")], now=T0 + 2 * DAY)
    assert status.state(EMAIL) is ConsentState.PENDING
    assert status.channels[EMAIL].confirmation is None


def test_confirmation_for_an_older_declaration_is_ignored() -> None:
    entries = [
        declared(at=T0, request_id="req-1"),
        declared(at=T0 + DAY, request_id="req-2"),
        confirmed(at=T0 + 2 * DAY, request_id="req-1"),
    ]
    status = derive_consent(entries, now=T0 + 3 * DAY)
    assert status.state(EMAIL) is ConsentState.PENDING
    assert status.channels[EMAIL].request_id == "req-2"


def test_confirmation_on_the_last_day_of_the_window_counts() -> None:
    status = derive_consent([declared(), confirmed(at=T0 + 30 * DAY)], now=T0 + 40 * DAY)
    assert status.state(EMAIL) is ConsentState.CONFIRMED


def test_confirmation_after_30_days_is_ignored() -> None:
    late = T0 + 30 * DAY + timedelta(seconds=1)
    status = derive_consent([declared(), confirmed(at=late)], now=late)
    email = status.channels[EMAIL]
    assert email.state is ConsentState.EXPIRED
    assert email.confirmation is None


def test_pending_for_exactly_30_days_is_still_pending() -> None:
    status = derive_consent([declared()], now=T0 + 30 * DAY)
    assert status.state(EMAIL) is ConsentState.PENDING


def test_pending_older_than_30_days_expires_at_declaration_plus_30_days() -> None:
    status = derive_consent([declared()], now=T0 + 45 * DAY)
    email = status.channels[EMAIL]
    assert email.state is ConsentState.EXPIRED
    assert email.since == T0 + 30 * DAY


def test_expired_event_from_the_gateway_expires_the_matching_request_only() -> None:
    gateway_expired = LedgerEntry(ConsentEvent.EXPIRED, T0 + 5 * DAY, EMAIL, request_id="req-1")
    other_request = LedgerEntry(ConsentEvent.EXPIRED, T0 + 5 * DAY, SMS, request_id="req-OLD")
    entries = [
        declared(),
        declared(channel=SMS, request_id="req-9"),
        gateway_expired,
        other_request,
    ]
    status = derive_consent(entries, now=T0 + 6 * DAY)
    assert status.state(EMAIL) is ConsentState.EXPIRED
    assert status.channels[EMAIL].since == T0 + 5 * DAY
    assert status.state(SMS) is ConsentState.PENDING


def test_revoke_withdraws_a_confirmed_consent() -> None:
    withdrawal = revoked(T0 + 10 * DAY, source=ConsentSource.WRITTEN)
    status = derive_consent([declared(), confirmed(), withdrawal], now=T0 + 11 * DAY)
    email = status.channels[EMAIL]
    assert email.state is ConsentState.REVOKED
    assert email.since == T0 + 10 * DAY
    assert email.source is ConsentSource.WRITTEN
    assert not status.objected


def test_revoke_of_a_pending_declaration_stops_a_later_click() -> None:
    entries = [declared(), revoked(T0 + DAY), confirmed(at=T0 + 2 * DAY)]
    status = derive_consent(entries, now=T0 + 3 * DAY)
    assert status.state(EMAIL) is ConsentState.REVOKED


def test_objection_revokes_every_channel_and_sets_objected() -> None:
    entries = [
        declared(channel=EMAIL, request_id="e1"),
        confirmed(channel=EMAIL, request_id="e1"),
        declared(channel=SMS, request_id="s1"),
        objected(T0 + 5 * DAY),
    ]
    status = derive_consent(entries, now=T0 + 6 * DAY)
    assert status.objected
    assert status.objected_at == T0 + 5 * DAY
    for channel in Channel:
        assert status.state(channel) is ConsentState.REVOKED
        assert status.channels[channel].since == T0 + 5 * DAY
        assert status.channels[channel].history[-1] == objected(T0 + 5 * DAY)


def test_objection_leaves_a_channel_without_consent_at_none() -> None:
    status = derive_consent([objected(T0)], now=T0 + DAY)
    assert status.objected
    assert status.state(EMAIL) is ConsentState.NONE
    assert status.state(SMS) is ConsentState.NONE


def test_click_on_a_declaration_from_before_the_objection_does_not_lift_it() -> None:
    entries = [declared(), objected(T0 + DAY), confirmed(at=T0 + 2 * DAY)]
    status = derive_consent(entries, now=T0 + 3 * DAY)
    assert status.objected
    assert status.state(EMAIL) is ConsentState.REVOKED


def test_new_declaration_alone_does_not_lift_the_objection() -> None:
    entries = [objected(T0), declared(at=T0 + DAY, request_id="req-2")]
    status = derive_consent(entries, now=T0 + 2 * DAY)
    assert status.objected
    assert status.state(EMAIL) is ConsentState.PENDING


def test_new_confirmed_double_opt_in_lifts_objection_but_other_channel_stays_revoked() -> None:
    entries = [
        declared(channel=EMAIL, request_id="e1"),
        confirmed(channel=EMAIL, request_id="e1"),
        declared(channel=SMS, request_id="s1"),
        confirmed(channel=SMS, request_id="s1"),
        objected(T0 + 5 * DAY),
        declared(at=T0 + 10 * DAY, channel=EMAIL, request_id="e2"),
        confirmed(at=T0 + 11 * DAY, channel=EMAIL, request_id="e2"),
    ]
    status = derive_consent(entries, now=T0 + 12 * DAY)
    assert not status.objected
    assert status.objected_at is None
    assert status.state(EMAIL) is ConsentState.CONFIRMED
    assert status.state(SMS) is ConsentState.REVOKED


def test_entries_are_replayed_in_time_order_not_list_order() -> None:
    entries = [
        revoked(T0 + 9 * DAY),
        confirmed(at=T0 + DAY),
        declared(at=T0),
    ]
    status = derive_consent(entries, now=T0 + 10 * DAY)
    assert status.state(EMAIL) is ConsentState.REVOKED
    assert [entry.event for entry in status.channels[EMAIL].history] == [
        ConsentEvent.DECLARED,
        ConsentEvent.CONFIRMED,
        ConsentEvent.REVOKED,
    ]


def test_confirmation_listed_before_its_declaration_still_confirms() -> None:
    status = derive_consent([confirmed(at=T0 + DAY), declared(at=T0)], now=T0 + 2 * DAY)
    assert status.state(EMAIL) is ConsentState.CONFIRMED


def test_equal_timestamps_keep_ledger_order() -> None:
    same_time = [declared(at=T0), revoked(T0)]
    assert derive_consent(same_time, now=T0).state(EMAIL) is ConsentState.REVOKED
    reversed_rows = [revoked(T0), declared(at=T0)]
    assert derive_consent(reversed_rows, now=T0).state(EMAIL) is ConsentState.PENDING


def test_evidence_and_full_history_are_kept() -> None:
    declaration = declared(
        staff="lena",
        statement_version="2026-11",
        statement_sha256="ab" * 32,
    )
    sent = LedgerEntry(
        ConsentEvent.REQUEST_SENT, T0 + timedelta(minutes=1), EMAIL, message_id="m-1"
    )
    viewed = LedgerEntry(ConsentEvent.LINK_VIEWED, T0 + timedelta(hours=2), EMAIL, ip="203.0.113.7")
    click = confirmed(at=T0 + timedelta(hours=2, minutes=1))
    status = derive_consent([declaration, sent, viewed, click], now=T0 + DAY)

    email = status.channels[EMAIL]
    assert email.state is ConsentState.CONFIRMED
    assert email.history == (declaration, sent, viewed, click)
    assert email.declaration is not None
    assert email.declaration.staff == "lena"
    assert email.declaration.statement_version == "2026-11"
    assert email.declaration.statement_sha256 == "ab" * 32
    assert email.confirmation is not None
    assert email.confirmation.ip == "203.0.113.7"
    assert email.confirmation.user_agent == "Mozilla/5.0 (iPhone)"
    assert status.channels[SMS].history == ()


def test_request_sent_and_link_viewed_do_not_change_state() -> None:
    entries = [
        declared(),
        LedgerEntry(ConsentEvent.REQUEST_SENT, T0 + DAY, EMAIL, request_id="req-1"),
        LedgerEntry(ConsentEvent.LINK_VIEWED, T0 + 2 * DAY, EMAIL, request_id="req-1"),
    ]
    status = derive_consent(entries, now=T0 + 3 * DAY)
    assert status.state(EMAIL) is ConsentState.PENDING
    assert status.channels[EMAIL].since == T0


# ---- a changed address ends what was asked or confirmed for the old one -------------------
def address_changed(at: datetime, channel: Channel = EMAIL, request_id: str = "req-1"):
    return LedgerEntry(ConsentEvent.ADDRESS_CHANGED, at, channel, request_id=request_id)


def test_an_address_change_voids_the_pending_request_and_a_later_click() -> None:
    change = address_changed(T0 + DAY)
    entries = [declared(), change, confirmed(at=T0 + 2 * DAY)]
    email = derive_consent(entries, now=T0 + 3 * DAY).channels[EMAIL]
    assert email.state is ConsentState.NONE
    assert email.since == T0 + DAY
    assert (email.declaration, email.confirmation) == (None, None)
    assert email.ended_by_address_change == change
    assert [e.event for e in email.history] == [
        ConsentEvent.DECLARED,
        ConsentEvent.ADDRESS_CHANGED,
        ConsentEvent.CONFIRMED,
    ]


def test_an_address_change_ends_a_confirmed_consent_on_its_channel_only() -> None:
    entries = [
        declared(channel=EMAIL),
        declared(channel=SMS, request_id="req-s"),
        confirmed(channel=EMAIL),
        confirmed(channel=SMS, request_id="req-s"),
        address_changed(T0 + 3 * DAY),
    ]
    status = derive_consent(entries, now=T0 + 4 * DAY)
    assert status.state(EMAIL) is ConsentState.NONE
    assert status.state(SMS) is ConsentState.CONFIRMED
    assert status.channels[SMS].ended_by_address_change is None


def test_a_click_before_the_change_confirmed_the_old_address_then_ended() -> None:
    """The click arrives late through the sync but happened before the change: it did
    confirm the old address, and the change ended that consent."""
    entries = [declared(), address_changed(T0 + 3 * DAY), confirmed(at=T0 + 2 * DAY)]
    email = derive_consent(entries, now=T0 + 4 * DAY).channels[EMAIL]
    assert email.state is ConsentState.NONE
    assert email.ended_by_address_change is not None


def test_an_address_change_naming_another_request_ends_nothing() -> None:
    """A declaration for the new address (another counter PC, its clock a little behind)
    is not ended by the change that named the old request."""
    entries = [
        declared(at=T0, request_id="req-old"),
        declared(at=T0 + DAY, request_id="req-new"),
        address_changed(T0 + DAY + timedelta(seconds=5), request_id="req-old"),
    ]
    email = derive_consent(entries, now=T0 + 2 * DAY).channels[EMAIL]
    assert email.state is ConsentState.PENDING
    assert email.request_id == "req-new"


def test_a_new_declaration_clears_the_address_change_notice() -> None:
    entries = [declared(), address_changed(T0 + DAY), declared(T0 + 2 * DAY, request_id="r2")]
    email = derive_consent(entries, now=T0 + 3 * DAY).channels[EMAIL]
    assert email.state is ConsentState.PENDING
    assert email.ended_by_address_change is None


def test_an_address_change_leaves_revoked_and_expired_as_they_are() -> None:
    revoked_entries = [
        declared(),
        confirmed(),
        revoked(T0 + 2 * DAY),
        address_changed(T0 + 3 * DAY),
    ]
    assert derive_consent(revoked_entries, now=T0 + 4 * DAY).state(EMAIL) is ConsentState.REVOKED
    expired_entries = [declared(), address_changed(T0 + 40 * DAY)]
    assert derive_consent(expired_entries, now=T0 + 41 * DAY).state(EMAIL) is ConsentState.EXPIRED
