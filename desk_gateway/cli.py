"""``desk-gateway``: run the gateway, check its configuration, manage tokens and suppressions.

desk-gateway serve --host 127.0.0.1 --port 8080 [--config gateway.toml]
desk-gateway check-config       # every problem (serve's and the deployment's), exit 0 or 2
desk-gateway token create --name "Haarwerk Müller"    # prints the token once
desk-gateway token rotate --name "Haarwerk Müller"    # new token, same installation
desk-gateway token revoke --name "Haarwerk Müller"
desk-gateway token list
desk-gateway suppression list [--installation NAME]
desk-gateway suppression remove --installation NAME --address ADDR [--erased]

Exit codes: 0 done, 1 refused (unknown name, nothing to remove, …), 2 configuration.
Operator actions that change whom the gateway writes to are recorded in ``operator_actions``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from desk_app.domain.contact import normalise_phone
from desk_app.domain.errors import InvalidField
from desk_gateway.config import PREFIX, ConfigError, GatewayConfig, load_config, serve_problems
from desk_gateway.context import ensure_secret_key, secret_key_problems
from desk_gateway.db.models import Installation, Message, OperatorAction, Suppression
from desk_gateway.deployment_checks import deployment_problems
from desk_gateway.events import append_event
from desk_gateway.server import assemble, open_database
from desk_gateway.suppressions import OBJECTED
from desk_gateway.tokens import address_hash, new_bearer_token, sha256_hex
from desk_sql.database import Database, create_database_engine
from desk_sql.files import sqlite_path

log = logging.getLogger("desk_gateway")

EXIT_REFUSED = 1
EXIT_CONFIG = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="desk-gateway", description="Salon Desk gateway")
    parser.add_argument("--config", type=Path, help="TOML file with the DESK_GATEWAY_* keys")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = sub.add_parser("serve", help="run the HTTP server and the delivery worker")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--log-level", default="info")
    sub.add_parser(
        "check-config",
        help="list every problem of the configuration and the deployment (exit 0 or 2)",
    )

    token = sub.add_parser("token", help="installation tokens").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    create = token.add_parser("create", help="create an installation and print its token once")
    rotate = token.add_parser(
        "rotate", help="give an installation a new token (opt-outs and history stay)"
    )
    revoke = token.add_parser("revoke", help="revoke an installation's token")
    for p in (create, rotate, revoke):
        p.add_argument("--name", required=True)
    listing = token.add_parser("list", help="list installations")
    for p in (create, rotate, revoke, listing):
        p.add_argument("--json", action="store_true")

    suppression = sub.add_parser(
        "suppression", help="addresses the gateway does not write to"
    ).add_subparsers(dest="action", required=True, metavar="ACTION")
    shown = suppression.add_parser("list", help="list suppressions (keyed hashes, no addresses)")
    shown.add_argument("--installation", metavar="NAME")
    remove = suppression.add_parser("remove", help="lift a suppression, e.g. a wrong bounce")
    remove.add_argument("--installation", metavar="NAME", required=True)
    remove.add_argument("--address", metavar="ADDR", required=True)
    remove.add_argument(
        "--erased",
        action="store_true",
        help="also lift a suppression that an erasure request (Art. 17) left",
    )
    for p in (shown, remove):
        p.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    options = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if os.name == "posix":
        os.umask(0o077)  # whatever the gateway writes is its own (database, key, …)
    try:
        config = load_config(file=options.config)
    except ConfigError as exc:
        _print_problems(exc.problems)
        return EXIT_CONFIG
    try:
        if options.command == "serve":
            return _serve(config, options)
        if options.command == "check-config":
            return _check(config)
        if options.command == "token":
            return _with_db(config, options, _token)
        return _with_db(config, options, _suppression)
    except ConfigError as exc:
        _print_problems(exc.problems)
        return EXIT_CONFIG


def _print_problems(problems: Sequence[str]) -> None:
    print(
        "configuration error:" if len(problems) == 1 else "configuration errors:", file=sys.stderr
    )
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)


def _serve(config: GatewayConfig, options: argparse.Namespace) -> int:
    import uvicorn

    if problems := serve_problems(config, options.host):
        raise ConfigError(problems)
    assembly = assemble(config)
    log.info(
        "gateway for %s on %s:%s (email: %s, sms: %s%s)",
        config.public_url,
        options.host,
        options.port,
        "capture" if config.smtp is None else "smtp",
        config.sms_provider,
        ", DEMO MODE" if config.demo else "",
    )
    # Our own access log (desk_gateway.access) leaves tokens and query strings out; the
    # client address comes from TRUSTED_PROXIES only, never from uvicorn's proxy headers.
    uvicorn.run(
        assembly.app,
        host=options.host,
        port=options.port,
        log_level=options.log_level,
        access_log=False,
        proxy_headers=False,
        server_header=False,
    )
    return 0


def _check(config: GatewayConfig) -> int:
    """What serve would refuse, and what a production gateway gets wrong quietly."""
    problems = serve_problems(config) + deployment_problems(config)
    path = sqlite_path(config.database_url)
    if path is not None and not path.exists():
        pass  # a new gateway: database and key file are made at the first start
    else:
        problems += _database_problems(config)
    if problems:
        _print_problems(problems)
        return EXIT_CONFIG
    print("configuration is fine")
    print(f"  public URL: {config.public_url}")
    print(f"  email: {'capture (demo mailbox)' if config.smtp is None else 'SMTP'}")
    print(f"  sms: {config.sms_provider}")
    if config.demo:
        print("  demo mode: on (/mailbox and the capture hook exist)")
    return 0


def _database_problems(config: GatewayConfig) -> list[str]:
    """Whether the key fits the database, read without changing anything."""
    problems: list[str] = []
    try:
        db = Database(create_database_engine(config.database_url))
    except (SQLAlchemyError, ValueError, ImportError) as exc:
        problems.append(f"{PREFIX}DATABASE_URL cannot be used ({type(exc).__name__})")
    else:
        try:
            problems += secret_key_problems(db, config)
        finally:
            db.dispose()
    return problems


def _with_db(config: GatewayConfig, options: argparse.Namespace, command: Any) -> int:
    db = open_database(config)
    try:
        return int(command(config, db, options))
    finally:
        db.dispose()


def _record(db_session: Any, action: str, installation_id: int | None, **detail: Any) -> None:
    db_session.add(
        OperatorAction(
            at=datetime.now(UTC), action=action, installation_id=installation_id, detail=detail
        )
    )


def _refuse(text: str) -> int:
    print(text, file=sys.stderr)
    return EXIT_REFUSED


# ---- tokens -------------------------------------------------------------------------------------
def _token(config: GatewayConfig, db: Database, options: argparse.Namespace) -> int:
    if options.action == "create":
        token = new_bearer_token()
        try:
            with db.write() as s:
                row = Installation(name=options.name, token_hash=sha256_hex(token))
                s.add(row)
                s.flush()
                _record(s, "token.create", row.id, name=options.name)
        except IntegrityError:
            return _refuse(f"an installation named {options.name!r} exists already")
        # The only time the token is ever shown: it is stored hashed.
        _print(options, {"name": options.name, "token": token}, token)
        return 0
    if options.action == "rotate":
        token = new_bearer_token()
        with db.write() as s:
            found = s.scalar(select(Installation).where(Installation.name == options.name))
            if found is None:
                return _refuse(f"no installation named {options.name!r}")
            was_revoked = found.revoked_at is not None
            # The same installation: its opt-outs, suppressions and events stay; the old
            # token stops working with this commit (every request looks the hash up).
            found.token_hash, found.revoked_at = sha256_hex(token), None
            _record(s, "token.rotate", found.id, name=options.name, was_revoked=was_revoked)
        _print(options, {"name": options.name, "token": token}, token)
        return 0
    if options.action == "revoke":
        with db.write() as s:
            found = s.scalar(select(Installation).where(Installation.name == options.name))
            if found is None:
                return _refuse(f"no installation named {options.name!r}")
            if found.revoked_at is None:
                found.revoked_at = datetime.now(UTC)
                _record(s, "token.revoke", found.id, name=options.name)
        _print(options, {"name": options.name, "revoked": True}, "revoked")
        return 0
    with db.read() as s:
        rows = [
            {
                "name": i.name,
                "created_at": i.created_at.isoformat(),
                "revoked": bool(i.revoked_at),
            }
            for i in s.scalars(select(Installation).order_by(Installation.name))
        ]
    _print(
        options,
        rows,
        "\n".join(f"{r['name']}{' (revoked)' if r['revoked'] else ''}" for r in rows),
    )
    return 0


# ---- suppressions -------------------------------------------------------------------------------
def _suppression(config: GatewayConfig, db: Database, options: argparse.Namespace) -> int:
    if options.action == "list":
        return _suppression_list(db, options)
    return _suppression_remove(config, db, options)


def _suppression_list(db: Database, options: argparse.Namespace) -> int:
    with db.read() as s:
        query = (
            select(Installation.name, Suppression.reason, Suppression.at, Suppression.address_hash)
            .join(Installation, Installation.id == Suppression.installation_id)
            .order_by(Installation.name, Suppression.at, Suppression.address_hash)
        )
        if options.installation is not None:
            if (
                s.scalar(select(Installation.id).where(Installation.name == options.installation))
                is None
            ):
                return _refuse(f"no installation named {options.installation!r}")
            query = query.where(Installation.name == options.installation)
        rows = [
            {"installation": name, "reason": reason, "at": at.isoformat(), "address_hash": h}
            for name, reason, at, h in s.execute(query)
        ]
    # Only keyed hashes exist here: the gateway keeps no address for a suppression.
    text = "\n".join(
        f"{r['installation']}\t{r['reason']}\t{r['at']}\t{r['address_hash'][:16]}" for r in rows
    )
    _print(options, rows, text or "no suppressions")
    return 0


def _address_key(address: str) -> tuple[str, str] | None:
    """(channel, normalised address) as the gateway hashed it, or None if it is neither."""
    text = address.strip()
    if "@" in text:
        return "email", text.lower()
    try:
        return "sms", normalise_phone(text)
    except InvalidField:
        return None


def _suppression_remove(config: GatewayConfig, db: Database, options: argparse.Namespace) -> int:
    key = _address_key(options.address)
    if key is None:
        return _refuse("--address is neither an email address nor a phone number")
    channel, address = key
    secret_key = ensure_secret_key(db, config)
    hashed = address_hash(secret_key, address)
    now = datetime.now(UTC)
    with db.write() as s:
        installation_id = s.scalar(
            select(Installation.id).where(Installation.name == options.installation)
        )
        if installation_id is None:
            return _refuse(f"no installation named {options.installation!r}")
        found = s.get(Suppression, {"installation_id": installation_id, "address_hash": hashed})
        if found is None:
            return _refuse(f"this address is not suppressed for {options.installation!r}")
        if found.reason == OBJECTED:
            return _refuse(
                "this number sent STOP; only a new double opt-in the customer confirms there "
                "lifts that"
            )
        if found.reason == "erased" and not options.erased:
            return _refuse(
                "this address was suppressed by an erasure request (Art. 17); lifting it "
                "means the customer may be written to again. Add --erased if that is intended."
            )
        reason, since = found.reason, found.at
        s.execute(
            delete(Suppression).where(
                Suppression.installation_id == installation_id,
                Suppression.address_hash == hashed,
            )
        )
        # The desktops marked these customers' addresses as bounced from message.bounced
        # events; address.unsuppressed lets them lift the mark (docs/gateway-protocol-v1.md).
        refs = list(
            s.scalars(
                select(Message.customer_ref)
                .where(
                    Message.installation_id == installation_id,
                    Message.channel == channel,
                    func.lower(Message.to_address) == address.lower(),
                )
                .distinct()
                .order_by(Message.customer_ref)
            )
        )
        for ref in refs:
            append_event(
                s,
                installation_id,
                "address.unsuppressed",
                now,
                customer_ref=ref,
                channel=channel,
                data={"reason": reason},
            )
        _record(
            s,
            "suppression.remove",
            installation_id,
            address_hash=hashed,
            channel=channel,
            reason=reason,
            suppressed_at=since.isoformat(),
            customers_told=len(refs),
        )
    result = {
        "installation": options.installation,
        "removed": True,
        "reason": reason,
        "channel": channel,
        "customers_told": len(refs),
    }
    _print(
        options,
        result,
        f"removed ({reason} since {since.isoformat()}); {len(refs)} customer(s) told",
    )
    return 0


def _print(options: argparse.Namespace, data: object, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if options.json else text)


if __name__ == "__main__":
    sys.exit(main())
