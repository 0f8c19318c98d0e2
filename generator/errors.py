"""One small hierarchy of domain errors. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations

from pathlib import Path


class GeneratorError(Exception):
    """Base class: a problem the user can fix, reported as one line."""

    def __init__(self, message: str, path: Path | str | None = None, row: int | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.row = row
        self.field = field

    def __reduce__(self):  # keeps path, row and field when the error comes back from a worker process
        return (self.__class__, (self.message, self.path, self.row, self.field))

    def __str__(self) -> str:
        where = self.path or ""
        if self.row is not None:
            where += f":{self.row}"
        if self.field:
            where += f" [{self.field}]"
        return f"{where}: {self.message}" if where else self.message


class ImportFailed(GeneratorError):
    """A source document could not be read into a data package."""


class PackageError(GeneratorError):
    """A data package on disk is malformed (JSON, paths, files, encodings)."""


class ValidationFailed(GeneratorError):
    """Validation found errors; `findings` holds them all."""

    def __init__(self, message: str, findings: list, path: Path | str | None = None):
        super().__init__(message, path)
        self.findings = findings

    def __reduce__(self):
        return (self.__class__, (self.message, self.findings, self.path))


class BuildError(GeneratorError):
    """The site could not be built."""
