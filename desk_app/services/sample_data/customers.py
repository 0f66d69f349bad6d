"""Sample customers: three recipes, one for each kind of data set that needs customers.

* ``salon_customers``: the demo salon's; complete, valid and unique contact data, addresses
  and notes, so every screen has something to show.
* ``audience_customers``: a marketing audience; the contact data has the flaws a campaign
  meets (malformed and shared addresses, landlines, bounces) and the ``email_valid`` and
  ``phone_takes_sms`` flags are set by construction.
* ``directory_customers``: a large directory to search; surnames weighted by rank
  (Zipf-like) with a long tail of rare names, a few double first names.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from desk_app.domain.contact import (
    can_receive_sms,
    is_valid_email,
    name_key,
    name_terms,
    national_digits,
)
from desk_app.domain.enums import Channel
from desk_app.services.sample_data import vocabulary as words
from desk_app.services.sample_data.values import moment_between, random_uuid

SALON_NOTES = ["", "", "", "Allergie gegen Ammoniak", "Mag es kurz", "Kommt mit Hund"]


def salon_customers(rng: random.Random, count: int, now: datetime) -> list[dict[str, Any]]:
    """Column values of the demo salon's customers (no ids: the database numbers them)."""
    rows = []
    for i in range(count):
        first, last = rng.choice(words.SALON_FIRST_NAMES), rng.choice(words.SALON_LAST_NAMES)
        phone = f"+49{rng.choice(words.SALON_MOBILE_PREFIXES)}{rng.randrange(10**7, 10**8)}"
        has_email = rng.random() < 0.8
        has_phone = rng.random() < 0.85 or not has_email
        postal, city = rng.choice(words.CITIES)
        email_local = name_key(f"{first}.{last}").replace(" ", ".")
        rows.append(
            {
                "ref": random_uuid(rng),
                "first_name": first,
                "last_name": last,
                "first_name_key": name_key(first),
                "last_name_key": name_key(last),
                "email": f"{email_local}{i}@example.org" if has_email else None,
                "phone": phone if has_phone else None,
                "phone_digits": national_digits(phone) if has_phone else None,
                "birthday": date(
                    rng.randrange(1950, 2008), rng.randrange(1, 13), rng.randrange(1, 29)
                ),
                "street": f"{rng.choice(words.STREETS)} {rng.randrange(1, 120)}",
                "postal_code": postal,
                "city": city,
                "notes": rng.choice(SALON_NOTES),
                "preferred_channel": rng.choice([None, Channel.EMAIL.value, Channel.SMS.value]),
                "language": "de" if rng.random() < 0.92 else "en",
                "objection_notice_given": rng.random() < 0.6,
                "created_at": now - timedelta(days=rng.randrange(1, 900)),
                "updated_at": now,
            }
        )
    return rows


def audience_customers(
    rng: random.Random, count: int, now: datetime, history_start: datetime
) -> list[dict[str, Any]]:
    """Customers 1..count (ids included) who joined from 400 days before ``history_start``."""
    keys = {n: name_key(n) for n in words.COMMON_FIRST_NAMES + words.COMMON_LAST_NAMES}
    mail = {n: k.replace(" ", "") for n, k in keys.items()}  # "Yılmaz" → "y lmaz" → "ylmaz"
    rows: list[dict[str, Any]] = []
    for number in range(1, count + 1):
        first = rng.choice(words.COMMON_FIRST_NAMES)
        last = rng.choice(words.COMMON_LAST_NAMES)
        email = phone = digits = None
        email_valid = phone_sms = False
        if rng.random() < 0.85:
            domain = rng.choice(words.EMAIL_DOMAINS)
            local = f"{mail[first]}.{mail[last]}{number}"
            roll = rng.random()
            if roll < 0.006:
                email = f"{local}@{domain.split('.')[0]}"  # no top-level domain
            elif roll < 0.010:
                email = f"{mail[first]} {mail[last]}{number}@{domain}"  # a space
            elif roll < 0.030 and rows:
                # A family sharing one address, sometimes typed with capitals.
                shared = rows[-rng.randrange(1, min(len(rows), 50) + 1)]["email"]
                if shared and shared == shared.lower() and "@" in shared and " " not in shared:
                    email = shared.capitalize() if rng.random() < 0.5 else shared
                    email_valid = True
            else:
                email, email_valid = f"{local}@{domain}", True
            if email is None:
                email, email_valid = f"{local}@{domain}", True
        if rng.random() < 0.80:
            roll = rng.random()
            if roll < 0.86:
                digits = f"{rng.choice(words.MOBILE_PREFIXES)}{rng.randrange(10**7, 10**8)}"
                phone_sms = True
            elif roll < 0.99:
                digits = f"{rng.choice(words.LANDLINE_PREFIXES)}{rng.randrange(10**7, 10**8)}"
            else:
                digits = f"151{rng.randrange(100, 1000)}"  # too short: stored, not usable
            phone = f"+49{digits}"
        if phone_sms and rng.random() < 0.01 and rows and rows[-1]["phone_takes_sms"]:
            phone, digits = rows[-1]["phone"], rows[-1]["phone_digits"]  # a shared mobile
        created = moment_between(rng, history_start - timedelta(days=400), now - timedelta(days=1))
        preferred = rng.random()
        rows.append(
            {
                "id": number,
                "ref": random_uuid(rng),
                "first_name": first,
                "last_name": last,
                "first_name_key": keys[first],
                "last_name_key": keys[last],
                "email": email,
                "email_bounced_at": moment_between(rng, created, now)
                if email and rng.random() < 0.03
                else None,
                "phone": phone,
                "phone_digits": digits,
                "phone_bounced_at": moment_between(rng, created, now)
                if phone and rng.random() < 0.01
                else None,
                "email_valid": email_valid,
                "phone_takes_sms": phone_sms,
                "birthday": date(1950, 1, 1) + timedelta(days=rng.randrange(20_000))
                if rng.random() < 0.7
                else None,
                "street": "",
                "postal_code": "",
                "city": "",
                "notes": "",
                "preferred_channel": "email"
                if preferred < 0.30
                else ("sms" if preferred < 0.45 else None),
                "language": "en" if rng.random() < 0.1 else "de",
                "objection_notice_given": rng.random() < 0.6,
                "created_at": created,
                "updated_at": created,
            }
        )
    # The flags are set by construction for speed; check them against the real rules.
    for row in rng.sample(rows, min(len(rows), 3000)):
        assert row["email_valid"] == (bool(row["email"]) and is_valid_email(row["email"])), row
        assert row["phone_takes_sms"] == (bool(row["phone"]) and can_receive_sms(row["phone"])), row
    return rows


def directory_customers(
    rng: random.Random, count: int, now: datetime
) -> Iterator[tuple[dict[str, Any], list[str]]]:
    """Customers 1..count (ids included), each with its sorted name search terms."""
    rare = sorted(
        {root + suffix for root in words.SURNAME_ROOTS for suffix in words.SURNAME_SUFFIXES}
    )
    last_names = words.DIRECTORY_LAST_NAMES + rare
    # About half the customers carry one of the common names, half the long tail.
    last_weights = list(
        itertools.accumulate(
            [1.5 / (rank + 1) ** 0.7 for rank in range(len(words.DIRECTORY_LAST_NAMES))]
            + [0.012] * len(rare)
        )
    )
    first_names = words.DIRECTORY_FIRST_NAMES
    first_weights = list(
        itertools.accumulate([1.0 / (rank + 1) ** 0.5 for rank in range(len(first_names))])
    )
    for number in range(1, count + 1):
        last = rng.choices(last_names, cum_weights=last_weights)[0]
        first = rng.choices(first_names, cum_weights=first_weights)[0]
        if rng.random() < 0.03:
            first = f"{first}-{rng.choices(first_names, cum_weights=first_weights)[0]}"
        digits = f"{rng.choice(words.MOBILE_PREFIXES)}{rng.randrange(10**6, 10**8)}"
        has_phone, has_email = rng.random() < 0.85, rng.random() < 0.8
        local = f"{name_key(first)}.{name_key(last)}".replace(" ", ".")
        yield (
            {
                "id": number,
                "ref": random_uuid(rng),
                "first_name": first,
                "last_name": last,
                "first_name_key": name_key(first),
                "last_name_key": name_key(last),
                "email": f"{local}{number}@example.org" if has_email else None,
                "phone": f"+49{digits}" if has_phone else None,
                "phone_digits": digits if has_phone else None,
                "street": "",
                "postal_code": "",
                "city": "",
                "notes": "",
                "language": "de",
                "objection_notice_given": False,
                "created_at": now,
                "updated_at": now,
            },
            sorted(name_terms(first, last)),
        )
