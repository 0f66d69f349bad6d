"""Reading and writing the salon settings declared in ``desk_app.domain.salon_settings``.

``read_settings`` builds the typed ``SalonSettings`` once inside a caller's transaction;
``store_settings`` checks every value through the declarations (and the sending hours as
a pair) before anything is written. The window and ``desk-app settings set`` both store
through here (``CatalogueService.set_settings``), so they accept and refuse alike.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.salon_settings import (
    DEFAULT_SETTINGS,
    QUIET_HOURS,
    SalonSettings,
    check_sending_hours,
    normalise_setting,
)
from desk_app.services.sign_in_switch import KEY as SIGN_IN_KEY
from desk_app.services.sign_in_switch import check_sign_in_switch


def stored_settings(session: Session) -> dict[str, str]:
    """Every setting as stored text, defaults filled in (what ``settings show`` prints)."""
    stored = {row.key: row.value for row in session.scalars(select(m.Setting))}
    return {key: stored.get(key, default) for key, default in DEFAULT_SETTINGS.items()}


def read_settings(session: Session) -> SalonSettings:
    """The typed settings, read in one query."""
    return SalonSettings.from_stored(stored_settings(session))


def _stored_setting(session: Session, key: str) -> str:
    """One setting as stored text (the other end of the sending hours)."""
    row = session.get(m.Setting, key)
    return row.value if row is not None else DEFAULT_SETTINGS[key]


def store_settings(session: Session, changes: Mapping[str, str]) -> dict[str, str]:
    """Check every value first, then store them together; returns the stored forms.

    The sending hours are checked as a pair, with the stored other end when only one
    is given. Personal sign-in is switched on only if an active owner has a PIN.
    """
    stored = {key: normalise_setting(key, value) for key, value in changes.items()}
    check_sign_in_switch(session, stored, _stored_setting(session, SIGN_IN_KEY) == "on")
    if QUIET_HOURS[0] in stored or QUIET_HOURS[1] in stored:
        start, end = (stored.get(key) or _stored_setting(session, key) for key in QUIET_HOURS)
        changed = QUIET_HOURS[0] if QUIET_HOURS[0] in stored else QUIET_HOURS[1]
        check_sending_hours(start, end, changed)
    for key, value in stored.items():
        session.merge(m.Setting(key=key, value=value))
    return stored
