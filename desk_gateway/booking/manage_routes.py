"""The manage page's routes: GET /m/{token} shows, POST /m/{token} cancels or moves.

Limited like the other customers' pages (``page_guard``); an unknown or forged token gets
the gateway's not-found page. The language is ``?lang=``, else the booking's.
"""

# No "from __future__ import annotations" here: FastAPI must see the dependency types.

from collections.abc import Callable
from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from desk_gateway.booking import manage
from desk_gateway.booking.manage_pages import manage_page
from desk_gateway.booking.texts import LANGUAGES
from desk_gateway.context import Gateway
from desk_gateway.web import pages as common_pages

FORM_FIELDS = ("action", "start", "staff", "lang")


def _form(body: bytes) -> dict[str, str]:
    """The posted fields (the first of each); a body that is not UTF-8 or has too many
    fields counts as empty (the page is shown again, nothing changes)."""
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=8)
    except (UnicodeDecodeError, ValueError):
        return {}
    values: dict[str, str] = {}
    for name, value in pairs:
        if name in FORM_FIELDS and name not in values:
            values[name] = value
    return values


def _language(query: str | None, view: manage.ManageView) -> str:
    if query in LANGUAGES:
        return query
    return view.language if view.language in LANGUAGES else "de"


def register_manage(app: FastAPI, gw: Gateway, page_guard: Callable[[Request], str | None]) -> None:
    Guard = Annotated[str | None, Depends(page_guard)]  # noqa: N806 - a type alias FastAPI reads

    def answer(view: manage.ManageView | None, token: str, query_lang: str | None) -> HTMLResponse:
        if view is None:
            return HTMLResponse(common_pages.not_found_page(query_lang), status_code=404)
        page = manage_page(view, token, _language(query_lang, view))
        status = 409 if view.notice == "start_taken" else 200
        return HTMLResponse(
            page.html, status_code=status, headers={"Content-Security-Policy": page.csp}
        )

    @app.get("/m/{token}", response_class=HTMLResponse)
    def manage_booking(token: str, request: Request, query_lang: Guard) -> HTMLResponse:
        params = request.query_params
        view = manage.view(
            gw,
            token,
            change=params.get("change") == "1",
            staff=params.get("staff", ""),
            day=params.get("day", ""),
        )
        return answer(view, token, query_lang)

    @app.post("/m/{token}", response_class=HTMLResponse)
    async def manage_post(token: str, request: Request, query_lang: Guard) -> HTMLResponse:
        form = _form(await request.body())
        action = form.get("action")
        view: manage.ManageView | None
        if action == "cancel":
            view = await run_in_threadpool(manage.cancel, gw, token)
        elif action == "change":
            view = await run_in_threadpool(
                manage.change, gw, token, form.get("start", ""), form.get("staff", "")
            )
        else:
            view = await run_in_threadpool(manage.view, gw, token)
        return answer(view, token, query_lang)
