"""How one campaign went: its messages by status, who unsubscribed after it, and who was
left out when it was queued, in numbers and as a bar chart.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from desk_app.domain.enums import OutboxStatus, Reason
from desk_app.services.campaign_rows import CampaignResult
from desk_app.texts import error_text
from desk_app.texts.campaign_words import channel_choice_name, type_name
from desk_app.ui.widgets import palette
from desk_app.ui.widgets.charts import BarChart

# The result's rows, in the order a message moves; the numbers come from these statuses.
_STAGES: tuple[tuple[str, tuple[OutboxStatus, ...]], ...] = (
    ("waiting", (OutboxStatus.QUEUED,)),
    ("accepted", (OutboxStatus.ACCEPTED,)),
    ("sent", (OutboxStatus.SENT,)),
    ("delivered", (OutboxStatus.DELIVERED,)),
    ("bounced", (OutboxStatus.BOUNCED,)),
    ("failed", (OutboxStatus.FAILED,)),
    ("not_sent", (OutboxStatus.REJECTED, OutboxStatus.EXPIRED)),
)


def stage_counts(result: CampaignResult) -> dict[str, int]:
    """Messages per result row, plus "unsubscribed" (customers, not messages)."""
    counts = {
        key: sum(result.by_status.get(status.value, 0) for status in statuses)
        for key, statuses in _STAGES
    }
    counts["unsubscribed"] = result.unsubscribed_after
    return counts


class CampaignResultView(QWidget):
    """The chosen campaign: what it is, what became of its messages, and a chart."""

    def __init__(self, time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._time_zone = time_zone
        self._title = QLabel()
        self._title.setObjectName("resultTitle")
        font = QFont(self._title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self._title.setFont(font)
        self._title.setWordWrap(True)
        self._about = QLabel()
        self._about.setObjectName("resultAbout")
        self._about.setWordWrap(True)
        self._numbers: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        for key, label in self._stage_labels().items():
            number = QLabel()
            number.setObjectName(f"result_{key}")
            self._numbers[key] = number
            form.addRow(label + ":", number)
        self._excluded = QLabel()
        self._excluded.setObjectName("resultExcluded")
        self._excluded.setWordWrap(True)
        self._chart = BarChart()
        self._chart.setObjectName("resultChart")
        self._chart.setMinimumHeight(220)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self._title)
        layout.addWidget(self._about)
        layout.addLayout(form)
        layout.addWidget(self._excluded)
        layout.addWidget(self._chart, 1)
        self.show_result(None)

    def _stage_labels(self) -> dict[str, str]:
        """Short words: they are also the chart's category labels."""
        return {
            "waiting": self.tr("Waiting"),
            "accepted": self.tr("At the gateway"),
            "sent": self.tr("Sent"),
            "delivered": self.tr("Delivered"),
            "bounced": self.tr("Undeliverable"),
            "failed": self.tr("Failed"),
            "not_sent": self.tr("Not sent"),
            "unsubscribed": self.tr("Unsubscribed afterwards"),
        }

    # ---- public -------------------------------------------------------------------------
    def show_result(self, result: CampaignResult | None) -> None:
        if result is None:
            self._title.setText(self.tr("No campaign chosen"))
            self._about.clear()
            for number in self._numbers.values():
                number.clear()
            self._excluded.clear()
            self._chart.set_title("")
            self._chart.set_data([], [])
            return
        campaign = result.campaign
        self._title.setText(campaign.name)
        self._about.setText(
            self.tr(
                "{type} by {channel}; goes out from {time}; %n message(s) queued.",
                "",
                campaign.queued,
            ).format(
                type=type_name(campaign.type),
                channel=channel_choice_name(campaign.channel),
                time=error_text.format_moment(campaign.send_at, self._time_zone),
            )
        )
        counts = stage_counts(result)
        locale = QLocale()
        for key, number in self._numbers.items():
            number.setText(locale.toString(counts[key]))
        self._excluded.setText(self._excluded_words(campaign.excluded))
        labels = self._stage_labels()
        labels["unsubscribed"] = self.tr("Unsubscribed")  # the chart has less room
        self._chart.set_title(self.tr("Messages by status"))
        self._chart.set_data(
            list(labels.values()),
            [(self.tr("Number"), [counts[key] for key in labels], QColor(palette.ACCENT))],
        )

    def number_text(self, key: str) -> str:
        return self._numbers[key].text()

    def chart(self) -> BarChart:
        return self._chart

    def _excluded_words(self, excluded: Mapping[str, int]) -> str:
        parts = [
            self.tr("{reason}: {count}").format(
                reason=error_text.reason_text(reason.value), count=excluded[reason.value]
            )
            for reason in Reason
            if excluded.get(reason.value)
        ]
        if not parts:
            return self.tr("Nobody was left out.")
        return self.tr("Left out when queued: {reasons}.").format(reasons="; ".join(parts))
