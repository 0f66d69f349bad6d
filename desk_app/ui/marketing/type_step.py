"""Step 1 of the campaign composer: the campaign type (with its legal basis), the channel
and the name only the owner sees.

May import: PySide6, desk_app.domain, desk_app.texts.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.campaigns import CATEGORY, CampaignType, ChannelChoice
from desk_app.domain.enums import Category
from desk_app.texts.campaign_words import (
    CHANNEL_ORDER,
    TYPE_ORDER,
    channel_choice_hint,
    channel_choice_name,
    legal_basis,
    type_name,
)
from desk_app.ui.style.tone import Tone, set_tone


class TypeStep(QGroupBox):
    """Type, channel and name of the campaign.

    Signals:
        type_chosen(): the owner chose another type (not when it is set from outside).
        channel_changed(): the channel changed, also because a type allows only email.
        name_edited(): the name was edited.
    """

    type_chosen = Signal()
    channel_changed = Signal()
    name_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("1 · Type"))
        self.setObjectName("stepType")
        self._type = QComboBox()
        self._type.setObjectName("campaignType")
        for kind in TYPE_ORDER:
            self._type.addItem(type_name(kind), kind.value)
        self._basis = QLabel()
        self._basis.setObjectName("legalBasis")
        self._basis.setWordWrap(True)
        self._channels = QButtonGroup(self)
        self._channel_buttons: dict[ChannelChoice, QRadioButton] = {}
        for choice in CHANNEL_ORDER:
            button = QRadioButton(channel_choice_name(choice))
            button.setObjectName(f"channel_{choice.value}")
            button.setToolTip(channel_choice_hint(choice))
            self._channels.addButton(button)
            self._channel_buttons[choice] = button
        self._channel_buttons[ChannelChoice.EMAIL].setChecked(True)
        self._channel_hint = QLabel()
        self._channel_hint.setObjectName("channelHint")
        self._channel_hint.setWordWrap(True)
        set_tone(self._channel_hint, Tone.HINT)
        self._name = QLineEdit()
        self._name.setObjectName("campaignName")
        self._name.setPlaceholderText(self.tr("Only for you, e.g. “Autumn offer 2026”"))

        form = QFormLayout(self)
        # A field that does not fit beside its label goes below it (narrow windows).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        type_label = QLabel(self.tr("T&ype:"))
        type_label.setBuddy(self._type)
        # Each hint in one field with what it explains: when the field goes below its
        # label, the hint goes along (as a row of its own it stayed indented).
        form.addRow(type_label, _stacked(self._type, self._basis))
        channel_row = QHBoxLayout()
        for button in self._channel_buttons.values():
            channel_row.addWidget(button)
        channel_row.addStretch(1)
        form.addRow(self.tr("Channel:"), _stacked(channel_row, self._channel_hint))
        name_label = QLabel(self.tr("Na&me:"))
        name_label.setBuddy(self._name)
        form.addRow(name_label, self._name)

        self._on_type_changed()
        self._type.currentIndexChanged.connect(self._on_type_current_index_changed)
        self._channels.buttonToggled.connect(self._on_channels_button_toggled)
        self._name.textChanged.connect(self._on_name_text_changed)

    # ---- public -------------------------------------------------------------------------
    def campaign_type(self) -> CampaignType:
        return CampaignType(self._type.currentData())

    def set_campaign_type(self, kind: CampaignType) -> None:
        self._type.setCurrentIndex(self._type.findData(kind.value))

    def channel(self) -> ChannelChoice:
        for choice, button in self._channel_buttons.items():
            if button.isChecked():
                return choice
        return ChannelChoice.EMAIL

    def needs(self) -> tuple[bool, bool]:
        """Which templates the campaign needs: (email, sms)."""
        if CATEGORY[self.campaign_type()] is Category.SIMILAR_OFFER:
            return True, False
        choice = self.channel()
        return choice is not ChannelChoice.SMS, choice is not ChannelChoice.EMAIL

    def name(self) -> str:
        return self._name.text().strip()

    def clear_name(self) -> None:
        self._name.clear()

    # ---- reacting -----------------------------------------------------------------------
    def _on_type_current_index_changed(self, _index: int) -> None:
        self._on_type_changed()
        self.type_chosen.emit()

    def _on_type_changed(self) -> None:
        kind = self.campaign_type()
        self._basis.setText(legal_basis(kind))
        email_only = CATEGORY[kind] is Category.SIMILAR_OFFER
        for choice, button in self._channel_buttons.items():
            button.setEnabled(not email_only or choice is ChannelChoice.EMAIL)
        if email_only:
            self._channel_buttons[ChannelChoice.EMAIL].setChecked(True)
        self._on_channel_changed()

    def _on_channels_button_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._on_channel_changed()

    def _on_channel_changed(self) -> None:
        if CATEGORY[self.campaign_type()] is Category.SIMILAR_OFFER:
            self._channel_hint.setText(self.tr("Similar offers may only be sent by email."))
        else:
            self._channel_hint.setText(channel_choice_hint(self.channel()))
        self.channel_changed.emit()

    def _on_name_text_changed(self, _text: str) -> None:
        self.name_edited.emit()


def _stacked(above: QWidget | QHBoxLayout, below: QWidget) -> QVBoxLayout:
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    if isinstance(above, QWidget):
        column.addWidget(above)
    else:
        column.addLayout(above)
    column.addWidget(below)
    return column
