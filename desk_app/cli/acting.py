"""Who a command acts as (issue 12): the one place the command line decides it.

``--as NAME`` signs in as a staff member with their PIN, read from stdin: a hidden
prompt on a terminal, else the first line of the pipe (a PIN never goes into the
arguments, where every user of the machine can read it, nor into a log or the output).
The sign-in is the window's (``StaffAccessService.sign_in``): each miss counts and a
lockout holds at every counter PC. An unattended job uses a token the owner issued,
from ``DESK_APP_TOKEN`` or ``--token-file PATH``. Without either, the command acts as
the shared counter sign-in, until the salon switches personal sign-in on
(``staff_sign_in``): then every command is refused (``SignInRequired``).

``main.execute`` signs in once, before the command runs; the command's handler asks
``command_actor`` for the result.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import Permission
from desk_app.domain.errors import InvalidField, NotFound, SignInRequired

if TYPE_CHECKING:  # the parser is built without SQLAlchemy (tests/cli/test_lazy_imports.py)
    from desk_app.services.container import Services

TOKEN_VARIABLE = "DESK_APP_TOKEN"
# A token file's permission bits beyond its owner's: any of them, and others may read it.
_NOT_OWNER_ONLY = 0o077


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as",
        dest="acting_as",
        metavar="NAME",
        help="act as this staff member; the PIN is read from stdin (a hidden prompt on "
        "a terminal, else the first line)",
    )
    parser.add_argument(
        "--token-file",
        type=Path,
        metavar="PATH",
        help=f"act with the owner's token in PATH (readable by its owner only); or set "
        f"{TOKEN_VARIABLE}",
    )
    parser.set_defaults(actor=None, permissions=())


def requires(parser: argparse.ArgumentParser, *permissions: Permission) -> None:
    """The rights a command needs that no service call of its handler checks (a file
    written from a plain read, the database copied or replaced): checked right after the
    sign-in, against the role as stored, before the command does anything."""
    parser.set_defaults(permissions=permissions)


def sign_in(s: Services, o: argparse.Namespace) -> Actor:
    """Who the command acts as (see the module's docstring), if they may run it
    (``requires``); raises what refused it."""
    actor = _signed_in(s, o)
    if o.permissions:
        return s.staff_access.check(actor, o.permissions)
    return actor


def _signed_in(s: Services, o: argparse.Namespace) -> Actor:
    if o.acting_as is not None:
        if o.token_file is not None:
            raise InvalidField("token", "as_or_token")
        member_id = member_named(s, o.acting_as)
        return s.staff_access.sign_in(member_id, read_pin(o.acting_as))
    token = read_token(o.token_file)
    if token:
        return s.staff_tokens.sign_in(token)
    if o.token_file is not None:  # an empty file: a mistake, never the shared sign-in
        raise InvalidField("token", "required")
    if s.catalogue.salon_settings().staff_sign_in:
        raise SignInRequired(command_name(o))
    return SHARED_COUNTER


def command_actor(s: Services, o: argparse.Namespace) -> Actor:
    """Who the running command acts as (``main.execute`` signed in before it ran)."""
    del s
    actor: Actor = o.actor
    return actor


def command_name(o: argparse.Namespace) -> str:
    action = getattr(o, "action", None)
    return f"{o.command} {action}" if isinstance(action, str) else str(o.command)


def member_named(s: Services, name: str) -> int:
    """The active member called ``name`` (in any case, if that names only one)."""
    members = s.staff_access.members()
    wanted = name.strip()
    exact = [m.id for m in members if m.name == wanted]
    if exact:
        return exact[0]
    alike = [m.id for m in members if m.name.casefold() == wanted.casefold()]
    if len(alike) == 1:
        return alike[0]
    raise NotFound("staff", wanted)


def read_pin(name: str) -> str:
    stdin = sys.stdin
    if stdin is None:  # no console at all (a Windows GUI start)
        return ""
    if stdin.isatty():
        prompt = QCoreApplication.translate("Cli", "PIN for {name}: ").format(name=name)
        return getpass.getpass(prompt)
    return stdin.readline().rstrip("\r\n")


def read_token(path: Path | None) -> str:
    """The token from ``path``, else from ``DESK_APP_TOKEN``; "" for none."""
    if path is None:
        return os.environ.get(TOKEN_VARIABLE, "").strip()
    try:
        with path.open(encoding="utf-8") as file:
            # Checked on the open file, not the name: it cannot be swapped in between.
            mode = os.fstat(file.fileno()).st_mode
            if os.name == "posix" and mode & _NOT_OWNER_ONLY:
                raise InvalidField("token_file", "readable_by_others", str(path))
            return file.read().strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidField("token_file", "token_file_unreadable", str(path)) from exc
