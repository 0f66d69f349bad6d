"""The booking pages' style: one fixed sheet (phone first) and a tiny one with the salon's
colour, each allowed by its hash in the page's own Content-Security-Policy (nothing else
may style, script or frame the page).

The salon's colour is only an accent (the header band, buttons, the selected choice). Its
text colour is black or white, whichever reads better; where the colour itself is text on
white (links), it is darkened until it reaches a contrast of 4.5:1 (WCAG AA).
"""

from __future__ import annotations

import base64
import hashlib

from desk_gateway.booking.schemas import COLOUR

DEFAULT_ACCENT = "#2d6a4f"
MIN_CONTRAST = 4.5

BASE = (
    "*{box-sizing:border-box}"
    "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:1rem;"
    "line-height:1.5;color:#1a1a1a;background:#fff}"
    "header{background:var(--accent);color:var(--on-accent);padding:1rem}"
    "header p{margin:0;font-size:1.25rem;font-weight:700}"
    "main{max-width:40rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.4rem;margin:.5rem 0 1rem}h2{font-size:1.1rem;margin:.25rem 0 .5rem}"
    "a{color:var(--accent-text)}"
    "fieldset{border:1px solid #767676;border-radius:8px;margin:0 0 1.25rem;padding:.75rem 1rem}"
    "legend{font-weight:700;padding:0 .25rem}"
    "label{display:block;font-weight:600;margin:.75rem 0 .25rem}"
    "input[type=text],input[type=email],input[type=tel],textarea{width:100%;font:inherit;"
    "padding:.6rem;border:1px solid #595959;border-radius:6px;background:#fff;color:#1a1a1a}"
    "textarea{min-height:6rem}"
    ".choice{display:flex;gap:.6rem;align-items:flex-start;margin:.4rem 0;padding:.5rem;"
    "border:1px solid #d0d0d0;border-radius:6px}"
    ".choice input{width:1.4rem;height:1.4rem;margin:.15rem 0 0;flex:none}"
    ".choice label{margin:0;font-weight:400}"
    ".times{display:grid;grid-template-columns:repeat(auto-fill,minmax(6.5rem,1fr));gap:.4rem}"
    ".times .choice{margin:0}"
    ".statement{white-space:pre-line}"
    ".hint,.note{color:#4a4a4a;font-size:.92rem;margin:.25rem 0}"
    ".error{color:#a4000f;font-weight:600;margin:.25rem 0}"
    ".errors{border:2px solid #a4000f;border-radius:8px;padding:.5rem 1rem;margin:0 0 1rem}"
    "[aria-invalid=true]{border-color:#a4000f;border-width:2px}"
    "button{font:inherit;font-weight:700;padding:.75rem 1.5rem;border:0;border-radius:6px;"
    "background:var(--accent);color:var(--on-accent);cursor:pointer;width:100%}"
    "a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #1a1a1a;"
    "outline-offset:2px;box-shadow:0 0 0 5px #fff}"
    ".summary{background:#f4f4f4;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}"
    ".summary p{margin:.25rem 0}"
    ".trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}"
    "@media (min-width:48rem){main{padding:2rem 1rem}button{width:auto}}"
)


def sheet_hash(sheet: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(sheet.encode()).digest()).decode()


BASE_HASH = sheet_hash(BASE)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _darker(colour: str, factor: float) -> str:
    r, g, b = (int(int(colour[i : i + 2], 16) * factor) for i in (1, 3, 5))
    return f"#{r:02x}{g:02x}{b:02x}"


def accent_colours(colour: str) -> tuple[str, str, str]:
    """(accent, text on the accent, the accent as text on white), all readable."""
    accent = colour.lower() if COLOUR.fullmatch(colour or "") else DEFAULT_ACCENT
    # Against white or black one of the two always reaches 4.5:1.
    on_accent = (
        "#ffffff" if contrast(accent, "#ffffff") >= contrast(accent, "#000000") else "#000000"
    )
    as_text = accent
    factor = 1.0
    while contrast(as_text, "#ffffff") < MIN_CONTRAST:
        factor -= 0.05
        as_text = _darker(accent, factor)
    return accent, on_accent, as_text


def colour_sheet(colour: str) -> str:
    accent, on_accent, as_text = accent_colours(colour)
    return f":root{{--accent:{accent};--on-accent:{on_accent};--accent-text:{as_text}}}"


def content_security_policy(*sheets: str) -> str:
    hashes = " ".join(f"'{sheet_hash(sheet)}'" for sheet in sheets)
    return (
        f"default-src 'none'; style-src {hashes}; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    )
