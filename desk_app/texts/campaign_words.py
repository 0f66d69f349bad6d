"""Campaign codes in plain words: types, legal basis, channels, placeholders, template
problems, result statuses.

The owner is not a lawyer: every choice in the composer says in one sentence who the
message may reach and why. One place, so the composer and the campaign list never
describe the same type differently.

May import: PySide6.QtCore, desk_app.domain (no widgets: the command line uses it too).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from desk_app.domain.campaign_content import PLACEHOLDERS, ProblemCode, TemplateProblem
from desk_app.domain.campaigns import CATEGORY, CampaignType, ChannelChoice
from desk_app.domain.enums import Category, Channel
from desk_app.texts.channel_words import channel_name

# The order of the type combo: the everyday advertising first, the special cases last.
TYPE_ORDER = (
    CampaignType.PROMOTION,
    CampaignType.BIRTHDAY,
    CampaignType.REVIEW_REQUEST,
    CampaignType.WIN_BACK,
    CampaignType.SERVICE_INFO,
    CampaignType.SIMILAR_OFFER,
)
CHANNEL_ORDER = (ChannelChoice.EMAIL, ChannelChoice.SMS, ChannelChoice.BEST)


def type_name(kind: CampaignType) -> str:
    return {
        CampaignType.PROMOTION: QCoreApplication.translate("CampaignWords", "Promotion or offer"),
        CampaignType.BIRTHDAY: QCoreApplication.translate("CampaignWords", "Birthday greeting"),
        CampaignType.REVIEW_REQUEST: QCoreApplication.translate(
            "CampaignWords", "Request for a review"
        ),
        CampaignType.WIN_BACK: QCoreApplication.translate(
            "CampaignWords", "Win back (“we miss you”)"
        ),
        CampaignType.SERVICE_INFO: QCoreApplication.translate(
            "CampaignWords", "Service information (closure, opening hours, move)"
        ),
        CampaignType.SIMILAR_OFFER: QCoreApplication.translate(
            "CampaignWords", "Similar offer to existing customers"
        ),
    }[kind]


def legal_basis(kind: CampaignType) -> str:
    """Who this type may reach, and why, in one or two sentences."""
    category = CATEGORY[kind]
    if category is Category.SERVICE_INFO:
        return QCoreApplication.translate(
            "CampaignWords",
            "Service information: to all existing customers (at least one appointment) who "
            "have not unsubscribed. It must not contain advertising.",
        )
    if category is Category.SIMILAR_OFFER:
        return QCoreApplication.translate(
            "CampaignWords",
            "Similar offer: by email only, to customers with a completed appointment who were "
            "told of their right to object when the address was taken. The notice of the "
            "right to object is added to every message.",
        )
    text = QCoreApplication.translate(
        "CampaignWords",
        "Advertising: only to customers who confirmed their consent (double opt-in) on this "
        "channel and have not unsubscribed.",
    )
    if kind in (CampaignType.BIRTHDAY, CampaignType.REVIEW_REQUEST, CampaignType.WIN_BACK):
        text += " " + QCoreApplication.translate(
            "CampaignWords",
            "In law, greetings, review requests and win-back messages are advertising too.",
        )
    return text


def channel_choice_name(choice: ChannelChoice) -> str:
    return {
        ChannelChoice.EMAIL: channel_name(Channel.EMAIL),
        ChannelChoice.SMS: channel_name(Channel.SMS),
        ChannelChoice.BEST: QCoreApplication.translate("CampaignWords", "Best available"),
    }[choice]


def channel_choice_hint(choice: ChannelChoice) -> str:
    return {
        ChannelChoice.EMAIL: QCoreApplication.translate(
            "CampaignWords", "Every recipient gets an email."
        ),
        ChannelChoice.SMS: QCoreApplication.translate(
            "CampaignWords", "Every recipient gets an SMS (costs per part)."
        ),
        ChannelChoice.BEST: QCoreApplication.translate(
            "CampaignWords",
            "Each customer by a channel they may be reached on, their preferred one first.",
        ),
    }[choice]


def placeholder_description(name: str) -> str:
    texts = {
        "first_name": QCoreApplication.translate("CampaignWords", "The customer's first name"),
        "last_name": QCoreApplication.translate("CampaignWords", "The customer's last name"),
        "salon_name": QCoreApplication.translate("CampaignWords", "The salon's name"),
        "salon_phone": QCoreApplication.translate("CampaignWords", "The salon's phone number"),
        "salon_address": QCoreApplication.translate("CampaignWords", "The salon's postal address"),
        "stylist": QCoreApplication.translate("CampaignWords", "Staff member of the last visit"),
        "last_visit": QCoreApplication.translate("CampaignWords", "Date of the last visit"),
        "next_appointment": QCoreApplication.translate(
            "CampaignWords", "Next booked appointment (empty if none)"
        ),
        "review_url": QCoreApplication.translate(
            "CampaignWords", "Link to the salon's review page"
        ),
    }
    if name in texts:
        return texts[name]
    # A placeholder added to the domain before its words were written here.
    return next((p.description for p in PLACEHOLDERS if p.name == name), name)


def problem_text(problem: TemplateProblem) -> str:
    if problem.code is ProblemCode.UNKNOWN_PLACEHOLDER:
        text = QCoreApplication.translate(
            "CampaignWords", "unknown placeholder “{name}” (see “Insert placeholder”)"
        )
        return text.format(name=problem.detail)
    if problem.code is ProblemCode.SYNTAX:
        return QCoreApplication.translate(
            "CampaignWords", "the braces do not match: {detail}"
        ).format(detail=problem.detail)
    if problem.code is ProblemCode.CONTROL_CHARACTERS:
        return QCoreApplication.translate(
            "CampaignWords",
            "contains the control character {detail}, which cannot be sent; remove it "
            "(it often comes with copied text)",
        ).format(detail=problem.detail)
    if problem.code is ProblemCode.TOO_LONG:
        return QCoreApplication.translate(
            "CampaignWords", "too long: at most {detail} characters"
        ).format(detail=problem.detail)
    return QCoreApplication.translate(
        "CampaignWords", "only placeholders and if-conditions are allowed here ({detail})"
    ).format(detail=problem.detail)


def empty_placeholder_text(name: str, recipients: int) -> str:
    """A placeholder that would leave a gap in ``recipients`` messages, and how to close
    it."""
    if name == "salon_phone":
        hint = QCoreApplication.translate(
            "CampaignWords", "enter the salon's phone number in the settings (tab “Salon”)"
        )
    elif name == "salon_address":
        hint = QCoreApplication.translate(
            "CampaignWords", "enter the salon's address in the settings (tab “Salon”)"
        )
    elif name == "review_url":
        hint = QCoreApplication.translate(
            "CampaignWords", "enter the link to the review page under “Automations”"
        )
    else:
        hint = QCoreApplication.translate(
            "CampaignWords", "write it inside {{% if {name} %}} … {{% endif %}}"
        ).format(name=name)
    # No %n plural: lupdate does not mark this call as one, and Qt would then skip the
    # translation; the number stands alone.
    return QCoreApplication.translate(
        "CampaignWords", "“{name}” would be empty (recipients: {count}): {hint}."
    ).format(name=name, count=recipients, hint=hint)


def field_name(field: str) -> str:
    return {
        "subject": QCoreApplication.translate("CampaignWords", "Email subject"),
        "body": QCoreApplication.translate("CampaignWords", "Email text"),
        "sms_body": QCoreApplication.translate("CampaignWords", "SMS text"),
    }.get(field, field)


def price_text(cents: int) -> str:
    return QLocale().toCurrencyString(cents / 100, "€")
