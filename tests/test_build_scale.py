"""Scale: a year built in shards is the year built at once, byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import PACKAGE, ROOT


def synthetic_project(dest: Path, units: int, year: int = 2023) -> Path:
    """A project whose one year holds `units` renamed copies of the seed package."""
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    (dest / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "about.md", dest / "docs" / "about.md")
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets", ignore=shutil.ignore_patterns("vendor"))
    for k in range(units):
        slug = f"synthetic-{k:04d}"
        target = dest / "datapackages" / str(year) / slug
        shutil.copytree(PACKAGE, target)
        d = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
        d["budget"].update(unit=f"合成单位{k:04d}", unitSlug=slug, year=year, copiedFrom=PACKAGE.name)
        d["name"] = f"{year}-{slug}"
        (target / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")
    return dest


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_year_built_in_shards_is_the_year_built_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.archive import publish
    from generator.build import SHARD_ENV

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    (tmp_path / "project").mkdir()
    project = synthetic_project(tmp_path / "project", 3)
    whole, sharded = tmp_path / "whole", tmp_path / "sharded"
    publish(project, whole, site_url="https://example.org/budget/")
    monkeypatch.setenv(SHARD_ENV, "1")  # three shards of one unit
    monkeypatch.setattr("generator.render.RENDER_AHEAD", 1)  # their pages rendered first on two processes
    shutil.rmtree(project / ".budgetsite-cache")
    publish(project, sharded, site_url="https://example.org/budget/")
    a, b = _tree(whole / "2023"), _tree(sharded / "2023")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    sitemap = a["sitemap.xml"].decode()
    assert sitemap.count("<url>") == sum(name.endswith(".html") and name != "404.html" for name in a) + 1
    assert (whole / "2023.zip").read_bytes() == (sharded / "2023.zip").read_bytes()
    publish(project, sharded, force=True, site_url="https://example.org/budget/")  # every unit from the cache
    assert _tree(sharded / "2023") == a
