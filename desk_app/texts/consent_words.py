"""Consent states, ledger events and sources in words (panel, dialogs and evidence PDF).

The ledger speaks in codes (``pending``, ``link``); the receptionist and the printed
evidence need sentences such as "Confirmation sent by email on …". One place, so the
panel and the PDF never describe the same entry differently.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale

from desk_app.domain.consent import ChannelConsent, ConsentStatus, LedgerEntry
from desk_app.domain.enums import Channel, ConsentEvent, ConsentSource, ConsentState
from desk_app.texts.wall_clock import wall_clock

STAFF_SOURCES = (ConsentSource.PHONE, ConsentSource.IN_PERSON, ConsentSource.WRITTEN)


def moment(at: datetime, time_zone: str) -> str:
    """Date with the full year and time, in the salon's zone and the user's locale."""
    locale = QLocale()
    date_format = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in date_format:
        # A birthday or a consent from 1926 must not read as 2026.
        date_format = date_format.replace("yy", "yyyy")
    time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
    return locale.toString(wall_clock(at, time_zone), f"{date_format} {time_format}")


def source_text(source: ConsentSource | None) -> str:
    if source is None:
        return ""
    return {
        ConsentSource.PHONE: QCoreApplication.translate("ConsentWords", "by phone"),
        ConsentSource.IN_PERSON: QCoreApplication.translate("ConsentWords", "in person"),
        ConsentSource.WRITTEN: QCoreApplication.translate("ConsentWords", "in writing"),
        ConsentSource.ONLINE: QCoreApplication.translate("ConsentWords", "online booking"),
        ConsentSource.ONLINE_BOOKING: QCoreApplication.translate("ConsentWords", "online booking"),
        ConsentSource.LINK: QCoreApplication.translate("ConsentWords", "link in a message"),
        ConsentSource.SMS_REPLY: QCoreApplication.translate("ConsentWords", "SMS reply (STOP)"),
    }[source]


def event_text(event: ConsentEvent) -> str:
    return {
        ConsentEvent.DECLARED: QCoreApplication.translate("ConsentWords", "Consent declared"),
        ConsentEvent.REQUEST_SENT: QCoreApplication.translate(
            "ConsentWords", "Confirmation request sent"
        ),
        ConsentEvent.LINK_VIEWED: QCoreApplication.translate(
            "ConsentWords", "Confirmation page opened"
        ),
        ConsentEvent.CONFIRMED: QCoreApplication.translate(
            "ConsentWords", "Confirmed by the customer"
        ),
        ConsentEvent.EXPIRED: QCoreApplication.translate("ConsentWords", "Request expired"),
        ConsentEvent.REVOKED: QCoreApplication.translate("ConsentWords", "Consent withdrawn"),
        ConsentEvent.OBJECTED: QCoreApplication.translate(
            "ConsentWords", "Unsubscribed from all advertising"
        ),
        ConsentEvent.ADDRESS_CHANGED: QCoreApplication.translate(
            "ConsentWords", "Address changed: what was asked or confirmed for the old one ended"
        ),
    }[event]


def address_change_notice(channel: Channel, info: ChannelConsent, time_zone: str) -> str | None:
    """Why a consent staff may remember is gone: it was for the address before (None when
    the channel's last request or consent did not end that way)."""
    ended = info.ended_by_address_change
    if ended is None:
        return None
    at = moment(ended.at, time_zone)
    confirmed = any(
        e.event is ConsentEvent.CONFIRMED and e.request_id == ended.request_id and e.at <= ended.at
        for e in info.history
    )
    if confirmed and channel is Channel.EMAIL:
        text = QCoreApplication.translate(
            "ConsentWords",
            "The email address was changed on {time}: the consent confirmed for the old "
            "address has ended. The new address has not been confirmed, so no advertising "
            "goes to it until the customer confirms a new request.",
        )
    elif confirmed:
        text = QCoreApplication.translate(
            "ConsentWords",
            "The mobile number was changed on {time}: the consent confirmed for the old "
            "number has ended. The new number has not been confirmed, so no advertising "
            "goes to it until the customer confirms a new request.",
        )
    elif channel is Channel.EMAIL:
        text = QCoreApplication.translate(
            "ConsentWords",
            "The email address was changed on {time}: the confirmation request sent to the "
            "old address is void. Ask again to send one to the new address.",
        )
    else:
        text = QCoreApplication.translate(
            "ConsentWords",
            "The mobile number was changed on {time}: the confirmation request sent to the "
            "old number is void. Ask again to send one to the new number.",
        )
    return text.format(time=at)


def _latest(
    history: Iterable[LedgerEntry], event: ConsentEvent, since: datetime
) -> LedgerEntry | None:
    found = [e for e in history if e.event is event and e.at >= since]
    return max(found, key=lambda e: e.at) if found else None


def state_text(channel: Channel, info: ChannelConsent, time_zone: str) -> str:
    """The channel's state as a sentence, e.g. "Confirmed on 25.11.2026 09:14 via link"."""
    at = moment(info.since, time_zone) if info.since else ""
    if info.state is ConsentState.PENDING and info.declaration is not None:
        sent = _latest(info.history, ConsentEvent.REQUEST_SENT, info.declaration.at)
        if sent is None:
            text = QCoreApplication.translate(
                "ConsentWords", "Declared on {time}; the confirmation request waits in the outbox"
            ).format(time=moment(info.declaration.at, time_zone))
        elif channel is Channel.EMAIL:
            text = QCoreApplication.translate(
                "ConsentWords", "Confirmation sent by email on {time}"
            ).format(time=moment(sent.at, time_zone))
        else:
            text = QCoreApplication.translate(
                "ConsentWords", "Confirmation sent by SMS on {time}"
            ).format(time=moment(sent.at, time_zone))
        viewed = _latest(info.history, ConsentEvent.LINK_VIEWED, info.declaration.at)
        if viewed is not None:
            text += QCoreApplication.translate("ConsentWords", "; link opened on {time}").format(
                time=moment(viewed.at, time_zone)
            )
        return text
    if info.state is ConsentState.CONFIRMED:
        return QCoreApplication.translate("ConsentWords", "Confirmed on {time} via link").format(
            time=at
        )
    if info.state is ConsentState.EXPIRED:
        return QCoreApplication.translate(
            "ConsentWords", "Not confirmed: the request expired on {time}"
        ).format(time=at)
    if info.state is ConsentState.REVOKED:
        how = source_text(info.source)
        if not how:
            return QCoreApplication.translate("ConsentWords", "Unsubscribed on {time}").format(
                time=at
            )
        return QCoreApplication.translate("ConsentWords", "Unsubscribed on {time} ({how})").format(
            time=at, how=how
        )
    return QCoreApplication.translate("ConsentWords", "No consent")


def is_active(state: ConsentState) -> bool:
    """Pending or confirmed: consent on its way or in place (nothing more to declare)."""
    return state in (ConsentState.PENDING, ConsentState.CONFIRMED)


def history(status: ConsentStatus) -> list[LedgerEntry]:
    """Every ledger entry once, newest first (an objection is in each channel's history)."""
    seen: dict[int, LedgerEntry] = {}
    for info in status.channels.values():
        for entry in info.history:
            seen.setdefault(id(entry), entry)
    return sorted(seen.values(), key=lambda e: e.at, reverse=True)


def evidence_detail(entry: LedgerEntry) -> str:
    """Who or what recorded an entry: the staff member, or the customer's IP and browser."""
    parts = []
    if entry.staff:
        parts.append(
            QCoreApplication.translate("ConsentWords", "recorded by {staff}").format(
                staff=entry.staff
            )
        )
    if entry.ip:
        parts.append(QCoreApplication.translate("ConsentWords", "IP {ip}").format(ip=entry.ip))
    if entry.user_agent:
        parts.append(entry.user_agent)
    if entry.message_id:
        parts.append(
            QCoreApplication.translate("ConsentWords", "message {id}").format(id=entry.message_id)
        )
    if entry.statement_version:
        parts.append(
            QCoreApplication.translate("ConsentWords", "statement {version}").format(
                version=entry.statement_version
            )
        )
    return " · ".join(parts)
