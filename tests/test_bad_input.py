"""Bad input: one clear line naming the file (and row and field where known), exit code 1, no traceback,
and nothing already built is touched."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.errors import GeneratorError
from generator.load import load_packages
from tests.conftest import PACKAGE, copy_project

UNIT = Path("datapackages/2023/xinzhou-shebao")


def _descriptor(pkg: Path, change: Callable[[dict], None]) -> None:
    p = pkg / "datapackage.json"
    d = json.loads(p.read_text(encoding="utf-8"))
    change(d)
    p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")


def _path(value: str) -> Callable[[Path], None]:
    return lambda pkg: _descriptor(pkg, lambda d: d["resources"][2].__setitem__("path", value))


def _edit_csv(name: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def edit(pkg: Path) -> None:
        p = pkg / "data" / f"{name}.csv"
        p.write_bytes(change(p.read_bytes()))

    return edit


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "malformed csv": (
        _edit_csv("expenditure_summary", lambda b: b + b'"unclosed,1,2\n'),
        r"expenditure_summary\.csv:\d+: malformed CSV",
    ),
    "wrong type": (
        _edit_csv("performance_indicators", lambda b: b.replace(b"\n1,1,", b"\none,1,", 1)),
        r"performance_indicators:2 \[form\]: .*type",
    ),
    "not a number": (
        _edit_csv("expenditure_summary", lambda b: b.replace(b"480.72,480.72,", b"480.72,NaN,", 1)),
        r"expenditure_summary\.csv:5 \[basic\]: expected an amount in plain digits",
    ),
    "missing file": (
        lambda pkg: (pkg / "data" / "expenditure_summary.csv").unlink(),
        r"datapackage\.json: resource 'expenditure_summary': file data/expenditure_summary\.csv is missing",
    ),
    "extra column": (
        _edit_csv("expenditure_summary", lambda b: b.replace(b"project\n", b"project,extra\n", 1)),
        r"expenditure_summary\.csv:1: header does not match the schema: extra \['extra'\]",
    ),
    "missing column": (
        _edit_csv("expenditure_summary", lambda b: b.replace(b",project\n", b"\n", 1)),
        r"expenditure_summary\.csv:1: header does not match the schema: missing \['project'\]",
    ),
    "duplicate key": (
        _edit_csv("expenditure_summary", lambda b: b + b.splitlines(keepends=True)[2]),
        r"expenditure_summary:17: .*primary key",
    ),
    "parent path": (
        _path("../secret.csv"),
        r"datapackage\.json: resource 'expenditure_summary' has an unsafe path '\.\./secret\.csv'",
    ),
    "absolute path": (
        _path("/etc/data.csv"),
        r"datapackage\.json: resource 'expenditure_summary' has an unsafe path '/etc/data\.csv'",
    ),
    "remote path": (
        _path("http://example.org/x.csv"),
        r"datapackage\.json: resource 'expenditure_summary' points to a remote file",
    ),
    "gbk": (
        _edit_csv("expenditure_summary", lambda b: b.decode("utf-8").encode("gbk")),
        r"expenditure_summary\.csv: not UTF-8",
    ),
    "bom": (
        _edit_csv("expenditure_summary", lambda b: b"\xef\xbb\xbf" + b),
        r"expenditure_summary\.csv: file starts with a UTF-8 byte-order mark",
    ),
    "empty file": (_edit_csv("expenditure_summary", lambda b: b""), r"expenditure_summary\.csv: empty file"),
    "invalid json": (
        lambda pkg: (pkg / "datapackage.json").write_text('{"resources": [', encoding="utf-8"),
        r"datapackage\.json:1: invalid JSON",
    ),
    "range constraint of the wrong type": (
        lambda pkg: _descriptor(
            pkg, lambda d: d["resources"][2]["schema"]["fields"][3].__setitem__("constraints", {"minimum": "zero"})
        ),
        r"expenditure_summary \[total\]: constraint minimum 'zero' is not a value of type number",
    ),
    "other csv dialect": (
        lambda pkg: _descriptor(pkg, lambda d: d["resources"][2]["dialect"].__setitem__("delimiter", ";")),
        r"datapackage\.json: resource 'expenditure_summary' declares the CSV dialect .*\"delimiter\": \";\"",
    ),
    "no resources": (
        lambda pkg: _descriptor(pkg, lambda d: d.__setitem__("resources", [])),
        r"datapackage\.json: the package has no resources",
    ),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with a built site, copied per case so every case starts from the same published state."""
    from generator.build import build

    root = copy_project(tmp_path_factory.mktemp("published"))
    build(root)
    return root


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input(case: str, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import re

    root = tmp_path / "p"
    shutil.copytree(project, root, symlinks=True)
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    change, pattern = CASES[case]
    change(root / UNIT)
    assert main(["build", "--root", str(root)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    assert lines[-1].startswith("error: ") and "nothing was published" in lines[-1]
    # findings read "<file>:<row> [<field>]: error: <message>"
    assert any(re.search(pattern, line.replace(": error: ", ": ")) for line in lines), lines
    assert all(len(line) < 600 for line in lines)
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before


# ---------------------------------------------------------------------------------------------
# Random damage: the tool reports it or accepts it, and never raises anything but its own errors.

_FILES = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*") if p.is_file())
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def damage(draw: st.DrawFn) -> tuple[str, str, object]:
    target = draw(st.sampled_from(_FILES))
    kind = draw(
        st.sampled_from(
            ["insert", "delete", "replace", "json"] if target.endswith(".json") else ["insert", "delete", "replace"]
        )
    )
    if kind == "json":
        return target, kind, (draw(st.lists(st.integers(0, 50), min_size=1, max_size=4)), draw(_json))
    return (
        target,
        kind,
        (
            draw(st.integers(0, 10_000)),
            draw(st.integers(0, 40)),
            draw(
                st.binary(max_size=12)
                | st.text(max_size=6).map(str.encode)
                | st.sampled_from([b"NaN", b"inf", b"-", b"1e9", b",", b'"'])
            ),
        ),
    )


def _apply(pkg: Path, target: str, kind: str, arg: object) -> None:
    path = pkg / target
    data = path.read_bytes()
    if kind == "json":
        steps, value = arg  # type: ignore[misc]
        try:
            doc = json.loads(data)
        except ValueError:
            return  # an earlier damage already broke the JSON

        node = doc
        for step in steps[:-1]:
            children = list(node.values()) if isinstance(node, dict) else node if isinstance(node, list) else []
            if not children or not isinstance(children[step % len(children)], (dict, list)):
                break
            node = children[step % len(children)]
        if isinstance(node, dict) and node:
            node[sorted(node)[steps[-1] % len(node)]] = value
        elif isinstance(node, list) and node:
            node[steps[-1] % len(node)] = value
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return
    pos, length, payload = arg  # type: ignore[misc]
    pos %= len(data) + 1
    if kind == "insert":
        data = data[:pos] + payload + data[pos:]
    elif kind == "delete":
        data = data[:pos] + data[pos + length :]
    else:
        data = data[:pos] + payload + data[pos + len(payload) :]
    path.write_bytes(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damages=st.lists(damage(), min_size=1, max_size=3))
def test_random_damage_never_escapes(tmp_path: Path, damages: list) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    pkg = root / "2023" / "x"
    shutil.copytree(PACKAGE, pkg)
    for target, kind, arg in damages:
        _apply(pkg, target, kind, arg)
    try:
        load_packages(root)
    except GeneratorError:
        pass
    shutil.rmtree(root)
