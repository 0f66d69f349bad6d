"""The waitlist offer's routes: GET /w/{token} shows, POST /w/{token} accepts.

Limited like the other customers' pages (``page_guard``); an unknown or forged token gets
the gateway's not-found page. The body of the POST is not read at all (the button sends
nothing the acceptance needs), so a huge one changes nothing. The language is ``?lang=``,
else the offer's.
"""

# No "from __future__ import annotations" here: FastAPI must see the dependency types.

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from desk_gateway.booking import offers
from desk_gateway.booking.offer_pages import offer_page
from desk_gateway.booking.texts import LANGUAGES
from desk_gateway.context import Gateway
from desk_gateway.web import pages as common_pages


def register_offers(app: FastAPI, gw: Gateway, page_guard: Callable[[Request], str | None]) -> None:
    Guard = Annotated[str | None, Depends(page_guard)]  # noqa: N806 - a type alias FastAPI reads

    def answer(view: offers.OfferView | None, token: str, query_lang: str | None) -> HTMLResponse:
        if view is None:
            return HTMLResponse(common_pages.not_found_page(query_lang), status_code=404)
        if query_lang in LANGUAGES:
            lang = query_lang
        else:
            lang = view.language if view.language in LANGUAGES else "de"
        page = offer_page(view, token, lang)
        status = 409 if view.state in ("taken", "gone") else 200
        return HTMLResponse(
            page.html, status_code=status, headers={"Content-Security-Policy": page.csp}
        )

    @app.get("/w/{token}", response_class=HTMLResponse)
    def offer_show(token: str, query_lang: Guard) -> HTMLResponse:
        return answer(offers.view(gw, token), token, query_lang)

    @app.post("/w/{token}", response_class=HTMLResponse)
    async def offer_accept(token: str, query_lang: Guard) -> HTMLResponse:
        view = await run_in_threadpool(offers.accept, gw, token)
        return answer(view, token, query_lang)
