"""Two renders of one screen compared in grey levels, tile by tile.

A pixel differs when its grey level moved by more than ``PIXEL_THRESHOLD`` (of 255):
anti-aliasing and hinting change the edges of letters by less, mostly. A screen fails
when any ``TILE``×``TILE`` square holds more than ``TILE_LIMIT`` differing pixels: a few
stray edge pixels spread over the screen pass, while a hidden or clipped label, a moved
button or a missing widget changes whole squares (a word of 9-point text darkens a
quarter of the squares it covers). Tiles, not a fraction of the whole screen: one
missing word is a hundredth of a percent of a 1366×768 window.

Pure Qt (no NumPy): the differences are painted with Qt's ``Difference`` composition and
counted with ``bytes.translate``; about 20 ms per 1366×768 screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter

PIXEL_THRESHOLD = 48
TILE = 16
TILE_LIMIT = 12  # of 256 pixels in a tile (about 5 %)

_DIFFERS = bytes(1 if level > PIXEL_THRESHOLD else 0 for level in range(256))
_DIFFERS_WHITE = bytes(255 if level > PIXEL_THRESHOLD else 0 for level in range(256))


@dataclass(frozen=True)
class Verdict:
    """How far a render is from its reference."""

    size: tuple[int, int]  # the render's
    reference_size: tuple[int, int]
    differing: int = 0  # pixels beyond the threshold
    worst_tile: int = 0  # differing pixels in the worst tile
    worst_at: tuple[int, int] = (0, 0)  # its top left corner, in pixels

    @property
    def passed(self) -> bool:
        return self.size == self.reference_size and self.worst_tile <= TILE_LIMIT

    def describe(self) -> str:
        if self.size != self.reference_size:
            return f"the size is {self.size}, the reference's {self.reference_size}"
        return (
            f"{self.differing} pixels differ; the worst {TILE}×{TILE} square at "
            f"{self.worst_at} has {self.worst_tile} (at most {TILE_LIMIT} pass)"
        )


def grey(image: QImage) -> QImage:
    """The grey levels the references are kept in (a third of the colour PNG's size)."""
    if image.format() == QImage.Format.Format_Grayscale8:
        return image
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def _difference(actual: QImage, reference: QImage) -> QImage:
    """Per pixel, how far apart the grey levels are (Grayscale8)."""
    canvas = grey(reference).convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(canvas)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Difference)
    painter.drawImage(QPoint(0, 0), grey(actual).convertToFormat(QImage.Format.Format_RGB32))
    painter.end()
    return canvas.convertToFormat(QImage.Format.Format_Grayscale8)


def _rows(image: QImage, table: bytes) -> list[bytes]:
    """Each row's bytes through ``table`` (without the padding at the end of a line)."""
    data = bytes(image.constBits())
    line, width = image.bytesPerLine(), image.width()
    return [data[y * line : y * line + width].translate(table) for y in range(image.height())]


def compare(actual: QImage, reference: QImage) -> Verdict:
    size, reference_size = actual.size().toTuple(), reference.size().toTuple()
    if size != reference_size:
        return Verdict(size, reference_size)
    rows = _rows(_difference(actual, reference), _DIFFERS)
    differing = sum(row.count(1) for row in rows)
    worst, worst_at = 0, (0, 0)
    if differing:
        width = actual.width()
        for top in range(0, len(rows), TILE):
            band = [row for row in rows[top : top + TILE] if row.count(1)]
            if not band:
                continue
            for left in range(0, width, TILE):
                count = sum(row[left : left + TILE].count(1) for row in band)
                if count > worst:
                    worst, worst_at = count, (left, top)
    return Verdict(size, reference_size, differing, worst, worst_at)


def diff_picture(actual: QImage, reference: QImage) -> QImage:
    """The reference faded, the differing pixels red on it: where to look."""
    if actual.size() != reference.size():
        return grey(actual)
    difference = _difference(actual, reference)
    mask = QImage(difference.size(), QImage.Format.Format_Grayscale8)
    mask.fill(0)
    for y, row in enumerate(_rows(difference, _DIFFERS_WHITE)):
        line = mask.scanLine(y)
        line[: len(row)] = row
    red = QImage(difference.size(), QImage.Format.Format_ARGB32)
    red.fill(QColor(Qt.GlobalColor.red))
    red.setAlphaChannel(mask)
    picture = grey(reference).convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(255, 255, 255, 170))
    painter.drawImage(QPoint(0, 0), red)
    painter.end()
    return picture
