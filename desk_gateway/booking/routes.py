"""The online booking routes: PUT /v1/availability and the outcome for desktops, the page
``/book/{public_name}`` for customers.

Pages never answer 500 for anything a browser can send: unknown names are 404 pages,
query parameters that name no choice lead back to the step before, a form that fails a
check comes back 422 with everything typed.
"""

# No "from __future__ import annotations" here: FastAPI must see the dependency types.

import ipaddress
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.exc import IntegrityError

from desk_app.domain.text_safety import is_clean
from desk_gateway.booking import (
    form_page,
    offers,
    pages,
    requests,
    store,
    waitlist,
    waitlist_pages,
)
from desk_gateway.booking.form import (
    ANY,
    Choice,
    parse_body,
    parse_day,
    parse_int,
    parse_start,
)
from desk_gateway.booking.pages import Page
from desk_gateway.booking.schemas import Outcome, Release, Snapshot
from desk_gateway.booking.submit import Accepted, Unavailable, submit
from desk_gateway.booking.texts import language
from desk_gateway.context import Gateway
from desk_gateway.web import pages as common_pages
from desk_gateway.web.errors import ApiError
from desk_gateway.web.ratelimit import RateLimiter

REQUEST_ID_MAX = 64


def _names_nothing(path_id: str) -> bool:
    """True for a request id or offer ref that intake could never have taken (too long,
    or not clean text): it names nothing, and a NUL byte must not reach PostgreSQL, which
    refuses it with an error instead of finding no row."""
    return len(path_id) > REQUEST_ID_MAX or not is_clean(path_id)


def _html(page: Page, status: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
    return HTMLResponse(
        page.html,
        status_code=status,
        headers={"Content-Security-Policy": page.csp, **(headers or {})},
    )


def register_booking(
    app: FastAPI,
    gw: Gateway,
    installation: Callable[[Request], int],
    client_of: Callable[[Request], str | None],
    page_guard: Callable[[Request], str | None],
) -> None:
    posts = RateLimiter(gw.config.booking_posts_per_hour, window=3600.0)
    Installation_ = Annotated[int, Depends(installation)]  # noqa: N806 - a type alias FastAPI reads
    Guard = Annotated[str | None, Depends(page_guard)]  # noqa: N806 - a type alias FastAPI reads

    # ---- desktops ---------------------------------------------------------------------------
    @app.put("/v1/availability")
    def put_availability(body: Snapshot, installation_id: Installation_) -> dict[str, Any]:
        try:
            with gw.db.write() as s:
                now = gw.clock()
                starts = store.publish(s, installation_id, body, now)
                # Every sync publishes: the moment to forget what nobody answered.
                requests.purge_unanswered(s, installation_id, now)
        except (store.NameTaken, IntegrityError) as exc:
            raise ApiError(
                409, "public_name_taken", "another salon publishes under this name"
            ) from exc
        return {"public_name": body.public_name, "starts": starts}

    @app.post("/v1/booking-requests/{request_id}/outcome")
    def post_outcome(
        request_id: str, body: Outcome, installation_id: Installation_
    ) -> dict[str, Any]:
        if _names_nothing(request_id):
            raise ApiError(404, "not_found", "unknown request")
        try:
            return requests.record_outcome(gw, installation_id, request_id, body)
        except requests.UnknownRequest as exc:
            raise ApiError(404, "not_found", "unknown request") from exc
        except requests.OutcomeFinal as exc:
            raise ApiError(409, "outcome_final", f"the request was {exc} before") from exc

    @app.post("/v1/waitlist-offers/{ref}/release")
    def post_release(
        ref: str, installation_id: Installation_, body: Release | None = None
    ) -> dict[str, Any]:
        if _names_nothing(ref):
            raise ApiError(404, "not_found", "unknown offer")
        waiting = body.waiting if body is not None else True
        try:
            offers.release(gw, installation_id, ref, waiting=waiting)
        except offers.UnknownOffer as exc:
            raise ApiError(404, "not_found", "unknown offer") from exc
        return {"ref": ref, "result": "released"}

    # ---- customers ---------------------------------------------------------------------------
    def lang_of(request: Request, query: str | None) -> str:
        return language(query, request.headers.get("accept-language"))

    def not_found(lang: str) -> HTMLResponse:
        return HTMLResponse(common_pages.not_found_page(lang), status_code=404)

    @app.get("/book/{public_name}", response_class=HTMLResponse)
    def booking_page(public_name: str, request: Request, query_lang: Guard) -> HTMLResponse:
        lang = lang_of(request, query_lang)
        with gw.db.read() as s:
            site = store.site_by_name(s, public_name)
            if site is None:
                return not_found(lang)
            if not site.snapshot.enabled:
                return _html(pages.disabled_page(site, lang))
            return _html(_step(s, site, lang, request.query_params))

    def _step(s: Any, site: store.Site, lang: str, params: Any) -> Page:
        now = gw.clock()
        treatment_id = parse_int(params.get("treatment", ""))
        treatment = site.snapshot.treatment(treatment_id) if treatment_id else None
        if treatment is None or not treatment.staff_ids:
            notice = "invalid_choice" if "treatment" in params else None
            return pages.treatments_page(site, lang, notice)
        staff_raw = params.get("staff", ANY) or ANY
        staff_id = None if staff_raw == ANY else parse_int(staff_raw)
        if (
            staff_id is not None
            and staff_id not in treatment.staff_ids
            or (staff_raw != ANY and staff_id is None)
        ):
            staff_id = None
        day = parse_day(params.get("day", ""))
        start = parse_start(params.get("start", "")) if params.get("start") else None
        if start is not None:
            day = start.astimezone(site.zone).date()
        if day is None:
            days = store.free_days(s, site, treatment, staff_id, now)
            return pages.days_page(site, lang, treatment, staff_id, days)
        starts = store.free_starts(s, site, treatment, staff_id, now, day)
        if start is not None:
            if any(x.starts_at == start for x in starts):
                return form_page.contact_page(site, lang, Choice(treatment, staff_id, start))
            return pages.times_page(site, lang, treatment, staff_id, day, starts, "start_taken")
        return pages.times_page(site, lang, treatment, staff_id, day, starts)

    @app.post("/book/{public_name}", response_class=HTMLResponse)
    async def booking_post(public_name: str, request: Request, query_lang: Guard) -> Response:
        client = client_of(request)
        wait = posts.retry_after(poster_key(client))
        body = await request.body()
        submission = parse_body(body)
        lang = submission.get("lang") if submission.get("lang") in ("de", "en") else None
        lang = lang or lang_of(request, query_lang)
        if wait is not None:
            site = await run_in_threadpool(site_named, public_name)
            if site is None:
                return not_found(lang)
            return _html(pages.too_many_page(site, lang), 429, {"Retry-After": str(wait)})
        agent = request.headers.get("user-agent")
        try:
            result = await run_in_threadpool(submit, gw, public_name, submission, client, agent)
        except Unavailable as exc:
            if exc.site is None:
                return not_found(lang)
            return _html(pages.disabled_page(exc.site, lang), 422)
        if isinstance(result, Accepted):
            target = f"{pages.book_path(public_name)}/sent?lang={result.lang}"
            return RedirectResponse(target, status_code=303)
        if result.choice is None:
            return _html(pages.treatments_page(result.site, result.lang, "invalid_choice"), 422)
        page = form_page.contact_page(
            result.site, result.lang, result.choice, submission, result.errors
        )
        return _html(page, 422)

    def site_named(public_name: str) -> store.Site | None:
        with gw.db.read() as s:
            return store.site_by_name(s, public_name)

    @app.get("/book/{public_name}/sent", response_class=HTMLResponse)
    def booking_sent(public_name: str, request: Request, query_lang: Guard) -> HTMLResponse:
        lang = lang_of(request, query_lang)
        site = site_named(public_name)
        if site is None:
            return not_found(lang)
        return _html(pages.sent_page(site, lang))

    # ---- the waitlist, when nothing suits (issue 14) -------------------------------------
    @app.get("/book/{public_name}/waitlist", response_class=HTMLResponse)
    def waitlist_form(public_name: str, request: Request, query_lang: Guard) -> HTMLResponse:
        lang = lang_of(request, query_lang)
        site = site_named(public_name)
        if site is None:
            return not_found(lang)
        if not site.snapshot.enabled:
            return _html(pages.disabled_page(site, lang))
        params = request.query_params
        treatment_id = parse_int(params.get("treatment", ""))
        treatment = site.snapshot.treatment(treatment_id) if treatment_id else None
        if treatment is None or not treatment.staff_ids:
            return _html(pages.treatments_page(site, lang, "invalid_choice"))
        staff_id = parse_int(params.get("staff", ""))
        staff_id = staff_id if staff_id in treatment.staff_ids else None
        today = gw.clock().astimezone(site.zone).date()
        return _html(waitlist_pages.waitlist_page(site, lang, treatment, staff_id, today))

    @app.post("/book/{public_name}/waitlist", response_class=HTMLResponse)
    async def waitlist_post(public_name: str, request: Request, query_lang: Guard) -> Response:
        wait = posts.retry_after(poster_key(client_of(request)))
        form = waitlist.parse_waitlist_body(await request.body())
        lang = form.get("lang") if form.get("lang") in ("de", "en") else None
        lang = lang or lang_of(request, query_lang)
        if wait is not None:
            site = await run_in_threadpool(site_named, public_name)
            if site is None:
                return not_found(lang)
            return _html(pages.too_many_page(site, lang), 429, {"Retry-After": str(wait)})
        site, wish, errors = await run_in_threadpool(
            waitlist.submit_waitlist, gw, public_name, form
        )
        if site is None:
            return not_found(lang)
        if not site.snapshot.enabled:
            return _html(pages.disabled_page(site, lang), 422)
        if not errors:
            target = f"{waitlist_pages.waitlist_path(public_name)}/sent?lang={lang}"
            return RedirectResponse(target, status_code=303)
        treatment_id = parse_int(form.get("treatment"))
        treatment = site.snapshot.treatment(treatment_id) if treatment_id else None
        if treatment is None or not treatment.staff_ids:
            return _html(pages.treatments_page(site, lang, "invalid_choice"), 422)
        staff_id = wish.staff_id if wish else parse_int(form.get("staff"))
        staff_id = staff_id if staff_id in treatment.staff_ids else None
        today = gw.clock().astimezone(site.zone).date()
        page = waitlist_pages.waitlist_page(site, lang, treatment, staff_id, today, form, errors)
        return _html(page, 422)

    @app.get("/book/{public_name}/waitlist/sent", response_class=HTMLResponse)
    def waitlist_sent(public_name: str, request: Request, query_lang: Guard) -> HTMLResponse:
        lang = lang_of(request, query_lang)
        site = site_named(public_name)
        if site is None:
            return not_found(lang)
        return _html(waitlist_pages.waitlist_sent_page(site, lang))


def poster_key(client: str | None) -> str:
    """Whose form posts count together: one IPv4 address, or one IPv6 /64 (a single home
    line or machine is given a whole /64 and can pick any address in it)."""
    try:
        address = ipaddress.ip_address(client or "")
    except ValueError:
        return f"ip:{client or 'unknown'}"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return f"ip:{address.ipv4_mapped}"
        return f"ip:{ipaddress.ip_network(f'{address}/64', strict=False)}"
    return f"ip:{address}"
