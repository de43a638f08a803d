"""Sizes as people read them: one formatter, binary units named as such (50 MiB is
52,428,800 bytes), a decimal comma in Danish."""

from __future__ import annotations

from facilitator.i18n import current_language

_UNITS = ("KiB", "MiB", "GiB", "TiB")


def file_size(size: int, language: str | None = None) -> str:
    """52428800 as '50 MiB'; 1572864 as '1,5 MiB' (da) or '1.5 MiB' (en); 900 as '900 bytes'."""
    lang = language or current_language()
    if size < 1024:
        return f"{size} {'byte' if lang == 'da' else 'bytes'}"
    value = float(size)
    step = 0
    while True:  # the largest unit that keeps the number under 1024
        value /= 1024
        if value < 1024 or step == len(_UNITS) - 1:
            break
        step += 1
    unit = _UNITS[step]
    text = f"{value:.0f}" if value >= 100 or value == int(value) else f"{value:.1f}".rstrip("0")
    return f"{text.replace('.', ',') if lang == 'da' else text} {unit}"
