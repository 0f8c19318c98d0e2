"""Read, validate and check packages: every error of every package reported at once. Clean results are remembered
by the SHA-256 of the package's files, of the generator's code and of the Frictionless version."""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .checks import Result, run_checks
from .errors import BuildError, GeneratorError, ValidationFailed
from .findings import ERROR, Finding, from_result
from .package import Package, find_packages, pack_checks, read_package
from .validate import validate_package
from .workers import fork_map


def result_finding(pkg: Package, r: Result) -> Finding:
    return from_result(str(pkg.path), r)


NOTHING_PUBLISHED = "; nothing was published"


def publishable(packages: list[Package]) -> list[Package]:
    """The packages a site or a snapshot publishes: not those marked synthetic."""
    return [p for p in packages if not p.synthetic]


def load_packages(
    data_dir: Path,
    cache: Path | None = None,
    outcome: str = NOTHING_PUBLISHED,
    runner: Callable[[Callable[[Path], Any], list[Path]], list[Any]] | None = None,
    workers: int | None = None,
) -> list[Package]:
    """Read, validate and check every package; report every error at once (warnings are kept on the package).
    With `cache`, packages that passed before with the same bytes and the same checking code are not run again.
    `outcome` ends the error's message: what follows from the errors (for build and publish, nothing published).
    With `runner` (tasks on a cluster, generator/tasks.py), each package is validated and checked as a task;
    without it, on `workers` forked processes (None: one a core, at most two)."""
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
    keys: dict[Path, str] = {}
    checked = _validate_all(dirs, cache, meanwhile=read_all, keys=keys, runner=runner, workers=workers)
    results = dict(zip(dirs, checked, strict=True))
    for d, pkg in read.items():
        pkg.content_key = keys.get(d, "")
        report, check_errors, packed = results[d]
        errors = [f for f in report if f.severity == ERROR]
        findings.extend(errors)
        if errors:
            continue  # the fiscal checks need well-typed amounts
        pkg.checks_blob = packed
        findings.extend(result_finding(pkg, r) for r in check_errors)
        packages.append(pkg)
    if findings:
        raise ValidationFailed(f"{len(findings)} error(s) in {len(dirs)} data package(s){outcome}", findings)
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
FORK_FROM = 8  # packages to validate and check from which they are shared out among forked processes


@functools.lru_cache(maxsize=4)
def code_stamp(package_dir: Path = Path(__file__).parent) -> bytes:
    """What the results depend on besides the package: every file of the installed generator package (code and
    templates, whatever is added later) and the Frictionless version."""
    import frictionless

    h = hashlib.sha256(frictionless.__version__.encode())
    for p in sorted(package_dir.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(package_dir).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.digest()


def _cache_key(stamp: bytes, pkg_dir: Path) -> str:
    h = hashlib.sha256(stamp)
    for p in sorted(pkg_dir.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(pkg_dir).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _validate_all(
    dirs: list[Path],
    cache: Path | None = None,
    meanwhile: Callable[[], None] = lambda: None,
    keys: dict[Path, str] | None = None,
    runner: Callable[[Callable[[Path], Any], list[Path]], list[Any]] | None = None,
    workers: int | None = None,
) -> list[tuple[list[Finding], list[Result], bytes]]:
    """Validation and checks of many packages, on `workers` processes (None: one a core, at most two); `meanwhile`
    runs here while they work.

    A package that passed is remembered by the SHA-256 of its files and of the checking code, so publishing a new
    year does not validate every earlier year again: a changed byte, a new checking rule or another Frictionless
    version means a fresh run. Only clean results are kept; a package with any finding is always run again."""
    results: dict[Path, tuple[list[Finding], list[Result], bytes]] = {}
    keys = {} if keys is None else keys  # filled with each package's content key, which the renderer's cache uses
    if cache is not None:
        stamp = code_stamp()
        for d in dirs:
            try:
                keys[d] = _cache_key(stamp, d)
                results[d] = pickle.loads((cache / keys[d]).read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
                pass  # not there (or unreadable): run it
    todo = [d for d in dirs if d not in results]
    if runner is not None and todo:
        meanwhile()
        fresh = runner(validate_and_check, todo)
    elif len(todo) < FORK_FROM:
        meanwhile()
        fresh = [validate_and_check(d) for d in todo]
    else:
        import frictionless  # noqa: F401  imported once, here, for the workers to inherit

        fresh = fork_map(validate_and_check, todo, workers, chunksize=8, meanwhile=meanwhile)
    for d, result in zip(todo, fresh, strict=True):
        results[d] = result
        if cache is not None and d in keys and not result[0] and not result[1] and result[2]:
            _remember(cache, keys[d], result)
    return [results[d] for d in dirs]


def _remember(cache: Path, key: str, result: tuple) -> None:
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f".{key}.{os.getpid()}.tmp"
        tmp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, cache / key)
    except OSError:
        pass  # a read-only checkout still builds; it only validates everything each time
