"""The booking page's steps, server-rendered (no JavaScript): a treatment, then a staff
member („egal") and a day, then a time; the contact form is ``form_page``.

Every step is a GET form (bookmarkable, works with the back button), every input has its
label, every group of choices is a fieldset with a legend. Each page carries its own two
style sheets (the fixed one and the salon's colour) and the Content-Security-Policy that
allows exactly those two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import urlencode

from desk_gateway.booking.formats import day_label, price_label, time_label
from desk_gateway.booking.schemas import Treatment
from desk_gateway.booking.store import Site, Start
from desk_gateway.booking.style import BASE, colour_sheet, content_security_policy
from desk_gateway.booking.texts import ERRORS, TEXT

ANY = "any"


@dataclass(frozen=True)
class Page:
    html: str
    csp: str  # the Content-Security-Policy that allows this page's style sheets


def e(value: object) -> str:
    return escape(str(value), quote=True)


def book_path(public_name: str) -> str:
    return f"/book/{public_name}"


def step_url(site: Site, lang: str, **params: object) -> str:
    query = urlencode({"lang": lang, **{k: str(v) for k, v in params.items()}})
    return f"{book_path(site.public_name)}?{query}"


def document(site: Site, lang: str, title: str, body: str) -> Page:
    colours = colour_sheet(site.snapshot.salon.colour)
    salon = site.snapshot.salon.name
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{e(title)} – {e(salon)}</title>"
        f"<style>{BASE}</style><style>{colours}</style></head>"
        f"<body><header><p>{e(salon)}</p></header>"
        f"<main><h1>{e(title)}</h1>{body}</main></body></html>"
    )
    return Page(html, content_security_policy(BASE, colours))


def hidden(name: str, value: object) -> str:
    return f'<input type="hidden" name="{e(name)}" value="{e(value)}">'


def choice(
    kind: str, name: str, ident: str, value: object, label: str, checked: bool = False
) -> str:
    """One radio button or checkbox with its label (``label`` is HTML, escaped already)."""
    mark = " checked" if checked else ""
    required = " required" if kind == "radio" else ""
    return (
        f'<div class="choice"><input type="{kind}" name="{e(name)}" id="{e(ident)}" '
        f'value="{e(value)}"{required}{mark}><label for="{e(ident)}">{label}</label></div>'
    )


def treatment_line(treatment: Treatment, lang: str) -> str:
    parts = [TEXT[lang]["minutes"].format(minutes=treatment.minutes)]
    if treatment.price_cents is not None:
        parts.append(price_label(treatment.price_cents, lang))
    return f"{treatment.name} · " + " · ".join(parts)


def staff_line(site: Site, staff_id: int | None, lang: str) -> str:
    """„bei Anna", or that anyone will do."""
    if staff_id is None:
        return TEXT[lang]["with_anyone"]
    return TEXT[lang]["with"].format(staff=site.snapshot.staff_name(staff_id))


def _phone_line(site: Site, lang: str) -> str:
    phone = site.snapshot.salon.phone
    return f"<p>{e(TEXT[lang]['call_us'].format(phone=phone))}</p>" if phone else ""


def _summary(site: Site, lang: str, lines: Sequence[str], links: Sequence[tuple[str, str]]) -> str:
    items = "".join(f"<p>{e(line)}</p>" for line in lines)
    anchors = " · ".join(f'<a href="{e(href)}">{e(text)}</a>' for href, text in links)
    return f'<div class="summary">{items}<p>{anchors}</p></div>'


def _form(site: Site, lang: str, inner: str, button: str) -> str:
    return (
        f'<form method="get" action="{e(book_path(site.public_name))}">{hidden("lang", lang)}'
        f'{inner}<button type="submit">{e(button)}</button></form>'
    )


# ---- the steps --------------------------------------------------------------------------------
def disabled_page(site: Site, lang: str) -> Page:
    t = TEXT[lang]
    return document(site, lang, t["title"], f"<p>{e(t['disabled'])}</p>{_phone_line(site, lang)}")


def treatments_page(site: Site, lang: str, notice: str | None = None) -> Page:
    t = TEXT[lang]
    bookable = [tr for tr in site.snapshot.treatments if tr.staff_ids]
    if not bookable:
        body = f"<p>{e(t['no_treatments'])}</p>{_phone_line(site, lang)}"
        return document(site, lang, t["title"], body)
    options = []
    for treatment in bookable:
        ident = f"treatment-{treatment.id}"
        label = e(treatment_line(treatment, lang))
        option = choice("radio", "treatment", ident, treatment.id, label)
        if treatment.description:
            about = f"{ident}-about"
            option = option.replace(" required>", f' required aria-describedby="{about}">', 1)
            option += f'<p class="hint statement" id="{about}">{e(treatment.description)}</p>'
        options.append(option)
    notice_html = _notice(notice, lang)
    inner = f"<fieldset><legend>{e(t['step_treatment'])}</legend>{''.join(options)}</fieldset>"
    return document(site, lang, t["title"], notice_html + _form(site, lang, inner, t["next"]))


def _notice(code: str | None, lang: str) -> str:
    if code is None:
        return ""
    return f'<p class="error" role="alert">{e(ERRORS[lang][code])}</p>'


def days_page(
    site: Site, lang: str, treatment: Treatment, staff_id: int | None, days: Sequence[date]
) -> Page:
    """Step 2 and 3: the staff member („egal" first) and the days with free times (for the
    staff member chosen so far)."""
    t = TEXT[lang]
    summary = _summary(
        site, lang, [treatment_line(treatment, lang)], [(step_url(site, lang), t["start_over"])]
    )
    staff_options = [
        choice("radio", "staff", "staff-any", ANY, e(t["any_staff"]), staff_id is None)
    ]
    for member in site.snapshot.staff:
        if member.id in treatment.staff_ids:
            staff_options.append(
                choice(
                    "radio",
                    "staff",
                    f"staff-{member.id}",
                    member.id,
                    e(member.name),
                    staff_id == member.id,
                )
            )
    staff_set = (
        f"<fieldset><legend>{e(t['step_staff'])}</legend>{''.join(staff_options)}</fieldset>"
    )
    if days:
        day_options = "".join(
            choice(
                "radio", "day", f"day-{day.isoformat()}", day.isoformat(), e(day_label(day, lang))
            )
            for day in days
        )
    else:
        day_options = f"<p>{e(t['no_days'])}</p>"
    day_set = f"<fieldset><legend>{e(t['step_day'])}</legend>{day_options}</fieldset>"
    inner = hidden("treatment", treatment.id) + staff_set + day_set
    # Nothing suits (no free day, or none that suits): the waitlist (issue 14).
    from desk_gateway.booking.waitlist_pages import join_link

    waitlist = join_link(site, lang, treatment, staff_id)
    return document(
        site, lang, t["title"], summary + _form(site, lang, inner, t["show_times"]) + waitlist
    )


def times_page(
    site: Site,
    lang: str,
    treatment: Treatment,
    staff_id: int | None,
    day: date,
    starts: Sequence[Start],
    notice: str | None = None,
) -> Page:
    t = TEXT[lang]
    back = step_url(site, lang, treatment=treatment.id, staff=staff_id or ANY)
    summary = _summary(
        site,
        lang,
        [treatment_line(treatment, lang), staff_line(site, staff_id, lang), day_label(day, lang)],
        [(back, t["other_day"]), (step_url(site, lang), t["start_over"])],
    )
    if not starts:
        return document(
            site, lang, t["title"], _notice(notice, lang) + summary + f"<p>{e(t['no_times'])}</p>"
        )
    options = "".join(
        choice(
            "radio",
            "start",
            f"start-{start.starts_at.strftime('%Y%m%d%H%M')}",
            start.starts_at.isoformat(),
            e(time_label(start.starts_at, site.zone)),
        )
        for start in starts
    )
    inner = (
        hidden("treatment", treatment.id)
        + hidden("staff", staff_id or ANY)
        + f'<fieldset><legend>{e(t["step_time"])}</legend><div class="times">{options}</div>'
        "</fieldset>"
    )
    return document(
        site,
        lang,
        t["title"],
        _notice(notice, lang) + summary + _form(site, lang, inner, t["next"]),
    )


def sent_page(site: Site, lang: str) -> Page:
    t = TEXT[lang]
    body = (
        f'<p role="status">{e(t["sent"])}</p>'
        f'<p><a href="{e(step_url(site, lang))}">{e(t["book_another"])}</a></p>'
    )
    return document(site, lang, t["sent_title"], body)


def too_many_page(site: Site, lang: str) -> Page:
    t = TEXT[lang]
    return document(site, lang, t["title"], f"<p>{e(t['too_many'])}</p>{_phone_line(site, lang)}")
