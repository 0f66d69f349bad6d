"""The QPainter charts: round ticks, bars where the data says, labels that never
overlap, tooltips, the empty state and the accessible summary."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QToolTip
from pytestqt.qtbot import QtBot

from desk_app.ui.widgets.charts import BarChart, FunnelChart, FunnelStage, chart_colours, nice_ticks

RED, BLUE = QColor("#c0392b"), QColor("#1f5fa8")
WEEKS = [f"Wk {n}" for n in range(37, 49)]


def bar_chart(qtbot: QtBot, width: int = 480, height: int = 260) -> BarChart:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(width, height)
    return chart


def grab(chart: BarChart | FunnelChart) -> QImage:
    image = chart.grab().toImage()
    assert image.width() >= chart.width()  # a real picture, not a null pixmap
    return image


def pixel(image: QImage, point: QPointF) -> QColor:
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(point.x() * ratio), int(point.y() * ratio))


def same_colour(a: QColor, b: QColor) -> bool:
    return a.rgb() == b.rgb()


# ---- ticks --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (7, [0, 2, 4, 6, 8]),
        (12, [0, 5, 10, 15]),
        (45, [0, 10, 20, 30, 40, 50]),
        (100, [0, 20, 40, 60, 80, 100]),
        (1234, [0, 500, 1000, 1500]),
    ],
)
def test_nice_ticks(maximum: int, ticks: list[int]) -> None:
    assert nice_ticks(maximum) == ticks


def test_nice_ticks_are_round_even_and_reach_the_maximum() -> None:
    for maximum in range(1, 5001):
        ticks = nice_ticks(maximum)
        step = ticks[1] - ticks[0]
        assert ticks[0] == 0 and ticks[-1] >= maximum > ticks[-2]
        assert all(b - a == step for a, b in zip(ticks, ticks[1:], strict=False))
        significant = step / 10 ** math.floor(math.log10(step))
        assert significant in (1, 2, 5), (maximum, ticks)
        assert 2 <= len(ticks) <= 7, (maximum, ticks)


# ---- bars ---------------------------------------------------------------------------------
def test_grouped_bars_are_drawn_where_the_values_say(qtbot: QtBot) -> None:
    chart = bar_chart(qtbot)
    chart.set_data(["Mon", "Tue", "Wed"], [("Email", [4, 0, 8], RED), ("SMS", [2, 6, 0], BLUE)])

    assert chart.ticks() == [0, 2, 4, 6, 8]
    first, second = chart.bar_rect(0, 0), chart.bar_rect(0, 1)
    assert first.right() <= second.left() + 1  # side by side
    assert first.bottom() == second.bottom()
    assert first.height() == pytest.approx(2 * second.height(), abs=1)
    assert chart.bar_rect(1, 0).height() == 0

    image = grab(chart)
    assert same_colour(pixel(image, chart.bar_rect(0, 0).center()), RED)
    assert same_colour(pixel(image, chart.bar_rect(1, 1).center()), BLUE)
    assert same_colour(pixel(image, chart.bar_rect(2, 0).center()), RED)
    # Above the short SMS bar on Monday there is only background.
    above = chart.bar_rect(0, 1).center() - QPointF(0, chart.bar_rect(0, 1).height())
    base = chart.palette().color(QPalette.ColorRole.Base)
    assert same_colour(pixel(image, above), base)


def test_stacked_bars_sit_on_each_other(qtbot: QtBot) -> None:
    chart = bar_chart(qtbot)
    chart.set_data(WEEKS[:3], [("A", [3, 1, 0], RED), ("B", [4, 0, 2], BLUE)], stacked=True)

    assert chart.ticks() == [0, 2, 4, 6, 8]  # the tallest stack is 7
    lower, upper = chart.bar_rect(0, 0), chart.bar_rect(0, 1)
    assert upper.bottom() == lower.top()
    assert upper.left() == lower.left() and upper.width() == lower.width()
    image = grab(chart)
    assert same_colour(pixel(image, lower.center()), RED)
    assert same_colour(pixel(image, upper.center()), BLUE)


# The offscreen platform cannot raise the tooltip window; harmless, and only offscreen.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_tooltip_names_the_category_and_every_value(qtbot: QtBot) -> None:
    chart = bar_chart(qtbot)
    chart.set_data(
        ["Wk 46", "Wk 47"],
        [("Email", [1, 1234], RED), ("SMS", [0, 2], BLUE)],
        details=["Week 46: 9 Nov – 15 Nov", "Week 47: 16 Nov – 22 Nov"],
    )
    on_bar = chart.bar_rect(1, 0).center()

    assert (
        chart.tooltip_at(on_bar) == "Week 47: 16 Nov – 22 Nov\nEmail: 1,234\nSMS: 2\nTotal: 1,236"
    )
    assert chart.tooltip_at(QPointF(2, on_bar.y())) == ""  # left of the plot: the axis

    chart.show()
    qtbot.waitExposed(chart)
    qtbot.mouseMove(chart, on_bar.toPoint())
    qtbot.waitUntil(lambda: chart.hovered() == 1)
    assert QToolTip.text() == chart.tooltip_at(on_bar)
    qtbot.mouseMove(chart, QPoint(2, 2))
    qtbot.waitUntil(lambda: chart.hovered() is None)


def test_empty_chart_says_so(qtbot: QtBot) -> None:
    chart = bar_chart(qtbot)
    chart.set_title("Bookings")
    chart.set_data(WEEKS, [("Online", [0] * len(WEEKS), RED)])

    assert chart.is_empty()
    assert chart.accessibleName() == "Bookings"
    assert chart.accessibleDescription() == "No data yet"
    assert chart.tooltip_at(QPointF(chart.width() / 2, chart.height() / 2)) == ""
    image = grab(chart)
    base = chart.palette().color(QPalette.ColorRole.Base)
    middle = QRectF(chart.width() / 2 - 60, chart.height() / 2 - 10, 120, 20)
    inked = [
        (x, y)
        for x in range(int(middle.left()), int(middle.right()))
        for y in range(int(middle.top()), int(middle.bottom()))
        if not same_colour(pixel(image, QPointF(x, y)), base)
    ]
    assert inked  # the sentence is there
    assert not any(same_colour(pixel(image, QPointF(x, y)), RED) for x, y in inked)

    chart.set_data([], [])
    assert chart.is_empty() and chart.categories() == []
    grab(chart)  # nothing to draw must not fail either


def test_many_long_categories_turn_and_never_overlap(qtbot: QtBot) -> None:
    chart = bar_chart(qtbot, 520, 300)
    names = [f"Service category number {i}" for i in range(40)]
    chart.set_data(names, [("Visits", [i % 7 + 1 for i in range(40)], RED)])

    rects = chart.label_rects()
    assert len(rects) >= 10
    boxes = list(rects.values())
    assert all(r.height() > r.width() for r in boxes)  # vertical
    assert all(not a.intersects(b) for a, b in zip(boxes, boxes[1:], strict=False))
    assert all(QRectF(chart.rect()).contains(r) for r in boxes)
    assert max(rects) == 39  # the last category is labelled
    grab(chart)


def test_many_weeks_write_every_nth_label(qtbot: QtBot) -> None:
    chart = bar_chart(qtbot, 560, 260)
    weeks = [f"Wk {(n % 52) + 1}" for n in range(30, 82)]
    chart.set_data(weeks, [("Sent", [n % 9 for n in range(52)], BLUE)], sequence=True)

    rects = chart.label_rects()
    boxes = list(rects.values())
    assert 4 <= len(rects) < 52
    assert all(r.width() > r.height() for r in boxes)  # written side by side
    assert all(b.left() - a.right() >= 8 for a, b in zip(boxes, boxes[1:], strict=False))
    assert all(QRectF(chart.rect()).contains(r) for r in boxes)
    assert max(rects) == 51  # the current week
    # Few weeks on the same width: every one is written.
    chart.set_data(weeks[-4:], [("Sent", [1, 2, 3, 4], BLUE)], sequence=True)
    assert list(chart.label_rects()) == [0, 1, 2, 3]


def test_accessible_summary_and_size_hints(qtbot: QtBot) -> None:
    chart = bar_chart(qtbot)
    chart.set_title("Messages sent per week")
    chart.set_data(WEEKS[:3], [("Email", [1, 5, 2], RED), ("SMS", [0, 0, 3], BLUE)])

    assert chart.accessibleName() == "Messages sent per week"
    description = chart.accessibleDescription()
    assert "from Wk 37 to Wk 39" in description
    assert "Email: 8 in total, most in Wk 38 (5)." in description
    assert "SMS: 3 in total, most in Wk 39 (3)." in description
    hint, minimum = chart.sizeHint(), chart.minimumSizeHint()
    assert hint.width() >= minimum.width() and hint.height() >= minimum.height()


def test_values_must_match_the_categories(qtbot: QtBot) -> None:
    chart = bar_chart(qtbot)
    with pytest.raises(ValueError):
        chart.set_data(["a", "b"], [("x", [1], RED)])


def test_series_colours_suit_light_and_dark(qtbot: QtBot) -> None:
    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))

    for palette in (light, dark):
        colours = chart_colours(palette, 5)
        base = palette.color(QPalette.ColorRole.Base).lightnessF()
        assert len({c.rgb() for c in colours}) == 5
        assert all(abs(c.lightnessF() - base) > 0.25 for c in colours)
    assert chart_colours(dark, 1)[0].lightnessF() > chart_colours(light, 1)[0].lightnessF()


# ---- funnel -------------------------------------------------------------------------------
def test_funnel_rows_compare_on_one_scale(qtbot: QtBot) -> None:
    chart = FunnelChart()
    qtbot.addWidget(chart)
    chart.resize(520, 260)
    chart.set_title("Consent")
    chart.set_data(
        [FunnelStage("Phone · Email", 12, 9), FunnelStage("Online · SMS", 6, 0)],
        "Declared",
        "Confirmed",
        RED,
        total_label="All together",
    )

    assert chart.has_total()
    assert [s.label for s in chart.stages()][-1] == "All together"
    assert chart.stages()[-1] == FunnelStage("All together", 18, 9)
    assert chart.value_text(0) == "9 of 12 (75%)"
    assert chart.value_text(1) == "0 of 6 (0%)"
    declared, confirmed = chart.bar_rect(0, False), chart.bar_rect(0, True)
    total = chart.bar_rect(2, False)
    assert confirmed.width() == pytest.approx(declared.width() * 0.75, abs=1)
    assert declared.width() == pytest.approx(total.width() * 12 / 18, abs=1)
    assert chart.bar_rect(1, True).width() == 0

    image = grab(chart)
    assert same_colour(pixel(image, confirmed.center()), RED)
    pale = pixel(image, QPointF(declared.right() - 2, declared.center().y()))
    assert not same_colour(pale, RED)
    assert not same_colour(pale, chart.palette().color(QPalette.ColorRole.Base))

    assert chart.tooltip_at(declared.center()) == "Phone · Email\nDeclared: 12\nConfirmed: 9 (75%)"
    assert chart.accessibleName() == "Consent"
    assert "Phone · Email: 9 of 12 (75%)" in chart.accessibleDescription()


def test_funnel_without_declarations_is_empty(qtbot: QtBot) -> None:
    chart = FunnelChart()
    qtbot.addWidget(chart)
    chart.resize(400, 200)
    chart.set_data([], "Declared", "Confirmed", RED, total_label="All together")

    assert chart.is_empty() and not chart.has_total()
    assert chart.accessibleDescription() == "No data yet"
    assert chart.tooltip_at(QPointF(200, 100)) == ""
    grab(chart)


def test_funnel_rows_close_up_to_fit(qtbot: QtBot) -> None:
    chart = FunnelChart()
    qtbot.addWidget(chart)
    stages = [FunnelStage(f"Source {i} · Email", 10 + i, i) for i in range(8)]
    chart.set_data(stages, "Declared", "Confirmed", RED, total_label="All together")
    chart.resize(420, chart.minimumSizeHint().height())

    last = len(chart.stages()) - 1
    assert last == 8
    rects = [chart.bar_rect(row, False) for row in range(last + 1)]
    assert all(a.bottom() <= b.top() for a, b in zip(rects, rects[1:], strict=False))
    assert rects[-1].bottom() <= chart.height()
    assert chart.index_at(rects[-1].center()) == last
    grab(chart)
