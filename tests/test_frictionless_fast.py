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


PLAIN_CELLS = """
import json, sys, warnings
import frictionless
warnings.simplefilter("ignore")
out = []
for base, name in json.loads(sys.argv[1]):
    package = frictionless.Package(base + "/datapackage.json")
    out.append(package.get_resource(name).read_cells())
print(json.dumps(out, ensure_ascii=False))
"""

TRICKY_CSV = 'name,note\n"a, b","say ""hi"""\n"two\nlines",  spaced\nplain,\n'


def test_csv_tables_are_read_as_plain_frictionless_reads_them(tmp_path: Path) -> None:
    """With the dialect declared nothing is sniffed, and every cell comes out as plain Frictionless reads it:
    every table of the bundled packages, and a table with quoted commas, doubled quotes and a line break."""
    import frictionless
    from frictionless.formats.csv.parser import CsvParser

    from generator.package import CSV_DIALECT

    tricky = tmp_path / "tricky"
    (tricky / "data").mkdir(parents=True)
    (tricky / "data" / "t.csv").write_text(TRICKY_CSV, encoding="utf-8")
    fields = [{"name": "name", "type": "string"}, {"name": "note", "type": "string"}]
    resource = {"name": "t", "path": "data/t.csv", "dialect": CSV_DIALECT, "schema": {"fields": fields}}
    (tricky / "datapackage.json").write_text(json.dumps({"name": "t", "resources": [resource]}), encoding="utf-8")
    wanted = [(str(tricky), "t")]
    for descriptor in sorted((ROOT / "datapackages").glob("*/*/datapackage.json")):
        for r in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]:
            if r.get("type") == "table":
                assert r["dialect"] == CSV_DIALECT, (descriptor, r["name"])
                wanted.append((str(descriptor.parent), r["name"]))
    proc = subprocess.run(
        [sys.executable, "-c", PLAIN_CELLS, json.dumps(wanted)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    expected = json.loads(proc.stdout)
    install()
    assert CsvParser.read_cell_stream_create.__name__ == "_read_cell_stream_create", "the shim is in place"
    got = [frictionless.Package(f"{base}/datapackage.json").get_resource(name).read_cells() for base, name in wanted]
    assert got == expected
    assert expected[0] == [["name", "note"], ["a, b", 'say "hi"'], ["two\nlines", "  spaced"], ["plain", ""]]
    assert len(wanted) > 60


def test_json_copy_is_a_deep_copy() -> None:
    import copy
    from collections import OrderedDict
    from decimal import Decimal

    from generator.frictionless_fast import _copy_json

    value = {"a": [1, 2.5, None, True, {"b": ["c", {"d": []}]}], "e": "f", "g": OrderedDict(h=[1]), "i": Decimal(1)}
    copied = _copy_json(value)
    assert copied == copy.deepcopy(value) == value
    copied["a"][4]["b"][1]["d"].append(1)
    copied["g"]["h"].append(2)
    assert value["a"][4]["b"][1]["d"] == [] and value["g"]["h"] == [1]
    assert type(copied["g"]) is OrderedDict


def test_field_class_per_type_follows_the_plugins() -> None:
    import frictionless
    from frictionless import Plugin, system
    from frictionless.exception import FrictionlessException
    from frictionless.fields import NumberField

    from generator import frictionless_fast

    install()
    for kind in ("string", "number", "integer", "date", "boolean", "any", "array", "object", "year"):
        assert system.select_field_class(kind) is frictionless_fast._original_select_field_class(system, kind)
    assert system.select_field_class(None) is frictionless.Field
    with pytest.raises(FrictionlessException):
        system.select_field_class("amount")

    class Amount(Plugin):
        def select_field_class(self, type):  # noqa: A002 - Frictionless's signature
            return NumberField if type == "amount" else None

    system.register("amount-test", Amount())
    try:
        assert system.select_field_class("amount") is NumberField
    finally:
        system.deregister("amount-test")
    with pytest.raises(FrictionlessException):
        system.select_field_class("amount")
