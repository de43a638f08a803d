"""A small client for an OpenAI-compatible chat-completions server (llama.cpp, Ollama, vLLM, …).

Only the standard library: one POST to ``<base url>/chat/completions`` over ``http.client``,
which follows no redirect and honours no proxy variable, so a request goes exactly where the
settings say. By default the server must be on this machine or the local network: the address
the socket actually connects to is checked before a single byte is sent (a name that resolves
elsewhere is refused, whatever DNS said earlier). A remote server needs ``allow_remote``, and
then the wall shows a warning. Every failure is one :class:`LlmError` sentence.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import re
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from facilitator.domain.errors import FacilitatorError
from facilitator.i18n import t
from facilitator.storage.settings import LlmSettings

#: The recipient a consent names for a model on this machine or the local network.
LOCAL_RECIPIENT = "lokal"
MAX_ANSWER_BYTES = 1_000_000
_THINK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)


class LlmError(FacilitatorError):
    """The model could not give an answer; the meeting goes on without it."""


@dataclass(frozen=True)
class Message:
    """One chat message."""

    role: str
    content: str


@dataclass(frozen=True)
class Endpoint:
    """A checked chat-completions address."""

    scheme: str
    host: str
    port: int
    path: str
    local_only: bool

    @property
    def display(self) -> str:
        """The address as a person reads it (no credentials, no query)."""
        return f"{self.scheme}://{_host_port(self.host, self.port)}{self.path}"

    @property
    def recipient(self) -> str:
        """Whom a consent must name: the local model, or the remote host by name."""
        return LOCAL_RECIPIENT if self.local_only else self.host.lower()

    @property
    def remote(self) -> bool:
        """Whether what is sent may leave the local network (the wall shows a warning)."""
        return not self.local_only


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def is_local_address(address: str) -> bool:
    """Loopback or a private-network address (IPv4 or IPv6, mapped IPv4 included)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback or ip.is_private or ip.is_link_local


def _literal_local(host: str) -> bool:
    return host.lower() in ("localhost", "localhost.") or is_local_address(host)


def endpoint(settings: LlmSettings) -> Endpoint:
    """Check the configured base URL and turn it into the chat-completions address.

    ``http://host:port/v1`` becomes ``…/v1/chat/completions``; a URL that already ends in
    ``/chat/completions`` is used as it is. Without ``allow_remote`` every connection is
    checked to stay local; with it, a host that is not literally local counts as remote.
    """
    raw = settings.url.strip()
    if not raw:
        raise LlmError(t("assist.err_no_url"))
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise LlmError(t("assist.err_bad_url", url=raw)) from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LlmError(t("assist.err_bad_url", url=raw))
    if parts.username or parts.password:
        raise LlmError(t("assist.err_url_credentials"))
    host = parts.hostname
    path = parts.path.rstrip("/")
    if not path.endswith("/chat/completions"):
        path += "/chat/completions"
    local_only = not settings.allow_remote or _literal_local(host)
    if not settings.allow_remote and not _literal_local(host) and _is_ip(host):
        raise LlmError(t("assist.err_remote", host=host))
    return Endpoint(
        scheme=parts.scheme,
        host=host,
        port=port or (443 if parts.scheme == "https" else 80),
        path=path,
        local_only=local_only,
    )


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def consent_recipient(settings: LlmSettings | None) -> str | None:
    """Whom the citizen is asked about in Forberedelse: None without a (valid) model."""
    if settings is None or not settings.configured:
        return None
    try:
        return endpoint(settings).recipient
    except LlmError:
        return None


def recipient_label(recipient: str) -> str:
    """The model as the citizen reads it in the consent list."""
    if recipient == LOCAL_RECIPIENT:
        return t("assist.recipient_local")
    return t("assist.recipient_remote", host=recipient)


def request_body(
    messages: Sequence[Message], model: str, max_tokens: int, temperature: float = 0.2
) -> dict[str, Any]:
    """The JSON body of one chat-completions request (``model`` left out when empty)."""
    body: dict[str, Any] = {}
    if model:
        body["model"] = model
    body["messages"] = [{"role": m.role, "content": m.content} for m in messages]
    body["temperature"] = temperature
    body["max_tokens"] = max_tokens
    body["stream"] = False
    return body


def answer_text(payload: bytes) -> str:
    """The first choice's message content, without a reasoning model's <think> block."""
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise LlmError(t("assist.err_malformed")) from exc
    if not isinstance(data, dict):
        raise LlmError(t("assist.err_malformed"))
    choices = data.get("choices")
    if not isinstance(choices, list):
        raise LlmError(t("assist.err_malformed"))
    if not choices:
        raise LlmError(t("assist.err_empty"))
    first = choices[0]
    message = first.get("message") if isinstance(first, dict) else None
    content = message.get("content") if isinstance(message, dict) else None
    if content is None:
        raise LlmError(t("assist.err_empty"))
    if not isinstance(content, str):
        raise LlmError(t("assist.err_malformed"))
    text = _THINK.sub("", content).strip()
    if not text:
        raise LlmError(t("assist.err_empty"))
    return text


Connector = Callable[[tuple[str, int], float, Any], socket.socket]


def _checked_connector(ep: Endpoint) -> Connector:
    """Connect, then refuse a peer outside the local network before anything is sent."""

    def connect(
        address: tuple[str, int], timeout: float, source_address: Any = None
    ) -> socket.socket:
        sock = socket.create_connection(address, timeout, source_address)
        if ep.local_only:
            peer = str(sock.getpeername()[0])
            if not is_local_address(peer):
                sock.close()
                raise LlmError(t("assist.err_remote", host=ep.host))
        return sock

    return connect


def chat(
    settings: LlmSettings,
    messages: Sequence[Message],
    max_tokens: int = 600,
    body_hook: Callable[[bytes], None] | None = None,
) -> str:
    """Send ``messages`` and return the answer's text; any failure is one LlmError sentence.

    The whole exchange must finish within ``settings.timeout`` seconds. ``body_hook``
    sees the exact bytes about to be sent (tests and the audit use it).
    """
    ep = endpoint(settings)
    body = json.dumps(
        request_body(messages, settings.model, max_tokens), ensure_ascii=False
    ).encode("utf-8")
    if body_hook is not None:
        body_hook(body)
    deadline = time.monotonic() + settings.timeout
    conn_class = http.client.HTTPSConnection if ep.scheme == "https" else http.client.HTTPConnection
    conn = conn_class(ep.host, ep.port, timeout=settings.timeout)
    # http.client connects through this attribute; ours checks the peer before sending.
    conn._create_connection = _checked_connector(ep)  # type: ignore[attr-defined]
    try:
        conn.request(
            "POST",
            ep.path,
            body=body,
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
                "User-Agent": "facilitator",
            },
        )
        sock = conn.sock
        _limit(sock, deadline)
        response = conn.getresponse()
        payload = _read(response, sock, deadline)
    except LlmError:
        raise
    except TimeoutError as exc:
        raise LlmError(t("assist.err_timeout", seconds=_seconds(settings.timeout))) from exc
    except (http.client.HTTPException, OSError) as exc:
        raise LlmError(t("assist.err_unreachable", url=ep.display)) from exc
    finally:
        conn.close()
    if response.status != 200:
        raise LlmError(t("assist.err_status", status=response.status))
    return answer_text(payload)


def _limit(sock: socket.socket | None, deadline: float) -> None:
    """Let the next socket operation wait no longer than the time left."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    if sock is not None:
        try:
            sock.settimeout(remaining)
        except OSError:  # already handed to the response and closed: its own timeout holds
            pass


def _read(response: http.client.HTTPResponse, sock: socket.socket | None, deadline: float) -> bytes:
    """Read the body in pieces, so a server that trickles bytes still meets the deadline."""
    chunks: list[bytes] = []
    size = 0
    while True:
        _limit(sock, deadline)
        chunk = response.read1(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise LlmError(t("assist.err_malformed"))
        chunks.append(chunk)


def _seconds(value: float) -> str:
    return f"{value:g}"
