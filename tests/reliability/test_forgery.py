"""1,000 forged, modified, revoked, expired and other-salon tokens and links against a real
gateway process (real SMTP server, links taken from the mails it received): 0 accepted,
and nothing changes (opt-outs, confirmations, events, suppressions, messages counted in
the gateway's database before and after).

The real tokens and links are used too, before and after, so a 401/404 proves that the
forgery was refused, not that everything is refused.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import secrets
import string
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine

from desk_gateway.db.models import ConsentRequest, Event, Installation, Message, OptOut, Suppression
from tests.reliability.adversarial_support.processes import (
    GatewayServer,
    PasswordMailbox,
    mail_text,
    password_smtp_server,
    running_gateway,
)
from tests.reliability.conftest import Record

pytestmark = pytest.mark.slow

LINK = re.compile(r"https?://[^\s/]+/(c|u)/([A-Za-z0-9_-]+)")
ADDRESS = "anna.mueller@example.org"  # the same person is a customer of both salons
# The confirmation window is 30 days; this request's link expires while the test runs.
EXPIRES_IN = timedelta(seconds=15)
CONFIRMED_WORDS = ("bestätigt", "confirmed")
WORKER_EVENTS = (
    "message.sent",
    "message.delivered",
    "message.failed",
    "message.bounced",
    "message.expired",
    "consent.request_sent",
    "consent.expired",
)


# ---- the scene -----------------------------------------------------------------------------
@dataclass
class Salon:
    name: str
    token: str
    customer_ref: str
    confirm_token: str = ""
    unsubscribe_token: str = ""
    installation_id: int = 0


@dataclass
class Scene:
    server: GatewayServer
    smtp: PasswordMailbox
    engine: Engine
    a: Salon
    b: Salon
    revoked_token: str
    expired_token: str
    expires_at: datetime


def _consent(salon: Salon, declared_at: datetime) -> dict[str, Any]:
    return {
        "request_id": str(uuid.uuid4()),
        "customer_ref": salon.customer_ref,
        "channel": "email",
        "address": ADDRESS,
        "statement": {"version": "2026-11", "text": f"Angebote von {salon.name} per E-Mail."},
        "source": {"kind": "phone", "staff": "Tanja"},
        "declared_at": declared_at.isoformat(),
        "salon_name": salon.name,
    }


def _message(salon: Salon, subject: str) -> dict[str, Any]:
    return {
        "client_id": str(uuid.uuid4()),
        "channel": "email",
        "category": "transactional",
        "to": ADDRESS,
        "subject": subject,
        "text": f"Ihr Termin bei {salon.name} ist am Freitag um 10:00.",
        "customer_ref": salon.customer_ref,
    }


def _post_ok(server: GatewayServer, path: str, token: str, body: Any) -> Any:
    answer = server.api("POST", path, token, body)
    assert answer.status_code == 200, f"{path}: {answer.status_code} {answer.text}"
    return answer.json()


def _give_links(scene_server: GatewayServer, smtp: PasswordMailbox, salon: Salon, sent: int) -> int:
    """A consent request and a message for the salon's customer; their links from the mails."""
    now = datetime.now(UTC)
    result = _post_ok(scene_server, "/v1/consent-requests", salon.token, _consent(salon, now))
    assert result["result"] == "accepted", result
    results = _post_ok(
        scene_server, "/v1/messages", salon.token, {"items": [_message(salon, "Ihr Termin")]}
    )["results"]
    assert results[0]["result"] == "accepted", results
    sent += 2
    mails = smtp.wait_for(sent)[sent - 2 : sent]
    found = dict(LINK.findall("\n".join(mail_text(m) for m in mails)))
    salon.confirm_token, salon.unsubscribe_token = found["c"], found["u"]
    return sent


@pytest.fixture
def scene(tmp_path: Path) -> Iterator[Scene]:
    with password_smtp_server() as smtp:
        settings = {
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp.port),
            "SMTP_SECURITY": "none",
            "SMTP_USER": smtp.user,
            "SMTP_PASSWORD": smtp.password,
            # The page limit would answer most of the forgeries with 429 before the token
            # is even looked at; the point here is the token check.
            "PAGE_RATE_PER_MINUTE": "10000000",
        }
        directory = tmp_path / "gw"
        url = f"sqlite:///{directory / 'gateway.sqlite3'}"
        with running_gateway(directory, url, **settings) as server:
            names = ("Haarwerk Müller", "Salon Schnittpunkt", "Salon Geschlossen")
            token_a, token_b, revoked = server.create_tokens(*names)
            a = Salon(names[0], token_a, "a-cust-1")
            b = Salon(names[1], token_b, "b-cust-1")
            server.cli("token", "revoke", "--name", "Salon Geschlossen")
            sent = _give_links(server, smtp, a, 0)
            sent = _give_links(server, smtp, b, sent)
            # A confirmation request whose 30 days run out in a few seconds.
            expires_at = datetime.now(UTC) + EXPIRES_IN
            declared = expires_at - timedelta(days=30)
            result = _post_ok(server, "/v1/consent-requests", a.token, _consent(a, declared))
            assert result["result"] == "accepted", result
            mails = smtp.wait_for(sent + 1)
            expired = dict(LINK.findall(mail_text(mails[sent])))["c"]
            engine = create_engine(url)
            with engine.connect() as conn:
                ids = dict(conn.execute(select(Installation.name, Installation.id)).all())
            a.installation_id, b.installation_id = ids[a.name], ids[b.name]
            try:
                yield Scene(server, smtp, engine, a, b, revoked, expired, expires_at)
            finally:
                engine.dispose()


def _state(engine: Engine, installation_id: int) -> dict[str, int]:
    def count(model: Any, *where: Any) -> int:
        query = (
            select(func.count())
            .select_from(model)
            .where(model.installation_id == installation_id, *where)
        )
        with engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    return {
        # What requests caused; the delivery worker and the clock add events of their own
        # (sent, delivered, expired) whenever they get to it.
        "events": count(Event, Event.type.not_in(WORKER_EVENTS)),
        "opt_outs": count(OptOut),
        "confirmations": count(ConsentRequest, ConsentRequest.confirmed_at.is_not(None)),
        "link_views": count(ConsentRequest, ConsentRequest.viewed_at.is_not(None)),
        "suppressions": count(Suppression),
        "messages": count(Message),
        "messages_without_address": count(Message, Message.to_address.is_(None)),
    }


# ---- forging ------------------------------------------------------------------------------------
ALPHABET = string.ascii_letters + string.digits + "-_"


def _one_changed(token: str, rng: random.Random) -> str:
    i = rng.randrange(len(token))
    other = rng.choice([c for c in ALPHABET if c != token[i]])
    return token[:i] + other + token[i + 1 :]


def _truncated(token: str, rng: random.Random) -> str:
    return token[: rng.randrange(1, len(token))]


def _padded(token: str, rng: random.Random) -> str:
    extra = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 6)))
    return rng.choice((token + extra, extra + token, token + "=", token + "==", token + token))


def _case_changed(token: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(token) if c.isalpha()]
    i = rng.choice(letters)
    variants = (
        token.swapcase(),
        token.upper(),
        token.lower(),
        token[:i] + token[i].swapcase() + token[i + 1 :],
    )
    return rng.choice([v for v in variants if v != token])


def _random_token(_token: str, rng: random.Random) -> str:
    return rng.choice(
        (
            secrets.token_urlsafe(32),
            secrets.token_urlsafe(rng.randrange(1, 64)),
            secrets.token_hex(32),
            "".join(rng.choice(ALPHABET) for _ in range(43)),
        )
    )


@dataclass
class Tally:
    sent: Counter[str]
    accepted: Counter[str]
    statuses: Counter[int]
    examples: list[str]
    by_kind: dict[str, Counter[int]] = field(default_factory=dict)

    def statuses_of(self, kind: str) -> dict[int, int]:
        return dict(self.by_kind.get(kind, {}))

    def add(self, kind: str, accepted: bool, status: int, what: str) -> None:
        self.sent[kind] += 1
        self.statuses[status] += 1
        self.by_kind.setdefault(kind, Counter())[status] += 1
        if accepted:
            self.accepted[kind] += 1
            if len(self.examples) < 12:
                self.examples.append(f"{kind}: {what} → {status}")


def _bearer_calls(a: Salon) -> list[tuple[str, str, Any]]:
    return [
        ("GET", "/v1/events?after=0", None),
        ("POST", "/v1/messages", {"items": [_message(a, "Gefälscht")]}),
        ("POST", "/v1/consent-requests", _consent(a, datetime.now(UTC))),
        ("GET", f"/v1/customers/{a.customer_ref}/export", None),
        ("POST", f"/v1/customers/{a.customer_ref}/erase", None),
    ]


def _refused_as_problem(answer: requests.Response) -> bool:
    if answer.status_code not in (401, 403, 429):
        return False
    if not answer.headers.get("content-type", "").startswith("application/problem+json"):
        return False
    return bool(answer.json().get("code"))


def _forge_bearer(scene: Scene, http: requests.Session, rng: random.Random, tally: Tally) -> None:
    a = scene.a
    calls = itertools.cycle(_bearer_calls(a))
    kinds = (
        ("bearer: random", _random_token, 150),
        ("bearer: one character changed", _one_changed, 150),
        ("bearer: truncated", _truncated, 50),
        (
            "bearer: padded or case-changed",
            lambda t, r: r.choice((_padded, _case_changed))(t, r),
            50,
        ),
        ("bearer: revoked", lambda _t, _r: scene.revoked_token, 50),
    )
    for kind, forge, n in kinds:
        for _ in range(n):
            token = forge(a.token, rng)
            assert token != a.token
            method, path, body = next(calls)
            answer = http.request(
                method,
                scene.server.url + path,
                json=body,
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
            tally.add(kind, not _refused_as_problem(answer), answer.status_code, f"{method} {path}")


def _leaks_salon_a(scene: Scene, answer: requests.Response) -> bool:
    """Does an answer to salon B carry anything of salon A's customer?"""
    if not answer.ok:
        return False
    data = answer.json()
    text = json.dumps(data, ensure_ascii=False)
    return any(s in text for s in (ADDRESS, scene.a.name, "Gefälscht")) or (
        isinstance(data, dict) and data.get("opted_out") is True
    )


def _other_salon_bearer(scene: Scene, http: requests.Session, tally: Tally) -> None:
    a, b = scene.a, scene.b
    calls = itertools.cycle(
        (
            ("GET", f"/v1/customers/{a.customer_ref}/export"),
            ("POST", f"/v1/customers/{a.customer_ref}/erase"),
            ("GET", "/v1/events?after=0&limit=500"),
        )
    )
    for _ in range(50):
        method, path = next(calls)
        answer = http.request(
            method,
            scene.server.url + path,
            headers={"Authorization": f"Bearer {b.token}"},
            timeout=30,
        )
        leaked = answer.status_code >= 500 or _leaks_salon_a(scene, answer)
        if path.startswith("/v1/events") and answer.ok:
            # B's own "customer.erased" (B asked to erase that ref) is B's; anything else
            # about salon A's customer in B's log would be A's.
            leaked = leaked or any(
                e.get("customer_ref") == a.customer_ref and e.get("type") != "customer.erased"
                for e in answer.json()["events"]
            )
        tally.add(
            "bearer: other salon's token on this salon's customer", leaked, answer.status_code, path
        )


def _page(
    http: requests.Session, scene: Scene, kind: str, token: str, post: bool, one_click: bool
) -> requests.Response:
    url = f"{scene.server.url}/{kind}/{token}"
    if not post:
        return http.get(url, timeout=30, allow_redirects=False)
    if one_click:
        return http.post(
            url,
            data="List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            timeout=30,
            allow_redirects=False,
        )
    return http.post(url, timeout=30, allow_redirects=False)


def _forge_links(scene: Scene, http: requests.Session, rng: random.Random, tally: Tally) -> None:
    kinds = (
        ("random", _random_token, 60),
        ("one character flipped", _one_changed, 60),
        ("truncated", _truncated, 40),
        ("padded", _padded, 40),
        ("case-changed", _case_changed, 40),
    )
    for link_kind, real in (("c", scene.a.confirm_token), ("u", scene.a.unsubscribe_token)):
        for name, forge, n in kinds:
            for i in range(n):
                token = forge(real, rng)
                assert token != real
                answer = _page(http, scene, link_kind, token, post=i % 2 == 1, one_click=i % 4 == 3)
                # 404 (unknown link) or a refusal before the lookup; a 200/410 means it matched.
                refused = answer.status_code in (400, 404, 414, 422, 429)
                tally.add(f"/{link_kind}/ link: {name}", not refused, answer.status_code, token)


def _other_salon_links(scene: Scene, http: requests.Session, tally: Tally) -> None:
    """Salon B's real links for the same person: they work at B, and change nothing at A."""
    before_a = _state(scene.engine, scene.a.installation_id)
    for i in range(10):
        for link_kind, token in (("c", scene.b.confirm_token), ("u", scene.b.unsubscribe_token)):
            answer = _page(http, scene, link_kind, token, post=i % 2 == 1, one_click=False)
            changed_a = _state(scene.engine, scene.a.installation_id) != before_a
            tally.add(
                "other salon's link on this salon's customer",
                changed_a,
                answer.status_code,
                link_kind,
            )
    after_b = _state(scene.engine, scene.b.installation_id)
    assert after_b["confirmations"] == 1 and after_b["opt_outs"] == 1, (
        f"salon B's own links should have worked at B: {after_b}"
    )


def _expired_link(scene: Scene, http: requests.Session, tally: Tally) -> None:
    wait = (scene.expires_at - datetime.now(UTC)).total_seconds() + 1
    if wait > 0:
        time.sleep(wait)
    for i in range(20):
        answer = _page(http, scene, "c", scene.expired_token, post=i % 2 == 1, one_click=False)
        confirmed = (
            any(word in answer.text for word in CONFIRMED_WORDS) and "abgelaufen" not in answer.text
        )
        # 410 is the "expired" page; a 429 (if forged attempts from this address are
        # throttled by now) refuses as well. Anything else, or a confirmation, is accepted.
        accepted = answer.status_code not in (410, 429) or confirmed
        tally.add(
            "expired confirmation link", accepted, answer.status_code, "POST" if i % 2 else "GET"
        )


def test_forged_tokens_and_links_are_refused_and_change_nothing(
    scene: Scene, reliability: Record
) -> None:
    rng = random.Random(8)  # reproducible forgeries
    http = requests.Session()
    tally = Tally(Counter(), Counter(), Counter(), [])
    # The real token works (so the refusals below are about the forgeries).
    assert (
        http.get(
            scene.server.url + "/v1/events?after=0",
            headers={"Authorization": f"Bearer {scene.a.token}"},
            timeout=30,
        ).status_code
        == 200
    )

    # Salon B's real links first (before any flood could throttle this address).
    start_a = _state(scene.engine, scene.a.installation_id)
    _other_salon_links(scene, http, tally)
    before = {s.name: _state(scene.engine, s.installation_id) for s in (scene.a, scene.b)}
    _forge_bearer(scene, http, rng, tally)
    _forge_links(scene, http, rng, tally)
    after_forgeries = {s.name: _state(scene.engine, s.installation_id) for s in (scene.a, scene.b)}
    _expired_link(scene, http, tally)
    after_expired = _state(scene.engine, scene.a.installation_id)
    _other_salon_bearer(scene, http, tally)
    after_a = _state(scene.engine, scene.a.installation_id)
    changed_a = {k: (start_a[k], v) for k, v in before[scene.a.name].items() if start_a[k] != v}
    changed_a.update(
        {
            f"{k} (expired link)": (after_forgeries[scene.a.name][k], v)
            for k, v in after_expired.items()
            if after_forgeries[scene.a.name][k] != v and k not in ("events", "link_views")
        }
    )
    changed_a.update(
        {
            f"{k} (other salon's token)": (after_expired[k], v)
            for k, v in after_a.items()
            if after_expired[k] != v
        }
    )
    expired_pages = tally.statuses_of("expired confirmation link")

    # The real links of salon A still work afterwards: nothing was locked or broken. An
    # unsubscribe is never refused; a confirmation may wait out a throttle (429).
    confirm = _page(http, scene, "c", scene.a.confirm_token, post=True, one_click=False)
    unsubscribe = _page(http, scene, "u", scene.a.unsubscribe_token, post=True, one_click=True)
    final_a = _state(scene.engine, scene.a.installation_id)

    total = sum(tally.sent.values())
    reliability(
        "forged, modified, revoked, expired and other-salon tokens and links",
        f"{total} requests against a real gateway; "
        + "; ".join(f"{k} {n}" for k, n in sorted(tally.sent.items())),
        accepted=sum(tally.accepted.values()),
        state_changes_at_the_salon=len(changed_a),
    )
    problems = []
    if tally.accepted:
        problems.append(
            f"forgeries accepted: {dict(tally.accepted)}; examples: {tally.examples}; "
            f"statuses seen: {dict(tally.statuses)}"
        )
    if after_forgeries != before:
        problems.append(f"state changed by forged requests: {before} → {after_forgeries}")
    if changed_a:
        problems.append(f"salon A's state changed (before, after): {changed_a}")
    if 410 not in expired_pages:
        problems.append(f"the expired link never showed the 410 page: {expired_pages}")
    if unsubscribe.status_code != 200 or confirm.status_code not in (200, 429):
        problems.append(
            f"salon A's real links failed afterwards: confirm {confirm.status_code}, "
            f"unsubscribe {unsubscribe.status_code}"
        )
    elif final_a["opt_outs"] != after_a["opt_outs"] + 1 or (
        confirm.status_code == 200 and final_a["confirmations"] != after_a["confirmations"] + 1
    ):
        problems.append(f"salon A's real links did not take effect: {after_a} → {final_a}")
    assert total >= 1000
    assert not problems, "\n".join(problems)
