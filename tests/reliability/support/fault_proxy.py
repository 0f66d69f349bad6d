"""An HTTP/1.1 proxy on loopback that the desktop talks to instead of the gateway, and that
spoils a share of the requests the way networks and reverse proxies do.

Of every ten requests, ``rate`` × 10 (at random places among the ten) are spoiled, so
the share is what was asked for also in a short run; the faults take turns in a shuffled
order, so that every kind occurs:

- ``500``: answered 500 by the proxy, the gateway never sees the request;
- ``429``: answered 429 with ``Retry-After: 1``, the gateway never sees it;
- ``502_after``: forwarded, the gateway did the work, its answer is replaced by a 502;
- ``cut_request``: the connection is cut halfway through the request (the gateway gets
  half of it and nothing happens there);
- ``cut_response``: forwarded, the gateway did the work, the answer is cut halfway;
- ``timeout``: forwarded, the gateway did the work, the answer is held back until the
  client gives up (its read timeout); at most ``max_timeouts`` of these per run, each
  costs the client's whole read timeout.

``stop()`` takes the proxy off the network (connection refused: the gateway is
unreachable for the desktop, while customers still reach the gateway itself);
``start()`` brings it back on the same port.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
from collections import Counter
from dataclasses import dataclass

from tests.e2e.conftest import free_port

FAULTS = ("500", "429", "502_after", "cut_request", "cut_response", "timeout")
HOLD_LIMIT = 120.0  # seconds a held answer waits for the client to give up


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    head: bytes
    body: bytes
    close: bool  # the client asked to close the connection afterwards


def _problem(status: int, reason: str, extra: str = "") -> bytes:
    body = f'{{"type":"about:blank","title":"{reason}","status":{status},"code":"proxy"}}'
    return (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/problem+json\r\n"
        f"content-length: {len(body)}\r\n{extra}\r\n{body}"
    ).encode()


class _Connection:
    """Bytes from one socket, read up to a delimiter or a length."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def _fill(self) -> bool:
        chunk = self.sock.recv(65536)
        self.buffer += chunk
        return bool(chunk)

    def head(self) -> bytes | None:
        while b"\r\n\r\n" not in self.buffer:
            if not self._fill():
                return None
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        return head + b"\r\n\r\n"

    def exactly(self, length: int) -> bytes | None:
        while len(self.buffer) < length:
            if not self._fill():
                return None
        data, self.buffer = self.buffer[:length], self.buffer[length:]
        return data


def _headers(head: bytes) -> tuple[str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    fields = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip().lower()] = value.strip()
    return lines[0], fields


def _without_connection_header(head: bytes) -> bytes:
    lines = head.decode("latin-1").split("\r\n")
    kept = [line for line in lines if not line.lower().startswith("connection:")]
    return "\r\n".join(kept).encode("latin-1")


class FaultProxy:
    def __init__(
        self,
        upstream_port: int,
        *,
        rate: float = 0.3,
        seed: int = 0,
        max_timeouts: int = 1,
    ) -> None:
        self.port = free_port()
        self._upstream = ("127.0.0.1", upstream_port)
        self._rate = rate
        self._rng = random.Random(seed)
        self._max_timeouts = max_timeouts
        self._turns: list[str] = []
        self._block: list[bool] = []
        self._lock = threading.Lock()
        self.requests = 0
        self.faults: Counter[str] = Counter()
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def fault_rate(self) -> float:
        with self._lock:
            return sum(self.faults.values()) / self.requests if self.requests else 0.0

    # ---- on and off the network -----------------------------------------------------------
    def start(self) -> None:
        assert self._listener is None
        self._stopping.clear()
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.2)
        self._listener = listener
        thread = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        """Off the network; harmless when it is off already."""
        self._stopping.set()
        with self._lock:
            for sock in list(self._open):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=HOLD_LIMIT + 10)
        self._threads.clear()
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def _accept(self, listener: socket.socket) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            thread = threading.Thread(target=self._serve, args=(client,), daemon=True)
            thread.start()
            self._threads.append(thread)

    # ---- one client connection ------------------------------------------------------------
    def _track(self, sock: socket.socket, on: bool) -> None:
        with self._lock:
            (self._open.add if on else self._open.discard)(sock)

    def _choose(self) -> str | None:
        with self._lock:
            self.requests += 1
            if not self._block:
                spoiled = round(self._rate * 10)
                self._block = [True] * spoiled + [False] * (10 - spoiled)
                self._rng.shuffle(self._block)
            if not self._block.pop():
                return None
            if not self._turns:
                self._turns = list(FAULTS)
                self._rng.shuffle(self._turns)
            fault = self._turns.pop()
            if fault == "timeout" and self.faults[fault] >= self._max_timeouts:
                fault = "502_after"
            self.faults[fault] += 1
            return fault

    def _serve(self, client: socket.socket) -> None:
        self._track(client, True)
        try:
            with client:
                connection = _Connection(client)
                while not self._stopping.is_set():
                    request = self._read_request(connection)
                    if request is None or not self._answer(client, request):
                        return
        except OSError:
            return  # the client went away, or stop() cut the connection
        finally:
            self._track(client, False)

    @staticmethod
    def _read_request(connection: _Connection) -> Request | None:
        head = connection.head()
        if head is None:
            return None
        request_line, fields = _headers(head)
        body = connection.exactly(int(fields.get("content-length", "0")))
        if body is None:
            return None
        method, path, _ = request_line.split(" ", 2)
        close = fields.get("connection", "").lower() == "close"
        return Request(method, path, head, body, close)

    def _answer(self, client: socket.socket, request: Request) -> bool:
        """Answer one request; False when the connection is to be closed."""
        fault = self._choose()
        if fault == "500":
            client.sendall(_problem(500, "Internal Server Error"))
            return not request.close
        if fault == "429":
            client.sendall(_problem(429, "Too Many Requests", "retry-after: 1\r\n"))
            return not request.close
        if fault == "cut_request":
            whole = request.head + request.body
            with socket.create_connection(self._upstream, timeout=30) as upstream:
                upstream.sendall(whole[: len(whole) // 2])
            return False
        answer = self._forward(request)
        if fault == "502_after":
            client.sendall(_problem(502, "Bad Gateway"))
            return not request.close
        if fault == "cut_response":
            client.sendall(answer[: len(answer) // 2])
            return False
        if fault == "timeout":
            client.settimeout(HOLD_LIMIT)
            while client.recv(65536):  # until the client gives up and closes
                pass
            return False
        head, sep, body = answer.partition(b"\r\n\r\n")
        _, fields = _headers(head + sep)
        keep = "content-length" in fields and not request.close
        client.sendall((_without_connection_header(head) if keep else head) + sep + body)
        return keep

    def _forward(self, request: Request) -> bytes:
        """The gateway's whole answer (one connection per request, closed by it)."""
        head = _without_connection_header(request.head[:-4]) + b"\r\nConnection: close\r\n\r\n"
        with socket.create_connection(self._upstream, timeout=60) as upstream:
            upstream.sendall(head + request.body)
            chunks = []
            while chunk := upstream.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)
