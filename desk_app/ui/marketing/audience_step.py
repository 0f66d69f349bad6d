"""Step 2 of the campaign composer: the filters, how many customers are reached (and how
many are left out), and the two lists.

May import: PySide6, desk_app.services, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from desk_app.ui.marketing.audience_lists import AudienceLists
from desk_app.ui.marketing.audience_panel import AudiencePanel
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.tasks import TaskRunner


class AudienceStep(QGroupBox):
    """The filters (``filters_panel``), the counts and the lists (``lists``); the composer
    asks the database for the counts and hands them in, the lists ask for their pages on
    ``runner``."""

    def __init__(self, today: date, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("2 · Recipients"))
        self.setObjectName("stepAudience")
        self.filters_panel = AudiencePanel(today)
        self._counts = QLabel()
        self._counts.setObjectName("audienceCounts")
        self._counts.setWordWrap(True)
        # In the scrolling column the layout does not ask a wrapped label for its height.
        self._counts.setMinimumHeight(self._counts.fontMetrics().lineSpacing())
        self.lists = AudienceLists(runner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters_panel)
        layout.addWidget(self._counts)
        layout.addWidget(self.lists, 1)

    def counts_text(self) -> str:
        return self._counts.text()

    def show_counting(self) -> None:
        self._counts.setText(self.tr("Counting…"))
        set_tone(self._counts, None)  # a failure shown before is no longer the answer

    def show_counts(self, counts: Mapping[str, int]) -> None:
        self._counts.setText(self._counts_words(counts))
        set_tone(self._counts, None)
        self.lists.show_counts(counts)

    def show_failure(self, text: str) -> None:
        self._counts.setText(text)
        set_tone(self._counts, Tone.ERROR)

    def _counts_words(self, counts: Mapping[str, int]) -> str:
        recipients = counts.get("recipients", 0)
        text = self.tr("%n recipient(s)", "", recipients)
        if recipients:
            text += " " + self.tr("({email} by email, {sms} by SMS)").format(
                email=counts.get("email", 0), sms=counts.get("sms", 0)
            )
        excluded = counts.get("excluded", 0)
        text += " · " + self.tr("%n left out", "", excluded)
        deferred = counts.get("deferred", 0)
        if deferred:
            text += " · " + self.tr("%n SMS wait for the end of the quiet hours", "", deferred)
        return text
