"""The site's home page: its years, each with its number of budgets and final accounts."""

from __future__ import annotations

from ...addresses import units_index
from ...package import Package
from ..markup import render


def render_home(packages: list[Package]) -> str:
    """The home page: each year with its number of budgets and final accounts (its page lists them), so it does
    not grow with them."""
    years = [
        {
            "year": y,
            "budgets": sum(p.year == y and not p.final for p in packages),
            "finals": sum(p.year == y and p.final for p in packages),
        }
        for y in sorted({p.year for p in packages}, reverse=True)
    ]
    finals = sum(p.final for p in packages)
    return render(
        "home.md.j2",
        documents=len(packages) - finals,
        finals=finals,
        units=len({p.unit for p in packages}),
        years=years,
        units_index=units_index(),
    )
