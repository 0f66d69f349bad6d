"""Assembling a gateway from its configuration: database, key, transports, worker, web app.

Demo parts (capture email, capture SMS, ``/mailbox``, ``/hooks/capture``) are built only in
demo mode; ``load_config`` has already refused a production configuration that would need
them (DESIGN.md 2.4).
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from desk_gateway.config import GatewayConfig
from desk_gateway.context import Gateway, ensure_secret_key, resolve_secret_key
from desk_gateway.db import migrate
from desk_gateway.delivery import DeliveryWorker
from desk_gateway.email_transport import CaptureTransport, EmailTransport, SmtpTransport
from desk_gateway.sms.base import SmsProvider
from desk_gateway.web.app import create_app
from desk_sql.database import Database, create_database_engine


@dataclass(frozen=True)
class Assembly:
    gateway: Gateway
    worker: DeliveryWorker
    app: FastAPI
    sms: SmsProvider


def open_database(config: GatewayConfig) -> Database:
    """The migrated database. Raises ConfigError when the key does not fit it: the key is
    resolved first, because a migration may re-key address hashes with it."""
    engine = create_database_engine(config.database_url)
    db = Database(engine)
    try:
        migrate.upgrade(engine, secret_key=resolve_secret_key(db, config))
    except Exception:
        db.dispose()
        raise
    return db


def build_sms_provider(config: GatewayConfig, db: Database) -> SmsProvider:
    from desk_gateway.sms.none import NoSmsProvider

    if config.sms_provider == "none":
        return NoSmsProvider()
    if config.sms_provider == "capture":
        if not config.demo:
            raise ValueError("the capture SMS provider exists only in demo mode")
        from desk_gateway.capture_sms import DatabaseCaptureSms

        return DatabaseCaptureSms(db)
    from desk_gateway.sms.registry import build_provider

    return build_provider(config.sms_provider, config.provider_settings)


def build_email_transport(config: GatewayConfig, db: Database) -> EmailTransport:
    if config.smtp is not None:
        return SmtpTransport(config.smtp)
    if not config.demo:
        raise ValueError("the capture mailbox exists only in demo mode")
    return CaptureTransport(db)


def assemble(config: GatewayConfig) -> Assembly:
    """Raises ConfigError when the key does not fit the database."""
    db = open_database(config)
    try:
        gateway = Gateway(db=db, config=config, secret_key=ensure_secret_key(db, config))
    except Exception:
        db.dispose()
        raise
    email = build_email_transport(config, db)
    sms = build_sms_provider(config, db)
    worker = DeliveryWorker(gateway, email, sms)
    app = create_app(gateway, sms, worker, capture_mailbox=config.demo)
    return Assembly(gateway, worker, app, sms)
