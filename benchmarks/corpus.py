"""Import every PDF of a folder of real disclosures and set what was read against INDEX.tsv.

    python benchmarks/corpus.py [DIR ...]    (default: sources/corpus and sources/pdf)

One row per document: tables found (national / as printed), 收入总计, 基本支出 and 项目支出 against the figures a
person read from the PDF (INDEX.tsv, where listed), check counts and seconds; then one line per family (the region
INDEX.tsv gives: 深圳, 西安, 上海 市级, 上海 普陀, …): documents, imported, with the three totals equal to INDEX.tsv,
without an unconfirmed check error, and the median seconds per document; then the same over all; then the false-accusation test: the documents with an
error that no sidecar confirms, which a person has not read on the page (it must be 0). Files that
INDEX.tsv lists with the same unit and year are one disclosure printed as several files: they are imported together
(`budgetsite import A.pdf B.pdf --unit-name …`), and a document is also tried alone; a document counts by its best
run, alone or with its other files, and its seconds are that run's. Confirmed discrepancies are counted apart when a
`.discrepancies.json` is beside the PDF. Packages are written to a temporary directory, never under datapackages/.
"""

from __future__ import annotations

import csv
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import catalogue as cat  # noqa: E402
from generator.analysis import totals  # noqa: E402
from generator.errors import GeneratorError  # noqa: E402
from generator.ingest import ingest  # noqa: E402
from generator.package import read_package  # noqa: E402


def _index(folders: list[Path]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for folder in folders:
        path = folder / "INDEX.tsv"
        if path.is_file():
            with path.open(encoding="utf-8") as f:
                out.update({r["file"]: r for r in csv.DictReader(f, delimiter="\t")})
    return out


def _same(printed: str | None, expected: str) -> str:
    if not expected:
        return "·"
    if printed is None:
        return "—"
    return "=" if Decimal(printed) == Decimal(expected.replace(",", "")) else f"≠{printed}"


def _disclosures(folders: list[Path], index: dict[str, dict[str, str]]) -> list[tuple[str, list[Path], str | None]]:
    """Each PDF alone, and each group of files INDEX.tsv lists under one unit and year, with that unit's name."""
    pdfs = sorted((p for folder in folders for p in folder.glob("*.pdf")), key=lambda p: p.name)
    out: list[tuple[str, list[Path], str | None]] = [(p.name, [p], None) for p in pdfs]
    groups: dict[tuple[str, str], list[Path]] = {}
    for p in pdfs:
        if p.name in index:
            groups.setdefault((index[p.name]["unit"], index[p.name]["year"]), []).append(p)
    for (unit, _year), files in groups.items():
        if len(files) > 1:
            out.append((" + ".join(f.stem[-12:] for f in files), files, unit))
    return out


def family(region: str) -> tuple[str, str]:
    """The place a document's family is named by (its city, or the region itself: 中央部门), and what sets it apart
    within that place (a district, or the level in brackets: 普陀, 市级), from INDEX.tsv's region column."""
    m = re.fullmatch(r"(?:[^省]+省)?([^省市]+)市([^()（）]*?)(?:[(（](.+)[)）])?", region.strip())
    if m is None:
        return region.strip() or "?", ""
    district = re.sub(r"(?<=..)[区县]$", "", m.group(2))
    return m.group(1), district or m.group(3) or ""


def families(index: dict[str, dict[str, str]]) -> dict[str, str]:
    """Each listed file's family label: the place, with what sets it apart where the place has several (上海 市级,
    上海 普陀), alone where it has one (深圳)."""
    parts = {name: family(row.get("region", "")) for name, row in index.items()}
    qualifiers: dict[str, set[str]] = {}
    for place, qualifier in parts.values():
        qualifiers.setdefault(place, set()).add(qualifier)
    return {
        name: f"{place} {qualifier}" if qualifier and len(qualifiers[place]) > 1 else place
        for name, (place, qualifier) in parts.items()
    }


@dataclass
class Outcome:
    """How one run (a document alone, or a disclosure's files together) went."""

    imported: bool = False
    equal: bool = False  # 收入总计, 基本支出 and 项目支出 as INDEX.tsv gives them
    clean: bool = False  # imported, valid, and no check error but those confirmed in the source
    accused: bool = False  # imported with a check error that no sidecar confirms
    seconds: float = 0.0
    cpu: float = 0.0  # CPU seconds of this process and its page workers: the cost, however busy the machine

    def rank(self) -> tuple[bool, bool, bool]:
        return self.imported, self.equal, self.clean


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished child processes (the reader's page workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def summary(label: str, outcomes: list[Outcome]) -> str:
    n = len(outcomes)
    median = statistics.median(o.seconds for o in outcomes) if outcomes else 0.0
    cpu = statistics.median(o.cpu for o in outcomes) if outcomes else 0.0
    return (
        f"{label:<12} {n:>3} documents {sum(o.imported for o in outcomes):>3} imported "
        f"{sum(o.equal for o in outcomes):>3} with the totals of INDEX.tsv "
        f"{sum(o.clean for o in outcomes):>3} without an unconfirmed error "
        f"{sum(o.accused for o in outcomes):>2} accused unconfirmed  median {median:.2f} s ({cpu:.2f} CPU-s)"
    )


def main(folders: list[Path]) -> int:
    index = _index(folders)
    rows, seconds, cpus, imported, agreed = [], [], [], 0, 0
    best: dict[str, Outcome] = {}  # each document's best run
    with tempfile.TemporaryDirectory() as out:
        for label, files, unit_name in _disclosures(folders, index):
            pdf = files[-1]
            outcome = Outcome()
            started, cpu_started = time.perf_counter(), _cpu()
            try:
                slug = pdf.stem.lower().replace("_", "-")[:60]
                result = ingest(files, slug, Path(out), force=True, unit_name=unit_name)
            except GeneratorError as exc:
                rows.append(f"{label[:58]:<58} refused: {str(exc).split(': ', 1)[-1][:90]}")
                result = None
            except Exception as exc:  # a crash is the importer's bug: counted, shown, and the run goes on
                rows.append(f"{label[:58]:<58} CRASH {type(exc).__name__}: {exc}"[:160])
                result = None
            outcome.seconds = took = time.perf_counter() - started
            outcome.cpu = _cpu() - cpu_started
            seconds.append(took)
            cpus.append(outcome.cpu)
            if result is not None:
                imported += 1
                national = sum(1 for n in result.disclosure.tables if n in cat.BY_NAME)
                printed = len(result.disclosure.tables) - national
                want = next((index[f.name] for f in reversed(files) if index.get(f.name, {}).get("total_income")), {})
                t = totals(read_package(result.package_dir)) if not result.findings else None
                marks = [
                    _same(t.income if t else None, want.get("total_income", "")),
                    _same(t.basic if t else None, want.get("basic", "")),
                    _same(t.project if t else None, want.get("project", "")),
                ]
                agreed += all(m == "=" for m in marks)
                c = result.counts()
                outcome.imported, outcome.equal = True, all(m == "=" for m in marks)
                outcome.clean = not result.findings and c[cat.ERROR] == 0
                outcome.accused = c[cat.ERROR] > 0
                rows.append(
                    f"{label[:58]:<58} tables {national:>2}/{printed:<2} totals {' '.join(marks):<14} "
                    f"checks {c[cat.PASS]} ok {c[cat.ROUNDING]} rounding {c[cat.ERROR]} error "
                    f"{c[cat.SOURCE_ERROR]} confirmed "
                    f"{c[cat.UNCHECKED]} unchecked {len(result.findings)} invalid  {took:.1f} s {outcome.cpu:.1f} CPU-s"
                )
            for f in files:
                if f.name not in best or outcome.rank() > best[f.name].rank():
                    best[f.name] = outcome
    print("\n".join(rows))
    n = len(seconds)
    print(
        f"{n} documents and groups: {imported} imported, {agreed} with 收入总计/基本支出/项目支出 equal to INDEX.tsv; "
        f"median {statistics.median(seconds) if seconds else 0:.2f} s ({statistics.median(cpus) if cpus else 0:.2f} CPU-s), "
        f"max {max(seconds, default=0):.2f} s"
    )
    labels = families(index)
    by_family: dict[str, list[Outcome]] = {}
    for name, outcome in best.items():
        by_family.setdefault(labels.get(name, "(not in INDEX.tsv)"), []).append(outcome)
    print()
    for label in sorted(by_family, key=lambda k: (-len(by_family[k]), k)):
        print(summary(label, by_family[label]))
    print(summary("all", list(best.values())))
    accused = sorted(name for name, o in best.items() if o.accused)
    print(
        f"\nfalse-accusation test: {len(accused)} document(s) with an error that no sidecar confirms (must be 0)"
        + "".join(f"\n  {name}" for name in accused)
    )
    absent = sorted(set(index) - set(best))
    if absent:
        print(f"INDEX.tsv lists {len(absent)} file(s) not in {', '.join(map(str, folders))}: {', '.join(absent)}")
    return 1 if accused else 0


if __name__ == "__main__":
    given = [Path(a) for a in sys.argv[1:]]
    sys.exit(main(given or [ROOT / "sources" / "corpus", ROOT / "sources" / "pdf"]))
