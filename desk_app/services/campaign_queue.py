"""Putting a campaign's messages into the outbox: in chunks, resumable, never doubled.

The recipients go in customer id order, one short write transaction per chunk, so the
counter PCs keep booking meanwhile. Each chunk's transaction first moves the campaign's
``queue_cursor`` from the value this process last saw to the chunk's last customer id
(a compare-and-set) and then inserts the chunk's rows: a process killed mid-queue leaves
the cursor and the rows of the last committed chunk together, and resuming starts after
the cursor; a second process queuing the same campaign loses the compare-and-set and
stops (its chunk is rolled back). The unique index on (campaign_id, customer_id) is the
database's own word on it (migration 0013).

Everything a chunk needs is read before its write transaction (the customers' languages
and, only when a template uses them, the appointment placeholders); messages are composed
once per distinct set of placeholder values (a template that says "Hallo {{ first_name }}"
is rendered once per first name and language, not once per recipient); the rows go to
the driver as plain values by one statement per chunk (``_OutboxRows``), each with a
time-ordered client id of its own (``time_ordered_refs``: the chunk's rows go into a few
neighbouring pages of the client_id index). Every message keeps its own unsubscribe placeholder,
which the gateway replaces with the recipient's link when it sends.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Dialect, Table, select, update
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.campaign_content import ComposedMessage, compose, used_placeholders
from desk_app.domain.campaigns import CATEGORY, CampaignType
from desk_app.domain.enums import Category, Channel, OutboxStatus
from desk_app.domain.time_ordered_refs import time_ordered_refs
from desk_app.services.audience import AudienceLine
from desk_app.services.campaign_placeholders import (
    FROM_APPOINTMENTS,
    SalonDetails,
    placeholder_values,
    salon_values,
)
from desk_sql.driver_values import bound, processor
from desk_sql.id_lists import among_ids

CHUNK = 500  # recipients per write transaction: some 20–60 ms of holding the write lock
# PostgreSQL locks rows, not the database: a counter PC books while a chunk goes in, and
# each transaction costs round trips (a ping, the cursor, the commit): bigger chunks (not
# much bigger: the counter's p95 rose with 5,000-row COPYs competing for the server).
WRITE_CHUNK = {"postgresql": 2_000}
# A campaign whose queuing has not moved for this long is taken to be abandoned (its
# process killed): the background round resumes it. A live one commits a chunk a second.
QUEUE_LEASE = timedelta(minutes=2)
Progress = Callable[[int, int], None]
# An AudienceLine of a recipient: customer id, names, channel, reason (None), address,
# basis_ref (the consent relied on, for marketing).
_Recipient = tuple[int, str, str, str, None, str, str | None]
_CHANNELS = {channel.value: channel for channel in Channel}


@dataclass(frozen=True)
class Templates:
    """What a campaign's messages are made of (the draft's or the stored campaign's)."""

    type: CampaignType
    subject: str
    body: str
    sms_body: str

    def used(self) -> frozenset[str]:
        return (
            used_placeholders(self.subject)
            | used_placeholders(self.body)
            | used_placeholders(self.sms_body)
        )


class Composer:
    """Composes one campaign's messages, each distinct one once.

    A message depends on the channel, the recipient's language and the values of the
    placeholders the templates use, nothing else (``compose`` is pure): equal inputs
    share the composed message. The salon's values are the same for everyone, so only
    the recipient's own values (names, appointments) tell messages apart.
    """

    def __init__(self, templates: Templates, salon: SalonDetails) -> None:
        self._templates = templates
        self._salon = salon_values(salon)
        self.used = templates.used()
        self._names = tuple(sorted(self.used - self._salon.keys()))
        self._done: dict[tuple[str, ...], ComposedMessage] = {}

    def compose(self, channel: str, language: str, values: Mapping[str, str]) -> ComposedMessage:
        """``values``: the recipient's own (the salon's are added here)."""
        key = (channel, language, *[values.get(name, "") for name in self._names])
        found = self._done.get(key)
        if found is None:
            every = {**values, **self._salon}
            found = compose_message(self._templates, _CHANNELS[channel], every, language)
            self._done[key] = found
        return found


def compose_message(
    templates: Templates, channel: Channel, values: dict[str, str], language: str
) -> ComposedMessage:
    body = templates.body if channel is Channel.EMAIL else templates.sms_body
    subject = templates.subject if channel is Channel.EMAIL else ""
    return compose(CATEGORY[templates.type], channel, subject, body, values, language)


@dataclass(frozen=True)
class QueueJob:
    """One campaign's queuing by this process."""

    campaign_id: int
    templates: Templates
    send_at: datetime
    now: datetime  # the messages' creation time
    salon: SalonDetails
    clock: Callable[[], datetime]  # when a chunk went in (``queue_touched_at``)


class _Overtaken(Exception):
    """Another process moved the cursor first: its chunk stands, this one is undone."""


def queue_chunks(
    db: Database,
    job: QueueJob,
    cursor: int,
    recipients: Sequence[AudienceLine],
    already: int = 0,
    progress: Progress | None = None,
) -> bool:
    """Queue ``recipients`` (customer id order, all after ``cursor``) chunk by chunk.

    ``already``: messages of the campaign queued before (for ``progress``). True when
    the campaign is queued in full; False when another process took over.
    """
    composer = Composer(job.templates, job.salon)
    total = already + len(recipients)
    done = already
    languages, appointment_values = _recipient_values(db, recipients, job, composer.used)
    rows = _OutboxRows(db.engine.dialect, job)
    size = WRITE_CHUNK.get(db.backend, CHUNK)
    for start in range(0, len(recipients), size):
        chunk = recipients[start : start + size]
        refs = time_ordered_refs(len(chunk))
        params = []
        # Tuple unpacking, no attribute access by name: this loop runs once per recipient.
        for ref, (customer_id, first_name, last_name, channel, _, address, basis) in zip(
            refs, cast("Sequence[_Recipient]", chunk), strict=True
        ):
            own = appointment_values.get(customer_id) or {
                "first_name": first_name,
                "last_name": last_name,
            }
            message = composer.compose(channel, languages[customer_id], own)
            params.append(rows.row(ref, customer_id, channel, address, basis, message))
        last = start + size >= len(recipients)
        new_cursor = chunk[-1].customer_id
        try:
            with db.write() as s:
                # The compare-and-set first: on PostgreSQL it takes the campaign's row
                # lock, so a second process waits here and then finds the cursor moved.
                moved = _move_cursor(s, job, cursor, new_cursor, len(params), last)
                if not moved:
                    raise _Overtaken
                rows.insert(s, params)
        except _Overtaken:
            return False
        cursor = new_cursor
        done += len(params)
        if progress is not None:
            progress(done, total)
    if not recipients:
        with db.write() as s:
            return _move_cursor(s, job, cursor, cursor, 0, True)
    return True


class _OutboxRows:
    """One campaign's outbox rows as the driver takes them: plain SQL, no ORM, no Core
    parameter processing (measured at chain scale, 60,000 rows: SQLAlchemy's per-row,
    per-column bind processing cost more than SQLite's inserting itself).

    The values every row shares (campaign, category, kind, status, times) go through
    their column types once, not once per row. SQLite takes the rows by executemany: one
    prepared statement, reused in-process. PostgreSQL takes a chunk by ``COPY``: psycopg's
    executemany pipelines a statement per row (two thirds of the queuing there), a
    multi-row ``VALUES`` or "insertmanyvalues" measured slower still (long statements
    parsed anew), and one ``INSERT … SELECT`` over ``unnest`` of one array per column
    spent 40 % of its time in psycopg's Python code dumping the arrays' texts (measured
    at chain scale, 60,000 rows).
    """

    _PER_ROW = ("client_id", "customer_id", "channel", "to_address", "subject", "body", "payload")

    def __init__(self, dialect: Dialect, job: QueueJob) -> None:
        table = cast(Table, m.OutboxMessage.__table__)
        category = CATEGORY[job.templates.type]
        shared: dict[str, object] = {
            "campaign_id": job.campaign_id,
            "category": category.value,
            "kind": f"campaign_{job.templates.type.value}",
            "status": OutboxStatus.QUEUED.value,
            "not_before": job.send_at if job.send_at > job.now else None,
            "created_at": job.now,
            "updated_at": job.now,
            "attempts": 0,
            "gateway_failures": 0,
        }
        self._shared = tuple(bound(table.c[name], value, dialect) for name, value in shared.items())
        # Marketing names the consent it relies on; everything else has no payload.
        self._marketing = category is Category.MARKETING
        self._arrays = dialect.name == "postgresql"
        self.columns = (*self._PER_ROW, *shared)
        columns = ", ".join(self.columns)
        if self._arrays:
            # COPY: the rows stream to the server as text, each value formatted by
            # psycopg's C code; the server parses each column by its type (the payload's
            # JSON text too).
            self._payload: Callable[[Any], Any] | None = json.dumps
            self.statement = f"COPY {table.name} ({columns}) FROM STDIN"
        else:
            self._payload = processor(table.c.payload, dialect)
            markers = ", ".join("?" for _ in (*self._PER_ROW, *shared))
            self.statement = f"INSERT INTO {table.name} ({columns}) VALUES ({markers})"
        self._empty_payload = self._payload({}) if self._payload else {}

    def row(
        self,
        ref: str,
        customer_id: int,
        channel: str,
        address: str,
        basis: str | None,
        message: ComposedMessage,
    ) -> tuple[object, ...]:
        payload: object = self._empty_payload
        if self._marketing:
            payload = {"basis_ref": basis}
            if self._payload:
                payload = self._payload(payload)
        return (ref, customer_id, channel, address, message.subject, message.body, payload)

    def insert(self, s: Session, rows: list[tuple[object, ...]]) -> None:
        connection = s.connection()
        shared = self._shared
        if self._arrays:
            # The session's own connection and transaction, below SQLAlchemy (which has
            # no COPY); the statement-level and row triggers fire as for an INSERT.
            psycopg_connection: Any = connection.connection.driver_connection
            with psycopg_connection.cursor() as cursor, cursor.copy(self.statement) as copy:
                for row in rows:
                    copy.write_row((*row, *shared))
        else:
            connection.exec_driver_sql(self.statement, [(*row, *shared) for row in rows])


def _move_cursor(s: Session, job: QueueJob, old: int, new: int, added: int, last: bool) -> bool:
    c = m.Campaign
    values: dict[str, object] = {
        "queue_cursor": new,
        "queued": c.queued + added,
        "queue_touched_at": job.clock(),
    }
    if last:
        values["queue_done_at"] = values["queue_touched_at"]
    result = s.execute(
        update(c)
        .where(c.id == job.campaign_id, c.queue_cursor == old, c.queue_done_at.is_(None))
        .values(values)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def _recipient_values(
    db: Database, recipients: Sequence[AudienceLine], job: QueueJob, used: frozenset[str]
) -> tuple[dict[int, str], dict[int, dict[str, str]]]:
    """Every recipient's language and, only when the templates use them, the placeholder
    values from the appointments (the names come with the audience): one read
    transaction before any writing (a read per chunk cost a pool checkout, a ping and a
    commit each on PostgreSQL), the languages by one statement (the ids as one
    parameter)."""
    c = m.Customer
    values: dict[int, dict[str, str]] = {}
    ids = [line.customer_id for line in recipients]
    with db.read() as s:
        connection = s.connection()
        recipient = among_ids(c.id, ids, connection.dialect.name)
        languages = dict(connection.execute(select(c.id, c.language).where(recipient)).all())
        if used & FROM_APPOINTMENTS:
            for start in range(0, len(recipients), CHUNK):
                part = [line.customer_id for line in recipients[start : start + CHUNK]]
                customers = connection.execute(
                    select(c.id, c.first_name, c.last_name, c.language).where(c.id.in_(part))
                ).all()
                values.update(placeholder_values(s, customers, job.salon, job.now, used))
    return languages, values
