"""What a campaign message says: placeholders, rendering, mandatory footers, SMS cost.

Templates use Jinja2 syntax (``{{ first_name }}``) but only a sliver of it: plain
placeholder output and ``{% if %}`` / ``{% elif %}`` / ``{% else %}`` on placeholders
(with ``not``, ``and``, ``or``). Anything else (attributes, filters, calls, loops,
literals) is refused before rendering, and rendering runs in Jinja2's sandbox as a second
wall, so a template typed by the salon can never reach Python objects.

``$unsubscribe_url`` is not a Jinja2 placeholder: it is left as it is for the gateway,
which puts each recipient's own link there (DESIGN.md 2).

Pure: imports only jinja2, the standard library and other ``desk_app.domain`` modules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from desk_app.domain.enums import Category, Channel
from desk_app.domain.errors import InvalidField
from desk_app.domain.fields import BODY_MAX, SMS_BODY_MAX, SUBJECT_MAX, SUBJECT_SENT_MAX
from desk_app.domain.sms import replace_typography, sms_size

# Re-exported: where they were defined before, and where most callers look for them.
from desk_app.domain.template_problems import ProblemCode as ProblemCode
from desk_app.domain.template_problems import TemplateError as TemplateError
from desk_app.domain.template_problems import TemplateProblem as TemplateProblem
from desk_app.domain.text_safety import describe, forbidden_characters
from desk_app.domain.unsubscribe_link import UNSUBSCRIBE_PLACEHOLDER

# --- placeholders -----------------------------------------------------------------------


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str


PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("first_name", "The customer's first name."),
    Placeholder("last_name", "The customer's last name."),
    Placeholder("salon_name", "The salon's name."),
    Placeholder("salon_phone", "The salon's phone number."),
    Placeholder("salon_address", "The salon's postal address."),
    Placeholder("stylist", "The staff member of the customer's last visit."),
    Placeholder("last_visit", "Date of the last visit, formatted in the customer's language."),
    Placeholder(
        "next_appointment",
        "Date and time of the next booked appointment, formatted; empty if there is none.",
    ),
    Placeholder("review_url", "Link to the salon's review page."),
)
PLACEHOLDER_NAMES: frozenset[str] = frozenset(p.name for p in PLACEHOLDERS)


# --- template checks --------------------------------------------------------------------


# Everything a template may contain; other node types are refused.
_ALLOWED_NODES: tuple[type[nodes.Node], ...] = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.If,
    nodes.Not,
    nodes.And,
    nodes.Or,
)


@cache
def _environment() -> SandboxedEnvironment:
    # trim/lstrip_blocks: an {% if %} on a line of its own leaves no blank line behind.
    environment = SandboxedEnvironment(
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Jinja2's own globals (range, dict, lipsum, cycler, joiner, namespace) are names a
    # template could reach; a template only ever sees the placeholders.
    environment.globals.clear()
    return environment


def _refused(node: nodes.Node) -> Iterator[nodes.Node]:
    """The outermost nodes that are not allowed, in source order."""
    if not isinstance(node, _ALLOWED_NODES):
        yield node
        return
    for child in node.iter_child_nodes():
        yield from _refused(child)


def _characters(text: str, multiline: bool) -> list[TemplateProblem]:
    """The first forbidden character (text_safety), with its line."""
    found = forbidden_characters(text, multiline=multiline)
    if not found:
        return []
    before = text[: text.index(found[0])]
    line = before.count("\n") + 1
    return [TemplateProblem(ProblemCode.CONTROL_CHARACTERS, describe(found[0]), line)]


def _parse(
    text: str, multiline: bool = True, max_length: int | None = None
) -> tuple[nodes.Template | None, list[TemplateProblem]]:
    characters = _characters(text, multiline)
    if characters:
        return None, characters
    if max_length is not None and len(text) > max_length:
        line = text[:max_length].count("\n") + 1  # where the limit is crossed
        return None, [TemplateProblem(ProblemCode.TOO_LONG, str(max_length), line)]
    try:
        ast = _environment().parse(text)
    except jinja2.TemplateSyntaxError as exc:
        return None, [TemplateProblem(ProblemCode.SYNTAX, exc.message or "", exc.lineno)]
    problems: list[TemplateProblem] = []
    seen: set[tuple[str, int]] = set()
    for node in _refused(ast):
        key = (type(node).__name__.lower(), node.lineno)
        if key not in seen:
            seen.add(key)
            problems.append(TemplateProblem(ProblemCode.UNSUPPORTED, *key))
    # Every name read that is no placeholder, not only jinja2.meta's "undeclared" ones:
    # those leave out Jinja2's own names (self, loop; lipsum, range, … when they are
    # globals). Names the template binds itself belong to a refused {% for %} or
    # {% set %}, which is reported already.
    bound = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
    reported: set[str] = set()
    for name_node in ast.find_all(nodes.Name):
        name = name_node.name
        if name_node.ctx != "load" or name in PLACEHOLDER_NAMES or name in bound:
            continue
        if name not in reported:
            reported.add(name)
            problems.append(
                TemplateProblem(ProblemCode.UNKNOWN_PLACEHOLDER, name, name_node.lineno)
            )
    problems.sort(key=lambda p: p.line)
    return ast, problems


def check_template(
    text: str, *, multiline: bool = True, max_length: int | None = None
) -> list[TemplateProblem]:
    """Problems of a subject (``multiline=False``) or body template, in line order;
    empty when it is fine. Forbidden characters and too much text are reported alone
    (nothing else of such a text is worth reading)."""
    return _parse(text, multiline, max_length)[1]


# The campaign's template fields: (limit in characters, line breaks allowed).
TEMPLATE_FIELDS: dict[str, tuple[int, bool]] = {
    "subject": (SUBJECT_MAX, False),
    "body": (BODY_MAX, True),
    "sms_body": (SMS_BODY_MAX, True),
}


def check_field(field: str, text: str) -> list[TemplateProblem]:
    """``check_template`` with the rules of one of the campaign's TEMPLATE_FIELDS."""
    max_length, multiline = TEMPLATE_FIELDS[field]
    return check_template(text, multiline=multiline, max_length=max_length)


def required_placeholders(text: str) -> frozenset[str]:
    """Placeholders printed by ``text`` without an ``{% if %}`` on them anywhere.

    A value that is empty for a recipient would leave a gap in the message ("Rufen Sie
    uns an: ."), so these must have a value for every recipient; the author who tests a
    placeholder has planned for it being empty. A template with problems requires none.
    """
    ast, problems = _parse(text)
    if ast is None or problems:
        return frozenset()
    shown: set[str] = set()
    tested: set[str] = set()
    for output in ast.find_all(nodes.Output):
        for child in output.nodes:
            if isinstance(child, nodes.Name):
                shown.add(child.name)
    for branch in ast.find_all(nodes.If):
        tested.update(name.name for name in branch.test.find_all(nodes.Name))
        if isinstance(branch.test, nodes.Name):
            tested.add(branch.test.name)
    return frozenset(shown - tested)


def used_placeholders(text: str) -> frozenset[str]:
    """Every name ``text`` refers to anywhere (printed or tested); none if it has problems."""
    ast, problems = _parse(text)
    if ast is None or problems:
        return frozenset()
    return frozenset(name.name for name in ast.find_all(nodes.Name))


@functools.lru_cache(maxsize=64)
def _compiled(text: str) -> tuple[jinja2.Template | None, tuple[TemplateProblem, ...]]:
    """The checked and compiled template: once per text, not once per recipient (a
    campaign renders the same two templates 50,000 times)."""
    ast, problems = _parse(text)
    if ast is None or problems:
        return None, tuple(problems)
    return _environment().from_string(ast), ()


def render(text: str, values: Mapping[str, str]) -> str:
    """``text`` with its placeholders filled in; a missing value renders as "".

    Raises TemplateError when check_template finds anything, or if the sandbox refuses
    something the checks let through.
    """
    template, problems = _compiled(text)
    if template is None:
        raise TemplateError(problems)
    context = {name: values.get(name, "") for name in PLACEHOLDER_NAMES}
    try:
        return template.render(context)
    except jinja2.TemplateError as exc:  # the sandbox's second wall
        problem = TemplateProblem(ProblemCode.UNSUPPORTED, type(exc).__name__.lower(), 0)
        raise TemplateError((problem,)) from exc


# --- composing the message --------------------------------------------------------------

FALLBACK_LANGUAGE = "de"

# The same words as the gateway's own footers (desk_gateway/texts.py), so a message reads
# the same whichever side added the link.
EMAIL_UNSUBSCRIBE_LINE = {
    "de": f"Abmelden: {UNSUBSCRIBE_PLACEHOLDER}",
    "en": f"Unsubscribe: {UNSUBSCRIBE_PLACEHOLDER}",
}
SMS_UNSUBSCRIBE_LINE = {
    "de": f"Abmelden: {UNSUBSCRIBE_PLACEHOLDER}",
    "en": f"Unsubscribe: {UNSUBSCRIBE_PLACEHOLDER}",
}
# UWG §7(3) no. 4: a similar offer must say, every time, that the customer may object.
OBJECTION_NOTICE = {
    "de": (
        "Sie können der Verwendung Ihrer E-Mail-Adresse für Werbung jederzeit widersprechen, "
        "ohne dass hierfür andere als die Übermittlungskosten nach den Basistarifen entstehen."
    ),
    "en": (
        "You may object to the use of your email address for advertising at any time, "
        "without incurring any costs other than the transmission costs at the basic rates."
    ),
}


# The imprint (§ 5 DDG, formerly TMG): who sends advertising by email must say who they
# are and where they can be reached, in every such email. One line above the
# unsubscribe line; an SMS has no room for it and is not a telemedium of its own
# (its sender id and the salon's own number say who it is from).
IMPRINT_LABEL = {"de": "Impressum", "en": "Imprint"}
PHONE_LABEL = {"de": "Tel.", "en": "Phone"}


@dataclass(frozen=True)
class Imprint:
    """The salon's imprint as its settings say it (phone may be empty)."""

    salon_name: str
    address: str
    phone: str = ""

    @classmethod
    def of(cls, values: Mapping[str, str]) -> Imprint:
        """From a message's placeholder values (the salon's are in every one)."""
        return cls(
            values.get("salon_name", ""),
            values.get("salon_address", ""),
            values.get("salon_phone", ""),
        )

    @property
    def complete(self) -> bool:
        return bool(self.salon_name.strip() and self.address.strip())

    def line(self, language: str) -> str:
        lang = _language(language)
        parts = [self.salon_name.strip(), self.address.strip()]
        if self.phone.strip():
            parts.append(f"{PHONE_LABEL[lang]} {self.phone.strip()}")
        return f"{IMPRINT_LABEL[lang]}: " + " · ".join(parts)


def needs_imprint(category: Category, channel: Channel) -> bool:
    """Every email that advertises the salon (campaigns and greetings of every kind but
    booking messages and consent requests) carries the imprint."""
    return channel is Channel.EMAIL and category not in (
        Category.TRANSACTIONAL,
        Category.CONSENT_REQUEST,
    )


@dataclass(frozen=True)
class ComposedMessage:
    subject: str  # "" for SMS
    body: str


def _language(language: str) -> str:
    primary = language.replace("_", "-").split("-", 1)[0].lower()
    return primary if primary in EMAIL_UNSUBSCRIBE_LINE else FALLBACK_LANGUAGE


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def compose(
    category: Category,
    channel: Channel,
    subject_template: str,
    body_template: str,
    values: Mapping[str, str],
    language: str,
) -> ComposedMessage:
    """The finished subject and body of one message, before the gateway adds the links.

    The body always contains ``$unsubscribe_url`` (a footer line is added when the
    template has none) and, for a similar offer, the notice of the right to object.
    Similar offers go by email only, but keeping them off SMS is the policy's job; here
    the notice is added on every channel. An advertising email gets the salon's imprint
    in its footer, whatever the template says (``needs_imprint``); without the salon's
    address it raises ``InvalidField("salon_address", "imprint_required")``. Raises
    TemplateError.
    """
    lang = _language(language)
    body = render(body_template, values).rstrip()
    if category is Category.SIMILAR_OFFER and not any(
        _squeezed(notice) in _squeezed(body) for notice in OBJECTION_NOTICE.values()
    ):
        body = f"{body}\n\n{OBJECTION_NOTICE[lang]}".lstrip()
    footer: list[str] = []
    if needs_imprint(category, channel):
        imprint = Imprint.of(values)
        if not imprint.complete:
            raise InvalidField("salon_address", "imprint_required")
        footer.append(imprint.line(lang))
    if UNSUBSCRIBE_PLACEHOLDER not in body:
        if channel is Channel.SMS:
            body = f"{body}\n{SMS_UNSUBSCRIBE_LINE[lang]}".lstrip()
        else:
            footer.append(EMAIL_UNSUBSCRIBE_LINE[lang])
    if footer:
        body = f"{body}\n\n--\n" + "\n".join(footer)
        body = body.lstrip()
    if channel is Channel.SMS:
        return ComposedMessage("", body)
    # One line, whatever the values contain: a newline in a header would break the mail.
    # Long names can stretch a subject past what the outbox keeps: cut, never refuse one
    # recipient's message for it.
    subject = _squeezed(render(subject_template, values))
    if len(subject) > SUBJECT_SENT_MAX:
        subject = subject[: SUBJECT_SENT_MAX - 1].rstrip() + "…"
    return ComposedMessage(subject, body)


# --- SMS size of a campaign -------------------------------------------------------------

# The gateway's unsubscribe link is its public URL + "/u/" + a token of 43 characters
# (HMAC-SHA256, URL-safe base64 without padding; desk_gateway/tokens.py and delivery.py).
# The desktop knows the gateway by the address in its settings, which is the public URL
# of every ordinary set-up; all of it is GSM-7. Without a gateway address yet, a public
# URL of 40 characters is assumed: longer than most, so the count errs on the safe side.
UNSUBSCRIBE_TOKEN_LENGTH = 43
ASSUMED_PUBLIC_URL_LENGTH = 40


def unsubscribe_link_length(public_url: str) -> int:
    """Length of the link the gateway at ``public_url`` puts in place of the placeholder
    (``""``: no gateway known yet, see ASSUMED_PUBLIC_URL_LENGTH)."""
    base = len(public_url.rstrip("/")) if public_url.strip() else ASSUMED_PUBLIC_URL_LENGTH
    return base + len("/u/") + UNSUBSCRIBE_TOKEN_LENGTH


def sms_as_sent(body: str, link_length: int) -> str:
    """The SMS as the recipient gets it, for counting: the placeholder replaced by a
    stand-in of the link's real length (the 16-character placeholder would undercount)."""
    return body.replace(UNSUBSCRIBE_PLACEHOLDER, "x" * link_length)


@dataclass(frozen=True)
class SmsCampaignSize:
    recipients: int
    total_segments: int
    worst_segments: int  # the longest single message
    ucs2_bodies: int  # messages that need UCS-2
    typography_fixable: int  # of those, how many replace_typography brings back to GSM-7
    cost_cents: int  # total_segments × price per segment


def sms_campaign_size(
    bodies: Iterable[str],
    price_per_segment_cents: int,
    *,
    link_length: int,
) -> SmsCampaignSize:
    """Segments and cost of one SMS per body, counted with the real link in place
    (``link_length``: ``unsubscribe_link_length`` of the gateway's address)."""
    recipients = total = worst = ucs2 = fixable = 0
    for body in bodies:
        sent = sms_as_sent(body, link_length)
        size = sms_size(sent)
        recipients += 1
        total += size.segments
        worst = max(worst, size.segments)
        if size.encoding == "UCS-2":
            ucs2 += 1
            if sms_size(replace_typography(sent)).encoding == "GSM-7":
                fixable += 1
    return SmsCampaignSize(recipients, total, worst, ucs2, fixable, total * price_per_segment_cents)


# --- advertising in transactional messages ----------------------------------------------

# German nouns also match inside compounds (Sonderangebot, Geschenkgutschein); "aktion"
# only at the start of a word, or Reaktion and Transaktion would match. "angebot" leaves
# out the participle "angeboten(e)" ("die angebotene Uhrzeit" is no advertising).
_ADVERTISING_PATTERNS = (
    r"\w*rabatt\w*",
    r"\w*angebot(?:e|es|s\w*)?\b",
    r"aktion\w*",
    r"\w*gutschein\w*",
    r"gratis\w*",
    r"\w*sparen\b",
    r"sale\b",
    r"\w*bewertung\w*",
    r"bewerte[nt]?\b",
    r"\w*rezension\w*",
    r"google\w*",
    r"sternen?\b",
    r"discount(?:s|ed)?\b",
    r"offers?\b",
    r"vouchers?\b",
    r"free\b",
    r"reviews?\b",
    r"rate\s+us\b",
)
_ADVERTISING = re.compile(
    r"(?<![\w.,])\d+(?:[.,]\d+)?\s?%|(?<!\w)(?:" + "|".join(_ADVERTISING_PATTERNS) + ")",
    re.IGNORECASE,
)

# A link to the review page is a review request whatever the words around it say.
_REVIEW_LINK = re.compile(r"\$review_url\b|\{\{-?\s*review_url\s*-?\}\}")


def advertising_wording(text: str) -> list[str]:
    """Words in ``text`` that look like advertising or a review request, as written.

    Transactional messages must contain neither (DESIGN.md 2); this is a hint for the
    person writing the template, in order of appearance, each word once (any case).
    """
    found: dict[str, str] = {}
    matches = sorted(
        [*_ADVERTISING.finditer(text), *_REVIEW_LINK.finditer(text)], key=lambda m: m.start()
    )
    for match in matches:
        found.setdefault(match.group().casefold(), match.group())
    return list(found.values())
