"""Scale: build a SYNTHETIC corpus of N unit-years and publish it year by year, next to a bare MkDocs build.

The corpus is made of copies of the bundled packages under synthetic unit names (合成单位NNNN, marked synthetic in
their metadata), spread over ten budget years, in a temporary directory: never under datapackages/.

For each N it prints: wall time of the whole publish; of that, the generator's own work (reading, validating,
checking, rendering pages and charts) and the MkDocs builds of the same Markdown; the generator's overhead as a share
of the MkDocs time; peak memory (this process and its MkDocs children); and the size of the published site.

    python benchmarks/scale.py [N ...]        (default: 10 100 1000)
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.archive import MANIFEST, _snapshot_project, manifest_text, write_archive, write_versions  # noqa: E402
from generator.build import load_packages, mkdocs_build  # noqa: E402

TEMPLATES = sorted((ROOT / "datapackages").glob("*/*/datapackage.json"))
YEARS = list(range(2016, 2026))


def make_corpus(target: Path, n: int) -> None:
    """n synthetic unit-years: copies of the bundled packages, renamed, ten years."""
    for k in range(n):
        template = TEMPLATES[k % len(TEMPLATES)].parent
        year = YEARS[k % len(YEARS)]
        slug = f"synthetic-{k // len(YEARS):04d}"
        dest = target / str(year) / slug
        shutil.copytree(template, dest)
        d = json.loads((dest / "datapackage.json").read_text(encoding="utf-8"))
        b = d["budget"]
        b["unit"] = f"合成单位{k // len(YEARS):04d}（合成测试数据）"
        b["unitSlug"] = slug
        b["year"] = year
        b["synthetic"] = True
        d["name"] = f"{year}-{slug}"
        (dest / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")


def _peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1024 / 1024


def run(n: int) -> None:
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        tmp_path = Path(tmp)
        project = tmp_path / "project"
        (project / "docs").mkdir(parents=True)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copy(ROOT / "docs" / "about.md", project / "docs" / "about.md")
        shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
        make_corpus(project / "datapackages", n)
        out = tmp_path / "public"
        out.mkdir()
        started = time.perf_counter()
        packages = load_packages(project / "datapackages")
        generator = time.perf_counter() - started
        bare = 0.0
        for year in sorted({p.year for p in packages}):
            year_packages = [p for p in packages if p.year == year]
            history = [p for p in packages if p.year <= year]
            with tempfile.TemporaryDirectory(prefix="snapshot-") as work:
                t0 = time.perf_counter()
                config = _snapshot_project(project, Path(work), year_packages, history, None)
                t1 = time.perf_counter()
                mkdocs_build(Path(work), config, out / str(year))
                t2 = time.perf_counter()
            (out / str(year) / MANIFEST).write_text(manifest_text(out / str(year)), encoding="utf-8")
            write_archive(out / str(year), out / f"{year}.zip")
            t3 = time.perf_counter()
            generator += (t1 - t0) + (t3 - t2)
            bare += t2 - t1
        write_versions(out)
        wall = time.perf_counter() - started
        own, children = _peak_mb()
        pages = sum(1 for _ in out.rglob("*.html"))
        print(
            f"N={n:>5} unit-years: wall {wall:7.1f} s | mkdocs {bare:7.1f} s | generator {generator:6.1f} s "
            f"({generator / bare:.0%} of mkdocs) | peak memory {own:.0f} MB (mkdocs {children:.0f} MB) | "
            f"{pages} pages, {_size_mb(out):.0f} MB"
        )


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [10, 100, 1000]
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    for n in sizes:
        run(n)
