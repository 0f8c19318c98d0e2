"""Mutation test: a figure the document prints in two places cannot be changed in one of them unnoticed.

For every bundled package, every pair of printed amounts that are parts of one total in a table (two columns of a
row, two rows of a column: the parts of one identity the checks evaluate) has an amount moved from one to the other,
the total kept. Where either figure is printed elsewhere too (another cell of the same meaning, from the catalogue;
or the explanation, where the narrative check ties a stated figure to that one cell), the checks must report an
error naming it. Figures printed only once cannot be caught this way and are counted apart."""

from __future__ import annotations

import gc
import multiprocessing
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest

from generator import catalogue as cat
from generator.checks import ERROR, PASS, ROUNDING, Result, run_checks
from generator.checks.figures import printed_figures
from generator.package import Package, read_package
from tests.conftest import ROOT

Ref = tuple[str, int, str]
PACKAGES = sorted(p.parent for p in (ROOT / "datapackages").glob("*/*/datapackage.json"))
PARTS_OF_A_TOTAL = ("row-sum", "total-sum", "hierarchy-sum")
COMPARISONS = ("cross-table", "narrative")
MOVED = Decimal(10)  # 万元, as in the 长沙 example
HALF = Decimal("0.5")
T = TypeVar("T")


def _value(pkg: Package, ref: Ref) -> tuple[Decimal, Decimal, str] | None:
    """A printed cell's value, half a unit of its last digit, and its unit; None where it is blank."""
    res = pkg.resources[ref[0]]
    raw = res.rows[ref[1] - 2].get(ref[2])
    if raw is None:
        return None
    d = Decimal(str(raw))
    return d, HALF * Decimal(10) ** int(d.as_tuple().exponent), res.unit


def _agree(a: tuple[Decimal, Decimal, str], b: tuple[Decimal, Decimal, str]) -> bool:
    k = cat.unit_factor(b[2], a[2])
    return abs(a[0] - b[0] * k) <= a[1] + b[1] * k


def printed_elsewhere(pkg: Package, results: list[Result]) -> dict[Ref, set[Ref]]:
    """For each printed table figure, where else the document prints the same figure (and agrees with it): the
    other cells of the same meaning, and the paragraph whose stated figure the narrative check ties to this cell."""
    twins: dict[Ref, set[Ref]] = defaultdict(set)
    for refs in printed_figures(pkg).values():
        printed = {r: v for r in refs if (v := _value(pkg, r)) is not None}
        for a, va in printed.items():
            twins[a] |= {b for b, vb in printed.items() if b != a and _agree(va, vb)}
    for r in results:
        tables = [c for c in r.cells if c[2] != "text"]
        if r.check == "narrative" and r.status in (PASS, ROUNDING) and len(tables) == 1 and r.resource and r.row:
            if _value(pkg, tables[0]) is not None and not _either_fund(pkg, tables[0], r.explanation):
                twins[tables[0]].add((r.resource, r.row, "text"))
    return {k: v for k, v in twins.items() if v}


_FUND_TABLES = ("expenditure_summary", "general_public_expenditure")


def _either_fund(pkg: Package, ref: Ref, explanation: str) -> bool:
    """A figure stated under its printed code (2011301-行政运行2163.74万元) where both the all-funds and the
    一般公共预算 table print that code: the text does not say which fund it means, so it is compared only while the
    two tables agree, and it is no second printing of either cell (a change to one makes it 未核对, not an error)."""
    if ref[0] not in _FUND_TABLES:
        return False
    code = str(pkg.resources[ref[0]].rows[ref[1] - 2].get("code") or "")
    other = pkg.table(next(n for n in _FUND_TABLES if n != ref[0]))
    return (
        code.isdigit()
        and code in explanation
        and other is not None
        and any(str(r.get("code") or "") == code for r in other.rows)
    )


def _pairs(pkg: Package, results: list[Result]) -> set[tuple[Ref, Ref]]:
    """Pairs of printed figures that are parts of one total in one table."""
    out = set()
    for r in results:
        if r.check not in PARTS_OF_A_TOTAL or r.status not in (PASS, ROUNDING):
            continue
        parts = [c for c in r.cells[1:] if _value(pkg, c) is not None]
        out |= {(a, b) for a in parts for b in parts if a < b and a[0] == b[0]}
    return out


def _set(pkg: Package, ref: Ref, value: Decimal | None) -> None:
    pkg.resources[ref[0]].rows[ref[1] - 2][ref[2]] = None if value is None else str(value)


def printed_once(pkg: Package, twins: dict[Ref, set[Ref]]) -> int:
    """How many printed amounts of the standard tables the document prints nowhere else."""
    return sum(
        (res.name, i + 2, f["name"]) not in twins
        for res in pkg.resources.values()
        if res.is_table and res.name in cat.BY_NAME
        for f in res.fields
        if f.get("type") == "number"
        for i, row in enumerate(res.rows)
        if row.get(f["name"]) is not None
    )


def mutate(pkg: Package) -> tuple[int, int, int, list[str], int, int]:
    """(tried, caught, moves of figures printed only once, what was missed, figures printed twice, figures printed
    once)."""
    baseline = run_checks(pkg)
    before = {r.key() for r in baseline}
    twins = printed_elsewhere(pkg, baseline)
    tried = caught = once = 0
    missed: list[str] = []
    for a, b in sorted(_pairs(pkg, baseline)):
        watched = [c for c in (a, b) if c in twins]
        if not watched:
            once += 1
            continue
        tried += 1
        va, vb = _value(pkg, a), _value(pkg, b)
        assert va is not None and vb is not None
        x = MOVED * cat.unit_factor("万元", va[2])
        _set(pkg, a, va[0] - x)
        _set(pkg, b, vb[0] + x)
        after = run_checks(pkg)
        _set(pkg, a, va[0])
        _set(pkg, b, vb[0])
        named = {
            c for r in after if r.status == ERROR and r.check in COMPARISONS and r.key() not in before for c in r.cells
        }
        if all(c in named for c in watched):
            caught += 1
        else:
            missed.append(f"{pkg.path.name}: {a} → {b} ({', '.join(str(c) for c in watched if c not in named)})")
    return tried, caught, once, missed, len(twins), printed_once(pkg, twins)


def _mutated(path: Path) -> tuple[int, int, int, list[str], int, int]:
    return mutate(read_package(path))


def _on_two_processes(work: Callable[[Path], T], items: list[Path]) -> list[T]:
    """`work` of each item, in order, done on two forked processes (each package's moves are checked on their own).
    The objects that exist when they fork are left out of garbage collection meanwhile, so that neither process
    copies the heap it inherited."""
    gc.collect()
    gc.freeze()
    try:
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(work, items))
    finally:
        gc.unfreeze()


def test_a_figure_printed_twice_cannot_be_moved_unnoticed(capsys: pytest.CaptureFixture[str]) -> None:
    counts = [0] * 5  # tried, caught, moves of figures printed once, figures printed twice, figures printed once
    missed: list[str] = []
    for tried, caught, once, miss, twice, single in _on_two_processes(_mutated, PACKAGES):
        counts = [a + b for a, b in zip(counts, (tried, caught, once, twice, single), strict=True)]
        missed += miss
    with capsys.disabled():
        print(
            f"\nprinted twice: {counts[1]} of {counts[0]} moves caught in {len(PACKAGES)} packages; {counts[2]} moves "
            f"between figures printed only once (cannot be caught); {counts[3]} printed figures have a twin, "
            f"{counts[4]} are printed only once"
        )
    assert counts[0] > 0
    assert missed == [], "\n".join(missed[:40])


def test_the_changsha_shift_between_basic_and_project_is_an_error() -> None:
    """Issue 19: 10 万元 moved from 项目支出 to 基本支出 on the 收支总表's expense side, its total kept."""
    pkg = read_package(ROOT / "datapackages" / "2026" / "hunan-changsha-xinfangju")
    summ = pkg.resources["budget_summary"]
    rows = {cat.ITEM_NUMBER.sub("", str(r.get("expense_item") or "")): r for r in summ.rows}
    basic, project = rows[cat.BASIC_ITEMS[1]], rows[cat.PROJECT_ITEMS[1]]
    assert [r for r in run_checks(pkg) if r.status == ERROR] == []
    basic["expense_total"] = str(Decimal(basic["expense_total"]) + MOVED)
    project["expense_total"] = str(Decimal(project["expense_total"]) - MOVED)
    errors = [r for r in run_checks(pkg) if r.status == ERROR]
    named = {c[:2] for r in errors for c in r.cells if c[0] == "budget_summary"}
    assert {("budget_summary", summ.rows.index(basic) + 2), ("budget_summary", summ.rows.index(project) + 2)} <= named
