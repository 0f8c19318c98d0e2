"""The site from its packages, top to bottom: the glossary of every package; for each year its page and, for each
unit, its pages and files (`render_package`, cached by the content they are made from, and rendered ahead on
worker processes when many have changed); each unit's history page and the units index; the home, glossary,
downloads and search pages; the DCAT catalogue; and the site's navigation."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import analysis, engine, workers
from .. import catalogue as cat
from ..addresses import (
    ABOUT_PAGE,
    CATALOG,
    DOWNLOADS_DIR,
    HISTORY_DIR,
    HOME,
    SEARCH_PAGE,
    Edition,
    checks_page,
    data_dir,
    downloads_page,
    execution_page,
    explanations_page,
    glossary_page,
    history_page,
    overview_page,
    page_address,
    table_page,
    unit_page,
    units_index,
    year_index,
)
from ..downloads import linked, registry
from ..downloads.registry import ON_CHECKS, ON_EXECUTION, ON_UNIT, Subject, shown_on
from ..package import Package
from ..terms import Terms
from ..wording import W, kind_label
from .glossary import Glossary
from .navigation import history_link, unit_front_matter
from .pages.checks import render_checks_page
from .pages.downloads import render_downloads
from .pages.execution import render_execution
from .pages.explanations import render_explanations
from .pages.glossary import render_glossary
from .pages.history import write_history_page
from .pages.home import render_home
from .pages.overview import render_overview
from .pages.performance import render_performance
from .pages.search import render_search
from .pages.table import render_table_page
from .pages.unit import render_unit_page
from .pages.units import render_units
from .pages.year import render_year
from .sink import Site, cached, content_key, write_files
from .views import as_printed, provenance, published_sources, sha256_of


@dataclass
class UnitWork:
    """What one unit's pages are made of: its package, its previous year, its section of the site, its extra
    navigation, the unit's other documents on the site (which its pages link) and the content key of all of these."""

    pkg: Package
    prev: Package | None
    section: str
    extra: list[Any]
    others: list[Package]
    key: str


def render_package(
    pkg: Package,
    site: Site,
    glossary: Glossary,
    at: Edition,
    prev: Package | None = None,
    section: str = "",
    extra_nav: list[Any] | None = None,
    others: list[Package] | None = None,
) -> list[Any]:
    """All pages and downloads of one package; returns its navigation entries (`extra_nav` appended), which its
    pages carry in their header for the sidebar, under the site's `section`. `others` are the unit's other
    documents on the site (its budget and final accounts), which its pages link and its 执行 page compares."""
    base = at.unit(pkg)
    site.hold()
    prov = provenance(pkg)
    unit = Subject(at.terms, pkg=pkg, others=others or [])
    unit_files = registry.downloads(registry.UNIT, unit, data_dir(base))
    table_files = {}
    for res in pkg.resources.values():
        if res.is_table:
            subject = Subject(at.terms, pkg=pkg, res=res)
            table_files[res.name] = registry.downloads(registry.TABLE, subject, data_dir(base))
            write_files(site, table_files[res.name], subject)
    write_files(site, unit_files, unit)
    for src in published_sources(pkg):
        original = Subject(at.terms, pkg=pkg, source=src)
        write_files(site, registry.downloads(registry.SOURCE, original, base), original)
    packed = unit.output(registry.named("zip"))
    listed = shown_on(unit_files, ON_UNIT)

    digest = hashlib.sha256(packed).hexdigest() if isinstance(packed, bytes) else sha256_of(packed)
    site.page(unit_page(base), render_unit_page(pkg, glossary, listed, at, digest, others))
    site.page(overview_page(base), render_overview(pkg, glossary, at))
    site.page(explanations_page(base), render_explanations(pkg, glossary, at))
    said = next((f for f in table_files.get(cat.FINAL_STATED.name, []) if f.format.name == "csv"), None)
    executed = render_execution(pkg, unit, shown_on(unit_files, ON_EXECUTION), said, at)
    if executed is not None:
        site.page(execution_page(base), executed)
    table_nav = []
    for kind in cat.tables_of(pkg.kind):
        table = pkg.table(kind.name)
        if table is None:
            continue
        page = table_page(base, table.name)
        site.page(page, render_table_page(pkg, table, glossary, prov, table_files[table.name] + listed, at, prev))
        table_nav.append({f"{kind.number}. {kind.title}": page})
    for res in as_printed(pkg):
        page = table_page(base, res.name)
        site.page(page, render_table_page(pkg, res, glossary, prov, table_files[res.name] + listed, at, prev))
        table_nav.append({engine.nav_title(res.title): page})
    site.page(checks_page(base), render_checks_page(pkg, shown_on(unit_files, ON_CHECKS)))
    nav: list[Any] = [
        {W.nav_unit: unit_page(base)},
        {W.nav_overview: overview_page(base)},
        {W.nav_tables_of[pkg.kind]: table_nav},
        {W.nav_explanations: explanations_page(base)},
        *([{W.nav_execution: execution_page(base)}] if executed is not None else []),
        {W.nav_checks: checks_page(base)},
    ]
    perf = render_performance(pkg, site, table_files, at)
    if perf:
        nav.append({W.nav_forms: perf})
    nav += extra_nav or []
    site.release(unit_front_matter(section, engine.nav_title(kind_label(pkg)), nav))
    site.not_in_nav.append(f"/{base}/")
    return nav


RENDER_AHEAD = 40  # units not in the cache from which their pages are rendered on two processes first


def _render_ahead(
    units: list[UnitWork],
    site: Site,
    glossary: Glossary,
    at: Edition,
    cache: Path | None,
    bulk: tuple[str, Callable] | None = None,
    processes: int = 1,
) -> None:
    """With many units whose pages are not in the cache, render them into it first on `processes` processes (the pages
    of one unit depend only on what its key holds), one unit a task; the year's bulk downloads (`bulk`: their key,
    and the function of a Site that writes them) are one more task, taken first, so they are made while the
    other process renders units. The renderer then takes all of it from the cache."""
    if cache is None or site.out is None or processes < 2:
        return
    todo = [u for u in units if u.key and not (cache / u.key / "meta.json").is_file()]
    if len(todo) < RENDER_AHEAD:
        return
    jobs: list[tuple[str, Callable[[Site], Any]]] = []
    if bulk is not None and bulk[0] and not (cache / bulk[0] / "meta.json").is_file():
        jobs.append(bulk)
    for u in todo:
        jobs.append((u.key, functools.partial(_render_unit, u, glossary=glossary, at=at)))

    def run(job: tuple[str, Callable[[Site], Any]]) -> None:
        key, produce = job
        into = Site(out=site.out, link=site.link)
        cached(into, cache, key, functools.partial(produce, into))

    workers.fork_map(run, jobs, processes)


def _render_unit(u: UnitWork, site: Site, glossary: Glossary, at: Edition) -> list[Any]:
    return render_package(u.pkg, site, glossary, at, u.prev, u.section, u.extra, u.others)


def render_site(
    packages: list[Package],
    terms: Terms,
    history: list[Package] | None = None,
    snapshot: bool = False,
    out: Path | None = None,
    cache: Path | None = None,
    processes: int = 1,
) -> Site:
    """Pages for the packages, published under `terms` (whose site_url makes citations absolute). `history`
    adds earlier years for comparisons and the history pages; a snapshot holds one year with unit pages at <unit>/
    (no year in the path, so the same page has the same address in every year's snapshot). With `out` (an empty
    directory) the files are written there as they are rendered; with `cache` too, a package's pages and files
    (and the bulk downloads) are rendered only when what they depend on has changed, and otherwise linked from
    the cache; with `processes` above one, they render ahead when many units have changed."""
    everything = history if history is not None else packages
    at = Edition(terms, snapshot)
    site = Site(out=out, link=snapshot and out is not None)
    glossary = Glossary()
    for pkg in packages:
        g = pkg.table("glossary")
        if g:
            for r in g.rows:
                glossary.add(str(r["term"]), str(r["definition"]), W.glossary_source.format(unit=pkg.unit, y=pkg.year))
    terms_held = sorted(glossary.entries)
    by_slug: dict[str, list[Package]] = {}  # each unit's packages across the history, to find its other years
    for p in everything:
        by_slug.setdefault(p.slug, []).append(p)
    fronts: dict[str, str] = {}  # a snapshot's history pages carry their unit's navigation
    # the site's navigation holds no unit: each unit's pages carry their own (unit_front_matter)
    nav: list[Any] = [] if snapshot else [{W.nav_home: HOME}]
    units: list[UnitWork] = []
    for year in sorted({p.year for p in packages}, reverse=True):
        section = str(W.year.format(y=year))
        for pkg in sorted((p for p in packages if p.year == year), key=lambda p: p.slug):
            # in a snapshot the unit's history page is one of its pages
            extra = [{W.nav_history: history_page(pkg.slug)}] if snapshot else []
            prev = analysis.previous(pkg, by_slug.get(pkg.slug, []))
            mine = [p for p in packages if p.unit == pkg.unit and p is not pkg]
            key = content_key(
                "package",
                pkg.content_key,
                prev.content_key if prev else None,
                terms_held,
                section,
                extra,
                repr(at),
                [(p.content_key, p.kind, at.unit(p)) for p in mine],
            )
            key = key if all(p.content_key for p in mine) else ""
            units.append(UnitWork(pkg, prev, section, extra, mine, key))
    bulk_key = ""
    bulk_subjects = registry.bulk_subjects(packages, snapshot, terms) if packages else []
    if packages:
        bulk_key = content_key("bulk", *(p.content_key for p in packages), snapshot, repr(terms))

    listed = linked.collections(packages, terms, snapshot)
    bulk_page = (
        page_address(f"{packages[0].year}/{downloads_page()}" if snapshot else downloads_page()) if packages else ""
    )

    def downloads(into: Site) -> str:
        return render_downloads(into, bulk_subjects, linked.script(linked.page_datasets(listed, bulk_page, terms)))

    _render_ahead(units, site, glossary, at, cache, (bulk_key, downloads), processes)
    for year in sorted({p.year for p in packages}, reverse=True):
        in_year = [p for p in packages if p.year == year]
        year_page = at.year_page(year)
        section = str(W.year.format(y=year))
        compared = Subject(terms, packages=in_year, key=str(year), label=W.year.format(y=year), history=by_slug)
        folder = year_page.rsplit("/", 1)[0] if "/" in year_page else ""
        write_files(site, registry.downloads(registry.COMPARISON, compared, folder), compared)
        described = linked.script(linked.page_datasets(listed, page_address(year_index(year)), terms))
        site.page(year_page, render_year(year, compared, year_page, described))
        for u in (u for u in units if u.pkg.year == year):
            produce = functools.partial(_render_unit, u, site, glossary, at)
            unit_nav = cached(site, cache, u.key, produce)
            if snapshot:
                fronts[u.pkg.slug] = unit_front_matter(section, engine.nav_title(kind_label(u.pkg)), unit_nav)
        # a snapshot's year page is its home page, which the theme finds only at the top of the navigation
        nav.append({section: year_page} if snapshot else {section: [year_page]})
    latest: dict[str, int] = {}
    for p in packages:
        latest[p.slug] = max(p.year, latest.get(p.slug, p.year))
    index = []
    link = history_link(packages, snapshot)
    for slug in sorted(latest):
        mine = [p for p in by_slug.get(slug, []) if p.year <= latest[slug]]
        key = content_key("history", fronts.get(slug), [(p.content_key, link(p)) for p in mine])
        key = key if all(p.content_key for p in mine) else ""
        page = functools.partial(write_history_page, site, history_page(slug), fronts.get(slug, ""), mine, link)
        cached(site, cache, key, page)
        newest = max(mine, key=lambda p: p.year)
        index.append(
            {
                "unit": kind_label(newest),
                "slug": slug,
                "page": history_page(slug).removeprefix(f"{HISTORY_DIR}/"),
                "years": [p.year for p in mine],
            }
        )
    site.not_in_nav.append(f"/{HISTORY_DIR}/")
    if not snapshot:
        site.page(units_index(), render_units(index))
        nav.append({W.nav_units: units_index()})
        site.page(HOME, render_home(packages))
    site.page(glossary_page(), render_glossary(glossary))
    nav.append({W.nav_glossary: glossary_page()})
    if packages:
        site.data(CATALOG, linked.catalog(packages, terms, snapshot))
        page = cached(site, cache, bulk_key, functools.partial(downloads, site))
        site.page(downloads_page(), page)
        nav.append({W.nav_downloads: downloads_page()})
    years = sorted({p.year for p in packages}, reverse=True)
    site.page(SEARCH_PAGE, render_search(years, snapshot))
    nav.append({W.nav_search: SEARCH_PAGE})
    nav.append({W.nav_about: ABOUT_PAGE})
    site.nav = nav
    return site


__all__ = ["DOWNLOADS_DIR", "RENDER_AHEAD", "Site", "UnitWork", "render_package", "render_site"]
