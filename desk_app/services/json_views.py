"""Plain, JSON-ready dictionaries of rows (command line output, evidence exports)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desk_app.domain.consent import ChannelConsent, LedgerEntry
from desk_app.services.rows import (
    AppointmentRow,
    ConsentEvidence,
    CustomerConsentRow,
    CustomerRow,
    OutboxRow,
)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def customer_json(row: CustomerRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "ref": row.ref,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "email": row.email,
        "phone": row.phone,
        "birthday": row.birthday.isoformat() if row.birthday else None,
        "street": row.street,
        "postal_code": row.postal_code,
        "city": row.city,
        "notes": row.notes,
        "preferred_channel": row.preferred_channel.value if row.preferred_channel else None,
        "language": row.language,
        "objection_notice_given": row.objection_notice_given,
        "email_bounced": row.email_bounced,
        "phone_bounced": row.phone_bounced,
        "created_at": _iso(row.created_at),
    }


def appointment_json(row: AppointmentRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "customer_id": row.customer_id,
        "customer": row.customer_name,
        "staff": row.staff_name,
        "service": row.service_name,
        "start": _iso(row.starts_at),
        "end": _iso(row.ends_at),
        # Its processing phase (issue 14): the stylist is free then; null: none.
        "processing_start": _iso(row.processing_starts_at),
        "processing_end": _iso(row.processing_ends_at),
        "status": row.status.value,
        "source": row.source.value,
        "notify": row.notify,
        "confirmation_client_id": row.confirmation_client_id,
    }


def outbox_json(row: OutboxRow) -> dict[str, Any]:
    return {
        "client_id": row.client_id,
        "customer_id": row.customer_id,
        "channel": row.channel.value,
        "category": row.category.value,
        "kind": row.kind,
        "status": row.status.value,
        "reason": row.reason,
        "created_at": _iso(row.created_at),
    }


def ledger_entry_json(entry: LedgerEntry) -> dict[str, Any]:
    return {
        "event": entry.event.value,
        "at": _iso(entry.at),
        "channel": entry.channel.value if entry.channel else None,
        "source": entry.source.value if entry.source else None,
        "staff": entry.staff,
        "request_id": entry.request_id,
        "statement_version": entry.statement_version,
        "statement_sha256": entry.statement_sha256,
        "ip": entry.ip,
        "user_agent": entry.user_agent,
        "message_id": entry.message_id,
        # A declaration's: the address asked (a confirmation proves that one only).
        "address": entry.address,
    }


def _evidence(channel: ChannelConsent) -> dict[str, Any]:
    declaration, confirmation = channel.declaration, channel.confirmation
    evidence: dict[str, Any] = {}
    if declaration is not None:
        evidence.update(
            declared_at=_iso(declaration.at),
            declared_by=declaration.staff,
            declaration_source=declaration.source.value if declaration.source else None,
            request_id=declaration.request_id,
            statement_version=declaration.statement_version,
            statement_sha256=declaration.statement_sha256,
        )
    if confirmation is not None:
        evidence.update(
            confirmed_at=_iso(confirmation.at),
            ip=confirmation.ip,
            user_agent=confirmation.user_agent,
        )
    ended = channel.ended_by_address_change
    if ended is not None:
        # Why a consent staff may remember is gone: it was for the address before.
        evidence["ended_by_address_change"] = {
            "at": _iso(ended.at),
            "request_id": ended.request_id,
        }
    evidence["history"] = [ledger_entry_json(e) for e in channel.history]
    return evidence


def consent_json(row: CustomerConsentRow) -> dict[str, Any]:
    return {
        "customer_id": row.customer_id,
        "objected": row.status.objected,
        "objected_at": _iso(row.status.objected_at),
        "channels": {
            channel.value: {
                "state": info.state.value,
                "since": _iso(info.since),
                "source": info.source.value if info.source else None,
                "evidence": _evidence(info),
            }
            for channel, info in row.status.channels.items()
        },
    }


def evidence_json(evidence: ConsentEvidence) -> dict[str, Any]:
    """The consent evidence as JSON: ``consent_json`` plus the statement texts."""
    customer = customer_json(evidence.customer)
    return {
        "generated_at": evidence.generated_at.isoformat(),
        "customer": {
            key: customer[key]
            for key in ("id", "ref", "first_name", "last_name", "email", "phone", "language")
        },
        "consent": consent_json(evidence.consent),
        "statements": {
            digest: {"text": statement.text, "sha256_matches": statement.sha256_matches}
            for digest, statement in evidence.statements.items()
        },
    }
