"""Campaign templates: checks, sandbox, rendering, mandatory footers, wording hints."""

from __future__ import annotations

import jinja2
import pytest

from desk_app.domain import campaign_content
from desk_app.domain.campaign_content import (
    ASSUMED_PUBLIC_URL_LENGTH,
    OBJECTION_NOTICE,
    PLACEHOLDERS,
    ComposedMessage,
    ProblemCode,
    TemplateError,
    TemplateProblem,
    advertising_wording,
    check_template,
    compose,
    needs_imprint,
    render,
    unsubscribe_link_length,
)
from desk_app.domain.enums import Category, Channel
from desk_app.domain.errors import DomainError, InvalidField

VALUES = {
    "first_name": "Anna",
    "last_name": "Berg",
    "salon_name": "Salon Mia",
    "salon_phone": "030 1234567",
    "salon_address": "Torstraße 5, 10119 Berlin",
    "stylist": "Lea",
    "last_visit": "3. März 2026",
    "next_appointment": "",
    "review_url": "https://g.example/r",
}
NOTICE_DE = OBJECTION_NOTICE["de"]
NOTICE_EN = OBJECTION_NOTICE["en"]


def _problem(code: ProblemCode, detail: str, line: int) -> TemplateProblem:
    return TemplateProblem(code, detail, line)


# --- placeholders and checks ------------------------------------------------------------


def test_placeholders_are_the_documented_ones_in_order() -> None:
    assert [p.name for p in PLACEHOLDERS] == [
        "first_name",
        "last_name",
        "salon_name",
        "salon_phone",
        "salon_address",
        "stylist",
        "last_visit",
        "next_appointment",
        "review_url",
    ]
    assert all(p.description.strip() and "\n" not in p.description for p in PLACEHOLDERS)


def test_a_template_using_every_placeholder_and_if_is_fine() -> None:
    text = "\n".join("{{ " + p.name + " }}" for p in PLACEHOLDERS)
    text += "\n{% if not next_appointment and stylist or last_visit %}x{% elif review_url %}"
    text += "y{% else %}z{% endif %} $unsubscribe_url"
    assert check_template(text) == []


def test_unknown_placeholders_are_named_with_their_line_once_each() -> None:
    text = "Hallo {{ vorname }},\n{% if termin %}\n{{ termin }} {{ first_name }}{% endif %}"
    assert check_template(text) == [
        _problem(ProblemCode.UNKNOWN_PLACEHOLDER, "vorname", 1),
        _problem(ProblemCode.UNKNOWN_PLACEHOLDER, "termin", 2),
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Hallo\n{{ first_name }\nTschüss", 2),
        ("{{ first_name }}\n\n{% if stylist %}bei {{ stylist }}", 3),  # no endif
        ("{% endif %}", 1),
        ("a\nb\n{{ }}", 3),
    ],
)
def test_a_syntax_error_is_reported_with_its_line(text: str, line: int) -> None:
    [problem] = check_template(text)
    assert (problem.code, problem.line) == (ProblemCode.SYNTAX, line)
    assert problem.detail  # Jinja2's own message, for the log


@pytest.mark.parametrize(
    ("text", "construct"),
    [
        ("{{ first_name.__class__ }}", "getattr"),
        ("{{ ''.__class__.__mro__ }}", "getattr"),
        ("{{ first_name['__class__'] }}", "getitem"),
        ("{{ first_name|upper }}", "filter"),
        ("{{ first_name.upper() }}", "call"),
        ("{{ first_name() }}", "call"),
        ("{{ 'Hallo' }}", "const"),
        ("{{ first_name ~ last_name }}", "concat"),
        ("{% for c in first_name %}{{ c }}{% endfor %}", "for"),
        ("{% set x = 1 %}", "assign"),
        ("{% if stylist == 'Lea' %}x{% endif %}", "compare"),
        ("{% include 'x' %}", "include"),
        ("{% macro m() %}{% endmacro %}", "macro"),
    ],
)
def test_anything_beyond_placeholders_and_if_is_refused(text: str, construct: str) -> None:
    assert check_template(text) == [_problem(ProblemCode.UNSUPPORTED, construct, 1)]
    with pytest.raises(TemplateError) as caught:
        render(text, VALUES)
    assert caught.value.problems == (_problem(ProblemCode.UNSUPPORTED, construct, 1),)


@pytest.mark.parametrize(
    "text",
    [
        "{{ first_name.__class__ }}",
        "{{ ''.__class__.__mro__ }}",
        "{{ first_name.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
    ],
)
def test_escape_attempts_never_render_anything(text: str) -> None:
    with pytest.raises(TemplateError) as caught:
        render(text, VALUES)
    assert isinstance(caught.value, DomainError)
    assert "class" not in str(caught.value) and "object" not in str(caught.value)


@pytest.mark.parametrize(
    "text", ["{{ ''.__class__.__mro__ }}", "{{ first_name.__class__ }}", "{{ x.__globals__ }}"]
)
def test_the_sandbox_refuses_them_too(text: str) -> None:
    # The second wall, should the node check ever be loosened.
    template = campaign_content._environment().from_string(text)
    with pytest.raises(jinja2.exceptions.SecurityError):
        template.render(first_name="Anna", x=render)


# --- rendering --------------------------------------------------------------------------


def test_render_fills_placeholders_and_keeps_the_unsubscribe_link_placeholder() -> None:
    text = "Hallo {{ first_name }} {{ last_name }}, Ihr {{ salon_name }}.\n$unsubscribe_url\n"
    assert render(text, VALUES) == "Hallo Anna Berg, Ihr Salon Mia.\n$unsubscribe_url\n"


def test_missing_values_render_empty_and_extra_values_are_ignored() -> None:
    text = "[{{ first_name }}|{{ review_url }}]"
    assert render(text, {"first_name": "Jo", "password": "secret"}) == "[Jo|]"
    assert render(text, {}) == "[|]"


def test_values_are_inserted_verbatim_and_not_evaluated() -> None:
    values = {"first_name": "{{ salon_name }} <b>&", "salon_name": "Mia"}
    assert render("Hi {{ first_name }}", values) == "Hi {{ salon_name }} <b>&"


def test_if_blocks_on_their_own_lines_leave_no_blank_lines() -> None:
    text = (
        "Hallo {{ first_name }},\n"
        "{% if next_appointment %}\n"
        "Ihr nächster Termin: {{ next_appointment }}\n"
        "{% else %}\n"
        "Buchen Sie unter {{ salon_phone }}.\n"
        "{% endif %}\n"
        "Bis bald!"
    )
    booked = {**VALUES, "next_appointment": "Fr., 27.11.2026, 14:30"}
    assert render(text, booked) == (
        "Hallo Anna,\nIhr nächster Termin: Fr., 27.11.2026, 14:30\nBis bald!"
    )
    assert render(text, VALUES) == "Hallo Anna,\nBuchen Sie unter 030 1234567.\nBis bald!"


def test_raw_blocks_and_dollar_signs_stay_literal() -> None:
    text = "{% raw %}{{ first_name }}{% endraw %} $first_name $unsubscribe_url"
    assert render(text, VALUES) == "{{ first_name }} $first_name $unsubscribe_url"


def test_render_raises_with_all_problems() -> None:
    with pytest.raises(TemplateError) as caught:
        render("{{ a }}\n{{ b|e }}", VALUES)
    assert caught.value.problems == (
        _problem(ProblemCode.UNKNOWN_PLACEHOLDER, "a", 1),
        _problem(ProblemCode.UNSUPPORTED, "filter", 2),
        _problem(ProblemCode.UNKNOWN_PLACEHOLDER, "b", 2),
    )


# --- compose: footers and notices -------------------------------------------------------

SUBJECT = "Neu bei {{ salon_name }}"
BODY = "Hallo {{ first_name }},\nneue Farben bei uns.\n\n"


def _compose(category: Category, channel: Channel, body: str, language: str) -> ComposedMessage:
    return compose(category, channel, SUBJECT, body, VALUES, language)


IMPRINT_DE = "Impressum: Salon Mia · Torstraße 5, 10119 Berlin · Tel. 030 1234567"
IMPRINT_EN = "Imprint: Salon Mia · Torstraße 5, 10119 Berlin · Phone 030 1234567"
IMPRINTS = {"de": IMPRINT_DE, "en": IMPRINT_EN}


@pytest.mark.parametrize(
    "category",
    [Category.TRANSACTIONAL, Category.CONSENT_REQUEST, Category.SERVICE_INFO, Category.MARKETING],
)
@pytest.mark.parametrize(
    ("channel", "language", "subject", "footer"),
    [
        (Channel.EMAIL, "de", "Neu bei Salon Mia", "\n\n--\nAbmelden: $unsubscribe_url"),
        (Channel.EMAIL, "en", "Neu bei Salon Mia", "\n\n--\nUnsubscribe: $unsubscribe_url"),
        (Channel.SMS, "de", "", "\nAbmelden: $unsubscribe_url"),
        (Channel.SMS, "en", "", "\nUnsubscribe: $unsubscribe_url"),
    ],
)
def test_every_message_gets_an_unsubscribe_footer_when_it_has_no_link(
    category: Category, channel: Channel, language: str, subject: str, footer: str
) -> None:
    message = _compose(category, channel, BODY, language)
    if needs_imprint(category, channel):  # advertising email: the imprint opens the footer
        footer = footer.replace("--\n", f"--\n{IMPRINTS[language]}\n")
    assert message == ComposedMessage(subject, "Hallo Anna,\nneue Farben bei uns." + footer)


@pytest.mark.parametrize("category", list(Category))
@pytest.mark.parametrize("channel", list(Channel))
def test_every_advertising_email_and_nothing_else_carries_the_imprint(
    category: Category, channel: Channel
) -> None:
    # Also when the template has its own unsubscribe link (and so gets no footer line).
    for body in (BODY, "Hallo {{ first_name }}! Abmelden: $unsubscribe_url"):
        message = _compose(category, channel, body, "de")
        advertising = category not in (Category.TRANSACTIONAL, Category.CONSENT_REQUEST)
        expected = channel is Channel.EMAIL and advertising
        assert (IMPRINT_DE in message.body) is expected
        if expected:
            assert message.body.endswith(IMPRINT_DE) or message.body.endswith("$unsubscribe_url")


def test_without_the_salon_address_an_advertising_email_is_refused_and_an_sms_is_not() -> None:
    values = {**VALUES, "salon_address": "  "}
    with pytest.raises(InvalidField) as refused:
        compose(Category.MARKETING, Channel.EMAIL, SUBJECT, BODY, values, "de")
    assert (refused.value.field, refused.value.problem) == ("salon_address", "imprint_required")
    sms = compose(Category.MARKETING, Channel.SMS, "", BODY, values, "de")
    assert sms.body.endswith("Abmelden: $unsubscribe_url")
    booking = compose(Category.TRANSACTIONAL, Channel.EMAIL, SUBJECT, BODY, values, "de")
    assert "Impressum" not in booking.body


def test_the_imprint_leaves_out_a_phone_the_salon_has_not_set() -> None:
    values = {**VALUES, "salon_phone": ""}
    body = compose(Category.MARKETING, Channel.EMAIL, SUBJECT, BODY, values, "en").body
    assert "Imprint: Salon Mia · Torstraße 5, 10119 Berlin\nUnsubscribe:" in body


@pytest.mark.parametrize("category", list(Category))
@pytest.mark.parametrize("channel", list(Channel))
def test_a_body_with_its_own_link_gets_no_footer(category: Category, channel: Channel) -> None:
    body = "Hallo {{ first_name }}! Keine Nachrichten mehr: $unsubscribe_url"
    message = _compose(category, channel, body, "de")
    assert message.body.count("$unsubscribe_url") == 1
    assert "Abmelden:" not in message.body
    assert message.body.startswith("Hallo Anna! Keine Nachrichten mehr: $unsubscribe_url")


@pytest.mark.parametrize(
    ("channel", "language", "expected"),
    [
        (
            Channel.EMAIL,
            "de",
            f"Hallo Anna,\nneue Farben bei uns.\n\n{NOTICE_DE}\n\n--\n{IMPRINT_DE}"
            "\nAbmelden: $unsubscribe_url",
        ),
        (
            Channel.EMAIL,
            "en",
            f"Hallo Anna,\nneue Farben bei uns.\n\n{NOTICE_EN}"
            f"\n\n--\n{IMPRINT_EN}\nUnsubscribe: $unsubscribe_url",
        ),
        # Similar offers never go by SMS (the policy), but the notice would not be missing.
        (
            Channel.SMS,
            "de",
            f"Hallo Anna,\nneue Farben bei uns.\n\n{NOTICE_DE}\nAbmelden: $unsubscribe_url",
        ),
    ],
)
def test_a_similar_offer_carries_the_objection_notice_before_the_footer(
    channel: Channel, language: str, expected: str
) -> None:
    assert _compose(Category.SIMILAR_OFFER, channel, BODY, language).body == expected


def test_the_notice_is_not_repeated_when_the_template_has_it_even_wrapped() -> None:
    wrapped = NOTICE_DE.replace(" jederzeit ", "\njederzeit ")
    body = f"Hallo {{{{ first_name }}}},\n\n{wrapped}\n\n$unsubscribe_url"
    message = _compose(Category.SIMILAR_OFFER, Channel.EMAIL, body, "de")
    assert message.body == f"Hallo Anna,\n\n{wrapped}\n\n$unsubscribe_url\n\n--\n{IMPRINT_DE}"


def test_the_notice_in_the_other_language_counts_as_present() -> None:
    body = f"Hi {{{{ first_name }}}}. {NOTICE_EN}"
    message = _compose(Category.SIMILAR_OFFER, Channel.EMAIL, body, "de")
    assert message.body == f"Hi Anna. {NOTICE_EN}\n\n--\n{IMPRINT_DE}\nAbmelden: $unsubscribe_url"


@pytest.mark.parametrize("category", [c for c in Category if c is not Category.SIMILAR_OFFER])
def test_only_similar_offers_get_the_notice(category: Category) -> None:
    body = _compose(category, Channel.EMAIL, BODY, "de").body
    assert NOTICE_DE not in body and NOTICE_EN not in body


@pytest.mark.parametrize(
    ("language", "footer"),
    [
        ("de", "Abmelden"),
        ("en", "Unsubscribe"),
        ("en-GB", "Unsubscribe"),
        ("en_US", "Unsubscribe"),
        ("EN", "Unsubscribe"),
        ("de-AT", "Abmelden"),
        ("fr", "Abmelden"),
        ("", "Abmelden"),
    ],
)
def test_unknown_languages_fall_back_to_german(language: str, footer: str) -> None:
    body = _compose(Category.MARKETING, Channel.EMAIL, "x", language).body
    imprint = IMPRINTS["en" if footer == "Unsubscribe" else "de"]  # the same fallback
    assert body == f"x\n\n--\n{imprint}\n{footer}: $unsubscribe_url"


def test_an_empty_body_is_just_the_footer() -> None:
    assert (
        _compose(Category.MARKETING, Channel.SMS, "", "en").body == "Unsubscribe: $unsubscribe_url"
    )


def test_the_subject_is_one_line_whatever_the_values_hold() -> None:
    values = {**VALUES, "first_name": "Anna\r\nBcc: x@example.org"}
    message = compose(Category.MARKETING, Channel.EMAIL, "Für {{ first_name }} ", "x", values, "de")
    assert message.subject == "Für Anna Bcc: x@example.org"


def test_compose_raises_for_a_broken_subject_or_body() -> None:
    with pytest.raises(TemplateError) as caught:
        compose(Category.MARKETING, Channel.EMAIL, "{{ betreff }}", "x", VALUES, "de")
    assert caught.value.problems == (_problem(ProblemCode.UNKNOWN_PLACEHOLDER, "betreff", 1),)
    with pytest.raises(TemplateError):
        compose(Category.MARKETING, Channel.SMS, "", "{% if %}", VALUES, "de")


def test_an_sms_ignores_the_subject_template() -> None:
    message = compose(Category.MARKETING, Channel.SMS, "{{ betreff }}", "x", VALUES, "de")
    assert message == ComposedMessage("", "x\nAbmelden: $unsubscribe_url")


# --- unsubscribe link length ------------------------------------------------------------


def test_the_link_is_the_gateway_url_and_a_43_character_token() -> None:
    assert unsubscribe_link_length("https://gw.example") == len("https://gw.example/u/") + 43
    assert unsubscribe_link_length("https://salon-mia.example.com/gateway/") == 37 + 3 + 43


def test_without_a_gateway_address_a_long_one_is_assumed() -> None:
    assert unsubscribe_link_length("") == ASSUMED_PUBLIC_URL_LENGTH + 3 + 43
    assert len("https://gw.example") < ASSUMED_PUBLIC_URL_LENGTH


# --- advertising wording ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ihr Termin am Freitag um 14:30 ist bestätigt.", []),
        ("Jetzt 20 % Rabatt auf alle Farben!", ["20 %", "Rabatt"]),
        ("Nur heute: -15% mit Gutscheincode SOMMER", ["15%", "Gutscheincode"]),
        (
            "Unser Sonderangebot: Angebote und Angebotswoche",
            ["Sonderangebot", "Angebote", "Angebotswoche"],
        ),
        ("Die angebotene Uhrzeit passt? Wir haben sie angeboten.", []),
        (
            "AKTION! Aktionen im Mai; aber keine Reaktion, Redaktion oder Transaktion",
            ["AKTION", "Aktionen"],
        ),
        ("Geschenkgutschein gratis – sparen Sie jetzt", ["Geschenkgutschein", "gratis", "sparen"]),
        ("Summer Sale im Salon", ["Sale"]),
        ("Bitte bewerten Sie uns auf Google mit 5 Sternen", ["bewerten", "Google", "Sternen"]),
        ("Ihre Bewertung hilft! Eine Rezension? 5 Sterne!", ["Bewertung", "Rezension", "Sterne"]),
        ("Get a discount: our offer, a voucher, free!", ["discount", "offer", "voucher", "free"]),
        ("Please leave a review or rate us", ["review", "rate us"]),
        ("Rabatt, rabatt, RABATT und 10% und 10 %", ["Rabatt", "10%", "10 %"]),
        ("Your appointment on Friday at 2 pm is confirmed. Salon Mia", []),
        ("Treffpunkt: Stern-Apotheke; Preis 45,00 € (Stand 2026); Raum 3", []),
        ("Artikel A10%, Typ B2%", []),  # a number glued to a word is no discount
        ("Sie sparten 3,5 % und 12.5%", ["3,5 %", "12.5%"]),
    ],
)
def test_advertising_words_are_found_in_order_once(text: str, found: list[str]) -> None:
    assert advertising_wording(text) == found


@pytest.mark.parametrize(
    "text", ["Sagen Sie uns Ihre Meinung: $review_url", "Wie war es? {{ review_url }}"]
)
def test_a_review_link_is_a_review_request_whatever_the_words(text: str) -> None:
    assert len(advertising_wording(text)) == 1


# --- names that are not placeholders (issue 8: {{ lipsum }} in 227 mails) ----------------


@pytest.mark.parametrize(
    "name", ["lipsum", "range", "dict", "cycler", "joiner", "namespace", "self", "loop"]
)
def test_jinja_globals_are_unknown_placeholders(name: str) -> None:
    text = "Hallo {{ " + name + " }}"
    assert check_template(text) == [_problem(ProblemCode.UNKNOWN_PLACEHOLDER, name, 1)]
    with pytest.raises(TemplateError):
        render(text, VALUES)


def test_a_jinja_global_in_an_if_is_refused_too() -> None:
    text = "{% if lipsum %}x{% endif %}"
    assert check_template(text) == [_problem(ProblemCode.UNKNOWN_PLACEHOLDER, "lipsum", 1)]


def test_the_environment_has_no_globals_left_to_reach() -> None:
    # The second wall: even unchecked, a template sees nothing but what it is given.
    template = campaign_content._environment().from_string("[{{ lipsum is defined }}]")
    assert template.render() == "[False]"


# --- forbidden characters in templates ----------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\u2028", "\u2029", "\x85", "\ufffe"])
def test_forbidden_characters_are_named_by_code_with_their_line(char: str) -> None:
    text = "Hallo {{ first_name }},\nneu" + char + "es"
    assert check_template(text) == [
        _problem(ProblemCode.CONTROL_CHARACTERS, f"U+{ord(char):04X}", 2)
    ]
    with pytest.raises(TemplateError):
        render(text, VALUES)


def test_line_breaks_and_tabs_are_text_in_a_body_but_not_in_a_subject() -> None:
    assert check_template("a\n\tb\r\n") == []
    assert check_template("a\tb", multiline=False) == [
        _problem(ProblemCode.CONTROL_CHARACTERS, "U+0009", 1)
    ]
    assert check_template("a\nb", multiline=False) == [
        _problem(ProblemCode.CONTROL_CHARACTERS, "U+000A", 1)
    ]


# --- placeholders that must have a value ------------------------------------------------


def test_printed_placeholders_are_required_unless_the_template_tests_them() -> None:
    text = (
        "Hallo {{ first_name }}, rufen Sie uns an: {{ salon_phone }}.\n"
        "{% if next_appointment %}Bis {{ next_appointment }}{% endif %}\n"
        "{% if not stylist %}{% else %}{{ stylist }}{% endif %}\n"
        "{% if last_visit and review_url %}{{ review_url }}{% endif %}"
    )
    assert campaign_content.required_placeholders(text) == {"first_name", "salon_phone"}


def test_a_template_with_problems_requires_nothing() -> None:
    assert campaign_content.required_placeholders("{{ salon_phone }} {{ x }}") == frozenset()


def test_a_long_rendered_subject_is_cut_to_what_the_outbox_keeps() -> None:
    values = {**VALUES, "first_name": "A" * 80, "last_name": "B" * 80}
    message = compose(
        Category.MARKETING,
        Channel.EMAIL,
        "Liebe(r) {{ first_name }} {{ last_name }}, " + "x" * 100,
        "Text",
        values,
        "de",
    )
    assert len(message.subject) == 200
    assert message.subject.endswith("…")
