"""The import pipeline as a library function: read a disclosure → write its package → validate → check → report.

`budgetsite import` is this plus printing; a batch job or a test calls `ingest` directly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import catalogue as cat
from .checks import Result, run_checks, summary
from .checks.core import SEVERITY
from .errors import GeneratorError, ImportFailed
from .findings import Finding, from_result
from .importer.registry import Progress, Reading, check_readable, read
from .model import Disclosure, Text
from .package import SLUG_RULE, is_slug, read_package
from .package_write import write_package
from .settings import Settings
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
        return summary(self.results)

    @property
    def ok(self) -> bool:
        return not self.findings and not any(r.status == cat.ERROR for r in self.results)

    def reported(self) -> list[Finding]:
        """The check results worth a line: errors, source errors and rounding warnings."""
        pkg = str(self.package_dir)
        return [from_result(pkg, r) for r in self.results if SEVERITY[r.status] in ("error", "warning", "source-error")]


def ingest(
    source: Path | list[Path],
    unit_slug: str,
    out: Path,
    year: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
    unit_name: str | None = None,
    settings: Settings | None = None,
) -> Ingested:
    """Read `source` into the package OUT/<year>/<unit_slug>/ (replaced atomically with `force`), then validate
    and check it. A disclosure printed as several files (北京: explanations and tables) is given as a list: the
    files are read in order, the later ones with the unit and year the earlier ones name, into one package.
    The package states the terms of `settings` (the command line's; without them, those of the project `out` is
    in), and a PDF's pages are read on its workers. Raises GeneratorError for a document it cannot read or a
    package it may not replace."""
    files = source if isinstance(source, list) else [source]
    if not is_slug(unit_slug):
        raise ImportFailed(f"the unit slug {unit_slug!r} is not {SLUG_RULE}; nothing was read")
    for f in files:
        check_readable(f)
    settings = settings or Settings.load(out)
    source = files[0]
    alone = len(files) == 1
    reading = read(source, progress, unit_name, year, alone, settings.workers)
    for other in files[1:]:
        d = reading.disclosure
        again = read(other, progress, unit_name or d.unit, year or d.year, alone, settings.workers)
        reading = merge(reading, again, other)
    disclosure = reading.disclosure
    essential = cat.ESSENTIAL.get(disclosure.kind, cat.ESSENTIAL[cat.BUDGET])
    read_as = {t.kind_hint or name for name, t in disclosure.tables.items()}
    if not any(name in read_as for name in essential):
        raise ImportFailed(_no_summary(reading), source)
    checkable = cat.CHECKABLE.get(disclosure.kind, cat.CHECKABLE[cat.BUDGET])
    if not any(name in disclosure.tables for name in checkable):
        raise ImportFailed(_not_checkable(reading, checkable), source)
    if disclosure.kind == cat.FINAL and not _any_figure(disclosure):
        raise ImportFailed("a blank 决算 template: its tables print no figure, so there is nothing to import", source)
    if year and disclosure.year != year:
        raise GeneratorError(f"the document is for {disclosure.year}, not {year}", source)
    disclosure.confirmed = confirmed_discrepancies(source)
    target = out / str(disclosure.year) / unit_slug
    write_package(disclosure, unit_slug, target, force=force, originals=files, terms=settings.terms)
    result = Ingested(source, target, disclosure, reading.found)
    result.findings = validate_package(target)
    if not result.findings:
        result.results = run_checks(read_package(target))
    return result


def _no_summary(reading: Reading) -> str:
    """Why no package is written, in words: what was read, what was recognised and not read."""
    d = reading.disclosure
    read_ = [_title(d, name) for name, _ in reading.found]
    names = cat.ESSENTIAL_NAMES.get(d.kind, cat.ESSENTIAL_NAMES[cat.BUDGET])
    parts = [f"none of {names} could be read, so no package was written"]
    parts.append(f"read: {_some(read_)}" if read_ else "no table was read")
    if d.not_imported:
        parts.append(f"recognised but not read: {_some(d.not_imported, '; ')}")
    return "; ".join(parts)


def _not_checkable(reading: Reading, names: tuple[str, ...]) -> str:
    """Why a document whose summary tables were kept only as printed is not imported: no identity can be checked,
    so nothing it publishes could be told apart from a misreading. Names each such table, where and why."""
    d = reading.disclosure
    where = dict(reading.found)
    printed = [
        f"{_title(d, n)}, {where[n]}" if n in where else _title(d, n)
        for n, t in d.tables.items()
        if t.kind_hint in names
    ]
    what = " nor ".join(cat.BY_NAME[n].title for n in names)
    found = f": {_some(printed, '; ')}" if printed else ""
    return f"neither {what} could be read in its columns, so no fiscal identity can be checked and no package was written{found}"


def _any_figure(d: Disclosure) -> bool:
    """Some table of the national set prints an amount (a template prints headers and XXX only)."""
    amounts = {k.name: {f.name for f in k.amount_fields} for k in cat.ALL_TABLES}
    return any(
        row.get(f) is not None
        for name, t in d.tables.items()
        if name in amounts
        for row in t.rows
        for f in amounts[name]
    )


def _title(d: Disclosure, name: str) -> str:
    table = d.tables.get(name)
    if table is not None and table.printed_title:
        return re.sub(r"\s+", " ", table.printed_title).strip()
    kind = cat.BY_NAME.get(name)
    return kind.title if kind else name


def _some(items: list[str], sep: str = ", ", most: int = 4) -> str:
    """A list in words: every item, or the first few and how many more; never an item cut short."""
    if len(items) <= most:
        return sep.join(items)
    return sep.join(items[: most - 1]) + f"{sep}and {len(items) - most + 1} more"


def merge(first: Reading, later: Reading, path: Path) -> Reading:
    """A disclosure printed as two files, as one: the tables and texts of both (the later file's rows say which
    file they were printed in; a table name taken already is numbered on), the first file's title and metadata."""
    d, e = first.disclosure, later.disclosure
    found = list(first.found)
    for name, table in e.tables.items():
        new = name
        k = len(d.tables) + 1
        while new in d.tables:
            new, k = f"table_{k:02d}", k + 1
        table.name = new
        table.sources = [f"{path.name}: {s}" for s in table.sources]
        d.tables[new] = table
        found += [(new, f"{path.name}: {where}") for n, where in later.found if n == name]
    for text in e.texts:
        d.texts.append(Text(seq=len(d.texts) + 1, title=text.title, markdown=text.markdown, located=text.located))
    d.intro = {**e.intro, **d.intro}
    d.not_imported += [f"{path.name}: {x}" for x in e.not_imported]
    d.not_published = [t for t in d.not_published if t in e.not_published]
    d.also.append(path.name)
    return Reading(d, found)


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
