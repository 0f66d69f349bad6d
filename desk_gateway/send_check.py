"""The rules once more for one message, right before its hand-over.

A round claims up to a hundred messages at once; while it hands them over one by one, a
customer may unsubscribe, an address may bounce, a salon may erase a customer (which
takes the customer's messages back itself). So before each hand-over the message's own
status, the customer's opt-out and the address's suppression are read again, in one
statement. A message refused now is ``rejected`` (``suppressed``) with its event, and
only if this worker still holds its claim.

This runs once per delivered message: on SQLite the read goes to the driver directly
(the statement machinery costs more than SQLite needs for three primary-key lookups).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select, update

from desk_gateway.context import Gateway
from desk_gateway.db.models import Message, OptOut, Suppression
from desk_gateway.enforcement import NEEDS_NO_OPT_OUT
from desk_gateway.events import NewEvent, append_events_in_order
from desk_gateway.outcomes import Job
from desk_gateway.suppressions import blocks as suppression_blocks
from desk_gateway.tokens import address_hash
from desk_sql.errors import known_storage_errors
from desk_sql.results import affected_rows

_STANDING = select(
    select(Message.status)
    .where(Message.id == bindparam("message"), Message.lease_owner == bindparam("owner"))
    .scalar_subquery(),
    select(OptOut.at)
    .where(
        OptOut.installation_id == bindparam("installation"),
        OptOut.customer_ref == bindparam("customer"),
    )
    .scalar_subquery(),
    select(Suppression.reason)
    .where(
        Suppression.installation_id == bindparam("installation"),
        Suppression.address_hash == bindparam("hash"),
    )
    .scalar_subquery(),
)
_SQLITE_STANDING = (
    "SELECT (SELECT status FROM messages WHERE id = ? AND lease_owner = ?),"
    " (SELECT 1 FROM opt_outs WHERE installation_id = ? AND customer_ref = ?),"
    " (SELECT reason FROM suppressions WHERE installation_id = ? AND address_hash = ?)"
)


class SendCheck:
    def __init__(self, gw: Gateway, worker_id: str) -> None:
        self._gw = gw
        self._worker_id = worker_id
        self._sqlite = gw.db.engine.dialect.name == "sqlite"

    def allows(self, job: Job) -> bool:
        """True if the message may go out now; False if it was refused (and recorded so)
        or is no longer this worker's to send."""
        hashed = address_hash(self._gw.secret_key, job.to)
        status, opted_out, suppression = self._standing(job, hashed)
        if status != "sending":
            return False  # taken back meanwhile (an erasure), or claimed by another worker
        opted = opted_out is not None and job.category in NEEDS_NO_OPT_OUT
        if not (opted or suppression_blocks(suppression, job.category)):
            return True
        self._refuse(job)
        return False

    def _standing(self, job: Job, hashed: str) -> tuple[Any, Any, Any]:
        with known_storage_errors():
            if self._sqlite:
                raw = self._gw.db.engine.raw_connection()
                try:
                    cursor = raw.cursor()
                    cursor.execute(
                        _SQLITE_STANDING,
                        (
                            job.message_id,
                            self._worker_id,
                            job.installation_id,
                            job.customer_ref,
                            job.installation_id,
                            hashed,
                        ),
                    )
                    row = cursor.fetchone()
                    cursor.close()
                    raw.rollback()  # nothing was written: end the read
                finally:
                    raw.close()
                # Three scalar subqueries: always exactly one row.
                assert row is not None
                return row[0], row[1], row[2]
            with self._gw.db.engine.connect() as connection:
                params = {
                    "message": job.message_id,
                    "owner": self._worker_id,
                    "installation": job.installation_id,
                    "customer": job.customer_ref,
                    "hash": hashed,
                }
                status, opted_out, suppression = connection.execute(_STANDING, params).one()
                return status, opted_out, suppression

    def _refuse(self, job: Job) -> None:
        with self._gw.db.write() as s:
            refused = s.execute(
                update(Message)
                .where(
                    Message.id == job.message_id,
                    Message.lease_owner == self._worker_id,
                    Message.status == "sending",
                )
                .values(
                    status="rejected", reject_code="suppressed", lease_owner=None, lease_until=None
                )
                .execution_options(synchronize_session=False)
            )
            if affected_rows(refused):
                event = NewEvent(
                    "message.rejected",
                    self._gw.clock(),
                    job.customer_ref,
                    job.client_id,
                    job.channel,
                    {"code": "suppressed"},
                )
                append_events_in_order(s, {job.installation_id: [event]})
