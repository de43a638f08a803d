"""Figures the trust tests measure, for RELIABILITY.md (never asserted as timings).

A test calls :func:`record`; when $FACILITATOR_FIGURES names a file, one JSON line is appended
to it. ``python bench/trust.py`` runs the tests with it set and prints the table.
"""

from __future__ import annotations

import json
import os
from typing import Any


def record(name: str, **values: Any) -> None:
    """Append one figure (a name and its values) to $FACILITATOR_FIGURES, if set."""
    target = os.environ.get("FACILITATOR_FIGURES")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"figure": name, **values}, ensure_ascii=False) + "\n")
