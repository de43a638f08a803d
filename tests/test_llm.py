"""The chat-completions client against a real server on loopback, and the settings file."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest

from facilitator.assist import client
from facilitator.assist.client import LlmError, Message
from facilitator.domain.errors import FacilitatorError
from facilitator.storage import settings
from facilitator.storage.settings import LlmSettings
from tests.figures import record
from tests.llm_server import ChatServer, chat_server, dead_port, write_settings

__all__ = ["chat_server", "dead_port"]  # the fixture, imported for the tests below

MESSAGES = (Message("system", "Du hjælper."), Message("user", "Skriv et punkt."))


def local(url: str, **kw: object) -> LlmSettings:
    return LlmSettings(url=url, **kw)  # type: ignore[arg-type]


# --- addresses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("10.1.2.3", True),
        ("172.16.0.5", True),
        ("192.168.1.20", True),
        ("fd00::1", True),
        ("::ffff:192.168.1.2", True),
        ("169.254.3.4", False),  # link-local: only with allow_link_local
        ("8.8.8.8", False),
        ("172.32.0.1", False),
        ("2a00:1450:4001::1", False),
        ("::ffff:8.8.8.8", False),
        ("not-an-address", False),
    ],
)
def test_local_addresses(address: str, expected: bool) -> None:
    assert client.is_local_address(address) is expected


# Every range Python calls "private" or that a model must never be reached at, by the
# settings that could let it through: (address, local, with link-local, with remote).
ADDRESSES = [
    ("127.0.0.1", True, True, True),
    ("::1", True, True, True),
    ("10.0.0.7", True, True, True),
    ("172.16.0.1", True, True, True),
    ("172.31.255.254", True, True, True),
    ("192.168.0.10", True, True, True),
    ("fc00::1", True, True, True),
    ("fd12:3456::1", True, True, True),
    ("::ffff:127.0.0.1", True, True, True),
    ("169.254.10.20", False, True, False),  # link-local
    ("fe80::1", False, True, False),
    ("fe80::1%eth0", False, True, False),
    ("169.254.169.254", False, False, False),  # cloud metadata
    ("::ffff:169.254.169.254", False, False, False),
    ("fd00:ec2::254", False, False, False),  # AWS metadata over IPv6 (inside the ULA range)
    ("192.0.2.1", False, False, False),  # documentation
    ("198.51.100.7", False, False, False),
    ("203.0.113.9", False, False, False),
    ("2001:db8::1", False, False, False),
    ("::ffff:192.0.2.1", False, False, False),
    ("198.18.0.1", False, False, False),  # benchmarking
    ("198.19.255.1", False, False, False),
    ("240.0.0.1", False, False, False),  # reserved
    ("255.255.255.255", False, False, False),
    ("0.0.0.0", False, False, False),
    ("100.64.0.1", False, False, False),  # shared address space (carrier NAT)
    ("224.0.0.251", False, False, False),  # multicast
    ("ff02::1", False, False, False),
    ("::", False, False, False),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False, False, False),  # Teredo
    ("2002:c000:0201::1", False, False, False),  # 6to4
    ("64:ff9b::c000:201", False, False, False),  # NAT64
    ("64:ff9b::a00:1", False, False, False),  # NAT64 of 10.0.0.1: still a tunnel
    ("::ffff:8.8.8.8", False, False, True),  # public: only with allow_remote
    ("8.8.8.8", False, False, True),
    ("2a00:1450:4001::1", False, False, True),
]


@pytest.mark.parametrize(("address", "local", "link_local", "remote"), ADDRESSES)
def test_address_allowlist(address: str, local: bool, link_local: bool, remote: bool) -> None:
    assert client.address_allowed(address) is local
    assert client.address_allowed(address, link_local=True) is link_local
    assert client.address_allowed(address, remote=True) is (remote or local)


@pytest.mark.parametrize(("address", "local", "link_local", "remote"), ADDRESSES)
def test_a_refused_literal_address_is_refused_before_connecting(
    address: str, local: bool, link_local: bool, remote: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The URL's own address is judged by endpoint(), before any socket exists."""
    if "%" in address:
        return  # a zone id is not part of a URL host
    host = f"[{address}]" if ":" in address else address
    if not local:
        monkeypatch.setattr(socket, "create_connection", _no_connection)
        with pytest.raises(LlmError):
            client.chat(local_settings(f"http://{host}:8080/v1"), MESSAGES)
    for allow_link_local, allow_remote, expected in (
        (False, False, local),
        (True, False, link_local),
        (False, True, remote or local),
    ):
        given = LlmSettings(
            url=f"http://{host}:8080/v1",
            allow_link_local=allow_link_local,
            allow_remote=allow_remote,
        )
        if expected:
            client.endpoint(given)
        else:
            with pytest.raises(LlmError):
                client.endpoint(given)


def test_the_address_table() -> None:
    """The figures: how many addresses the table holds, and what each setting lets through."""
    assert len({a for a, *_ in ADDRESSES}) == len(ADDRESSES)
    record(
        "llm_addresses",
        addresses=len(ADDRESSES),
        allowed_by_default=sum(client.address_allowed(a) for a, *_ in ADDRESSES),
        allowed_with_link_local=sum(
            client.address_allowed(a, link_local=True) for a, *_ in ADDRESSES
        ),
        allowed_with_remote=sum(client.address_allowed(a, remote=True) for a, *_ in ADDRESSES),
        never=sum(
            not (
                client.address_allowed(a, link_local=True) or client.address_allowed(a, remote=True)
            )
            for a, *_ in ADDRESSES
        ),
    )


def local_settings(url: str) -> LlmSettings:
    return LlmSettings(url=url)


def _no_connection(*args: object, **kwargs: object) -> None:
    raise AssertionError("connected to a refused address")


def test_the_metadata_address_names_no_setting_that_would_help() -> None:
    for given in (
        LlmSettings(url="http://169.254.169.254/v1", allow_remote=True, allow_link_local=True),
        LlmSettings(url="http://[64:ff9b::a9fe:a9fe]/v1", allow_remote=True),
    ):
        message = str(pytest.raises(LlmError, client.endpoint, given).value)
        assert "allow_" not in message


def test_link_local_is_named_in_settings(home: Path) -> None:
    write_settings(home, "http://169.254.10.20:8080/v1", allow_link_local=True)
    llm = settings.load().llm
    assert llm.allow_link_local and client.endpoint(llm).local_only
    message = str(pytest.raises(LlmError, client.endpoint, LlmSettings(url=llm.url)).value)
    assert "allow_link_local" in message


def test_endpoint_from_a_base_url() -> None:
    ep = client.endpoint(local("http://127.0.0.1:8080/v1"))
    assert (ep.scheme, ep.host, ep.port, ep.path) == (
        "http",
        "127.0.0.1",
        8080,
        "/v1/chat/completions",
    )
    assert ep.local_only and not ep.remote and ep.recipient == client.LOCAL_RECIPIENT
    full = client.endpoint(local("http://localhost:11434/v1/chat/completions/"))
    assert full.path == "/v1/chat/completions" and full.local_only


def test_a_name_is_local_only_unless_remote_is_allowed() -> None:
    # Without allow_remote a name may be used, but the connection is checked to stay local.
    assert client.endpoint(local("http://llm.demo-kommune.lan:8000/v1")).local_only
    remote = client.endpoint(local("https://Models.Example.org/v1", allow_remote=True))
    assert remote.remote and remote.recipient == "models.example.org" and remote.port == 443
    # A literally local address stays local even when remote is allowed.
    assert client.endpoint(local("http://127.0.0.1:1/v1", allow_remote=True)).local_only


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("", "ingen adresse"),
        ("ftp://127.0.0.1/v1", "ikke en http"),
        ("127.0.0.1:8080", "ikke en http"),
        ("http://user:secret@127.0.0.1/v1", "brugernavn"),
        ("http://8.8.8.8/v1", "uden for det lokale netværk"),
        ("http://[2a00:1450:4001::1]/v1", "uden for det lokale netværk"),
        ("http://127.0.0.1:99999/v1", "ikke en http"),
    ],
)
def test_bad_or_remote_urls_are_one_sentence(url: str, fragment: str) -> None:
    with pytest.raises(LlmError) as info:
        client.endpoint(local(url))
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


# --- the protocol ------------------------------------------------------------------------


def test_canned_answer_and_exactly_what_was_sent(chat_server: ChatServer) -> None:
    seen: list[bytes] = []
    text = client.chat(
        local(chat_server.url, model="gemma-3-4b-it"),
        MESSAGES,
        max_tokens=123,
        body_hook=seen.append,
    )
    assert text == "Jeg vil gerne tage bussen selv."
    [request] = chat_server.received
    assert request.path == "/v1/chat/completions"
    assert request.raw == seen[0]
    assert request.body == {
        "model": "gemma-3-4b-it",
        "messages": [
            {"role": "system", "content": "Du hjælper."},
            {"role": "user", "content": "Skriv et punkt."},
        ],
        "temperature": 0.2,
        "max_tokens": 123,
        "stream": False,
    }
    assert request.headers["Content-Type"].startswith("application/json")


def test_no_model_name_means_no_model_field(chat_server: ChatServer) -> None:
    client.chat(local(chat_server.url), MESSAGES)
    assert "model" not in chat_server.bodies[0]


def test_a_reasoning_block_is_dropped(chat_server: ChatServer) -> None:
    chat_server.mode = "think"
    assert client.chat(local(chat_server.url), MESSAGES) == "Jeg vil gerne tage bussen selv."


@pytest.mark.parametrize(
    ("mode", "fragment"),
    [
        ("malformed", "ikke kan læses"),
        ("empty", "tomt svar"),
        ("null", "tomt svar"),
        ("error", "HTTP 500"),
    ],
)
def test_broken_answers_are_one_sentence(chat_server: ChatServer, mode: str, fragment: str) -> None:
    chat_server.mode = mode
    with pytest.raises(LlmError) as info:
        client.chat(local(chat_server.url), MESSAGES)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_a_blank_answer_is_empty(chat_server: ChatServer) -> None:
    chat_server.answer = "   \n "
    with pytest.raises(LlmError, match="tomt svar"):
        client.chat(local(chat_server.url), MESSAGES)


def test_a_slow_answer_times_out_on_time(chat_server: ChatServer) -> None:
    chat_server.mode = "slow"
    chat_server.delay = 5.0
    started = time.monotonic()
    with pytest.raises(LlmError, match="inden for 1 sekunder"):
        client.chat(local(chat_server.url, timeout=1.0), MESSAGES)
    assert time.monotonic() - started < 3.0


def test_a_server_that_is_down(dead_port: int) -> None:
    url = f"http://127.0.0.1:{dead_port}/v1"
    with pytest.raises(LlmError, match="kan ikke nås"):
        client.chat(local(url, timeout=2.0), MESSAGES)


def test_an_answer_that_is_not_json_shaped_right(chat_server: ChatServer) -> None:
    assert "ikke kan læses" in str(pytest.raises(LlmError, client.answer_text, b"[1, 2]").value)
    payload = json.dumps({"choices": [{"message": {"content": 42}}]}).encode()
    assert "ikke kan læses" in str(pytest.raises(LlmError, client.answer_text, payload).value)


def test_a_peer_outside_the_local_network_gets_nothing(
    chat_server: ChatServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The address actually connected to is checked before a byte is sent (DNS can lie)."""
    monkeypatch.setattr(client, "is_local_address", lambda address, link_local=False: False)
    with pytest.raises(LlmError, match="uden for det lokale netværk"):
        client.chat(local(chat_server.url.replace("127.0.0.1", "localhost")), MESSAGES)
    assert chat_server.received == []


def test_proxy_variables_are_not_followed(
    chat_server: ChatServer, monkeypatch: pytest.MonkeyPatch, dead_port: int
) -> None:
    dead = f"http://127.0.0.1:{dead_port}"
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, dead)
    assert client.chat(local(chat_server.url), MESSAGES)
    assert len(chat_server.received) == 1


# --- settings.toml ---------------------------------------------------------------------


def test_no_settings_file_means_no_model(home: Path) -> None:
    found = settings.load()
    assert found.llm == LlmSettings() and not found.llm.configured


def test_settings_are_read_and_typed(home: Path) -> None:
    write_settings(home, "http://127.0.0.1:8080/v1", model="qwen", allow_remote=True, timeout=12)
    found = settings.load().llm
    assert found == LlmSettings("http://127.0.0.1:8080/v1", "qwen", True, 12.0)
    assert found.overridden(url="http://10.0.0.2/v1", timeout=3).url == "http://10.0.0.2/v1"
    assert found.overridden(model=None).model == "qwen"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[llm]\nurl = 5\n", "llm.url"),
        ('[llm]\nallow_remote = "yes"\n', "llm.allow_remote"),
        ("[llm]\ntimeout = true\n", "llm.timeout"),
        ("[llm]\ntimeout = 0\n", "llm.timeout"),
        ("[llm]\ntimeout = 9000\n", "llm.timeout"),
        ('llm = "x"\n', "llm"),
        ("[llm\nurl=", "kan ikke læses"),
    ],
)
def test_broken_settings_are_one_sentence(home: Path, text: str, fragment: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.toml").write_text(text, encoding="utf-8")
    with pytest.raises(FacilitatorError) as info:
        settings.load()
    assert fragment in str(info.value)
