"""Make the network impossible for this Python process, and count every attempt.

An audit hook (PEP 578) sees every socket the process creates, connects, binds or sends
from, and every name lookup; an Internet socket or a lookup is refused with OSError and
counted. Unix sockets stay allowed: asyncio's event loop talks to itself through a socketpair.
``python -c "import tests.netguard as g; g.install(); ..."`` installs it before anything else.
"""

from __future__ import annotations

import atexit
import socket
import sys
from typing import Any

ATTEMPTS: list[str] = []
_INTERNET = {socket.AF_INET, socket.AF_INET6}
_LOOKUPS = {
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.getnameinfo",
    "socket.gethostname",
}
_ON_A_SOCKET = {"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"}


def _family(sock: Any) -> int | None:
    try:
        return int(sock.family)
    except (AttributeError, OSError, ValueError):
        return None


def _hook(event: str, args: tuple[Any, ...]) -> None:
    refused = False
    if event == "socket.__new__":
        refused = int(args[1]) in _INTERNET
    elif event in _ON_A_SOCKET:
        refused = _family(args[0]) in _INTERNET
    elif event in _LOOKUPS or event == "urllib.Request":
        refused = True
    if refused:
        ATTEMPTS.append(f"{event} {args[1:] if event.startswith('socket.') else args}"[:200])
        raise OSError(f"network disabled by the test ({event})")


def report() -> None:
    print(f"NETWORK_ATTEMPTS {len(ATTEMPTS)}", flush=True)
    for attempt in ATTEMPTS:
        print(f"NETWORK {attempt}", flush=True)


def install() -> None:
    """Refuse and count from now on; print the count when the process ends."""
    sys.addaudithook(_hook)
    atexit.register(report)
