"""A small client for an OpenAI-compatible chat-completions server (llama.cpp, Ollama, vLLM, …).

Only the standard library: one POST to ``<base url>/chat/completions`` over ``http.client``,
which follows no redirect and honours no proxy variable, so a request goes exactly where the
settings say. By default the server must be on this machine or the local network, by an explicit
allowlist (loopback, RFC 1918, IPv6 ULA; link-local only with ``allow_link_local``): the address
the socket actually connects to is checked before a single byte is sent (a name that resolves
elsewhere is refused, whatever DNS said earlier). A remote server needs ``allow_remote``, and
then the wall shows a warning; even then documentation, benchmarking, reserved, multicast,
tunnel (Teredo, 6to4, NAT64) and cloud-metadata addresses are refused. Every failure is one
:class:`LlmError` sentence.
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
    link_local: bool = False

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


def _nets(*cidrs: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(c) for c in cidrs)


# An allowlist, not Python's "is_private" (which also says yes to documentation, benchmarking,
# reserved and Teredo ranges): this machine and the private networks a municipality runs.
_LOCAL = _nets(
    "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "::1/128", "fc00::/7"
)
# A cable between two machines; also where cloud metadata answers, so only when asked for.
_LINK_LOCAL = _nets("169.254.0.0/16", "fe80::/10")
# Never, not even with allow_remote: cloud metadata (AWS's IPv6 one sits inside the ULA range),
# "this network", shared address space, documentation, benchmarking, reserved, broadcast,
# multicast, discard, and tunnels whose far end is somewhere else (Teredo, 6to4, NAT64).
_NEVER = _nets(
    "169.254.169.254/32",
    "fd00:ec2::254/128",
    "0.0.0.0/8",
    "100.64.0.0/10",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/4",
    "240.0.0.0/4",
    "::/128",
    "100::/64",
    "2001::/32",
    "2001:db8::/32",
    "2002::/16",
    "64:ff9b::/96",
    "64:ff9b:1::/48",
    "ff00::/8",
)


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None
    # "::ffff:a.b.c.d" (and the old "::a.b.c.d") is judged as the IPv4 address it carries.
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def address_allowed(address: str, *, remote: bool = False, link_local: bool = False) -> bool:
    """Whether the model may be reached at ``address``: always on the allowlist; a public
    address only with ``remote``; link-local only with ``link_local``; never a refused range."""
    ip = _parse(address)
    if ip is None or any(ip in net for net in _NEVER):
        return False
    if any(ip in net for net in _LOCAL):
        return True
    if any(ip in net for net in _LINK_LOCAL):
        return link_local
    return remote and ip.is_global


def _refusal(host: str, address: str) -> LlmError:
    """The one sentence for an address that was refused, saying which setting (if any) helps."""
    ip = _parse(address)
    if ip is not None and any(ip in net for net in _NEVER):
        return LlmError(t("assist.err_address_never", host=host))
    if ip is not None and any(ip in net for net in _LINK_LOCAL):
        return LlmError(t("assist.err_link_local", host=host))
    return LlmError(t("assist.err_remote", host=host))


def is_local_address(address: str, link_local: bool = False) -> bool:
    """Loopback or a private-network address on the allowlist (IPv4 or IPv6, mapped IPv4
    judged as IPv4); link-local only when ``link_local`` (``allow_link_local`` in settings)."""
    return address_allowed(address, link_local=link_local)


def _literal_local(host: str, link_local: bool = False) -> bool:
    return host.lower() in ("localhost", "localhost.") or is_local_address(host, link_local)


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
    link_local = settings.allow_link_local
    local_only = not settings.allow_remote or _literal_local(host, link_local)
    # A literal address is judged before any connection is made.
    if _is_ip(host) and not address_allowed(
        host, remote=settings.allow_remote, link_local=link_local
    ):
        raise _refusal(host, host)
    return Endpoint(
        scheme=parts.scheme,
        host=host,
        port=port or (443 if parts.scheme == "https" else 80),
        path=path,
        local_only=local_only,
        link_local=link_local,
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
    """Connect, then refuse a peer outside the allowlist before anything is sent (with
    ``allow_remote``, a public peer is fine; a refused range never is)."""

    def connect(
        address: tuple[str, int], timeout: float, source_address: Any = None
    ) -> socket.socket:
        sock = socket.create_connection(address, timeout, source_address)
        peer = str(sock.getpeername()[0])
        if ep.local_only:
            allowed = is_local_address(peer, ep.link_local)
        else:
            allowed = address_allowed(peer, remote=True, link_local=ep.link_local)
        if not allowed:
            sock.close()
            raise _refusal(ep.host, peer)
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
