"""``desk-app --self-test`` in-process: every screen of a fresh installation paints, the
translations and dates work, exit code 0; a failing check says what failed. The bundle
runs the same command outside any virtual environment (scripts/build_bundle.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desk_app.app import main
from desk_app.desktop import self_test

# What a fresh installation must show, whichever screens are added later.
SCREENS = {
    "main window",
    "calendar, day",
    "calendar, week",
    "customers",
    "marketing, composer",
    "marketing, campaigns",
    "marketing, overview",
    "marketing, automations",
    "outbox",
    "online requests",
    "audit log",
    "sign-in screen",
}
SETTINGS_TABS = 10


def test_a_fresh_installation_passes_and_touches_nothing_of_the_users(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home, temporary = tmp_path / "home", tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable))

    assert main(["--self-test"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert not [line for line in lines if line.startswith("FAIL")], lines
    shown = {line.removeprefix("ok    screen: ") for line in lines if "screen: " in line}
    assert shown >= SCREENS
    assert len([name for name in shown if name.startswith("settings, tab")]) == SETTINGS_TABS
    for check in ("database", "translations: German", "translations: English", "window icon"):
        assert any(line.startswith(f"ok    {check}") for line in lines), check
    assert lines[-2].startswith("self-test passed:")
    assert lines[-1].startswith("window ready ")
    # Its database, preferences and log were in a temporary folder, now gone.
    assert not home.exists()
    assert not list(temporary.iterdir())


def test_a_failing_check_says_what_went_wrong(qapp: QApplication, tmp_path: Path) -> None:
    report = self_test.Report()
    self_test.check_translations(qapp, report, tmp_path)  # no translation files there

    assert not report.passed()
    assert report.lines() == [
        "FAIL  translations: German: 'Calendar' came out as 'Calendar'",
        "ok    translations: Qt's own, German",  # Qt's, from Qt's folder
        "FAIL  translations: English plural forms: '%n recipient(s)' for 1 came out as "
        "'1 recipient(s)'",
        "self-test FAILED: 2 of 3 checks",
    ]


def test_a_screen_that_paints_nothing_is_a_failure(qtbot: QtBot) -> None:
    blank = QWidget()
    qtbot.addWidget(blank)
    assert self_test.blank_problem(blank) == "not shown"
    blank.resize(300, 200)
    blank.show()
    qtbot.waitExposed(blank)
    assert self_test.blank_problem(blank) == "painted a single colour (blank)"
    QLabel("Kalender", blank).show()
    assert self_test.blank_problem(blank) is None
