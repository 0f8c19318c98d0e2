"""A unit's page across the years the site holds: its totals and charts by year, and what its texts state of the
year before."""

from __future__ import annotations

from collections.abc import Callable

from ... import analysis
from ... import catalogue as cat
from ...charts import Chart, stacked
from ...charts import grouped as grouped_chart
from ...package import Package
from ...wording import W
from ..markup import render
from ..sink import Site


def history_charts(pkgs: list[Package]) -> list[Chart]:
    out: list[Chart] = []
    unit = cat.COMPARISON_UNIT
    items = []
    for t in (analysis.totals(p) for p in pkgs):
        parts = [
            (W.basic, analysis.in_comparison_unit(t.basic, t.unit)),
            (W.project, analysis.in_comparison_unit(t.project, t.unit)),
        ]
        items.append((W.year.format(y=t.year), parts))
    c = stacked(W.history_unit_chart.format(unit=unit), items, unit, W.year_axis)
    if c:
        out.append(c)
    c = grouped_chart(
        W.history_class_chart.format(unit=unit),
        analysis.class_history(pkgs, lambda y: str(W.year.format(y=y))),
        unit,
        W.class_axis,
    )
    if c:
        out.append(c)
    return out


def render_history(pkgs: list[Package], link: Callable[[Package], tuple[str | None, str | None]]) -> str:
    """The page of one unit across the years it has packages for. `link` gives a year's Markdown target or, for
    another year's snapshot, its address."""
    pkgs = sorted(pkgs, key=lambda p: p.year)
    rows = []
    for p in pkgs:
        target, href = link(p)
        rows.append({"totals": analysis.totals(p), "link": target, "href": href})
    return render(
        "history.md.j2",
        unit=pkgs[-1].unit,
        rows=rows,
        charts=history_charts(pkgs) if len(pkgs) > 1 else [],
        priors=analysis.prior_checks(pkgs),
    )


def write_history_page(
    site: Site, path: str, front: str, pkgs: list[Package], link: Callable[[Package], tuple[str | None, str | None]]
) -> None:
    site.page(path, front + render_history(pkgs, link))
