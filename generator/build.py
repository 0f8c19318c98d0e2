"""The pipeline, top to bottom: read → validate → render → MkDocs build → swap into place."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .checks import Result, run_checks
from .errors import BuildError, GeneratorError, ValidationFailed
from .findings import ERROR, Finding
from .package import Package, find_packages, pack_checks, read_package
from .render import GLOSSARY_DIR, HISTORY_DIR, Site, render_site
from .validate import validate_package

GENERATED_CONFIG = "mkdocs.gen.yml"
SEARCH_TERMS_FILE = "search_terms.txt"  # named by search.jieba_dict_user in mkdocs.yml
VENDOR_JS = "assets/vendor/vega-bundle.js"


@dataclass
class BuildResult:
    packages: list[Package]
    pages: int
    files: int
    site_dir: Path


def result_finding(pkg: Package, r: Result) -> Finding:
    return Finding(r.check, r.severity, str(pkg.path), r.resource, r.row, r.field, r.explanation)


def load_packages(data_dir: Path, cache: Path | None = None) -> list[Package]:
    """Read, validate and check every package; report every error at once (warnings are kept on the package).
    With `cache`, packages that passed before with the same bytes and the same checking code are not run again."""
    dirs = find_packages(data_dir)
    if not dirs:
        raise BuildError("no data packages found (expected <year>/<unit>/datapackage.json)", data_dir)
    packages: list[Package] = []
    findings: list[Finding] = []
    read: dict[Path, Package] = {}

    def read_all() -> None:
        for d in dirs:
            try:
                read[d] = read_package(d)
            except GeneratorError as exc:
                findings.append(
                    Finding("package-error", ERROR, exc.path or str(d), None, exc.row, exc.field, exc.message)
                )  # exc names file, row, field

    # the workers start before this process reads anything: forked from a small heap, they run faster, and the
    # reading here overlaps their work; what a package that cannot be read gets from them is not used
    results = dict(zip(dirs, _validate_all(dirs, cache, meanwhile=read_all), strict=True))
    for d, pkg in read.items():
        report, check_errors, packed = results[d]
        errors = [f for f in report if f.severity == ERROR]
        findings.extend(errors)
        if errors:
            continue  # the fiscal checks need well-typed amounts
        pkg.checks_blob = packed
        findings.extend(result_finding(pkg, r) for r in check_errors)
        packages.append(pkg)
    if findings:
        raise ValidationFailed(f"{len(findings)} error(s) in the data packages; nothing was published", findings)
    return packages


def validate_and_check(pkg_dir: Path) -> tuple[list[Finding], list[Result], bytes]:
    """Frictionless validation, then (for a valid package) the fiscal checks: their errors, and all of them packed.
    A package that cannot be read gets no checks here; reading it reports why."""
    report = validate_package(pkg_dir)
    if any(f.severity == ERROR for f in report):
        return report, [], b""
    try:
        package = read_package(pkg_dir)
    except GeneratorError:
        return report, [], b""
    results = run_checks(package)
    return report, [r for r in results if r.severity == ERROR], pack_checks(results)


CACHE_DIR = ".budgetsite-cache/checks"
_CODE = (
    "catalogue.py",
    "checks.py",
    "findings.py",
    "frictionless_fast.py",
    "model.py",
    "narrative.py",
    "package.py",
    "validate.py",
)


def _code_stamp() -> bytes:
    """What the results depend on besides the package: the checking code and the Frictionless version."""
    import frictionless

    h = hashlib.sha256(frictionless.__version__.encode())
    for name in _CODE:
        h.update((Path(__file__).parent / name).read_bytes())
    return h.digest()


def _cache_key(stamp: bytes, pkg_dir: Path) -> str:
    h = hashlib.sha256(stamp)
    for p in sorted(pkg_dir.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(pkg_dir).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _validate_all(
    dirs: list[Path], cache: Path | None = None, meanwhile: Callable[[], None] = lambda: None
) -> list[tuple[list[Finding], list[Result], bytes]]:
    """Validation and checks of many packages, on two processes; `meanwhile` runs here while they work.

    A package that passed is remembered by the SHA-256 of its files and of the checking code, so publishing a new
    year does not validate every earlier year again: a changed byte, a new checking rule or another Frictionless
    version means a fresh run. Only clean results are kept; a package with any finding is always run again."""
    results: dict[Path, tuple[list[Finding], list[Result], bytes]] = {}
    keys: dict[Path, str] = {}
    if cache is not None:
        stamp = _code_stamp()
        for d in dirs:
            try:
                keys[d] = _cache_key(stamp, d)
                results[d] = pickle.loads((cache / keys[d]).read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
                pass  # not there (or unreadable): run it
    todo = [d for d in dirs if d not in results]
    if len(todo) < 8 or (os.cpu_count() or 1) < 2:
        meanwhile()
        fresh = [validate_and_check(d) for d in todo]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from .frictionless_fast import install

        install()  # Frictionless imported once, here, for both workers to inherit
        with inherited_heap_frozen(), ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
            pending = pool.map(validate_and_check, todo, chunksize=8)
            meanwhile()
            fresh = list(pending)
    for d, result in zip(todo, fresh, strict=True):
        results[d] = result
        if cache is not None and d in keys and not result[0] and not result[1] and result[2]:
            _remember(cache, keys[d], result)
    return [results[d] for d in dirs]


@contextmanager
def inherited_heap_frozen() -> Iterator[None]:
    """Around forking workers: the objects that exist now are left out of garbage collection (gc.freeze), so a
    worker's collections do not walk, and copy page by page, the whole heap it inherited (every package read so
    far). They are handed back to the collector afterwards."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _remember(cache: Path, key: str, result: tuple) -> None:
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f".{key}.{os.getpid()}.tmp"
        tmp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, cache / key)
    except OSError:
        pass  # a read-only checkout still builds; it only validates everything each time


def _owned(docs: Path) -> list[Path]:
    """Generated paths under docs/: the home page, the glossary and one folder per year."""
    out = [docs / "index.md", docs / GLOSSARY_DIR, docs / HISTORY_DIR]
    out += [p for p in docs.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)] if docs.is_dir() else []
    return out


def write_docs(site: Site, docs: Path) -> None:
    """Replace the generated part of docs/ by the rendered files."""
    for p in _owned(docs):
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()
    writer = Site(out=docs)
    for rel_path, content in sorted(site.files.items()):
        writer.data(rel_path, content)


def write_vega_bundle(docs: Path) -> None:
    """Vega, Vega-Lite and vega-embed as one local script, matching Altair's Vega-Lite version."""
    import altair as alt
    import vl_convert as vlc

    target = docs / VENDOR_JS
    version = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]
    stamp = f"/* vega bundle: vega-lite {version}, vl-convert {vlc.__version__} */\n"
    if target.is_file() and target.read_text(encoding="utf-8").startswith(stamp):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(stamp + vlc.javascript_bundle(vl_version=version), encoding="utf-8")


def search_terms(packages: list[Package]) -> list[str]:
    """Budget vocabulary plus the short names in the data (projects, classes, glossary terms)."""
    from . import catalogue as cat

    terms = set(cat.SEARCH_TERMS)
    for pkg in packages:
        for name, column in (
            ("projects_current", "project_name"),
            ("projects_carryover", "project_name"),
            ("glossary", "term"),
            ("income_summary", "name"),
            ("expenditure_summary", "name"),
            ("general_public_basic_economic", "dept_economic_name"),
        ):
            res = pkg.table(name)
            for r in res.rows if res else []:
                value = re.sub(r"[“”\"\s]", "", str(r.get(column) or ""))
                # long names stay split, so a word inside them (取暖费 in a 24-character project) is still found
                if 2 < len(value) <= 12 and re.fullmatch(r"[\u4e00-\u9fff]+", value):
                    terms.add(value)
    return sorted(terms)


def write_search_terms(root: Path, packages: list[Package]) -> None:
    lines = [f"{t} 100000\n" for t in search_terms(packages)]
    (root / SEARCH_TERMS_FILE).write_text("".join(lines), encoding="utf-8")


def config_text(settings: dict) -> str:
    """A generated MkDocs config, written as JSON (which is also YAML): a year with thousands of navigation entries
    is written in milliseconds, where a YAML emitter takes a large share of the page rendering time."""
    head = "# Generated by budgetsite: mkdocs.yml plus the navigation of the generated pages. JSON is valid YAML.\n"
    return head + json.dumps(settings, ensure_ascii=False, indent=1) + "\n"


def write_config(root: Path, nav: list) -> Path:
    """A config that inherits mkdocs.yml and adds the navigation of the generated pages."""
    path = root / GENERATED_CONFIG
    path.write_text(config_text({"INHERIT": "mkdocs.yml", "nav": nav}), encoding="utf-8")
    return path


def mkdocs_build(root: Path, config: Path, site_dir: Path) -> None:
    """Strict MkDocs build into a fresh directory, then swap it in; the old site survives a failure."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(staging)]
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        lines = [ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
        detail = next((ln for ln in lines if "WARNING" in ln or "ERROR" in ln), lines[-1] if lines else "no output")
        raise BuildError(f"mkdocs build failed: {detail.strip()}", config)
    swap_into(staging, site_dir)


def swap_into(staging: Path, target: Path) -> None:
    """Replace target by the finished staging directory with two renames, so readers never see half of either."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def build(root: Path, data_dir: Path | None = None, site_dir: Path | None = None) -> BuildResult:
    root = root.resolve()
    data_dir = data_dir or root / "datapackages"
    site_dir = site_dir or root / "site"
    docs = root / "docs"

    packages = load_packages(data_dir, root / CACHE_DIR)
    site = render_site(packages)
    write_docs(site, docs)
    write_vega_bundle(docs)
    write_search_terms(root, packages)
    config = write_config(root, site.nav)
    mkdocs_build(root, config, site_dir)
    pages = sum(1 for p in site.files if p.endswith(".md")) + 1  # + about.md
    return BuildResult(packages, pages, len(site.files), site_dir)
