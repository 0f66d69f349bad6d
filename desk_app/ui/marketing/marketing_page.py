"""The marketing section: compose a campaign, see how the campaigns went, the overview,
and the automatic messages with the rules for advertising.

After a send the page switches to the campaign list with the new campaign selected, so
the owner sees at once what was queued. A member whose role may not send campaigns
(reception, stylist) sees a short explanation instead (issue 12). Only the composer is
built with the page: the other tabs are built when first shown or asked for (opening the
section built all four at once, a stall of over 100 ms of the window).

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desk_app.domain.access import Actor
from desk_app.domain.enums import Permission
from desk_app.services.campaign_rows import CampaignRow
from desk_app.ui.access_gate import RefusedPage
from desk_app.ui.context import UiContext
from desk_app.ui.marketing.automations_panel import AutomationsPanel
from desk_app.ui.marketing.campaign_list import CampaignsView
from desk_app.ui.marketing.composer import CampaignComposer, SyncFactory
from desk_app.ui.marketing.dashboard_page import DashboardPage
from desk_app.ui.widgets.lazy_section import LazySection

COMPOSER_TAB, CAMPAIGNS_TAB, OVERVIEW_TAB, AUTOMATIONS_TAB = range(4)


class MarketingPage(QWidget):
    """Tabs: "New campaign", "Campaigns" (list and result), "Overview" (dashboard),
    "Automations" (automatic messages and the rules for advertising).

    ``sync_factory`` (None: no gateway set up) is for the composer's test send.
    """

    def __init__(
        self,
        ctx: UiContext,
        sync_factory: SyncFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._composer = CampaignComposer(ctx, sync_factory)
        self._campaigns = LazySection(self._build_campaigns)
        self._dashboard = LazySection(lambda: DashboardPage(ctx))
        self._automations = LazySection(lambda: AutomationsPanel(ctx))
        self._tabs = QTabWidget()
        self._tabs.setObjectName("marketingTabs")
        self._tabs.setDocumentMode(True)
        self._tabs.insertTab(COMPOSER_TAB, self._composer, self.tr("&New campaign"))
        self._tabs.insertTab(CAMPAIGNS_TAB, self._campaigns, self.tr("&Campaigns"))
        self._tabs.insertTab(OVERVIEW_TAB, self._dashboard, self.tr("&Overview"))
        self._tabs.insertTab(AUTOMATIONS_TAB, self._automations, self.tr("&Automations"))
        # The service checks SEND_CAMPAIGNS; composing, the results and the automatic
        # messages are the same people's work.
        self._access = RefusedPage(
            ctx.signed_in,
            Permission.SEND_CAMPAIGNS,
            self._tabs,
            self.tr("Marketing: campaigns, their results and the automatic messages."),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._access)

        ctx.signed_in.changed.connect(self._on_signed_in_changed)
        self._tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._composer.campaign_sent.connect(self._on_composer_campaign_sent)

    def _build_campaigns(self) -> CampaignsView:
        view = CampaignsView(self._ctx)
        # None yet: its empty state's button opens the composer.
        view.compose_requested.connect(lambda: self.show_tab(COMPOSER_TAB))
        return view

    def refresh(self) -> None:
        """Reload what the visible tab shows (the window calls this when data changed)."""
        if self._access.is_refused():
            return  # nothing of it is on screen; loaded when a member who may signs in
        self._composer.refresh()
        index = self._tabs.currentIndex()
        if index == CAMPAIGNS_TAB:
            self._campaigns.refresh()  # a tab not built yet is built (and loads) now
        elif index == OVERVIEW_TAB:
            self._dashboard.refresh()
        elif index == AUTOMATIONS_TAB:
            self._automations.refresh()

    def composer(self) -> CampaignComposer:
        return self._composer

    def campaigns(self) -> CampaignsView:
        view = self._campaigns.content()
        assert isinstance(view, CampaignsView)
        return view

    def dashboard(self) -> DashboardPage:
        page = self._dashboard.content()
        assert isinstance(page, DashboardPage)
        return page

    def automations(self) -> AutomationsPanel:
        panel = self._automations.content()
        assert isinstance(panel, AutomationsPanel)
        return panel

    def is_refused(self) -> bool:
        """The explanation is shown instead of the tabs (the member may not send)."""
        return self._access.is_refused()

    def refusal(self) -> str:
        return self._access.explanation()

    def current_tab(self) -> int:
        return self._tabs.currentIndex()

    def show_tab(self, index: int) -> None:
        self._tabs.setCurrentIndex(index)

    def _on_signed_in_changed(self, _actor: Actor) -> None:
        if self.isVisible():
            self.refresh()  # another member's view of it (their refusal keeps it empty)

    def _on_tabs_current_changed(self, index: int) -> None:
        if index == CAMPAIGNS_TAB:
            self._campaigns.refresh()

    def _on_composer_campaign_sent(self, row: CampaignRow) -> None:
        self._tabs.setCurrentIndex(CAMPAIGNS_TAB)  # refreshes the list …
        self.campaigns().select_campaign(row.id)  # … and selects the new one when it arrives
