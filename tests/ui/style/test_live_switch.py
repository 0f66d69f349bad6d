"""Colours a widget wrote down when it was built (a style sheet, the HTML of a text view)
follow a live switch of the colour scheme: each is read back as the widget uses it, in
the light scheme, after a switch to dark, and back."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFrame, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import Channel, StaffRole
from desk_app.domain.unsubscribe_link import UNSUBSCRIBE_PLACEHOLDER
from desk_app.services.campaign_rows import AudienceMember, RenderedPreview
from desk_app.services.container import Services
from desk_app.services.rows import StaffRow
from desk_app.ui.context import UiContext
from desk_app.ui.customers.consent_panel import ConsentPanel
from desk_app.ui.marketing.content_panel import ContentPanel
from desk_app.ui.outbox.message_preview import MessagePreview
from desk_app.ui.settings.staff_tab import StaffTab
from desk_app.ui.style import colours
from desk_app.ui.style.theme import Theme, ThemeChoice, request
from desk_app.ui.waitlist.matches_panel import WaitlistMatchesPanel
from tests.services.support import add_customer, make_salon

pytestmark = [
    pytest.mark.usefixtures("system_scheme"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
ON_SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # ``ctx``'s services
SWITCHES = ((ThemeChoice.LIGHT, colours.LIGHT), (ThemeChoice.DARK, colours.DARK))


def switch(qapp: QApplication, choice: ThemeChoice) -> None:
    Theme.install(qapp)
    request(choice)
    qapp.processEvents()


def left_edge(widget: QWidget) -> QColor:
    """The colour painted in the middle of the widget's left edge (its frame)."""
    image = widget.grab().toImage()
    return image.pixelColor(0, image.height() // 2)


def text_colour(browser: QTextBrowser, text: str) -> QColor:
    cursor = browser.document().find(text)
    assert not cursor.isNull(), f"{text!r} is not shown"
    return cursor.charFormat().foreground().color()


@ON_SQLITE
def test_the_waitlist_panel_frame_takes_the_accent_of_the_scheme_in_use(
    qtbot: QtBot, qapp: QApplication, ctx: UiContext
) -> None:
    switch(qapp, ThemeChoice.LIGHT)
    panel = WaitlistMatchesPanel(ctx)  # built in the light scheme
    qtbot.addWidget(panel)
    panel.resize(300, 80)
    panel.show()  # it hides itself until a freed time fits someone
    for choice, scheme in (*SWITCHES, *SWITCHES):
        switch(qapp, choice)
        assert left_edge(panel) == QColor(scheme.accent), choice


def test_the_sms_preview_phone_outline_takes_the_palette_in_use(
    qtbot: QtBot, qapp: QApplication
) -> None:
    """A sheet naming ``palette(mid)``: Qt reads it once unless it is set again."""
    switch(qapp, ThemeChoice.LIGHT)
    preview = MessagePreview("Europe/Berlin")
    qtbot.addWidget(preview)
    phone = preview.findChild(QFrame, "smsPhone")
    assert phone is not None
    phone.resize(260, 200)
    for choice, scheme in (*SWITCHES, *SWITCHES):
        switch(qapp, choice)
        assert left_edge(phone) == QColor(scheme.mid), choice


@ON_SQLITE
def test_the_consent_history_muted_text_takes_the_scheme_in_use(
    qtbot: QtBot, qapp: QApplication, ctx: UiContext, services: Services
) -> None:
    make_salon(services)
    anna = add_customer(services, "Anna", "Müller", "anna@example.org", "0151 12345678")
    switch(qapp, ThemeChoice.LIGHT)
    panel = ConsentPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_customer(anna.id, anna.full_name)
    qtbot.waitUntil(lambda: panel.consent() is not None)
    history = panel.findChild(QTextBrowser, "consent_history")
    assert history is not None
    for choice, scheme in (*SWITCHES, *SWITCHES):
        switch(qapp, choice)
        assert text_colour(history, "No entries yet.") == QColor(scheme.muted), choice


def test_the_composer_preview_link_takes_the_scheme_in_use(
    qtbot: QtBot, qapp: QApplication
) -> None:
    switch(qapp, ThemeChoice.LIGHT)
    panel = ContentPanel()
    qtbot.addWidget(panel)
    body = f"Hallo Anna,\n\nAbmelden: {UNSUBSCRIBE_PLACEHOLDER}"
    panel.show_preview(
        AudienceMember(1, "Anna Müller"), RenderedPreview(1, Channel.EMAIL, "Hallo", body)
    )
    browser = panel.findChild(QTextBrowser, "previewText")
    assert browser is not None
    for choice, scheme in (*SWITCHES, *SWITCHES):
        switch(qapp, choice)
        assert text_colour(browser, "[personal unsubscribe link]") == QColor(scheme.link), choice


@ON_SQLITE
def test_the_staff_tab_greys_a_deactivated_member_in_the_scheme_in_use(
    qtbot: QtBot, qapp: QApplication, ctx: UiContext, services: Services
) -> None:
    switch(qapp, ThemeChoice.LIGHT)
    tab = StaffTab(ctx, services.salon_setup)
    qtbot.addWidget(tab)
    tab.load([StaffRow(1, "Jörg Weiß", StaffRole.STYLIST, active=False, colour=None)])
    for choice, scheme in (*SWITCHES, *SWITCHES):
        switch(qapp, choice)
        assert tab.table.item(0, 0).foreground().color() == QColor(scheme.muted), choice
