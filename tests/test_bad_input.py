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
from tests.conftest import PACKAGE

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


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input(case: str, built_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each case starts from a copy of the same project with a built site."""
    import re

    root = tmp_path / "p"
    shutil.copytree(built_project, root, symlinks=True)
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


# ---------------------------------------------------------------------------------------------
# `budgetsite import`: a bad unit slug or a bad document is refused in one line, before any work, and nothing is
# written.

WANLI = Path(__file__).resolve().parent.parent / "sources" / "pdf" / "shanghai-putuo-wanli-2024-dept-budget.pdf"
KINDS = "a PDF (.pdf) or extracted text (.txt, tab-separated cells)"
SLUG_RULE = "lower-case letters, digits and hyphens, starting with a letter or a digit (e.g. xinzhou-shebao)"


@pytest.mark.parametrize("slug", ["../evil", "Bad_Slug", "", "a/b", "-x", "x\n", "单位"])
def test_a_bad_unit_slug_is_refused_before_the_document_is_read(
    slug: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exit_:
        main(["import", str(tmp_path / "not-there.pdf"), f"--unit={slug}", "--out", str(out)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"budgetsite import: error: argument --unit: {slug!r} is not a unit slug: use {SLUG_RULE}"
    assert not out.exists()


def test_ingest_refuses_a_bad_unit_slug_before_reading(tmp_path: Path) -> None:
    from generator.ingest import ingest

    with pytest.raises(GeneratorError) as exc:
        ingest(WANLI, "../evil", tmp_path / "out")
    assert str(exc.value) == f"the unit slug '../evil' is not {SLUG_RULE}; nothing was read"
    assert not (tmp_path / "out").exists()


def _pdf_prefix(n: int) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        (tmp / "cut.pdf").write_bytes(WANLI.read_bytes()[:n])
        return tmp / "cut.pdf"

    return make


def _overwritten(tmp: Path) -> Path:
    data = bytearray(WANLI.read_bytes())
    data[len(data) // 3 : len(data) // 2] = b"A" * (len(data) // 2 - len(data) // 3)
    (tmp / "overwritten.pdf").write_bytes(bytes(data))
    return tmp / "overwritten.pdf"


def _file(name: str, content: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        (tmp / name).write_bytes(content)
        return tmp / name

    return make


def _locked_pdf(tmp: Path) -> Path:
    """A one-page PDF under the standard security handler (RC4, 40 bits) with a user password."""
    import hashlib

    def rc4(key: bytes, data: bytes) -> bytes:
        s, j = list(range(256)), 0
        for i in range(256):
            j = (j + s[i] + key[i % len(key)]) % 256
            s[i], s[j] = s[j], s[i]
        out, i, j = bytearray(), 0, 0
        for byte in data:
            i = (i + 1) % 256
            j = (j + s[i]) % 256
            s[i], s[j] = s[j], s[i]
            out.append(byte ^ s[(s[i] + s[j]) % 256])
        return bytes(out)

    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    owner = rc4(hashlib.md5(b"owner" + pad[:27]).digest()[:5], b"secret" + pad[:26])
    file_id, p = b"0123456789abcdef", -44
    key = hashlib.md5(b"secret" + pad[:26] + owner + p.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    user = rc4(key, pad)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (owner.hex().encode(), user.hex().encode(), p),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
        xref,
    )
    (tmp / "locked.pdf").write_bytes(bytes(out))
    return tmp / "locked.pdf"


BAD_DOCUMENTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "no such file": (lambda tmp: tmp / "missing.pdf", "no such file; check the path"),
    "no such file of another type": (lambda tmp: tmp / "missing.docx", "no such file; check the path"),
    "a folder with no document": (
        lambda tmp: tmp,
        f"a folder with no document in it; give {KINDS}, or a folder of them",
    ),
    "another type": (_file("budget.docx", b"PK\x03\x04"), f"expected {KINDS}"),
    "empty": (_file("empty.pdf", b""), "the file is empty (0 bytes); download the document again"),
    "empty text": (_file("empty.txt", b""), "the file is empty (0 bytes); download the document again"),
    "text named .pdf": (
        _file("notes.pdf", "这不是PDF".encode()),
        "not a PDF: it holds plain text (extracted text is read from a file named .txt)",
    ),
    "web page named .pdf": (
        _file("page.pdf", b"<!DOCTYPE html>\n<html><body>404</body></html>"),
        "not a PDF: it is a web page (HTML), perhaps an error page saved in place of the document",
    ),
    "office file named .pdf": (
        _file("budget.pdf", b"PK\x03\x04" + bytes(100)),
        "not a PDF: it is a ZIP archive (a .docx or .xlsx file?); save the document as PDF",
    ),
    "image named .pdf": (
        _file("scan.pdf", b"\x89PNG\r\n\x1a\n" + bytes(100)),
        "not a PDF: it is an image; a budget is read from a PDF with a text layer",
    ),
    "cut short": (_pdf_prefix(20_000), "a damaged PDF that cannot be opened (cut short?); download it again"),
    "cut short near its end": (
        _pdf_prefix(WANLI.stat().st_size * 9 // 10),
        "a damaged PDF that cannot be opened (cut short?); download it again",
    ),
    "damaged inside": (_overwritten, "a damaged PDF: page 33 cannot be read; download the document again"),
    "password": (_locked_pdf, "the PDF is protected by a password; save a copy without one"),
}


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
def test_a_bad_document_is_refused_in_one_line(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, message = BAD_DOCUMENTS[case]
    (tmp_path / "in").mkdir()
    source = make(tmp_path / "in")
    out = tmp_path / "out"
    unit = [] if source.is_dir() else ["--unit", "x"]  # a folder's units are named by its files
    assert main(["import", str(source), *unit, "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [f"error: {source}: {message}"]
    assert captured.out == ""
    assert not out.exists()


def test_every_file_is_checked_before_the_first_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "tables.pdf"
    assert main(["import", str(WANLI), str(missing), "--unit", "x", "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [f"error: {missing}: no such file; check the path"]
    assert not (tmp_path / "out").exists()
