"""All services of one database, built once by the composition root.

``UseCases`` is what screens get: the services only. ``Services`` adds the ``Database``
they share, for the composition root (closing it, the change feed, sync) and the
maintenance commands; a widget never sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from desk_app.db.engine import Database
from desk_app.domain.contact import DEFAULT_REGION
from desk_app.services.audience_view import AudienceView
from desk_app.services.automations import AutomationService
from desk_app.services.booking import BookingService
from desk_app.services.calendar_view import CalendarService
from desk_app.services.campaign_test_send import CampaignTestSend
from desk_app.services.campaigns import CampaignService
from desk_app.services.catalogue import CatalogueService
from desk_app.services.consent import ConsentService
from desk_app.services.customer_directory import CustomerDirectory
from desk_app.services.customers import CustomerService
from desk_app.services.dashboard import DashboardService
from desk_app.services.demo import DemoDataService
from desk_app.services.messages import MessageTemplates
from desk_app.services.online_availability import OnlineAvailabilityService
from desk_app.services.online_booking import OnlineBookingService
from desk_app.services.outbox import OutboxService
from desk_app.services.outbox_view import OutboxView
from desk_app.services.privacy import PrivacyService
from desk_app.services.salon_setup import SalonSetupService


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class UseCases:
    customers: CustomerService
    directory: CustomerDirectory
    catalogue: CatalogueService
    booking: BookingService
    calendar: CalendarService
    consent: ConsentService
    outbox: OutboxService
    outbox_view: OutboxView
    salon_setup: SalonSetupService
    demo: DemoDataService
    automations: AutomationService
    campaigns: CampaignService
    campaign_tests: CampaignTestSend
    dashboard: DashboardService
    privacy: PrivacyService
    online_availability: OnlineAvailabilityService
    online_booking: OnlineBookingService
    audience: AudienceView


@dataclass(frozen=True)
class Services(UseCases):
    db: Database

    def use_cases(self) -> UseCases:
        """The same services without the Database: what the window hands to its screens."""
        return UseCases(**{f.name: getattr(self, f.name) for f in fields(UseCases)})


def build_services(
    db: Database,
    templates_dir: Path,
    clock: Callable[[], datetime] = utc_now,
    region: str = DEFAULT_REGION,
) -> Services:
    customers = CustomerService(db, clock, region)
    catalogue = CatalogueService(db)
    templates = MessageTemplates(templates_dir)
    booking = BookingService(db, clock, templates)
    consent = ConsentService(db, clock)
    campaigns = CampaignService(db, clock)
    return Services(
        db=db,
        customers=customers,
        directory=CustomerDirectory(db, region),
        catalogue=catalogue,
        booking=booking,
        calendar=CalendarService(db),
        consent=consent,
        outbox=OutboxService(db, clock),
        outbox_view=OutboxView(db),
        salon_setup=SalonSetupService(db, clock),
        demo=DemoDataService(db, clock),
        automations=AutomationService(db, clock, templates),
        campaigns=campaigns,
        campaign_tests=CampaignTestSend(campaigns),
        dashboard=DashboardService(db, clock),
        privacy=PrivacyService(db, clock),
        online_availability=OnlineAvailabilityService(db, clock),
        online_booking=OnlineBookingService(db, clock, templates),
        audience=AudienceView(db, clock),
    )
