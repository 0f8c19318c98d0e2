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
import os
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from . import engine
from .build import HAND_WRITTEN, RENDER_CACHE, build_site, write_vega_bundle
from .errors import BuildError, GeneratorError
from .files import swap_into, world_readable, write_zip
from .load import CACHE_DIR, load_packages, publishable
from .package import Package
from .settings import Settings
from .site.markup import warm_templates
from .workers import fork_map

MANIFEST = "SHA256SUMS"


@dataclass
class PublishResult:
    built: list[int] = field(default_factory=list)
    frozen: list[int] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


SHARED_MEMORY = "/dev/shm"


SCRATCH_IN_MEMORY_MB = 512  # the most a year's throwaway project may hold in memory (about 128 units)


def scratch_dir(units: int, chosen: str | None = None) -> str | None:
    """Where a year's throwaway project (its generated Markdown and downloads) is written: `chosen` (the
    settings' scratch, $BUDGETSITE_SCRATCH) where one is given.

    Those files are written once and read once, by MkDocs. Creating a file costs about a tenth as much in memory
    (/dev/shm) as on a disk file system, so memory is used for a small year (about 2 MB per unit plus 256 MB, at
    most SCRATCH_IN_MEMORY_MB) when /dev/shm has room for it. A larger year is written to the usual temporary
    directory, so that the memory a build holds does not grow with the units."""
    if chosen:
        return chosen
    need = (units * 2 + 256) * 2**20
    if need > SCRATCH_IN_MEMORY_MB * 2**20:
        return None
    try:
        st = os.statvfs(SHARED_MEMORY)
    except OSError:
        return None
    if not os.access(SHARED_MEMORY, os.W_OK | os.X_OK) or st.f_bavail * st.f_frsize < need:
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
    """The snapshot with its manifest as one zip, with fixed timestamps so the same snapshot gives the same bytes.
    The packages' own zips are stored; for the rest the fastest deflate level keeps most of the saving (HTML and CSV
    shrink about fourfold) at a fraction of the time of the default level."""
    entries = ((f"{snapshot.name}/{p.relative_to(snapshot).as_posix()}", p.read_bytes()) for p in _files(snapshot))
    write_zip(entries, target, level=1)
    world_readable(target)


def publish_year(
    settings: Settings,
    out: Path,
    year: int,
    packages: list[Package],
    runner: engine.Runner | None = None,
) -> None:
    """Build one year's snapshot of the project at settings.root with its manifest and archive; the previous
    snapshot survives a failure. The year's pages are rendered into a throwaway project, so the repository's docs/
    is left alone."""
    root = settings.root
    year_packages = [p for p in packages if p.year == year]
    history = [p for p in packages if p.year <= year]
    staging = out / f".{year}.new"
    if staging.exists():
        shutil.rmtree(staging)
    scratch = scratch_dir(len(year_packages), settings.scratch)
    with tempfile.TemporaryDirectory(prefix="budgetsite-snapshot-", dir=scratch) as tmp:
        project = Path(tmp)
        docs = project / "docs"
        _copy_hand_written(root / "docs", docs)
        base = (root / "mkdocs.yml").resolve()
        build_site(
            settings,
            project,
            docs,
            year_packages,
            staging,
            base,
            history=history,
            snapshot_year=year,
            cache=root / RENDER_CACHE,
            runner=runner,
        )
    (staging / MANIFEST).write_text(manifest_text(staging), encoding="utf-8")
    world_readable(staging)
    swap_into(staging, out / str(year))
    write_archive(out / str(year), out / f"{year}.zip")


def _copy_hand_written(src: Path, docs: Path) -> None:
    docs.mkdir()
    for name in HAND_WRITTEN:
        if (src / name).is_dir():
            shutil.copytree(src / name, docs / name, ignore=shutil.ignore_patterns("vendor"))
        elif (src / name).is_file():
            shutil.copy(src / name, docs / name)


def _link_or_copy(src: str, dst: str) -> None:
    """`latest` holds the newest snapshot's files as hard links: a plain directory to any server, no second copy
    on disk (a frozen snapshot never changes in place). Copies where the file system has no hard links."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _publish_years(settings: Settings, out: Path, years: list[int], packages: list[Package]) -> None:
    """Each year is its own MkDocs build, so years build side by side, one a process (settings.workers); a
    worker's error is raised here, with its file, row and field."""
    if min(settings.workers, len(years)) > 1:  # the largest years first, so the workers finish close together
        years = sorted(years, key=lambda y: -sum(p.year == y for p in packages))
    fork_map(lambda year: publish_year(settings, out, year, packages), years, settings.workers)


def write_versions(out: Path) -> list[int]:
    """The year selector's data, a `latest` copy of the newest year, and a root page that redirects to it."""
    years = sorted((int(p.name) for p in out.iterdir() if p.name.isdigit() and (p / MANIFEST).is_file()), reverse=True)
    if not years:
        raise BuildError("no published year to list", out)
    staging = out / ".latest.new"
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(out / str(years[0]), staging, copy_function=_link_or_copy)
    swap_into(staging, out / "latest")
    engine.write_versions(out, years, "latest")
    return years


def publish(
    root: Path,
    out: Path,
    years: list[int] | None = None,
    force: bool = False,
    site_url: str | None = None,
    runner: engine.Runner | None = None,
    settings: Settings | None = None,
) -> PublishResult:
    """Every year (or `years`) of the project at `root` as a frozen snapshot, served from `site_url` where given.
    With `runner` (tasks on a cluster, generator/tasks.py), the packages are validated and checked, and each year's
    shards built, as its tasks; the years one after another here. The snapshots are the same bytes either way.
    `settings`: the command line's (made from the same root and site_url); without them, they are read here, from
    the project's pyproject.toml and the environment."""
    settings = settings or Settings.load(root, site_url=site_url)
    root = settings.root
    out.mkdir(parents=True, exist_ok=True)
    out.chmod(0o755)
    data = root / "datapackages"
    packages = publishable(load_packages(data, root / CACHE_DIR, runner=runner, workers=settings.workers))
    available = sorted({p.year for p in packages})
    wanted = years or available
    missing = [y for y in wanted if y not in available]
    if missing:
        raise GeneratorError(f"no data packages for {', '.join(map(str, missing))}", root / "datapackages")
    result = PublishResult()
    result.frozen = [y for y in wanted if (out / str(y) / MANIFEST).is_file() and not force]  # published: frozen
    result.built = [y for y in wanted if y not in result.frozen]
    if result.built:
        write_vega_bundle(root / "docs")  # once, here: every year's build copies it
        warm_templates()  # compiled once, here, for the workers to inherit
    if runner is not None:
        for year in result.built:
            publish_year(settings, out, year, packages, runner)
    else:
        _publish_years(settings, out, result.built, packages)
    result.years = write_versions(out)
    return result


# ---------------------------------------------------------------------------------------------
# Verify


DAMAGED = "damaged in the archive: "  # how verify names a member it cannot read


def _zip_members(path: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    """The files of a snapshot archive (without its top folder), and the members that cannot be read from it. An
    archive whose directory cannot be read at all (cut short, or not a zip) is an error naming the archive."""
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        head = path.read_bytes()[:4] if path.is_file() else b""
        if head.startswith(b"PK") or path.suffix == ".zip":
            raise GeneratorError(
                "damaged zip archive: its list of members cannot be read (the file may be cut short)", path
            ) from exc
        raise GeneratorError("not a snapshot directory or a zip archive", path) from exc
    files: dict[str, bytes] = {}
    damaged: dict[str, str] = {}  # member -> why it cannot be read
    with z:
        names = [n for n in z.namelist() if not n.endswith("/")]
        prefix = names[0].split("/", 1)[0] + "/" if names else ""
        for n in names:
            try:
                files[n[len(prefix) :]] = z.read(n)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                damaged[n[len(prefix) :]] = str(exc)
    return files, damaged


def verify(path: Path) -> list[str]:
    """Problems of a snapshot directory or archive against its SHA-256 manifest; an empty list when it is intact. A
    member of the archive that cannot be read (bad CRC-32, cut short) is a problem named with the member."""
    damaged: dict[str, str] = {}
    if path.is_dir():
        files = {p.relative_to(path).as_posix(): p.read_bytes() for p in _files(path)}
    elif path.is_file():
        files, damaged = _zip_members(path)
    else:
        raise GeneratorError("no such snapshot directory or archive", path)
    problems = [f"{DAMAGED}{name} ({why})" for name, why in sorted(damaged.items())]
    if MANIFEST not in files:
        if damaged:
            return problems
        raise GeneratorError(f"no {MANIFEST} manifest", path)
    expected: dict[str, str] = {}
    for n, line in enumerate(files.pop(MANIFEST).decode("utf-8", errors="replace").splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            raise GeneratorError("malformed manifest line", path / MANIFEST, row=n)
        expected[name] = digest
    for name, digest in sorted(expected.items()):
        if name in damaged:
            continue
        if name not in files:
            problems.append(f"missing: {name}")
        elif hashlib.sha256(files[name]).hexdigest() != digest:
            problems.append(f"changed: {name}")
    problems += [f"not in the manifest: {name}" for name in sorted(set(files) - set(expected) - set(damaged))]
    return problems
