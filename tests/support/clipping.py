"""Find text that a widget cannot show in full: the width (and height of one line) the text
needs, measured with the widget's own font metrics and style, against the part of the
widget that is visible inside its parents.

Checked: labels (plain and rich text, word-wrapped ones by their height; a one-line
plain label also by the marks of its letters, which may reach above it), buttons, check
boxes, radio buttons, tool buttons (one with a menu needs room for the arrow the style
draws inside it), group box titles, tab texts (the style's rectangle for a text must hold
a whole line: the text is drawn clipped to it), line edits with text (also those inside
spin boxes, date edits and editable combo boxes), a combo box's current text, the texts
of horizontal table headers and a status bar's message (beside the widgets in the bar).
Inside a scroll area a widget may extend beyond the viewport on an axis that scrolls:
only the axes that cannot scroll clip.

A widget meant to elide says so with ``setProperty("elides", True)`` (used sparingly: a
name in a narrow list, a long path).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStatusBar,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionTab,
    QTabBar,
    QToolButton,
    QWidget,
)

ELIDES = "elides"
SLACK = 1  # rounding of font metrics: one pixel is not a clipped letter


@dataclass(frozen=True)
class Clip:
    where: str  # the widget's path: Class#objectName > …
    text: str
    needed: int
    visible: int
    axis: str = "width"

    def __str__(self) -> str:
        return f"{self.where}: {self.text!r} needs {self.axis} {self.needed}, has {self.visible}"


def clipped_texts(root: QWidget) -> list[Clip]:
    """Every text under ``root`` (a shown window or dialog) that does not fit."""
    found: list[Clip] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or _elides(widget):
            continue
        visible = visible_rect(widget, root)
        if visible.isEmpty():
            continue  # scrolled away entirely, or behind a splitter handle at zero size
        for text, needed, axis in _needs(widget, visible):
            have = visible.width() if axis == "width" else visible.height()
            if needed > have + SLACK:
                found.append(Clip(_path(widget, root), text, needed, have, axis))
    return found


def visible_rect(widget: QWidget, root: QWidget) -> QRect:
    """The part of ``widget`` (its own coordinates) that its parents show, up to ``root``."""
    rect = widget.rect()
    current = widget
    while current is not root and not current.isWindow():
        parent = current.parentWidget()
        rect = rect.translated(current.pos())  # now in the parent's coordinates
        limit = parent.rect()
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            # Content may reach beyond the viewport where a scroll bar can bring it in: it
            # counts as if scrolled into view. A form (QScrollArea) that has to be scrolled
            # sideways to be read is cut off.
            sideways = not isinstance(area, QScrollArea)
            if (
                sideways
                and area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            ):
                rect = QRect(0, rect.top(), min(rect.width(), limit.width()), rect.height())
            if area.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
                rect = QRect(rect.left(), 0, rect.width(), min(rect.height(), limit.height()))
        rect = rect.intersected(limit)
        current = parent
    return rect.translated(-widget.mapTo(current, QPoint(0, 0)))


def _elides(widget: QWidget) -> bool:
    return bool(widget.property(ELIDES))


def _path(widget: QWidget, root: QWidget) -> str:
    parts = []
    current: QWidget | None = widget
    while current is not None and len(parts) < 4:
        name = current.objectName()
        parts.append(type(current).__name__ + (f"#{name}" if name else ""))
        if current is root:
            break
        current = current.parentWidget()
    return " < ".join(parts)


def _line_height(widget: QWidget) -> int:
    return widget.fontMetrics().height()


def _advance(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _without_mnemonic(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _needs(widget: QWidget, visible: QRect) -> list[tuple[str, int, str]]:
    """(text, pixels needed, "width" or "height") for each text the widget shows."""
    if isinstance(widget, QLabel):
        return _label_needs(widget)
    if isinstance(widget, (QCheckBox, QRadioButton)):
        return _own_hint(widget, widget.text())
    if isinstance(widget, QToolButton):
        icon_only = widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
        if icon_only and not widget.icon().isNull():
            return []  # without an icon the button shows its text
        if not widget.text() or isinstance(widget.parentWidget(), QTabBar):
            return []
        return _tool_button_needs(widget)
    if isinstance(widget, QPushButton):
        return _push_button_needs(widget)
    if isinstance(widget, QAbstractButton):
        return []
    if isinstance(widget, QGroupBox):
        return _group_box_needs(widget)
    if isinstance(widget, QTabBar):
        return _tab_needs(widget)
    if isinstance(widget, QListWidget):
        return _list_needs(widget)
    if isinstance(widget, QLineEdit):
        return _line_edit_needs(widget)
    if isinstance(widget, QComboBox) and not widget.isEditable():
        return _combo_needs(widget)
    if isinstance(widget, QHeaderView):
        return _header_needs(widget, visible)
    if isinstance(widget, QStatusBar):
        return _status_message_needs(widget)
    return []


def _tool_button_needs(button: QToolButton) -> list[tuple[str, int, str]]:
    needs = _own_hint(button, button.text())
    if (
        button.menu() is None
        or button.popupMode() == QToolButton.ToolButtonPopupMode.MenuButtonPopup
    ):
        return needs
    # Without a separate arrow part the style draws its small menu arrow inside the
    # button, over the text, and the size hint leaves no room for it.
    arrow = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
    return [
        (text, needed + arrow if axis == "width" else needed, axis) for text, needed, axis in needs
    ]


def _status_message_needs(bar: QStatusBar) -> list[tuple[str, int, str]]:
    """A status bar's message is painted, not a label: it has the room left of the
    widgets shown beside it."""
    message = bar.currentMessage()
    if not message:
        return []
    beside = [
        child.x()
        for child in bar.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if child.isVisible() and not child.isWindow() and child.width() > 0
    ]
    room = min(beside, default=bar.width())
    needed = bar.fontMetrics().horizontalAdvance(message) + 2 * 4  # the bar's text margins
    return [(message, needed + bar.width() - room, "width")]


def _own_hint(widget: QWidget, text: str) -> list[tuple[str, int, str]]:
    hint = widget.sizeHint()
    return [(text, hint.width(), "width"), (text, _line_height(widget), "height")]


def _label_needs(label: QLabel) -> list[tuple[str, int, str]]:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return []
    frame = label.width() - label.contentsRect().width() + 2 * label.margin()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if label.wordWrap():
        # The longest word must fit a line; all lines must fit the height.
        words = _plain(label, text).split()
        metrics = label.fontMetrics()
        longest = max((metrics.horizontalAdvance(w) for w in words), default=0)
        height = label.heightForWidth(label.width())
        plain = _plain(label, text)
        if metrics.horizontalAdvance(plain) <= label.contentsRect().width():  # one line
            height = max(height, label.height() + _above_the_top(label, plain))
        return [(text, longest + frame, "width"), (text, height, "height")]
    if rich:
        width = int(_document(label, text).idealWidth()) + frame
    else:
        shown = _without_mnemonic(text) if label.buddy() is not None else text
        width = _advance(label.fontMetrics(), shown) + frame
        indent = label.indent()
        if indent > 0:
            width += indent
        above = _above_the_top(label, shown)
        if above > 0:  # „Ö“ painted above the label is cut off by it
            return [(text, width, "width"), (text, label.height() + above, "height")]
    return [(text, width, "width"), (text, _line_height(label), "height")]


def _above_the_top(label: QLabel, text: str) -> int:
    """How many pixels of the letters' marks (the dots of „Ö“) the label paints above
    its own top: a line is placed by the font's ascent, which some fonts' capital umlauts
    exceed."""
    metrics = label.fontMetrics()
    lines = text.split("\n")
    if len(lines) != 1 or not text.strip():
        return 0
    inside = label.contentsRect()
    alignment = label.alignment()
    if alignment & Qt.AlignmentFlag.AlignTop:
        line_top = inside.top()
    elif alignment & Qt.AlignmentFlag.AlignBottom:
        line_top = inside.bottom() + 1 - metrics.height()
    else:
        line_top = inside.top() + (inside.height() - metrics.height()) // 2
    return max(0, -(line_top + metrics.ascent() + metrics.tightBoundingRect(text).top()))


def _document(label: QLabel, text: str) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(text)
    return document


def _plain(label: QLabel, text: str) -> str:
    if label.textFormat() == Qt.TextFormat.PlainText or not QtGui.Qt.mightBeRichText(text):
        return text
    return _document(label, text).toPlainText()


def _push_button_needs(button: QPushButton) -> list[tuple[str, int, str]]:
    text = _without_mnemonic(button.text())
    if not text:
        return []
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = ""
    if button.isDefault() or button.autoDefault():
        option.features |= QStyleOptionButton.ButtonFeature.AutoDefaultButton
    metrics = button.fontMetrics()
    content = metrics.horizontalAdvance(text)
    if not button.icon().isNull():
        content += button.iconSize().width() + 4
    if button.menu() is not None:
        content += button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option)
    # The style's padding without its minimum width for buttons with a text.
    padded = button.style().sizeFromContents(
        QStyle.ContentsType.CT_PushButton, option, QSize(content, metrics.height()), button
    )
    return [(button.text(), padded.width(), "width"), (button.text(), metrics.height(), "height")]


def _group_box_needs(box: QGroupBox) -> list[tuple[str, int, str]]:
    title = _without_mnemonic(box.title())
    if not title:
        return []
    width = box.fontMetrics().horizontalAdvance(title) + 2 * 8
    if box.isCheckable():
        width += box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 6
    return [(box.title(), width, "width")]


def _list_needs(items: QListWidget) -> list[tuple[str, int, str]]:
    """A list elides what does not fit its viewport (the settings' page names did)."""
    margin = items.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, items) + 1
    needs = []
    for row in range(items.count()):
        item = items.item(row)
        if item.isHidden():
            continue
        # An item of several lines is as wide as its longest (the candidates' name, then
        # address and phone).
        metrics = items.fontMetrics()
        widest = max(metrics.horizontalAdvance(line) for line in item.text().split("\n"))
        wanted = widest + 2 * margin
        if not item.icon().isNull():
            wanted += items.iconSize().width() + margin
        # An item's rectangle may reach past the viewport; the text is elided to it.
        have = min(
            items.visualItemRect(item).width(),
            items.viewport().width() - 2 * items.spacing(),
        )
        if have + SLACK < wanted:
            needs.append((item.text(), wanted - have + items.width(), "width"))
    return needs


def _tab_needs(bar: QTabBar) -> list[tuple[str, int, str]]:
    needs = []
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = bar.tabText(index)
        rect = bar.tabRect(index)
        wanted = bar.tabSizeHint(index).width()
        if rect.width() + SLACK < wanted:
            needs.append((text, wanted, "width"))  # elided by the tab bar
        elif rect.right() > bar.width() or rect.left() < 0:
            needs.append((text, rect.right() + 1, "width"))  # behind the scroll buttons
        # The style draws the text clipped to its text rectangle: one lower than a line
        # cuts the dots off „Ö“ and the tail off „g“ (Fusion does so on tabs not current).
        option = QStyleOptionTab()
        bar.initStyleOption(option, index)
        shown = bar.style().subElementRect(QStyle.SubElement.SE_TabBarTabText, option, bar)
        line = bar.fontMetrics().height()
        if text and shown.height() + SLACK < line:
            needs.append((text, line - shown.height() + bar.height(), "height"))
    return [(t, n, a) for t, n, a in needs]


def _line_edit_needs(edit: QLineEdit) -> list[tuple[str, int, str]]:
    text = edit.text()
    if not text or edit.echoMode() != QLineEdit.EchoMode.Normal:
        return []
    margins = edit.textMargins()
    frame = (
        edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth) if edit.hasFrame() else 0
    )
    width = (
        edit.fontMetrics().horizontalAdvance(text)
        + margins.left()
        + margins.right()
        + 2 * frame
        + 2 * 2  # QLineEdit's horizontal margin around the text
    )
    for action in edit.actions():  # a clear button or an icon inside the field
        if action.isVisible() and not action.icon().isNull():
            width += edit.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 4
    return [(text, width, "width")]


def _combo_needs(combo: QComboBox) -> list[tuple[str, int, str]]:
    text = combo.currentText()
    if not text:
        return []
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    content = combo.fontMetrics().horizontalAdvance(text)
    if not combo.itemIcon(combo.currentIndex()).isNull():
        content += combo.iconSize().width() + 4
    size = combo.style().sizeFromContents(
        QStyle.ContentsType.CT_ComboBox, option, QSize(content, combo.fontMetrics().height()), combo
    )
    return [(text, size.width(), "width")]


def _header_needs(header: QHeaderView, visible: QRect) -> list[tuple[str, int, str]]:
    model = header.model()
    if header.orientation() != Qt.Orientation.Horizontal or model is None:
        return []
    style, metrics = header.style(), header.fontMetrics()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    needs = []
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) == 0:
            continue
        text = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if not text:
            continue
        width = metrics.horizontalAdvance(str(text)) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            width += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
        if width > header.sectionSize(section) + SLACK:
            # Measured against the section, reported as if against the header's width.
            needs.append(
                (str(text), width - header.sectionSize(section) + visible.width(), "width")
            )
    return needs
