"""Claims: which delivery worker holds which message, and for how long.

A worker takes due messages (status ``sending``) with a lease in its own name
(``lease_owner``, ``lease_until``). It renews the lease while it works through them (a
heartbeat, and before each hand-over once a third of the lease has passed); claims
whose lease ran out belong to a worker that died and go back to ``accepted``. Claims of
a live worker, in this process or another, are never touched.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, update

from desk_gateway.context import Gateway
from desk_gateway.db.models import Message
from desk_sql.results import affected_rows

log = logging.getLogger(__name__)


def new_worker_id() -> str:
    """Unique per worker: host, process and a random part (a pid may come back)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


class Claims:
    """The leases of one worker (``worker_id``), each ``lease`` long."""

    def __init__(self, gw: Gateway, worker_id: str, lease: timedelta) -> None:
        self._gw = gw
        self.worker_id = worker_id
        self.lease = lease

    def take(self, message: Message, now: datetime) -> None:
        """Claim a message found due (inside the transaction that found it)."""
        message.status = "sending"
        message.lease_owner, message.lease_until = self.worker_id, now + self.lease

    def release_expired(self) -> int:
        """Claims whose lease ran out (their worker died) are due again; returns how many."""
        now = self._gw.clock()
        with self._gw.db.write() as s:
            released = s.execute(
                update(Message)
                .where(
                    Message.status == "sending",
                    or_(Message.lease_until.is_(None), Message.lease_until < now),
                )
                .values(status="accepted", lease_owner=None, lease_until=None)
                .returning(Message.id)
                .execution_options(synchronize_session=False)
            ).all()
        if released:
            log.info("%d messages of a stopped delivery worker are due again", len(released))
        return len(released)

    def renew_all(self) -> int:
        """Extend the lease of every message this worker holds; returns how many."""
        now = self._gw.clock()
        with self._gw.db.write() as s:
            renewed = s.execute(
                update(Message)
                .where(Message.lease_owner == self.worker_id, Message.status == "sending")
                .values(lease_until=now + self.lease)
                .execution_options(synchronize_session=False)
            )
            return affected_rows(renewed)

    def renew(self, message_ids: Collection[int]) -> set[int]:
        """Extend the lease of these messages; returns those still this worker's (a claim
        lost meanwhile belongs to another worker now)."""
        now = self._gw.clock()
        with self._gw.db.write() as s:
            return set(
                s.scalars(
                    update(Message)
                    .where(self._held(message_ids))
                    .values(lease_until=now + self.lease)
                    .returning(Message.id)
                    .execution_options(synchronize_session=False)
                )
            )

    def give_back(self, message_ids: Collection[int]) -> None:
        """Claims this worker will not get to are due again at once."""
        if not message_ids:
            return
        with self._gw.db.write() as s:
            s.execute(
                update(Message)
                .where(self._held(message_ids))
                .values(status="accepted", lease_owner=None, lease_until=None)
                .execution_options(synchronize_session=False)
            )

    def _held(self, message_ids: Collection[int]) -> ColumnElement[bool]:
        """These messages, as far as this worker still holds them."""
        return and_(
            Message.id.in_(list(message_ids)),
            Message.lease_owner == self.worker_id,
            Message.status == "sending",
        )

    def keep_alive(self, stop: threading.Event) -> None:
        """The heartbeat (a thread of its own): renew every third of the lease until
        ``stop``, also while one hand-over takes long (a slow SMTP server, an SMS provider
        near its timeout): a claim must only run out when its worker is gone, or a slow
        message would go out twice."""
        while not stop.wait(self.lease.total_seconds() / 3):
            try:
                self.renew_all()
            except Exception:  # logged; the next beat tries again
                log.warning("delivery claims could not be renewed", exc_info=True)
