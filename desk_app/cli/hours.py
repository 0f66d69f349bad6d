"""``desk-app hours set|show``: the salon's opening hours."""

from __future__ import annotations

import argparse
from typing import Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.output import handled_by, json_flag, out
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
    json_flag(set_, show)


def _set(s: Services, o: argparse.Namespace) -> None:
    from desk_app.domain.scheduling import parse_opening_spec

    intervals = []
    for spec in o.spec:
        intervals.extend(parse_opening_spec(spec))
    s.catalogue.set_opening_hours(intervals)
    _show(s, o)


def _show(s: Services, o: argparse.Namespace) -> None:
    rows = s.catalogue.opening_hours()
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
