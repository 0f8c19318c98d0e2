"""Import every PDF of a folder of real disclosures and set what was read against INDEX.tsv.

    python benchmarks/corpus.py [DIR]        (default: ../shared/corpus)

One row per document: tables found (national / as printed), 收入总计, 基本支出 and 项目支出 against the figures a
person read from the PDF (INDEX.tsv, where listed), check counts and seconds; then a summary line. Files that
INDEX.tsv lists with the same unit and year are one disclosure printed as several files: they are imported together
(`budgetsite import A.pdf B.pdf --unit-name …`), and a document is also tried alone. Confirmed discrepancies are
counted apart when a `.discrepancies.json` is beside the PDF. Packages are written to a temporary directory, never
under datapackages/.
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import catalogue as cat  # noqa: E402
from generator.analysis import totals  # noqa: E402
from generator.errors import GeneratorError  # noqa: E402
from generator.ingest import ingest  # noqa: E402
from generator.package import read_package  # noqa: E402


def _index(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / "INDEX.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as f:
        return {r["file"]: r for r in csv.DictReader(f, delimiter="\t")}


def _same(printed: str | None, expected: str) -> str:
    if not expected:
        return "·"
    if printed is None:
        return "—"
    return "=" if Decimal(printed) == Decimal(expected.replace(",", "")) else f"≠{printed}"


def _disclosures(folder: Path, index: dict[str, dict[str, str]]) -> list[tuple[str, list[Path], str | None]]:
    """Each PDF alone, and each group of files INDEX.tsv lists under one unit and year, with that unit's name."""
    pdfs = sorted(folder.glob("*.pdf"))
    out: list[tuple[str, list[Path], str | None]] = [(p.name, [p], None) for p in pdfs]
    groups: dict[tuple[str, str], list[Path]] = {}
    for p in pdfs:
        if p.name in index:
            groups.setdefault((index[p.name]["unit"], index[p.name]["year"]), []).append(p)
    for (unit, _year), files in groups.items():
        if len(files) > 1:
            out.append((" + ".join(f.stem[-12:] for f in files), files, unit))
    return out


def main(folder: Path) -> int:
    index = _index(folder)
    rows, seconds, imported, agreed = [], [], 0, 0
    with tempfile.TemporaryDirectory() as out:
        for label, files, unit_name in _disclosures(folder, index):
            pdf = files[-1]
            started = time.perf_counter()
            try:
                slug = pdf.stem.lower().replace("_", "-")[:60]
                result = ingest(files, slug, Path(out), force=True, unit_name=unit_name)
            except GeneratorError as exc:
                seconds.append(time.perf_counter() - started)
                rows.append(f"{label[:58]:<58} refused: {str(exc).split(': ', 1)[-1][:90]}")
                continue
            except Exception as exc:  # a crash is the importer's bug: counted, shown, and the run goes on
                seconds.append(time.perf_counter() - started)
                rows.append(f"{label[:58]:<58} CRASH {type(exc).__name__}: {exc}"[:160])
                continue
            took = time.perf_counter() - started
            seconds.append(took)
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
            rows.append(
                f"{label[:58]:<58} tables {national:>2}/{printed:<2} totals {' '.join(marks):<14} "
                f"checks {c[cat.PASS]} ok {c[cat.ROUNDING]} rounding {c[cat.ERROR]} error "
                f"{c[cat.SOURCE_ERROR]} confirmed "
                f"{c[cat.UNCHECKED]} unchecked {len(result.findings)} invalid  {took:.1f} s"
            )
    print("\n".join(rows))
    n = len(seconds)
    print(
        f"{n} documents and groups: {imported} imported, {agreed} with 收入总计/基本支出/项目支出 equal to INDEX.tsv; "
        f"median {statistics.median(seconds) if seconds else 0:.2f} s, max {max(seconds, default=0):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"))
