"""A customer page's form posted from another site is refused (``web.same_site``): the
booking page, its waitlist and an offer's acceptance; the salon's own pages, scripts and
mail providers' RFC 8058 one-click opt-outs still get through."""

from __future__ import annotations

from datetime import timedelta

from desk_gateway.booking.offers import offer_token
from desk_gateway.web.same_site import cross_site_post

from ..support import Harness
from .support import ANNA, CUT, NAME, publish
from .test_offer_page import offer_item

ELSEWHERE = {"Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"}


def _wish(h: Harness) -> dict[str, str]:
    today = h.clock.now.date()
    return {
        "lang": "en", "treatment": str(CUT), "staff": str(ANNA),
        "first_day": today.isoformat(), "last_day": (today + timedelta(days=5)).isoformat(),
        "from": "09:00", "until": "12:00", "channel": "email", "day": "1",
        "first_name": "Erika", "last_name": "Wartet", "email": "erika@example.de",
        "phone": "", "website": "",
    }  # fmt: skip


def test_forms_posted_from_another_site_are_refused(harness: Harness) -> None:
    h = harness
    assert publish(h).status_code == 200
    waitlist = f"/book/{NAME}/waitlist?lang=en"
    refused = h.client.post(waitlist, data=_wish(h), headers=ELSEWHERE, follow_redirects=False)
    assert refused.status_code == 403 and "another website" in refused.text
    old_browser = {"Origin": "https://elsewhere.example"}  # no Sec-Fetch-Site
    assert h.client.post(waitlist, data=_wish(h), headers=old_browser).status_code == 403
    booking = h.client.post(f"/book/{NAME}?lang=de", data={}, headers=ELSEWHERE)
    assert booking.status_code == 403 and "anderen Website" in booking.text
    assert "waitlist.requested" not in h.event_types()

    item = offer_item(h.clock)
    assert h.post_messages([item])[0]["result"] == "accepted"
    link = f"/w/{offer_token(h.gw, h.installation_id, item['client_id'])}"
    assert h.client.post(link, headers=ELSEWHERE).status_code == 403
    assert "waitlist.accepted" not in h.event_types()

    # The page's own form (under no-referrer browsers send "Origin: null"), and old ones.
    own = {"Sec-Fetch-Site": "same-origin", "Origin": "null"}
    sent = h.client.post(waitlist, data=_wish(h), headers=own, follow_redirects=False)
    assert sent.status_code == 303
    public = h.gw.config.public_url
    sent = h.client.post(waitlist, data=_wish(h), headers={"Origin": public},
                         follow_redirects=False)  # fmt: skip
    assert sent.status_code == 303
    assert h.client.post(link, headers=own).status_code == 200

    # An opt-out is never refused, whoever posts it (RFC 8058 one-click from a provider).
    h.submit(to="eva@example.de")
    h.deliver()
    unsubscribe = h.client.post(
        f"/u/{h.unsubscribe_token('eva@example.de')}",
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded", **ELSEWHERE},
    )
    assert unsubscribe.status_code == 200 and "optout.received" in h.event_types()


def test_origins_are_compared_with_default_ports_and_case() -> None:
    public = "https://Termine.example:443/"
    assert not cross_site_post({"origin": "https://termine.example"}, public)
    assert cross_site_post({"origin": "http://termine.example"}, public)
    assert cross_site_post({"origin": "https://termine.example:8443"}, public)
    assert cross_site_post({"origin": "https://termine.example:99999"}, public)
    assert not cross_site_post(
        {"sec-fetch-site": "same-site", "origin": "https://x.example"}, public
    )
    assert not cross_site_post({}, public)
