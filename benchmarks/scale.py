"""Scale: publish a SYNTHETIC corpus of N unit-years, year by year, and set the generator against a bare MkDocs build.

The corpus is made of copies of the bundled packages under synthetic unit names (合成单位NNNN, with the package each
is copied from in their metadata), spread over ten budget years, in a temporary directory: never under datapackages/.

It runs the real `budgetsite publish` code path (years build side by side on two cores) and times every step in
whichever process runs it:

    read+validate+check   reading, Frictionless validation and the fiscal checks of every package
    render                writing the year's Markdown pages, charts and downloads
    mkdocs                the MkDocs build of exactly that Markdown (the bare build)
    archive               SHA-256 manifest and the year's zip
    versions              versions.json, `latest` and the root page

Steps are measured in CPU seconds (user + system) of whichever process runs them, including the child processes
they wait for (MkDocs runs as a subprocess; validation runs on two workers), and summed. So "generator" (every step
but mkdocs) and "mkdocs" are the same kind of figure whatever ran in parallel; wall is the elapsed time of the
whole publish. Peak memory is the largest total proportional set size (PSS:
resident memory, pages shared between processes counted once) over the process tree (this process, its workers and
their MkDocs children), plus the files the build holds in memory (tmpfs: the snapshots' throwaway projects in
/dev/shm), sampled every 0.2 s.

    python benchmarks/scale.py [N ...] [--year UNITS ...]     (default: 100 1000, and years of 10 100 1000 units)

It prints, for one year of 10, 100 and 1,000 units, the size of its table pages (which must not grow with the
units) and the sharded build's wall time and memory; then, for N unit-years over ten years, a first build, a
rebuild with nothing changed (the caches) and a rebuild after one package changed.
"""

from __future__ import annotations

import functools
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generator.archive as archive  # noqa: E402
import generator.build as build  # noqa: E402
import generator.engine as engine  # noqa: E402
from generator.settings import SHARD_ENV, Settings  # noqa: E402

# the 忻州 and 万里街道 packages, the same four in every measurement so that figures compare across versions
TEMPLATES = sorted(
    p
    for p in (ROOT / "datapackages").glob("*/*/datapackage.json")
    if p.parent.name in ("xinzhou-shebao", "shanghai-putuo-wanli")
)
YEARS = list(range(2016, 2026))
STEPS = ("read+validate+check", "render", "mkdocs", "archive", "versions")


def make_corpus(target: Path, n: int, years: list[int] = YEARS) -> None:
    """n synthetic unit-years: copies of the bundled packages, renamed, spread over `years` (ten by default)."""
    for k in range(n):
        template = TEMPLATES[k % len(TEMPLATES)].parent
        year = years[k % len(years)]
        slug = f"synthetic-{k // len(years):04d}"
        dest = target / str(year) / slug
        shutil.copytree(template, dest)
        d = json.loads((dest / "datapackage.json").read_text(encoding="utf-8"))
        b = d["budget"]
        b["unit"] = f"合成单位{k // len(years):04d}（合成测试数据）"
        b["unitSlug"] = slug
        b["year"] = year
        b["copiedFrom"] = template.name  # published like any package: not "synthetic", which is never published
        d["name"] = f"{year}-{slug}"
        (dest / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")


def _cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its children that have ended (a step's MkDocs subprocess,
    or the validation workers, which end inside `load_packages`)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


class StepLog:
    """Wraps the pipeline's functions; each process appends 'step cpu-seconds wall-seconds' lines to one file
    (O_APPEND). Steps are measured in CPU seconds so that work spread over two processes counts in full."""

    def __init__(self) -> None:
        self.path = Path(os.devnull)

    def wrap(self, module, name: str, step: str) -> None:
        original = getattr(module, name)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            c0, t0 = _cpu_seconds(), time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                with open(self.path, "a", encoding="utf-8") as f:
                    f.write(f"{step}\t{_cpu_seconds() - c0:.6f}\t{time.perf_counter() - t0:.6f}\n")

        setattr(module, name, timed)

    def totals(self, column: int = 1) -> dict[str, float]:
        """Seconds by step: CPU (column 1) or wall (column 2; summed over processes, so for one year at a time)."""
        out: dict[str, float] = defaultdict(float)
        for line in self.path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            out[fields[0]] += float(fields[column])
        return out


LOG = StepLog()
LOG.wrap(archive, "load_packages", "read+validate+check")
LOG.wrap(build, "render_site", "render")
LOG.wrap(build, "write_vega_bundle", "render")
LOG.wrap(archive, "write_vega_bundle", "render")
LOG.wrap(engine, "build", "mkdocs")
LOG.wrap(engine, "build_sharded", "mkdocs")  # the shards' builds, their merge and the one search index
LOG.wrap(archive, "manifest_text", "archive")
LOG.wrap(archive, "write_archive", "archive")
LOG.wrap(archive, "write_versions", "versions")


def _pss_kb(pid: int) -> int:
    """Proportional set size: a page shared by k processes (a forked worker's inherited packages) counts 1/k."""
    with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def _process_kind(pid: int, root_pid: int) -> str:
    if pid == root_pid:
        return "this process"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmdline = f.read()
    except OSError:
        return "workers"
    for kind in ("mkdocs", "pagefind"):
        if kind.encode() in cmdline:
            return kind
    return "workers"


def _tree_memory_mb(root_pid: int) -> dict[str, float]:
    """PSS of the process tree in MB, by kind of process: this one, its MkDocs builds, the search indexer (Pagefind),
    its other workers."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
            children[parent].append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    totals: dict[str, float] = defaultdict(float)
    stack = [root_pid]
    while stack:
        pid = stack.pop()
        try:
            totals[_process_kind(pid, root_pid)] += _pss_kb(pid) / 1024
        except OSError:
            pass  # ended meanwhile
        stack.extend(children.get(pid, []))
    return totals


def _shared_memory_mb() -> float:
    """Memory held by tmpfs files (/dev/shm), where the snapshots' throwaway projects are written."""
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("Shmem:"):
                return int(line.split()[1]) / 1024
    return 0.0


class PeakMemory(threading.Thread):
    """PSS of the process tree, plus what files in memory (tmpfs) hold beyond what they held at the start."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.at_peak: dict[str, float] = {}
        self.peak_besides_search = 0.0  # the peak of everything but the search indexer (Pagefind)
        self.done = threading.Event()
        self.base_shared = _shared_memory_mb()

    def run(self) -> None:
        while not self.done.wait(0.2):
            parts = _tree_memory_mb(os.getpid())
            parts["files in memory"] = max(0.0, _shared_memory_mb() - self.base_shared)
            if sum(parts.values()) > self.peak:
                self.peak, self.at_peak = sum(parts.values()), parts
            self.peak_besides_search = max(self.peak_besides_search, sum(parts.values()) - parts.get("pagefind", 0))

    def breakdown(self) -> str:
        return ", ".join(f"{k} {v:.0f}" for k, v in sorted(self.at_peak.items(), key=lambda kv: -kv[1]) if v >= 1)


def _size_mb(path: Path) -> float:
    seen: set[int] = set()
    total = 0
    for p in path.rglob("*"):
        st = p.lstat()
        if p.is_file() and st.st_ino not in seen:  # `latest` is hard links to the newest year
            seen.add(st.st_ino)
            total += st.st_size
    return total / 1024 / 1024


def _project(tmp_path: Path, n: int, years: list[int] = YEARS) -> Path:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(ROOT / "docs" / "about.md", project / "docs" / "about.md")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    make_corpus(project / "datapackages", n, years)
    return project


def _publish(label: str, project: Path, out: Path, log: Path) -> None:
    """One publish (every year, rebuilt), with its steps, wall time, peak memory and pages."""
    LOG.path = log
    LOG.path.write_text("", encoding="utf-8")
    memory = PeakMemory()
    memory.start()
    started = time.perf_counter()
    result = archive.publish(project, out, force=True)
    wall = time.perf_counter() - started
    memory.done.set()
    memory.join()
    t = LOG.totals()
    generator = sum(t[s] for s in STEPS if s != "mkdocs")
    pages = sum(1 for p in out.rglob("*.html") if "latest" not in p.relative_to(out).parts)
    print(
        f"{label}, {len(result.built)} year(s): wall {wall:6.1f} s | mkdocs {t['mkdocs']:6.1f} s | "
        f"generator {generator:6.1f} s = {generator / t['mkdocs']:.0%} of mkdocs "
        f"({', '.join(f'{s} {t[s]:.1f}' for s in STEPS if s != 'mkdocs')}) | "
        f"peak memory {memory.peak:.0f} MB ({memory.breakdown()}; without the search indexer "
        f"{memory.peak_besides_search:.0f}) | {pages} pages, {_size_mb(out):.0f} MB",
        flush=True,
    )
    if len(result.built) == 1:
        w = LOG.totals(column=2)
        print(f"  wall by step: {', '.join(f'{s} {w[s]:.1f} s' for s in STEPS)}", flush=True)


def _change_one(project: Path) -> None:
    """One package changes: its unit's name (so its pages, the year page and the bulk files change)."""
    first = sorted((project / "datapackages").glob("*/*/datapackage.json"))[0]
    d = json.loads(first.read_text(encoding="utf-8"))
    d["budget"]["unit"] += "（改）"
    first.write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")


def run(n: int) -> None:
    """N unit-years over ten years: a first publish (empty caches), the same again (nothing changed: every package
    comes from the caches), and once more after one package changed."""
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        tmp_path = Path(tmp)
        project = _project(tmp_path, n)
        out = tmp_path / "public"
        _publish(f"N={n:>5} unit-years, first build", project, out, tmp_path / "steps.log")
        _publish(f"N={n:>5} unit-years, unchanged  ", project, out, tmp_path / "steps.log")
        _change_one(project)
        _publish(f"N={n:>5} unit-years, one changed", project, out, tmp_path / "steps.log")


def _table_pages(site: Path) -> list[int]:
    return sorted(p.stat().st_size for p in site.glob("*/tables/*.html"))


def year(units: int) -> None:
    """One year of `units` units, built in shards of SHARD_UNITS: wall, memory, and the size of its table pages
    (the median, and the largest), which should not depend on how many units the year has."""
    with tempfile.TemporaryDirectory(prefix="scale-year-") as tmp:
        tmp_path = Path(tmp)
        project = _project(tmp_path, units, [2025])
        out = tmp_path / "public"
        shards = min(units, build.shard_count(units, Settings.load().shard_units))
        _publish(f"one year of {units:>5} units, {shards} shard(s)", project, out, tmp_path / "steps.log")
        sizes = _table_pages(out / "2025")
        print(
            f"one year of {units:>5} units: table page HTML median {sizes[len(sizes) // 2] / 1024:.1f} KB, "
            f"largest {sizes[-1] / 1024:.1f} KB ({len(sizes)} table pages)",
            flush=True,
        )


def engine_speedup(units: int) -> None:
    """One year of `units` units in shards of a tenth of them, published as tasks on a local Dask cluster of one
    and of two workers (empty caches each time): checking and shard builds on the workers."""
    from generator.tasks import LOCAL, connect

    os.environ[SHARD_ENV] = str(max(1, units // 10))
    LOG.path = Path(os.devnull)  # the steps are not counted here (the last run's log went with its directory)
    try:
        walls = {}
        for workers in (1, 2):
            with tempfile.TemporaryDirectory(prefix="scale-engine-") as tmp:
                project = _project(Path(tmp), units, [2025])
                with connect(LOCAL, workers) as tasks:
                    started = time.perf_counter()
                    archive.publish(project, Path(tmp) / "public", runner=tasks.map)
                    walls[workers] = time.perf_counter() - started
        print(
            f"engine (Dask, local cluster), one year of {units} units in 10 shards: 1 worker {walls[1]:.1f} s, "
            f"2 workers {walls[2]:.1f} s, speed-up {walls[1] / walls[2]:.2f}x",
            flush=True,
        )
    finally:
        del os.environ[SHARD_ENV]


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, help="unit-years over ten years (default: 100 1000)")
    ap.add_argument("--year", type=int, action="append", help="units in one year (default: 10 100 1000)")
    ap.add_argument("--engine", type=int, default=40, help="units of the year published on 1 and 2 Dask workers")
    args = ap.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    only_sizes, only_years = bool(args.sizes) and not args.year, bool(args.year) and not args.sizes
    for units in [] if only_sizes else args.year or [10, 100, 1000]:
        year(units)
    for n in [] if only_years else args.sizes or [100, 1000]:
        run(n)
    if args.engine:
        engine_speedup(args.engine)
