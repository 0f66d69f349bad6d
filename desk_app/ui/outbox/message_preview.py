"""The outbox's preview: the selected message as its customer will see it — an email as
a mail client shows it (subject, recipient, the body with its links), an SMS as a bubble
on a phone with the number of parts it costs.

Nothing in a message is run or fetched: the body is the stored plain text, escaped and
turned into paragraphs here; the browser loads no resource (``_InertBrowser``) and
follows no link (a link is shown with its address, never opened). Colours come from the
QPalette (light and dark themes).

May import: PySide6, desk_app.domain, desk_app.services (rows), desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import Channel
from desk_app.domain.sms import sms_size
from desk_app.domain.unsubscribe_link import UNSUBSCRIBE_PLACEHOLDER
from desk_app.services.outbox_view import OutboxMessageRow
from desk_app.texts import error_text
from desk_app.ui.customers.customer_list_model import format_phone
from desk_app.ui.outbox.outbox_model import kind_text, status_text
from desk_app.ui.widgets.empty_state import EmptyState

_LINK = re.compile(r"https?://[^\s<>\"']+")


def body_html(text: str, unsubscribe_words: str) -> str:
    """The plain body as HTML: escaped, blank lines as paragraphs (indents kept),
    addresses as links whose visible text is the address itself (so a reader sees where
    it leads); the gateway's unsubscribe placeholder as the words for the customer's own
    link, which only the gateway knows."""
    placeholder = (
        '<span style="text-decoration: underline;">' + html.escape(unsubscribe_words) + "</span>"
    )
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        escaped = html.escape(block)
        linked = _LINK.sub(lambda found: f'<a href="{found[0]}">{found[0]}</a>', escaped)
        linked = linked.replace(html.escape(UNSUBSCRIBE_PLACEHOLDER), placeholder)
        paragraphs.append(f'<p style="white-space: pre-wrap;">{linked}</p>')
    return "".join(paragraphs)


class _InertBrowser(QTextBrowser):
    """Shows HTML and nothing more: no image, style sheet or page is ever loaded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, _kind: int, _name: QUrl | str) -> object:
        return None


class MessagePreview(QWidget):
    """Placeholder, email or SMS, whichever the selected message is.

    Signals:
        shown(str): a message (or the placeholder) is on screen: "email", "sms", "none".
    """

    shown = Signal(str)

    def __init__(self, time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messagePreview")
        self._time_zone = time_zone
        self._placeholder = EmptyState()
        self._placeholder.setObjectName("previewPlaceholder")
        self._email = self._build_email()
        self._sms = self._build_sms()
        self._stack = QStackedWidget()
        for page in (self._placeholder, self._email, self._sms):
            self._stack.addWidget(page)
        self._status = QLabel()
        self._status.setObjectName("previewStatus")
        self._status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self._status)
        self.show_message(None)

    def _build_email(self) -> QWidget:
        page = QFrame()
        page.setObjectName("emailPreview")
        page.setFrameShape(QFrame.Shape.StyledPanel)
        self._subject = QLabel()
        self._subject.setObjectName("previewSubject")
        self._subject.setWordWrap(True)
        font = QFont(self._subject.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self._subject.setFont(font)
        self._to = QLabel()
        self._to.setObjectName("previewTo")
        self._to.setWordWrap(True)
        self._to.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._kind = QLabel()
        self._kind.setObjectName("previewKind")
        self._kind.setWordWrap(True)
        head = QFormLayout()
        head.addRow(self.tr("To:"), self._to)
        head.addRow(self.tr("About:"), self._kind)
        self.browser = _InertBrowser()
        self.browser.setObjectName("previewBody")
        layout = QVBoxLayout(page)
        layout.addWidget(self._subject)
        layout.addLayout(head)
        layout.addWidget(self.browser, 1)
        return page

    def _build_sms(self) -> QWidget:
        page = QWidget()
        page.setObjectName("smsPreview")
        phone = QFrame()
        phone.setObjectName("smsPhone")
        # A phone's outline in the palette's own colours: right in light and dark.
        phone.setStyleSheet(
            "QFrame#smsPhone { border: 2px solid palette(mid); border-radius: 22px;"
            " background: palette(base); }"
        )
        phone.setMinimumWidth(240)
        phone.setMaximumWidth(320)
        self._sms_to = QLabel()
        self._sms_to.setObjectName("smsTo")
        self._sms_to.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._sms_to.setWordWrap(True)  # a long name and number take two lines
        self._sms_to.setStyleSheet("border: none;")
        self._bubble = QLabel()
        self._bubble.setObjectName("smsBubble")
        self._bubble.setWordWrap(True)
        self._bubble.setTextFormat(Qt.TextFormat.PlainText)
        self._bubble.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._bubble.setStyleSheet(
            "QLabel#smsBubble { background: palette(alternate-base); color: palette(text);"
            " border: 1px solid palette(midlight); border-radius: 14px; }"
        )
        # Margins, not style sheet padding: the label's height for its width counts them.
        self._bubble.setContentsMargins(8, 6, 8, 6)
        self._bubble.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._parts = QLabel()
        self._parts.setObjectName("smsParts")
        self._parts.setWordWrap(True)
        self._parts.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._parts.setStyleSheet("border: none;")
        # A long message scrolls inside the phone, as on a phone.
        thread = QWidget()
        thread.setObjectName("smsThread")
        thread.setStyleSheet("QWidget#smsThread { background: transparent; }")
        messages = QVBoxLayout(thread)
        messages.setContentsMargins(0, 0, 0, 0)
        messages.addWidget(self._bubble)
        messages.addWidget(self._parts)
        messages.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("smsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setStyleSheet("QScrollArea { background: transparent; border: none; }")
        scroll.viewport().setAutoFillBackground(False)
        scroll.setWidget(thread)
        inside = QVBoxLayout(phone)
        inside.setContentsMargins(14, 18, 14, 18)
        inside.addWidget(self._sms_to)
        inside.addSpacing(8)
        inside.addWidget(scroll, 1)
        row = QHBoxLayout(page)
        row.addStretch(1)
        row.addWidget(phone, 4)
        row.addStretch(1)
        return page

    # ---- public -------------------------------------------------------------------------
    def show_message(self, message: OutboxMessageRow | None) -> None:
        """The message as the customer will see it (None: ask to choose one)."""
        if message is None:
            self._placeholder.show_state(
                self.tr("No message chosen"),
                self.tr("Choose a message in the list to see it as the customer will."),
            )
            self._stack.setCurrentWidget(self._placeholder)
            self._status.clear()
            self._status.hide()
            self.shown.emit("none")
            return
        row = message.row
        if row.channel is Channel.SMS:
            self._show_sms(message)
        else:
            self._show_email(message)
        status = status_text(row.status)
        when = error_text.format_moment(row.updated_at, self._time_zone)
        self._status.setText(self.tr("{status} · {time}").format(status=status, time=when))
        self._status.show()
        self.shown.emit(self.current_kind())

    def current_kind(self) -> str:
        """ "email", "sms" or "none": what the preview shows."""
        current = self._stack.currentWidget()
        if current is self._email:
            return "email"
        return "sms" if current is self._sms else "none"

    def bubble_text(self) -> str:
        return self._bubble.text()

    def parts_text(self) -> str:
        return self._parts.text()

    def subject_text(self) -> str:
        return self._subject.text()

    # ---- showing ------------------------------------------------------------------------
    def _unsubscribe_words(self) -> str:
        return self.tr("[personal unsubscribe link]")

    def _recipient(self, message: OutboxMessageRow) -> str:
        row = message.row
        address = format_phone(row.to_address) if row.channel is Channel.SMS else row.to_address
        if row.customer_name:
            return self.tr("{name} <{address}>").format(name=row.customer_name, address=address)
        return address

    def _show_email(self, message: OutboxMessageRow) -> None:
        row = message.row
        self._subject.setText(row.subject or self.tr("(no subject)"))
        self._to.setText(self._recipient(message))
        self._kind.setText(kind_text(row.kind, row.category))
        if message.body.strip():
            self.browser.setHtml(body_html(message.body, self._unsubscribe_words()))
        else:  # a consent request: the gateway writes it, with the customer's own link
            self.browser.setHtml(
                "<p><i>"
                + html.escape(
                    self.tr(
                        "The gateway writes this message when it sends it: the request "
                        "to confirm, with the customer's personal confirmation link."
                    )
                )
                + "</i></p>"
            )
        self._stack.setCurrentWidget(self._email)

    def _show_sms(self, message: OutboxMessageRow) -> None:
        self._sms_to.setText(self._recipient(message))
        self._bubble.setText(
            message.body.replace(UNSUBSCRIBE_PLACEHOLDER, self._unsubscribe_words())
        )
        # Counted as stored: the gateway's short unsubscribe link is about as long.
        size = sms_size(message.body)
        self._parts.setText(
            self.tr("%n SMS part(s)", "", size.segments)
            + " · "
            + self.tr("{count} characters, {encoding}").format(
                count=len(message.body), encoding=size.encoding
            )
        )
        self._stack.setCurrentWidget(self._sms)
