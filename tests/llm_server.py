"""A real HTTP server on 127.0.0.1 that speaks the chat-completions protocol, for the tests.

It records every request body exactly as received and answers as the test asks: a canned
answer, malformed JSON, an empty list of choices, a slow answer, or an HTTP error.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

Answer = Callable[[dict[str, Any]], str]


@dataclass
class Received:
    """One request as it arrived."""

    path: str
    headers: dict[str, str]
    raw: bytes

    @property
    def body(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.raw.decode("utf-8"))
        return data


@dataclass
class ChatServer:
    """Behaviour of the server; change ``mode`` and ``answer`` between requests."""

    mode: str = "canned"  # canned | malformed | empty | null | slow | error | think
    answer: str | Answer = "Jeg vil gerne tage bussen selv."
    delay: float = 0.0
    status: int = 500
    received: list[Received] = field(default_factory=list)
    url: str = ""

    def reply_text(self, body: dict[str, Any]) -> str:
        return self.answer(body) if callable(self.answer) else self.answer

    @property
    def bodies(self) -> list[dict[str, Any]]:
        return [r.body for r in self.received]


def _handler(server: ChatServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

        def do_POST(self) -> None:  # noqa: N802 - the http.server name
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            server.received.append(Received(self.path, dict(self.headers.items()), raw))
            mode = server.mode
            if mode == "slow":
                time.sleep(server.delay)
            if mode == "error":
                self._send(server.status, b'{"error": {"message": "model crashed"}}')
                return
            if mode == "malformed":
                self._send(200, b'{"choices": [ this is not json')
                return
            if mode == "empty":
                self._send(200, json.dumps({"object": "chat.completion", "choices": []}).encode())
                return
            text: str | None = server.reply_text(json.loads(raw.decode("utf-8")))
            if mode == "null":
                text = None
            elif mode == "think":
                text = f"<think>Let me think about names and numbers.</think>\n{text}"
            payload = {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "model": "test-model",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": "stop",
                    }
                ],
            }
            self._send(200, json.dumps(payload, ensure_ascii=False).encode("utf-8"))

        def _send(self, status: int, data: bytes) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                pass

    return Handler


@pytest.fixture
def chat_server() -> Iterator[ChatServer]:
    """A chat-completions server on a free loopback port, stopped after the test."""
    state = ChatServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def write_settings(home: Path, url: str, **extra: object) -> Path:
    """Write settings.toml with an [llm] table into the test's home."""
    home.mkdir(parents=True, exist_ok=True)
    lines = ["[llm]", f'url = "{url}"']
    for key, value in extra.items():
        if isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, int | float):
            lines.append(f"{key} = {value}")
        else:
            lines.append(f'{key} = "{value}"')
    path = home / "settings.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def dead_port() -> Iterator[int]:
    """A loopback port nobody listens on (for "the server is down").

    The port stays bound, never listening, for the whole test: connections are refused, and no
    other test (another xdist worker's server) can take the port in the meantime.
    """
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])
