"""Hostile input against a real gateway process on loopback: 0 HTTP 500.

1. schemathesis generates requests from the gateway's own OpenAPI document (valid and
   invalid ones, with a valid bearer token) for every operation, on SQLite and PostgreSQL
   (a NUL byte breaks only PostgreSQL). Every answer is below 500, and every error of the
   protocol (``/v1/…``) is ``application/problem+json`` with a ``code``.
2. hypothesis drives the customers' pages (``/c/…``, ``/u/…``) and the provider hooks with
   raw HTTP: paths with invalid UTF-8 and 10 kB tokens, huge and binary headers, bodies
   that do not match their content type, 1 MB bodies, signed and unsigned callbacks.

Findings are collected over the whole run and reported together (operation, status,
a reproducing request), so one run shows everything that is still wrong.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
import urllib.parse
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from desk_gateway.sms import seven, twilio, webhook
from tests.conftest import BACKENDS
from tests.reliability.adversarial_support import raw_http
from tests.reliability.adversarial_support.processes import (
    GatewayServer,
    gateway_database,
    postgres_available,
    running_gateway,
)
from tests.reliability.adversarial_support.typing_strategies import typed_text
from tests.reliability.conftest import Record

pytestmark = pytest.mark.slow

# Examples per operation and generation mode (schemathesis), per gateway (raw requests).
# Together about a minute on the 2-core build machine; more only finds the same classes.
SCHEMA_EXAMPLES = {GenerationMode.POSITIVE: 25, GenerationMode.NEGATIVE: 15}
RAW_EXAMPLES = 200
HOOK_EXAMPLES = 100
# A long-poll waits up to 30 s when nothing is new; the fuzz must not sit in it.
FUZZ_MAX_WAIT = 0.3
MOBILE = "+4915112345678"
LINK_TOKEN = re.compile(r"/[cu]/([A-Za-z0-9_-]{20,})")

# Reproducible by default (a failing example is the same one on every run); set
# DESK_APP_FUZZ_RANDOM=1 to explore with fresh randomness.
DERANDOMIZE = os.environ.get("DESK_APP_FUZZ_RANDOM") != "1"
FUZZ_SETTINGS: dict[str, Any] = {
    "deadline": None,
    "database": None,
    "derandomize": DERANDOMIZE,
    "phases": [Phase.explicit, Phase.generate],
    "suppress_health_check": list(HealthCheck),
}
# Rate limits would answer the fuzz with 429 long before it reaches the code under test.
UNLIMITED = {"PAGE_RATE_PER_MINUTE": "10000000", "API_RATE_PER_MINUTE": "10000000"}


@dataclass
class Findings:
    """Every answer counted by status; the bad ones kept with a reproducing request."""

    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    bad: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, key: str, example: str) -> None:
        examples = self.bad.setdefault(f"{kind}: {key}", [])
        if len(examples) < 2:
            examples.append(example[:400])

    def count(self, kind_prefix: str) -> int:
        return len([k for k in self.bad if k.startswith(kind_prefix)])

    def report(self) -> str:
        lines = [f"{self.requests} requests, statuses {dict(sorted(self.statuses.items()))}"]
        for key, examples in sorted(self.bad.items()):
            lines.append(f"- {key}")
            lines.extend(f"    e.g. {e}" for e in examples)
        return "\n".join(lines)


def _backend_param(backend: str) -> None:
    if backend == "postgresql" and not postgres_available():
        if os.environ.get("DESK_APP_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL tests are required but DESK_APP_TEST_POSTGRES_URL is not set")
        pytest.skip("PostgreSQL not available (DESK_APP_TEST_POSTGRES_URL not set)")


@dataclass(frozen=True)
class DemoGateway:
    backend: str
    server: GatewayServer
    token: str
    link_tokens: list[str]  # real /c/ and /u/ tokens from the demo mailbox


def _item(channel: str, to: str) -> dict[str, Any]:
    return {
        "client_id": str(uuid.uuid4()),
        "channel": channel,
        "category": "transactional",
        "to": to,
        "subject": "Ihr Termin",
        "text": "Bis Freitag!",
        "customer_ref": "cust-1",
    }


def _consent_request() -> dict[str, Any]:
    return {
        "request_id": str(uuid.uuid4()),
        "customer_ref": "cust-1",
        "channel": "email",
        "address": "anna@example.org",
        "statement": {"version": "2026-11", "text": "Ich möchte Angebote erhalten."},
        "source": {"kind": "phone", "staff": "Tanja"},
        "declared_at": datetime.now(UTC).isoformat(),
        "salon_name": "Salon Fuzz",
    }


def _mailbox_tokens(server: GatewayServer, expected: int) -> list[str]:
    """The /c/ and /u/ tokens on the demo mailbox page once the worker delivered."""
    deadline = time.monotonic() + 20
    tokens: list[str] = []
    while time.monotonic() < deadline:
        page = requests.get(server.url + "/mailbox", timeout=10)
        assert page.status_code == 200, f"/mailbox in demo mode answered {page.status_code}"
        tokens = sorted(set(LINK_TOKEN.findall(page.text)))
        if len(tokens) >= expected:
            return tokens
        time.sleep(0.2)
    raise AssertionError(f"the demo mailbox shows {len(tokens)} link tokens, not {expected}")


@pytest.fixture(params=BACKENDS)
def demo_gateway(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DemoGateway]:
    """A gateway in demo mode (capture transports) with its API documents served."""
    backend = str(request.param)
    _backend_param(backend)
    with (
        gateway_database(backend, tmp_path / "gw", "fuzz_gw") as url,
        running_gateway(tmp_path / "gw", url, DEMO="1", DOCS="1", **UNLIMITED) as server,
    ):
        token = server.create_token("Salon Fuzz")
        # Something for the fuzz to find: a customer with an email, an SMS to a number,
        # a consent request; their links appear on the demo mailbox page.
        for channel, to in (("email", "anna@example.org"), ("sms", MOBILE)):
            answer = server.api("POST", "/v1/messages", token, {"items": [_item(channel, to)]})
            assert answer.status_code == 200, answer.text
        answer = server.api("POST", "/v1/consent-requests", token, _consent_request())
        assert answer.status_code == 200, answer.text
        tokens = _mailbox_tokens(server, expected=3)
        yield DemoGateway(backend, server, token, tokens)


# ---- 1. schemathesis ---------------------------------------------------------------------------
def _openapi(server: GatewayServer) -> dict[str, Any]:
    answer = requests.get(server.url + "/openapi.json", timeout=10)
    assert answer.status_code == 200, (
        f"/openapi.json with DESK_GATEWAY_DOCS=1 answered {answer.status_code}"
    )
    document: dict[str, Any] = answer.json()
    for parameter in document["paths"]["/v1/events"]["get"].get("parameters", []):
        if parameter["name"] == "wait":
            parameter["schema"]["maximum"] = FUZZ_MAX_WAIT
    return document


def _header(response: Any, name: str) -> str:
    value = response.headers.get(name) or response.headers.get(name.title()) or ""
    return value[0] if isinstance(value, list) and value else str(value or "")


def _check_answer(findings: Findings, label: str, response: Any, reproduce: str) -> None:
    status = int(response.status_code)
    findings.requests += 1
    findings.statuses[status] += 1
    if status >= 500:
        findings.note("HTTP 5xx", f"{label} → {status}", reproduce)
        return
    path = label.split(" ", 1)[1]
    if status >= 400 and path.startswith("/v1/"):
        content_type = _header(response, "content-type")
        code = None
        if content_type.startswith("application/problem+json"):
            try:
                code = json.loads(response.content).get("code")
            except ValueError:
                code = None
        if not isinstance(code, str) or not code:
            findings.note(
                "error without problem+json code",
                f"{label} → {status} ({content_type or 'no content type'})",
                reproduce,
            )


def _fuzz_operation(
    operation: Any,
    mode: GenerationMode,
    examples: int,
    server: GatewayServer,
    token: str,
    session: requests.Session,
    findings: Findings,
) -> None:
    label = operation.label

    @settings(max_examples=examples, **FUZZ_SETTINGS)
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        try:
            response = case.call(
                base_url=server.url,
                session=session,
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
        except requests.ConnectionError as exc:
            findings.requests += 1
            findings.note("no answer", label, f"{case.as_curl_command()} ({exc})")
            return
        except (requests.exceptions.InvalidHeader, requests.exceptions.InvalidURL):
            return  # cannot even be sent
        _check_answer(findings, label, response, case.as_curl_command())

    # Unsatisfiable: nothing invalid can be made of this operation (it has no constraints).
    with contextlib.suppress(Unsatisfiable):
        run()


def test_schemathesis_finds_no_server_error(demo_gateway: DemoGateway, reliability: Record) -> None:
    server, token = demo_gateway.server, demo_gateway.token
    schema = schemathesis.openapi.from_dict(_openapi(server))
    findings = Findings()
    operations = 0
    session = requests.Session()
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode, examples in SCHEMA_EXAMPLES.items():
            _fuzz_operation(operation, mode, examples, server, token, session, findings)
    seconds = time.monotonic() - started
    alive = server.alive()
    reliability(
        f"schemathesis against the gateway API ({demo_gateway.backend})",
        f"{operations} operations, valid token, positive and negative cases, {seconds:.0f} s",
        requests=findings.requests,
        http_500=sum(n for s, n in findings.statuses.items() if s >= 500),
        errors_without_problem_code=findings.count("error without"),
        server_alive=alive,
    )
    assert alive, "the gateway died during the fuzz:\n" + server.log()
    assert not findings.bad, (
        "schemathesis found answers that break the protocol:\n"
        + findings.report()
        + "\nserver-side exceptions: "
        + "; ".join(sorted(set(server.server_errors()))[:15])
    )


# ---- 2. raw requests to the customers' pages and the hooks ------------------------------------
def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _percent(data: bytes) -> bytes:
    return urllib.parse.quote_from_bytes(data, safe="").encode("ascii")


token_bytes = st.one_of(
    st.binary(max_size=48).map(_percent),  # any bytes, percent-encoded (invalid UTF-8 too)
    st.binary(min_size=1, max_size=48).filter(lambda b: not set(b) & set(b" \r\n#?")),  # raw
    st.text(max_size=40).map(lambda t: _percent(t.encode("utf-8", "surrogatepass"))),
    st.sampled_from((b"x" * 10_000, b"%00", b"%FF%FE", b"..%2F..%2Fetc%2Fpasswd", b"%C0%AF")),
    st.from_regex(r"[A-Za-z0-9_-]{43}", fullmatch=True).map(str.encode),  # token-shaped
)
query = st.one_of(
    st.just(b""),
    st.builds(lambda v: b"?lang=" + v, token_bytes),
    st.builds(lambda k, v: b"?" + k + b"=" + v, token_bytes, token_bytes),
)


def page_targets(known_tokens: list[str]) -> st.SearchStrategy[bytes]:
    """Paths to the pages and hooks: forged tokens, and the real ones of this gateway."""
    forged = st.builds(
        lambda prefix, token, q: prefix + token + q,
        st.sampled_from((b"/c/", b"/u/", b"/hooks/", b"/")),
        token_bytes,
        query,
    )
    hook = st.builds(lambda q: b"/hooks/capture" + q, query)
    if not known_tokens:
        return st.one_of(forged, hook)
    real = st.builds(
        lambda prefix, token, q: prefix + token + q,
        st.sampled_from((b"/c/", b"/u/")),
        st.sampled_from([t.encode() for t in known_tokens]),
        query,
    )
    return st.one_of(forged, hook, real, real)


header_value = st.one_of(
    # Printable Latin-1 (what HTTP allows, umlauts as single bytes included) …
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f")).map(
        lambda t: t.encode("latin-1")
    ),
    st.text(max_size=50).map(lambda t: t.encode("utf-8", "surrogatepass")),
    # … and now and then what it does not: control bytes, 8 kB values.
    st.sampled_from((b"a" * 8_000, b"\xff\xfe\x00", b"\x01\x02", b"")),
)
content_type = st.sampled_from(
    (
        b"application/x-www-form-urlencoded",
        b"application/x-www-form-urlencoded; charset=utf-16",
        b"multipart/form-data; boundary=xyz",
        b"multipart/form-data",
        b"application/json",
        b"text/plain; charset=utf-8",
        b"application/octet-stream",
        b"\xff\xfe/\x80",
    )
)
headers = st.lists(
    st.one_of(
        st.tuples(st.just(b"Content-Type"), content_type),
        st.tuples(
            st.sampled_from(
                (
                    b"User-Agent",
                    b"X-Forwarded-For",
                    b"Accept-Language",
                    b"Cookie",
                    b"Referer",
                    b"Authorization",
                    b"X-Twilio-Signature",
                    b"X-Signature",
                    b"X-Timestamp",
                    b"X-Nonce",
                    b"X-Desk-Signature",
                    b"X-Desk-Timestamp",
                )
            ),
            header_value,
        ),
        st.just((b"X-Junk", b"j" * 70_000)),  # beyond any sensible header limit
    ),
    max_size=3,
)


def _json_value() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), typed_text
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(typed_text, inner, max_size=4),
        max_leaves=12,
    )


def _events_json(kind: str, sender: str, text: str, extra: Any) -> bytes:
    event = {"type": kind, "id": str(uuid.uuid4()), "from": sender, "text": text, "x": extra}
    return json.dumps(event).encode("utf-8", "surrogatepass")


body = st.one_of(
    st.just(b""),
    st.binary(max_size=2_000),
    st.just(b"List-Unsubscribe=One-Click"),
    st.dictionaries(typed_text, typed_text, max_size=4).map(
        lambda d: urllib.parse.urlencode({_utf8(k): _utf8(v) for k, v in d.items()}).encode()
    ),
    _json_value().map(lambda v: json.dumps(v).encode("utf-8", "surrogatepass")),
    st.builds(
        _events_json,
        st.sampled_from(("inbound", "status", "other")),
        st.sampled_from((MOBILE, "+49 151 12345678", "0151 12345678", "")) | typed_text,
        st.sampled_from(("STOP", "stopp", "Ende bitte", "")) | typed_text,
        _json_value(),
    ),
    st.just(b'--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n\xff\r\n--xyz--'),
    st.just(b"a" * 1_200_000),  # beyond the 1 MB body cap
)
method = st.sampled_from((b"GET", b"POST", b"GET", b"POST", b"POST", b"HEAD", b"PUT", b"BREW"))


@dataclass(frozen=True)
class RawRequest:
    method: bytes
    target: bytes
    headers: list[tuple[bytes, bytes]]
    body: bytes

    def __str__(self) -> str:
        headers = ", ".join(f"{n.decode()}: {v[:60]!r}" for n, v in self.headers)
        shown = self.body[:120]
        return (
            f"{self.method.decode()} {self.target[:160]!r} [{headers}] "
            f"body {len(self.body)} bytes {shown!r}"
        )


def _request(
    verb: bytes, target: bytes, kind: bytes | None, more: list[tuple[bytes, bytes]], data: bytes
) -> RawRequest:
    return RawRequest(verb, target, ([(b"Content-Type", kind)] if kind else []) + more, data)


def raw_requests(known_tokens: list[str]) -> st.SearchStrategy[RawRequest]:
    return st.builds(
        _request, method, page_targets(known_tokens), st.none() | content_type, headers, body
    )


def _send_raw(server: GatewayServer, findings: Findings, req: RawRequest, label: str) -> None:
    answer = raw_http.request(server.port, req.method, req.target, req.headers, req.body)
    findings.requests += 1
    findings.statuses[answer.status] += 1
    if answer.status == 0:
        findings.note("no answer", label, str(req))
    elif answer.status >= 500:
        findings.note("HTTP 5xx", f"{label} → {answer.status}", str(req))
    if os.environ.get("DESK_APP_FUZZ_TRACE"):
        print(answer.status, str(req)[:150])


def test_customer_pages_and_hooks_survive_raw_hostile_requests(
    demo_gateway: DemoGateway, reliability: Record
) -> None:
    server = demo_gateway.server
    findings = Findings()

    @settings(max_examples=RAW_EXAMPLES, **FUZZ_SETTINGS)
    @given(req=raw_requests(demo_gateway.link_tokens))
    def run(req: RawRequest) -> None:
        label = req.target.split(b"/")[1][:10].decode("latin-1") or "/"
        _send_raw(server, findings, req, f"{req.method.decode()} /{label}")

    run()
    alive = server.alive()
    reliability(
        f"hostile raw requests to /c/, /u/, /hooks/ ({demo_gateway.backend})",
        "invalid UTF-8 and 10 kB paths, huge/binary headers, mismatched bodies, 1.2 MB bodies",
        requests=findings.requests,
        http_500=sum(n for s, n in findings.statuses.items() if s >= 500),
        no_answer=findings.statuses[0],
        server_alive=alive,
    )
    assert alive, "the gateway died during the fuzz:\n" + server.log()
    assert not findings.bad, (
        "hostile requests to the pages/hooks got server errors:\n"
        + findings.report()
        + "\nserver-side exceptions: "
        + "; ".join(sorted(set(server.server_errors()))[:15])
    )


# ---- 3. each real provider's hook, signed and unsigned -----------------------------------------
TWILIO_TOKEN = "twilio-auth-token-for-tests"
SEVEN_SECRET = "seven-signing-secret-for-tests"
WEBHOOK_SECRET = "webhook-secret-for-tests"
PROVIDERS = {
    "twilio": {
        "SMS_PROVIDER": "twilio",
        "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_BASE_URL": "http://127.0.0.1:9",
        "SMS_SENDER": "Haarwerk",
    },
    "seven": {
        "SMS_PROVIDER": "seven",
        "SEVEN_API_KEY": "seven-api-key-for-tests",
        "SEVEN_SIGNING_SECRET": SEVEN_SECRET,
        "SEVEN_BASE_URL": "http://127.0.0.1:9",
        "SMS_SENDER": "Haarwerk",
    },
    "webhook": {
        "SMS_PROVIDER": "webhook",
        "SMS_WEBHOOK_URL": "http://127.0.0.1:9/send",
        "SMS_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "SMS_SENDER": "Haarwerk",
    },
}

twilio_fields = st.dictionaries(
    st.sampled_from(
        ("From", "To", "Body", "MessageSid", "SmsSid", "MessageStatus", "SmsStatus", "ErrorCode")
    )
    | typed_text,
    st.sampled_from((MOBILE, "STOP", "delivered", "undelivered", "received", "30003", "SM1"))
    | typed_text,
    max_size=6,
)
seven_payload = st.fixed_dictionaries(
    {
        "webhook_event": st.sampled_from(("dlr", "sms_mo", "other")) | typed_text,
        "data": st.dictionaries(
            st.sampled_from(("msg_id", "status", "sender", "text", "id", "time")) | typed_text,
            st.sampled_from((MOBILE, "STOP", "DELIVERED", "NOTDELIVERED", "1")) | _json_value(),
            max_size=5,
        )
        | _json_value(),
    }
)
webhook_payload = st.one_of(
    st.builds(
        lambda kind, sender, text, status: {
            "type": kind,
            "id": str(uuid.uuid4()),
            "from": sender,
            "text": text,
            "status": status,
        },
        st.sampled_from(("inbound", "status")) | typed_text,
        st.sampled_from((MOBILE, "0151 12345678")) | _json_value(),
        st.sampled_from(("STOP", "Hallo")) | _json_value(),
        st.sampled_from(("sent", "delivered", "failed", "bounced")) | _json_value(),
    ),
    _json_value(),
)


def _signed(provider: str, server: GatewayServer, data: Any, sign: bool) -> RawRequest:
    path = f"/hooks/{provider}"
    url = server.url + path
    if provider == "twilio":
        pairs = [(k, v) for k, v in data.items()]
        payload = urllib.parse.urlencode([(_utf8(k), _utf8(v)) for k, v in pairs]).encode()
        hdrs = [(b"Content-Type", b"application/x-www-form-urlencoded")]
        if sign:
            try:
                signature = twilio.compute_signature(TWILIO_TOKEN, url, pairs)
            except UnicodeEncodeError:
                signature = "not-computable"
            hdrs.append((b"X-Twilio-Signature", signature.encode()))
        return RawRequest(b"POST", path.encode(), hdrs, payload)
    payload = json.dumps(data).encode("utf-8", "surrogatepass")
    hdrs = [(b"Content-Type", b"application/json")]
    now = str(int(time.time()))
    if sign and provider == "seven":
        nonce = uuid.uuid4().hex
        mac = seven.compute_signature(SEVEN_SECRET, now, nonce, "POST", url, payload)
        hdrs += [(b"X-Signature", mac.encode()), (b"X-Timestamp", now.encode())]
        hdrs.append((b"X-Nonce", nonce.encode()))
    if sign and provider == "webhook":
        hdrs += [
            (b"X-Desk-Signature", webhook.sign(WEBHOOK_SECRET, now, payload).encode()),
            (b"X-Desk-Timestamp", now.encode()),
        ]
    return RawRequest(b"POST", path.encode(), hdrs, payload)


@pytest.mark.parametrize("provider", sorted(PROVIDERS))
def test_provider_hooks_survive_signed_and_unsigned_garbage(
    provider: str, tmp_path: Path, reliability: Record
) -> None:
    # PostgreSQL where there is one: a NUL byte in an inbound text breaks only there.
    backend = "postgresql" if postgres_available() else "sqlite"
    payloads = {"twilio": twilio_fields, "seven": seven_payload, "webhook": webhook_payload}
    findings = Findings()
    with (
        gateway_database(backend, tmp_path / "gw", "fuzz_hook") as url,
        running_gateway(
            tmp_path / "gw",
            url,
            SMTP_HOST="127.0.0.1",
            SMTP_PORT="9",
            SMTP_SECURITY="none",
            **PROVIDERS[provider],
            **UNLIMITED,
        ) as server,
    ):

        @settings(max_examples=HOOK_EXAMPLES, **FUZZ_SETTINGS)
        @given(
            data=payloads[provider],
            sign=st.booleans(),
            garbage=raw_requests([]),
            kind=content_type,
        )
        def run(data: Any, sign: bool, garbage: RawRequest, kind: bytes) -> None:
            req = _signed(provider, server, data, sign)
            _send_raw(server, findings, req, f"POST /hooks/{provider} signed={sign}")
            # Always with a content type: what a provider (or an attacker) would send.
            hostile = RawRequest(
                garbage.method,
                f"/hooks/{provider}".encode(),
                [(b"Content-Type", kind), *garbage.headers],
                garbage.body,
            )
            _send_raw(server, findings, hostile, f"{garbage.method.decode()} /hooks/{provider}")

        run()
        alive = server.alive()
        errors = server.server_errors()
    reliability(
        f"signed and unsigned callbacks to /hooks/{provider} ({backend})",
        "provider payloads with hostile field values, plus raw garbage",
        requests=findings.requests,
        http_500=sum(n for s, n in findings.statuses.items() if s >= 500),
        server_alive=alive,
    )
    assert alive, f"the {provider} gateway died during the fuzz"
    assert not findings.bad, (
        f"/hooks/{provider} answered with server errors:\n"
        + findings.report()
        + "\nserver-side exceptions: "
        + "; ".join(sorted(set(errors))[:15])
    )
