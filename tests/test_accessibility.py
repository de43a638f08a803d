"""The HTML documents pass axe-core's WCAG 2.1 A and AA rules in real headless Chromium.

Needs Debian's chromium and `npm ci` in tests/a11y (the Makefile's test target does both).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from facilitator.documents import compose
from facilitator.meetings import measures, people, register, wellbeing
from facilitator.storage.store import Store
from tests.test_documents import first_meeting

A11Y = Path(__file__).parent / "a11y"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def run_axe(files: list[Path]) -> dict[str, dict[str, object]]:
    node = shutil.which("node")
    assert node, "node is needed for the accessibility test (apt-get install nodejs)"
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)"
    assert (A11Y / "node_modules" / "axe-core").is_dir(), "run: npm ci --prefix tests/a11y"
    proc = subprocess.run(
        [node, str(A11Y / "axe.mjs"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "CHROMIUM": CHROMIUM},
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, dict[str, object]] = json.loads(proc.stdout)
    return result


def with_measures(store: Store) -> None:
    citizen_id = people.list_citizens(store)[0].id
    measures.rate_goal(
        store,
        citizen_id,
        "Tage bussen alene",
        3,
        "Jeg kan tage bussen med hjælp",
        professional_rating=5,
        professional="Mette",
        taken_on="2026-06-01",
    )
    measures.rate_goal(store, citizen_id, "Tage bussen alene", 6, taken_on="2026-10-01")
    wellbeing.set_who5_opt_in(store, citizen_id, True)
    wellbeing.record_who5(store, citizen_id, [2, 2, 3, 1, 2], "start", "2026-06-01")
    wellbeing.record_who5(store, citizen_id, [3, 3, 3, 2, 3], "tre_maaneder", "2026-09-01")


@pytest.mark.slow  # headless Chromium
def test_the_documents_have_no_axe_violations(demo_store: Store, tmp_path: Path) -> None:
    with_measures(demo_store)
    meeting_id = first_meeting(demo_store)
    files = []
    for lang in ("da", "en"):
        for kind in ("citizen", "s141"):
            html = compose.render_plan_document(demo_store, meeting_id, kind, "html", None, lang)
            files.append(tmp_path / f"{kind}.{lang}.html")
            files[-1].write_text(str(html.content), encoding="utf-8")
        brief = compose.render_brief(demo_store, "Per Guidesen", fmt="html", language=lang)
        files.append(tmp_path / f"brief.{lang}.html")
        files[-1].write_text(str(brief.content), encoding="utf-8")
    # A page with known faults shows that axe really runs and would catch ours.
    faulty = tmp_path / "faulty.html"
    faulty.write_text(
        '<html><body><img src="x.png"><p style="color:#bbb;background:#fff">grå</p></body></html>'
    )
    results = run_axe([*files, faulty])
    found = {Path(name).name: result["violations"] for name, result in results.items()}
    assert {v["id"] for v in found.pop("faulty.html")} >= {  # type: ignore[attr-defined]
        "image-alt",
        "html-has-lang",
        "color-contrast",
    }
    assert found == {f.name: [] for f in files}
    assert all(int(str(r["passes"])) > 10 for n, r in results.items() if "faulty" not in n)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_html_says_its_language(demo_store: Store, lang: str) -> None:
    meeting_id = register.list_meetings(demo_store)[0].id
    html = compose.render_plan_document(demo_store, meeting_id, "citizen", "html", None, lang)
    assert f'<html lang="{lang}">' in str(html.content)
