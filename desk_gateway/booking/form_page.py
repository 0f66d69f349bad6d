"""The last step: the customer's details and the consent boxes, posted to
``/book/{public_name}``; shown again (422) with everything typed and each error next to its
field when a check fails.

The consent part is the source document's: one box per channel, never ticked by the page,
with the statement that will be recorded (its version travels as a hidden field), the
salon's privacy notice, the §7(3) UWG objection notice beside the email field, and the box
for a customer who unsubscribed earlier to still get this booking's confirmation. The
honeypot ``website`` is out of sight and out of reach for people (off screen, aria-hidden,
no tab stop, no autofill); bots fill it in.
"""

from __future__ import annotations

from collections.abc import Mapping

from desk_app.domain.text_safety import cleaned
from desk_gateway.booking.form import Choice, Submission, statement_version
from desk_gateway.booking.formats import when_label
from desk_gateway.booking.pages import (
    ANY,
    Page,
    book_path,
    document,
    e,
    hidden,
    staff_line,
    step_url,
    treatment_line,
)
from desk_gateway.booking.store import Site
from desk_gateway.booking.texts import ERRORS, TEXT

# Where each error is shown (the contact error belongs to both fields).
_DESCRIBED = {"email": ("contact",), "phone": ("contact",)}
_LABELLED = ("first_name", "last_name", "email", "phone", "note", "consent_email", "consent_sms")
_SUMMARY_TARGET = {
    "contact": "email",
    "consent": "consent_email",
    "website": "first_name",
    "start": "first_name",
}


def _typed(submission: Submission, name: str) -> str:
    """What the customer typed, to refill the field; a character no page may carry (a
    control character the checks refused) shows as "?"."""
    return e(cleaned(submission.get(name), multiline=name == "note"))


def _error(name: str, errors: Mapping[str, str], lang: str) -> str:
    code = errors.get(name)
    if code is None:
        return ""
    return f'<p class="error" id="{name}-error">{e(ERRORS[lang][code])}</p>'


def _described(name: str, errors: Mapping[str, str], extra: tuple[str, ...] = ()) -> str:
    ids = [f"{n}-error" for n in (name, *_DESCRIBED.get(name, ())) if n in errors]
    ids += list(extra)
    invalid = (
        ' aria-invalid="true"'
        if any(n in errors for n in (name, *_DESCRIBED.get(name, ())))
        else ""
    )
    return (f' aria-describedby="{" ".join(ids)}"' if ids else "") + invalid


def _input(
    name: str,
    kind: str,
    label: str,
    submission: Submission,
    errors: Mapping[str, str],
    lang: str,
    *,
    autocomplete: str,
    required: bool = False,
    hint_ids: tuple[str, ...] = (),
    after: str = "",
) -> str:
    req = " required" if required else ""
    return (
        f'<label for="{name}">{e(label)}</label>{_error(name, errors, lang)}'
        f'<input type="{kind}" id="{name}" name="{name}" value="{_typed(submission, name)}" '
        f'autocomplete="{autocomplete}"{req}{_described(name, errors, hint_ids)}>{after}'
    )


def _error_summary(errors: Mapping[str, str], lang: str) -> str:
    if not errors:
        return ""
    t = TEXT[lang]
    items = []
    for name, code in errors.items():
        # "Vorname: Bitte ausfüllen." – the summary must say which field it means.
        label = t[name].rstrip(":") + ": " if name in _LABELLED else ""
        target = _SUMMARY_TARGET.get(name, name)
        items.append(f'<li><a href="#{target}">{e(label + ERRORS[lang][code])}</a></li>')
    return (
        f'<div class="errors" role="alert"><h2>{e(TEXT[lang]["errors_title"])}</h2>'
        f"<ul>{''.join(items)}</ul></div>"
    )


def _consent(site: Site, lang: str, submission: Submission, errors: Mapping[str, str]) -> str:
    t = TEXT[lang]
    statements = site.snapshot.consent.for_language(lang)
    # After a changed statement the customer ticks again, having read the new one.
    keep = "consent" not in errors
    boxes = []
    for channel, statement in (("email", statements.email), ("sms", statements.sms)):
        if statement is None:
            continue
        name = f"consent_{channel}"
        ticked = " checked" if keep and submission.ticked(name) else ""
        described = ["consent-note"] + [f"{n}-error" for n in (name, "consent") if n in errors]
        boxes.append(
            f"{_error(name, errors, lang)}"
            f'<div class="choice"><input type="checkbox" id="{name}" name="{name}" value="1"'
            f'{ticked} aria-describedby="{" ".join(described)}"><label for="{name}">'
            f"<strong>{e(t[name])}</strong> "
            f'<span class="statement">{e(statement.text)}</span></label></div>'
        )
    if not boxes:
        return ""
    privacy = site.snapshot.salon.privacy_url
    privacy_html = f'<p><a href="{e(privacy)}">{e(t["privacy"])}</a></p>' if privacy else ""
    return (
        f"<fieldset><legend>{e(t['consent_legend'])}</legend>{_error('consent', errors, lang)}"
        f"{''.join(boxes)}"
        f'<p class="note" id="consent-note">{e(t["consent_note"])}</p>{privacy_html}'
        f"{hidden('statement_version', statement_version(statements))}</fieldset>"
    )


def _notify(lang: str, submission: Submission) -> str:
    t = TEXT[lang]
    ticked = " checked" if submission.ticked("notify_after_objection") else ""
    return (
        f'<fieldset><legend>{e(t["notify_legend"])}</legend><div class="choice">'
        f'<input type="checkbox" id="notify_after_objection" name="notify_after_objection" '
        f'value="1"{ticked}><label for="notify_after_objection">'
        f"{e(t['notify_after_objection'])}</label></div></fieldset>"
    )


def _honeypot(lang: str, submission: Submission) -> str:
    return (
        '<div class="trap" aria-hidden="true">'
        f'<label for="website">{e(TEXT[lang]["website"])}</label>'
        f'<input type="text" id="website" name="website" value="{_typed(submission, "website")}" '
        'tabindex="-1" autocomplete="off"></div>'
    )


def contact_page(
    site: Site,
    lang: str,
    choice: Choice,
    submission: Submission | None = None,
    errors: Mapping[str, str] | None = None,
) -> Page:
    t = TEXT[lang]
    submission = submission or Submission({})
    errors = dict(errors or {})
    staff = ANY if choice.staff_id is None else choice.staff_id
    local_day = choice.starts_at.astimezone(site.zone).date().isoformat()
    times = step_url(site, lang, treatment=choice.treatment.id, staff=staff, day=local_day)
    who = staff_line(site, choice.staff_id, lang)
    summary = (
        f'<div class="summary"><h2>{e(t["your_choice"])}</h2>'
        f"<p>{e(treatment_line(choice.treatment, lang))}</p><p>{e(who)}</p>"
        f"<p>{e(when_label(choice.starts_at, site.zone, lang))}</p>"
        f"{_error('start', errors, lang)}"
        f'<p><a href="{e(times)}">{e(t["change"])}</a></p></div>'
    )
    contact_error = _error("contact", errors, lang)
    details = (
        f"<fieldset><legend>{e(t['step_contact'])}</legend>"
        + _input(
            "first_name",
            "text",
            t["first_name"],
            submission,
            errors,
            lang,
            autocomplete="given-name",
            required=True,
        )
        + _input(
            "last_name",
            "text",
            t["last_name"],
            submission,
            errors,
            lang,
            autocomplete="family-name",
            required=True,
        )
        + f'<p class="hint" id="contact-hint">{e(t["contact_hint"])}</p>{contact_error}'
        + _input(
            "email",
            "email",
            t["email"],
            submission,
            errors,
            lang,
            autocomplete="email",
            hint_ids=("contact-hint", "objection-notice"),
            after=f'<p class="note" id="objection-notice">{e(t["objection_notice"])}</p>',
        )
        + _input(
            "phone",
            "tel",
            t["phone"],
            submission,
            errors,
            lang,
            autocomplete="tel",
            hint_ids=("contact-hint", "phone-hint"),
            after=f'<p class="hint" id="phone-hint">{e(t["phone_hint"])}</p>',
        )
        + f'<label for="note">{e(t["note"])}</label>{_error("note", errors, lang)}'
        f'<textarea id="note" name="note" maxlength="500"{_described("note", errors)}>'
        f"{_typed(submission, 'note')}</textarea>" + _honeypot(lang, submission) + "</fieldset>"
    )
    form = (
        f'<form method="post" action="{e(book_path(site.public_name))}">'
        + hidden("lang", lang)
        + hidden("treatment", choice.treatment.id)
        + hidden("staff", staff)
        + hidden("start", choice.starts_at.isoformat())
        + details
        + _consent(site, lang, submission, errors)
        + _notify(lang, submission)
        + f'<button type="submit">{e(t["send"])}</button></form>'
    )
    return document(site, lang, t["title"], _error_summary(errors, lang) + summary + form)
