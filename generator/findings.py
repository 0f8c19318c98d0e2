"""Findings are data: checks return them, the CLI and the pages present them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    package: str
    resource: str | None
    row: int | None
    field: str | None
    message: str

    def line(self) -> str:
        where = self.package
        if self.resource:
            where += f"/{self.resource}"
        if self.row is not None:
            where += f":{self.row}"
        if self.field:
            where += f" [{self.field}]"
        return f"{where}: {self.severity}: {self.message} ({self.code})"

    def key(self) -> tuple:
        return (self.code, self.severity, self.resource, self.row, self.field)


def from_result(package: str, result: Any) -> Finding:
    """A check result (checks.Result) as a finding of the package it is about."""
    return Finding(
        result.check, result.severity, package, result.resource, result.row, result.field, result.explanation
    )
