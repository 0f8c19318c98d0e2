"""The pipeline, top to bottom: read → validate → check → render → site build → swap into place.

`build_site` turns packages into a built site; `build` (the working site under site/) and `publish` (one frozen
snapshot per year, in archive.py) both call it, with the settings of the run (settings.py).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import engine
from .addresses import (
    ABOUT_PAGE,
    CATALOG,
    DOWNLOADS_DIR,
    GLOSSARY_DIR,
    HISTORY_DIR,
    HOME,
    SEARCH_PAGE,
    Edition,
    downloads_page,
    history_page,
)
from .load import CACHE_DIR, load_packages, publishable
from .package import Package
from .settings import Settings
from .site.assemble import render_site
from .site.sink import Site

RENDER_CACHE = ".budgetsite-cache/render"  # rendered pages and files, by the content they are made from
VENDOR_JS = "assets/vendor/vega.min.js"
HAND_WRITTEN = (ABOUT_PAGE, "assets")  # under docs/: everything else there is generated


@dataclass
class BuildResult:
    packages: list[Package]
    pages: int
    files: int
    site_dir: Path


def build_site(
    settings: Settings,
    project: Path,
    docs: Path,
    packages: list[Package],
    site_dir: Path,
    base_config: Path,
    history: list[Package] | None = None,
    snapshot_year: int | None = None,
    search_index: bool = True,
    runner: engine.Runner | None = None,
    cache: Path | None = None,
) -> Site:
    """Render the packages into `docs` (whose generated part is replaced), write the engine's config and
    vocabulary into `project`, and build the site into `site_dir` (swapped in only when the build succeeds).
    A snapshot holds one year, its unit pages at <unit>/. The pages state the settings' terms and, where given,
    its site_url; a year of more units than its shard_units is built in shards, by its engine."""
    snapshot = snapshot_year is not None
    site_url = settings.site_url
    clear_generated(docs)
    terms = dataclasses.replace(settings.terms, site_url=site_url) if site_url else settings.terms
    site = render_site(
        packages, terms, history=history, snapshot=snapshot, out=docs, cache=cache, processes=settings.workers
    )
    write_vega_bundle(docs)
    notice = terms.notice
    config = engine.write_config(project, site.nav, base_config, snapshot_year, site_url, notice, site.not_in_nav)
    groups = shards(packages, settings.shard_units, Edition(terms, snapshot))
    if len(groups) > 1:
        engine.build_sharded(project, config, site_dir, groups, search_index, runner, module=settings.engine)
    else:
        engine.build(project, config, site_dir, search_index, module=settings.engine)
    return site


def shard_count(units: int, size: int) -> int:
    """How many shards a year of `units` is built in: none larger than `size`, and as many as a multiple of the
    builds run at once, so that no shard builds alone while the others wait."""
    count = -(-units // size)
    return count if count <= 1 else -(-count // engine.PARALLEL_BUILDS) * engine.PARALLEL_BUILDS


def shards(packages: list[Package], size: int, at: Edition) -> list[list[str]]:
    """The pages each shard builds alone, as docs patterns: the folders of at most `size` units (in slug order;
    the shards as many as a multiple of the builds run at once, and as even as can be) and their history pages, and for the
    first shard the bulk downloads. One group means one build."""
    slugs = sorted({p.slug for p in packages})
    size = -(-len(slugs) // shard_count(len(slugs), size)) if slugs else size
    groups = []
    for i in range(0, len(slugs), size):
        mine = set(slugs[i : i + size])
        patterns = [f"/{at.unit(p)}/" for p in packages if p.slug in mine]
        patterns += [f"/{history_page(slug)}" for slug in sorted(mine)]
        groups.append(patterns)
    if len(groups) > 1:  # the bulk files (hundreds of MB for a large year) are copied by the first shard only
        groups[0] += [f"/{DOWNLOADS_DIR}/*", f"!/{downloads_page()}"]
    return groups


def build(
    root: Path, data_dir: Path | None = None, site_dir: Path | None = None, settings: Settings | None = None
) -> BuildResult:
    """The working site of the project at `root`, into ROOT/site (or `site_dir`), from the packages under
    ROOT/datapackages (or `data_dir`). `settings`: the command line's; without them, they are read here, from the
    project's pyproject.toml and the environment."""
    settings = settings or Settings.load(root)
    root = root.resolve()
    packages = publishable(load_packages(data_dir or root / "datapackages", root / CACHE_DIR, workers=settings.workers))
    site_dir = site_dir or root / "site"
    docs, config = root / "docs", root / "mkdocs.yml"
    site = build_site(settings, root, docs, packages, site_dir, config, cache=root / RENDER_CACHE)
    pages = sum(1 for p in site.written if p.endswith(".md")) + 1  # + about.md
    return BuildResult(packages, pages, len(site.written), site_dir)


def clear_generated(docs: Path) -> None:
    """Remove the generated part of docs/: the home and search pages, the glossary, the history pages, the bulk
    downloads, the catalogue and one folder per year."""
    if not docs.is_dir():
        docs.mkdir(parents=True)
        return
    owned = [docs / HOME, docs / SEARCH_PAGE, docs / GLOSSARY_DIR, docs / HISTORY_DIR, docs / DOWNLOADS_DIR]
    owned.append(docs / CATALOG)
    owned += [p for p in docs.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)]
    for p in owned:
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()


VEGA_RUNTIME = Path(__file__).resolve().parent / "vendor" / "vega.min.js"  # Vega 6.2.0 from npm, BSD-3-Clause
VEGA_RUNTIME_VERSION = "6.2.0"  # the Vega that vl-convert compiles charts for (vl_convert.get_vega_version())


def write_vega_bundle(docs: Path) -> None:
    """The Vega runtime as one local script (`window.vega`), with its licence. Charts are compiled to Vega when
    pages are written, so pages need neither the Vega-Lite compiler nor vega-embed (180 KB gzipped, not 300)."""
    target = docs / VENDOR_JS
    target.parent.mkdir(parents=True, exist_ok=True)
    for src, dst in (
        (VEGA_RUNTIME, target),
        (VEGA_RUNTIME.with_name("vega.LICENSE"), target.with_name("vega.LICENSE")),
    ):
        if not dst.is_file() or dst.read_bytes() != src.read_bytes():
            shutil.copyfile(src, dst)
