"""The core never loads Textual, torch or sentence-transformers (checked in a fresh interpreter)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

CORE = [
    "facilitator",
    "facilitator.cli",
    "facilitator.store",
    "facilitator.migrations",
    "facilitator.meeting",
    "facilitator.session",
    "facilitator.people",
    "facilitator.corpus",
    "facilitator.hsds",
    "facilitator.suggestions",
    "facilitator.embeddings",
    "facilitator.suggest",
    "facilitator.plan",
    "facilitator.render",
    "facilitator.privacy",
    "facilitator.demo",
    "facilitator.i18n",
    "facilitator.paths",
    "facilitator.consent",
    "facilitator.followup",
    "facilitator.closing",
    "facilitator.catalog",
    "facilitator.catalog_prepare",
    "facilitator.catalog_closing",
    "facilitator.catalog_plan",
    "facilitator.catalog_documents",
    "facilitator.catalog_trust",
    "facilitator.catalog_assist",
    "facilitator.readability",
    "facilitator.measures",
    "facilitator.documents",
    "facilitator.svg",
    "facilitator.settings",
    "facilitator.llm",
    "facilitator.assist",
    "facilitator.assist_fields",
    "facilitator.assist_fallback",
    "facilitator.cli_assist",
    "facilitator.catalog_measures",
    "facilitator.rights",
    "facilitator.holdings",
    "facilitator.erasure",
    "facilitator.auditlog",
    "facilitator.cli_rights",
    "facilitator.safetext",
]
HEAVY = ("textual", "torch", "sentence_transformers")
PACKAGE = Path(__file__).resolve().parent.parent / "facilitator"


def test_importing_the_core_loads_no_ui_and_no_torch() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_every_core_module_is_checked() -> None:
    modules = {
        f"facilitator.{p.stem}"
        for p in PACKAGE.glob("*.py")
        if p.stem not in ("__init__", "__main__")
    }
    assert modules <= set(CORE) | {
        "facilitator.catalog",
        "facilitator.clock",
        "facilitator.errors",
        "facilitator.records",
        "facilitator.vocabulary",
    }


def test_no_core_file_imports_textual_at_top_level() -> None:
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("textual", "facilitator.tui", "torch")), (path, name)
