"""How strong are the checks? Perturb each amount of a package one at a time and count what they catch.

For every amount cell: +0.5, ×10, two adjacent digits swapped, sign flipped. A perturbation that leaves the value
unchanged is skipped. A perturbation "breaks an identity" when, in at least one identity the checks evaluate on the
unperturbed package and that holds the cell, the change moves the difference beyond that identity's rounding
allowance (half a unit of the last printed digit of each figure). A smaller change is a rounding difference by
definition, and is not counted. The strength is the share of breaking perturbations caught (at least one new error).
Cells that take part in no identity are reported separately: no check can catch a change to them.

    python benchmarks/perturb_checks.py [PACKAGE_DIR]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.checks import ERROR, ROUNDING, UNCHECKED, run_checks  # noqa: E402
from generator.package import read_package  # noqa: E402


def _plus_half(v: str) -> str:
    return str(Decimal(v) + Decimal("0.5"))


def _times_ten(v: str) -> str:
    return str(Decimal(v) * 10)


def _swap(v: str) -> str:
    digits = list(v)
    for i in range(len(digits) - 1):
        a, b = digits[i], digits[i + 1]
        if a.isdigit() and b.isdigit() and a != b:
            digits[i], digits[i + 1] = b, a
            return "".join(digits)
    return v


def _flip(v: str) -> str:
    return v[1:] if v.startswith("-") else "-" + v


PERTURBATIONS = {"+0.5": _plus_half, "×10": _times_ten, "swap": _swap, "sign": _flip}


def _breaks(r, ref: tuple[str, int, str], change: Decimal) -> bool:
    # the project table is in 万元 and is compared with the forms in 元
    scale = 10000 if r.check == "form-vs-project" and ref[0] == "projects_current" else 1
    return change * scale + abs(r.difference or 0) > r.tolerance


def main(pkg_dir: Path) -> None:
    started = time.perf_counter()
    pkg = read_package(pkg_dir)
    baseline = run_checks(pkg)
    holding: dict[tuple[str, int, str], list] = {}
    for r in baseline:
        if r.status != UNCHECKED and r.tolerance is not None:
            for c in r.cells:
                holding.setdefault(c, []).append(r)
    baseline_errors = {r.key() for r in baseline if r.status == ERROR}
    baseline_warnings = {r.key() for r in baseline if r.status == ROUNDING}
    cells = [
        (res, i, f["name"])
        for res in pkg.resources.values()
        if res.is_table
        for f in res.fields
        if f.get("type") == "number"
        for i, row in enumerate(res.rows)
        if row.get(f["name"]) is not None
    ]
    tried: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    uncovered: Counter[str] = Counter()
    within: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    missed: list[str] = []
    for res, i, field in cells:
        original = res.rows[i][field]
        ref = (res.name, i + 2, field)
        for name, perturb in PERTURBATIONS.items():
            value = perturb(str(original))
            if Decimal(value) == Decimal(str(original)):
                continue
            if ref not in holding:
                uncovered[name] += 1
                continue
            change = abs(Decimal(value) - Decimal(str(original)))
            res.rows[i][field] = value
            after = run_checks(pkg)
            res.rows[i][field] = original
            if not any(_breaks(r, ref, change) for r in holding[ref]):
                within[name] += 1
                flagged[name] += bool({r.key() for r in after if r.status == ROUNDING} - baseline_warnings)
                continue
            errors = {r.key() for r in after if r.status == ERROR} - baseline_errors
            tried[name] += 1
            if errors:
                caught[name] += 1
            else:
                missed.append(f"{res.name}:{i + 2} [{field}] {original} → {value} ({name})")
    took = time.perf_counter() - started
    total_tried, total_caught = sum(tried.values()), sum(caught.values())
    print(f"package: {pkg_dir}")
    in_identity = sum((res.name, i + 2, f) in holding for res, i, f in cells)
    print(f"amount cells: {len(cells)}; in at least one identity: {in_identity}")
    for name in PERTURBATIONS:
        share = caught[name] / tried[name] if tried[name] else 0
        print(
            f"  {name:<5} caught {caught[name]:>4} of {tried[name]:>4} ({share:.1%}); within rounding: {within[name]} ({flagged[name]} flagged as rounding); cells in no identity: {uncovered[name]}"
        )
    print(
        f"strength: {total_caught} of {total_tried} perturbations that break an identity caught "
        f"({total_caught / total_tried:.1%}) in {took:.1f} s"
    )
    for line in missed[:20]:
        print(f"  missed: {line}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "datapackages" / "2023" / "xinzhou-shebao")
