"""The members who can sign in, as tiles (name, role, initials), for the sign-in screen.

Keyboard: the arrows move between tiles, Enter or Space picks the one with the focus, a
number key picks the tile with that number (1–9, shown on the tile). A pick is only a
choice of whose PIN comes next; typing the PIN without a pick works too.

Signals:
    picked(int): a member's tile was picked (their id).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QToolButton, QWidget

from desk_app.services.staff_access import SignInMember
from desk_app.texts.access_words import role_name
from desk_app.ui.style import colours
from desk_app.ui.widgets import palette

COLUMNS = 5
_ICON = 44
_NUMBERED = 9  # number keys 1–9 pick the first nine tiles
# Dark enough for white initials; by the member's id, so a member keeps their colour.
_BADGE_COLOURS = (
    palette.MARK_INFO,
    palette.MARK_GOOD,
    palette.MARK_ONLINE,
    colours.LIGHT.warning,  # not ``palette.WARNING``: the dark scheme's amber is light
    palette.MARK_BAD,
    palette.MARK_OFF,
)


def initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    if not parts:
        return name[:1].upper() or "?"
    first, last = parts[0][0], parts[-1][0] if len(parts) > 1 else ""
    return (first + last).upper()


def _badge(text: str, colour: QColor) -> QIcon:
    pixmap = QPixmap(_ICON * 2, _ICON * 2)  # twice the size: sharp on a high-DPI screen
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(QRectF(1, 1, _ICON - 2, _ICON - 2))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(_ICON // 3 + 2)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, _ICON, _ICON), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


class MemberTiles(QWidget):
    picked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("member_tiles")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._tiles: list[QToolButton] = []
        self._ids: list[int] = []

    # ---- public ---------------------------------------------------------------------------
    def set_members(self, members: Sequence[SignInMember]) -> None:
        """The members with a PIN, in the order given (those without one cannot sign in)."""
        for tile in self._tiles:
            self._group.removeButton(tile)
            tile.deleteLater()
        self._tiles, self._ids = [], []
        for index, member in enumerate(m for m in members if m.has_pin):
            tile = self._tile(index, member)
            self._grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
            self._tiles.append(tile)
            self._ids.append(member.id)

    def member_ids(self) -> list[int]:
        return list(self._ids)

    def tile(self, member_id: int) -> QToolButton:
        return self._tiles[self._ids.index(member_id)]

    def chosen(self) -> int | None:
        for tile, member_id in zip(self._tiles, self._ids, strict=True):
            if tile.isChecked():
                return member_id
        return None

    def choose(self, member_id: int | None) -> None:
        """Mark the member picked (None: nobody: the PIN alone says who)."""
        self._group.setExclusive(False)  # an exclusive group cannot uncheck its last one
        for tile, tile_id in zip(self._tiles, self._ids, strict=True):
            tile.setChecked(tile_id == member_id)
        self._group.setExclusive(True)

    def focus_first(self) -> None:
        target = self._group.checkedButton() or (self._tiles[0] if self._tiles else None)
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    # ---- inside ---------------------------------------------------------------------------
    def _tile(self, index: int, member: SignInMember) -> QToolButton:
        tile = QToolButton(self)
        tile.setObjectName(f"member_tile_{member.id}")
        tile.setCheckable(True)
        tile.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        tile.setIcon(
            _badge(initials(member.name), QColor(_BADGE_COLOURS[member.id % len(_BADGE_COLOURS)]))
        )
        tile.setIconSize(QSize(_ICON, _ICON))
        number = f"{index + 1} · " if index < _NUMBERED else ""
        tile.setText(f"{member.name}\n{number}{role_name(member.role)}")
        tile.setToolTip(member.name)
        tile.setAccessibleName(member.name)
        tile.setFixedSize(150, 104)
        tile.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        tile.setAutoRaise(False)
        self._group.addButton(tile)
        tile.clicked.connect(lambda _checked=False, i=member.id: self._pick(i))
        tile.installEventFilter(self)
        return tile

    def _pick(self, member_id: int) -> None:
        self.choose(member_id)
        self.picked.emit(member_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or watched not in self._tiles:
            return False
        assert isinstance(event, QKeyEvent) and isinstance(watched, QToolButton)
        index = self._tiles.index(watched)
        key = event.key()
        moves = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -COLUMNS,
            Qt.Key.Key_Down: COLUMNS,
        }
        if key in moves:
            target = index + moves[Qt.Key(key)]
            if 0 <= target < len(self._tiles):
                self._tiles[target].setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._pick(self._ids[index])
            return True
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            number = key - Qt.Key.Key_1
            if number < len(self._tiles):
                self._pick(self._ids[number])
            return True
        return False
