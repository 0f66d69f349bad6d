"""The content step: email subject and text, SMS text, placeholders, the SMS counter and the
preview of one recipient's message.

The panel only shows; the composer runs the checks, the SMS estimate and the rendering
on the database worker and hands the answers in. What can be known without the database
(which typographic characters force UCS-2) is shown at once.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.campaign_content import (
    PLACEHOLDERS,
    TemplateProblem,
    check_field,
)
from desk_app.domain.enums import Channel
from desk_app.domain.sms import replace_typography, sms_size
from desk_app.domain.unsubscribe_link import UNSUBSCRIBE_PLACEHOLDER
from desk_app.services.campaign_rows import (
    AudienceMember,
    ContentCheck,
    RenderedPreview,
    SmsEstimate,
)
from desk_app.texts import error_text
from desk_app.texts.campaign_words import (
    empty_placeholder_text,
    field_name,
    placeholder_description,
    price_text,
    problem_text,
)
from desk_app.texts.channel_words import channel_name
from desk_app.ui.marketing.composer_work import ContentAnswer
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets import palette


class ContentPanel(QWidget):
    """Email and SMS templates with placeholders, counter and per-recipient preview.

    Signals:
        content_changed(): a template was edited (also by a placeholder or a replacement).
    """

    content_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._subject = QLineEdit()
        self._subject.setObjectName("subject")
        self._subject.setPlaceholderText(self.tr("e.g. Autumn treat for you, {{ first_name }}"))
        self._body = QPlainTextEdit()
        self._body.setTabChangesFocus(True)  # no tab characters: Tab moves on
        self._body.setObjectName("body")
        self._body.setPlaceholderText(
            self.tr("Hello {{ first_name }},\n\n… (the unsubscribe link is added for you)")
        )
        self._sms = QPlainTextEdit()
        self._sms.setTabChangesFocus(True)  # no tab characters: Tab moves on
        self._sms.setObjectName("smsBody")
        self._sms.setPlaceholderText(self.tr("Hello {{ first_name }}, …"))
        self._target: QLineEdit | QPlainTextEdit = self._body
        for editor in (self._subject, self._body, self._sms):
            editor.installEventFilter(self)

        self._sms_counter = QLabel()
        self._sms_counter.setObjectName("smsCounter")
        self._sms_counter.setWordWrap(True)
        self._sms_estimate = QLabel()
        self._sms_estimate.setObjectName("smsEstimate")
        self._sms_estimate.setWordWrap(True)
        self._typography_hint = QLabel()
        self._typography_hint.setObjectName("typographyHint")
        self._typography_hint.setWordWrap(True)
        set_tone(self._typography_hint, Tone.WARNING)
        self._typography = QPushButton(self.tr("Replace typographic characters"))
        self._typography.setObjectName("replaceTypography")
        self._typography.setToolTip(
            self.tr("Use plain quotes, hyphens and dots, so the SMS keeps 160 characters per part")
        )

        self._preview_for = QLabel()
        self._preview_for.setObjectName("previewFor")
        self._preview_for.setWordWrap(True)
        self._preview = QTextBrowser()
        self._preview.setObjectName("previewText")
        self._preview.setOpenLinks(False)
        self._previewed: RenderedPreview | None = None  # written again in another scheme

        self._tabs = QTabWidget()
        self._tabs.setObjectName("contentTabs")
        self._tabs.addTab(self._email_tab(), self.tr("&Email"))
        self._tabs.addTab(self._sms_tab(), self.tr("&SMS"))
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.addWidget(self._preview_for)
        preview_layout.addWidget(self._preview, 1)
        self._tabs.addTab(preview, self.tr("&Preview"))

        self._problems = QLabel()
        self._problems.setObjectName("contentProblems")
        self._problems.setWordWrap(True)
        set_tone(self._problems, Tone.ERROR)
        self._problems.hide()
        self._advertising = QLabel()
        self._advertising.setObjectName("advertisingWarning")
        self._advertising.setWordWrap(True)
        set_tone(self._advertising, Tone.WARNING)
        self._advertising.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._tabs, 1)
        layout.addWidget(self._problems)
        layout.addWidget(self._advertising)

        self._subject.textChanged.connect(self._on_text_changed)
        self._body.textChanged.connect(self._on_text_changed)
        self._sms.textChanged.connect(self._on_sms_text_changed)
        self._typography.clicked.connect(self._on_typography_clicked)
        self._update_typography()
        self.show_sms_numbers(None, None)

    def _placeholder_button(self) -> QPushButton:
        # A push button counts its menu arrow in its width; a tool button drew the arrow
        # over the last letters ("Platzhalter einfüge⌄").
        button = QPushButton(self.tr("Insert placeholder"))
        button.setToolTip(self.tr("Filled in for each customer when the message is made"))
        button.setAutoDefault(False)
        # Clicked, it leaves the focus (and the cursor) in the field last worked in.
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        menu = QMenu(button)
        for placeholder in PLACEHOLDERS:
            action = QAction(
                f"{{{{ {placeholder.name} }}}} – {placeholder_description(placeholder.name)}",
                menu,
            )
            action.setData(placeholder.name)
            action.triggered.connect(
                lambda _checked=False, name=placeholder.name: self.insert_placeholder(name)
            )
            menu.addAction(action)
        button.setMenu(menu)
        return button

    def _email_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        # The subject gets the whole width (beside the button it showed a third of a
        # subject at 1024 pixels); the button inserts into the field last worked in.
        button = self._placeholder_button()
        button.setObjectName("emailPlaceholders")
        subject_label = QLabel(self.tr("Su&bject:"))
        subject_label.setBuddy(self._subject)
        body_label = QLabel(self.tr("Te&xt:"))
        body_label.setBuddy(self._body)
        form.addRow(subject_label, self._subject)
        form.addRow(body_label, self._body)
        note = QLabel(self.tr("The unsubscribe link is added to every message."))
        set_tone(note, Tone.HINT)
        note.setWordWrap(True)
        below = QHBoxLayout()
        below.addWidget(button)
        below.addWidget(note, 1)
        form.addRow("", below)
        return tab

    def _sms_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        top = QHBoxLayout()
        label = QLabel(self.tr("SMS te&xt:"))
        label.setBuddy(self._sms)
        top.addWidget(label)
        top.addStretch(1)
        button = self._placeholder_button()
        button.setObjectName("smsPlaceholders")
        top.addWidget(button)
        layout.addLayout(top)
        layout.addWidget(self._sms, 1)
        layout.addWidget(self._sms_counter)
        layout.addWidget(self._sms_estimate)
        fix = QHBoxLayout()
        fix.addWidget(self._typography_hint, 1)
        fix.addWidget(self._typography)
        layout.addLayout(fix)
        return tab

    # ---- the templates ------------------------------------------------------------------
    def subject(self) -> str:
        return self._subject.text()

    def body(self) -> str:
        return self._body.toPlainText()

    def sms_body(self) -> str:
        return self._sms.toPlainText()

    def clear(self) -> None:
        for editor in (self._subject, self._body, self._sms):
            editor.clear()

    def editor(self, field: str) -> QLineEdit | QPlainTextEdit:
        editors: dict[str, QLineEdit | QPlainTextEdit] = {
            "subject": self._subject,
            "body": self._body,
            "sms_body": self._sms,
        }
        return editors[field]

    def set_channels(self, email: bool, sms: bool) -> None:
        """Show only the templates the campaign's channel needs."""
        self._tabs.setTabVisible(0, email)
        self._tabs.setTabVisible(1, sms)
        current = self._tabs.currentIndex()
        if not self._tabs.isTabVisible(current) and current != 2:
            self._tabs.setCurrentIndex(0 if email else 1)

    def show_tab(self, name: str) -> None:
        self._tabs.setCurrentIndex({"email": 0, "sms": 1, "preview": 2}[name])

    def insert_placeholder(self, name: str) -> None:
        """Insert ``{{ name }}`` where the cursor is in the field last worked in."""
        target = self._target
        if self._tabs.currentIndex() == 1:
            target = self._sms
        elif target is self._sms:
            target = self._body
        text = f"{{{{ {name} }}}}"
        if isinstance(target, QPlainTextEdit):
            target.insertPlainText(text)
        else:
            target.insert(text)
        target.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The unsubscribe link's colour is written into the preview's HTML: after a switch
        # of the colour scheme it is written again in the other one.
        if event.type() == QEvent.Type.PaletteChange and self._previewed is not None:
            self._write_preview(self._previewed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in (
            self._subject,
            self._body,
            self._sms,
        ):
            self._target = watched
        return super().eventFilter(watched, event)

    # ---- answers from the composer ------------------------------------------------------
    def show_check(self, check: ContentCheck | None, fields: dict[str, str]) -> None:
        """Problems in red (they block sending), advertising in service information in amber.

        ``fields``: the templates that were checked, by field name, so each problem can
        say where it is.
        """
        if check is None:
            self._problems.hide()
            self._advertising.hide()
            return
        lines = [
            self.tr("{field}, line {line}: {problem}").format(
                field=field_name(field), line=problem.line, problem=problem_text(problem)
            )
            if field
            else problem_text(problem)
            for field, problem in _located(check.problems, fields)
        ]
        lines += [empty_placeholder_text(e.name, e.recipients) for e in check.empty]
        if check.imprint_missing:
            lines.append(error_text.imprint_missing_text())
        self._problems.setText("\n".join(lines))
        self._problems.setVisible(bool(lines))
        if check.advertising_words:
            words = ", ".join(f"“{w}”" for w in check.advertising_words)
            self._advertising.setText(
                self.tr(
                    "Service information must not advertise or ask for reviews. Please check: "
                    "{words}. For an offer, choose the type “Promotion or offer”."
                ).format(words=words)
            )
        self._advertising.setVisible(bool(check.advertising_words))

    def problems_text(self) -> str:
        return "" if self._problems.isHidden() else self._problems.text()

    def advertising_text(self) -> str:
        return "" if self._advertising.isHidden() else self._advertising.text()

    def show_sms_numbers(
        self,
        sample: tuple[AudienceMember, RenderedPreview] | None,
        estimate: SmsEstimate | None,
        blocked: bool = False,
    ) -> None:
        """The counter: one recipient's SMS exactly, and the worst case over all of them.

        ``blocked``: the templates have problems, so nothing could be counted.
        """
        if blocked:
            self._sms_counter.setText(
                self.tr("Characters and parts are counted once the problems below are fixed.")
            )
        elif sample is None:
            self._sms_counter.setText(
                self.tr("Characters and parts appear here once the SMS has recipients.")
            )
        else:
            member, rendered = sample
            # The service counts as sent (with the real unsubscribe link in place).
            self._sms_counter.setText(
                self.tr(
                    "For {name}: {units} characters, {encoding}, %n part(s)",
                    "",
                    rendered.sms_segments,
                ).format(name=member.name, units=rendered.sms_units, encoding=rendered.sms_encoding)
            )
        if estimate is None or estimate.size.recipients == 0:
            self._sms_estimate.clear()
            self._sms_estimate.hide()
            return
        size = estimate.size
        total = self.tr("%n part(s) in total", "", size.total_segments)
        lines = [
            self.tr("Worst case: %n part(s) per SMS.", "", size.worst_segments),
            self.tr("{total} for %n recipient(s), about {price}.", "", size.recipients).format(
                total=total, price=price_text(size.cost_cents)
            ),
        ]
        if size.ucs2_bodies:
            lines.append(
                self.tr(
                    "%n SMS need the UCS-2 encoding (70 instead of 160 characters per part).",
                    "",
                    size.ucs2_bodies,
                )
            )
        self._sms_estimate.setText(" ".join(lines))
        self._sms_estimate.show()

    def sms_counter_text(self) -> str:
        return self._sms_counter.text() + (
            " " + self._sms_estimate.text() if self._sms_estimate.text() else ""
        )

    def show_answer(
        self,
        answer: ContentAnswer,
        fields: dict[str, str],
        member: AudienceMember | None,
        sms_member: AudienceMember | None,
    ) -> None:
        """The answer to the latest check of ``fields``: problems, SMS numbers (for
        ``sms_member``) and the preview (for ``member``, or why there is none)."""
        self.show_check(answer.check, fields)
        sample = (
            (sms_member, answer.sms_sample)
            if sms_member is not None and answer.sms_sample is not None
            else None
        )
        self.show_sms_numbers(sample, answer.estimate, bool(answer.check.problems))
        if answer.render_problems:
            self.show_preview_message(
                self.tr("No preview: {problem}").format(
                    problem=problem_text(answer.render_problems[0])
                ),
                error=True,
            )
        elif member is not None and answer.preview is not None:
            self.show_preview(member, answer.preview)
        elif answer.check.problems:
            self.show_preview_message(
                self.tr("The preview appears once the problems below are fixed."), error=True
            )
        else:
            self.show_preview_message(
                self.tr("The preview appears once the campaign has recipients.")
            )

    def show_preview(self, member: AudienceMember, rendered: RenderedPreview) -> None:
        self._preview_for.setText(
            self.tr(
                "How {name} gets it ({channel}). Click another recipient to see theirs."
            ).format(name=member.name, channel=channel_name(rendered.channel))
        )
        self._previewed = rendered
        self._write_preview(rendered)

    def _write_preview(self, rendered: RenderedPreview) -> None:
        link = (
            f'<span style="color:{palette.LINK}; text-decoration: underline;">'
            + html.escape(self.tr("[personal unsubscribe link]"))
            + "</span>"
        )
        body = html.escape(rendered.body).replace(html.escape(UNSUBSCRIBE_PLACEHOLDER), link)
        parts = []
        if rendered.channel is Channel.EMAIL:
            parts.append(
                "<p><b>{label}</b> {subject}</p><hr/>".format(
                    label=html.escape(self.tr("Subject:")), subject=html.escape(rendered.subject)
                )
            )
        parts.append(f'<p style="white-space: pre-wrap;">{body}</p>')
        self._preview.setHtml("".join(parts))

    def show_preview_message(self, text: str, error: bool = False) -> None:
        self._preview_for.setText(text)
        set_tone(self._preview_for, Tone.ERROR if error else None)
        if error:
            self._previewed = None
            self._preview.clear()

    def preview_text(self) -> str:
        return self._preview.toPlainText()

    # ---- slots --------------------------------------------------------------------------
    def _on_text_changed(self) -> None:
        self.content_changed.emit()

    def _on_sms_text_changed(self) -> None:
        self._update_typography()
        self.content_changed.emit()

    def _update_typography(self) -> None:
        size = sms_size(self._sms.toPlainText())
        fixable = size.replaceable
        if fixable:
            self._typography_hint.setText(
                self.tr(
                    "{chars} force the UCS-2 encoding: only 70 instead of 160 characters per part."
                ).format(chars=" ".join(size.forcing_ucs2))
            )
        self._typography_hint.setVisible(fixable)
        self._typography.setVisible(fixable)

    def _on_typography_clicked(self) -> None:
        # One edit through the cursor, so Ctrl+Z brings the original back.
        cursor = self._sms.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(replace_typography(self._sms.toPlainText()))
        self._sms.setFocus()

    def typography_offered(self) -> bool:
        return not self._typography.isHidden()


def _located(
    problems: tuple[TemplateProblem, ...], fields: dict[str, str]
) -> list[tuple[str, TemplateProblem]]:
    """Each problem with the field it is in (the service reports them without)."""
    located: list[tuple[str, TemplateProblem]] = []
    remaining = list(problems)
    for field, text in fields.items():
        for problem in check_field(field, text):
            if problem in remaining:
                remaining.remove(problem)
                located.append((field, problem))
    located += [("", problem) for problem in remaining]
    return located
