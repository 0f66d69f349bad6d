"""Layouts that flow with the width they get, so a small window shows every text in full
instead of squeezing it: ``SideBySide`` (two panels side by side, or one above the other)
and ``PairGrid`` (label–field pairs in two columns, or in one).

Each reports as its minimum width what its narrow arrangement needs, and switches in
``resizeEvent``; the taller arrangement then asks its parent for the height it needs.

May import: PySide6.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QLayout, QScrollArea, QWidget

Field = QWidget | QLayout


def _min_width(item: Field) -> int:
    if isinstance(item, QLayout):
        return item.minimumSize().width()
    return max(item.minimumSizeHint().width(), item.minimumWidth())


class SideBySide(QWidget):
    """``first`` and ``second`` next to each other (stretch 1:1) while both fit, otherwise
    ``second`` below ``first``."""

    def __init__(
        self, first: QWidget, second: QWidget, spacing: int = 6, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._panels = (first, second)
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(spacing)
        self._layout.addWidget(first, 1)
        self._layout.addWidget(second, 1)

    def side_by_side(self) -> bool:
        return self._layout.direction() == QBoxLayout.Direction.LeftToRight

    def _width_side_by_side(self) -> int:
        return sum(_min_width(p) for p in self._panels) + self._layout.spacing()

    def minimumSizeHint(self) -> QSize:
        narrow = max(_min_width(p) for p in self._panels)
        return QSize(narrow, self._layout.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self._width_side_by_side()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if direction != self._layout.direction():
            self._layout.setDirection(direction)
            self.updateGeometry()
        super().resizeEvent(event)


class PairGrid(QWidget):
    """(label, field) pairs, two pairs a row while they fit, otherwise one pair a row."""

    def __init__(
        self, pairs: Sequence[tuple[QWidget, Field]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._pairs = list(pairs)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(4)
        self._columns = 0
        self._arrange(2)

    def columns(self) -> int:
        return self._columns

    def add_below(self, widget: QWidget) -> None:
        """A widget under the pairs, at the right (a "clear" button)."""
        self._below = widget
        self._place_below()

    def _place_below(self) -> None:
        below = getattr(self, "_below", None)
        if below is not None:
            rows = -(-len(self._pairs) // self._columns)
            self._grid.addWidget(below, rows, 2 * self._columns - 1)

    def _arrange(self, columns: int) -> None:
        for label, field in self._pairs:
            self._grid.removeWidget(label)
            if isinstance(field, QLayout):
                self._grid.removeItem(field)
            else:
                self._grid.removeWidget(field)
        for column in range(4):
            self._grid.setColumnStretch(column, 0)
        for index, (label, field) in enumerate(self._pairs):
            row, column = divmod(index, columns)
            self._grid.addWidget(label, row, 2 * column)
            if isinstance(field, QLayout):
                self._grid.addLayout(field, row, 2 * column + 1)
            else:
                self._grid.addWidget(field, row, 2 * column + 1)
        for column in range(columns):
            self._grid.setColumnStretch(2 * column + 1, 1)
        self._columns = columns
        below = getattr(self, "_below", None)
        if below is not None:
            self._grid.removeWidget(below)
            self._place_below()
        self.updateGeometry()

    def _pair_width(self) -> tuple[int, int]:
        labels = max(_min_width(label) for label, _ in self._pairs)
        fields = max(_min_width(field) for _, field in self._pairs)
        return labels, fields

    def _width_for(self, columns: int) -> int:
        labels, fields = self._pair_width()
        return columns * (labels + fields) + (2 * columns - 1) * self._grid.horizontalSpacing()

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width_for(1), self._grid.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        columns = 2 if event.size().width() >= self._width_for(2) else 1
        if columns != self._columns:
            self._arrange(columns)
        super().resizeEvent(event)


class _VerticalScroll(QScrollArea):
    """As wide as its content needs at least, so the window's minimum width includes it;
    as low as one likes (it scrolls)."""

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        width = inner.minimumSizeHint().width() if inner is not None else 0
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(width + bar, super().minimumSizeHint().height())


def vertical_scroll(layout: QLayout) -> QScrollArea:
    """``layout`` in a frameless area that scrolls up and down, never sideways: its width
    follows the area, its height is at least what the layout needs."""
    inner = QWidget()
    inner.setLayout(layout)
    layout.setContentsMargins(0, 0, 0, 0)
    area = _VerticalScroll()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(inner)
    return area
