"""The visual regression check (``scripts/visual_check.py``) passes on this checkout, and
its comparison fails a layout that breaks while letting rendering noise through.

The check renders the main screens in a process of its own: the fixed stage (frozen
clock, font, colour scheme) must not leak into the other tests of this worker, nor their
leftovers (an application style sheet, an active dialog) into the pictures.
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.visual import image_diff
from tests.visual.frozen_clock import FROZEN_AT, frozen_clock
from tests.visual.stage import use_color_scheme

ROOT = Path(__file__).resolve().parents[2]
REFERENCES = ROOT / "tests" / "visual" / "references"


def test_every_main_screen_looks_as_its_reference(tmp_path: Path) -> None:
    """Light and dark, German, 1366×768; clipped text fails too. On a difference the
    output names the render and the diff picture (kept in the temp folder)."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "visual_check.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**_environment(), "PYTHONPATH": str(ROOT)},
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert "all as the references" in run.stdout


def _environment() -> dict[str, str]:
    """This process's environment without Qt's settings (the check sets its own)."""
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("QT_")}


def _form() -> tuple[QWidget, QLabel, QPushButton]:
    host = QWidget()
    form = QFormLayout(host)
    form.addRow("Vorname:", QLineEdit("Anna"))
    label = QLabel("Einwilligung in Werbung: per E-Mail bestätigt")
    form.addRow("", label)
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    save = QPushButton("Speichern")
    buttons.addWidget(save)
    buttons.addWidget(QPushButton("Änderungen verwerfen"))
    form.addRow(buttons)
    host.resize(420, 140)
    return host, label, save


def test_a_hidden_label_a_clipped_button_or_a_moved_one_fails_the_comparison(
    qtbot: QtBot,
) -> None:
    """A real form, grabbed, then broken three ways; the diff picture marks the place."""
    host, label, save = _form()
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    reference = host.grab().toImage()
    assert image_diff.compare(host.grab().toImage(), reference).passed  # the same again

    def grab_laid_out() -> QImage:
        host.layout().activate()  # the layout's geometry now, not at the next event
        return host.grab().toImage()

    place = label.geometry()
    untouched = host.findChild(QLineEdit).geometry().center()
    label.hide()
    hidden = grab_laid_out()
    label.show()
    assert image_diff.compare(grab_laid_out(), reference).passed  # mended
    save.setFixedWidth(40)  # "Speichern" clipped
    clipped = grab_laid_out()
    save.setMinimumWidth(0)
    save.setMaximumWidth(16777215)
    assert image_diff.compare(grab_laid_out(), reference).passed
    host.layout().setContentsMargins(15, 9, 9, 9)  # everything moved by a few pixels
    moved = grab_laid_out()

    verdicts = [image_diff.compare(broken, reference) for broken in (hidden, clipped, moved)]
    assert not any(verdict.passed for verdict in verdicts), verdicts
    assert len({verdict.differing for verdict in verdicts}) == 3  # three different breaks
    picture = image_diff.diff_picture(hidden, reference)
    red = [
        (x, y)
        for x in range(place.left(), place.right() + 1)
        for y in range(place.top(), place.bottom() + 1)
        if picture.pixelColor(x, y).red() > 200 and picture.pixelColor(x, y).green() < 120
    ]
    assert len(red) > 100, len(red)  # the label's letters are marked red, where it was
    assert picture.pixelColor(untouched).green() > 120  # the name field above it is not


def _inkiest(image: QImage, width: int, height: int) -> tuple[QRect, int]:
    """The ``width``×``height`` part of a grey picture with the most text on a plain
    ground (pixels far from the commonest level of its top and bottom rows, at most half
    of them: not a dark bar), and that ground's grey level. Found, not hard-coded, so the
    test holds when the references are redrawn for a new look."""
    data, line = bytes(image.constBits()), image.bytesPerLine()
    best, where, ground = -1, QRect(), 0
    for top in range(0, image.height() - height, height // 2):
        for left in range(0, image.width() - width, width // 2):
            rows = [
                data[(top + y) * line + left : (top + y) * line + left + width]
                for y in range(height)
            ]
            level = Counter(rows[0] + rows[-1]).most_common(1)[0][0]
            unlike = bytes(abs(v - level) > image_diff.PIXEL_THRESHOLD for v in range(256))
            ink = sum(row.translate(unlike).count(1) for row in rows)
            if best < ink <= width * height // 2:
                best, where, ground = ink, QRect(left, top, width, height), level
    return where, ground


def test_rendering_noise_passes_but_a_hidden_word_on_a_real_screen_does_not() -> None:
    """On the committed calendar: faint noise on every twentieth pixel and a few single
    pixels flipped (what anti-aliasing does) pass; a word painted over (the busiest
    48×14 pixels: a short word of text), a part of the screen moved 4 pixels down, or a
    picture two pixels narrower fail."""
    reference = image_diff.grey(QImage(str(REFERENCES / "calendar-day-light.png")))
    assert not reference.isNull()

    noisy = reference.copy()
    rng = random.Random(3)
    for _ in range(reference.width() * reference.height() // 20):
        x, y = rng.randrange(reference.width()), rng.randrange(reference.height())
        level = QColor(noisy.pixel(x, y)).red()
        noisy.setPixelColor(
            x, y, QColor.fromHsv(0, 0, max(0, min(255, level + rng.choice((-40, 40)))))
        )
    for _ in range(300):
        x, y = rng.randrange(reference.width()), rng.randrange(reference.height())
        noisy.setPixelColor(x, y, QColor(255 - QColor(noisy.pixel(x, y)).red(), 0, 0).toHsv())
    assert image_diff.compare(noisy, reference).passed, image_diff.compare(noisy, reference)

    word, ground = _inkiest(reference, 48, 14)
    without_word = reference.copy()
    painter = QPainter(without_word)
    painter.fillRect(word, QColor(ground, ground, ground))
    painter.end()
    assert not image_diff.compare(without_word, reference).passed, word

    part, _ = _inkiest(reference, 200, 24)
    moved = reference.copy()
    painter = QPainter(moved)
    painter.drawImage(part.topLeft() + QPoint(0, 4), reference.copy(part))
    painter.end()
    assert not image_diff.compare(moved, reference).passed, part

    smaller = reference.scaled(reference.width() - 2, reference.height())
    assert "size" in image_diff.compare(smaller, reference).describe()


def test_the_frozen_clock_answers_its_moment_in_our_modules_and_then_lets_go() -> None:
    from desk_app.services import container
    from desk_sql import schema

    with frozen_clock():
        assert container.utc_now() == FROZEN_AT
        assert schema.utcnow() == FROZEN_AT  # the columns' default timestamps
        assert isinstance(datetime(2026, 1, 1, tzinfo=UTC), container.datetime)
        assert type(container.datetime.now(UTC)) is datetime  # plain ones handed out
    assert container.datetime is datetime
    assert container.utc_now() != FROZEN_AT


def test_a_list_item_of_two_lines_needs_the_width_of_its_longest(qtbot: QtBot) -> None:
    """The screenshots' clipping check on the online candidates: a name above an address
    fits when the address does, and is clipped when the address is not."""
    from PySide6.QtWidgets import QListWidget

    from tests.support.clipping import clipped_texts

    items = QListWidget()
    qtbot.addWidget(items)
    address = "maximilian.hoffmann0@example.org · +4915797366946"
    items.addItem(f"Maximilian Hoffmann (Kundennr. 1)\n{address}")
    items.resize(items.fontMetrics().horizontalAdvance(address) + 40, 120)
    items.show()
    qtbot.waitExposed(items)
    assert not clipped_texts(items)
    items.resize(items.fontMetrics().horizontalAdvance(address) - 30, 120)
    qtbot.wait(1)
    assert [clip.text.split("\n")[1] for clip in clipped_texts(items)] == [address]


def test_the_stage_switches_the_colour_scheme_as_the_operating_system_would(
    qapp: QApplication,
) -> None:
    """What the app follows (``colorSchemeChanged``) hears dark, then light, even on the
    offscreen platform, which ignores ``setColorScheme``."""
    heard: list[Qt.ColorScheme] = []
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(heard.append)
    try:
        use_color_scheme(qapp, Qt.ColorScheme.Dark)
        use_color_scheme(qapp, Qt.ColorScheme.Light)
    finally:
        hints.colorSchemeChanged.disconnect(heard.append)
    assert heard == [Qt.ColorScheme.Dark, Qt.ColorScheme.Light]
