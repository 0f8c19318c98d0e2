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
        try:
            report = frictionless.validate(str(pkg_dir / DESCRIPTOR))
        except Exception as exc:  # Frictionless itself failed: say where, never a traceback
            return _explain_failure(pkg_dir, exc)
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


RANGE_CONSTRAINTS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _explain_failure(pkg_dir: Path, exc: Exception) -> list[Finding]:
    """Frictionless raised instead of reporting. Its usual cause is a range constraint its field type cannot read
    (`"minimum": "zero"` on a number), which it accepts in the descriptor and then compares with every cell: those
    are named by table and field. Otherwise the table whose validation raises is named, with the exception."""
    try:
        return _locate_failure(pkg_dir, exc)
    except Exception:  # the package is too broken to say more
        return [_failed(pkg_dir, None, exc)]


def _locate_failure(pkg_dir: Path, exc: Exception) -> list[Finding]:
    import frictionless

    package = frictionless.Package(str(pkg_dir / DESCRIPTOR))
    findings: list[Finding] = []
    for resource in package.resources:
        schema = getattr(resource, "schema", None)
        for field in getattr(schema, "fields", None) or []:
            read = field.create_value_reader()
            for name in RANGE_CONSTRAINTS:
                value = field.constraints.get(name)
                if name in field.constraints and read(value) is None:
                    findings.append(
                        Finding(
                            "constraint-error",
                            ERROR,
                            str(pkg_dir),
                            resource.name,
                            None,
                            field.name,
                            f"constraint {name} {value!r} is not a value of type {field.type}",
                        )
                    )
    if findings:
        return findings
    for resource in package.resources:
        try:
            resource.validate()
        except Exception as failure:
            findings.append(_failed(pkg_dir, resource.name, failure))
    return findings or [_failed(pkg_dir, None, exc)]


def _failed(pkg_dir: Path, resource: str | None, exc: Exception) -> Finding:
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    return Finding("validation-failed", ERROR, str(pkg_dir), resource, None, None, f"Frictionless failed ({detail})")
