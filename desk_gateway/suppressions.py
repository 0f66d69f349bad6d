"""Writing the suppression list (keyed address hashes; ``models.Suppression``).

Reasons: ``bounced`` and ``erased`` block every message to the address (an erased
customer may still get the confirmation request of a new declaration); ``objected`` (the
number sent STOP) blocks what an objection blocks (``enforcement.NEEDS_NO_OPT_OUT``) for
whoever is stored at that number, and is lifted by a new confirmed double opt-in there.
A stronger reason replaces ``objected``; ``objected`` never replaces a stronger one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from desk_gateway.db.models import Suppression
from desk_gateway.enforcement import NEEDS_NO_OPT_OUT

OBJECTED = "objected"


def suppress_statement(
    dialect: str, installation_id: int, hashed: str, reason: str, at: datetime
) -> Any:
    """The INSERT that suppresses ``hashed`` for ``reason`` (see the module docstring)."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(Suppression).values(
        installation_id=installation_id, address_hash=hashed, reason=reason, at=at
    )
    if reason == OBJECTED:
        return statement.on_conflict_do_nothing()
    return statement.on_conflict_do_update(
        index_elements=[Suppression.installation_id, Suppression.address_hash],
        set_={"reason": reason, "at": at},
        where=Suppression.reason == OBJECTED,
    )


def blocks(reason: str | None, category: str) -> bool:
    """Whether a suppression for ``reason`` blocks a message of ``category``."""
    if reason is None:
        return False
    if reason == OBJECTED:
        return category in NEEDS_NO_OPT_OUT
    return not (reason == "erased" and category == "consent_request")
