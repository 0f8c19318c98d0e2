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


def _read_pdf(path: Path, progress: Progress | None, unit_name: str | None, year: int | None) -> Reading:
    from .pdf import read_pdf

    disclosure, report = read_pdf(path, progress=progress, unit_name=unit_name, year=year)
    return Reading(disclosure, report.found)


def _read_text(path: Path, progress: Progress | None, unit_name: str | None, year: int | None) -> Reading:
    from .text import read_text

    disclosure = read_text(path)
    if unit_name:
        disclosure.unit = unit_name
    found = [(t.name, f"line {t.located.split(':', 1)[-1]}") for t in disclosure.tables.values()]
    return Reading(disclosure, found)


Reader = Callable[[Path, "Progress | None", "str | None", "int | None"], Reading]
READERS: dict[str, Reader] = {".pdf": _read_pdf, ".txt": _read_text}
KINDS = "a PDF (.pdf) or extracted text (.txt, tab-separated cells)"


def read(
    path: Path, progress: Progress | None = None, unit_name: str | None = None, year: int | None = None
) -> Reading:
    """The disclosure in a document, read by the reader registered for its file type. `unit_name` names the unit
    whatever the document says; `year` is the budget year where the document prints none."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ImportFailed(f"expected {KINDS}", path)
    return reader(path, progress, unit_name, year)
