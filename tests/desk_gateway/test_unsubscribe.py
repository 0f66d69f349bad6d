"""Every message carries an unsubscribe link; GET /u/{t} only shows, POST (page button or
RFC 8058 one-click) records the objection once, and it holds at intake and at send time."""

from __future__ import annotations

import threading

import httpx
import pytest

from .support import MOBILE, Harness, links_in, message_item, new_id, one_link

ONE_CLICK = {
    "content": b"List-Unsubscribe=One-Click",
    "headers": {"Content-Type": "application/x-www-form-urlencoded"},
}


def sent_message(harness: Harness, **overrides: object) -> tuple[dict[str, object], str]:
    """A transactional message the worker has sent; returns the item and its /u/ token."""
    result = harness.submit(**overrides)
    assert result["result"] == "accepted", result
    harness.deliver()
    item = result["item"]
    return item, harness.unsubscribe_token(item["to"], item["channel"])


def one_click(harness: Harness, token: str) -> httpx.Response:
    return harness.client.post(f"/u/{token}", follow_redirects=False, **ONE_CLICK)


# ---- the link in every message ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("channel", "to", "language", "label"),
    [
        ("email", "anna@example.de", "de", "Abmelden: "),
        ("email", "anna@example.de", "en", "Unsubscribe: "),
        ("sms", MOBILE, "de", "Abmelden: "),
        ("sms", MOBILE, "en", "Unsubscribe: "),
    ],
)
def test_a_footer_is_appended_when_the_text_has_no_placeholder(
    harness: Harness, channel: str, to: str, language: str, label: str
) -> None:
    item, token = sent_message(harness, channel=channel, to=to, language=language)

    text = harness.emails()[0].text if channel == "email" else harness.texts()[0]
    assert text.startswith(str(item["text"]))
    assert text.endswith(f"{label}{harness.gw.config.public_url}/u/{token}")


@pytest.mark.parametrize(
    ("channel", "to", "language", "label"),
    [
        ("email", "anna@example.de", "de", "Abmelden: "),
        ("email", "anna@example.de", "en", "Unsubscribe: "),
        # An SMS keeps the desktop's exact wording: the desktop counted its parts.
        ("sms", MOBILE, "de", ""),
    ],
)
def test_the_placeholder_is_replaced_labelled_and_no_footer_added(
    harness: Harness, channel: str, to: str, language: str, label: str
) -> None:
    sent_message(
        harness,
        channel=channel,
        to=to,
        language=language,
        text="Neu bei uns! Keine Lust mehr? $unsubscribe_url Tschüss",
    )

    text = harness.emails()[0].text if channel == "email" else harness.texts()[0]
    token = one_link(text, "u")
    assert text == (
        f"Neu bei uns! Keine Lust mehr? {label}{harness.gw.config.public_url}/u/{token} Tschüss"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Abmelden: $unsubscribe_url",
        "Hier abmelden: $unsubscribe_url",
        "Unsubscribe $unsubscribe_url",
    ],
)
def test_a_labelled_placeholder_keeps_its_wording(harness: Harness, line: str) -> None:
    sent_message(harness, text=f"Hallo Anna,\n\nbis bald!\n\n{line}")

    text = harness.emails()[0].text
    token = one_link(text, "u")
    link = f"{harness.gw.config.public_url}/u/{token}"
    assert text == f"Hallo Anna,\n\nbis bald!\n\n{line.replace('$unsubscribe_url', link)}"


def test_every_message_of_a_batch_gets_its_own_working_link(harness: Harness) -> None:
    harness.post_messages(
        [message_item(customer_ref=new_id(), to=f"k{n}@example.de") for n in range(3)]
    )
    harness.deliver()

    tokens = [one_link(e.text, "u") for e in harness.emails()]
    assert len(set(tokens)) == 3
    for token in tokens:
        assert harness.client.get(f"/u/{token}").status_code == 200


# ---- GET shows a form and changes nothing ----------------------------------------------------
def test_the_page_shows_a_form_and_changes_nothing(harness: Harness) -> None:
    item, token = sent_message(harness)
    seq = harness.last_seq()

    for _ in range(2):
        page = harness.get_page(f"/u/{token}")
        assert page.status_code == 200
        assert '<form method="post"' in page.text
        assert "Abmelden" in page.text

    assert harness.last_seq() == seq
    still = harness.submit(customer_ref=item["customer_ref"], category="service_info")
    assert still["result"] == "accepted"


def test_the_page_speaks_the_messages_language(harness: Harness) -> None:
    _, token = sent_message(harness, language="en")

    page = harness.get_page(f"/u/{token}")

    assert "Unsubscribe" in page.text and '<html lang="en">' in page.text


# ---- POST ------------------------------------------------------------------------------------
def test_one_click_unsubscribes_without_redirect_or_cookie(harness: Harness) -> None:
    item, token = sent_message(harness)

    response = one_click(harness, token)

    assert response.status_code == 200
    assert "location" not in response.headers
    assert "set-cookie" not in response.headers
    assert "Sie sind abgemeldet" in response.text
    (optout,) = [e for e in harness.events() if e["type"] == "optout.received"]
    assert optout["data"] == {"via": "one_click", "client_id": item["client_id"]}
    assert optout["customer_ref"] == item["customer_ref"]
    assert optout["client_id"] == item["client_id"]
    assert optout["channel"] == "email"


def test_the_page_button_unsubscribes_via_link(harness: Harness) -> None:
    item, token = sent_message(harness, channel="sms", to=MOBILE)

    response = harness.post_page(f"/u/{token}", data={"unsubscribe": "1"})

    assert response.status_code == 200
    (optout,) = [e for e in harness.events() if e["type"] == "optout.received"]
    assert optout["data"] == {"via": "link", "client_id": item["client_id"]}
    assert optout["channel"] == "sms"


def test_repeating_the_opt_out_adds_no_event(harness: Harness) -> None:
    item, token = sent_message(harness)
    one_click(harness, token)
    seq = harness.last_seq()

    again = one_click(harness, token)
    by_page = harness.post_page(f"/u/{token}", data={"unsubscribe": "1"})
    # Another message to the same customer: its link finds the objection already there.
    _, other = sent_message(harness, customer_ref=item["customer_ref"], to="zweit@example.de")
    seq_after_send = harness.last_seq()
    third = one_click(harness, other)

    assert again.status_code == by_page.status_code == third.status_code == 200
    assert "bereits abgemeldet" in again.text
    assert "bereits abgemeldet" in harness.get_page(f"/u/{token}").text
    assert seq_after_send == seq + 2  # accepted + sent of the second message, nothing else
    assert harness.last_seq() == seq_after_send
    assert harness.event_types().count("optout.received") == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_unsubscribe_tokens_are_not_found(harness: Harness, method: str) -> None:
    _, token = sent_message(harness)
    changed = token[:5] + ("A" if token[5] != "A" else "B") + token[6:]
    seq = harness.last_seq()

    for wrong in (changed, "nope", "z" * 200):
        assert harness.client.request(method, f"/u/{wrong}", **ONE_CLICK).status_code == 404

    assert harness.last_seq() == seq


# ---- the objection holds ---------------------------------------------------------------------
@pytest.mark.parametrize("category", ["marketing", "service_info", "similar_offer"])
def test_after_the_opt_out_advertising_is_refused_at_intake(
    harness: Harness, category: str
) -> None:
    consent = harness.confirmed_consent()
    customer = consent["customer_ref"]
    _, token = sent_message(harness, customer_ref=customer, to=consent["address"])
    one_click(harness, token)

    result = harness.submit(
        customer_ref=customer,
        to=consent["address"],
        category=category,
        basis_ref=consent["request_id"],
    )
    transactional = harness.submit(customer_ref=customer, to=consent["address"])

    assert (result["result"], result.get("code")) == ("rejected", "suppressed")
    assert transactional["result"] == "accepted"


def test_a_message_accepted_before_the_opt_out_is_refused_at_send_time(harness: Harness) -> None:
    consent = harness.confirmed_consent()
    customer, address = consent["customer_ref"], consent["address"]
    _, token = sent_message(harness, customer_ref=customer, to=address)
    emails_before = len(harness.emails())
    queued = harness.submit(
        customer_ref=customer, to=address, category="marketing", basis_ref=consent["request_id"]
    )
    assert queued["result"] == "accepted"

    one_click(harness, token)
    harness.deliver()

    client_id = queued["item"]["client_id"]
    assert len(harness.emails()) == emails_before
    assert harness.event_types(client_id=client_id) == ["message.accepted", "message.rejected"]
    (rejected,) = [
        e
        for e in harness.events()
        if e["client_id"] == client_id and e["type"] != "message.accepted"
    ]
    assert rejected["data"] == {"code": "suppressed"}
    harness.deliver()
    assert len(harness.emails()) == emails_before  # and it stays undelivered


def test_an_sms_opt_out_stops_queued_service_info_too(harness: Harness) -> None:
    customer = new_id()
    _, token = sent_message(harness, customer_ref=customer, channel="sms", to=MOBILE)
    queued = harness.submit(
        customer_ref=customer, channel="sms", to=MOBILE, category="service_info"
    )

    harness.post_page(f"/u/{token}")
    harness.deliver()

    assert len(harness.texts()) == 1
    assert "message.rejected" in harness.event_types(client_id=queued["item"]["client_id"])
    assert links_in(harness.texts()[0], "u") == [token]


def test_simultaneous_opt_outs_record_one_objection(harness: Harness) -> None:
    """A mail client's one-click POST and the customer's own click may meet.
    (Five rounds with five customers, so that a race shows reliably.)"""
    clicks, rounds = 8, 5
    statuses: list[int] = []
    errors: list[BaseException] = []
    for n in range(rounds):
        _, token = sent_message(harness, customer_ref=new_id(), to=f"kunde{n}@example.de")
        start = threading.Barrier(clicks)

        def click(k: int, token: str = token, start: threading.Barrier = start) -> None:
            try:
                start.wait(timeout=10)
                if k % 2:
                    response = one_click(harness, token)
                else:
                    response = harness.post_page(f"/u/{token}", data={"unsubscribe": "1"})
                statuses.append(response.status_code)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=click, args=(k,)) for k in range(clicks)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    assert statuses == [200] * clicks * rounds
    assert harness.event_types().count("optout.received") == rounds
