"""Posting to an SMS provider over HTTP: network trouble is the transport's fault.

A timeout, a failed TLS handshake or any other network error raises ``SmsSendError`` of
kind ``TRANSPORT`` (the gateway pauses the channel, the message keeps its tries),
labelled with the provider's name and never with the request's content.
"""

from __future__ import annotations

from typing import Any

import requests

from desk_gateway.sms.base import SmsFault, SmsSendError


def post(provider: str, url: str, **kwargs: Any) -> requests.Response:
    """``requests.post(url, **kwargs)``; pass an explicit ``timeout``."""
    try:
        return requests.post(url, **kwargs)
    except requests.Timeout as exc:
        raise _transport(f"{provider}: request timed out", "timeout") from exc
    except requests.exceptions.SSLError as exc:
        raise _transport(f"{provider}: TLS failed", "tls_failed") from exc
    except requests.RequestException as exc:
        error = f"{provider}: network error ({type(exc).__name__})"
        raise _transport(error, "connection_failed") from exc


def _transport(label: str, error: str) -> SmsSendError:
    return SmsSendError(label, kind=SmsFault.TRANSPORT, error=error)
