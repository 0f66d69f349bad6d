"""Writing what became of a message: its outcome and events, right after its hand-over.

Each outcome is written in a transaction of its own, and only while the worker still
holds the message's claim (``lease_owner``): a worker that lost its claim (it stood still
longer than its lease, another worker took the message) writes nothing. What an outcome
does to the message and to the desktop's event log:

- sent: ``message.sent`` (and ``consent.request_sent`` for a confirmation request);
- the recipient's address is dead: ``bounced``, the address suppressed, ``message.bounced``;
- refused for good, or impossible to build or hand over: ``failed``, ``message.failed``
  (``code: invalid_message`` for the latter);
- a temporary refusal: tried again later; after ``MAX_ATTEMPTS`` tries ``failed``;
- the transport's fault: back to ``accepted`` with all its tries; no event.

This runs once per delivered message: the statements are built once, and on SQLite the
outcome "sent" goes to the driver directly.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Dialect, String, Table, Update, bindparam, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.types import TypeEngine

from desk_app.domain.text_safety import cleaned
from desk_gateway import health
from desk_gateway.context import Gateway
from desk_gateway.db.models import PROVIDER_ID_LENGTH, Event, Message
from desk_gateway.email_transport import Fault, MailAttachment
from desk_gateway.events import NewEvent, append_events
from desk_gateway.suppressions import suppress_statement
from desk_gateway.tokens import address_hash
from desk_sql.engine import WRITE_OPTIONS
from desk_sql.errors import StorageError, known_storage_errors

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
RETRY_BASE = timedelta(minutes=1)
RETRY_CAP = timedelta(hours=1)
INVALID_MESSAGE = "invalid_message"
_WRITE_ATTEMPTS = 3
_MESSAGES = cast(Table, Message.__table__)
_EVENTS = cast(Table, Event.__table__)
MESSAGE_ID_MAX = int(cast(String, _MESSAGES.c.message_id.type).length or 0)
T = TypeVar("T")


@dataclass(frozen=True)
class Job:
    message_id: int
    installation_id: int
    client_id: str
    kind: str
    category: str
    channel: str
    customer_ref: str
    to: str
    subject: str
    text: str  # rendered, links filled in
    unsubscribe_url: str
    attempts: int
    sender_name: str | None = None  # the desktop's, as it came (None: the configured one)
    attachments: tuple[MailAttachment, ...] = ()  # email only
    carried_request_id: str | None = None  # the consent request whose link this carries


@dataclass(frozen=True)
class Outcome:
    ok: bool
    fault: Fault | None = None
    error: str = ""
    transport_error: str | None = None  # for TRANSPORT: the code /v1/status reports
    provider_id: str | None = None
    email_message_id: str | None = None

    @property
    def transport_works(self) -> bool:
        """The way out answered (whatever it said about this message)."""
        return self.fault not in (Fault.TRANSPORT, Fault.INVALID)


class OutcomeWriter:
    """Writes one worker's outcomes (see the module docstring)."""

    def __init__(self, gw: Gateway, worker_id: str) -> None:
        self._gw = gw
        self._worker_id = worker_id
        # A bare connection, not a session: this runs once per message.
        self._engine = gw.db.engine.execution_options(**WRITE_OPTIONS)
        sqlite = self._engine.dialect.name == "sqlite"
        self._sqlite_sent = _SqliteSent(self._engine.dialect) if sqlite else None

    def write(self, job: Job, outcome: Outcome) -> bool:
        """False if this worker no longer holds the message's claim (nothing written).
        StorageError when the database is unavailable (the caller keeps the outcome)."""
        try:
            return self._write(job, outcome)
        except StorageError:
            raise
        except Exception as exc:  # noqa: BLE001 - values the database refuses, see below
            # Something in what a server or provider said cannot be stored. The hand-over
            # happened all the same: its outcome is written without those words, or the
            # message would go out again once its claim runs out.
            log.error("an outcome could not be stored as it was (%s)", type(exc).__name__)
            bare = Outcome(outcome.ok, outcome.fault, "", outcome.transport_error)
            return self._write(job, bare)

    def _write(self, job: Job, outcome: Outcome) -> bool:
        now = self._gw.clock()
        values, events, bounce = outcome_values(job, outcome, now)
        values.update(lease_owner=None, lease_until=None)
        statement = _outcome_statement(tuple(sorted(values)))
        params = {f"new_{column}": value for column, value in values.items()}
        params |= {"message": job.message_id, "owner": self._worker_id}

        def write() -> bool:
            with known_storage_errors(), self._engine.begin() as s:
                if outcome.ok and self._sqlite_sent is not None:
                    return self._sqlite_sent.write(s, job, self._worker_id, values, events)
                if s.execute(statement, params).first() is None:
                    return False
                if bounce:
                    s.execute(
                        suppress_statement(
                            s.dialect.name,
                            job.installation_id,
                            address_hash(self._gw.secret_key, job.to),
                            "bounced",
                            now,
                        )
                    )
                append_events(s, job.installation_id, events)
                return True

        return _retrying(write)


def outcome_values(
    job: Job, outcome: Outcome, now: datetime
) -> tuple[dict[str, Any], list[NewEvent], bool]:
    """(column values, events, suppress the address?) for one message's outcome."""
    tries = job.attempts + 1
    data: dict[str, Any]
    values: dict[str, Any]
    if outcome.ok:
        shown = outcome.email_message_id or outcome.provider_id
        data = {"message_id": shown if _fits(shown, MESSAGE_ID_MAX) else None}
        events = [_event(job, "message.sent", now, data)]
        if job.kind == "consent_request":
            request = {"request_id": job.client_id, **data}
            events.append(_event(job, "consent.request_sent", now, request))
        elif job.carried_request_id is not None:
            # The link went out in this message: the carried request is sent now. (Its
            # events name the request, as those of a request with a message of its own.)
            request = {"request_id": job.carried_request_id, **data}
            events.append(
                NewEvent(
                    "consent.request_sent",
                    now,
                    job.customer_ref,
                    job.carried_request_id,
                    job.channel,
                    request,
                )
            )
        values = {"status": "sent", "sent_at": now, "attempts": tries, "last_error": None}
        # (Only when given: an indexed column. An id the column cannot hold is not kept:
        # the hand-over happened, and its outcome must be written whatever a provider sent.)
        if _fits(outcome.provider_id, PROVIDER_ID_LENGTH):
            values["provider_id"] = outcome.provider_id
        if _fits(outcome.email_message_id, MESSAGE_ID_MAX):
            values["message_id"] = outcome.email_message_id
        return values, events, False
    error = cleaned(outcome.error[:300])  # a server's words: NUL bytes included
    if outcome.fault is Fault.TRANSPORT:
        # Not this message's fault: it keeps its tries. Pushed behind the others a little,
        # so that a message the transport chokes on does not always go first.
        values = {
            "status": "accepted",
            "last_error": error,
            "next_attempt_at": now + health.BACKOFF_BASE,
        }
        return values, [], False
    if outcome.fault is Fault.RECIPIENT:
        data = {"permanent": True, "error": error}
        values = {"status": "bounced", "attempts": tries, "last_error": error}
        return values, [_event(job, "message.bounced", now, data)], True
    if outcome.fault in (Fault.MESSAGE, Fault.INVALID):
        data = {"error": error, "permanent": True}
        if outcome.fault is Fault.INVALID:
            data = {"error": INVALID_MESSAGE, "permanent": True, "code": INVALID_MESSAGE}
        values = {"status": "failed", "attempts": tries, "last_error": error}
        return values, [_event(job, "message.failed", now, data)], False
    if tries >= MAX_ATTEMPTS:
        data = {"error": error, "permanent": False}
        values = {"status": "failed", "attempts": tries, "last_error": error}
        return values, [_event(job, "message.failed", now, data)], False
    delay = min(RETRY_BASE * 2 ** (tries - 1), RETRY_CAP)
    values = {
        "status": "accepted",
        "attempts": tries,
        "last_error": error,
        "next_attempt_at": now + delay,
    }
    return values, [], False


def _fits(value: str | None, length: int) -> bool:
    return value is not None and 0 < len(value) <= length


def invalid_outcome(exc: BaseException) -> Outcome:
    # The type only: an exception's text may quote the address or the number.
    log.warning("a message could not be handed over (%s); it fails alone", type(exc).__name__)
    return Outcome(False, Fault.INVALID, f"{INVALID_MESSAGE} ({type(exc).__name__})")


def _retrying(write: Callable[[], T]) -> T:
    """Write again after a deadlock or serialisation failure (another process won) or a
    SQLite file that stayed locked past its busy timeout."""
    for attempt in range(_WRITE_ATTEMPTS):
        try:
            return write()
        except (OperationalError, StorageError) as exc:
            retry = isinstance(exc, OperationalError) or exc.kind == "locked"
            if not retry or attempt == _WRITE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


class _SqliteSent:
    """The outcome "sent" on SQLite, through the driver: it is written once per delivered
    message, and on a local file SQLAlchemy's statement machinery costs several times
    what SQLite itself needs (bench/gateway_throughput.py: ~12 % of the throughput). The
    values go through the columns' own bind processors, so they are stored exactly as
    the ORM stores them. Every other outcome, and PostgreSQL, take the ordinary path."""

    _MESSAGE = (
        "UPDATE messages SET status = 'sent', sent_at = ?, attempts = ?, last_error = NULL,"
        " provider_id = coalesce(?, provider_id), message_id = coalesce(?, message_id),"
        " lease_owner = NULL, lease_until = NULL"
        " WHERE id = ? AND lease_owner = ? AND status = 'sending' RETURNING id"
    )
    _ADVANCE = "UPDATE installations SET last_seq = last_seq + ? WHERE id = ? RETURNING last_seq"
    _EVENT = (
        "INSERT INTO events (installation_id, seq, type, at, customer_ref, client_id, channel,"
        " data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )

    def __init__(self, dialect: Dialect) -> None:
        self._time = _processor(_MESSAGES.c.sent_at.type, dialect)
        self._json = _processor(_EVENTS.c.data.type, dialect)

    def write(
        self,
        connection: Connection,
        job: Job,
        worker_id: str,
        values: dict[str, Any],
        events: list[NewEvent],
    ) -> bool:
        driver = connection.connection.driver_connection
        assert driver is not None
        cursor = driver.cursor()  # in the transaction the connection has open
        try:
            cursor.execute(
                self._MESSAGE,
                (
                    self._time(values["sent_at"]),
                    values["attempts"],
                    values.get("provider_id"),
                    values.get("message_id"),
                    job.message_id,
                    worker_id,
                ),
            )
            if cursor.fetchone() is None:
                return False
            cursor.execute(self._ADVANCE, (len(events), job.installation_id))
            first = int(cursor.fetchone()[0]) - len(events) + 1
            cursor.executemany(
                self._EVENT,
                [
                    (
                        job.installation_id,
                        first + offset,
                        event.type,
                        self._time(event.at),
                        event.customer_ref,
                        event.client_id,
                        event.channel,
                        self._json(event.data),
                    )
                    for offset, event in enumerate(events)
                ],
            )
            return True
        finally:
            cursor.close()


def _processor(type_: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any]:
    """What SQLAlchemy does to a value of this column type before the driver sees it."""
    process = type_.dialect_impl(dialect).bind_processor(dialect)
    return process if process is not None else _same


def _same(value: Any) -> Any:
    return value


@functools.cache
def _outcome_statement(columns: tuple[str, ...]) -> Update:
    """UPDATE of one message's outcome, guarded by its claim; built once per set of
    columns (building a statement costs more than running it)."""
    return (
        update(_MESSAGES)
        .where(
            _MESSAGES.c.id == bindparam("message"),
            _MESSAGES.c.lease_owner == bindparam("owner"),
            _MESSAGES.c.status == "sending",
        )
        .values({column: bindparam(f"new_{column}") for column in columns})
        .returning(_MESSAGES.c.id)
    )


def _event(job: Job, type_: str, at: datetime, data: dict[str, Any]) -> NewEvent:
    return NewEvent(type_, at, job.customer_ref, job.client_id, job.channel, data)
