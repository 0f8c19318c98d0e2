"""Importing a folder of disclosures: each document its own package, side by side as tasks (generator/tasks.py).

The files of one disclosure printed as several (北京: 附件1 情况说明 and 附件2 报表, named …-fj1-… and …-fj2-…) are
recognised by their names and imported together, in the order of their attachment numbers. A unit's slug is the
file name up to its year (`beijing-shenjiju-2026-…` → beijing-shenjiju), unless `units.tsv` in the folder names it
(file name, slug and, optionally, the unit's name, tab-separated).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import GeneratorError, ImportFailed

if TYPE_CHECKING:
    from .settings import Settings
    from .tasks import Tasks

DOCUMENTS = (".pdf", ".txt")
UNITS_FILE = "units.tsv"
_PART = re.compile(r"^(?P<base>.+?)[-_ ]?(?:fj|附件)(?P<n>\d+)(?:[-_ ].*)?$", re.I)
_YEAR = re.compile(r"^(?P<slug>.+?)[-_](?P<year>(?:19|20)\d\d)(?:[-_]|$)")

IMPORTED, CHECK_ERRORS, REFUSED, FAILED = "imported", "errors", "refused", "failed"


@dataclass(frozen=True)
class Document:
    """One disclosure: its files (in reading order), the unit slug and, where given, the unit's name."""

    files: tuple[Path, ...]
    slug: str
    unit_name: str | None = None

    @property
    def name(self) -> str:
        return " + ".join(f.name for f in self.files)


@dataclass
class Outcome:
    """What importing one document gave, as one line: imported, imported with check errors, refused (a document
    the importer does not read, and why) or failed (another error), each naming the file."""

    document: str
    status: str
    line: str
    package: str = ""
    details: list[str] = field(default_factory=list)


def documents(folder: Path) -> tuple[list[Document], list[Outcome]]:
    """The disclosures in `folder`, and the files refused before reading (no slug in the name, a slug taken
    twice for the same year)."""
    named = _units_file(folder)
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENTS)
    groups: dict[str, list[tuple[int, Path]]] = {}
    for f in files:
        m = _PART.match(f.stem)
        key, n = (m.group("base"), int(m.group("n"))) if m else (f.stem, 0)
        groups.setdefault(key, []).append((n, f))
    docs: list[Document] = []
    refused: list[Outcome] = []
    seen: dict[tuple[str, str], str] = {}
    from .package import SLUG_RULE, is_slug

    for key, parts in sorted(groups.items()):
        paths = tuple(p for _, p in sorted(parts))
        given = next((named[p.name] for p in paths if p.name in named), None)
        m = _YEAR.match(key)
        slug = given[0] if given else (m.group("slug") if m else key).lower()
        doc = Document(paths, slug, given[1] if given else None)
        if not is_slug(slug):
            why = f"no unit slug in its name ({slug!r} is not {SLUG_RULE}): rename it or name it in {UNITS_FILE}"
            refused.append(Outcome(doc.name, REFUSED, f"{paths[0]}: {why}"))
            continue
        year = m.group("year") if m else ""
        if (slug, year) in seen:
            why = f"the unit slug {slug!r} is also {seen[slug, year]}'s: name one of them in {UNITS_FILE}"
            refused.append(Outcome(doc.name, REFUSED, f"{paths[0]}: {why}"))
            continue
        seen[slug, year] = doc.name
        docs.append(doc)
    return docs, refused


def _units_file(folder: Path) -> dict[str, tuple[str, str | None]]:
    path = folder / UNITS_FILE
    if not path.is_file():
        return {}
    out: dict[str, tuple[str, str | None]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2:
            raise GeneratorError("expected: file name, tab, unit slug (tab, unit name)", path, row=n)
        out[cells[0].strip()] = (cells[1].strip(), cells[2].strip() if len(cells) > 2 and cells[2].strip() else None)
    return out


@dataclass(frozen=True)
class Job:
    document: Document
    out: Path
    year: int | None
    force: bool
    settings: Settings | None = None  # the run's, which travel with the task


def import_document(job: Job) -> Outcome:
    """One document as a task: its package written (atomically) and checked, or the one-line reason it was not."""
    from .ingest import ingest

    doc = job.document
    try:
        result = ingest(
            list(doc.files),
            doc.slug,
            job.out,
            year=job.year,
            force=job.force,
            unit_name=doc.unit_name,
            settings=job.settings,
        )
    except ImportFailed as exc:
        return Outcome(doc.name, REFUSED, str(exc))
    except GeneratorError as exc:
        return Outcome(doc.name, FAILED, str(exc))
    except Exception as exc:  # a reader's bug: one line naming the file, and the other documents go on
        return Outcome(doc.name, FAILED, f"{doc.files[0]}: internal error: {type(exc).__name__}: {exc}")
    d = result.disclosure
    what = f"{d.unit}, {d.year}, {len(d.tables)} tables, {result.rows} rows"
    problems = [f.line() for f in result.findings] + [f.line() for f in result.reported() if f.severity == "error"]
    status = IMPORTED if result.ok else CHECK_ERRORS
    line = f"{doc.files[0]} → {result.package_dir}: {what}"
    if not result.ok:
        line += f"; {len(problems)} error(s), the first: {problems[0] if problems else 'see budgetsite check'}"
    return Outcome(doc.name, status, line, str(result.package_dir), problems)


def import_folder(
    folder: Path,
    out: Path,
    tasks: Tasks | None = None,
    year: int | None = None,
    force: bool = False,
    each: Callable[[Outcome, int, int], None] = lambda outcome, done, total: None,
    settings: Settings | None = None,
) -> list[Outcome]:
    """Every document of `folder` imported into `out`: each a task on `tasks` (or here, one after another);
    `each` is told of each outcome as it comes. The outcomes, in the order of the documents' names. `settings`:
    the command line's (without them, `ingest` reads those of the project `out` is in)."""
    docs, outcomes = documents(folder)
    total = len(docs) + len(outcomes)
    for n, o in enumerate(outcomes, start=1):
        each(o, n, total)
    jobs = [Job(d, out, year, force, settings) for d in docs]
    stream: Iterator[tuple[int, Any, BaseException | None]]
    if tasks is None:
        stream = ((i, import_document(job), None) for i, job in enumerate(jobs))
    else:
        stream = tasks.as_completed(import_document, jobs)
    results: dict[int, Outcome] = {}
    for i, outcome, error in stream:
        if error is not None:  # the task itself was lost (a worker died): said in one line, with the file
            doc = jobs[i].document
            outcome = Outcome(doc.name, FAILED, f"{doc.files[0]}: the task failed: {type(error).__name__}: {error}")
        results[i] = outcome
        each(outcome, len(outcomes) + len(results), total)
    return sorted(outcomes + list(results.values()), key=lambda o: o.document)
