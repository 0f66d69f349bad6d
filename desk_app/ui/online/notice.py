"""The status bar's words when news from online booking arrived: a booking, a request that
waits for staff, one that could not be booked, a booking the customer cancelled.

May import: PySide6, desk_app.services (rows), desk_app.texts, desk_app.ui.online.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from desk_app.services.rows import OnlineRequestRow
from desk_app.texts.online_words import request_reason_text
from desk_app.ui.online.requests_model import customer_name, wished_text


def arrival_text(news: Sequence[OnlineRequestRow], time_zone: str) -> str:
    """One piece of news by name and time; several by their number, and where to look."""
    if len(news) != 1:
        # Two or more here, so the plural always fits (lupdate misses %n in translate()).
        return QCoreApplication.translate(
            "OnlineNotice",
            "{count} news from online booking. See the calendar and “Online requests” (Ctrl+5).",
        ).format(count=len(news))
    row = news[0]
    values = {
        "name": customer_name(row),
        "service": row.treatment_name,
        "when": wished_text(row, time_zone),
        "reason": request_reason_text(row.reason),
    }
    if row.state == "booked":
        text = QCoreApplication.translate(
            "OnlineNotice", "New online booking: {name}, {service}, {when}."
        )
    elif row.state == "cancelled":
        text = QCoreApplication.translate(
            "OnlineNotice", "{name} cancelled the online booking {service}, {when}."
        )
    elif row.state == "refused":
        text = QCoreApplication.translate(
            "OnlineNotice",
            "Online request from {name} not booked ({reason}); the customer was told. "
            "See “Online requests” (Ctrl+5).",
        )
    else:
        text = QCoreApplication.translate(
            "OnlineNotice",
            "New online request from {name} waits for you: {service}, {when}. "
            "See “Online requests” (Ctrl+5).",
        )
    return text.format(**values)
