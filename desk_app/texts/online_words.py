"""Online booking requests in words: their state, why one waits for staff, and what kind
of request it is (the window's „Online-Anfragen" and the command line).

The codes are the ones ``online_requests`` stores (issue 10); an unknown code is shown as
it came, so a newer program's request never shows as an empty cell.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def request_state_text(state: str) -> str:
    """The state of an online request, as a short word for a table cell."""
    texts = {
        "new": QCoreApplication.translate("OnlineTexts", "New"),
        "waiting": QCoreApplication.translate("OnlineTexts", "Waiting for you"),
        "booked": QCoreApplication.translate("OnlineTexts", "Booked"),
        "refused": QCoreApplication.translate("OnlineTexts", "Refused"),
        "cancelled": QCoreApplication.translate("OnlineTexts", "Cancelled by the customer"),
    }
    return texts.get(state, state)


def request_reason_text(reason: str | None) -> str:
    """Why a request was not booked by itself ("" when there is no reason)."""
    if not reason:
        return ""
    texts = {
        "slot_taken": QCoreApplication.translate(
            "OnlineTexts", "the time was taken meanwhile (booked at the counter or online)"
        ),
        "two_candidates": QCoreApplication.translate(
            "OnlineTexts",
            "more than one customer has this email address or phone number: choose who it is",
        ),
        "not_bookable": QCoreApplication.translate(
            "OnlineTexts", "the service or staff member can no longer be booked online"
        ),
        "outside_hours": QCoreApplication.translate(
            "OnlineTexts", "the time is outside the opening or working hours"
        ),
        "staff_decision": QCoreApplication.translate("OnlineTexts", "left for you to decide"),
    }
    return texts.get(reason, reason)


def request_kind_text(kind: str) -> str:
    """What the customer asked for: a new booking or moving one they have."""
    texts = {
        "booking": QCoreApplication.translate("OnlineTexts", "New booking"),
        "change": QCoreApplication.translate("OnlineTexts", "Move a booking"),
    }
    return texts.get(kind, kind)
