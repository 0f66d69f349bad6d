"""Step 4 of the campaign composer: now or when, what will happen, why Send is disabled,
the progress of a send, and the box that asks "send to N customers?".

The composer decides (it knows the audience and the content); this shows and asks.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.campaign_rows import (
    CampaignDraft,
    ContentCheck,
    SmsEstimate,
)
from desk_app.texts import error_text
from desk_app.texts.campaign_words import price_text
from desk_app.ui.marketing.composer_test_send import TestSendControl
from desk_app.ui.style.tone import Tone, set_tone


class SendStep(QGroupBox):
    """Now or scheduled, the summary, the reason Send is disabled, Send and the test.

    Signals:
        schedule_changed(): "now"/"later" or the scheduled moment changed (quiet hours
            depend on when the SMS go out).
        send_clicked(): Send was pressed.
    """

    schedule_changed = Signal()
    send_clicked = Signal()

    def __init__(
        self, time_zone: str, tests: TestSendControl, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("4 · Send"))
        self.setObjectName("stepSend")
        self._time_zone = time_zone
        self._now = QRadioButton(self.tr("Send no&w"))
        self._now.setObjectName("sendNow")
        self._later = QRadioButton(self.tr("Sc&hedule for"))
        self._later.setObjectName("sendLater")
        self._now.setChecked(True)
        self._when = QDateTimeEdit()
        self._when.setObjectName("sendAt")
        self._when.setCalendarPopup(True)
        self._when.setTimeZone(QTimeZone(time_zone.encode()))
        self._when.setEnabled(False)
        self._summary = QLabel()
        self._summary.setObjectName("sendSummary")
        self._summary.setWordWrap(True)
        self._blocked = QLabel()
        self._blocked.setObjectName("sendBlocked")
        self._blocked.setWordWrap(True)
        self._send = QPushButton(self.tr("Sen&d…"))
        self._send.setObjectName("sendButton")
        self._send.setDefault(True)
        self._progress = QProgressBar()
        self._progress.setObjectName("sendProgress")
        self._progress.hide()

        layout = QVBoxLayout(self)
        when_row = QHBoxLayout()
        when_row.addWidget(self._now)
        when_row.addSpacing(12)
        when_row.addWidget(self._later)
        when_row.addWidget(self._when)
        when_row.addStretch(1)
        layout.addLayout(when_row)
        layout.addWidget(self._summary)
        layout.addWidget(self._blocked)
        button_row = QHBoxLayout()
        button_row.addWidget(self._progress, 1)
        button_row.addStretch(0)
        button_row.addWidget(tests.button)
        button_row.addWidget(self._send)
        layout.addLayout(button_row)
        layout.addWidget(tests.result)

        self._now.toggled.connect(self._on_now_toggled)
        self._when.dateTimeChanged.connect(self._on_when_date_time_changed)
        self._send.clicked.connect(self.send_clicked)

    # ---- when ---------------------------------------------------------------------------
    def send_at(self) -> datetime | None:
        """The scheduled moment as an aware UTC datetime; None for "now"."""
        if self._now.isChecked():
            return None
        return datetime.fromtimestamp(self._when.dateTime().toSecsSinceEpoch(), UTC)

    def preset_schedule(self, day: date, hour: int) -> None:
        """What "schedule" offers, without choosing it."""
        zone = QTimeZone(self._time_zone.encode())
        self._when.setDateTime(QDateTime(QDate(day.year, day.month, day.day), QTime(hour, 0), zone))

    def set_schedule(self, moment: datetime) -> None:
        """Choose "schedule" at ``moment`` (aware), shown in the salon's time zone."""
        local = moment.astimezone(ZoneInfo(self._time_zone))
        zone = QTimeZone(self._time_zone.encode())
        self._when.setDateTime(
            QDateTime(
                QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), zone
            )
        )
        self._later.setChecked(True)

    def choose_now(self) -> None:
        self._now.setChecked(True)

    def _on_now_toggled(self, now: bool) -> None:
        self._when.setEnabled(not now)
        self._send.setText(self.tr("Sen&d…") if now else self.tr("Sche&dule…"))
        self.schedule_changed.emit()

    def _on_when_date_time_changed(self, _moment: QDateTime) -> None:
        if self._later.isChecked():
            self.schedule_changed.emit()

    # ---- state --------------------------------------------------------------------------
    def show_state(
        self,
        reason: str,
        waiting: bool,
        counts: Mapping[str, int] | None,
        estimate: SmsEstimate | None,
    ) -> None:
        """``reason``: why Send is disabled ("" when it may be pressed); ``waiting``:
        the reason is a check or send still running; ``counts``: the audience's."""
        self._send.setEnabled(not reason)
        self._blocked.setText(reason)
        # "Checking…" is no fault of the owner's: grey, not red.
        set_tone(self._blocked, Tone.HINT if waiting else Tone.ERROR)
        self._blocked.setVisible(bool(reason))
        self._summary.setText(self._summary_words(counts, estimate))

    def _summary_words(self, counts: Mapping[str, int] | None, estimate: SmsEstimate | None) -> str:
        if counts is None:
            return ""
        recipients = counts.get("recipients", 0)
        moment = self.send_at()
        if moment is None:
            text = self.tr("Goes out with the next sync to %n customer(s).", "", recipients)
        else:
            text = self.tr("Goes out on {time} to %n customer(s).", "", recipients).format(
                time=error_text.format_moment(moment, self._time_zone)
            )
        if estimate is not None and estimate.size.recipients:
            text += " " + self.tr("SMS cost about {price}.").format(
                price=price_text(estimate.size.cost_cents)
            )
        return text

    # ---- progress -----------------------------------------------------------------------
    def start_progress(self) -> None:
        self._progress.setRange(0, 0)  # busy until the first chunk is queued
        self._progress.show()

    def show_progress(self, done: int, total: int) -> None:
        self._progress.setRange(0, max(total, 1))
        self._progress.setValue(done)
        self._progress.setFormat(self.tr("%v of %m queued"))

    def end_progress(self) -> None:
        self._progress.hide()

    def send_button(self) -> QPushButton:
        return self._send

    def blocked_text(self) -> str:
        return self._blocked.text()

    def progress_bar(self) -> QProgressBar:
        return self._progress


class SendConfirmation(QMessageBox):
    """ "Send “name” to N customers now?", with who is left out, the SMS cost and the
    advertising warning; ``confirmed()`` once it is finished."""

    def __init__(
        self,
        draft: CampaignDraft,
        counts: Mapping[str, int],
        estimate: SmsEstimate | None,
        check: ContentCheck | None,
        time_zone: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        recipients = counts.get("recipients", 0)
        self.setObjectName("sendConfirmation")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Send campaign"))
        if draft.send_at is None:
            self.setText(
                self.tr("Send “{name}” to %n customer(s) now?", "", recipients).format(
                    name=draft.name
                )
            )
        else:
            self.setText(
                self.tr("Send “{name}” to %n customer(s) on {time}?", "", recipients).format(
                    name=draft.name,
                    time=error_text.format_moment(draft.send_at, time_zone),
                )
            )
        excluded = counts.get("excluded", 0)
        details = [self.tr("%n customer(s) are left out (see the list in step 2).", "", excluded)]
        if estimate is not None and estimate.size.recipients:
            details.append(
                self.tr("The SMS cost about {price}.").format(
                    price=price_text(estimate.size.cost_cents)
                )
            )
        details.append(self.tr("Every message carries its unsubscribe link."))
        if check is not None and check.advertising_words:
            details.append(
                self.tr(
                    "The text contains words that look like advertising ({words}), which "
                    "service information must not contain. Send it only if it advertises "
                    "nothing."
                ).format(words=", ".join(f"“{w}”" for w in check.advertising_words))
            )
        self.setInformativeText(" ".join(details))
        confirm = self.addButton(
            self.tr("Send") if draft.send_at is None else self.tr("Schedule"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        confirm.setObjectName("confirmSend")
        self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def confirmed(self) -> bool:
        clicked = self.clickedButton()
        return clicked is not None and (
            self.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole
        )
