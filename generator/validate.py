"""Frictionless validation of a package on disk → Findings."""

from __future__ import annotations

import warnings
from pathlib import Path

from .findings import ERROR, Finding
from .package import DESCRIPTOR


def validate_package(pkg_dir: Path) -> list[Finding]:
    """Schema, types, constraints and keys of every table, as frictionless sees them."""
    import frictionless

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = frictionless.validate(str(pkg_dir / DESCRIPTOR))
    findings: list[Finding] = []
    for err in report.errors:
        findings.append(Finding(err.type, ERROR, str(pkg_dir), None, None, None, err.message))
    for task in report.tasks:
        for err in task.errors:
            findings.append(
                Finding(
                    err.type,
                    ERROR,
                    str(pkg_dir),
                    task.name,
                    getattr(err, "row_number", None),
                    getattr(err, "field_name", None),
                    err.message,
                )
            )
    return findings
