"""Who customers see as the sender of a message, per channel (protocol v1
``sender_name``), read from the salon's settings once per hand-over."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.enums import Channel
from desk_app.services.salon_setup import SENDER_KEY

SENDER_NAME_MAX = 40  # protocol v1: sender_name of a message item


@dataclass(frozen=True)
class SenderNames:
    """What customers see as the sender, per channel; None: the gateway's own default.

    Email: the salon name as the From display name (the address stays the gateway's).
    SMS: the sender name of the settings (the gateway uses it if it is a valid
    alphanumeric sender, else its own).
    """

    email: str | None = None
    sms: str | None = None

    def of(self, channel: str) -> str | None:
        if channel == Channel.EMAIL.value:
            return self.email
        if channel == Channel.SMS.value:
            return self.sms
        return None


def sender_names(s: Session) -> SenderNames:
    """Both names from the settings, only where the owner set them (sender_name has no
    default: "" or no row means none)."""
    keys = ("salon_name", SENDER_KEY)
    rows = s.execute(select(m.Setting.key, m.Setting.value).where(m.Setting.key.in_(keys)))
    stored = {key: value for key, value in rows}
    return SenderNames(email=_sender(stored.get("salon_name")), sms=_sender(stored.get(SENDER_KEY)))


def load_sender_names(db: Database) -> SenderNames:
    with db.read() as s:
        return sender_names(s)


def _sender(value: str | None) -> str | None:
    """One line, at most what the protocol takes (a long salon name is cut, not refused)."""
    return " ".join((value or "").split())[:SENDER_NAME_MAX].strip() or None
