"""The words of staff sign-in and rights (issue 12): role and permission names, and
the sentences for a refusal, a wrong PIN, a lockout and the last owner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.domain import errors as e
from desk_app.domain.enums import Permission, StaffRole


def role_name(role: StaffRole) -> str:
    # Context "StaffTab": where the names were first translated (kept for their German).
    return {
        StaffRole.OWNER: QCoreApplication.translate("StaffTab", "Owner"),
        StaffRole.MANAGER: QCoreApplication.translate("StaffTab", "Manager"),
        StaffRole.RECEPTION: QCoreApplication.translate("StaffTab", "Reception"),
        StaffRole.STYLIST: QCoreApplication.translate("StaffTab", "Stylist"),
    }[role]


def permission_name(permission: Permission) -> str:
    """What the permission allows, to fit "… may not {action}"."""
    return {
        Permission.BOOK: QCoreApplication.translate("AccessWords", "book appointments"),
        Permission.RECORD_CONSENT: QCoreApplication.translate("AccessWords", "record consent"),
        Permission.VIEW_CALENDAR: QCoreApplication.translate("AccessWords", "see the calendar"),
        Permission.VIEW_OWN_DAY: QCoreApplication.translate("AccessWords", "see their own day"),
        Permission.COMPOSE_CAMPAIGNS: QCoreApplication.translate(
            "AccessWords", "compose campaigns"
        ),
        Permission.SEND_CAMPAIGNS: QCoreApplication.translate("AccessWords", "send campaigns"),
        Permission.EXPORT_DATA: QCoreApplication.translate("AccessWords", "export customer data"),
        Permission.ERASE_CUSTOMERS: QCoreApplication.translate("AccessWords", "erase customers"),
        Permission.CHANGE_SETTINGS: QCoreApplication.translate("AccessWords", "change settings"),
        Permission.MANAGE_STAFF: QCoreApplication.translate(
            "AccessWords", "change this staff member"
        ),
        Permission.VIEW_AUDIT: QCoreApplication.translate("AccessWords", "read the audit log"),
        Permission.RESTORE_BACKUP: QCoreApplication.translate("AccessWords", "restore a backup"),
    }[permission]


def refusal_text(exc: e.NotPermitted) -> str:
    if exc.role is None:
        return QCoreApplication.translate(
            "AccessWords",
            "Sign in with your own PIN to {action}: this salon does not use the shared "
            "sign-in any more.",
        ).format(action=permission_name(exc.permission))
    return QCoreApplication.translate(
        "AccessWords", "The role “{role}” may not {action}. Ask the owner."
    ).format(role=role_name(exc.role), action=permission_name(exc.permission))


def wrong_pin_text(exc: e.WrongPin) -> str:
    # Two sentences, not %n: lupdate misses %n in translate() (see ui/online/notice.py).
    if exc.attempts_left == 1:
        return QCoreApplication.translate(
            "AccessWords", "Wrong PIN. One more wrong try locks this member out for a while."
        )
    return QCoreApplication.translate(
        "AccessWords", "Wrong PIN. {count} more wrong tries lock this member out for a while."
    ).format(count=exc.attempts_left)


def unknown_pin_text(exc: e.PinNotRecognised) -> str:
    if exc.attempts_left == 1:
        return QCoreApplication.translate(
            "AccessWords",
            "No member has this PIN. One more such try locks sign-in by PIN alone for a "
            "while (picking your name still works).",
        )
    return QCoreApplication.translate(
        "AccessWords",
        "No member has this PIN. {count} more such tries lock sign-in by PIN alone for a "
        "while (picking your name still works).",
    ).format(count=exc.attempts_left)


def entry_locked_text(until: str) -> str:
    return QCoreApplication.translate(
        "AccessWords",
        "Too many unknown PINs: sign-in by PIN alone is locked until {time}. Pick your "
        "name, then type your PIN.",
    ).format(time=until)


def locked_out_text(until: str) -> str:
    return QCoreApplication.translate(
        "AccessWords",
        "Too many wrong PINs: this member can sign in again at {time}, or the owner "
        "resets the PIN.",
    ).format(time=until)


def last_owner_text() -> str:
    return QCoreApplication.translate(
        "AccessWords",
        "The salon needs an active owner: make someone else owner first.",
    )


def token_refused_text(exc: e.TokenRefused) -> str:
    return {
        "unknown": QCoreApplication.translate(
            "AccessWords", "This token was not issued here: ask the owner for a new one."
        ),
        "expired": QCoreApplication.translate(
            "AccessWords", "This token has expired: ask the owner for a new one."
        ),
        "revoked": QCoreApplication.translate(
            "AccessWords", "This token was revoked by the owner: ask for a new one."
        ),
        "inactive": QCoreApplication.translate(
            "AccessWords", "This token's staff member is no longer active."
        ),
    }[exc.problem]


def sign_in_required_text(exc: e.SignInRequired) -> str:
    return QCoreApplication.translate(
        "AccessWords",
        "Sign in to run “{command}”: this salon does not use the shared sign-in any more. "
        "Add --as NAME (the PIN is read from stdin) or use a token from the owner "
        "(DESK_APP_TOKEN or --token-file).",
    ).format(command=exc.command)
