"""The window's navigation: one row per section with its icon, its name (and how many
things wait there) and its shortcut at the right, as a hint for learning the keys. In a
narrow window the hints give their room to the page (they stay in the tooltips).

A QListWidget (object name ``sections``), so the arrows, Home/End and a click work as in
any list; the delegate only adds the shortcut hint.

May import: PySide6, desk_app.ui.style.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desk_app.ui.style import icons, scale
from desk_app.ui.style.tone import Tone, set_tone

KEY_ROLE = Qt.ItemDataRole.UserRole
HINT_ROLE = Qt.ItemDataRole.UserRole + 1  # the shortcut, in the platform's words
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2  # the name without a count
ICON_SIZE = 20
ROW_HEIGHT = 36
WIDEST_COUNT = " (99)"  # room kept for a count next to the longest name


class SectionSidebar(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sections")
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_HintDelegate(self))
        self._hints_shown = True
        set_tone(self, Tone.SIDEBAR)

    def hints_shown(self) -> bool:
        return self._hints_shown

    def show_hints(self, shown: bool) -> None:
        """Show the shortcut hints (and take the room for them) or not."""
        if shown != self._hints_shown:
            self._hints_shown = shown
            self.fit_width()
            self.viewport().update()

    def add_section(self, key: str, title: str, shortcut: str) -> QListWidgetItem:
        item = QListWidgetItem(icons.icon(key), title)
        item.setData(KEY_ROLE, key)
        item.setData(HINT_ROLE, shortcut)
        item.setData(TITLE_ROLE, title)
        item.setToolTip(f"{title} ({shortcut})" if shortcut else title)
        self.addItem(item)
        return item

    def fit_width(self) -> None:
        """As wide as the longest name (bold, with a count) and its shortcut need."""
        bold = scale.scaled(self.font(), scale.BODY, bold=True)
        caption = scale.scaled(self.font(), scale.CAPTION)
        names, hints = [0], [0]
        for row in range(self.count()):
            item = self.item(row)
            # The name without the count it may show now: the room for a count is kept
            # whether one is shown or not, so the sidebar never takes a page's room.
            names.append(_advance(bold, str(item.data(TITLE_ROLE)) + WIDEST_COUNT))
            if self._hints_shown:
                hints.append(_advance(caption, str(item.data(HINT_ROLE) or "")) + scale.SPACE_M)
        padding = 2 * scale.SPACE_S + 2 * scale.SPACE_M + 2 * self.frameWidth()
        gaps = scale.SPACE_M  # icon–name
        self.setFixedWidth(padding + ICON_SIZE + gaps + max(names) + max(hints))


class _HintDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        hint = str(index.data(HINT_ROLE) or "")
        view = option.widget
        style = view.style() if view is not None else None
        shown = isinstance(view, SectionSidebar) and view.hints_shown()
        if not hint or style is None or not shown:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        caption = scale.scaled(item.font, scale.CAPTION)
        width = _advance(caption, hint) + scale.SPACE_M
        # The row's background across the whole row; the icon and name left of the hint.
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, item, painter, view)
        name = QStyleOptionViewItem(item)
        name.rect = item.rect.adjusted(0, 0, -width, 0)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, name, painter, view)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        palette = view.palette()
        colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        rect: QRect = item.rect
        painter.save()
        painter.setFont(caption)
        painter.setPen(colour)
        painter.drawText(
            rect.adjusted(0, 0, -scale.SPACE_M, 0),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            hint,
        )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), ROW_HEIGHT))


def _advance(font: QFont, text: str) -> int:
    return QFontMetrics(font).horizontalAdvance(text)
