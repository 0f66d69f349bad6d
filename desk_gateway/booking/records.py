"""The gateway's record of a booking, kept from the desktop's messages about it.

A message item with ``booking`` tells the booking as the desktop knows it now: the latest
message wins. The record is what the manage page (/m/{token}) shows and changes; its token
is an HMAC of the booking's ref (recomputed when a message is sent, like /c and /u), and
only the token's hash is kept.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_gateway.context import Gateway
from desk_gateway.db.models import Booking, BookingSite
from desk_gateway.schemas import BookingInfo
from desk_gateway.tokens import link_token, sha256_hex

MANAGE_PURPOSE = "m"


def manage_token(gw: Gateway, installation_id: int, booking_ref: str) -> str:
    return link_token(gw.secret_key, MANAGE_PURPOSE, installation_id, booking_ref)


def manage_url(gw: Gateway, installation_id: int, booking_ref: str) -> str:
    return gw.config.link(f"/m/{manage_token(gw, installation_id, booking_ref)}")


def keep_booking(
    gw: Gateway,
    s: Session,
    installation_id: int,
    booking: BookingInfo,
    customer_ref: str,
    language: str,
    now: datetime,
) -> Booking:
    """Insert or update the booking (inside the intake's transaction). What the desktop
    says replaces what the page asked for: its message answers the request."""
    row = s.scalar(
        select(Booking)
        .where(Booking.installation_id == installation_id, Booking.ref == booking.ref)
        .with_for_update()
    )
    if row is None:
        row = Booking(
            installation_id=installation_id,
            ref=booking.ref,
            token_hash=sha256_hex(manage_token(gw, installation_id, booking.ref)),
        )
        s.add(row)
    row.customer_ref = customer_ref
    row.treatment = booking.treatment
    row.staff = booking.staff
    row.treatment_id = booking.treatment_id
    row.staff_id = booking.staff_id
    row.starts_at = booking.starts_at
    row.ends_at = booking.ends_at
    row.cancel_until = booking.cancel_until
    row.state = booking.state
    row.language = language
    row.public_name = s.scalar(
        select(BookingSite.public_name).where(BookingSite.installation_id == installation_id)
    )
    row.change_request_id = None
    row.change_starts_at = None
    row.updated_at = now
    return row
