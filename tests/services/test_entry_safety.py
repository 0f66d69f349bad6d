"""Every service that stores typed or imported text refuses forbidden characters and
over-long values with ``InvalidField(field, problem, detail)``, and writes nothing then
(issue 8, section 3). Both backends: PostgreSQL refuses a NUL byte itself, SQLite would
keep it, and the rule must not depend on which one is behind."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Category, Channel, StaffRole
from desk_app.domain.errors import InvalidField
from desk_app.domain.text_safety import forbidden_characters
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput
from desk_app.services.salon_setup import SalonSettingsInput, SalonSetupService
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, count, friday


def _refused(action: Callable[[], object], field: str, problem: str, detail: str) -> None:
    with pytest.raises(InvalidField) as caught:
        action()
    assert (caught.value.field, caught.value.problem, caught.value.value) == (
        field,
        problem,
        detail,
    )


def test_staff_and_service_names(services: Services, salon: Salon) -> None:
    cat = services.catalogue
    _refused(
        lambda: cat.add_staff("Lea\x00", StaffRole.STYLIST, actor=SHARED_COUNTER),
        "name",
        "control_characters",
        "U+0000",
    )
    _refused(
        lambda: cat.add_staff("L" * 81, StaffRole.STYLIST, actor=SHARED_COUNTER),
        "name",
        "too_long",
        "80",
    )
    _refused(
        lambda: cat.add_treatment("Schnitt\u2028kurz", 30, 3000),
        "name",
        "control_characters",
        "U+2028",
    )
    _refused(
        lambda: cat.add_treatment("Schnitt", 30, 3000, category="Damen\x1f"),
        "category",
        "control_characters",
        "U+001F",
    )
    assert [s.name for s in cat.list_staff()] == sorted(
        [salon.stylist.name, salon.other_stylist.name, salon.reception.name]
    )
    assert len(cat.list_treatments()) == 2


def test_salon_settings_all_or_nothing(services: Services, clock: Clock) -> None:
    setup = SalonSetupService(services.db, clock)
    before = setup.profile()
    _refused(
        lambda: setup.save(
            SalonSettingsInput(
                salon_name="Haarwerk",
                sender_name="",
                time_zone="Europe/Berlin",
                gateway_url="https://gw.example",
                salon_phone="0221 123\u20284567",
            ),
            actor=SHARED_COUNTER,
        ),
        "salon_phone",
        "control_characters",
        "U+2028",
    )
    assert setup.profile() == before  # nothing half-written
    _refused(
        lambda: setup.save(
            SalonSettingsInput("S\x85alon", "", "Europe/Berlin", "https://gw.example"),
            actor=SHARED_COUNTER,
        ),
        "salon_name",
        "control_characters",
        "U+0085",
    )


def test_manual_messages_and_booking_notes(services: Services, salon: Salon) -> None:
    anna = add_customer(services)
    services.booking.book(BookingRequest(anna.id, salon.stylist.id, salon.cut.id, friday(9)))
    queue = services.outbox.queue_message
    before = count(services.db, m.OutboxMessage)
    _refused(
        lambda: queue(anna.id, Channel.EMAIL, Category.SERVICE_INFO, "Neu\r\nBcc: x", "Text"),
        "subject",
        "control_characters",
        "U+000D",
    )
    _refused(
        lambda: queue(anna.id, Channel.EMAIL, Category.SERVICE_INFO, "Neu", "Text\x00"),
        "text",
        "control_characters",
        "U+0000",
    )
    _refused(
        lambda: queue(anna.id, Channel.EMAIL, Category.SERVICE_INFO, "Neu", "x" * 10_001),
        "text",
        "too_long",
        "10000",
    )
    assert count(services.db, m.OutboxMessage) == before
    _refused(
        lambda: services.booking.book(
            BookingRequest(anna.id, salon.stylist.id, salon.cut.id, friday(11), note="a\x07b")
        ),
        "note",
        "control_characters",
        "U+0007",
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=st.text(max_size=100), notes=st.text(max_size=300))
def test_any_name_is_stored_exactly_or_refused_by_the_rule(
    services: Services, first: str, notes: str
) -> None:
    data = CustomerInput(first_name=first, last_name="Probe", notes=notes)
    expected_refusal = (
        bool(forbidden_characters(first))
        or bool(forbidden_characters(notes, multiline=True))
        or len(first.strip(" ")) > 80
        or len(notes) > 4000
    )
    before = count(services.db, m.Customer)
    try:
        row = services.customers.create(data, allow_duplicate=True)
    except InvalidField as exc:
        assert expected_refusal, exc
        assert exc.problem in ("control_characters", "too_long", "required")
        assert count(services.db, m.Customer) == before
        return
    assert not expected_refusal
    stored = services.customers.get(row.id)
    assert (stored.first_name, stored.notes) == (first.strip(), notes)
