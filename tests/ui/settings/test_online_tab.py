"""The "Online booking" settings tab: saved at once through the settings' declarations,
a bad public name refused in words (English and German), the full link to put on the
website with what is missing said, copied to the clipboard; both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk_app.config.paths import translations_dir
from desk_app.domain.access import SHARED_COUNTER
from desk_app.services.container import Services
from desk_app.texts import i18n
from desk_app.ui.context import UiContext
from desk_app.ui.settings.dialog import SettingsDialog
from desk_app.ui.settings.online_tab import OnlineTab
from tests.support.ui import press, type_text

WAIT = 5000
GATEWAY = "https://gateway.example.de"


def open_tab(qtbot: QtBot, ctx: UiContext) -> OnlineTab:
    tab = OnlineTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(820, 500)
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        tab.show()
    return tab


def stored(services: Services, key: str) -> str:
    return services.catalogue.stored_settings()[key]


def leave(qtbot: QtBot, tab: OnlineTab, key: str, typed: str) -> None:
    """Type into the text field of ``key`` and press Enter (which saves it)."""
    edit = {
        "public_name": tab.public_name,
        "privacy_url": tab.privacy_url,
        "brand_colour": tab.brand_colour,
    }[key]
    edit.setFocus()
    edit.selectAll()
    edit.del_()
    type_text(edit, typed)
    press(edit, Qt.Key.Key_Return)


def test_loads_the_defaults_and_says_what_the_link_needs(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    tab = open_tab(qtbot, ctx)

    assert not tab.switch.isChecked()
    assert tab.public_name.text() == ""
    assert {key: spin.value() for key, spin in tab.numbers.items()} == {
        "booking_horizon_weeks": 6,
        "booking_lead_minutes": 120,
        "booking_step_minutes": 15,
        "cancel_deadline_hours": 24,
        "late_cancel_hours": 24,
    }
    assert tab.brand_colour.text() == "#2d6a4f"
    assert tab.link_text() == ""
    assert not tab.copy.isEnabled()
    assert tab.link_missing.text() == (
        "The link needs the gateway's address (tab “Gateway”) and a valid public name (above)."
    )


def test_switch_name_and_numbers_are_saved_and_the_link_is_shown_and_copied(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    services.catalogue.set_setting("gateway_url", GATEWAY, actor=SHARED_COUNTER)
    tab = open_tab(qtbot, ctx)
    assert tab.link_missing.text() == "The link needs a valid public name (above)."

    with qtbot.waitSignal(tab.saved, timeout=WAIT, check_params_cb=lambda k: k == "online_booking"):
        tab.switch.click()
    assert stored(services, "online_booking") == "on"

    with qtbot.waitSignal(tab.saved, timeout=WAIT, check_params_cb=lambda k: k == "public_name"):
        leave(qtbot, tab, "public_name", "haarwerk-mueller")
    assert services.catalogue.salon_settings().public_name == "haarwerk-mueller"
    assert tab.link_text() == f"{GATEWAY}/book/haarwerk-mueller"
    assert tab.link_missing.isHidden()

    tab.copy.click()
    assert QGuiApplication.clipboard().text() == f"{GATEWAY}/book/haarwerk-mueller"

    with qtbot.waitSignal(
        tab.saved, timeout=WAIT, check_params_cb=lambda k: k == "booking_horizon_weeks"
    ):
        tab.numbers["booking_horizon_weeks"].setValue(8)
    with qtbot.waitSignal(
        tab.saved, timeout=WAIT, check_params_cb=lambda k: k == "cancel_deadline_hours"
    ):
        tab.numbers["cancel_deadline_hours"].setValue(48)
    settings = services.catalogue.salon_settings()
    assert (settings.booking_horizon_weeks, settings.cancel_deadline_hours) == (8, 48)


def test_a_bad_public_name_is_refused_in_words_and_not_stored(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    services.catalogue.set_setting("public_name", "haarwerk", actor=SHARED_COUNTER)
    tab = open_tab(qtbot, ctx)

    with qtbot.waitSignal(
        tab.refused, timeout=WAIT, check_params_cb=lambda k, _t: k == "public_name"
    ) as blocker:
        leave(qtbot, tab, "public_name", "Haarwerk Müller")

    text = blocker.args[1]
    assert text.startswith("“Haarwerk Müller” cannot be the name in the booking link")
    assert tab.error("public_name") == text
    assert tab.public_name.text() == "Haarwerk Müller"  # kept, to be corrected
    assert stored(services, "public_name") == "haarwerk"
    assert tab.link_text() == ""


def test_a_bad_colour_and_privacy_link_are_refused(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    tab = open_tab(qtbot, ctx)

    with qtbot.waitSignal(
        tab.refused, timeout=WAIT, check_params_cb=lambda k, _t: k == "privacy_url"
    ):
        leave(qtbot, tab, "privacy_url", "http://salon.de/datenschutz")
    with qtbot.waitSignal(
        tab.refused, timeout=WAIT, check_params_cb=lambda k, _t: k == "brand_colour"
    ) as blocker:
        leave(qtbot, tab, "brand_colour", "green")

    assert blocker.args[1] == "“green” is not a colour like #2d6a4f."
    assert stored(services, "privacy_url") == ""
    assert stored(services, "brand_colour") == "#2d6a4f"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_refusal_is_german_in_the_german_window(
    qtbot: QtBot, qapp: QApplication, ctx: UiContext, services: Services, tmp_path: Path
) -> None:
    i18n.install_translators(qapp, "de", translations_dir())
    tab = open_tab(qtbot, ctx)

    with qtbot.waitSignal(
        tab.refused, timeout=WAIT, check_params_cb=lambda k, _t: k == "public_name"
    ) as blocker:
        leave(qtbot, tab, "public_name", "-salon")

    assert blocker.args[1].startswith("„-salon“ kann nicht der Name im Buchungslink sein")
    assert tab.link_missing.text() == (
        "Der Link braucht noch die Adresse des Gateways (Reiter „Gateway“) und einen gültigen "
        "öffentlichen Namen (oben)."
    )
    assert tab.grab().save(str(tmp_path / "online-tab-de.png"))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_link_follows_the_gateway_address_typed_in_the_dialog(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    services.catalogue.set_setting("public_name", "haarwerk", actor=SHARED_COUNTER)
    dialog = SettingsDialog(ctx, lambda _url, _token: None)
    qtbot.addWidget(dialog)
    with qtbot.waitSignals([dialog.loaded, dialog.online.loaded], timeout=WAIT):
        pass
    assert dialog.tabs.tabText(dialog.tabs.indexOf(dialog.online)) == "Online booking"
    assert dialog.online.link_text() == ""

    dialog.gateway.url.setText("https://Gateway.Example.de/")

    assert dialog.online.link_text() == "https://gateway.example.de/book/haarwerk"
