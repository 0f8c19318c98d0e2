"""A unit's 项目支出绩效目标: the list of its forms (performance.md.j2) and a page per form (`form`); returns their
navigation."""

from __future__ import annotations

from typing import Any

from ... import engine
from ...addresses import Edition, form_page, performance_page
from ...downloads.registry import Download
from ...package import Package
from ...wording import W
from ..markup import render
from ..sink import Site
from ..views import package_view, resource_view
from .form import render_form


def render_performance(pkg: Package, site: Site, files: dict[str, list[Download]], at: Edition) -> list[Any]:
    base = at.unit(pkg)
    projects = pkg.table("performance_projects")
    indicators = pkg.table("performance_indicators")
    if projects is None or not projects.rows:
        return []
    ind_rows = indicators.rows if indicators else []
    index_page = performance_page(base)
    title = W.forms_page.format(unit=pkg.unit, y=pkg.year)
    nav: list[Any] = [{engine.nav_title(title): index_page}]  # the page's title as written, not its heading's HTML
    forms = []
    for p in projects.rows:
        n = p["form"]
        rows = [r for r in ind_rows if str(r["form"]) == str(n)]
        page = form_page(base, n)
        site.page(page, render_form(pkg, p, rows, projects.title, projects.unit))
        nav.append({engine.nav_title(f"{n}. {p['project_name']}"): page})
        forms.append({"row": p, "page": page, "indicators": len(rows)})
    resources = [resource_view(r) for r in (projects, indicators) if r is not None]
    site.page(
        index_page,
        render(
            "performance.md.j2",
            pkg=package_view(pkg),
            title=title,
            page=index_page,
            base=base,
            files=files,
            projects=resource_view(projects),
            unit=projects.unit,
            forms=forms,
            resources=resources,
        ),
    )
    return nav
