"""The outbox preview's email body: escaped, paragraphs, links shown with their address."""

from __future__ import annotations

from desk_app.ui.outbox.message_preview import body_html


def test_email_body_is_escaped_and_its_links_are_shown_with_their_address() -> None:
    html = body_html(
        "Hallo <b>Anna</b>,\n\n  Schnitt um 9\nhttps://salon.example/x?a=1&b=2\n\n"
        "Abmelden: $unsubscribe_url",
        "[link]",
    )
    assert "<b>" not in html and "&lt;b&gt;Anna&lt;/b&gt;" in html
    assert html.count("<p ") == 3  # blank lines make paragraphs
    link = "https://salon.example/x?a=1&amp;b=2"
    assert f'<a href="{link}">{link}</a>' in html  # the address is what the reader sees
    assert "[link]" in html and "$unsubscribe_url" not in html
