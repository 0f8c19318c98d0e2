"""The pipeline, top to bottom: read → validate → check → render → site build → swap into place.

`build_site` turns packages into a built site; `build` (the working site under site/) and `publish` (one frozen
snapshot per year, in archive.py) both call it.
"""

from __future__ import annotations

import dataclasses
import os
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
from .site.assemble import render_site
from .site.sink import Site
from .terms import project_terms

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
    project: Path,
    docs: Path,
    packages: list[Package],
    site_dir: Path,
    base_config: Path,
    history: list[Package] | None = None,
    snapshot_year: int | None = None,
    site_url: str | None = None,
    search_index: bool = True,
    shard_units: int | None = None,
    runner: engine.Runner | None = None,
    cache: Path | None = None,
) -> Site:
    """Render the packages into `docs` (whose generated part is replaced), write the engine's config and
    vocabulary into `project`, and build the site into `site_dir` (swapped in only when the build succeeds).
    A snapshot holds one year, its unit pages at <unit>/."""
    snapshot = snapshot_year is not None
    clear_generated(docs)
    terms = project_terms(project)
    terms = dataclasses.replace(terms, site_url=site_url) if site_url else terms
    site = render_site(packages, terms, history=history, snapshot=snapshot, out=docs, cache=cache)
    write_vega_bundle(docs)
    notice = terms.notice
    config = engine.write_config(project, site.nav, base_config, snapshot_year, site_url, notice, site.not_in_nav)
    groups = shards(packages, shard_units or shard_size(), Edition(terms, snapshot))
    if len(groups) > 1:
        engine.build_sharded(project, config, site_dir, groups, search_index, runner)
    else:
        engine.build(project, config, site_dir, search_index)
    return site


SHARD_ENV = "BUDGETSITE_SHARD_UNITS"
SHARD_UNITS = 100  # units a shard builds at most: a year of more is built in several MkDocs builds, side by side


def shard_size() -> int:
    return max(1, int(os.environ.get(SHARD_ENV) or SHARD_UNITS))


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


def build(root: Path, data_dir: Path | None = None, site_dir: Path | None = None) -> BuildResult:
    root = root.resolve()
    packages = publishable(load_packages(data_dir or root / "datapackages", root / CACHE_DIR))
    site_dir = site_dir or root / "site"
    site = build_site(root, root / "docs", packages, site_dir, root / "mkdocs.yml", cache=root / RENDER_CACHE)
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
