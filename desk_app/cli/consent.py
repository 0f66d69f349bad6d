"""``desk-app consent declare|revoke|object|show|statement``: marketing consent as the
staff record it at the counter."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import command_actor
from desk_app.cli.output import handled_by, json_flag, out
from desk_app.domain.enums import Channel, ConsentSource
from desk_app.services.json_views import consent_json
from desk_app.texts import error_text

if TYPE_CHECKING:
    from desk_app.services.container import Services


# The ledger names the member signed in with --as (or a token); naming someone else is
# refused. Only the shared sign-in names a member here.
_STAFF_HELP = "{who}: with the shared sign-in only (with --as, the member signed in)"


def add_parsers(sub: Any) -> None:
    consent = sub.add_parser("consent", help="marketing consent").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    channels = ["email", "sms", "all"]
    staff_sources = [ConsentSource.PHONE.value, ConsentSource.IN_PERSON.value]
    staff_sources.append(ConsentSource.WRITTEN.value)
    declare = handled_by(
        consent.add_parser("declare", help="record consent the customer just gave"), _declare
    )
    declare.add_argument("id", type=int)
    declare.add_argument("--channel", choices=channels, required=True)
    declare.add_argument("--source", choices=staff_sources, required=True)
    declare.add_argument("--staff", help=_STAFF_HELP.format(who="who asked the customer"))
    declare.add_argument(
        "--customer-agreed",
        action="store_true",
        help="the customer agreed just now, after hearing the statement",
    )
    revoke = handled_by(
        consent.add_parser("revoke", help="record a withdrawal on the customer's request"),
        _revoke,
    )
    revoke.add_argument("id", type=int)
    revoke.add_argument("--channel", choices=channels, required=True)
    revoke.add_argument("--source", choices=staff_sources, required=True)
    revoke.add_argument("--staff", help=_STAFF_HELP.format(who="who took the withdrawal"))
    objection = handled_by(
        consent.add_parser(
            "object",
            help='record the customer\'s objection ("Abmelden"): no advertising any more, '
            "no booking messages unless switched on again",
        ),
        _object,
    )
    objection.add_argument("id", type=int)
    objection.add_argument("--source", choices=staff_sources, required=True)
    objection.add_argument("--staff", help=_STAFF_HELP.format(who="who took the objection"))
    show = handled_by(
        consent.add_parser("show", help="consent state and evidence per channel"), _show
    )
    show.add_argument("id", type=int)
    statement = handled_by(
        consent.add_parser("statement", help="the text to read to the customer"), _statement
    )
    statement.add_argument("id", type=int)
    statement.add_argument("--channel", choices=channels, default="all")
    json_flag(declare, revoke, objection, show, statement)


def _channels(choice: str) -> list[Channel]:
    return list(Channel) if choice == "all" else [Channel(choice)]


def _declare(s: Services, o: argparse.Namespace) -> None:
    requested = None if o.channel == "all" else Channel(o.channel)
    channels = s.consent.channels_to_declare(o.id, requested)
    rows = s.consent.declare(
        o.id,
        channels,
        ConsentSource(o.source),
        o.staff,
        customer_agreed=o.customer_agreed,
        actor=command_actor(s, o),
    )
    data = {
        "customer_id": o.id,
        "declared": [
            {
                "channel": r.channel.value,
                "request_id": r.request_id,
                "statement_version": r.statement_version,
                "statement_sha256": r.statement_sha256,
            }
            for r in rows
        ],
    }
    text = QCoreApplication.translate(
        "Cli", "Consent declared for {channels}; confirmation requests are queued."
    ).format(channels=", ".join(error_text.channel_label(r.channel.value) for r in rows))
    out(o, data, text)


def _revoke(s: Services, o: argparse.Namespace) -> None:
    source = ConsentSource(o.source)
    row = s.consent.revoke(o.id, _channels(o.channel), source, o.staff, actor=command_actor(s, o))
    out(o, consent_json(row), QCoreApplication.translate("Cli", "Withdrawal recorded."))


def _object(s: Services, o: argparse.Namespace) -> None:
    source = ConsentSource(o.source)
    row = s.consent.record_objection(o.id, source, o.staff, actor=command_actor(s, o))
    out(
        o,
        consent_json(row),
        QCoreApplication.translate(
            "Cli",
            "Objection recorded: no more advertising; booking messages only where they "
            "are switched on again.",
        ),
    )


def _show(s: Services, o: argparse.Namespace) -> None:
    data = consent_json(s.consent.status(o.id))
    lines = [
        QCoreApplication.translate("Cli", "Objected: {value}").format(
            value=QCoreApplication.translate("Cli", "yes")
            if data["objected"]
            else QCoreApplication.translate("Cli", "no")
        )
    ]
    for channel, info in data["channels"].items():
        lines.append(f"{error_text.channel_label(channel)}: {info['state']} {info['since'] or ''}")
    out(o, data, "\n".join(lines))


def _statement(s: Services, o: argparse.Namespace) -> None:
    statement = s.consent.statement_for(o.id, _channels(o.channel))
    data = {"version": statement.version, "sha256": statement.sha256, "text": statement.text}
    out(o, data, statement.text)
