"""The command line books as its member (issue 12): ``book`` and staff's decisions on
online requests hand the service the member ``command_actor`` names, so a stylist's
command is refused and nothing is written, a reception member's goes through.
In-process: each command's own handler, as ``main.execute`` runs it, on the test's
services, with ``command_actor`` (how the command line signs in: its own tests) naming
the member; the refusal's message and exit code are those of every command
(tests/cli/test_access_cli.py)."""

from __future__ import annotations

import pytest

from desk_app.cli import booking, online
from desk_app.cli.main import parse
from desk_app.db import models as m
from desk_app.domain.access import Actor
from desk_app.domain.enums import Permission, StaffRole
from desk_app.domain.errors import NotPermitted
from desk_app.services.container import Services
from tests.conftest import Clock
from tests.services.online_support import booking_data, requested
from tests.services.support import add_customer, count, make_salon


def test_booking_commands_act_as_the_command_lines_member(
    services: Services, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    salon = make_salon(services)
    anna = add_customer(services, phone=None)
    add_customer(services, "Lena", "Müller", email=None, phone="0151 12345678")
    waiting = requested(services, clock, booking_data(salon))  # two customers match
    assert waiting.state == "waiting"
    book = ["book", "--customer", str(anna.id), "--staff", salon.stylist.name]
    book += ["--service", salon.cut.name, "--start", "2026-11-27T15:00"]  # the request: 10:00
    commands = [book, ["online", "book", str(waiting.id)], ["online", "refuse", str(waiting.id)]]

    def acting_as(actor: Actor) -> None:
        for module in (booking, online):
            monkeypatch.setattr(module, "command_actor", lambda _s, _o: actor)

    acting_as(Actor(salon.stylist.id, salon.stylist.name, StaffRole.STYLIST))
    for args in commands:
        options = parse(args)
        with pytest.raises(NotPermitted) as refused:
            options.handler(services, options)
        assert refused.value.permission is Permission.BOOK, args
    assert count(services.db, m.Appointment) == 0
    assert [row.id for row in services.online_booking.requests()] == [waiting.id]

    acting_as(Actor(salon.reception.id, salon.reception.name, StaffRole.RECEPTION))
    for args in commands[:2]:
        options = parse([*args, "--json"])
        options.handler(services, options)
    assert count(services.db, m.Appointment) == 2
    assert services.online_booking.requests() == []
