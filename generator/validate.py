"""Frictionless validation of a package on disk → Findings."""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

from .findings import ERROR, Finding
from .package import DESCRIPTOR


def _memoize_name_conversion() -> None:
    """Frictionless converts the same few dozen property names (primaryKey → primary_key) tens of thousands of
    times per package, a sixth of its validation time. The conversion is a pure function of the name, so it is
    memoized; what Frictionless checks and reports is unchanged."""
    from frictionless.vendors import stringcase

    if not hasattr(stringcase.snakecase, "cache_info"):
        stringcase.snakecase = lru_cache(maxsize=4096)(stringcase.snakecase)
        stringcase.camelcase = lru_cache(maxsize=4096)(stringcase.camelcase)


def validate_package(pkg_dir: Path) -> list[Finding]:
    """Schema, types, constraints and keys of every table, as frictionless sees them."""
    import frictionless

    _memoize_name_conversion()

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
