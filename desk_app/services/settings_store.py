"""Reading salon-wide settings inside a caller's transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desk_app.db import models as m

DEFAULT_SETTINGS = {
    "salon_name": "Salon",
    "time_zone": "Europe/Berlin",
    "language": "de",
    "gateway_url": "",
}


def setting(session: Session, key: str) -> str:
    row = session.get(m.Setting, key)
    return row.value if row is not None else DEFAULT_SETTINGS[key]
