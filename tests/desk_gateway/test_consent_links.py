"""The double opt-in: the confirmation message, /c/{token} (GET shows, POST confirms), expiry."""

from __future__ import annotations

import threading

import pytest

from .support import MOBILE, USER_AGENT, Harness, links_in, new_id, one_link


def sent_request(harness: Harness, **overrides: object) -> tuple[dict[str, object], str]:
    """A consent request the worker has sent; returns its body and the /c/ token."""
    response = harness.request_consent(**overrides)
    assert response["result"] == "accepted"
    harness.deliver()
    body = response["body"]
    return body, harness.confirm_token(body["address"], body["channel"])


def marketing_allowed(harness: Harness, body: dict[str, object]) -> bool:
    result = harness.submit(
        category="marketing",
        channel=body["channel"],
        to=body["address"],
        customer_ref=body["customer_ref"],
        basis_ref=body["request_id"],
    )
    return bool(result["result"] == "accepted")


# ---- the confirmation message ----------------------------------------------------------------
def test_the_worker_sends_the_confirmation_email_with_a_link(harness: Harness) -> None:
    response = harness.request_consent()
    request_id = response["request_id"]

    assert harness.deliver() == 1

    (email,) = harness.emails()
    assert email.to_address == "anna.mueller@example.de"
    assert email.subject == "Bitte bestätigen: Nachrichten von Salon Schnittpunkt"
    assert "Salon Schnittpunkt" in email.text and "$salon" not in email.text
    token = one_link(email.text, "c")
    public = harness.gw.config.public_url
    assert f"{public}/c/{token}" in email.text
    assert "$confirm_url" not in email.text
    assert len(links_in(email.text, "u")) == 1  # an unsubscribe link, as in every message
    sent = [e for e in harness.events() if e["type"] == "consent.request_sent"]
    assert len(sent) == 1
    assert sent[0]["client_id"] == request_id
    assert sent[0]["data"]["request_id"] == request_id
    assert sent[0]["data"]["message_id"]
    assert harness.event_types(client_id=request_id) == [
        "message.accepted",
        "message.sent",
        "consent.request_sent",
    ]


def test_the_confirmation_sms_carries_the_link(harness: Harness) -> None:
    harness.request_consent(channel="sms", address=MOBILE)

    harness.deliver()

    (text,) = harness.texts(to=MOBILE)
    assert text.startswith("Salon Schnittpunkt: Bitte bestätigen")
    assert len(links_in(text, "c")) == 1
    assert len(links_in(text, "u")) == 1
    assert "consent.request_sent" in harness.event_types()


def test_the_desktops_own_text_is_used(harness: Harness) -> None:
    harness.request_consent(
        language="en",
        message={"subject": "Confirm, please", "text": "Dear Anna, click $confirm_url today."},
    )

    harness.deliver()

    (email,) = harness.emails()
    assert email.subject == "Confirm, please"
    assert email.text.startswith("Dear Anna, click http")
    assert " today." in email.text
    assert len(links_in(email.text, "c")) == 1


def test_a_text_without_the_placeholder_still_gets_the_link(harness: Harness) -> None:
    harness.request_consent(message={"subject": "Bitte", "text": "Bitte bestätigen Sie."})

    harness.deliver()

    assert len(links_in(harness.emails()[0].text, "c")) == 1


def test_the_english_default_text(harness: Harness) -> None:
    harness.request_consent(language="en")

    harness.deliver()

    (email,) = harness.emails()
    assert email.subject == "Please confirm: messages from Salon Schnittpunkt"
    assert "Unsubscribe: http" in email.text


# ---- GET shows, POST confirms ----------------------------------------------------------------
def test_the_page_shows_the_statement_and_a_post_form(harness: Harness) -> None:
    body, token = sent_request(harness)

    page = harness.get_page(f"/c/{token}")

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    statement = body["statement"]["text"]  # type: ignore[index]
    assert statement in page.text
    assert '<form method="post"' in page.text
    assert "Ja, ich willige ein" in page.text
    assert "Yes, I agree" not in page.text


def test_the_page_speaks_english_for_english_requests(harness: Harness) -> None:
    _, token = sent_request(harness, language="en")

    page = harness.get_page(f"/c/{token}")

    assert "Yes, I agree" in page.text
    assert "Ja, ich willige ein" not in page.text
    assert '<html lang="en">' in page.text


def test_the_statement_is_escaped(harness: Harness) -> None:
    _, token = sent_request(
        harness, statement={"version": "v<1>", "text": "Angebote <script>alert(1)</script>"}
    )

    page = harness.get_page(f"/c/{token}")

    assert "<script>" not in page.text
    assert "&lt;script&gt;" in page.text


def test_viewing_is_recorded_once_and_does_not_confirm(harness: Harness) -> None:
    body, token = sent_request(harness)

    for _ in range(3):
        assert harness.get_page(f"/c/{token}").status_code == 200

    viewed = [e for e in harness.events() if e["type"] == "consent.link_viewed"]
    assert len(viewed) == 1
    assert viewed[0]["data"] == {
        "request_id": body["request_id"],
        "ip": "testclient",
        "user_agent": USER_AGENT,
    }
    assert viewed[0]["customer_ref"] == body["customer_ref"]
    assert "consent.confirmed" not in harness.event_types()
    assert not marketing_allowed(harness, body)
    assert "Ja, ich willige ein" in harness.get_page(f"/c/{token}").text  # still open


def test_post_confirms_with_ip_and_user_agent(harness: Harness) -> None:
    body, token = sent_request(harness)
    harness.get_page(f"/c/{token}")
    harness.clock.advance(minutes=3)

    response = harness.post_page(f"/c/{token}", data={"confirm": "1"})

    assert response.status_code == 200
    assert "Vielen Dank! Ihre Einwilligung ist bestätigt." in response.text
    (confirmed,) = [e for e in harness.events() if e["type"] == "consent.confirmed"]
    assert confirmed["data"] == {
        "request_id": body["request_id"],
        "ip": "testclient",
        "user_agent": USER_AGENT,
    }
    assert confirmed["customer_ref"] == body["customer_ref"]
    assert confirmed["channel"] == "email"
    assert confirmed["at"] == harness.clock.now.isoformat()  # the time of the click
    assert marketing_allowed(harness, body)


def test_a_confirmation_needs_no_prior_view(harness: Harness) -> None:
    body, token = sent_request(harness, channel="sms", address=MOBILE)

    assert harness.post_page(f"/c/{token}").status_code == 200

    assert harness.event_types().count("consent.confirmed") == 1
    assert marketing_allowed(harness, body)


def test_repeating_the_confirmation_says_already_confirmed(harness: Harness) -> None:
    _, token = sent_request(harness)
    harness.post_page(f"/c/{token}")
    seq = harness.last_seq()
    harness.clock.advance(days=2)

    again = harness.post_page(f"/c/{token}")
    view = harness.get_page(f"/c/{token}")

    assert again.status_code == view.status_code == 200
    assert "bereits bestätigt" in again.text
    assert "25.11.2026" in again.text  # the day of the first click (Berlin time)
    assert "bereits bestätigt" in view.text
    assert "<form" not in view.text
    assert harness.last_seq() == seq
    assert harness.event_types().count("consent.confirmed") == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_tokens_are_not_found(harness: Harness, method: str) -> None:
    _, token = sent_request(harness)
    changed = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    seq = harness.last_seq()

    for wrong in (changed, new_id().replace("-", ""), "x" * 300, token[:-1]):
        page = harness.client.request(method, f"/c/{wrong}")
        assert page.status_code == 404, wrong
        assert "Link ungültig" in page.text

    assert harness.last_seq() == seq
    assert "consent.confirmed" not in harness.event_types()


def test_an_unsubscribe_token_does_not_confirm(harness: Harness) -> None:
    sent_request(harness)
    unsubscribe = one_link(harness.emails()[-1].text, "u")

    assert harness.post_page(f"/c/{unsubscribe}").status_code == 404
    assert "consent.confirmed" not in harness.event_types()


# ---- expiry ----------------------------------------------------------------------------------
def test_after_30_days_the_link_has_expired(harness: Harness) -> None:
    body, token = sent_request(harness)
    harness.clock.advance(days=31)

    page = harness.get_page(f"/c/{token}")
    posted = harness.post_page(f"/c/{token}")

    assert page.status_code == posted.status_code == 410
    assert "abgelaufen" in page.text and "abgelaufen" in posted.text
    assert "<form" not in page.text
    assert "consent.confirmed" not in harness.event_types()
    assert not marketing_allowed(harness, body)


def test_within_30_days_the_link_still_works(harness: Harness) -> None:
    _, token = sent_request(harness)
    harness.clock.advance(days=29, hours=23)

    assert harness.post_page(f"/c/{token}").status_code == 200
    assert "consent.confirmed" in harness.event_types()


def test_expired_requests_are_reported_once(harness: Harness) -> None:
    stale, _ = sent_request(harness)
    _, confirmed = sent_request(harness, customer_ref=new_id(), address="bert@example.de")
    harness.post_page(f"/c/{confirmed}")

    harness.clock.advance(days=29)
    assert harness.worker.expire_consent_requests() == 0
    harness.clock.advance(days=2)
    assert harness.worker.expire_consent_requests() == 1
    assert harness.worker.expire_consent_requests() == 0
    harness.clock.advance(days=100)
    assert harness.worker.expire_consent_requests() == 0

    expired = [e for e in harness.events() if e["type"] == "consent.expired"]
    assert len(expired) == 1
    assert expired[0]["data"] == {"request_id": stale["request_id"]}
    assert expired[0]["customer_ref"] == stale["customer_ref"]


# ---- a confirmation lifts an objection -------------------------------------------------------
def test_a_new_confirmed_consent_lifts_the_opt_out(harness: Harness) -> None:
    customer = new_id()
    harness.submit(customer_ref=customer, to="anna.mueller@example.de")
    harness.deliver()
    unsubscribe = one_link(harness.emails()[-1].text, "u")
    assert harness.post_page(f"/u/{unsubscribe}").status_code == 200
    assert harness.submit(customer_ref=customer, category="service_info")["code"] == "suppressed"

    body, token = sent_request(harness, customer_ref=customer)
    harness.get_page(f"/c/{token}")
    still = harness.submit(customer_ref=customer, category="service_info")
    harness.post_page(f"/c/{token}")

    assert still["code"] == "suppressed"  # the request alone changes nothing
    assert harness.submit(customer_ref=customer, category="service_info")["result"] == "accepted"
    assert marketing_allowed(harness, body)
    export = harness.client.get(f"/v1/customers/{customer}/export", headers=harness.auth())
    assert export.json()["opted_out"] is False


def test_a_consent_request_reaches_an_opted_out_customer(harness: Harness) -> None:
    customer = new_id()
    harness.submit(customer_ref=customer)
    harness.deliver()
    harness.post_page(f"/u/{one_link(harness.emails()[-1].text, 'u')}")

    response = harness.request_consent(customer_ref=customer, address="neu@example.de")
    harness.deliver()

    assert response["result"] == "accepted"
    assert len(harness.emails(to="neu@example.de")) == 1


def test_a_confirmed_consent_never_expires(harness: Harness) -> None:
    _, token = sent_request(harness)
    harness.clock.advance(hours=1)
    harness.post_page(f"/c/{token}")
    harness.clock.advance(days=40)  # long after the window: confirmed stays confirmed

    page = harness.get_page(f"/c/{token}")

    assert page.status_code == 200
    assert "bereits bestätigt" in page.text
    assert harness.worker.expire_consent_requests() == 0


def test_a_double_click_confirms_once(harness: Harness) -> None:
    """Customers double-click; browsers resend. Simultaneous POSTs give one confirmation.
    (Five rounds with five customers, so that a race shows reliably.)"""
    clicks, rounds = 8, 5
    statuses: list[int] = []
    errors: list[BaseException] = []
    for n in range(rounds):
        _, token = sent_request(harness, customer_ref=new_id(), address=f"kunde{n}@example.de")
        start = threading.Barrier(clicks)

        def click(token: str = token, start: threading.Barrier = start) -> None:
            try:
                start.wait(timeout=10)
                statuses.append(harness.post_page(f"/c/{token}").status_code)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=click) for _ in range(clicks)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    assert statuses == [200] * clicks * rounds
    assert harness.event_types().count("consent.confirmed") == rounds


def test_a_confirmed_basis_covers_only_the_address_it_was_requested_for(
    harness: Harness,
) -> None:
    """The customer changed her address at the counter: the click on the link mailed to the
    old one proves that one only. A message to the new address naming the old request as
    its basis is refused; the old address (as typed in any case) is still covered."""
    body = harness.confirmed_consent()
    assert body["address"] == "anna.mueller@example.de"
    new = dict(body, address="anna.neu@example.de")
    assert not marketing_allowed(harness, new)
    assert harness.event_types()[-1] == "message.rejected"
    assert harness.events()[-1]["data"] == {"code": "no_basis"}
    assert marketing_allowed(harness, dict(body, address="Anna.Mueller@Example.de"))


def test_an_sms_basis_covers_only_its_number(harness: Harness) -> None:
    body = harness.confirmed_consent(channel="sms", address=MOBILE)
    assert not marketing_allowed(harness, dict(body, address="+4915199999999"))
    assert marketing_allowed(harness, body)
