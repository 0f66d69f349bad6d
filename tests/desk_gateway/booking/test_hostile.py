"""Whatever a browser or a bot sends to the booking page, it never answers 500: odd query
strings, bodies that are not UTF-8, repeated and huge fields, forbidden characters. Every
page that comes back is valid HTML."""

from __future__ import annotations

from urllib.parse import quote_from_bytes, urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk_gateway.config import load_config
from desk_gateway.context import Gateway

from ..conftest import serve
from ..support import Harness
from .support import NAME, form, publish, valid_html

FIELDS = [
    "treatment",
    "staff",
    "start",
    "day",
    "first_name",
    "email",
    "phone",
    "note",
    "consent_email",
    "consent_sms",
    "statement_version",
    "lang",
    "website",
    "x",
]
known = st.sampled_from(
    [
        "3",
        "4",
        "any",
        "1",
        "0",
        "-1",
        "99999999999",
        "2026-11-26T10:00:00+00:00",
        "2026-11-26T10:00:00 00:00",
        "2026-11-26",
        "9999-12-31T23:59:59+14:00",
        "de",
        "en",
        "\x00",
        "\ud800",
    ]
)
values = st.one_of(st.text(max_size=40), known, st.text(min_size=2100, max_size=2200))
pairs = st.lists(st.tuples(st.sampled_from(FIELDS), values), max_size=12)
# URLs stay short enough for the client (a 60 kB URL is refused before it is sent).
query_pairs = st.lists(
    st.tuples(st.sampled_from(FIELDS), st.one_of(known, st.text(max_size=60))), max_size=8
)
raw_bodies = st.one_of(
    st.binary(max_size=300),
    pairs.map(
        lambda p: urlencode([(k, v.encode("utf-8", "surrogatepass")) for k, v in p]).encode()
    ),
)


def _query(pairs_: list[tuple[str, str]]) -> str:
    return "&".join(
        f"{k}={quote_from_bytes(v.encode('utf-8', 'surrogatepass'))}" for k, v in pairs_
    )


def test_the_page_survives_hostile_requests(harness: Harness, gateway_env: dict[str, str]) -> None:
    config = load_config(
        environ={
            **gateway_env,
            "DESK_GATEWAY_BOOKING_POSTS_PER_HOUR": "100000",
            "DESK_GATEWAY_PAGE_RATE_PER_MINUTE": "100000",
        }
    )
    gw = Gateway(harness.gw.db, config, harness.gw.secret_key, harness.clock)
    assert publish(harness).status_code == 200
    base = form(harness.clock)

    with serve(gw, harness.sms) as client:

        @settings(
            max_examples=60,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(query=query_pairs, body=raw_bodies, keep_valid=st.booleans())
        def run(query: list[tuple[str, str]], body: bytes, keep_valid: bool) -> None:
            page = client.get(f"/book/{NAME}?{_query(query)}")
            assert page.status_code < 500 and page.status_code in (200, 404), page.text
            valid_html(page.text)
            if keep_valid:  # a real form with hostile extras mixed in
                body = urlencode(base).encode() + b"&" + body
            posted = client.post(
                f"/book/{NAME}",
                content=body,
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                follow_redirects=False,
            )
            assert posted.status_code in (303, 422), posted.text
            if posted.status_code == 422:
                valid_html(posted.text)

        run()
