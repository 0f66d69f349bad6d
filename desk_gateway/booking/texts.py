"""The booking page's words in German and English, its error messages, and the choice of
language (``?lang=`` first, then the browser's ``Accept-Language``, else German)."""

from __future__ import annotations

LANGUAGES = ("de", "en")

TEXT: dict[str, dict[str, str]] = {
    "de": {
        "title": "Termin buchen",
        "disabled": "Online-Buchung ist gerade nicht möglich. Bitte rufen Sie uns an.",
        "call_us": "Telefon: {phone}",
        "step_treatment": "1. Leistung wählen",
        "step_staff": "2. Mitarbeiter/in",
        "step_day": "3. Tag wählen",
        "step_time": "4. Uhrzeit wählen",
        "step_contact": "5. Ihre Angaben",
        "any_staff": "egal",
        "minutes": "{minutes} Min.",
        "next": "Weiter",
        "show_times": "Freie Zeiten anzeigen",
        "no_treatments": "Zurzeit kann online nichts gebucht werden.",
        "no_days": "Für diese Auswahl gibt es in den nächsten Wochen keine freien Termine.",
        "no_times": "An diesem Tag ist für diese Auswahl nichts mehr frei.",
        "other_day": "Anderen Tag wählen",
        "start_over": "Von vorn beginnen",
        "your_choice": "Ihre Auswahl",
        "with": "bei {staff}",
        "with_anyone": "Mitarbeiter/in: egal",
        "change": "Zeit ändern",
        "first_name": "Vorname",
        "last_name": "Nachname",
        "email": "E-Mail",
        "phone": "Telefon (am besten Handy)",
        "phone_hint": "Mit Ländervorwahl (+49 …) oder als deutsche Nummer. "
        "SMS nur an Handynummern.",
        "contact_hint": "Bitte geben Sie eine E-Mail-Adresse oder eine Mobilnummer an "
        "(oder beides), damit wir Ihnen den Termin bestätigen können.",
        "objection_notice": "Wir verwenden Ihre E-Mail-Adresse auch, um Sie über ähnliche "
        "Leistungen unseres Salons zu informieren. Sie können dieser Verwendung jederzeit "
        "widersprechen, ohne dass Ihnen dafür andere als die Übermittlungskosten nach den "
        "Basistarifen entstehen.",
        "note": "Nachricht an den Salon (freiwillig)",
        "optional": "freiwillig",
        "website": "Bitte leer lassen",
        "consent_legend": "Werbung per E-Mail/SMS (freiwillig)",
        "consent_email": "Ja, per E-Mail:",
        "consent_sms": "Ja, per SMS:",
        "consent_note": "Ohne Häkchen erhalten Sie nur Nachrichten zu Ihrem Termin. Sie "
        "bekommen einen Link, mit dem Sie Ihre Einwilligung bestätigen.",
        "privacy": "Datenschutzhinweise",
        "notify_legend": "Falls Sie sich früher abgemeldet haben",
        "notify_after_objection": "Terminbestätigung und Erinnerung für diese Buchung "
        "trotzdem per E-Mail/SMS schicken",
        "send": "Anfrage senden",
        "errors_title": "Bitte prüfen Sie Ihre Angaben:",
        "sent_title": "Anfrage gesendet",
        "sent": "Vielen Dank! Ihre Anfrage ist bei uns eingegangen. Sie erhalten eine "
        "Bestätigung, sobald der Salon den Termin eingetragen hat.",
        "book_another": "Weiteren Termin anfragen",
        "too_many": "Zu viele Anfragen von Ihrem Anschluss. Bitte versuchen Sie es später "
        "erneut oder rufen Sie uns an.",
    },
    "en": {
        "title": "Book an appointment",
        "disabled": "Online booking is not available right now. Please call us.",
        "call_us": "Phone: {phone}",
        "step_treatment": "1. Choose a service",
        "step_staff": "2. Stylist",
        "step_day": "3. Choose a day",
        "step_time": "4. Choose a time",
        "step_contact": "5. Your details",
        "any_staff": "any",
        "minutes": "{minutes} min",
        "next": "Next",
        "show_times": "Show free times",
        "no_treatments": "Nothing can be booked online at the moment.",
        "no_days": "There is no free time for this choice in the coming weeks.",
        "no_times": "Nothing is free on this day for this choice any more.",
        "other_day": "Choose another day",
        "start_over": "Start again",
        "your_choice": "Your choice",
        "with": "with {staff}",
        "with_anyone": "Stylist: any",
        "change": "Change the time",
        "first_name": "First name",
        "last_name": "Last name",
        "email": "Email",
        "phone": "Phone (mobile preferred)",
        "phone_hint": "With the country code (+44 …) or as a German number. "
        "Text messages only to mobiles.",
        "contact_hint": "Please give an email address or a mobile number (or both) so that "
        "we can confirm your appointment.",
        "objection_notice": "We also use your email address to tell you about similar "
        "services of our salon. You may object to this use at any time without any costs "
        "other than the transmission costs at the basic rates.",
        "note": "Message to the salon (optional)",
        "optional": "optional",
        "website": "Please leave empty",
        "consent_legend": "Offers by email/text message (optional)",
        "consent_email": "Yes, by email:",
        "consent_sms": "Yes, by text message:",
        "consent_note": "Without a tick you only get messages about your appointment. You "
        "will receive a link to confirm your consent.",
        "privacy": "Privacy notice",
        "notify_legend": "If you unsubscribed before",
        "notify_after_objection": "Send the confirmation and reminder of this booking by "
        "email/text message anyway",
        "send": "Send request",
        "errors_title": "Please check your details:",
        "sent_title": "Request sent",
        "sent": "Thank you! We have received your request. You will get a confirmation as "
        "soon as the salon has entered the appointment.",
        "book_another": "Request another appointment",
        "too_many": "Too many requests from your connection. Please try again later or call us.",
    },
}

ERRORS: dict[str, dict[str, str]] = {
    "de": {
        "required": "Bitte ausfüllen.",
        "too_long": "Zu lang.",
        "invalid_characters": "Enthält unsichtbare oder Steuerzeichen, die nicht erlaubt "
        "sind (oft beim Kopieren mitgenommen). Bitte neu eintippen.",
        "invalid_email": "Bitte eine gültige E-Mail-Adresse angeben (z. B. name@beispiel.de).",
        "invalid_phone": "Bitte eine gültige Telefonnummer angeben, mit Ländervorwahl "
        "(+49 …) oder als deutsche Nummer.",
        "not_mobile": "SMS gehen nur an Mobilnummern.",
        "contact_required": "Bitte eine E-Mail-Adresse oder eine Mobilnummer angeben.",
        "consent_needs_email": "Für Werbung per E-Mail brauchen wir Ihre E-Mail-Adresse.",
        "consent_needs_phone": "Für Werbung per SMS brauchen wir Ihre Mobilnummer.",
        "statement_changed": "Der Text der Einwilligung wurde inzwischen geändert. Bitte "
        "lesen Sie ihn und setzen Sie das Häkchen erneut.",
        "honeypot": "Ihre Anfrage konnte nicht gesendet werden.",
        "invalid_choice": "Diese Auswahl gibt es nicht (mehr). Bitte wählen Sie neu.",
        "start_too_soon": "Diese Zeit ist zu kurzfristig. Bitte wählen Sie eine spätere Zeit.",
        "start_too_late": "Diese Zeit liegt zu weit in der Zukunft.",
        "start_taken": "Diese Zeit ist leider nicht mehr frei. Bitte wählen Sie eine andere.",
        "too_many_open": "Für diese Kontaktangabe sind schon mehrere Termine oder Anfragen "
        "offen. Für weitere Termine rufen Sie uns bitte an.",
    },
    "en": {
        "required": "Please fill this in.",
        "too_long": "Too long.",
        "invalid_characters": "Contains invisible or control characters that are not "
        "allowed (often copied along with the text). Please type it again.",
        "invalid_email": "Please give a valid email address (e.g. name@example.com).",
        "invalid_phone": "Please give a valid phone number, with the country code (+44 …) "
        "or as a German number.",
        "not_mobile": "Text messages only go to mobile numbers.",
        "contact_required": "Please give an email address or a mobile number.",
        "consent_needs_email": "For offers by email we need your email address.",
        "consent_needs_phone": "For offers by text message we need your mobile number.",
        "statement_changed": "The consent text has changed meanwhile. Please read it and "
        "tick the box again.",
        "honeypot": "Your request could not be sent.",
        "invalid_choice": "This choice does not exist (any more). Please choose again.",
        "start_too_soon": "This time is too soon. Please choose a later time.",
        "start_too_late": "This time is too far ahead.",
        "start_taken": "Sorry, this time is no longer free. Please choose another one.",
        "too_many_open": "There are already several open appointments or requests for these "
        "contact details. Please call us for more appointments.",
    },
}

# The refusal the gateway sends when the desktop could not book the request.
REFUSAL_SUBJECT = {
    "de": "Ihre Terminanfrage bei $salon",
    "en": "Your appointment request at $salon",
}
REFUSAL_TEXT = {
    "de": (
        "Hallo $name,\n\nleider ist die gewünschte Zeit ($when) inzwischen vergeben. "
        "Bitte wählen Sie eine andere Zeit:\n\n$book_url\n\nViele Grüße\n$salon"
    ),
    "en": (
        "Hello $name,\n\nsorry, the time you asked for ($when) has been taken meanwhile. "
        "Please choose another time:\n\n$book_url\n\nKind regards\n$salon"
    ),
}
REFUSAL_SMS = {
    "de": "$salon: Ihre Wunschzeit ($when) ist leider vergeben. Neue Zeit wählen: $book_url",
    "en": "$salon: sorry, your time ($when) has been taken. Choose another: $book_url",
}


def language(query: str | None, accept_language: str | None) -> str:
    """``?lang=`` if it names a language of the page; else the first of the browser's
    languages (by quality) that the page has; else German."""
    if query in LANGUAGES:
        return query
    best: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "")[:500].split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            best.append((-quality, position, primary))
    return min(best)[2] if best else "de"
