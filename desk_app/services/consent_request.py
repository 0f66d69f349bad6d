"""The consent request as it waits in the outbox: written by ``ConsentService.declare``,
read by ``SyncService`` when it hands the request to the gateway.

Stored as JSON in ``outbox_messages.payload``. The statement travels with its SHA-256,
the hash the ledger recorded, so the text handed to the gateway is provably the one the
customer agreed to: reading a payload whose text does not match its hash is an error,
as is a payload missing a field (never a guessed default).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desk_app.domain.enums import ConsentSource
from desk_app.domain.statements import ConsentStatement, statement_sha256


class InvalidConsentRequest(ValueError):
    """A stored consent request cannot be read (damaged or written by something else)."""


@dataclass(frozen=True)
class ConsentRequestPayload:
    request_id: str
    statement_version: str
    statement_text: str
    statement_sha256: str
    source: ConsentSource
    staff: str | None
    declared_at: datetime
    # Online bookings: the submission's evidence, and the booking confirmation that
    # carries the confirmation link (None: the request goes with a message of its own).
    ip: str | None = None
    user_agent: str | None = None
    carried_by: str | None = None

    @classmethod
    def declared(
        cls,
        request_id: str,
        statement: ConsentStatement,
        source: ConsentSource,
        staff: str | None,
        declared_at: datetime,
        ip: str | None = None,
        user_agent: str | None = None,
        carried_by: str | None = None,
    ) -> ConsentRequestPayload:
        return cls(
            request_id=request_id,
            statement_version=statement.version,
            statement_text=statement.text,
            statement_sha256=statement.sha256,
            source=source,
            staff=staff,
            declared_at=declared_at,
            ip=ip,
            user_agent=user_agent,
            carried_by=carried_by,
        )

    def to_json(self) -> dict[str, Any]:
        source: dict[str, Any] = {"kind": self.source.value, "staff": self.staff}
        # Only an online submission has them: the phone path's payload stays as it was.
        if self.ip is not None:
            source["ip"] = self.ip
        if self.user_agent is not None:
            source["user_agent"] = self.user_agent
        stored: dict[str, Any] = {
            "request_id": self.request_id,
            "statement": {
                "version": self.statement_version,
                "text": self.statement_text,
                "sha256": self.statement_sha256,
            },
            "source": source,
            "declared_at": self.declared_at.isoformat(),
        }
        if self.carried_by is not None:
            stored["carried_by"] = self.carried_by
        return stored

    @classmethod
    def from_json(cls, data: object) -> ConsentRequestPayload:
        """Raises ``InvalidConsentRequest`` naming what is missing or wrong."""
        payload = _object(data, "payload")
        statement = _object(payload.get("statement"), "statement")
        source = _object(payload.get("source"), "source")
        text = _text(statement, "text", "statement.text")
        # Requests queued before the hash was stored carry only the text: the hash the
        # ledger recorded for them is the hash of exactly this text.
        sha256 = statement.get("sha256") or statement_sha256(text)
        if sha256 != statement_sha256(text):
            raise InvalidConsentRequest("statement.text does not match statement.sha256")
        kind = _text(source, "kind", "source.kind")
        try:
            source_kind = ConsentSource(kind)
        except ValueError:
            raise InvalidConsentRequest(f"source.kind is unknown: {kind!r}") from None
        staff = _optional_text(source, "staff", "source.staff")
        declared_at = _text(payload, "declared_at", "declared_at")
        try:
            at = datetime.fromisoformat(declared_at)
        except ValueError:
            raise InvalidConsentRequest(f"declared_at is no time: {declared_at!r}") from None
        return cls(
            request_id=_text(payload, "request_id", "request_id"),
            statement_version=_text(statement, "version", "statement.version"),
            statement_text=text,
            statement_sha256=sha256,
            source=source_kind,
            staff=staff or None,
            declared_at=at,
            # Requests queued before online booking carry none of these.
            ip=_optional_text(source, "ip", "source.ip"),
            user_agent=_optional_text(source, "user_agent", "source.user_agent"),
            carried_by=_optional_text(payload, "carried_by", "carried_by"),
        )


def _object(value: object, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidConsentRequest(f"{name} is missing or not an object")
    return value


def _text(data: dict[str, Any], key: str, name: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise InvalidConsentRequest(f"{name} is missing or not text")
    return value


def _optional_text(data: dict[str, Any], key: str, name: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise InvalidConsentRequest(f"{name} is not text")
    return value
