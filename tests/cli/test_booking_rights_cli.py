"""The command line books as its member (issue 12): ``book`` and staff's decisions on
online requests hand the service the member the command signed in as
(``command_actor``), so a stylist's command is refused and nothing is written, a
reception member's goes through. In-process: each command's own handler, as
``main.execute`` runs it once signed in (how the command line signs in, and the
refusal's message and exit code: tests/cli/test_access_cli.py and its neighbours).
"""

from __future__ import annotations

import pytest

from desk_app.cli.main import parse
from desk_app.db import models as m
from desk_app.domain.access import Actor
from desk_app.domain.enums import Permission, StaffRole
from desk_app.domain.errors import NotPermitted
from desk_app.services.container import Services
from tests.conftest import Clock
from tests.services.online_support import booking_data, requested
from tests.services.support import add_customer, count, make_salon


def test_booking_commands_act_as_the_command_lines_member(services: Services, clock: Clock) -> None:
    salon = make_salon(services)
    anna = add_customer(services, phone=None)
    add_customer(services, "Lena", "Müller", email=None, phone="0151 12345678")
    waiting = requested(services, clock, booking_data(salon))  # two customers match
    assert waiting.state == "waiting"
    book = ["book", "--customer", str(anna.id), "--staff", salon.stylist.name]
    book += ["--service", salon.cut.name, "--start", "2026-11-27T15:00"]  # the request: 10:00
    commands = [book, ["online", "book", str(waiting.id)], ["online", "refuse", str(waiting.id)]]

    def run(args: list[str], actor: Actor) -> None:
        options = parse(args)
        options.actor = actor  # what main.execute's sign-in put there
        options.handler(services, options)

    stylist = Actor(salon.stylist.id, salon.stylist.name, StaffRole.STYLIST)
    for args in commands:
        with pytest.raises(NotPermitted) as refused:
            run(args, stylist)
        assert refused.value.permission is Permission.BOOK, args
    assert count(services.db, m.Appointment) == 0
    assert [row.id for row in services.online_booking.requests()] == [waiting.id]

    reception = Actor(salon.reception.id, salon.reception.name, StaffRole.RECEPTION)
    for args in commands[:2]:
        run([*args, "--json"], reception)
    assert count(services.db, m.Appointment) == 2
    assert services.online_booking.requests() == []
