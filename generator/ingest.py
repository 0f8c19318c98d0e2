"""The import pipeline as a library function: read a disclosure → write its package → validate → check → report.

`budgetsite import` is this plus printing; a batch job or a test calls `ingest` directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import catalogue as cat
from .checks import Result, run_checks
from .checks.core import SEVERITY
from .errors import GeneratorError, ImportFailed
from .findings import Finding, from_result
from .importer.registry import Progress, read
from .model import Disclosure
from .package import read_package, write_package
from .validate import validate_package


@dataclass
class Ingested:
    """What an import produced: the package written, what was found where, and what validation and checks say."""

    source: Path
    package_dir: Path
    disclosure: Disclosure
    found: list[tuple[str, str]]
    findings: list[Finding] = field(default_factory=list)  # Frictionless validation errors
    results: list[Result] = field(default_factory=list)  # the checks (when the package is valid)

    @property
    def rows(self) -> int:
        return sum(len(t.rows) for t in self.disclosure.tables.values())

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(cat.STATUS_ZH, 0)
        for r in self.results:
            counts[r.status] += 1
        return counts

    @property
    def ok(self) -> bool:
        return not self.findings and not any(r.status == cat.ERROR for r in self.results)

    def reported(self) -> list[Finding]:
        """The check results worth a line: errors, source errors and rounding warnings."""
        pkg = str(self.package_dir)
        return [from_result(pkg, r) for r in self.results if SEVERITY[r.status] in ("error", "warning", "source-error")]


def ingest(
    source: Path,
    unit_slug: str,
    out: Path,
    year: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
    unit_name: str | None = None,
) -> Ingested:
    """Read `source` into the package OUT/<year>/<unit_slug>/ (replaced atomically with `force`), then validate
    and check it. Raises GeneratorError for a document it cannot read or a package it may not replace."""
    reading = read(source, progress, unit_name, year)
    disclosure = reading.disclosure
    essential = ("budget_summary", "income_summary", "expenditure_summary")
    read_as = {t.kind_hint or name for name, t in disclosure.tables.items()}  # as printed counts: it is reported so
    if not any(name in read_as for name in essential):
        found = "、".join(name for name, _ in reading.found) or "no table"
        skipped = "; ".join(disclosure.not_imported[:4])
        raise ImportFailed(
            f"found none of 收支总表/收入总表/支出总表 (found: {found}"
            + (f"; recognised but not read: {skipped}" if skipped else "")
            + "); nothing was written",
            source,
        )
    if year and disclosure.year != year:
        raise GeneratorError(f"the document is for {disclosure.year}, not {year}", source)
    disclosure.confirmed = confirmed_discrepancies(source)
    target = out / str(disclosure.year) / unit_slug
    write_package(disclosure, unit_slug, target, force=force)
    result = Ingested(source, target, disclosure, reading.found)
    result.findings = validate_package(target)
    if not result.findings:
        result.results = run_checks(read_package(target))
    return result


def confirmed_discrepancies(source: Path) -> list[dict]:
    """Discrepancies a person confirmed in the document: `<source name>.discrepancies.json` beside it."""
    sidecar = source.with_name(source.stem + ".discrepancies.json")
    if not sidecar.is_file():
        return []
    try:
        entries = json.loads(sidecar.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GeneratorError(f"not a valid JSON list of confirmed discrepancies ({exc})", sidecar) from exc
    keys = {"check", "resource", "row", "field", "note"}
    if not isinstance(entries, list) or not all(isinstance(e, dict) and keys <= set(e) for e in entries):
        raise GeneratorError(f"expected a list of objects with {sorted(keys)}", sidecar)
    return entries
