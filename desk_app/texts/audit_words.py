"""The audit log in words (the owner's audit view): what was done, on what, and the
details as a sentence rather than the stored JSON.

Others add actions (gateway login, tokens, retention) and their details as they build
them: an action or a detail key this module does not know is still worded, from its
code ("token_issued" → "Token issued"), never shown as JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import AuditAction, ConsentSource, StaffRole
from desk_app.texts.access_words import role_name
from desk_app.texts.campaign_words import channel_choice_name, type_name
from desk_app.texts.consent_words import source_text
from desk_app.texts.error_text import field_label, format_moment

A = AuditAction


def action_name(action: AuditAction | str) -> str:
    known = action_names().get(action) if isinstance(action, AuditAction) else None
    return known or code_words(str(action))


def action_names() -> dict[AuditAction, str]:
    """Every action this version writes, in words (translated when called)."""
    return {
        A.SIGNED_IN: QCoreApplication.translate("AuditWords", "Signed in"),
        A.SIGN_IN_FAILED: QCoreApplication.translate("AuditWords", "Sign-in failed"),
        A.CONSENT_DECLARED: QCoreApplication.translate("AuditWords", "Consent recorded"),
        A.CONSENT_REVOKED: QCoreApplication.translate("AuditWords", "Consent withdrawn"),
        A.OBJECTION_RECORDED: QCoreApplication.translate("AuditWords", "Objection recorded"),
        A.CUSTOMER_EXPORTED: QCoreApplication.translate("AuditWords", "Customer data exported"),
        A.CUSTOMER_ERASED: QCoreApplication.translate("AuditWords", "Customer erased"),
        A.CAMPAIGN_SENT: QCoreApplication.translate("AuditWords", "Campaign sent"),
        A.SETTINGS_CHANGED: QCoreApplication.translate("AuditWords", "Settings changed"),
        A.STAFF_ADDED: QCoreApplication.translate("AuditWords", "Staff member added"),
        A.STAFF_ROLE_CHANGED: QCoreApplication.translate("AuditWords", "Role changed"),
        A.STAFF_ACTIVE_CHANGED: QCoreApplication.translate(
            "AuditWords", "Staff member (de)activated"
        ),
        A.PIN_SET: QCoreApplication.translate("AuditWords", "PIN set"),
        A.TOKEN_ISSUED: QCoreApplication.translate("AuditWords", "Token issued"),
        A.TOKEN_REVOKED: QCoreApplication.translate("AuditWords", "Token revoked"),
        A.SIGNED_IN_BY_TOKEN: QCoreApplication.translate("AuditWords", "Signed in by token"),
        A.GATEWAY_LOGIN: QCoreApplication.translate("AuditWords", "Signed in to the gateway"),
        A.RETENTION_RUN: QCoreApplication.translate("AuditWords", "Inactive customers anonymised"),
        A.BACKUP_MADE: QCoreApplication.translate("AuditWords", "Backup made"),
        A.DATABASE_RESTORED: QCoreApplication.translate("AuditWords", "Database restored"),
        A.SERIES_CHANGED: QCoreApplication.translate("AuditWords", "Recurring series changed"),
    }


def code_words(code: str) -> str:
    """A stored code as words: ``"gateway_login"`` → ``"Gateway login"``."""
    words = code.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def member_text(name: str, member_id: int | None) -> str:
    if member_id is None:
        return QCoreApplication.translate("AuditWords", "Shared sign-in")
    return name


def role_text(role: StaffRole, member_id: int | None) -> str:
    return "" if member_id is None else role_name(role)


def subject_text(subject: str, name: str, erased: bool) -> str:
    """``customer:12`` with its current name → "Customer Anna Schmidt"."""
    kind, _, number = subject.partition(":")
    if not number:
        if subject == "settings":
            return QCoreApplication.translate("AuditWords", "Salon settings")
        return code_words(subject)
    if erased:
        return QCoreApplication.translate("AuditWords", "Customer no. {number} (erased)").format(
            number=number
        )
    kinds = {
        "customer": QCoreApplication.translate("AuditWords", "Customer {name}"),
        "staff": QCoreApplication.translate("AuditWords", "Staff member {name}"),
        "campaign": QCoreApplication.translate("AuditWords", "Campaign “{name}”"),
    }
    numbered = {
        "customer": QCoreApplication.translate("AuditWords", "Customer no. {number}"),
        "staff": QCoreApplication.translate("AuditWords", "Staff member no. {number}"),
        "campaign": QCoreApplication.translate("AuditWords", "Campaign no. {number}"),
    }
    if name and kind in kinds:
        return kinds[kind].format(name=name)
    if kind in numbered:
        return numbered[kind].format(number=number)
    return f"{code_words(kind)} {number}"


def details_text(action: AuditAction | str, details: Mapping[str, object], time_zone: str) -> str:
    """The details as one readable line; "" when there are none worth saying."""
    worded = _worded(action, details, time_zone)
    if worded is not None:
        return worded
    return "; ".join(
        f"{code_words(key)}: {_value_text(value)}" for key, value in sorted(details.items())
    )


def _worded(action: AuditAction | str, d: Mapping[str, object], time_zone: str) -> str | None:
    try:
        if action is A.SIGNED_IN or action is A.CUSTOMER_EXPORTED:
            return ""
        if action is A.SIGN_IN_FAILED:
            return {
                "wrong_pin": QCoreApplication.translate("AuditWords", "Wrong PIN"),
                "wrong_pin_locked": QCoreApplication.translate(
                    "AuditWords", "Wrong PIN; the member is locked out now"
                ),
                "locked_out": QCoreApplication.translate("AuditWords", "Tried while locked out"),
            }[str(d["reason"])]
        if action in (A.CONSENT_DECLARED, A.CONSENT_REVOKED):
            channels = ", ".join(_channel(str(c)) for c in d["channels"])  # type: ignore[attr-defined]
            return QCoreApplication.translate(
                "AuditWords", "{channels}, {source}, asked by {staff}"
            ).format(
                channels=channels,
                source=source_text(ConsentSource(str(d["source"]))),
                staff=d["staff"],
            )
        if action is A.OBJECTION_RECORDED:
            return QCoreApplication.translate("AuditWords", "{source}, recorded by {staff}").format(
                source=source_text(ConsentSource(str(d["source"]))), staff=d["recorded_by"]
            )
        if action is A.CUSTOMER_ERASED:
            return QCoreApplication.translate(
                "AuditWords", "Erased by {staff}; {count} address(es) blocked"
            ).format(staff=d["erased_by"], count=d["suppressed"])
        if action is A.CAMPAIGN_SENT:
            send_at = datetime.fromisoformat(str(d["send_at"]))
            return QCoreApplication.translate(
                "AuditWords", "{type}, {channel}, {count} recipient(s), from {time}"
            ).format(
                type=type_name(CampaignType(str(d["type"]))),
                channel=channel_choice_name(ChannelChoice(str(d["channel"]))),
                count=d["recipients"],
                time=format_moment(send_at, time_zone),
            )
        if action is A.SETTINGS_CHANGED:
            changed = d["changed"]
            assert isinstance(changed, Mapping)
            return "; ".join(
                f"{setting_name(str(k))}: {_setting_value(v)}" for k, v in sorted(changed.items())
            )
        if action is A.STAFF_ADDED:
            return QCoreApplication.translate("AuditWords", "{member} as {role}").format(
                member=d["member"], role=role_name(StaffRole(str(d["role"])))
            )
        if action is A.STAFF_ROLE_CHANGED:
            return QCoreApplication.translate("AuditWords", "{member}: {old} → {new}").format(
                member=d["member"],
                old=role_name(StaffRole(str(d["from"]))),
                new=role_name(StaffRole(str(d["to"]))),
            )
        if action is A.STAFF_ACTIVE_CHANGED:
            if d["active"]:
                return QCoreApplication.translate("AuditWords", "{member} activated").format(
                    member=d["member"]
                )
            revoked = d.get("tokens_revoked")
            if isinstance(revoked, list) and revoked:
                return QCoreApplication.translate(
                    "AuditWords", "{member} deactivated; tokens revoked: {count}"
                ).format(member=d["member"], count=len(revoked))
            return QCoreApplication.translate("AuditWords", "{member} deactivated").format(
                member=d["member"]
            )
        if action is A.PIN_SET:
            return QCoreApplication.translate("AuditWords", "PIN of {member} set").format(
                member=d["member"]
            )
    except (KeyError, ValueError, TypeError, AssertionError):
        return None  # details of another shape (an older or newer app): worded generically
    return None


def setting_name(key: str) -> str:
    """A salon setting as the settings' error messages name it, a capital first."""
    label = field_label(key)
    return code_words(key) if label == key else label[:1].upper() + label[1:]


def _setting_value(value: object) -> str:
    switch = {
        "on": QCoreApplication.translate("AuditWords", "on"),
        "off": QCoreApplication.translate("AuditWords", "off"),
    }
    return switch.get(str(value), _value_text(value))


def _channel(code: str) -> str:
    try:
        return channel_choice_name(ChannelChoice(code))
    except ValueError:
        return code_words(code)


def _value_text(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("AuditWords", "yes")
            if value
            else QCoreApplication.translate("AuditWords", "no")
        )
    if isinstance(value, list | tuple):
        return ", ".join(_value_text(v) for v in value)
    if isinstance(value, Mapping):
        return ", ".join(f"{code_words(str(k))} {_value_text(v)}" for k, v in value.items())
    return str(value)
