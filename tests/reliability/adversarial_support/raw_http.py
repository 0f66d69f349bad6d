"""A raw HTTP/1.1 client: sends exactly the bytes it is given (non-UTF-8 paths, huge or
binary headers, bodies that do not match their content type), as an attacker would.
"""

from __future__ import annotations

import contextlib
import socket
from dataclasses import dataclass

RESPONSE_LIMIT = 4 * 1024 * 1024


@dataclass(frozen=True)
class RawResponse:
    status: int  # 0: the server closed the connection without an answer
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def request(
    port: int,
    method: bytes,
    target: bytes,
    headers: list[tuple[bytes, bytes]] | None = None,
    body: bytes = b"",
    timeout: float = 20.0,
) -> RawResponse:
    head = [method + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1:" + str(port).encode()]
    for name, value in headers or []:
        head.append(name + b": " + value)
    head.append(b"Content-Length: " + str(len(body)).encode())
    head.append(b"Connection: close")
    data = b"\r\n".join(head) + b"\r\n\r\n" + body
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        # The server may answer (413, 431) and close before it read everything.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(data)
        chunks: list[bytes] = []
        size = 0
        while size < RESPONSE_LIMIT:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    return parse(b"".join(chunks))


def parse(raw: bytes) -> RawResponse:
    if not raw.startswith(b"HTTP/"):
        return RawResponse(0, {}, raw)
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.decode("latin-1").strip().lower()] = value.decode("latin-1").strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _unchunk(body)
    return RawResponse(status, headers, body)


def _unchunk(data: bytes) -> bytes:
    out = bytearray()
    while data:
        size_line, _, rest = data.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0], 16)
        except ValueError:
            break
        if size == 0:
            break
        out += rest[:size]
        data = rest[size + 2 :]
    return bytes(out)
