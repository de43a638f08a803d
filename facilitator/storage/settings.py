"""The optional settings file, <home>/settings.toml, read into typed values.

Nothing in it is required; a missing file means the defaults. Today it holds one table::

    [llm]
    url = "http://127.0.0.1:8080/v1"   # an OpenAI-compatible chat-completions server
    model = "gemma-3-4b-it"            # sent as "model"; left out when empty
    allow_remote = false               # true lets the url leave the local network (warned)
    allow_link_local = false           # true allows 169.254.0.0/16 and fe80::/10 (never
                                       # 169.254.169.254, the cloud metadata address)
    timeout = 30                       # seconds for one answer, 1–600

Without ``url`` the app uses no language model and opens no network connection.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from facilitator.domain.errors import FacilitatorError
from facilitator.i18n import t
from facilitator.storage import paths

DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 600.0


@dataclass(frozen=True)
class LlmSettings:
    """Where the optional language model answers, and how long to wait for it."""

    url: str = ""
    model: str = ""
    allow_remote: bool = False
    timeout: float = DEFAULT_TIMEOUT
    allow_link_local: bool = False

    @property
    def configured(self) -> bool:
        """Whether a model is set up at all (without one, nothing is sent anywhere)."""
        return bool(self.url.strip())

    def overridden(
        self,
        url: str | None = None,
        model: str | None = None,
        allow_remote: bool | None = None,
        timeout: float | None = None,
    ) -> LlmSettings:
        """These settings with the command line's values put on top (checked by the caller)."""
        return replace(
            self,
            url=self.url if url is None else url.strip(),
            model=self.model if model is None else model.strip(),
            allow_remote=self.allow_remote if allow_remote is None else allow_remote,
            timeout=self.timeout if timeout is None else float(timeout),
        )


@dataclass(frozen=True)
class Settings:
    """Everything settings.toml can hold."""

    llm: LlmSettings = field(default_factory=LlmSettings)


def _check_timeout(value: float, path: Path) -> None:
    if not 1 <= value <= MAX_TIMEOUT:
        raise FacilitatorError(
            t("settings.err_value", path=path, setting="llm.timeout", expected="1–600")
        )


def _llm(table: Any, path: Path) -> LlmSettings:
    if not isinstance(table, dict):
        raise FacilitatorError(t("settings.err_value", path=path, setting="llm", expected="[llm]"))
    expected: dict[str, type | tuple[type, ...]] = {
        "url": str,
        "model": str,
        "allow_remote": bool,
        "allow_link_local": bool,
        "timeout": (int, float),
    }
    for key, kinds in expected.items():
        value = table.get(key)
        # bool is an int in Python; a timeout of `true` is still wrong.
        wrong = value is not None and (
            not isinstance(value, kinds) or (key == "timeout" and isinstance(value, bool))
        )
        if wrong:
            kind = {"url": "text", "model": "text"}.get(
                key, "true/false" if key.startswith("allow_") else "number"
            )
            raise FacilitatorError(
                t("settings.err_value", path=path, setting=f"llm.{key}", expected=kind)
            )
    found = LlmSettings(
        url=str(table.get("url", "")).strip(),
        model=str(table.get("model", "")).strip(),
        allow_remote=bool(table.get("allow_remote", False)),
        allow_link_local=bool(table.get("allow_link_local", False)),
        timeout=float(table.get("timeout", DEFAULT_TIMEOUT)),
    )
    _check_timeout(found.timeout, path)
    return found


def load(path: Path | None = None) -> Settings:
    """Read settings.toml (``path`` for tests); a missing file gives the defaults.

    A file that cannot be read or parsed, or a value of the wrong type, is one clear error.
    """
    path = path or paths.settings_path()
    if not path.is_file():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FacilitatorError(t("settings.err_unreadable", path=path, reason=exc)) from exc
    llm = _llm(data["llm"], path) if "llm" in data else LlmSettings()
    return Settings(llm=llm)
