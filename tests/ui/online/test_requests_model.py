"""The online requests' table model: Qt's model checks, the order (waiting first, oldest
first; then the decided ones, newest first) and the words of each cell."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from desk_app.services.rows import OnlineRequestRow
from desk_app.ui.online.requests_model import ROW_ROLE, STATE_ROLE, Column, OnlineRequestsModel

RECEIVED = datetime(2026, 11, 25, 7, 55, tzinfo=UTC)
FRIDAY_10 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # 10:00 in Berlin


def row(number: int, state: str, reason: str | None = None, **changes: object) -> OnlineRequestRow:
    values: dict[str, object] = {
        "id": number,
        "request_id": f"r{number}",
        "kind": "booking",
        "received_at": RECEIVED + timedelta(minutes=number),
        "state": state,
        "reason": reason,
        "first_name": "Anna",
        "last_name": "Müller",
        "email": "anna@example.org",
        "phone": None,
        "treatment_name": "Damenhaarschnitt",
        "staff_name": "Jörg Weiß",
        "starts_at": FRIDAY_10,
        "ends_at": FRIDAY_10 + timedelta(minutes=45),
        "note": "",
        "appointment_id": None,
        "customer_id": None,
        "consent_channels": (),
    }
    values.update(changes)
    return OnlineRequestRow(**values)  # type: ignore[arg-type]


def test_the_model_passes_qts_checks_and_orders_waiting_first(
    qtmodeltester: ModelTester,
) -> None:
    model = OnlineRequestsModel("Europe/Berlin")
    model.set_rows(
        [
            row(1, "refused", "slot_taken"),
            row(2, "waiting", "two_candidates"),
            row(3, "cancelled"),
            row(4, "waiting", "two_candidates", staff_name="", phone="+4915112345678"),
        ]
    )
    qtmodeltester.check(model)

    assert [model.index(n, 0).data(ROW_ROLE).id for n in range(4)] == [2, 4, 3, 1]
    assert model.index(0, 0).data(STATE_ROLE) == "waiting"
    assert model.index(1, Column.STAFF).data() == "anyone"
    assert model.index(1, Column.CONTACT).data() == "anna@example.org · +4915112345678"
    assert model.index(2, Column.STATE).data() == "Cancelled by the customer"
    assert model.index(3, Column.STATE).data() == (
        "Refused: the time was taken meanwhile (booked at the counter or online)"
    )
    wished = model.index(0, Column.WISHED).data()  # in the salon's time zone
    assert wished.startswith("Fri ") and "10:00" in wished and "10:45" in wished
    assert model.headerData(Column.WISHED, Qt.Orientation.Horizontal) == "Wished time"
