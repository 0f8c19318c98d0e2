"""Every check of a package: the fiscal identities within and across its tables (`within`, `across`), the figures its
explanations state (`narrative`), a 决算's (`final`, `final_narrative`), and the discrepancies a person confirmed in
the source."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..package import Package
from . import vocabulary as vocab
from .across import across_tables
from .core import ERROR, PASS, ROUNDING, SOURCE_ERROR, UNCHECKED, Cell, Result, cell, identity, same
from .figures import same_figures
from .final import final_checks
from .final_narrative import final_narrative
from .forms import performance
from .narrative import narrative_checks
from .numbered import numbered_items
from .within import within_tables

__all__ = [
    "ERROR",
    "PASS",
    "ROUNDING",
    "SOURCE_ERROR",
    "UNCHECKED",
    "Cell",
    "Result",
    "cell",
    "confirm",
    "identity",
    "run_checks",
    "same",
    "summary",
]


def run_checks(pkg: Package) -> list[Result]:
    """Every fiscal identity and narrative check that applies to this package."""
    if pkg.final:
        gens: tuple = (final_checks(pkg), final_narrative(pkg), narrative_checks(pkg))
        out: list[Result] = []
    else:
        out = [r for r in within_tables(pkg) if r is not None]
        across = [r for r in across_tables(pkg) if r is not None]
        out += across
        for name in vocab.TWO_SIDED_PARTS:
            if (res := pkg.table(name)) is not None:
                out.extend(r for r in numbered_items(res) if r is not None)
        # the same figure printed in two tables, where the checks above do not already compare it
        gens = (same_figures(pkg, across), performance(pkg), narrative_checks(pkg))
    for gen in gens:
        out.extend(r for r in gen if r is not None)
    return confirm(out, pkg.budget.get("confirmedDiscrepancies", []))


def _same_figure(confirmation: dict, r: Result) -> bool:
    """A confirmation that quotes the printed figure (`actual`) confirms only the error about that figure."""
    quoted = confirmation.get("actual")
    return quoted is None or (r.actual is not None and Decimal(str(quoted)) == r.actual)


def confirm(results: list[Result], confirmed: list[dict]) -> list[Result]:
    """Errors that a person has checked against the document and found printed so are the source's own:
    published as 原文不一致, not blocking. A confirmation that matches no error is itself an error."""
    # several figures of one paragraph may be confirmed, each by the figure it quotes
    keys: dict[tuple, list[int]] = {}
    for k, c in enumerate(confirmed):
        keys.setdefault((c.get("check"), c.get("resource"), c.get("row"), c.get("field")), []).append(k)
    used: set[int] = set()
    out = []
    for r in results:
        key: tuple = (r.check, r.resource, r.row, r.field)
        # each confirmation stands for one error: a second error at its place is not the one a person saw
        mine = [k for k in keys.get(key, []) if k not in used and _same_figure(confirmed[k], r)]
        mine.sort(key=lambda k: confirmed[k].get("actual") is None)  # the one that quotes this figure first
        hit = mine[0] if mine and r.status == ERROR else None
        if hit is not None:
            used.add(hit)
            note = confirmed[hit].get("note", "")
            r = replace(r, status=SOURCE_ERROR, explanation=f"{r.explanation}经人工核对原文，原文确实如此：{note}")
        out.append(r)
    for k, c in enumerate(confirmed):
        if k not in used:
            out.append(
                Result(
                    "confirmation",
                    ERROR,
                    c.get("resource"),
                    c.get("row"),
                    c.get("field"),
                    None,
                    None,
                    None,
                    f"记录的原文差异（{c.get('check')}）与核对结果不符：该项已不再出错或位置有变，请更新记录。",
                    (),
                )
            )
    return out


def summary(results: list[Result]) -> dict[str, int]:
    counts = {PASS: 0, ROUNDING: 0, ERROR: 0, UNCHECKED: 0, SOURCE_ERROR: 0}
    for r in results:
        counts[r.status] += 1
    return counts
