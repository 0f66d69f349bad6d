"""``desk-app settings set|show``: the salon settings, checked as in the window.

``federal_state`` goes the window's way (the closed days tab): the old state's pre-filled
public holidays go, the closed days added by hand stay, and the new state's holidays of
this year and the next are filled in, in one transaction."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from desk_app.cli.acting import command_actor
from desk_app.cli.output import handled_by, json_flag, out
from desk_app.domain.salon_settings import SETTINGS, SettingKind, SettingSpec
from desk_app.domain.setting_checks import federal_state
from desk_app.texts.holiday_words import holiday_names

if TYPE_CHECKING:
    from desk_app.services.container import Services


def add_parsers(sub: Any) -> None:
    settings = sub.add_parser("settings", help="salon settings").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    set_ = settings.add_parser(
        "set",
        help="change a setting (checked as in the window)",
        description="Keys: " + ", ".join(_setting_help(spec) for spec in SETTINGS.values()),
    )
    handled_by(set_, _set)
    set_.add_argument("key", choices=list(SETTINGS), metavar="KEY")
    set_.add_argument("value")
    show = handled_by(settings.add_parser("show", help="show all settings"), _show)
    json_flag(set_, show)


def _setting_help(spec: SettingSpec) -> str:
    if spec.kind is SettingKind.NUMBER:
        return f"{spec.key} ({spec.low}-{spec.high})"
    if spec.kind is SettingKind.SWITCH:
        return f"{spec.key} (on|off)"
    if spec.kind is SettingKind.TIME:
        return f"{spec.key} (HH:MM)"
    return spec.key


def _set(s: Services, o: argparse.Namespace) -> None:
    actor = command_actor(s, o)
    if o.key == "federal_state":
        # The key's own check (upper case, a known state or ""), then the window's path.
        state, year = federal_state(o.key, o.value), date.today().year
        s.catalogue.set_federal_state(state, (year, year + 1), holiday_names(), actor=actor)
    else:
        # The settings store's one check per key, the same as the window's.
        s.catalogue.set_setting(o.key, o.value, actor=actor)
    _show(s, o)


def _show(s: Services, o: argparse.Namespace) -> None:
    data = s.catalogue.stored_settings()
    out(o, data, "\n".join(f"{k}: {v}" for k, v in data.items()))
