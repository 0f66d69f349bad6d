"""Consent evidence of one customer as a PDF (QPdfWriter) and as JSON (DESIGN.md 2.2).

For each channel: the state, every declaration with the statement text, version and
SHA-256 (checked against the text), source and staff member, the confirmation request,
the page view and the confirm click (time, IP, user agent), and every withdrawal. It only
renders: ``PrivacyService.consent_evidence`` reads everything (one transaction) and checks
the hashes; the JSON is ``services.json_views.evidence_json``.

Imports PySide6, desk_app.services, desk_app.domain and desk_app.ui only.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desk_app.domain.consent import LedgerEntry
from desk_app.domain.enums import Channel, ConsentEvent
from desk_app.services.private_files import create_private
from desk_app.services.rows import ConsentEvidence
from desk_app.texts.channel_words import channel_name
from desk_app.texts.consent_words import (
    event_text,
    evidence_detail,
    history,
    moment,
    source_text,
    state_text,
)
from desk_app.ui.widgets import palette


def _labels() -> dict[str, str]:
    """Every fixed text of the document, translated once per document."""
    return {
        "title": QCoreApplication.translate("ConsentEvidence", "Consent to advertising – evidence"),
        "customer": QCoreApplication.translate("ConsentEvidence", "Customer"),
        "ref": QCoreApplication.translate("ConsentEvidence", "Customer reference"),
        "email": QCoreApplication.translate("ConsentEvidence", "Email"),
        "phone": QCoreApplication.translate("ConsentEvidence", "Phone"),
        "created": QCoreApplication.translate("ConsentEvidence", "Created"),
        "address": QCoreApplication.translate("ConsentEvidence", "Address"),
        "declared_for": QCoreApplication.translate("ConsentEvidence", "Declared for the address"),
        "current_address": QCoreApplication.translate(
            "ConsentEvidence", "Current address (a different one)"
        ),
        "state": QCoreApplication.translate("ConsentEvidence", "State"),
        "time": QCoreApplication.translate("ConsentEvidence", "Time"),
        "how": QCoreApplication.translate("ConsentEvidence", "How"),
        "staff": QCoreApplication.translate("ConsentEvidence", "Recorded by"),
        "request": QCoreApplication.translate("ConsentEvidence", "Request"),
        "message": QCoreApplication.translate("ConsentEvidence", "Message"),
        "ip": QCoreApplication.translate("ConsentEvidence", "IP address"),
        "agent": QCoreApplication.translate("ConsentEvidence", "Browser (user agent)"),
        "version": QCoreApplication.translate("ConsentEvidence", "Statement version"),
        "sha": QCoreApplication.translate("ConsentEvidence", "SHA-256 of the statement"),
        "matches": QCoreApplication.translate(
            "ConsentEvidence", "The text below matches this SHA-256."
        ),
        "mismatch": QCoreApplication.translate(
            "ConsentEvidence", "Warning: the stored text does not match this SHA-256."
        ),
        "no_entries": QCoreApplication.translate("ConsentEvidence", "No entries."),
        "objected": QCoreApplication.translate(
            "ConsentEvidence", "Unsubscribed from all advertising on {time}."
        ),
        "withdrawals": QCoreApplication.translate("ConsentEvidence", "Withdrawals"),
        "none": QCoreApplication.translate("ConsentEvidence", "None."),
        "all": QCoreApplication.translate("ConsentEvidence", "all channels"),
        "history": QCoreApplication.translate("ConsentEvidence", "Complete history"),
        "channel": QCoreApplication.translate("ConsentEvidence", "Channel"),
        "event": QCoreApplication.translate("ConsentEvidence", "Event"),
        "details": QCoreApplication.translate("ConsentEvidence", "How, who"),
        "footer": QCoreApplication.translate(
            "ConsentEvidence",
            "Created with Salon Desk from the consent ledger, which is never changed or deleted.",
        ),
        "pdf_title": QCoreApplication.translate("ConsentEvidence", "Consent evidence – {name}"),
    }


_STYLE = f"""
body {{ font-family: sans-serif; font-size: 9.5pt; }}
h1 {{ font-size: 15pt; }} h2 {{ font-size: 12.5pt; margin-top: 14px; }}
h3 {{ font-size: 10.5pt; margin-top: 8px; margin-bottom: 2px; }}
td {{ padding: 1px 6px 1px 0; vertical-align: top; }} td.k {{ color: {palette.PAPER_MUTED}; }}
th {{ text-align: left; padding-right: 6px; }}
blockquote {{ margin: 4px 0 4px 12px; }}
"""


class _Html:
    """Builds the evidence document; every value is escaped on the way in."""

    def __init__(self, evidence: ConsentEvidence, time_zone: str) -> None:
        self.evidence = evidence
        self.zone = time_zone
        self.t = _labels()
        self.parts: list[str] = []

    def add(self, tag: str, text: str, style: str = "") -> None:
        attribute = f" style='{style}'" if style else ""
        self.parts.append(f"<{tag}{attribute}>{escape(text)}</{tag}>")

    def table(self, rows: list[tuple[str, str]]) -> None:
        cells = "".join(
            f"<tr><td class='k'>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows
        )
        self.parts.append(f"<table>{cells}</table>")

    def entry_rows(self, entry: LedgerEntry) -> list[tuple[str, str]]:
        t = self.t
        rows = [(t["time"], moment(entry.at, self.zone))]
        optional = [
            (t["how"], source_text(entry.source)),
            (t["staff"], entry.staff),
            (t["request"], entry.request_id),
            (t["message"], entry.message_id),
            (t["ip"], entry.ip),
            (t["agent"], entry.user_agent),
        ]
        rows.extend((k, v) for k, v in optional if v)
        return rows

    def declaration(self, entry: LedgerEntry) -> None:
        t = self.t
        self.add("h3", event_text(entry.event))
        rows = self.entry_rows(entry)
        if entry.address:  # what the confirmation proves (DESIGN.md 2)
            rows.append((t["declared_for"], entry.address))
        if entry.statement_version:
            rows.append((t["version"], entry.statement_version))
        digest = entry.statement_sha256
        if digest:
            rows.append((t["sha"], digest))
        self.table(rows)
        statement = self.evidence.statements.get(digest or "")
        if statement is not None and digest:
            self.add("p", t["matches"] if statement.sha256_matches else t["mismatch"])
            self.add("blockquote", statement.text)

    def addresses(self, channel: Channel) -> list[tuple[str, str]]:
        """The address the standing declaration was made for (a consent proves that one
        only) and, where the customer's record now holds another, that one, labelled;
        without a declaration, the customer's address."""
        t, consent = self.t, self.evidence.consent
        current = consent.email if channel is Channel.EMAIL else consent.phone
        declaration = consent.status.channels[channel].declaration
        declared = declaration.address if declaration is not None else None
        if not declared:
            return [(t["address"], current or "–")]
        rows = [(t["declared_for"], declared)]
        if declared != current:  # both as stored: normalised (consent_addresses compares so)
            rows.append((t["current_address"], current or "–"))
        return rows

    def channel(self, channel: Channel) -> None:
        t = self.t
        info = self.evidence.consent.status.channels[channel]
        self.add("h2", channel_name(channel))
        self.table([*self.addresses(channel), (t["state"], state_text(channel, info, self.zone))])
        for entry in (e for e in info.history if e.channel is channel):
            if entry.event is ConsentEvent.DECLARED:
                self.declaration(entry)
            else:
                self.add("h3", event_text(entry.event))
                self.table(self.entry_rows(entry))
        if not info.history:
            self.add("p", t["no_entries"])

    def detail(self, entry: LedgerEntry) -> str:
        return ", ".join(p for p in (source_text(entry.source), evidence_detail(entry)) if p)

    def build(self) -> str:
        t, customer = self.t, self.evidence.customer
        status = self.evidence.consent.status
        self.add("h1", t["title"])
        self.table(
            [
                (t["customer"], customer.full_name),
                (t["ref"], customer.ref),
                (t["email"], customer.email or "–"),
                (t["phone"], customer.phone or "–"),
                (t["created"], moment(self.evidence.generated_at, self.zone)),
            ]
        )
        if status.objected and status.objected_at is not None:
            objected = t["objected"].format(time=moment(status.objected_at, self.zone))
            self.add("p", objected, "font-weight: bold")
        for channel in Channel:
            self.channel(channel)
        entries = history(status)
        withdrawals = [
            e for e in entries if e.event in (ConsentEvent.REVOKED, ConsentEvent.OBJECTED)
        ]
        self.add("h2", t["withdrawals"])
        if not withdrawals:
            self.add("p", t["none"])
        for entry in withdrawals:
            channel_text = channel_name(entry.channel) if entry.channel else t["all"]
            line = f"{moment(entry.at, self.zone)} – {event_text(entry.event)} ({channel_text})"
            detail = self.detail(entry)
            self.add("p", f"{line}: {detail}" if detail else line)
        self.add("h2", t["history"])
        header = "".join(
            f"<th>{escape(h)}</th>" for h in (t["time"], t["channel"], t["event"], t["details"])
        )
        rows = [f"<tr>{header}</tr>"]
        for entry in entries:
            channel_text = channel_name(entry.channel) if entry.channel else t["all"]
            values = (moment(entry.at, self.zone), channel_text, event_text(entry.event))
            cells = "".join(f"<td>{escape(v)}</td>" for v in (*values, self.detail(entry)))
            rows.append(f"<tr>{cells}</tr>")
        self.parts.append(f"<table>{''.join(rows)}</table>")
        self.add("p", t["footer"], f"color: {palette.PAPER_MUTED}")
        body = "".join(self.parts)
        return f"<html><head><style>{_STYLE}</style></head><body>{body}</body></html>"


def evidence_html(evidence: ConsentEvidence, time_zone: str) -> str:
    return _Html(evidence, time_zone).build()


def evidence_document(evidence: ConsentEvidence, time_zone: str) -> QTextDocument:
    """The document the PDF prints."""
    document = QTextDocument()
    document.setHtml(evidence_html(evidence, time_zone))
    return document


def write_evidence_pdf(path: str, evidence: ConsentEvidence, time_zone: str) -> None:
    """Write the PDF; raises OSError when the file cannot be written."""
    # Qt only warns when it cannot open the file; find out first, with a real error. The
    # evidence is personal data: the file is created with mode 0600 before Qt writes it.
    create_private(path)
    writer = QPdfWriter(path)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 15, 18, 15), QPageLayout.Unit.Millimeter)
    writer.setTitle(_labels()["pdf_title"].format(name=evidence.customer.full_name))
    writer.setCreator("Salon Desk")
    evidence_document(evidence, time_zone).print_(writer)
