"""The search page, with its year filter."""

from __future__ import annotations

from ..markup import render


def render_search(years: list[int], snapshot: bool) -> str:
    return render("search.md.j2", years=years, snapshot=snapshot)
