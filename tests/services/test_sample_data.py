"""Seeded sample data (services/sample_data): the same seed, the same rows; flags that match
the real contact rules; search terms that match the names."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from desk_app.domain.contact import can_receive_sms, is_valid_email, name_terms
from desk_app.services.sample_data.customers import (
    audience_customers,
    directory_customers,
    salon_customers,
)

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def test_the_same_seed_gives_the_same_rows_and_another_seed_others() -> None:
    assert salon_customers(random.Random(7), 50, NOW) == salon_customers(random.Random(7), 50, NOW)
    assert salon_customers(random.Random(7), 50, NOW) != salon_customers(random.Random(8), 50, NOW)


def test_audience_flags_follow_the_contact_rules() -> None:
    rows = audience_customers(random.Random(1), 3000, NOW, NOW - timedelta(days=3 * 365))
    assert [r["id"] for r in rows] == list(range(1, 3001))
    for row in rows:
        assert row["email_valid"] == (bool(row["email"]) and is_valid_email(row["email"]))
        assert row["phone_takes_sms"] == (bool(row["phone"]) and can_receive_sms(row["phone"]))
    # The flaws a campaign meets are there.
    assert any(r["email"] and not r["email_valid"] for r in rows)
    assert any(r["phone"] and not r["phone_takes_sms"] for r in rows)
    assert any(r["email_bounced_at"] for r in rows)


def test_directory_terms_are_the_names_terms() -> None:
    rows = list(directory_customers(random.Random(3), 500, NOW))
    assert len({values["last_name"] for values, _ in rows}) > 100  # the long tail
    for values, terms in rows:
        assert terms == sorted(name_terms(values["first_name"], values["last_name"]))
