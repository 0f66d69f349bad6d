"""Fixtures for the gateway client: a real HTTP server on loopback, a recording ``sleep``,
a port nobody listens on, and a server that drops every connection.

The session-wide ``make_httpserver`` of pytest-httpserver is replaced by a *threaded* one,
so a deliberately slow handler does not hold up the client's retry.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Callable, Iterator

import pytest
from pytest_httpserver import HTTPServer

from desk_app.gateway.client import GatewayClient

from .support import TOKEN, DroppingServer, SleepRecorder


@pytest.fixture(scope="session")
def make_httpserver() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def httpserver(make_httpserver: HTTPServer) -> Iterator[HTTPServer]:
    server = make_httpserver
    server.clear()
    # Not 500 (the default): a request nobody expected must not look retryable.
    server.no_handler_status_code = 418
    yield server
    server.check_assertions()
    server.check_handler_errors()


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def make_client(
    httpserver: HTTPServer, sleeps: SleepRecorder
) -> Iterator[Callable[..., GatewayClient]]:
    """``make_client(**overrides)``: a client of the loopback server with the fake sleep."""
    clients: list[GatewayClient] = []

    def make(**overrides: object) -> GatewayClient:
        options: dict[str, object] = {
            "base_url": httpserver.url_for("/"),
            "token": TOKEN,
            "timeout": (2.0, 5.0),
            "sleep": sleeps,
            "rng": lambda: 0.5,
        }
        options.update(overrides)
        client = GatewayClient(**options)  # type: ignore[arg-type]
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def closed_port() -> int:
    """A loopback port that was free a moment ago: connecting is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def dropping_server() -> Iterator[DroppingServer]:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.05)
    server = DroppingServer(port=int(listener.getsockname()[1]))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            server.accepted += 1
            # Linger 0: close() sends RST, the client sees "connection reset".
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server
    stop.set()
    thread.join(timeout=5)
    listener.close()
