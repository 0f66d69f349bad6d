"""What the booking page may offer, set through CatalogueService: services and staff
bookable online, a service's description, staff hours and the salon's closing days."""

from __future__ import annotations

from datetime import date, time

import pytest

from desk_app.domain.errors import InvalidField, NotFound
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.container import Services
from tests.services.support import Salon


def test_services_and_staff_are_bookable_online_until_switched_off(
    services: Services, salon: Salon
) -> None:
    cat = services.catalogue
    assert salon.cut.online and salon.stylist.online
    assert cat.set_treatment_online(salon.cut.id, False).online is False
    assert cat.set_staff_online(salon.stylist.id, False).online is False
    by_id = {t.id: t for t in cat.list_treatments()}
    assert by_id[salon.cut.id].online is False and by_id[salon.colour.id].online is True
    staff = {s.id: s for s in cat.list_staff()}
    assert staff[salon.stylist.id].online is False and staff[salon.other_stylist.id].online
    assert cat.set_treatment_online(salon.cut.id, True).online is True


def test_a_description_is_one_clean_line(services: Services, salon: Salon) -> None:
    cat = services.catalogue
    row = cat.set_treatment_description(salon.cut.id, "  Waschen, Schneiden, Föhnen  ")
    assert row.description == "Waschen, Schneiden, Föhnen"
    assert cat.treatment_by_name("Damenhaarschnitt").description == row.description
    with pytest.raises(InvalidField) as refused:
        cat.set_treatment_description(salon.cut.id, "x" * 501)
    assert refused.value.problem == "too_long"
    with pytest.raises(InvalidField) as refused:
        cat.set_treatment_description(salon.cut.id, "Schnitt\x00")
    assert refused.value.problem == "control_characters"
    with pytest.raises(NotFound):
        cat.set_treatment_description(9999, "x")


def test_staff_hours_replace_the_week_and_empty_means_salon_hours(
    services: Services, salon: Salon
) -> None:
    cat = services.catalogue
    assert cat.staff_hours(salon.stylist.id) == []
    week = [
        OpeningInterval(1, time(13, 0), time(18, 0)),
        OpeningInterval(0, time(9, 0), time(12, 0)),
        OpeningInterval(0, time(13, 0), time(17, 0)),
    ]
    cat.set_staff_hours(salon.stylist.id, week)
    assert cat.staff_hours(salon.stylist.id) == sorted(week, key=lambda i: (i.weekday, i.opens))
    assert cat.staff_hours(salon.other_stylist.id) == []
    cat.set_staff_hours(salon.stylist.id, [])
    assert cat.staff_hours(salon.stylist.id) == []
    with pytest.raises(InvalidField):
        cat.set_staff_hours(salon.stylist.id, [OpeningInterval(7, time(9), time(10))])
    with pytest.raises(InvalidField):
        cat.set_staff_hours(salon.stylist.id, [OpeningInterval(1, time(10), time(9))])
    with pytest.raises(NotFound):
        cat.staff_hours(9999)


def test_closures_are_listed_in_date_order_and_can_be_removed(services: Services) -> None:
    cat = services.catalogue
    summer = cat.add_closure(date(2027, 8, 2), date(2027, 8, 13), "Sommerpause")
    christmas = cat.add_closure(date(2026, 12, 24), date(2026, 12, 26))
    assert [c.id for c in cat.closures()] == [christmas.id, summer.id]
    assert (summer.starts_on, summer.ends_on, summer.note) == (
        date(2027, 8, 2),
        date(2027, 8, 13),
        "Sommerpause",
    )
    one_day = cat.add_closure(date(2026, 12, 31), date(2026, 12, 31))
    assert one_day.starts_on == one_day.ends_on
    cat.remove_closure(christmas.id)
    assert [c.id for c in cat.closures()] == [one_day.id, summer.id]
    with pytest.raises(InvalidField) as refused:
        cat.add_closure(date(2027, 1, 2), date(2027, 1, 1))
    assert refused.value.problem == "ends_before_starts"
    with pytest.raises(NotFound):
        cat.remove_closure(christmas.id)
