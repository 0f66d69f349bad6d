"""The waitlist at the counter (issue 14): who waits for what, which freed times fit
whom, and booking one of them.

An entry is taken at the counter (``add``) or arrives from the booking page (the sync
applies ``waitlist.requested``, ``waitlist_offers``). Freed times are written by the one
door they go through (``booking_slots`` → ``waitlist_openings``); ``open_matches`` lists
those still free with everyone they fit, the longest-waiting first, and ``book`` books
one of them through the counter's own booking path (so the database's no-overlap
guarantee holds whoever books first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import Channel, Permission
from desk_app.domain.errors import InvalidField
from desk_app.domain.waitlist import (
    OfferReach,
    TimeWindow,
    Wish,
    check_wish,
    in_line,
    offer_reach,
)
from desk_app.services.access_guard import authorize
from desk_app.services.booking_messages import CONFIRMATION, queue_booking_message
from desk_app.services.booking_slots import (
    BookingRequest,
    find_clash,
    get,
    place_appointment,
)
from desk_app.services.messages import MessageTemplates
from desk_app.services.recipients import consent_status
from desk_app.services.settings_store import read_settings
from desk_app.services.waitlist_openings import (
    BOOKED,
    FILLED,
    GONE,
    HELD,
    ONLINE,
    OPEN,
    REMOVED,
    WAITING,
)

NOTE_MAX = 200
LOST = "lost"
# An acceptance the desktop could not book: the gateway's claim is still to be released
# (RELEASING), then it was (RELEASED). Both mean lost; neither is ever applied again.
RELEASING, RELEASED = "releasing", "released"
# An offer whose entry no longer waits (removed, or booked from another offer): the gateway
# is still to be told (ENDING), then was (ENDED), so its page promises no waitlist any more.
ENDING, ENDED = "ending", "ended"
# Offers whose page the customer may still open while the gateway thinks they wait.
_SHOWN_WAITING = (HELD, LOST)


@dataclass(frozen=True)
class NewWaitlistEntry:
    customer_id: int
    service_id: int
    first_day: date
    last_day: date
    windows: tuple[TimeWindow, ...] = ()
    staff_id: int | None = None  # None: anyone
    channel: Channel | None = None  # where automatic offers go; None: the salon calls
    note: str = ""


@dataclass(frozen=True)
class WaitlistEntryRow:
    id: int
    customer_id: int
    customer_name: str
    service_id: int
    service_name: str
    staff_id: int | None
    staff_name: str  # "" for anyone
    first_day: date
    last_day: date
    windows: tuple[TimeWindow, ...]
    channel: Channel | None
    note: str
    source: str
    created_at: datetime
    # Whether the automatic offers reach a customer who objected (the counter's hint).
    reach: OfferReach = OfferReach.USUAL


@dataclass(frozen=True)
class OpeningRow:
    """A freed time that is still free, and who waits for it (first in line first)."""

    id: int
    staff_id: int
    staff_name: str
    starts_at: datetime
    ends_at: datetime
    reason: str
    waiting: tuple[WaitlistEntryRow, ...]


def wishes(s: Session, service_ids: Sequence[int] | None = None) -> list[Wish]:
    """Every waiting entry as the matching needs it."""
    query = (
        select(m.WaitlistEntry, m.Treatment.minutes)
        .join(m.Treatment, m.Treatment.id == m.WaitlistEntry.service_id)
        .where(m.WaitlistEntry.state == WAITING)
    )
    if service_ids is not None:
        query = query.where(m.WaitlistEntry.service_id.in_(list(service_ids)))
    return [
        Wish(
            entry_id=e.id,
            customer_id=e.customer_id,
            service_id=e.service_id,
            minutes=minutes,
            staff_id=e.staff_id,
            first_day=e.first_day,
            last_day=e.last_day,
            windows=tuple(TimeWindow.from_text(w) for w in e.windows),
            created_at=e.created_at,
        )
        for e, minutes in s.execute(query)
    ]


def waiting_for(s: Session, opening: m.WaitlistOpening, all_wishes: Sequence[Wish]) -> list[Wish]:
    """The wishes this opening fits and whose time is still free, first in line first."""
    zone = read_settings(s).zone
    fitting = in_line(all_wishes, opening.staff_id, opening.starts_at, opening.ends_at, zone)
    return [
        w
        for w in fitting
        if find_clash(
            s,
            opening.staff_id,
            opening.starts_at,
            opening.starts_at + timedelta(minutes=w.minutes),
            None,
        )
        is None
    ]


def entry_row(s: Session, entry: m.WaitlistEntry, now: datetime) -> WaitlistEntryRow:
    customer = get(s, m.Customer, entry.customer_id, "customer")
    service = get(s, m.Treatment, entry.service_id, "service")
    staff = s.get(m.Staff, entry.staff_id) if entry.staff_id is not None else None
    reach = OfferReach.USUAL
    if entry.channel is not None:  # (no automatic offers at all: the salon calls anyway)
        objected_at = consent_status(s, customer.id, now).objected_at
        # The rule the outbox applies to the offers (``offers_asked_at``).
        speaks = entry.source != ONLINE
        reach = offer_reach(objected_at, entry.asked_at, speaks_for_customer=speaks)
    return WaitlistEntryRow(
        id=entry.id,
        customer_id=customer.id,
        customer_name=f"{customer.first_name} {customer.last_name}".strip(),
        service_id=service.id,
        service_name=service.name,
        staff_id=entry.staff_id,
        staff_name=staff.name if staff is not None else "",
        first_day=entry.first_day,
        last_day=entry.last_day,
        windows=tuple(TimeWindow.from_text(w) for w in entry.windows),
        channel=Channel(entry.channel) if entry.channel else None,
        note=entry.note,
        source=entry.source,
        created_at=entry.created_at,
        reach=reach,
    )


def fill(
    s: Session, opening: m.WaitlistOpening, entry: m.WaitlistEntry, appointment_id: int
) -> None:
    """The opening went to this entry: the entry is booked, every other offer of the
    opening is lost."""
    opening.state = FILLED
    entry.state, entry.appointment_id = BOOKED, appointment_id
    end_offers(s, entry)
    for offer in s.scalars(
        select(m.WaitlistOffer).where(
            m.WaitlistOffer.opening_id == opening.id,
            m.WaitlistOffer.entry_id != entry.id,
            # (an acceptance lost before keeps its claim to release, an offer whose entry
            # ended keeps the gateway's word to come)
            m.WaitlistOffer.state.not_in((RELEASING, RELEASED, ENDING, ENDED)),
        )
    ):
        offer.state = LOST


def end_offers(s: Session, entry: m.WaitlistEntry) -> None:
    """The entry no longer waits: the pages of its offers must stop saying so."""
    for offer in s.scalars(
        select(m.WaitlistOffer).where(
            m.WaitlistOffer.entry_id == entry.id, m.WaitlistOffer.state.in_(_SHOWN_WAITING)
        )
    ):
        offer.state = ENDING


def close_begun(s: Session, now: datetime) -> None:
    """Openings whose time has begun are no longer anyone's chance."""
    for opening in s.scalars(
        select(m.WaitlistOpening).where(
            m.WaitlistOpening.state == OPEN, m.WaitlistOpening.starts_at <= now
        )
    ):
        opening.state = GONE


class WaitlistService:
    """Signals: none (a plain service; the window asks it through an Operation)."""

    def __init__(
        self, db: Database, clock: Callable[[], datetime], templates: MessageTemplates
    ) -> None:
        self._db = db
        self._clock = clock
        self._templates = templates

    # ---- entries ------------------------------------------------------------------------
    def add(self, entry: NewWaitlistEntry, *, actor: Actor = SHARED_COUNTER) -> WaitlistEntryRow:
        check_wish(entry.first_day, entry.last_day, entry.windows)
        note = " ".join(entry.note.split())
        if len(note) > NOTE_MAX:
            raise InvalidField("note", "too_long", note[:20])
        with self._db.write() as s:
            authorize(s, actor, Permission.BOOK)
            get(s, m.Customer, entry.customer_id, "customer")
            get(s, m.Treatment, entry.service_id, "service")
            if entry.staff_id is not None:
                get(s, m.Staff, entry.staff_id, "staff")
            now = self._clock()
            row = m.WaitlistEntry(
                customer_id=entry.customer_id,
                service_id=entry.service_id,
                staff_id=entry.staff_id,
                first_day=entry.first_day,
                last_day=entry.last_day,
                windows=[w.to_text() for w in sorted(entry.windows)],
                channel=entry.channel.value if entry.channel else None,
                note=note,
                source="counter",
                state=WAITING,
                created_at=now,
                asked_at=now,
            )
            s.add(row)
            s.flush()
            return entry_row(s, row, now)

    def entries(self, customer_id: int | None = None) -> list[WaitlistEntryRow]:
        """The waiting entries (of one customer), the longest-waiting first."""
        with self._db.read() as s:
            query = select(m.WaitlistEntry).where(m.WaitlistEntry.state == WAITING)
            if customer_id is not None:
                query = query.where(m.WaitlistEntry.customer_id == customer_id)
            query = query.order_by(m.WaitlistEntry.created_at, m.WaitlistEntry.id)
            now = self._clock()
            return [entry_row(s, e, now) for e in s.scalars(query)]

    def remove(self, entry_id: int, *, actor: Actor = SHARED_COUNTER) -> None:
        with self._db.write() as s:
            authorize(s, actor, Permission.BOOK)
            entry = get(s, m.WaitlistEntry, entry_id, "waitlist entry")
            if entry.state == WAITING:
                entry.state = REMOVED
                end_offers(s, entry)

    # ---- freed times --------------------------------------------------------------------
    def open_matches(self) -> list[OpeningRow]:
        """Every freed time ahead that is still free and fits someone waiting (a read:
        the calendar asks after every load; those that have begun are closed by the
        offer round, ``close_begun``)."""
        with self._db.read() as s:
            now = self._clock()
            openings = list(
                s.scalars(
                    select(m.WaitlistOpening)
                    .where(m.WaitlistOpening.state == OPEN, m.WaitlistOpening.starts_at > now)
                    .order_by(m.WaitlistOpening.starts_at, m.WaitlistOpening.id)
                )
            )
            if not openings:
                return []
            every = wishes(s)
            shown: list[OpeningRow] = []
            for opening in openings:
                fitting = waiting_for(s, opening, every)
                if not fitting:
                    continue
                staff = get(s, m.Staff, opening.staff_id, "staff")
                entries = [get(s, m.WaitlistEntry, w.entry_id, "waitlist entry") for w in fitting]
                shown.append(
                    OpeningRow(
                        id=opening.id,
                        staff_id=opening.staff_id,
                        staff_name=staff.name,
                        starts_at=opening.starts_at,
                        ends_at=opening.ends_at,
                        reason=opening.reason,
                        waiting=tuple(entry_row(s, e, now) for e in entries),
                    )
                )
            return shown

    def book(self, opening_id: int, entry_id: int, *, actor: Actor = SHARED_COUNTER) -> int:
        """Book the freed time for this entry (the counter's booking path, confirmation
        included); the appointment's id. ``BookingConflict`` when it was taken meanwhile."""
        try:
            with self._db.write() as s:
                authorize(s, actor, Permission.BOOK)
                now = self._clock()
                opening = get(s, m.WaitlistOpening, opening_id, "opening")
                entry = get(s, m.WaitlistEntry, entry_id, "waitlist entry")
                if entry.state != WAITING:
                    raise InvalidField("entry", "not_waiting", entry.state)
                appointment = place_appointment(
                    s,
                    BookingRequest(
                        customer_id=entry.customer_id,
                        staff_id=opening.staff_id,
                        service_id=entry.service_id,
                        starts_at=opening.starts_at,
                    ),
                    "",
                    now,
                )
                queue_booking_message(s, self._templates, CONFIRMATION, appointment, now)
                fill(s, opening, entry, appointment.id)
                return appointment.id
        except IntegrityError:
            # Another counter PC took the time at the same moment: say who has it.
            with self._db.read() as s:
                opening = get(s, m.WaitlistOpening, opening_id, "opening")
                clash = find_clash(s, opening.staff_id, opening.starts_at, opening.ends_at, None)
            if clash is None:
                raise
            raise clash from None
