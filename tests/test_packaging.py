"""An installed wheel carries corpus, prompts and templates, and works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("facilitator-*.whl"))


def test_wheel_contains_package_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "facilitator/_data/corpus/demo_kommune.json" in names
    assert "facilitator/_data/corpus/demo_kommune.vectors.npz" in names  # ready at once
    assert any(n.startswith("facilitator/_data/prompts/") for n in names)
    assert "facilitator/documents/templates/plan.md.j2" in names
    assert any(n.endswith(".tcss") for n in names)


def test_installed_wheel_works_outside_the_checkout(
    wheel: Path, tmp_path: Path, home: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import facilitator.storage.paths as p\n"
        "assert str(p.corpus_dir()).startswith(sys.argv[1]), p.corpus_dir()\n"
        "assert (p.corpus_dir() / 'demo_kommune.json').is_file()\n"
        "assert p.prompts_dir().is_dir()\n"
        "from facilitator.cli.main import main\n"
        "sys.argv = ['facilitator', 'init', '--demo']\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(target)], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Demo-mødet har id" in result.stdout
