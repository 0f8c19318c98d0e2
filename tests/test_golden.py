"""The generated Markdown, CSV downloads and chart specs of the seed package, against tests/golden/.

Every change of output shows in review as a change of these files. After an intended change, regenerate them with

    python -m pytest tests/test_golden.py --update-golden
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PACKAGE

GOLDEN = Path(__file__).parent / "golden"


def _generated() -> dict[str, bytes]:
    from generator.load import load_packages
    from generator.site.assemble import render_site
    from generator.terms import project_terms

    site = render_site(load_packages(PACKAGE), project_terms(PACKAGE))
    out = {}
    for path, content in site.files.items():
        if path.endswith((".md", ".csv")):
            out[path] = content if isinstance(content, bytes) else content.read_bytes()
    return out


def test_output_matches_golden(request: pytest.FixtureRequest) -> None:
    files = _generated()
    assert len(files) > 40
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, content in files.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(content)
    stored = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(stored) == sorted(files), "pages added or removed: run with --update-golden and review the diff"
    changed = [p for p in files if files[p] != stored[p]]
    assert not changed, f"output changed in {changed[:5]}: run with --update-golden and review the diff"
