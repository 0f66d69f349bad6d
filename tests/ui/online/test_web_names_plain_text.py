"""Adversarial review (issue 10): a name typed on the public booking page is markup for
the desktop's dialogs. Qt shows text that "might be rich text" as HTML (AutoText), and a
QMessageBox opens the links in it: a stranger's "first name" becomes a working link
(or a page-sized heading) in the staff's refuse question. FAILS while open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desk_app.domain.access import SHARED_COUNTER
from desk_app.services.container import Services
from desk_app.ui.context import UiContext
from desk_app.ui.online.requests_page import OnlineRequestsPage
from tests.conftest import Clock
from tests.services.online_support import booking_data, requested
from tests.services.support import Salon, add_customer, friday, make_salon
from tests.support.ui import press

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
WAIT = 5000
LINK = '<a href="https://evil.example/">Bitte hier neu anmelden</a>'


def test_review_a_web_name_is_plain_text_in_the_refuse_question(
    qtbot: QtBot, ctx: UiContext, clock: Clock, services: Services, alive: list[object]
) -> None:
    services.catalogue.set_settings(
        {"online_booking": "on", "public_name": "haarwerk"}, actor=SHARED_COUNTER
    )
    salon: Salon = make_salon(services)
    add_customer(services, phone=None)  # two candidates: the request waits for staff
    add_customer(services, "Lena", "Müller", email=None, phone="0151 12345678")
    requested(services, clock, booking_data(salon, starts_at=friday(10), first_name=LINK))
    page = OnlineRequestsPage(ctx, clock=clock)
    qtbot.addWidget(page)
    alive.append(page)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show()

    press(page.table(), Qt.Key.Key_Delete)
    question = page.refuse_question()
    assert question is not None
    label = question.findChild(QLabel, "qt_msgbox_label")
    assert label is not None
    shown_as_html = question.textFormat() != Qt.TextFormat.PlainText and QtGui.mightBeRichText(
        question.text()
    )
    assert not shown_as_html, (label.openExternalLinks(), question.text())
