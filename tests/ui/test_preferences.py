"""Per-PC preferences: one declaration per key, and the upgrade from the unversioned
layout, on a real QSettings ini file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desk_app.ui import preferences


def _ini(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_the_unversioned_layout_upgrades_keeping_every_value_but_the_opaque_geometry(
    tmp_path: Path,
) -> None:
    path = tmp_path / "Salon Desk.ini"
    old = _ini(path)  # as written before preferences had a version
    old.setValue("ui/language", "en")
    old.setValue("window/geometry", QByteArray(b"\x01\xd9\xd0\xcb geometry"))
    old.setValue("window/section", "outbox")
    old.setValue("customers/consent_staff", "Aylin Öztürk")
    old.setValue("dashboard/weeks", 4)
    old.setValue("calendar/week_staff", 7)
    old.sync()
    del old

    settings = _ini(path)
    assert preferences.upgrade(settings) == 0
    del settings

    reread = _ini(path)  # what the next start reads from the file
    assert reread.value(preferences.VERSION_KEY, 0, type=int) == preferences.VERSION == 2
    assert preferences.LANGUAGE.read(reread) == "en"
    # Qt's opaque geometry cannot be checked against the screens: dropped (version 2).
    assert not reread.contains(preferences.OLD_WINDOW_GEOMETRY)
    assert preferences.WINDOW_PLACEMENT.read(reread) == ""
    assert preferences.WINDOW_SECTION.read(reread) == "outbox"
    assert preferences.CONSENT_STAFF.read(reread) == "Aylin Öztürk"
    assert preferences.DASHBOARD_WEEKS.read(reread) == 4
    assert preferences.CALENDAR_WEEK_STAFF.read(reread) == 7
    assert preferences.upgrade(reread) == 2  # once is enough


def test_a_fresh_computer_reads_the_defaults_and_is_marked_current(tmp_path: Path) -> None:
    settings = _ini(tmp_path / "fresh.ini")
    preferences.upgrade(settings)
    assert [p.read(settings) for p in preferences.PREFERENCES] == [
        p.default for p in preferences.PREFERENCES
    ]
    assert settings.value(preferences.VERSION_KEY, 0, type=int) == 2


def test_a_newer_layout_is_left_alone(tmp_path: Path) -> None:
    settings = _ini(tmp_path / "newer.ini")
    settings.setValue(preferences.VERSION_KEY, 3)
    settings.setValue("ui/language", "de")
    assert preferences.upgrade(settings) == 3
    assert settings.value(preferences.VERSION_KEY, 0, type=int) == 3
    assert preferences.LANGUAGE.read(settings) == "de"


def test_every_key_is_declared_once() -> None:
    keys = [p.key for p in preferences.PREFERENCES]
    assert len(keys) == len(set(keys)) and preferences.VERSION_KEY not in keys
