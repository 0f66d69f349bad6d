"""The guard on switching personal sign-in on (issue 12), inside the caller's transaction.

With ``staff_sign_in`` on, the shared counter sign-in may do nothing guarded any more
(``access_guard``), so the salon must have someone who can sign in and switch it off
again, or change settings and staff: an active owner with a PIN. Without one the switch
is refused, in the window and on the command line alike (both store through
``settings_store.store_settings``).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import StaffRole
from desk_app.domain.errors import InvalidField

KEY = "staff_sign_in"


def check_sign_in_switch(s: Session, stored: Mapping[str, str], was_on: bool) -> None:
    """Refuse (``InvalidField("staff_sign_in", "no_owner_pin")``) switching sign-in on
    while no active owner has a PIN. Saving "on" again when it is on already is no
    switch: a form saved whole must not fail on it."""
    if stored.get(KEY) != "on" or was_on:
        return
    owner_with_pin = s.scalar(
        select(m.StaffCredential.staff_id)
        .join(m.Staff, m.Staff.id == m.StaffCredential.staff_id)
        .where(m.Staff.role == StaffRole.OWNER.value, m.Staff.active.is_(True))
        .limit(1)
    )
    if owner_with_pin is None:
        raise InvalidField(KEY, "no_owner_pin")
