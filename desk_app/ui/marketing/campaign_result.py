"""How one campaign went: its messages by status, who unsubscribed after it, and who was
left out when it was queued — as cards with the numbers that matter (sent, delivered,
failed, unsubscribed, still on the way) and a bar chart of every status.

Opening rates are not shown: the gateway reports no opens (no tracking pixels).

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desk_app.domain.enums import OutboxStatus, Reason
from desk_app.services.campaign_rows import CampaignResult
from desk_app.texts import error_text
from desk_app.texts.campaign_words import channel_choice_name, type_name
from desk_app.ui.widgets import palette
from desk_app.ui.widgets.charts import BarChart
from desk_app.ui.widgets.flow_layout import FlowLayout

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


# The cards: which result rows each adds up, and the colour its number takes when not 0.
_CARDS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("sent", ("sent", "delivered", "bounced"), None),
    ("delivered", ("delivered",), palette.MARK_GOOD),
    ("failed", ("failed", "bounced"), palette.MARK_BAD),
    ("unsubscribed", ("unsubscribed",), palette.MARK_WARN),
    ("on_the_way", ("waiting", "accepted"), None),
)


class ResultCard(QFrame):
    """One number in large type, what it counts below it, and a line of detail."""

    def __init__(self, key: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"card_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.number = QLabel()
        self.number.setObjectName("cardNumber")
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.number.setFont(font)
        self.caption = QLabel(caption)
        self.caption.setObjectName("cardCaption")
        self.detail = QLabel()
        self.detail.setObjectName("cardDetail")
        self.detail.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)
        self.setMinimumWidth(110)

    def show_number(self, value: int, colour: str | None, detail: str) -> None:
        self.number.setText(QLocale().toString(value))
        self.number.setStyleSheet(palette.text_style(colour) if colour and value else "")
        self.detail.setText(detail)


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
        self._counts: dict[str, int] = {}
        self._cards: dict[str, ResultCard] = {}
        cards = FlowLayout(spacing=8, line_spacing=8)
        for key, caption in self._card_captions().items():
            card = ResultCard(key, caption)
            self._cards[key] = card
            cards.addWidget(card)
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
        layout.addSpacing(4)
        layout.addLayout(cards)
        layout.addSpacing(4)
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

    def _card_captions(self) -> dict[str, str]:
        return {
            "sent": self.tr("Sent"),
            "delivered": self.tr("Delivered"),
            "failed": self.tr("Failed or undeliverable"),
            "unsubscribed": self.tr("Unsubscribed afterwards"),
            "on_the_way": self.tr("Still on the way"),
        }

    # ---- public -------------------------------------------------------------------------
    def show_result(self, result: CampaignResult | None) -> None:
        if result is None:
            self._title.setText(self.tr("No campaign chosen"))
            self._about.clear()
            self._counts = {}
            for card in self._cards.values():
                card.hide()
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
        counts = self._counts = stage_counts(result)
        self._show_cards(counts, campaign.queued)
        self._excluded.setText(self._excluded_words(campaign.excluded))
        labels = self._stage_labels()
        labels["unsubscribed"] = self.tr("Unsubscribed")  # the chart has less room
        self._chart.set_title(self.tr("Messages by status"))
        self._chart.set_data(
            list(labels.values()),
            [(self.tr("Number"), [counts[key] for key in labels], QColor(palette.ACCENT))],
        )

    def number_text(self, key: str) -> str:
        """The count of one result row ("waiting", "sent", …) as the chart shows it."""
        return QLocale().toString(self._counts[key]) if key in self._counts else ""

    def card(self, key: str) -> ResultCard:
        return self._cards[key]

    def _show_cards(self, counts: Mapping[str, int], queued: int) -> None:
        locale = QLocale()
        totals = {key: sum(counts[part] for part in parts) for key, parts, _ in _CARDS}
        for key, _parts, colour in _CARDS:
            value = totals[key]
            if key == "sent":
                detail = self.tr("of {queued} queued").format(queued=locale.toString(queued))
            elif key in ("delivered", "failed") and queued:
                detail = self.tr("{percent} % of queued").format(
                    percent=locale.toString(round(100 * value / queued))
                )
            elif key == "unsubscribed":
                detail = self.tr("customers")
            else:
                detail = ""
            card = self._cards[key]
            card.show_number(value, colour, detail)
            # Nothing on its way: no card that says 0 about it.
            card.setVisible(key != "on_the_way" or value > 0)

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
