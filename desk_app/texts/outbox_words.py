"""Why a message in the outbox was not sent or failed, in words (the window's outbox and
``desk-app outbox``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.domain.enums import Reason
from desk_app.texts.error_text import reason_text


def outbox_reason_text(reason: str) -> str:
    """Why a message was not sent or failed, in words.

    Three sources of codes: the desktop's policy (``Reason``), the gateway's refusals
    (protocol v1) and the outbox's own withdrawals. Anything else is an error text the
    gateway passed on from the mail or SMS provider; it is shown as it came.
    """
    texts = {
        # The gateway refused it (protocol v1 rejection codes).
        "suppressed": QCoreApplication.translate(
            "OutboxTexts", "the address is blocked at the gateway (unsubscribed or erased)"
        ),
        "expired": QCoreApplication.translate(
            "OutboxTexts", "the gateway could not send it in time"
        ),
        "no_basis": QCoreApplication.translate(
            "OutboxTexts", "the gateway found no confirmed consent for it"
        ),
        "rejected": QCoreApplication.translate("OutboxTexts", "refused by the gateway"),
        # The outbox withdrew it before sending.
        "not_after": QCoreApplication.translate(
            "OutboxTexts", "too late: the appointment had already begun"
        ),
        "cancelled": QCoreApplication.translate("OutboxTexts", "the appointment was cancelled"),
        "notify_off": QCoreApplication.translate(
            "OutboxTexts", "messages for this appointment were switched off"
        ),
        "superseded": QCoreApplication.translate(
            "OutboxTexts", "replaced by a newer message about the same appointment"
        ),
        # Delivery trouble without a detail from the provider.
        "failed": QCoreApplication.translate("OutboxTexts", "sending failed"),
        # One bad message fails alone (issue 8): refused items and given-up hand-overs.
        "invalid_item": QCoreApplication.translate(
            "OutboxTexts",
            "the gateway refused it as invalid (e.g. a control character or a field "
            "too long); the others went out",
        ),
        "damaged_request": QCoreApplication.translate(
            "OutboxTexts",
            "the stored consent request is damaged and was not sent; declare the consent again",
        ),
        "gateway_refused": QCoreApplication.translate(
            "OutboxTexts", "the gateway refused this message; the others went out"
        ),
        "too_many_attempts": QCoreApplication.translate(
            "OutboxTexts",
            "given up after 10 hand-overs that failed at the gateway; “Send again” tries once more",
        ),
        "channel_unavailable": QCoreApplication.translate(
            "OutboxTexts", "the gateway cannot send this channel (no SMS provider set up)"
        ),
        "invalid_message": QCoreApplication.translate(
            "OutboxTexts", "the mail or SMS service refused the message itself"
        ),
    }
    if reason in texts:
        return texts[reason]
    if reason in {code.value for code in Reason}:
        return reason_text(reason)
    return reason
