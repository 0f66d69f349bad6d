"""Building the parser from the command groups, and running the chosen command.

``--json`` prints machine-readable output on stdout. Errors go to stderr (as JSON with
``--json``), with exit code 1 for a problem the user can fix, 3 for an unusable
database, 4 for a bug (the traceback goes to the log), 5 when the gateway cannot be
used (nothing is lost: messages stay in the outbox), 6 when the acting member may not
do it (or the salon signs in personally and the command named nobody) and 7 when the
sign-in failed (wrong PIN, locked out, unknown member, a refused token). ``EXIT_CODES``
is what ``desk-app --help`` says.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli import (
    acting,
    automations,
    booking,
    campaigns,
    consent,
    customers,
    db,
    demo,
    gateway,
    hours,
    online,
    outbox,
    retention,
    settings,
    staff,
    sync,
    treatments,
    waitlist,
)
from desk_app.cli.output import Handler, row_problem_lines, row_problems_json
from desk_app.config.logging_setup import configure_logging
from desk_app.config.paths import translations_dir
from desk_app.domain.errors import (
    DomainError,
    ImportRejected,
    InvalidField,
    MessageRefused,
    NotPermitted,
    SignInRequired,
)
from desk_app.services.errors import GatewayError, StorageError
from desk_app.texts import error_text, i18n

if TYPE_CHECKING:
    from desk_app.services.container import Services

log = logging.getLogger("desk_app.cli")

EXIT_USER_ERROR = 1
EXIT_STORAGE = 3
EXIT_BUG = 4
EXIT_GATEWAY = 5
EXIT_REFUSED = 6
EXIT_SIGN_IN = 7

EXIT_CODES = f"""exit codes:
  0  done
  1  a problem with the input (the message says what to fix)
  {EXIT_STORAGE}  the database cannot be used
  {EXIT_BUG}  a bug (the traceback is in the log file)
  {EXIT_GATEWAY}  the gateway cannot be reached (messages stay in the outbox)
  {EXIT_REFUSED}  refused: the acting member may not do this, or the salon signs in
     personally and the command named nobody (--as NAME, or a token)
  {EXIT_SIGN_IN}  the sign-in failed: wrong PIN, locked out, unknown member, or a token
     that is unknown, expired or revoked

acting as a staff member:
  --as NAME reads the PIN from stdin (a hidden prompt on a terminal, else the first
  line); unattended jobs use a token the owner issued (desk-app staff token issue),
  from {acting.TOKEN_VARIABLE} or --token-file PATH."""

# In the order ``desk-app --help`` lists them.
_GROUPS = (
    customers,
    consent,
    staff,
    treatments,
    hours,
    booking,
    waitlist,
    online,
    outbox,
    demo,
    settings,
    gateway,
    campaigns,
    automations,
    retention,
    sync,
    db,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desk-app",
        description="Salon Desk",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--database", metavar="URL", help="database URL (default: SQLite file)")
    acting.add_options(parser)
    parser.add_argument(
        "--demo-gateway",
        action="store_true",
        help="with the window: run a local demo gateway (messages stay on this computer)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation: a new database in a temporary folder, every screen "
        "rendered offscreen, the translations; exit code 0 if all works",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in _GROUPS:
        group.add_parsers(sub)
    return parser


def parse(args: Sequence[str]) -> argparse.Namespace:
    return build_parser().parse_args(args)


def execute(options: argparse.Namespace) -> int:
    # The services (SQLAlchemy, the models) only for a command that runs: not for --help.
    from desk_app.bootstrap import open_services

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    i18n.install_translators(app, i18n.choose_language(), translations_dir())
    configure_logging()
    handler: Handler = options.handler
    services: Services | None = None
    time_zone = "Europe/Berlin"
    signing_in = False
    try:
        services = open_services(options.database)
        time_zone = services.catalogue.salon_settings().time_zone
        signing_in = True
        options.actor = acting.sign_in(services, options)
        signing_in = False
        handler(services, options)
        return 0
    except (DomainError, StorageError, GatewayError) as exc:
        _fail(options, exc, error_text.describe(exc, time_zone))
        return _exit_code(exc, signing_in)
    except KeyboardInterrupt:
        return 0
    except Exception as exc:
        log.exception("unexpected error in %s", options.command)
        _fail(options, exc, error_text.describe(exc, time_zone))
        return EXIT_BUG
    finally:
        if services is not None:
            services.db.dispose()


def _exit_code(exc: BaseException, signing_in: bool) -> int:
    if isinstance(exc, GatewayError):
        return EXIT_GATEWAY
    if isinstance(exc, StorageError):
        return EXIT_STORAGE
    if isinstance(exc, NotPermitted | SignInRequired):
        return EXIT_REFUSED
    # Whatever stopped the sign-in (an unknown name, a PIN of the wrong form, a lockout,
    # a refused token): a script tells it apart from a refusal and from its own input.
    return EXIT_SIGN_IN if signing_in else EXIT_USER_ERROR


def _fail(options: argparse.Namespace, exc: BaseException, message: str) -> None:
    if getattr(options, "json", False):
        payload: dict[str, Any] = {"error": type(exc).__name__, "message": message}
        if isinstance(exc, MessageRefused):
            payload["reason"] = exc.reason.value
        if isinstance(exc, InvalidField):
            payload.update(field=exc.field, problem=exc.problem)
        if isinstance(exc, ImportRejected):
            payload["rejected"] = row_problems_json(exc.rejected)
        print(json.dumps(payload, ensure_ascii=False), file=sys.stderr)
    else:
        print(
            QCoreApplication.translate("Cli", "Error: {message}").format(message=message),
            file=sys.stderr,
        )
        if isinstance(exc, ImportRejected):  # which rows, and why: the file needs fixing
            print("\n".join(row_problem_lines(exc.rejected)), file=sys.stderr)
