"""A year's page: every unit of the year side by side (the comparison, downloads/compare.py) and a chart of the
largest."""

from __future__ import annotations

from markupsafe import Markup

from ... import catalogue as cat
from ...addresses import COMPARE_CSV, COMPARE_JSON
from ...charts import bars
from ...downloads.registry import Subject
from ...wording import W
from ..markup import render

COMPARE_PAGE_SIZE = 50  # units a year's page lists at a time


COMPARE_CHART_UNITS = 15  # the largest units in the year's chart


def render_year(year: int, subject: Subject, page: str, jsonld: Markup) -> str:
    """A year's page: every unit's main figures in one unit, sortable and filterable (compare.js, from the year's
    compare.json, a page at a time), the first page in the HTML itself; a chart of the largest units; and the
    same table as CSV. `subject` holds the year's units and their comparison."""
    rows = subject.comparison
    # what was planned is not ranked with what was spent: the chart shows the budgets, or the 决算 of a year with none
    budgets = [r for r in rows if not r["final"]]
    ranked = (budgets or rows)[:COMPARE_CHART_UNITS]
    chart = bars(
        (W.compare_chart if budgets else W.compare_chart_final).format(n=len(ranked), unit=cat.COMPARISON_UNIT),
        [(r["name"], r["figures"].expense) for r in ranked if r["figures"].expense is not None],
        cat.COMPARISON_UNIT,
        W.unit_axis,
    )
    return render(
        "year.md.j2",
        year=year,
        rows=rows[:COMPARE_PAGE_SIZE],
        total=len(rows),
        finals=len(rows) - len(budgets),
        page_size=COMPARE_PAGE_SIZE,
        unit=cat.COMPARISON_UNIT,
        chart=chart,
        page=page,
        compare_json=COMPARE_JSON,
        compare_csv=COMPARE_CSV,
        jsonld=jsonld,
    )
