"""``desk-app hours set|show|staff`` and ``desk-app closures``: when the salon is open,
when each staff member works (online booking offers only those times), and the days the
whole salon is closed (``closures holidays YEAR``: the federal state's public holidays)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import command_actor, requires
from desk_app.cli.output import handled_by, json_flag, out, parse_date
from desk_app.domain.enums import Permission
from desk_app.domain.errors import InvalidField
from desk_app.domain.scheduling import OpeningInterval, parse_opening_spec
from desk_app.texts.holiday_words import holiday_names

if TYPE_CHECKING:
    from desk_app.services.container import Services


def add_parsers(sub: Any) -> None:
    hours = sub.add_parser("hours", help="opening hours").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    set_ = handled_by(hours.add_parser("set", help="replace the opening hours of the week"), _set)
    set_.add_argument(
        "spec",
        nargs="+",
        help="WEEKDAY=HH:MM-HH:MM[,HH:MM-HH:MM], weekday 0 (Monday) to 6 (Sunday)",
    )
    show = handled_by(hours.add_parser("show", help="show the opening hours"), _show)
    staff = handled_by(
        hours.add_parser("staff", help="a staff member's working hours (default: opening hours)"),
        _staff,
    )
    staff.add_argument("name")
    staff.add_argument(
        "spec",
        nargs="*",
        help="WEEKDAY=HH:MM-HH:MM[,…] per working day; none: back to the opening hours",
    )
    staff.add_argument("--show", action="store_true", help="only show them")
    json_flag(set_, show, staff)
    # The salon's hours and closed days are its settings: the owner's and the manager's.
    requires(set_, Permission.CHANGE_SETTINGS)

    closures = sub.add_parser("closures", help="days the salon is closed").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    add = handled_by(closures.add_parser("add", help="close the salon on these days"), _close)
    add.add_argument("first", help="YYYY-MM-DD")
    add.add_argument("last", nargs="?", help="YYYY-MM-DD (default: the first day)")
    add.add_argument("--note", default="")
    listing = handled_by(closures.add_parser("list", help="the closed days"), _closures)
    remove = handled_by(closures.add_parser("remove", help="open again"), _reopen)
    remove.add_argument("id", type=int)
    holidays = handled_by(
        closures.add_parser("holidays", help="close on the public holidays of a year"), _holidays
    )
    holidays.add_argument("year", type=int)
    holidays.add_argument(
        "--state", help="federal state, e.g. NW (default: the setting federal_state)"
    )
    json_flag(add, listing, remove, holidays)
    requires(add, Permission.CHANGE_SETTINGS)
    requires(remove, Permission.CHANGE_SETTINGS)
    requires(holidays, Permission.CHANGE_SETTINGS)


def _set(s: Services, o: argparse.Namespace) -> None:
    intervals = []
    for spec in o.spec:
        intervals.extend(parse_opening_spec(spec))
    s.catalogue.set_opening_hours(intervals)
    _show(s, o)


def _show(s: Services, o: argparse.Namespace) -> None:
    _print_week(o, s.catalogue.opening_hours())


def _staff(s: Services, o: argparse.Namespace) -> None:
    member = s.catalogue.staff_by_name(o.name)
    if not o.show:  # a change (``--show`` is a look, for everyone)
        s.staff_access.check(command_actor(s, o), (Permission.CHANGE_SETTINGS,))
        intervals = []
        for spec in o.spec:
            intervals.extend(parse_opening_spec(spec))
        s.catalogue.set_staff_hours(member.id, intervals, actor=command_actor(s, o))
    rows = s.catalogue.staff_hours(member.id)
    if not rows and not o.json:
        print(QCoreApplication.translate("Cli", "{name} works the opening hours.").format(
            name=member.name))  # fmt: skip
        return
    _print_week(o, rows)


def _close(s: Services, o: argparse.Namespace) -> None:
    first = parse_date(o.first, "closure")
    last = parse_date(o.last, "closure") or first
    assert first is not None and last is not None
    s.catalogue.add_closure(first, last, o.note, actor=command_actor(s, o))
    _closures(s, o)


def _reopen(s: Services, o: argparse.Namespace) -> None:
    s.catalogue.remove_closure(o.id, actor=command_actor(s, o))
    _closures(s, o)


def _holidays(s: Services, o: argparse.Namespace) -> None:
    state = (o.state or s.catalogue.salon_settings().federal_state).upper()
    if not state:
        raise InvalidField("federal_state", "required")
    s.catalogue.add_public_holidays(state, o.year, holiday_names(), actor=command_actor(s, o))
    _closures(s, o)


def _closures(s: Services, o: argparse.Namespace) -> None:
    rows = s.catalogue.closures()
    data = [
        {"id": r.id, "first": r.starts_on.isoformat(), "last": r.ends_on.isoformat(),
         "note": r.note}
        for r in rows
    ]  # fmt: skip
    lines = [f"#{d['id']} {d['first']} – {d['last']} {d['note']}".rstrip() for d in data]
    out(o, data, "\n".join(lines) or QCoreApplication.translate("Cli", "No closed days."))


def _print_week(o: argparse.Namespace, rows: list[OpeningInterval]) -> None:
    data = [
        {
            "weekday": r.weekday,
            "opens": r.opens.strftime("%H:%M"),
            "closes": r.closes.strftime("%H:%M"),
        }
        for r in rows
    ]
    lines = [f"{d['weekday']}: {d['opens']}–{d['closes']}" for d in data]
    out(
        o,
        data,
        "\n".join(lines)
        or QCoreApplication.translate("Cli", "No opening hours set: bookings are not limited."),
    )
