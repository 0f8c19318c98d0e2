"""The faster Frictionless paths give the same answers as Frictionless itself."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.frictionless_fast import _has_defined, install
from generator.validate import validate_package
from tests.conftest import PACKAGE, ROOT

PLAIN_FRICTIONLESS = """
import json, sys, warnings
import frictionless
out = []
for path in sys.argv[1:]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = frictionless.validate(path + "/datapackage.json")
    errors = [[e.type, None, None, None, e.message] for e in report.errors]
    for task in report.tasks:
        errors += [[e.type, task.name, getattr(e, "row_number", None), getattr(e, "field_name", None), e.message]
                   for e in task.errors]
    out.append(errors)
print(json.dumps(out, ensure_ascii=False))
"""


def _field(resource: int, field: int, change: Callable[[dict], None]) -> Callable[[dict], None]:
    return lambda d: change(d["resources"][resource]["schema"]["fields"][field])


DESCRIPTOR_CASES: dict[str, Callable[[dict], None]] = {
    "valid": lambda d: None,
    "unknown field type": _field(2, 3, lambda f: f.__setitem__("type", "amount")),
    "constraint the type does not support": _field(2, 1, lambda f: f.__setitem__("constraints", {"minimum": 0})),
    "pattern on a number": _field(2, 3, lambda f: f.__setitem__("constraints", {"pattern": "^1$"})),
    "field without a name": _field(2, 2, lambda f: f.pop("name")),
    "duplicate field names": _field(2, 2, lambda f: f.__setitem__("name", "code")),
    "primary key not a field": lambda d: d["resources"][2]["schema"].__setitem__("primaryKey", ["nowhere"]),
    "resource name with spaces": lambda d: d["resources"][4].__setitem__("name", "two words"),
    "package name not a string": lambda d: d.__setitem__("name", 2023),
    "missing values not a list": lambda d: d["resources"][2]["schema"].__setitem__("missingValues", "-"),
}


def test_has_defined_answers_as_list_defined() -> None:
    """For every object of the seed package (package, resources, dialects, schemas, fields) and every name."""
    import frictionless

    package = frictionless.Package(str(PACKAGE / "datapackage.json"))
    objects: list = [package]
    for resource in package.resources:
        objects += [resource, resource.dialect]
        if getattr(resource, "schema", None) is not None:
            objects += [resource.schema, *resource.schema.fields]
    names = {"nothing_like_this"}
    for obj in objects:
        names |= set(obj.metadata_defaults) | set(obj.metadata_assigned)
    compared = 0
    for obj in objects:
        defined = obj.list_defined()
        for name in sorted(names):
            assert _has_defined(obj, name) == (name in defined), (type(obj).__name__, name)
            compared += 1
    assert len(objects) > 200 and compared > 5_000


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("descriptors")
    out = {}
    for name, change in DESCRIPTOR_CASES.items():
        pkg = base / name.replace(" ", "-")
        shutil.copytree(PACKAGE, pkg)
        d = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
        change(d)
        (pkg / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        out[name] = pkg
    return out


def test_same_findings_as_plain_frictionless(cases: dict[str, Path]) -> None:
    """Every case is validated by Frictionless untouched (a fresh interpreter) and by `validate_package`, twice and
    after the valid package, so a remembered pass can never hide an error that plain Frictionless reports."""
    paths = list(cases.values())
    proc = subprocess.run(
        [sys.executable, "-c", PLAIN_FRICTIONLESS, *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    expected = dict(zip(cases, json.loads(proc.stdout), strict=True))
    assert expected["valid"] == []
    assert all(expected[name] for name in cases if name != "valid"), "every broken descriptor is reported"
    install()
    for _ in range(2):
        for name, pkg in cases.items():
            got = [[f.code, f.resource, f.row, f.field, f.message] for f in validate_package(pkg)]
            assert got == expected[name], name


def test_a_failure_inside_frictionless_becomes_a_finding() -> None:
    """No table of the seed package raises on its own, so the failure is reported for the package, with its cause."""
    from generator.validate import _explain_failure

    findings = _explain_failure(PACKAGE, RuntimeError("boom"))
    assert [(f.code, f.resource, f.message) for f in findings] == [
        ("validation-failed", None, "Frictionless failed (RuntimeError: boom)")
    ]
