"""The headless command line: ``desk-app COMMAND ...`` for scripts and the back office.

``--json`` prints machine-readable output on stdout. Errors go to stderr (as JSON with
``--json``), with exit code 1 for a problem the user can fix, 3 for an unusable
database, 4 for a bug (the traceback goes to the log) and 5 when the gateway cannot be
used (nothing is lost: messages stay in the outbox).
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from desk_app import cli_campaigns, cli_privacy
from desk_app.bootstrap import open_services, open_sync
from desk_app.cli_campaigns import add_campaign_parser
from desk_app.cli_privacy import add_privacy_parsers
from desk_app.config import secrets
from desk_app.config.logging_setup import configure_logging
from desk_app.config.paths import translations_dir
from desk_app.domain.enums import (
    BookingSource,
    Category,
    Channel,
    ConsentSource,
    OutboxStatus,
    StaffRole,
)
from desk_app.domain.errors import (
    DomainError,
    ImportRejected,
    InvalidField,
    KeyringUnavailable,
    MessageRefused,
)
from desk_app.domain.web_address import gateway_url
from desk_app.gateway.client import GatewayClient
from desk_app.services.booking import BookingRequest
from desk_app.services.catalogue import parse_price_cents
from desk_app.services.container import Services
from desk_app.services.errors import GatewayError, StorageError
from desk_app.services.json_views import (
    appointment_json,
    consent_json,
    customer_json,
    outbox_json,
)
from desk_app.services.rows import CustomerInput
from desk_app.services.settings_store import SETTINGS, SettingKind, SettingSpec
from desk_app.services.sync import SyncService
from desk_app.texts import error_text, i18n

log = logging.getLogger("desk_app.cli")

EXIT_USER_ERROR = 1
EXIT_STORAGE = 3
EXIT_BUG = 4
EXIT_GATEWAY = 5


# ---- argument parsing -------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="desk-app", description="Salon Desk")
    parser.add_argument("--database", metavar="URL", help="database URL (default: SQLite file)")
    parser.add_argument(
        "--demo-gateway",
        action="store_true",
        help="with the window: run a local demo gateway (messages stay on this computer)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str, **kw: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, **kw)
        p.add_argument("--json", action="store_true", help="machine-readable output")
        return p

    customers = sub.add_parser("customers", help="customer master data").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    add = customers.add_parser("add", help="add a customer")
    add.add_argument("--first-name", required=True)
    add.add_argument("--last-name", required=True)
    add.add_argument("--email")
    add.add_argument("--phone")
    add.add_argument("--birthday", help="YYYY-MM-DD")
    add.add_argument("--street", default="")
    add.add_argument("--postal-code", default="")
    add.add_argument("--city", default="")
    add.add_argument("--notes", default="")
    add.add_argument("--preferred-channel", choices=[c.value for c in Channel])
    add.add_argument("--language", choices=["de", "en"], default="de")
    add.add_argument(
        "--objection-notice-given",
        action="store_true",
        help="the customer was told of the right to object to advertising by email",
    )
    add.add_argument(
        "--allow-duplicate", action="store_true", help="add even if email or phone is known"
    )
    show = customers.add_parser("show", help="all master data of one customer")
    show.add_argument("id", type=int)
    search = customers.add_parser("search", help="find customers by name, phone or email")
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=50)
    imp = customers.add_parser("import", help="import customers from a CSV file")
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--skip-invalid", action="store_true", help="import the valid rows, report the rest"
    )
    exp = customers.add_parser("export", help="export all customers to a CSV file")
    exp.add_argument("file", type=Path)
    for p in (add, show, search, imp, exp):
        p.add_argument("--json", action="store_true", help="machine-readable output")
    add_privacy_parsers(customers)

    consent = sub.add_parser("consent", help="marketing consent").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    channels = ["email", "sms", "all"]
    staff_sources = [ConsentSource.PHONE.value, ConsentSource.IN_PERSON.value]
    staff_sources.append(ConsentSource.WRITTEN.value)
    declare = consent.add_parser("declare", help="record consent the customer just gave")
    declare.add_argument("id", type=int)
    declare.add_argument("--channel", choices=channels, required=True)
    declare.add_argument("--source", choices=staff_sources, required=True)
    declare.add_argument("--staff", required=True, help="who asked the customer")
    declare.add_argument(
        "--customer-agreed",
        action="store_true",
        help="the customer agreed just now, after hearing the statement",
    )
    revoke = consent.add_parser("revoke", help="record a withdrawal on the customer's request")
    revoke.add_argument("id", type=int)
    revoke.add_argument("--channel", choices=channels, required=True)
    revoke.add_argument("--source", choices=staff_sources, required=True)
    revoke.add_argument("--staff", required=True)
    objection = consent.add_parser(
        "object",
        help='record the customer\'s objection ("Abmelden"): no advertising any more, '
        "no booking messages unless switched on again",
    )
    objection.add_argument("id", type=int)
    objection.add_argument("--source", choices=staff_sources, required=True)
    objection.add_argument("--staff", required=True, help="who took the objection")
    cshow = consent.add_parser("show", help="consent state and evidence per channel")
    cshow.add_argument("id", type=int)
    statement = consent.add_parser("statement", help="the text to read to the customer")
    statement.add_argument("id", type=int)
    statement.add_argument("--channel", choices=channels, default="all")
    for p in (declare, revoke, objection, cshow, statement):
        p.add_argument("--json", action="store_true", help="machine-readable output")

    staff = sub.add_parser("staff", help="staff members").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    sadd = staff.add_parser("add", help="add a staff member")
    sadd.add_argument("name")
    sadd.add_argument("--role", choices=[r.value for r in StaffRole], required=True)
    slist = staff.add_parser("list", help="list staff members")
    for p in (sadd, slist):
        p.add_argument("--json", action="store_true", help="machine-readable output")

    services = sub.add_parser("services", help="bookable services").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    vadd = services.add_parser("add", help="add a service")
    vadd.add_argument("name")
    vadd.add_argument("--minutes", type=int, required=True)
    vadd.add_argument("--price", required=True, help="EUR, e.g. 35 or 35,50")
    vadd.add_argument("--category", default="")
    vadd.add_argument("--colour", default="#7f8c8d")
    vlist = services.add_parser("list", help="list services")
    for p in (vadd, vlist):
        p.add_argument("--json", action="store_true", help="machine-readable output")

    hours = sub.add_parser("hours", help="opening hours").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    hset = hours.add_parser("set", help="replace the opening hours of the week")
    hset.add_argument(
        "spec",
        nargs="+",
        help="WEEKDAY=HH:MM-HH:MM[,HH:MM-HH:MM], weekday 0 (Monday) to 6 (Sunday)",
    )
    hshow = hours.add_parser("show", help="show the opening hours")
    for p in (hset, hshow):
        p.add_argument("--json", action="store_true", help="machine-readable output")

    book = command("book", "book an appointment")
    book.add_argument("--customer", type=int, required=True)
    book.add_argument("--staff", required=True)
    book.add_argument("--service", required=True)
    book.add_argument("--start", required=True, help="ISO date-time; salon time if no offset")
    book.add_argument("--minutes", type=int, help="default: the service's duration")
    book.add_argument("--notify", action=argparse.BooleanOptionalAction, default=None)
    book.add_argument("--source", choices=[s.value for s in BookingSource], default="counter")
    book.add_argument(
        "--override", action="store_true", help="allow outside opening hours or during absence"
    )

    appts = command("appointments", "appointments of one day")
    appts.add_argument("--date", help="YYYY-MM-DD (default: today)")

    outbox = sub.add_parser("outbox", help="messages waiting for the gateway").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    olist = outbox.add_parser("list", help="list messages")
    olist.add_argument("--status", choices=[s.value for s in OutboxStatus])
    olist.add_argument("--json", action="store_true", help="machine-readable output")
    oqueue = outbox.add_parser("queue", help="queue one message to one customer (rules apply)")
    oqueue.add_argument("--customer", type=int, required=True)
    oqueue.add_argument("--channel", choices=[c.value for c in Channel], required=True)
    oqueue.add_argument(
        "--category", choices=["marketing", "service_info", "similar_offer"], required=True
    )
    oqueue.add_argument("--subject", default="")
    oqueue.add_argument("--text", required=True)
    oqueue.add_argument("--json", action="store_true", help="machine-readable output")

    demo = command("demo-data", "fill the database with a demo salon")
    demo.add_argument("--customers", type=int, default=300)
    demo.add_argument("--if-empty", action="store_true", help="do nothing if customers exist")

    settings = sub.add_parser("settings", help="salon settings").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    set_ = settings.add_parser(
        "set",
        help="change a setting (checked as in the window)",
        description="Keys: " + ", ".join(_setting_help(spec) for spec in SETTINGS.values()),
    )
    set_.add_argument("key", choices=list(SETTINGS), metavar="KEY")
    set_.add_argument("value")
    sshow = settings.add_parser("show", help="show all settings")
    for p in (set_, sshow):
        p.add_argument("--json", action="store_true", help="machine-readable output")

    gateway = sub.add_parser("gateway", help="connection to the mail/SMS gateway").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    login = gateway.add_parser("login", help="set the gateway URL; the token is read from stdin")
    login.add_argument("url")
    gstatus = gateway.add_parser("status", help="gateway URL, token, last sync")
    for p in (login, gstatus):
        p.add_argument("--json", action="store_true", help="machine-readable output")

    add_campaign_parser(sub)

    command("run-automations", "queue the automatic messages that are due (scheduled task)")

    sync = command("sync", "exchange events and messages with the gateway")
    sync.add_argument("--once", action="store_true", help="one round, then exit")

    db = sub.add_parser("db", help="database maintenance").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    db.add_parser("upgrade", help="bring the schema up to date")
    backup = db.add_parser("backup", help="copy the SQLite database to FILE (online)")
    backup.add_argument("file", type=Path)
    restore = db.add_parser("restore", help="replace the SQLite database with FILE")
    restore.add_argument("file", type=Path)
    for p in db.choices.values():
        p.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def _setting_help(spec: SettingSpec) -> str:
    if spec.kind is SettingKind.NUMBER:
        return f"{spec.key} ({spec.low}-{spec.high})"
    if spec.kind is SettingKind.SWITCH:
        return f"{spec.key} (on|off)"
    if spec.kind is SettingKind.TIME:
        return f"{spec.key} (HH:MM)"
    return spec.key


def parse(args: Sequence[str]) -> argparse.Namespace:
    return build_parser().parse_args(args)


# ---- running ----------------------------------------------------------------------------
def execute(options: argparse.Namespace) -> int:
    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    i18n.install_translators(app, i18n.choose_language(), translations_dir())
    configure_logging()
    handler = _HANDLERS[(options.command, getattr(options, "action", None))]
    services: Services | None = None
    time_zone = "Europe/Berlin"
    try:
        services = open_services(options.database)
        time_zone = services.catalogue.settings()["time_zone"]
        handler(services, options)
        return 0
    except (DomainError, StorageError, GatewayError) as exc:
        _fail(options, exc, error_text.describe(exc, time_zone))
        if isinstance(exc, GatewayError):
            return EXIT_GATEWAY
        return EXIT_STORAGE if isinstance(exc, StorageError) else EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 0
    except Exception as exc:
        log.exception("unexpected error in %s", options.command)
        _fail(options, exc, error_text.describe(exc, time_zone))
        return EXIT_BUG
    finally:
        if services is not None:
            services.db.dispose()


def _fail(options: argparse.Namespace, exc: BaseException, message: str) -> None:
    if getattr(options, "json", False):
        payload: dict[str, Any] = {"error": type(exc).__name__, "message": message}
        if isinstance(exc, MessageRefused):
            payload["reason"] = exc.reason.value
        if isinstance(exc, InvalidField):
            payload.update(field=exc.field, problem=exc.problem)
        if isinstance(exc, ImportRejected):
            payload["rejected"] = _row_problems_json(exc.rejected)
        print(json.dumps(payload, ensure_ascii=False), file=sys.stderr)
    else:
        print(
            QCoreApplication.translate("Cli", "Error: {message}").format(message=message),
            file=sys.stderr,
        )
        if isinstance(exc, ImportRejected):  # which rows, and why: the file needs fixing
            print("\n".join(_row_problem_lines(exc.rejected)), file=sys.stderr)


def _out(options: argparse.Namespace, data: Any, text: str) -> None:
    if options.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def _channels(choice: str) -> list[Channel]:
    return list(Channel) if choice == "all" else [Channel(choice)]


def _parse_date(text: str | None, field: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidField(field, "invalid_date", text) from exc


def _parse_start(text: str, time_zone: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InvalidField("start", "invalid_datetime", text) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(time_zone))
    return moment


# ---- commands ---------------------------------------------------------------------------
def _customers_add(s: Services, o: argparse.Namespace) -> None:
    data = CustomerInput(
        first_name=o.first_name,
        last_name=o.last_name,
        email=o.email,
        phone=o.phone,
        birthday=_parse_date(o.birthday, "birthday"),
        street=o.street,
        postal_code=o.postal_code,
        city=o.city,
        notes=o.notes,
        preferred_channel=Channel(o.preferred_channel) if o.preferred_channel else None,
        language=o.language,
        objection_notice_given=o.objection_notice_given,
    )
    row = s.customers.create(data, allow_duplicate=o.allow_duplicate)
    text = QCoreApplication.translate("Cli", "Customer {id} added: {name}").format(
        id=row.id, name=row.full_name
    )
    _out(o, {"id": row.id, "ref": row.ref}, text)


def _customers_show(s: Services, o: argparse.Namespace) -> None:
    row = s.customers.get(o.id)
    data = customer_json(row)
    _out(o, data, "\n".join(f"{k}: {'' if v is None else v}" for k, v in data.items()))


def _customers_search(s: Services, o: argparse.Namespace) -> None:
    rows = s.customers.search(o.text, limit=o.limit)
    lines = [f"{r.id:>6}  {r.full_name:<30} {r.phone or '':<16} {r.email or ''}" for r in rows]
    if not rows:
        lines = [QCoreApplication.translate("Cli", "No customer found.")]
    _out(o, [customer_json(r) for r in rows], "\n".join(lines))


def _customers_import(s: Services, o: argparse.Namespace) -> None:
    from desk_app.services.customer_csv import CsvImporter

    report = CsvImporter(s.customers, s.db).import_file(o.file, skip_invalid=o.skip_invalid)
    data = {
        "imported": report.imported,
        "rejected": _row_problems_json(report.rejected),
        "skipped": _row_problems_json(report.skipped),
    }
    lines = [QCoreApplication.translate("Cli", "%n customer(s) imported.", "", report.imported)]
    lines += _row_problem_lines((*report.rejected, *report.skipped))
    _out(o, data, "\n".join(lines))


def _row_problems_json(rows: Sequence[tuple[int, str, str, str]]) -> list[dict[str, Any]]:
    return [
        {"line": line, "field": field, "problem": problem, "detail": detail}
        for line, field, problem, detail in rows
    ]


def _row_problem_lines(rows: Sequence[tuple[int, str, str, str]]) -> list[str]:
    return [
        QCoreApplication.translate("Cli", "Line {line}: {problem}").format(
            line=line, problem=error_text.row_problem(problem, field, detail)
        )
        for line, field, problem, detail in rows
    ]


def _customers_export(s: Services, o: argparse.Namespace) -> None:
    from desk_app.services.customer_csv import export_customers

    count = export_customers(s.customers, o.file)
    _out(
        o,
        {"exported": count, "file": str(o.file)},
        QCoreApplication.translate("Cli", "%n customer(s) exported.", "", count),
    )


def _consent_declare(s: Services, o: argparse.Namespace) -> None:
    channels = _channels(o.channel)
    if o.channel == "all":
        usable = s.consent.usable_channels(o.id)
        confirmed = s.consent.status(o.id).status
        channels = [
            c for c in usable if confirmed.state(c).value != "confirmed"
        ] or channels  # nothing usable: let the service say why
    rows = s.consent.declare(
        o.id, channels, ConsentSource(o.source), o.staff, customer_agreed=o.customer_agreed
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
    _out(o, data, text)


def _consent_revoke(s: Services, o: argparse.Namespace) -> None:
    row = s.consent.revoke(o.id, _channels(o.channel), ConsentSource(o.source), o.staff)
    _out(o, consent_json(row), QCoreApplication.translate("Cli", "Withdrawal recorded."))


def _consent_object(s: Services, o: argparse.Namespace) -> None:
    row = s.consent.record_objection(o.id, ConsentSource(o.source), o.staff)
    _out(
        o,
        consent_json(row),
        QCoreApplication.translate(
            "Cli",
            "Objection recorded: no more advertising; booking messages only where they "
            "are switched on again.",
        ),
    )


def _consent_show(s: Services, o: argparse.Namespace) -> None:
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
    _out(o, data, "\n".join(lines))


def _consent_statement(s: Services, o: argparse.Namespace) -> None:
    statement = s.consent.statement_for(o.id, _channels(o.channel))
    data = {"version": statement.version, "sha256": statement.sha256, "text": statement.text}
    _out(o, data, statement.text)


def _staff_add(s: Services, o: argparse.Namespace) -> None:
    row = s.catalogue.add_staff(o.name, StaffRole(o.role))
    _out(
        o,
        {"id": row.id, "name": row.name, "role": row.role.value},
        QCoreApplication.translate("Cli", "Staff member added."),
    )


def _staff_list(s: Services, o: argparse.Namespace) -> None:
    rows = s.catalogue.list_staff()
    data = [{"id": r.id, "name": r.name, "role": r.role.value} for r in rows]
    _out(o, data, "\n".join(f"{r.id:>4}  {r.name:<30} {r.role.value}" for r in rows))


def _services_add(s: Services, o: argparse.Namespace) -> None:
    row = s.catalogue.add_service(
        o.name, o.minutes, parse_price_cents(o.price), o.category, o.colour
    )
    data = {"id": row.id, "name": row.name, "minutes": row.minutes, "price_cents": row.price_cents}
    _out(o, data, QCoreApplication.translate("Cli", "Service added."))


def _services_list(s: Services, o: argparse.Namespace) -> None:
    rows = s.catalogue.list_services()
    data = [
        {"id": r.id, "name": r.name, "minutes": r.minutes, "price_cents": r.price_cents}
        for r in rows
    ]
    lines = [
        f"{r.id:>4}  {r.name:<30} {r.minutes:>4} min  {r.price_cents / 100:>8.2f} €" for r in rows
    ]
    _out(o, data, "\n".join(lines))


def _hours_set(s: Services, o: argparse.Namespace) -> None:
    from desk_app.domain.scheduling import parse_opening_spec

    intervals = []
    for spec in o.spec:
        intervals.extend(parse_opening_spec(spec))
    s.catalogue.set_opening_hours(intervals)
    _hours_show(s, o)


def _hours_show(s: Services, o: argparse.Namespace) -> None:
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
    _out(
        o,
        data,
        "\n".join(lines)
        or QCoreApplication.translate("Cli", "No opening hours set: bookings are not limited."),
    )


def _book(s: Services, o: argparse.Namespace) -> None:
    time_zone = s.catalogue.settings()["time_zone"]
    staff = s.catalogue.staff_by_name(o.staff)
    service = s.catalogue.service_by_name(o.service)
    row = s.booking.book(
        BookingRequest(
            customer_id=o.customer,
            staff_id=staff.id,
            service_id=service.id,
            starts_at=_parse_start(o.start, time_zone),
            minutes=o.minutes,
            notify=o.notify,
            source=BookingSource(o.source),
            override=o.override,
        )
    )
    data = appointment_json(row)
    text = QCoreApplication.translate(
        "Cli", "Appointment {id} booked: {customer}, {service} with {staff}, {start}."
    ).format(
        id=row.id,
        customer=row.customer_name,
        service=row.service_name,
        staff=row.staff_name,
        start=error_text.format_moment(row.starts_at, time_zone),
    )
    _out(o, data, text)


def _appointments(s: Services, o: argparse.Namespace) -> None:
    zone = ZoneInfo(s.catalogue.settings()["time_zone"])
    day = _parse_date(o.date, "date") or datetime.now(zone).date()
    start = datetime.combine(day, datetime.min.time(), zone)
    rows = s.booking.between(start, start.replace(hour=23, minute=59))
    lines = [
        f"{r.id:>6}  {r.starts_at.astimezone(zone):%H:%M}–{r.ends_at.astimezone(zone):%H:%M}  "
        f"{r.staff_name:<16} {r.customer_name:<28} {r.service_name} [{r.status.value}]"
        for r in rows
    ]
    _out(o, [appointment_json(r) for r in rows], "\n".join(lines))


def _outbox_list(s: Services, o: argparse.Namespace) -> None:
    rows = s.outbox.messages(OutboxStatus(o.status) if o.status else None)
    # The reason in words (--json keeps the code).
    lines = [
        f"{r.id:>6}  {r.status.value:<10} {r.category.value:<16} {r.channel.value:<6} "
        f"{r.kind} {error_text.outbox_reason_text(r.reason) if r.reason else ''}".rstrip()
        for r in rows
    ]
    _out(
        o,
        [outbox_json(r) for r in rows],
        "\n".join(lines) or QCoreApplication.translate("Cli", "The outbox is empty."),
    )


def _outbox_queue(s: Services, o: argparse.Namespace) -> None:
    row, decision = s.outbox.queue_message(
        o.customer, Channel(o.channel), Category(o.category), o.subject, o.text
    )
    if row is None:
        assert decision.reason is not None
        raise MessageRefused(decision.reason)
    text = QCoreApplication.translate("Cli", "Message queued ({client_id}).").format(
        client_id=row.client_id
    )
    _out(o, outbox_json(row), text)


def _demo_data(s: Services, o: argparse.Namespace) -> None:
    if o.if_empty and not s.demo.is_empty():
        _out(
            o,
            {"skipped": True},
            QCoreApplication.translate("Cli", "The database already has customers; nothing added."),
        )
        return
    counts = s.demo.fill(customers=o.customers)
    _out(
        o,
        counts,
        QCoreApplication.translate(
            "Cli", "Demo salon created: {customers} customers, {appointments} appointments."
        ).format(**counts),
    )


def _settings_set(s: Services, o: argparse.Namespace) -> None:
    # The settings store's one check per key, the same as the window's.
    s.catalogue.set_setting(o.key, o.value)
    _settings_show(s, o)


def _settings_show(s: Services, o: argparse.Namespace) -> None:
    data = s.catalogue.settings()
    _out(o, data, "\n".join(f"{k}: {v}" for k, v in data.items()))


def _read_token() -> str:
    """From DESK_APP_GATEWAY_TOKEN (machines without a keyring), a pipe (scripts) or a
    hidden prompt; never from the command line."""
    from_env = os.environ.get(secrets.TOKEN_VARIABLE, "").strip()
    if from_env:
        return from_env
    if sys.stdin.isatty():
        return getpass.getpass(QCoreApplication.translate("Cli", "Gateway token: "))
    return sys.stdin.readline()


def _gateway_login(s: Services, o: argparse.Namespace) -> None:
    url = gateway_url(o.url)  # the one rule: https, or http to this machine only
    if not url:
        raise InvalidField("gateway_url", "required")
    token = _read_token().strip()
    if not token:
        raise InvalidField("token", "required")
    with GatewayClient(url, token, max_attempts=2) as client:
        client.events(after=0, limit=1)  # proves the token before it is stored
    from_env = token == os.environ.get(secrets.TOKEN_VARIABLE, "").strip()
    stored = True
    try:
        secrets.store_gateway_token(url, token)
    except secrets.SecretStoreUnavailable as exc:
        if not from_env:
            raise KeyringUnavailable() from exc
        stored = False  # it stays where it came from: DESK_APP_GATEWAY_TOKEN
    s.catalogue.set_setting("gateway_url", url)
    text = QCoreApplication.translate("Cli", "Connected to the gateway.")
    if not stored:
        text += " " + QCoreApplication.translate(
            "Cli", "The token is not stored: keep DESK_APP_GATEWAY_TOKEN set on this computer."
        )
    _out(o, {"gateway_url": url, "token_stored": stored}, text)


def _gateway_status(s: Services, o: argparse.Namespace) -> None:
    url = s.catalogue.settings()["gateway_url"]
    data: dict[str, Any] = {
        "gateway_url": url or None,
        "token": bool(url and secrets.gateway_token(url)),
        "queued": len(s.outbox.messages(OutboxStatus.QUEUED)),
    }
    if url:
        data.update(s.outbox.sync_state(url))
    _out(o, data, "\n".join(f"{k}: {v}" for k, v in data.items()))


def _sync(s: Services, o: argparse.Namespace) -> None:
    sync = open_sync(s)
    try:
        _sync_loop(sync, s, o)
    finally:
        sync.close()


def _sync_loop(sync: SyncService, s: Services, o: argparse.Namespace) -> None:
    while True:
        report = sync.run_once()
        data = {
            "events_applied": report.events_applied,
            "accepted": report.accepted,
            "rejected": report.rejected,
            "rejected_codes": report.rejected_codes,
            "consent_requests": report.consent_requests,
            "queued": len(s.outbox.messages(OutboxStatus.QUEUED)),
        }
        if o.once and report.error is not None:
            raise report.error
        if o.once:
            text = QCoreApplication.translate(
                "Cli",
                "Synced: {events} events applied, {accepted} messages handed over, "
                "{rejected} refused, {queued} still queued.",
            ).format(
                events=report.events_applied,
                accepted=report.accepted,
                rejected=report.rejected,
                queued=data["queued"],
            )
            _out(o, data, text)
            return
        if report.error is not None:
            log.warning("sync failed (%s); trying again in 30 s", report.error.kind)
            time.sleep(30)
            continue
        try:
            sync.wait_for_events(25)
        except GatewayError as exc:
            log.warning("waiting for events failed (%s)", exc.kind)
            time.sleep(10)


def _run_automations(s: Services, o: argparse.Namespace) -> None:
    report = s.automations.run()
    lines = []
    for result in report.results:
        name = error_text.automation_label(result.automation.value)
        if not result.enabled:
            lines.append(QCoreApplication.translate("Cli", "{name}: off").format(name=name))
            continue
        line = QCoreApplication.translate(
            "Cli", "{name}: {queued} queued, {already} already queued before"
        ).format(name=name, queued=result.queued, already=result.skipped_already_sent)
        for reason, n in result.refused.items():
            line += f"; {error_text.reason_text(reason)}: {n}"
        for code, n in result.skipped.items():
            line += f"; {error_text.passed_over_text(code)}: {n}"
        lines.append(line)
    _out(o, report.as_dict(), "\n".join(lines))


def _db_upgrade(s: Services, o: argparse.Namespace) -> None:
    # open_services already upgraded; say where the schema stands.
    from desk_app.db import migrate

    revision = migrate.current_revision(s.db.engine)
    _out(
        o,
        {"revision": revision},
        QCoreApplication.translate("Cli", "The database schema is up to date ({revision}).").format(
            revision=revision
        ),
    )


def _db_backup(s: Services, o: argparse.Namespace) -> None:
    from desk_app.db import migrate

    migrate.backup_sqlite(s.db.engine, o.file)
    _out(
        o,
        {"backup": str(o.file)},
        QCoreApplication.translate("Cli", "Backup written to {file}.").format(file=o.file),
    )


def _db_restore(s: Services, o: argparse.Namespace) -> None:
    from desk_app.db import migrate

    migrate.restore_sqlite(s.db.engine, o.file)
    migrate.upgrade(s.db.engine)
    _out(
        o,
        {"restored": str(o.file)},
        QCoreApplication.translate("Cli", "Database restored from {file}.").format(file=o.file),
    )


_HANDLERS: dict[tuple[str, str | None], Callable[[Services, argparse.Namespace], None]] = {
    ("customers", "add"): _customers_add,
    ("customers", "show"): _customers_show,
    ("customers", "search"): _customers_search,
    ("customers", "import"): _customers_import,
    ("customers", "export"): _customers_export,
    ("customers", "export-data"): cli_privacy.export_data,
    ("customers", "erase"): cli_privacy.erase,
    ("consent", "declare"): _consent_declare,
    ("consent", "revoke"): _consent_revoke,
    ("consent", "object"): _consent_object,
    ("consent", "show"): _consent_show,
    ("consent", "statement"): _consent_statement,
    ("staff", "add"): _staff_add,
    ("staff", "list"): _staff_list,
    ("services", "add"): _services_add,
    ("services", "list"): _services_list,
    ("hours", "set"): _hours_set,
    ("hours", "show"): _hours_show,
    ("book", None): _book,
    ("appointments", None): _appointments,
    ("outbox", "list"): _outbox_list,
    ("outbox", "queue"): _outbox_queue,
    ("demo-data", None): _demo_data,
    ("settings", "set"): _settings_set,
    ("settings", "show"): _settings_show,
    ("gateway", "login"): _gateway_login,
    ("gateway", "status"): _gateway_status,
    ("sync", None): _sync,
    ("run-automations", None): _run_automations,
    ("campaign", "preview"): cli_campaigns.preview,
    ("campaign", "send"): cli_campaigns.send,
    ("db", "upgrade"): _db_upgrade,
    ("db", "backup"): _db_backup,
    ("db", "restore"): _db_restore,
}
