"""The manage page's HTML (/m/{token}): the booking, the cancel button and the step to
another time, in the look of the booking page (its style sheets, the salon's colour, the
Content-Security-Policy that allows exactly those two). No JavaScript: choosing a staff
member and a day is a GET form, cancelling and moving are POST forms."""

from __future__ import annotations

from urllib.parse import urlencode

from desk_gateway.booking.formats import day_label, time_label, when_label
from desk_gateway.booking.manage import (
    ANY,
    CANCEL_REQUESTED,
    CANCELLED,
    CHANGE_REQUESTED,
    ChangeStep,
    ManageView,
)
from desk_gateway.booking.pages import Page, choice, e, hidden
from desk_gateway.booking.style import BASE, colour_sheet, content_security_policy

TEXT: dict[str, dict[str, str]] = {
    "de": {
        "title": "Ihr Termin",
        "with": "bei {staff}",
        "cancel_title": "Absagen",
        "cancel": "Termin absagen",
        "deadline": "Absagen und Verschieben ist online bis {when} möglich.",
        "move_title": "Andere Zeit wählen",
        "show_times": "Freie Zeiten anzeigen",
        "staff_legend": "Mitarbeiter/in",
        "same_staff": "wieder bei {staff}",
        "any_staff": "egal",
        "day_legend": "Tag",
        "time_legend": "Uhrzeit am {day}",
        "ask_move": "Diese Zeit anfragen",
        "no_times": "In den nächsten Wochen ist für diese Auswahl nichts frei.",
        "call": "Online lässt sich dieser Termin nicht mehr ändern. Bitte rufen Sie uns an.",
        "phone": "Telefon:",
        "cancelled": "Dieser Termin ist abgesagt.",
        "cancel_requested": "Ihre Absage ist beim Salon angekommen. Sie bekommen noch eine "
        "Bestätigung.",
        "change_requested": "Sie haben {when} angefragt. Der Salon bestätigt Ihnen die neue "
        "Zeit; bis dahin gilt Ihr bisheriger Termin.",
        "start_taken": "Diese Zeit ist leider nicht mehr frei. Bitte wählen Sie eine andere.",
    },
    "en": {
        "title": "Your appointment",
        "with": "with {staff}",
        "cancel_title": "Cancel",
        "cancel": "Cancel the appointment",
        "deadline": "You can cancel or move it online until {when}.",
        "move_title": "Choose another time",
        "show_times": "Show free times",
        "staff_legend": "Staff member",
        "same_staff": "again with {staff}",
        "any_staff": "any",
        "day_legend": "Day",
        "time_legend": "Time on {day}",
        "ask_move": "Ask for this time",
        "no_times": "Nothing is free for this choice in the coming weeks.",
        "call": "This appointment can no longer be changed online. Please call us.",
        "phone": "Phone:",
        "cancelled": "This appointment is cancelled.",
        "cancel_requested": "The salon has your cancellation. You will get a confirmation.",
        "change_requested": "You asked for {when}. The salon will confirm the new time; until "
        "then your appointment stays as it is.",
        "start_taken": "Sorry, this time is no longer free. Please choose another one.",
    },
}


def manage_path(token: str, lang: str, **params: str) -> str:
    return f"/m/{token}?" + urlencode({"lang": lang, **params})


def document(view: ManageView, lang: str, body: str) -> Page:
    colours = colour_sheet(view.colour)
    title = TEXT[lang]["title"]
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{e(title)} – {e(view.salon_name)}</title>"
        f"<style>{BASE}</style><style>{colours}</style></head>"
        f"<body><header><p>{e(view.salon_name)}</p></header>"
        f"<main><h1>{e(title)}</h1>{body}</main></body></html>"
    )
    return Page(html, content_security_policy(BASE, colours))


def manage_page(view: ManageView, token: str, lang: str) -> Page:
    t = TEXT[lang]
    when = when_label(view.starts_at, view.zone, lang)
    lines = [view.treatment, t["with"].format(staff=view.staff) if view.staff else "", when]
    summary = '<div class="summary">' + "".join(f"<p>{e(x)}</p>" for x in lines if x) + "</div>"
    parts = [_notice(view, lang), summary, _state(view, lang)]
    if view.open:
        deadline = when_label(view.cancel_until, view.zone, lang)
        parts.append(
            f"<h2>{e(t['cancel_title'])}</h2>"
            f'<form method="post" action="{e(manage_path(token, lang))}">'
            f'{hidden("action", "cancel")}<button type="submit">{e(t["cancel"])}</button>'
            f'</form><p class="note">{e(t["deadline"].format(when=deadline))}</p>'
        )
        if view.can_move:
            parts.append(_move(view, token, lang))
    elif view.state not in (CANCELLED, CANCEL_REQUESTED):
        parts.append(f"<p>{e(t['call'])}</p>" + _phone(view, lang))
    return document(view, lang, "".join(parts))


def _notice(view: ManageView, lang: str) -> str:
    if view.notice == "start_taken":
        return f'<p class="error" role="alert">{e(TEXT[lang]["start_taken"])}</p>'
    return ""


def _state(view: ManageView, lang: str) -> str:
    t = TEXT[lang]
    if view.state == CANCELLED:
        return f'<p role="status">{e(t["cancelled"])}</p>'
    if view.state == CANCEL_REQUESTED:
        return f'<p role="status">{e(t["cancel_requested"])}</p>' + _phone(view, lang)
    if view.state == CHANGE_REQUESTED and view.change_starts_at is not None:
        when = when_label(view.change_starts_at, view.zone, lang)
        return f'<p role="status">{e(t["change_requested"].format(when=when))}</p>'
    return ""


def _phone(view: ManageView, lang: str) -> str:
    """The salon's number, a tap away on a phone."""
    if not view.phone:
        return ""
    dial = "".join(c for c in view.phone if c.isdigit() or c == "+")
    return f'<p>{e(TEXT[lang]["phone"])} <a href="tel:{e(dial)}">{e(view.phone)}</a></p>'


def _move(view: ManageView, token: str, lang: str) -> str:
    t = TEXT[lang]
    heading = f"<h2>{e(t['move_title'])}</h2>"
    step = view.step
    if step is None:
        link = manage_path(token, lang, change="1")
        return f'{heading}<p><a href="{e(link)}">{e(t["show_times"])}</a></p>'
    return heading + _choose(view, step, token, lang) + _times(view, step, token, lang)


def _choose(view: ManageView, step: ChangeStep, token: str, lang: str) -> str:
    """Staff member and day: a GET form (the page again, with the times of that day)."""
    t = TEXT[lang]
    staff = ""
    if step.own_staff_id is not None:
        own = t["same_staff"].format(staff=view.staff)
        staff = (
            f"<fieldset><legend>{e(t['staff_legend'])}</legend>"
            + choice(
                "radio", "staff", "staff-own", step.own_staff_id, e(own), step.staff_id is not None
            )
            + choice("radio", "staff", "staff-any", ANY, e(t["any_staff"]), step.staff_id is None)
            + "</fieldset>"
        )
    if not step.days:
        again = _get_form(token, lang, staff, t["show_times"]) if staff else ""
        return again + f"<p>{e(t['no_times'])}</p>"
    days = "".join(
        choice(
            "radio",
            "day",
            f"day-{day.isoformat()}",
            day.isoformat(),
            e(day_label(day, lang)),
            day == step.day,
        )
        for day in step.days
    )
    inner = staff + f"<fieldset><legend>{e(t['day_legend'])}</legend>{days}</fieldset>"
    return _get_form(token, lang, inner, t["show_times"])


def _get_form(token: str, lang: str, inner: str, button: str) -> str:
    return (
        f'<form method="get" action="/m/{e(token)}">{hidden("lang", lang)}'
        f'{hidden("change", "1")}{inner}<button type="submit">{e(button)}</button></form>'
    )


def _times(view: ManageView, step: ChangeStep, token: str, lang: str) -> str:
    """The free times of the chosen day: a POST form that asks for one of them."""
    t = TEXT[lang]
    if step.day is None or not step.starts:
        return ""
    options = "".join(
        choice(
            "radio",
            "start",
            f"start-{start.starts_at.strftime('%Y%m%d%H%M')}",
            start.starts_at.isoformat(),
            e(time_label(start.starts_at, view.zone)),
        )
        for start in step.starts
    )
    legend = t["time_legend"].format(day=day_label(step.day, lang))
    staff = ANY if step.staff_id is None else str(step.staff_id)
    return (
        f'<form method="post" action="{e(manage_path(token, lang))}">'
        f"{hidden('action', 'change')}{hidden('staff', staff)}"
        f'<fieldset><legend>{e(legend)}</legend><div class="times">{options}</div></fieldset>'
        f'<button type="submit">{e(t["ask_move"])}</button></form>'
    )
