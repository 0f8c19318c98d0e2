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
    from generator.settings import SHARD_ENV

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    (tmp_path / "project").mkdir()
    project = synthetic_project(tmp_path / "project", 3)
    whole, sharded = tmp_path / "whole", tmp_path / "sharded"
    publish(project, whole, site_url="https://example.org/budget/")
    monkeypatch.setenv(SHARD_ENV, "1")  # three shards of one unit
    monkeypatch.setattr("generator.site.assemble.RENDER_AHEAD", 1)  # their pages rendered first on two processes
    monkeypatch.setattr("generator.engine.FEW", 0)  # each shard excludes whole folders and takes its own back
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


def test_a_shard_leaves_out_exactly_what_the_other_shards_own_in_few_patterns(tmp_path: Path) -> None:
    """However many units a year has, a shard's exclusions are about as many as its own units (the engine tries
    every pattern on every file), and they leave out the same files as the list of every other shard's pages."""
    from pathspec.gitignore import GitIgnoreSpec

    from generator.engine import exclusions

    docs = tmp_path / "docs"
    slugs = [f"unit-{i:03d}" for i in range(120)]
    files = ["index.md", "search.md", "about.md", "catalog.jsonld", "assets/x.css", "glossary/index.md"]
    files += ["units/index.md", "downloads/index.md", "downloads/budget-2025.csv", "downloads/budget.sqlite"]
    for slug in slugs:
        files += [f"{slug}/index.md", f"{slug}/tables/t.md", f"{slug}/data/t.csv", f"units/{slug}.md"]
    for f in files:
        (docs / f).parent.mkdir(parents=True, exist_ok=True)
        (docs / f).write_text("x", encoding="utf-8")
    parts = [slugs[i : i + 30] for i in range(0, 120, 30)]
    groups = [[f"/{s}/" for s in part] + [f"/units/{s}.md" for s in part] for part in parts]
    groups[0] += ["/downloads/*", "!/downloads/index.md"]
    for k in range(4):
        listed = [p for j, g in enumerate(groups) if j != k for p in g]
        compact = exclusions(groups, k, docs)
        assert len(compact) <= 2 * 30 + 15 < len(listed) == 180 + 2 * (k > 0)  # a shard's own pages, not the year's
        leave_out = GitIgnoreSpec.from_lines(listed).match_file
        assert [f for f in files if GitIgnoreSpec.from_lines(compact).match_file(f)] == [
            f for f in files if leave_out(f)
        ]
