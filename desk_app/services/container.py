"""All services of one database, built once by the composition root.

``UseCases`` is what screens get: the services only. ``Services`` adds the ``Database``
they share, for the composition root (closing it, the change feed, sync) and the
maintenance commands; a widget never sees it.

Each service is built (and its module imported) when it is first asked for: the window's
start needs the calendar's few, and importing all of them (the audience, campaigns,
online booking, their templates and e-mail checks) was a third of its start-up time. A
service is still built only once, whichever thread asks first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from desk_app.db.engine import Database
from desk_app.domain.contact import DEFAULT_REGION

if TYPE_CHECKING:
    from desk_app.services.audience_view import AudienceView
    from desk_app.services.audit import AuditService
    from desk_app.services.automations import AutomationService
    from desk_app.services.backups import BackupService
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
    from desk_app.services.first_setup import FirstSetupService
    from desk_app.services.gateway_login import GatewayLoginService
    from desk_app.services.messages import MessageTemplates
    from desk_app.services.online_availability import OnlineAvailabilityService
    from desk_app.services.online_booking import OnlineBookingService
    from desk_app.services.outbox import OutboxService
    from desk_app.services.outbox_view import OutboxView
    from desk_app.services.privacy import PrivacyService
    from desk_app.services.retention import RetentionService
    from desk_app.services.salon_setup import SalonSetupService
    from desk_app.services.series import SeriesService
    from desk_app.services.series_changes import SeriesChanges
    from desk_app.services.staff_access import StaffAccessService
    from desk_app.services.staff_tokens import StaffTokenService
    from desk_app.services.waitlist import WaitlistService

T = TypeVar("T")


def utc_now() -> datetime:
    return datetime.now(UTC)


class _Parts:
    """What the services are built from, and the services built so far (by the function
    that builds each: a service asked for by another one is the very same object)."""

    def __init__(
        self,
        db: Database,
        templates_dir: Path,
        clock: Callable[[], datetime],
        region: str,
        backup_folder: Path | None = None,
    ) -> None:
        self.db, self.templates_dir, self.clock, self.region = db, templates_dir, clock, region
        self.backup_folder = backup_folder  # the default one; None: beside the SQLite file
        self._built: dict[Callable[[_Parts], Any], Any] = {}
        # Re-entrant: building one service may ask for another (the test send, campaigns).
        self._lock = threading.RLock()

    def get(self, make: Callable[[_Parts], T]) -> T:
        try:
            return self._built[make]  # type: ignore[no-any-return]
        except KeyError:
            pass
        with self._lock:
            if make not in self._built:
                self._built[make] = make(self)
            return self._built[make]  # type: ignore[no-any-return]


class _Service(Generic[T]):
    """A service attribute of ``UseCases``: built by ``make`` on first access."""

    def __init__(self, make: Callable[[_Parts], T]) -> None:
        self._make = make

    def __get__(self, owner: UseCases, _type: type | None = None) -> T:
        return owner._parts.get(self._make)


# ---- how each service is built (the import is the slow part, so it is here) -------------------
def templates(p: _Parts) -> MessageTemplates:
    from desk_app.services.messages import MessageTemplates

    return MessageTemplates(p.templates_dir)


def customers(p: _Parts) -> CustomerService:
    from desk_app.services.customers import CustomerService

    return CustomerService(p.db, p.clock, p.region)


def directory(p: _Parts) -> CustomerDirectory:
    from desk_app.services.customer_directory import CustomerDirectory

    return CustomerDirectory(p.db, p.region)


def catalogue(p: _Parts) -> CatalogueService:
    from desk_app.services.catalogue import CatalogueService

    return CatalogueService(p.db, p.clock)


def booking(p: _Parts) -> BookingService:
    from desk_app.services.booking import BookingService

    return BookingService(p.db, p.clock, p.get(templates))


def series(p: _Parts) -> SeriesService:
    from desk_app.services.series import SeriesService

    return SeriesService(p.db, p.clock, p.get(templates))


def series_changes(p: _Parts) -> SeriesChanges:
    from desk_app.services.series_changes import SeriesChanges

    return SeriesChanges(p.db, p.clock, p.get(templates))


def calendar(p: _Parts) -> CalendarService:
    from desk_app.services.calendar_view import CalendarService

    return CalendarService(p.db)


def consent(p: _Parts) -> ConsentService:
    from desk_app.services.consent import ConsentService

    return ConsentService(p.db, p.clock)


def outbox(p: _Parts) -> OutboxService:
    from desk_app.services.outbox import OutboxService

    return OutboxService(p.db, p.clock)


def outbox_view(p: _Parts) -> OutboxView:
    from desk_app.services.outbox_view import OutboxView

    return OutboxView(p.db)


def salon_setup(p: _Parts) -> SalonSetupService:
    from desk_app.services.salon_setup import SalonSetupService

    return SalonSetupService(p.db, p.clock)


def first_setup(p: _Parts) -> FirstSetupService:
    from desk_app.services.first_setup import FirstSetupService

    return FirstSetupService(p.db, p.clock)


def demo(p: _Parts) -> DemoDataService:
    from desk_app.services.demo import DemoDataService

    return DemoDataService(p.db, p.clock)


def automations(p: _Parts) -> AutomationService:
    from desk_app.services.automations import AutomationService

    return AutomationService(p.db, p.clock, p.get(templates))


def campaigns(p: _Parts) -> CampaignService:
    from desk_app.services.campaigns import CampaignService

    return CampaignService(p.db, p.clock)


def campaign_tests(p: _Parts) -> CampaignTestSend:
    from desk_app.services.campaign_test_send import CampaignTestSend

    return CampaignTestSend(p.get(campaigns))


def dashboard(p: _Parts) -> DashboardService:
    from desk_app.services.dashboard import DashboardService

    return DashboardService(p.db, p.clock)


def privacy(p: _Parts) -> PrivacyService:
    from desk_app.services.privacy import PrivacyService

    return PrivacyService(p.db, p.clock)


def retention(p: _Parts) -> RetentionService:
    from desk_app.services.retention import RetentionService

    return RetentionService(p.db, p.clock)


def online_availability(p: _Parts) -> OnlineAvailabilityService:
    from desk_app.services.online_availability import OnlineAvailabilityService

    return OnlineAvailabilityService(p.db, p.clock)


def online_booking(p: _Parts) -> OnlineBookingService:
    from desk_app.services.online_booking import OnlineBookingService

    return OnlineBookingService(p.db, p.clock, p.get(templates))


def audience(p: _Parts) -> AudienceView:
    from desk_app.services.audience_view import AudienceView

    return AudienceView(p.db, p.clock)


def staff_access(p: _Parts) -> StaffAccessService:
    from desk_app.services.staff_access import StaffAccessService

    return StaffAccessService(p.db, p.clock)


def staff_tokens(p: _Parts) -> StaffTokenService:
    from desk_app.services.staff_tokens import StaffTokenService

    return StaffTokenService(p.db, p.clock)


def gateway_login(p: _Parts) -> GatewayLoginService:
    from desk_app.services.gateway_login import GatewayLoginService

    return GatewayLoginService(p.db, p.clock)


def audit(p: _Parts) -> AuditService:
    from desk_app.services.audit import AuditService

    return AuditService(p.db, p.clock, p.region)


def waitlist(p: _Parts) -> WaitlistService:
    from desk_app.services.waitlist import WaitlistService

    return WaitlistService(p.db, p.clock, p.get(templates))


def backups(p: _Parts) -> BackupService:
    from desk_app.services.backups import BackupService

    return BackupService(p.db, p.clock, p.backup_folder)


class UseCases:
    """The services (no Database): what the window hands to its screens."""

    customers = _Service(customers)
    directory = _Service(directory)
    catalogue = _Service(catalogue)
    booking = _Service(booking)
    series = _Service(series)
    series_changes = _Service(series_changes)
    calendar = _Service(calendar)
    consent = _Service(consent)
    outbox = _Service(outbox)
    outbox_view = _Service(outbox_view)
    salon_setup = _Service(salon_setup)
    first_setup = _Service(first_setup)
    demo = _Service(demo)
    automations = _Service(automations)
    campaigns = _Service(campaigns)
    campaign_tests = _Service(campaign_tests)
    dashboard = _Service(dashboard)
    privacy = _Service(privacy)
    retention = _Service(retention)
    online_availability = _Service(online_availability)
    online_booking = _Service(online_booking)
    audience = _Service(audience)
    staff_access = _Service(staff_access)
    staff_tokens = _Service(staff_tokens)
    gateway_login = _Service(gateway_login)
    audit = _Service(audit)
    backups = _Service(backups)
    waitlist = _Service(waitlist)

    def __init__(self, parts: _Parts) -> None:
        self._parts = parts


class Services(UseCases):
    @property
    def db(self) -> Database:
        return self._parts.db

    def use_cases(self) -> UseCases:
        """The same services without the Database: what the window hands to its screens."""
        return UseCases(self._parts)


def build_services(
    db: Database,
    templates_dir: Path,
    clock: Callable[[], datetime] = utc_now,
    region: str = DEFAULT_REGION,
    backup_folder: Path | None = None,
) -> Services:
    return Services(_Parts(db, templates_dir, clock, region, backup_folder))
