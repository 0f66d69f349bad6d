"""That this is the demo, and where its messages, booking page and data are: short links
in the status bar, and the window's title.

The addresses themselves (``http://127.0.0.1:<port>/mailbox`` and the booking page) took
more room than a 1024-pixel window's status bar has and were cut off after
„Online-Buchungs“; a link says where it goes in its tooltip and opens in the browser.

May import: PySide6 only.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget


class DemoNotice(QLabel):
    """Says that this is the demo (made-up salon, messages kept on this computer) and
    where its data is (``data_location``: the database file or server; ``data_folder_url``:
    the file's folder to open, None for a server), next to the demo gateway's links."""

    def __init__(
        self,
        mailbox_url: str,
        booking_page_url: str | None,
        data_location: str = "",
        data_folder_url: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("demoNotice")
        self.mailbox_url = mailbox_url
        self.booking_page_url = booking_page_url
        links = [_link(mailbox_url, self.tr("mailbox"))]
        tips = [
            self.tr("Demo: a made-up salon; messages never leave this computer."),
            self.tr("Mailbox: {url}").format(url=mailbox_url),
        ]
        if booking_page_url is not None:
            links.append(_link(booking_page_url, self.tr("booking page")))
            tips.append(self.tr("Online booking page: {url}").format(url=booking_page_url))
        if data_folder_url is not None:
            links.append(_link(data_folder_url, self.tr("data")))
        if data_location:
            tips.append(self.tr("Demo data: {place}").format(place=data_location))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText(self.tr("<b>DEMO</b>: {links}").format(links=" · ".join(links)))
        self.setToolTip("\n".join(tips))
        self.setOpenExternalLinks(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)


def demo_title(salon_name: str) -> str:
    """The window's title in the demo: nobody mistakes it for the salon's real data."""
    return QCoreApplication.translate("DemoNotice", "Salon Desk – {salon} (DEMO)").format(
        salon=salon_name
    )


def _link(url: str, text: str) -> str:
    return f'<a href="{escape(url, quote=True)}">{escape(text)}</a>'
