"""Freeze a year: one MkDocs build per budget year, a SHA-256 manifest, an archive, and the year selector data.

The published directory looks like what mike writes, and any static web server can serve it:

    public/versions.json        the year selector (Material's mike provider)
    public/index.html           redirects to latest/
    public/latest/              the newest year again (hard links where the file system has them)
    public/<year>/              one frozen snapshot per year, with SHA256SUMS
    public/<year>.zip           the snapshot and its manifest as one archive

A year already published is frozen: publishing another year never touches it (``--force`` rebuilds it).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .build import (
    CACHE_DIR,
    VENDOR_JS,
    config_text,
    inherited_heap_frozen,
    load_packages,
    mkdocs_build,
    swap_into,
    write_search_terms,
    write_vega_bundle,
)
from .errors import BuildError, GeneratorError
from .package import Package
from .render import render_site

MANIFEST = "SHA256SUMS"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass
class PublishResult:
    built: list[int] = field(default_factory=list)
    frozen: list[int] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


SCRATCH_ENV = "BUDGETSITE_SCRATCH"
SHARED_MEMORY = "/dev/shm"


def scratch_dir(units: int) -> str | None:
    """Where a year's throwaway project (its generated Markdown and downloads) is written.

    Those files are written once and read once, by MkDocs. Creating a file costs about a tenth as much in memory
    (/dev/shm) as on a disk file system, so memory is used when it is there with room to spare: about 2 MB per
    unit plus 256 MB. Otherwise, or when $BUDGETSITE_SCRATCH names another directory, the usual temporary one."""
    chosen = os.environ.get(SCRATCH_ENV)
    if chosen:
        return chosen
    try:
        st = os.statvfs(SHARED_MEMORY)
    except OSError:
        return None
    room = st.f_bavail * st.f_frsize
    if not os.access(SHARED_MEMORY, os.W_OK | os.X_OK) or room < (units * 2 + 256) * 2**20:
        return None
    return SHARED_MEMORY


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def manifest_text(root: Path) -> str:
    lines = []
    for p in _files(root):
        rel = p.relative_to(root).as_posix()
        if rel != MANIFEST:
            lines.append(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {rel}\n")
    return "".join(lines)


def write_archive(snapshot: Path, target: Path) -> None:
    """The snapshot with its manifest as one zip, with fixed timestamps so the same snapshot gives the same bytes."""
    tmp = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for p in _files(snapshot):
            info = zipfile.ZipInfo(f"{snapshot.name}/{p.relative_to(snapshot).as_posix()}", _ZIP_EPOCH)
            # the packages' own zips are compressed already; for the rest the fastest deflate level keeps most
            # of the saving (HTML and CSV shrink about fourfold) at a fraction of the time of the default level
            info.compress_type = zipfile.ZIP_STORED if p.suffix == ".zip" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, p.read_bytes(), compresslevel=1)
    os.replace(tmp, target)


def _snapshot_project(
    root: Path, tmp: Path, year_packages: list[Package], history: list[Package], site_url: str | None
) -> Path:
    """A throwaway project holding this year's generated pages, so the repository's docs/ is left alone."""
    docs = tmp / "docs"
    docs.mkdir()
    shutil.copy(root / "docs" / "about.md", docs / "about.md")
    shutil.copytree(root / "docs" / "assets", docs / "assets", ignore=shutil.ignore_patterns("vendor"))
    vendor = root / "docs" / VENDOR_JS
    if vendor.is_file():
        (docs / VENDOR_JS).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(vendor, docs / VENDOR_JS)
    site = render_site(year_packages, history=history, snapshot=True, out=docs)
    write_vega_bundle(docs)
    write_search_terms(tmp, year_packages)
    config = tmp / "mkdocs.gen.yml"
    extra = {"version": {"provider": "mike", "default": "latest"}}
    # served over HTTP: directory URLs give the sitemap the year's root address, which the selector needs
    settings = {
        "INHERIT": str((root / "mkdocs.yml").resolve()),
        "nav": site.nav,
        "extra": extra,
        "use_directory_urls": True,
    }
    if site_url:
        # with the address it is served from, the sitemap lists every page and the selector keeps the reader's page
        settings["site_url"] = f"{site_url.rstrip('/')}/{year_packages[0].year}/"
    config.write_text(config_text(settings), encoding="utf-8")
    return config


def publish_year(root: Path, out: Path, year: int, packages: list[Package], site_url: str | None = None) -> None:
    """Build one year's snapshot with its manifest and archive; the previous snapshot survives a failure."""
    year_packages = [p for p in packages if p.year == year]
    history = [p for p in packages if p.year <= year]
    staging = out / f".{year}.new"
    if staging.exists():
        shutil.rmtree(staging)
    with tempfile.TemporaryDirectory(prefix="budgetsite-snapshot-", dir=scratch_dir(len(year_packages))) as tmp:
        config = _snapshot_project(root, Path(tmp), year_packages, history, site_url)
        mkdocs_build(Path(tmp), config, staging)
    (staging / MANIFEST).write_text(manifest_text(staging), encoding="utf-8")
    swap_into(staging, out / str(year))
    write_archive(out / str(year), out / f"{year}.zip")


def _link_or_copy(src: str, dst: str) -> None:
    """`latest` holds the newest snapshot's files as hard links: a plain directory to any server, no second copy
    on disk (a frozen snapshot never changes in place). Copies where the file system has no hard links."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


_SHARED: dict = {}  # what forked workers inherit instead of receiving it pickled


def _publish_in_worker(year: int) -> int:
    publish_year(_SHARED["root"], _SHARED["out"], year, _SHARED["packages"], _SHARED["site_url"])
    return year


def _publish_years(root: Path, out: Path, years: list[int], packages: list[Package], site_url: str | None) -> None:
    """Each year is its own MkDocs build, so years build side by side, one per core (at most two)."""
    workers = min(2, len(years), os.cpu_count() or 1)
    if workers < 2:
        for year in years:
            publish_year(root, out, year, packages, site_url)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _SHARED.update(root=root, out=out, packages=packages, site_url=site_url)
    try:
        ctx = multiprocessing.get_context("fork")
        with inherited_heap_frozen(), ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            # the largest years first, so the two workers finish close together
            order = sorted(years, key=lambda y: -sum(p.year == y for p in packages))
            for future in [pool.submit(_publish_in_worker, y) for y in order]:
                future.result()  # re-raises a worker's error here, with its file, row and field
    finally:
        _SHARED.clear()


def write_versions(out: Path) -> list[int]:
    """versions.json as mike writes it, a `latest` copy of the newest year, and a root page that redirects to it."""
    years = sorted((int(p.name) for p in out.iterdir() if p.name.isdigit() and (p / MANIFEST).is_file()), reverse=True)
    if not years:
        raise BuildError("no published year to list", out)
    versions = [{"version": str(y), "title": f"{y}年", "aliases": ["latest"] if y == years[0] else []} for y in years]
    tmp = out / ".versions.json.tmp"
    tmp.write_text(json.dumps(versions, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, out / "versions.json")
    staging = out / ".latest.new"
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(out / str(years[0]), staging, copy_function=_link_or_copy)
    swap_into(staging, out / "latest")
    index = (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>预算公开数据</title>\n'
        '<meta http-equiv="refresh" content="0; url=latest/index.html"></head>\n'
        '<body><p><a href="latest/index.html">预算公开数据（最新年度）</a></p></body></html>\n'
    )
    (out / "index.html").write_text(index, encoding="utf-8")
    return years


def publish(
    root: Path, out: Path, years: list[int] | None = None, force: bool = False, site_url: str | None = None
) -> PublishResult:
    root = root.resolve()
    out.mkdir(parents=True, exist_ok=True)
    packages = load_packages(root / "datapackages", root / CACHE_DIR)
    available = sorted({p.year for p in packages})
    wanted = years or available
    missing = [y for y in wanted if y not in available]
    if missing:
        raise GeneratorError(f"no data packages for {', '.join(map(str, missing))}", root / "datapackages")
    result = PublishResult()
    result.frozen = [y for y in wanted if (out / str(y) / MANIFEST).is_file() and not force]  # published: frozen
    result.built = [y for y in wanted if y not in result.frozen]
    _publish_years(root, out, result.built, packages, site_url)
    result.years = write_versions(out)
    return result


# ---------------------------------------------------------------------------------------------
# Verify


def verify(path: Path) -> list[str]:
    """Problems of a snapshot directory or archive against its SHA-256 manifest; an empty list when it is intact."""
    if path.is_dir():
        files = {p.relative_to(path).as_posix(): p.read_bytes() for p in _files(path)}
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if not n.endswith("/")]
            prefix = names[0].split("/", 1)[0] + "/" if names else ""
            files = {n[len(prefix) :]: z.read(n) for n in names}
    else:
        raise GeneratorError("not a snapshot directory or a zip archive", path)
    if MANIFEST not in files:
        raise GeneratorError(f"no {MANIFEST} manifest", path)
    expected: dict[str, str] = {}
    for n, line in enumerate(files.pop(MANIFEST).decode("utf-8").splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            raise GeneratorError("malformed manifest line", path / MANIFEST, row=n)
        expected[name] = digest
    problems = []
    for name, digest in sorted(expected.items()):
        if name not in files:
            problems.append(f"missing: {name}")
        elif hashlib.sha256(files[name]).hexdigest() != digest:
            problems.append(f"changed: {name}")
    problems += [f"not in the manifest: {name}" for name in sorted(set(files) - set(expected))]
    return problems
