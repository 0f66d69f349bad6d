"""The automations tab: switches, timing and advertising rules saved at once; "Run now".

SQLite only: the settings and the runs are tested on both backends in
tests/services/test_automations.py. The clock starts on Wednesday 2026-11-25 08:00 UTC.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
)
from pytestqt.qtbot import QtBot

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.automations import Automation
from desk_app.domain.enums import AppointmentStatus
from desk_app.domain.errors import InvalidField
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.texts import error_text
from desk_app.ui.context import UiContext
from desk_app.ui.marketing.automations_panel import AutomationsPanel
from tests.services.support import add_customer, berlin, make_salon, outbox_messages

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
THURSDAY_8 = berlin(2026, 11, 26, 8)  # 23 hours after the clock's start: reminder due
WAIT = 5000


def open_panel(qtbot: QtBot, ctx: UiContext) -> AutomationsPanel:
    """A shown panel after its first load."""
    panel = AutomationsPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.show()
    return panel


def child(panel: AutomationsPanel, kind: type, name: str):  # type: ignore[no-untyped-def]
    widget = panel.findChild(kind, name)
    assert widget is not None, name
    return widget


def saved_key(key: str):  # type: ignore[no-untyped-def]
    return lambda saved: saved == key


# With the English plural forms of the .ts: "1 message queued", "2 messages queued".
SUMMARY = re.compile(
    r"(\d+) messages? queued, (\d+) already sent, (\d+) not allowed"
    r"(?:, (\d+) passed over)?"
)


def summary_counts(text: str) -> tuple[int, int, int, int]:
    """Queued, already sent, not allowed, passed over: read back from the one line."""
    match = SUMMARY.fullmatch(text)
    assert match is not None, text
    queued, already, refused, passed = match.groups()
    return int(queued), int(already), int(refused), int(passed or 0)


def stored(services: Services, key: str) -> str:
    return services.catalogue.stored_settings()[key]


# ---- loading ------------------------------------------------------------------------------
def test_load_shows_the_defaults(qtbot: QtBot, ctx: UiContext) -> None:
    panel = open_panel(qtbot, ctx)

    switches = {
        key: child(panel, QCheckBox, f"{key}Switch").isChecked()
        for key in (
            "auto_confirmation",
            "auto_reminder",
            "auto_birthday",
            "auto_review_request",
            "auto_win_back",
        )
    }
    assert switches == {
        "auto_confirmation": True,
        "auto_reminder": True,
        "auto_birthday": False,
        "auto_review_request": False,
        "auto_win_back": False,
    }
    spins = {
        key: child(panel, QSpinBox, f"{key}Spin")
        for key in ("auto_reminder_hours", "auto_review_request_hours", "auto_win_back_days")
    }
    assert {key: spin.value() for key, spin in spins.items()} == {
        "auto_reminder_hours": 24,
        "auto_review_request_hours": 3,
        "auto_win_back_days": 120,
    }
    # Only a switched-on automation's timing can be changed.
    assert {key: spin.isEnabled() for key, spin in spins.items()} == {
        "auto_reminder_hours": True,
        "auto_review_request_hours": False,
        "auto_win_back_days": False,
    }
    assert spins["auto_reminder_hours"].text() == "24 h"
    assert spins["auto_win_back_days"].text() == "120 days"
    assert child(panel, QSpinBox, "frequencyCapSpin").value() == 4
    assert child(panel, QTimeEdit, "quiet_hours_startEdit").time() == QTime(8, 0)
    assert child(panel, QTimeEdit, "quiet_hours_endEdit").time() == QTime(20, 0)
    price = child(panel, QDoubleSpinBox, "smsPriceSpin")
    assert price.text() == "0.09 €"
    assert child(panel, QLineEdit, "ownerEmailEdit").text() == ""
    assert child(panel, QLineEdit, "ownerMobileEdit").text() == ""
    assert not child(panel, QLabel, "reviewUrlWarning").isVisible()
    assert panel.value("sms_price_cents") == "9"
    # Loading saved nothing.
    assert child(panel, QLabel, "savedLabel").text() == ""


def test_load_shows_stored_values(qtbot: QtBot, ctx: UiContext, services: Services) -> None:
    services.catalogue.set_setting("auto_win_back", "on", actor=SHARED_COUNTER)
    services.catalogue.set_setting("auto_win_back_days", "200", actor=SHARED_COUNTER)
    services.catalogue.set_setting("sms_price_cents", "125", actor=SHARED_COUNTER)
    services.catalogue.set_setting("quiet_hours_start", "09:30", actor=SHARED_COUNTER)
    services.catalogue.set_setting("owner_email", "chefin@example.org", actor=SHARED_COUNTER)

    panel = open_panel(qtbot, ctx)

    assert child(panel, QCheckBox, "auto_win_backSwitch").isChecked()
    spin = child(panel, QSpinBox, "auto_win_back_daysSpin")
    assert (spin.value(), spin.isEnabled()) == (200, True)
    assert child(panel, QDoubleSpinBox, "smsPriceSpin").text() == "1.25 €"
    assert child(panel, QTimeEdit, "quiet_hours_startEdit").time() == QTime(9, 30)
    assert child(panel, QLineEdit, "ownerEmailEdit").text() == "chefin@example.org"


# ---- switches and numbers -----------------------------------------------------------------
def test_switching_on_persists(qtbot: QtBot, ctx: UiContext, services: Services) -> None:
    panel = open_panel(qtbot, ctx)

    with qtbot.waitSignal(panel.saved, timeout=WAIT, check_params_cb=saved_key("auto_birthday")):
        child(panel, QCheckBox, "auto_birthdaySwitch").click()

    assert stored(services, "auto_birthday") == "on"
    assert child(panel, QLabel, "savedLabel").text() == "✓ Saved"


def test_switching_on_enables_the_timing_and_off_disables_it(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    panel = open_panel(qtbot, ctx)
    switch = child(panel, QCheckBox, "auto_win_backSwitch")
    spin = child(panel, QSpinBox, "auto_win_back_daysSpin")

    with qtbot.waitSignal(panel.saved, timeout=WAIT, check_params_cb=saved_key("auto_win_back")):
        switch.click()
    assert spin.isEnabled()
    assert stored(services, "auto_win_back") == "on"

    with qtbot.waitSignal(panel.saved, timeout=WAIT, check_params_cb=saved_key("auto_win_back")):
        switch.click()
    assert not spin.isEnabled()
    assert stored(services, "auto_win_back") == "off"
    assert not services.automations.settings().enabled[Automation.WIN_BACK]


def test_changing_the_timing_persists(qtbot: QtBot, ctx: UiContext, services: Services) -> None:
    panel = open_panel(qtbot, ctx)
    spin = child(panel, QSpinBox, "auto_reminder_hoursSpin")

    with qtbot.waitSignal(
        panel.saved, timeout=WAIT, check_params_cb=saved_key("auto_reminder_hours")
    ):
        spin.setValue(48)

    assert stored(services, "auto_reminder_hours") == "48"
    assert services.automations.settings().reminder_hours == 48


def test_arrow_clicks_in_a_row_are_saved_once(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    panel = open_panel(qtbot, ctx)
    spin = child(panel, QSpinBox, "frequencyCapSpin")
    keys: list[str] = []
    panel.saved.connect(keys.append)

    with qtbot.waitSignal(panel.saved, timeout=WAIT):
        for _ in range(3):
            qtbot.keyClick(spin, Qt.Key.Key_Up)

    assert stored(services, "frequency_cap") == "7"
    qtbot.wait(100)
    assert keys == ["frequency_cap"]


def test_sms_price_in_euros_is_stored_in_cents(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    panel = open_panel(qtbot, ctx)

    with qtbot.waitSignal(panel.saved, timeout=WAIT, check_params_cb=saved_key("sms_price_cents")):
        child(panel, QDoubleSpinBox, "smsPriceSpin").setValue(0.12)

    assert stored(services, "sms_price_cents") == "12"


# ---- quiet hours --------------------------------------------------------------------------
def test_quiet_hours_are_saved_only_as_a_window_that_makes_sense(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    panel = open_panel(qtbot, ctx)
    start = child(panel, QTimeEdit, "quiet_hours_startEdit")
    end = child(panel, QTimeEdit, "quiet_hours_endEdit")
    error = child(panel, QLabel, "quiet_hours_startError")

    with qtbot.waitSignal(panel.save_failed, timeout=WAIT):
        start.setTime(QTime(21, 0))  # after the end (20:00)
    assert error.isVisible()
    assert "must begin before they end" in error.text()
    assert stored(services, "quiet_hours_start") == "08:00"

    with qtbot.waitSignal(panel.saved, timeout=WAIT, check_params_cb=saved_key("quiet_hours_end")):
        end.setTime(QTime(22, 0))
    assert (stored(services, "quiet_hours_start"), stored(services, "quiet_hours_end")) == (
        "21:00",
        "22:00",
    )
    assert not error.isVisible()


# ---- text fields --------------------------------------------------------------------------
def test_invalid_owner_email_shows_the_reason_and_is_not_saved(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    panel = open_panel(qtbot, ctx)
    email = child(panel, QLineEdit, "ownerEmailEdit")
    error = child(panel, QLabel, "owner_emailError")

    with qtbot.waitSignal(panel.save_failed, timeout=WAIT) as failed:
        qtbot.keyClicks(email, "anna@")
        qtbot.keyClick(email, Qt.Key.Key_Return)

    expected = error_text.describe(InvalidField("owner_email", "invalid_email", "anna@"))
    assert failed.args == ["owner_email", expected]
    assert error.isVisible()
    assert error.text() == expected == "“anna@” is not a valid email address."
    assert email.text() == "anna@"  # kept, to be corrected
    assert stored(services, "owner_email") == ""
    assert panel.error("owner_email") == expected

    # Corrected: saved, and the reason goes away.
    with qtbot.waitSignal(panel.saved, timeout=WAIT, check_params_cb=saved_key("owner_email")):
        qtbot.keyClicks(email, "example.org")
        qtbot.keyClick(email, Qt.Key.Key_Return)
    assert stored(services, "owner_email") == "anna@example.org"
    assert not error.isVisible()
    assert panel.error("owner_email") == ""


def test_a_pause_in_typing_saves_the_text(qtbot: QtBot, ctx: UiContext, services: Services) -> None:
    panel = open_panel(qtbot, ctx)
    email = child(panel, QLineEdit, "ownerEmailEdit")
    keys: list[str] = []
    panel.saved.connect(keys.append)

    with qtbot.waitSignal(panel.saved, timeout=WAIT, check_params_cb=saved_key("owner_email")):
        qtbot.keyClicks(email, "chefin@example.org")  # no Enter, focus stays

    assert stored(services, "owner_email") == "chefin@example.org"
    qtbot.keyClick(email, Qt.Key.Key_Return)  # nothing new to save
    qtbot.wait(200)
    assert keys == ["owner_email"]


def test_owner_mobile_typed_the_german_way_is_saved_in_e164(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    panel = open_panel(qtbot, ctx)
    mobile = child(panel, QLineEdit, "ownerMobileEdit")

    with qtbot.waitSignal(panel.saved, timeout=WAIT, check_params_cb=saved_key("owner_mobile")):
        qtbot.keyClicks(mobile, "0151 12345678")
        qtbot.keyClick(mobile, Qt.Key.Key_Return)

    assert stored(services, "owner_mobile") == "+4915112345678"
    assert mobile.text() == "+4915112345678"


def test_a_landline_is_refused_as_owner_mobile(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    panel = open_panel(qtbot, ctx)
    mobile = child(panel, QLineEdit, "ownerMobileEdit")

    with qtbot.waitSignal(panel.save_failed, timeout=WAIT):
        qtbot.keyClicks(mobile, "030 12345678")
        qtbot.keyClick(mobile, Qt.Key.Key_Return)

    error = child(panel, QLabel, "owner_mobileError")
    assert error.isVisible()
    assert "“030 12345678”" in error.text()  # as typed, not as +4930…
    assert mobile.text() == "030 12345678"
    assert stored(services, "owner_mobile") == ""


def test_review_requests_without_a_link_are_warned_about(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    panel = open_panel(qtbot, ctx)
    warning = child(panel, QLabel, "reviewUrlWarning")
    url = child(panel, QLineEdit, "reviewUrlEdit")
    assert not url.isEnabled()

    with qtbot.waitSignal(panel.saved, timeout=WAIT):
        child(panel, QCheckBox, "auto_review_requestSwitch").click()
    assert warning.isVisible()
    assert url.isEnabled()

    with qtbot.waitSignal(panel.saved, timeout=WAIT, check_params_cb=saved_key("review_url")):
        qtbot.keyClicks(url, "https://g.page/r/salon/review")
        assert not warning.isVisible()  # as soon as there is a link
        qtbot.keyClick(url, Qt.Key.Key_Return)
    assert services.automations.settings().review_url == "https://g.page/r/salon/review"


# ---- run now ------------------------------------------------------------------------------
def test_run_now_shows_what_the_run_did(qtbot: QtBot, ctx: UiContext, services: Services) -> None:
    salon = make_salon(services)
    anna = add_customer(services, "Anna", "Müller", "anna@example.org", None)
    services.booking.book(
        BookingRequest(anna.id, salon.stylist.id, salon.cut.id, THURSDAY_8, override=True)
    )
    # Birthday today, but no consent to advertising: not allowed.
    add_customer(services, "Bernd", "Weiß", "bernd@example.org", None, birthday=date(1990, 11, 25))
    services.catalogue.set_setting("auto_birthday", "on", actor=SHARED_COUNTER)
    panel = open_panel(qtbot, ctx)
    button = child(panel, QPushButton, "runNowButton")
    summary = child(panel, QLabel, "runSummary")

    with qtbot.waitSignal(panel.run_finished, timeout=WAIT) as finished:
        button.click()
        assert not button.isEnabled()  # one run at a time

    report = finished.args[0]
    assert (report.queued, sum(sum(r.refused.values()) for r in report.results)) == (1, 1)
    assert summary_counts(summary.text()) == (1, 0, 1, 0)
    assert button.isEnabled()
    assert "Birthday greeting: 0 queued; not sent: no consent to advertising (1)" in (
        summary.toolTip()
    )
    reminders = [msg for msg in outbox_messages(services.db) if msg.kind == "reminder"]
    assert [msg.customer_id for msg in reminders] == [anna.id]

    # Again: the reminder is already in the outbox and is not queued twice.
    with qtbot.waitSignal(panel.run_finished, timeout=WAIT):
        button.click()
    assert summary_counts(summary.text()) == (0, 1, 1, 0)


def test_run_now_with_everything_switched_off(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    services.catalogue.set_setting("auto_reminder", "off", actor=SHARED_COUNTER)
    panel = open_panel(qtbot, ctx)

    with qtbot.waitSignal(panel.run_finished, timeout=WAIT):
        child(panel, QPushButton, "runNowButton").click()

    assert child(panel, QLabel, "runSummary").text() == (
        "All automatic messages are switched off: nothing to do."
    )


def test_run_now_skips_reviews_without_a_link(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    salon = make_salon(services)
    anna = add_customer(services, "Anna", "Müller", "anna@example.org", None)
    visit = services.booking.book(
        BookingRequest(
            anna.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 25, 4), override=True
        )
    )
    services.booking.set_status(visit.id, AppointmentStatus.DONE)
    services.catalogue.set_setting("auto_review_request", "on", actor=SHARED_COUNTER)
    panel = open_panel(qtbot, ctx)

    with qtbot.waitSignal(panel.run_finished, timeout=WAIT):
        child(panel, QPushButton, "runNowButton").click()

    summary = child(panel, QLabel, "runSummary")
    assert summary_counts(summary.text()) == (0, 0, 0, 1)
    assert "Review request: 0 queued; not sent: no link to the review page (1)" in (
        summary.toolTip()
    )


def test_showing_again_loads_what_changed_meanwhile(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    panel = open_panel(qtbot, ctx)
    panel.hide()
    services.automations.set_enabled(Automation.BIRTHDAY, True)  # e.g. on another computer
    services.catalogue.set_setting("frequency_cap", "9", actor=SHARED_COUNTER)

    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.show()

    assert child(panel, QCheckBox, "auto_birthdaySwitch").isChecked()
    assert child(panel, QSpinBox, "frequencyCapSpin").value() == 9
    assert child(panel, QLabel, "savedLabel").text() == ""  # showing is not saving
