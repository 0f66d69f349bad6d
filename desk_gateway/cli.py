"""``desk-gateway``: run the gateway and manage installation tokens.

desk-gateway serve --host 127.0.0.1 --port 8080 [--config gateway.toml]
desk-gateway token create --name "Haarwerk Müller"   # prints the token once
desk-gateway token revoke --name "Haarwerk Müller"
desk-gateway token list
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from desk_gateway.config import ConfigError, GatewayConfig, load_config
from desk_gateway.db.models import Installation
from desk_gateway.server import assemble, open_database
from desk_gateway.tokens import new_bearer_token, sha256_hex

log = logging.getLogger("desk_gateway")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="desk-gateway", description="Salon Desk gateway")
    parser.add_argument("--config", type=Path, help="TOML file with the DESK_GATEWAY_* keys")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = sub.add_parser("serve", help="run the HTTP server and the delivery worker")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--log-level", default="info")
    token = sub.add_parser("token", help="installation tokens").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    create = token.add_parser("create", help="create an installation and print its token once")
    create.add_argument("--name", required=True)
    revoke = token.add_parser("revoke", help="revoke an installation's token")
    revoke.add_argument("--name", required=True)
    token.add_parser("list", help="list installations")
    for p in (create, revoke, token.choices["list"]):
        p.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    options = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        config = load_config(file=options.config)
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    if options.command == "serve":
        return _serve(config, options)
    return _token(config, options)


def _serve(config: GatewayConfig, options: argparse.Namespace) -> int:
    import uvicorn

    assembly = assemble(config)
    log.info(
        "gateway for %s on %s:%s (email: %s, sms: %s)",
        config.public_url,
        options.host,
        options.port,
        "capture" if config.smtp is None else "smtp",
        config.sms_provider,
    )
    uvicorn.run(assembly.app, host=options.host, port=options.port, log_level=options.log_level)
    return 0


def _token(config: GatewayConfig, options: argparse.Namespace) -> int:
    db = open_database(config)
    try:
        if options.action == "create":
            token = new_bearer_token()
            try:
                with db.write() as s:
                    s.add(Installation(name=options.name, token_hash=sha256_hex(token)))
            except IntegrityError:
                print(f"an installation named {options.name!r} exists already", file=sys.stderr)
                return 1
            # The only time the token is ever shown: it is stored hashed.
            _print(options, {"name": options.name, "token": token}, token)
            return 0
        if options.action == "revoke":
            with db.write() as s:
                found = s.scalar(select(Installation).where(Installation.name == options.name))
                if found is None:
                    print(f"no installation named {options.name!r}", file=sys.stderr)
                    return 1
                found.revoked_at = found.revoked_at or datetime.now(UTC)
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
    finally:
        db.dispose()


def _print(options: argparse.Namespace, data: object, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if options.json else text)


if __name__ == "__main__":
    sys.exit(main())
