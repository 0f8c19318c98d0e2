"""Readers of disclosure documents, registered by file type. Each returns the same shape: the disclosure and where
each table it found was printed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ImportFailed
from ..model import Disclosure

Progress = Callable[[int, int], None]


@dataclass
class Reading:
    """What a reader found: the disclosure, and for each table found, where it was printed (pages or lines)."""

    disclosure: Disclosure
    found: list[tuple[str, str]] = field(default_factory=list)


def _read_pdf(
    path: Path,
    progress: Progress | None,
    unit_name: str | None,
    year: int | None,
    alone: bool = True,
    workers: int | None = None,
) -> Reading:
    from .pdf import read_pdf

    disclosure, report = read_pdf(path, progress, unit_name, year, alone, workers)
    return Reading(disclosure, report.found)


def _read_text(
    path: Path,
    progress: Progress | None,
    unit_name: str | None,
    year: int | None,
    alone: bool = True,
    workers: int | None = None,
) -> Reading:
    from .text import read_text

    disclosure = read_text(path)
    if unit_name:
        disclosure.unit = unit_name
    found = [(t.name, f"line {t.located.split(':', 1)[-1]}") for t in disclosure.tables.values()]
    return Reading(disclosure, found)


Reader = Callable[[Path, "Progress | None", "str | None", "int | None", bool, "int | None"], Reading]
READERS: dict[str, Reader] = {".pdf": _read_pdf, ".txt": _read_text}
KINDS = "a PDF (.pdf) or extracted text (.txt, tab-separated cells)"


def check_readable(path: Path) -> None:
    """Refuse, in words, a path that names no file, a file that cannot be opened or holds nothing, or one of a
    type no reader reads; before any reading is done."""
    if not path.exists():
        raise ImportFailed("no such file; check the path", path)
    if path.is_dir():
        raise ImportFailed(f"a directory, not a document; give {KINDS}", path)
    if path.suffix.lower() not in READERS:
        raise ImportFailed(f"expected {KINDS}", path)
    try:
        with path.open("rb") as f:
            empty = not f.read(1)
    except OSError as exc:
        raise ImportFailed(f"the file cannot be opened ({exc.strerror or 'no access'})", path) from exc
    if empty:
        raise ImportFailed("the file is empty (0 bytes); download the document again", path)


def read(
    path: Path,
    progress: Progress | None = None,
    unit_name: str | None = None,
    year: int | None = None,
    alone: bool = True,
    workers: int | None = None,
) -> Reading:
    """The disclosure in a document, read by the reader registered for its file type. `unit_name` names the unit
    whatever the document says; `year` is the budget year where the document prints none; `alone` is False for a
    file read as one of several files of a disclosure (北京: explanations, then tables); `workers`: the processes
    a reader may fork (None: one a core, at most two)."""
    check_readable(path)
    return READERS[path.suffix.lower()](path, progress, unit_name, year, alone, workers)
