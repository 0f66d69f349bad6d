"""The composer's "Send a test to me": the button, why it is disabled, and the line that
says how the test went.

The test itself is ``CampaignTestSend.send`` (services), run on the gateway worker: the
owner's own address, never the outbox.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QPushButton

from desk_app.domain.enums import Channel
from desk_app.domain.errors import InvalidField
from desk_app.services.campaign_rows import CampaignDraft, ContentCheck
from desk_app.services.campaign_test_send import ChannelTestOutcome
from desk_app.services.errors import GatewayError
from desk_app.services.sync import SyncService
from desk_app.texts import error_text
from desk_app.texts.campaign_words import empty_placeholder_text, field_name
from desk_app.ui.context import UiContext
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets.operation import Operation

# The templates a test on one channel needs.
TEST_FIELDS = {Channel.EMAIL: ("subject", "body"), Channel.SMS: ("sms_body",)}
SyncFactory = Callable[[], SyncService]


@dataclass(frozen=True)
class TestRequest:
    """What the test would send now: the campaign as composed, and where it goes."""

    __test__ = False  # pytest must not take a class named Test* for a test

    draft: CampaignDraft
    channels: list[Channel]


@dataclass(frozen=True)
class _Composing:
    """How far the composer is: a send or a check running, the latest content check
    (None: it failed, ``check_error`` says why)."""

    busy: bool = True
    check: ContentCheck | None = None
    check_error: str = ""


class TestSendControl(QObject):
    """The test button and its result line (the composer places both).

    Signals:
        sent(str): the gateway accepted the test send; the text says where it went.
        failed(str): the test send did not (fully) go out; the text says why.

    ``sync_factory`` builds a fresh SyncService for one test send; ``None``: no gateway
    is set up, and the button stays disabled.
    """

    __test__ = False  # as above

    sent = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        sync_factory: SyncFactory | None,
        request: Callable[[], TestRequest],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._sync_factory = sync_factory
        self._request = request
        # One test at a time: a second click while it is on the way starts nothing.
        self._test_sends = Operation(self, ctx.gateway_tasks, error=self._on_error, exclusive=True)
        self._composing = _Composing()
        self.button = QPushButton(self.tr("Send a &test to me"))
        self.button.setObjectName("testButton")
        self.result = QLabel()
        self.result.setObjectName("testResult")
        self.result.setWordWrap(True)
        self.result.hide()
        self.button.clicked.connect(self._on_button_clicked)

    def update_state(self, busy: bool, check: ContentCheck | None, check_error: str) -> None:
        """The composer's state changed: enable the button or say why not."""
        self._composing = _Composing(busy, check, check_error)
        self._update()

    def hide_result(self) -> None:
        self.result.hide()

    # ---- state --------------------------------------------------------------------------
    def _blocking_reason(self) -> str:
        """Why the button is disabled, in words; "" when it may be pressed. Unlike Send it
        needs neither a name nor recipients: only content that can be filled in."""
        if self._sync_factory is None:
            return self.tr("Set up a gateway first (Settings)")
        if self._test_sends.busy():
            return self.tr("Sending the test…")
        composing = self._composing
        if composing.busy:
            return self.tr("Checking…")
        check = composing.check
        if check is None:  # the check itself failed
            return composing.check_error or self.tr("Checking…")
        if check.problems:
            return self.tr("Fix the problems in the content (step 3) first.")
        if check.imprint_missing and Channel.EMAIL in self._request().channels:
            return error_text.imprint_missing_text()  # the test email would lack it too
        needed = {f for channel in self._request().channels for f in TEST_FIELDS[channel]}
        missing = [f for f in check.missing if f in needed]
        if missing:
            return self.tr("Still missing: {fields}.").format(
                fields=", ".join(field_name(f) for f in missing)
            )
        return ""

    def _update(self) -> None:
        reason = self._blocking_reason()
        self.button.setEnabled(not reason)
        tip = reason or self.tr(
            "Sends this campaign once to your own email address or mobile number "
            "(“Automations” tab), filled in as for the first recipient. "
            "No customer gets it."
        )
        if not reason:
            tip += self._gaps()  # a test may go out with a gap; it says which one
        self.button.setToolTip(tip)

    # ---- sending ------------------------------------------------------------------------
    def _on_button_clicked(self) -> None:
        factory = self._sync_factory
        if factory is None or self._blocking_reason():
            return
        tests, request = self._ctx.services.campaign_tests, self._request()
        self._test_sends.run(
            lambda: tests.send(request.draft, request.channels, factory), self._on_done
        )
        self._show_result(self.tr("Sending the test…"), Tone.HINT)
        self._update()

    def _on_done(self, outcomes: list[ChannelTestOutcome]) -> None:
        lines: list[str] = []
        for outcome in outcomes:
            if outcome.error is not None:
                lines.append(self._error_text(outcome.error))
            elif outcome.refused is not None:
                lines.append(
                    self.tr("The gateway refused the test to {address} ({reason}).").format(
                        address=outcome.to, reason=error_text.reason_text(outcome.refused)
                    )
                )
            else:
                lines.append(self.tr("Test sent to {address}.").format(address=outcome.to))
        text = " ".join(lines)
        self._update()
        if all(o.error is None and o.refused is None for o in outcomes):
            self._show_result(text + self._gaps(), None)
            self.sent.emit(text)
        else:
            self._show_result(text, Tone.ERROR)
            self.failed.emit(text)

    def _gaps(self) -> str:
        """The placeholders the test (and the campaign) would show empty, said beside the
        result: the owner reads the test and should know the gap is not a fluke."""
        check = self._composing.check
        if check is None or not check.empty:
            return ""
        return "\n" + "\n".join(empty_placeholder_text(e.name, e.recipients) for e in check.empty)

    def _on_error(self, error: BaseException) -> None:
        text = self._error_text(error)
        self._update()
        self._show_result(text, Tone.ERROR)
        self.failed.emit(text)

    def _error_text(self, error: BaseException) -> str:
        if isinstance(error, GatewayError) and error.kind == "unreachable":
            # describe() promises the outbox keeps the message; a test never enters it.
            return self.tr("The gateway cannot be reached: the test was not sent. Try again later.")
        if isinstance(error, GatewayError) and error.kind == "server_error":
            return self.tr("The gateway has a problem: the test was not sent. Try again later.")
        text = error_text.describe(error, self._ctx.time_zone)
        if isinstance(error, InvalidField) and error.field in ("owner_email", "owner_mobile"):
            text += " " + self.tr("Enter it on the “Automations” tab.")
        return text

    def _show_result(self, text: str, tone: Tone | None) -> None:
        self.result.setText(text)
        set_tone(self.result, tone)
        self.result.show()
