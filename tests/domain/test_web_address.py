"""Gateway and review page addresses are parsed, never prefix-matched (issue 8, 7)."""

from __future__ import annotations

import pytest

from desk_app.domain.errors import InvalidField
from desk_app.domain.web_address import gateway_url, is_loopback_host, review_url


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://gateway.example.org", "https://gateway.example.org"),
        ("  https://gateway.example.org/  ", "https://gateway.example.org"),
        ("HTTPS://Gateway.Example.ORG:8443/desk/", "https://gateway.example.org:8443/desk"),
        ("https://203.0.113.7", "https://203.0.113.7"),
        ("https://[2001:db8::1]:8443", "https://[2001:db8::1]:8443"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.12.0.1", "http://127.12.0.1"),
        ("http://localhost:8080/", "http://localhost:8080"),
        ("http://LOCALHOST", "http://localhost"),
        ("http://[::1]:8080", "http://[::1]:8080"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_accepted_gateway_addresses_in_their_stored_form(typed: str, stored: str) -> None:
    assert gateway_url(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "http://gateway.example.org",  # plain http across the network
        "http://localhost.",  # a name DNS may answer
        "http://localhost.evil.example",
        "http://sub.localhost",
        "http://127.0.0.1.evil.example",
        "http://127.1",  # spellings some programs read as loopback, others not
        "http://0x7f.0.0.1",
        "http://2130706433",
        "http://[::ffff:127.0.0.1]",
        "http://10.0.0.5:8080",
        "ftp://gateway.example.org",
        "gateway.example.org",
        "javascript:alert(1)",
    ],
)
def test_addresses_that_would_send_the_token_unencrypted_are_refused(typed: str) -> None:
    with pytest.raises(InvalidField) as caught:
        gateway_url(typed)
    assert caught.value.field == "gateway_url"
    assert caught.value.problem in ("not_https", "invalid_url")


@pytest.mark.parametrize(
    "typed",
    [
        "http://localhost@evil.example",  # "localhost" is a user name here
        "https://user:secret@gateway.example.org",
        "http://127.0.0.1:8080@evil.example",
        "https://gateway.example.org\\@evil.example",
        "https://",
        "https://gateway.example.org:99999",
        "https://gateway.example.org:port",
        "https://gate way.example.org",
        "https://gateway.example.org\n.evil",
        "https://gateway.example.org?next=x",
        "https://gateway.example.org#x",
        "http://[::1",
        "https://-gateway.example.org",
        "https://gateway..example.org",
        "https://" + "a" * 500 + ".example",
    ],
)
def test_malformed_addresses_are_refused(typed: str) -> None:
    with pytest.raises(InvalidField) as caught:
        gateway_url(typed)
    assert caught.value.problem in ("invalid_url", "too_long", "not_https")
    assert caught.value.field == "gateway_url"


def test_the_user_name_trick_is_not_mistaken_for_loopback() -> None:
    with pytest.raises(InvalidField) as caught:
        gateway_url("http://localhost@evil.example")
    assert caught.value.problem == "invalid_url"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("127.255.255.254", True),
        ("::1", True),
        ("localhost.", False),
        ("127.0.0.1.evil.example", False),
        ("128.0.0.1", False),
        ("::ffff:127.0.0.1", False),
        ("0:0:0:0:0:0:0:1", True),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


def test_review_links_need_https_and_may_carry_a_query() -> None:
    link = "https://g.page/r/CabcDEF123/review?hl=de#top"
    assert review_url(f" {link} ") == link
    assert review_url("") == ""
    for bad in ("http://g.page/r/x", "https://user@g.page/r", "https://", "g.page/r/x"):
        with pytest.raises(InvalidField) as caught:
            review_url(bad)
        assert caught.value.field == "review_url"
