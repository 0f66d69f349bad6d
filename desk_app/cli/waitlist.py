"""``desk-app waitlist add|list|remove|matches|book``: the waitlist at the counter, the
same use cases as the window's dialog and matches notice (``WaitlistService``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import command_actor
from desk_app.cli.output import handled_by, json_flag, out, parse_date
from desk_app.domain.enums import Channel
from desk_app.domain.errors import InvalidField
from desk_app.domain.waitlist import TimeWindow

if TYPE_CHECKING:
    from desk_app.services.container import Services
    from desk_app.services.waitlist import WaitlistEntryRow


def add_parsers(sub: Any) -> None:
    waitlist = sub.add_parser("waitlist", help="customers waiting for a freed time")
    actions = waitlist.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = handled_by(actions.add_parser("add", help="put a customer on the waitlist"), _add)
    add.add_argument("--customer", type=int, required=True)
    add.add_argument("--service", required=True)
    add.add_argument("--staff", help="one staff member (default: anyone)")
    add.add_argument("--from", dest="first", required=True, help="YYYY-MM-DD")
    add.add_argument("--until", dest="last", required=True, help="YYYY-MM-DD")
    add.add_argument(
        "--window", action="append", default=[], help="WEEKDAY=HH:MM-HH:MM (repeatable)"
    )
    add.add_argument(
        "--offers", choices=[c.value for c in Channel], help="automatic offers by (default: none)"
    )
    add.add_argument("--note", default="")
    listing = handled_by(actions.add_parser("list", help="who waits"), _list)
    listing.add_argument("--customer", type=int)
    remove = handled_by(actions.add_parser("remove", help="take an entry off"), _remove)
    remove.add_argument("id", type=int)
    matches = handled_by(
        actions.add_parser("matches", help="freed times someone waits for"), _matches
    )
    book = handled_by(actions.add_parser("book", help="book a waiting customer"), _book)
    book.add_argument("opening", type=int)
    book.add_argument("entry", type=int)
    json_flag(add, listing, remove, matches, book)


def _entry_json(row: WaitlistEntryRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "customer_id": row.customer_id,
        "customer": row.customer_name,
        "service": row.service_name,
        "staff": row.staff_name or None,
        "from": row.first_day.isoformat(),
        "until": row.last_day.isoformat(),
        "windows": [w.to_text() for w in row.windows],
        "offers": row.channel.value if row.channel else None,
        "source": row.source,
    }


def _line(d: dict[str, Any]) -> str:
    windows = " ".join(d["windows"]) or QCoreApplication.translate("Cli", "any time")
    return f"#{d['id']} {d['customer']}: {d['service']} {d['from']}–{d['until']} {windows}"


def _add(s: Services, o: argparse.Namespace) -> None:
    from desk_app.services.waitlist import NewWaitlistEntry  # SQLAlchemy: not for --help

    first, last = parse_date(o.first, "first_day"), parse_date(o.last, "last_day")
    if first is None or last is None:
        raise InvalidField("first_day", "required")
    staff = s.catalogue.staff_by_name(o.staff).id if o.staff else None
    row = s.waitlist.add(
        NewWaitlistEntry(
            customer_id=o.customer,
            service_id=s.catalogue.treatment_by_name(o.service).id,
            first_day=first,
            last_day=last,
            windows=tuple(TimeWindow.from_text(w) for w in o.window),
            staff_id=staff,
            channel=Channel(o.offers) if o.offers else None,
            note=o.note,
        ),
        actor=command_actor(s, o),
    )
    data = _entry_json(row)
    out(o, data, _line(data))


def _list(s: Services, o: argparse.Namespace) -> None:
    data = [_entry_json(r) for r in s.waitlist.entries(o.customer)]
    text = "\n".join(_line(d) for d in data)
    out(o, data, text or QCoreApplication.translate("Cli", "Nobody is waiting."))


def _remove(s: Services, o: argparse.Namespace) -> None:
    s.waitlist.remove(o.id, actor=command_actor(s, o))
    _list(s, o)


def _matches(s: Services, o: argparse.Namespace) -> None:
    rows = s.waitlist.open_matches()
    data: list[dict[str, Any]] = []
    lines: list[str] = []
    for r in rows:
        waiting = [_entry_json(e) for e in r.waiting]
        data.append(
            {
                "opening": r.id,
                "staff": r.staff_name,
                "starts_at": r.starts_at.isoformat(),
                "waiting": waiting,
            }
        )
        lines.append(f"#{r.id} {r.starts_at.isoformat()} {r.staff_name}")
        lines += [f"  {_line(e)}" for e in waiting]
    out(o, data, "\n".join(lines) or QCoreApplication.translate("Cli", "No freed time fits."))


def _book(s: Services, o: argparse.Namespace) -> None:
    appointment_id = s.waitlist.book(o.opening, o.entry, actor=command_actor(s, o))
    out(
        o,
        {"appointment_id": appointment_id},
        QCoreApplication.translate("Cli", "Booked: appointment #{id}.").format(id=appointment_id),
    )
