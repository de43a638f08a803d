"""The layers hold: import-linter's contracts pass, and the core never loads Textual or torch.

The contracts (pyproject.toml, ``[tool.importlinter]``) state the layering once; the
fresh-interpreter check below proves the forbidden contract at run time too, over every core
module found on disk (no hand-kept list).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "facilitator"
HEAVY = ("textual", "torch", "sentence_transformers")
#: May load the heavy packages: the wall app, its launcher, the sentence-transformers backend.
NOT_CORE = ("facilitator.tui", "facilitator.entry", "facilitator.directory.st_backend")


def core_modules() -> list[str]:
    """Every module of the package but the wall app and the sentence-transformers backend."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(p for p in parts if p != "__init__")
        if name.endswith("__main__") or name.startswith(NOT_CORE):
            continue
        found.append(name)
    return found


@pytest.mark.slow  # a subprocess; `make check` runs lint-imports itself
def test_the_import_contracts_hold() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is part of the dev extra"
    # No cache: parallel runs would otherwise share one cache folder in the checkout.
    out = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


@pytest.mark.slow  # a fresh interpreter; lint-imports checks the same contract statically
def test_importing_the_core_loads_no_ui_and_no_torch() -> None:
    modules = core_modules()
    assert "facilitator.meetings.consent" in modules and len(modules) > 40
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_no_module_imports_itself_round_a_cycle() -> None:
    """No import cycle at run time (imports under TYPE_CHECKING only name types)."""
    import grimp

    graph = grimp.build_graph("facilitator", exclude_type_checking_imports=True)
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("facilitator") and graph.chain_exists(
                importer=imported, imported=module
            ):
                cycles.append((module, imported))
    assert cycles == []
