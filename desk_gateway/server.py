"""Assembling a gateway from its configuration: database, transports, worker, web app."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from desk_gateway.config import GatewayConfig
from desk_gateway.context import Gateway, ensure_secret_key
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


def open_database(config: GatewayConfig) -> Database:
    engine = create_database_engine(config.database_url)
    migrate.upgrade(engine)
    return Database(engine)


def build_sms_provider(config: GatewayConfig, db: Database) -> SmsProvider:
    from desk_gateway.capture_sms import DatabaseCaptureSms
    from desk_gateway.sms.registry import build_provider

    if config.sms_provider == "capture":
        return DatabaseCaptureSms(db)
    return build_provider(config.sms_provider, config.provider_settings)


def assemble(config: GatewayConfig) -> Assembly:
    db = open_database(config)
    gateway = Gateway(db=db, config=config, secret_key=ensure_secret_key(db))
    email: EmailTransport = (
        CaptureTransport(db) if config.smtp is None else SmtpTransport(config.smtp)
    )
    sms = build_sms_provider(config, db)
    worker = DeliveryWorker(gateway, email, sms)
    capture = config.smtp is None or config.sms_provider == "capture"
    return Assembly(gateway, worker, create_app(gateway, sms, worker, capture_mailbox=capture))
