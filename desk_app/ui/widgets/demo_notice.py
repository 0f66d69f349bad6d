"""Where the demo's messages and booking page are: two short links in the status bar.

The addresses themselves (``http://127.0.0.1:<port>/mailbox`` and the booking page) took
more room than a 1024-pixel window's status bar has and were cut off after
„Online-Buchungs“; a link says where it goes in its tooltip and opens in the browser.

May import: PySide6 only.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class DemoNotice(QLabel):
    def __init__(
        self, mailbox_url: str, booking_page_url: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("demoNotice")
        self.mailbox_url = mailbox_url
        self.booking_page_url = booking_page_url
        links = [_link(mailbox_url, self.tr("mailbox"))]
        tips = [self.tr("Mailbox: {url}").format(url=mailbox_url)]
        if booking_page_url is not None:
            links.append(_link(booking_page_url, self.tr("booking page")))
            tips.append(self.tr("Online booking page: {url}").format(url=booking_page_url))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText(self.tr("Demo gateway: {links}").format(links=" · ".join(links)))
        self.setToolTip("\n".join(tips))
        self.setOpenExternalLinks(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)


def _link(url: str, text: str) -> str:
    return f'<a href="{escape(url, quote=True)}">{escape(text)}</a>'
