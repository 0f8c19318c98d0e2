"""Command line: parses arguments, reads the run's settings (settings.py) once, calls one stage with them, turns
domain errors into messages and exit codes."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import GeneratorError, ValidationFailed
from .settings import Settings

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    settings = Settings.load(Path(args.root))
    started = time.perf_counter()
    data, site = Path(args.data) if args.data else None, Path(args.site) if args.site else None
    result = build(settings.root, data, site, settings)
    took = time.perf_counter() - started
    print(
        f"built {result.site_dir}: {len(result.packages)} package(s), {result.pages} pages, "
        f"{result.files} generated files in {took:.1f} s"
    )
    return EXIT_OK


def _cmd_publish(args: argparse.Namespace) -> int:
    from .archive import publish

    settings = Settings.load(Path(args.root), site_url=args.site_url)
    if not settings.site_url and not settings.terms.site_url:
        print(
            "warning: no --site-url (nor site_url in [tool.budgetsite.terms]): citations give addresses relative to "
            "the published directory (/2026/…), marked 相对地址, and the year selector opens the other year's home "
            "page",
            file=sys.stderr,
        )
    started = time.perf_counter()
    root, out, years = settings.root, Path(args.out), args.year or None
    if args.scheduler:
        from .tasks import connect

        with connect(args.scheduler, args.workers) as tasks:
            result = publish(root, out, years, args.force, args.site_url, tasks.map, settings)
    else:
        result = publish(root, out, years, args.force, args.site_url, settings=settings)
    took = time.perf_counter() - started
    for year in result.frozen:
        print(f"{year}: already published, frozen (use --force to rebuild it)")
    print(
        f"published {args.out}: built {', '.join(map(str, result.built)) or 'nothing'}; years "
        f"{', '.join(map(str, result.years))}; latest = {result.years[0]}; {took:.1f} s"
    )
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace) -> int:
    from .archive import DAMAGED, verify

    problems = verify(Path(args.path))
    for p in problems:
        print(f"{args.path}: {p}", file=sys.stderr)
    damaged = sum(p.startswith(DAMAGED) for p in problems)
    if damaged:
        print(
            f"error: damaged archive: {damaged} member(s) cannot be read, {len(problems) - damaged} other file(s) "
            "differ from the manifest",
            file=sys.stderr,
        )
        return EXIT_FAIL
    if problems:
        print(f"error: {len(problems)} file(s) differ from the manifest", file=sys.stderr)
        return EXIT_FAIL
    print(f"{args.path}: every file matches its SHA-256 manifest")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from .catalogue import STATUS_ZH
    from .checks import summary
    from .load import load_packages, result_finding

    settings = Settings.load()  # checking publishes nothing: no project's terms
    packages = load_packages(Path(args.path), outcome=f" checked under {args.path}", workers=settings.workers)
    for pkg in packages:
        counts = summary(pkg.checks)
        print(f"{pkg.path}: {len(pkg.checks)} checks: " + ", ".join(f"{n} {STATUS_ZH[k]}" for k, n in counts.items()))
        for r in pkg.checks:
            if r.severity == "warning" or (args.verbose and r.severity == "info"):
                print("  " + result_finding(pkg, r).line())
    print(f"checked {len(packages)} package(s) under {args.path}: no errors")
    return EXIT_OK


def _cmd_import_folder(args: argparse.Namespace, folder: Path) -> int:
    """Every document of a folder, each its own package, as tasks; a line each, a summary, exit 1 if any failed."""
    from .batch import CHECK_ERRORS, DOCUMENTS, FAILED, IMPORTED, REFUSED, Outcome, import_folder
    from .importer.registry import KINDS
    from .tasks import connect

    if not any(p.is_file() and p.suffix.lower() in DOCUMENTS for p in folder.iterdir()):
        print(f"error: {folder}: a folder with no document in it; give {KINDS}, or a folder of them", file=sys.stderr)
        return EXIT_FAIL
    bar = sys.stderr.isatty()

    def each(o: Outcome, done: int, total: int) -> None:
        if bar:
            print("\r\033[K", end="", file=sys.stderr)
        print(f"{o.status:<8} {o.line}", flush=True)
        if bar:
            filled = 30 * done // max(total, 1)
            end = "\n" if done == total else ""
            print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", end=end, file=sys.stderr, flush=True)

    settings = Settings.load(Path(args.out))
    started = time.perf_counter()
    with connect(args.scheduler, args.workers) as tasks:
        outcomes = import_folder(folder, Path(args.out), tasks, args.year, args.force, each, settings)
    took = time.perf_counter() - started
    labels = {
        IMPORTED: "imported",
        CHECK_ERRORS: "imported, checks found errors",
        REFUSED: "refused (not read)",
        FAILED: "failed",
    }
    print(f"\n{len(outcomes)} document(s) in {folder}, {took:.1f} s:")
    for status, label in labels.items():
        print(f"  {label:<32} {sum(o.status == status for o in outcomes):>5}")
    return EXIT_OK if all(o.status == IMPORTED for o in outcomes) else EXIT_FAIL


def _cmd_import(args: argparse.Namespace) -> int:
    from .catalogue import STATUS_ZH
    from .ingest import ingest

    sources = [Path(s) for s in args.source]
    source = sources[0]
    if len(sources) == 1 and source.is_dir():
        if args.unit or args.unit_name:
            print("error: --unit and --unit-name name one document; a folder's are named by units.tsv", file=sys.stderr)
            return EXIT_USAGE
        return _cmd_import_folder(args, source)
    if not args.unit:
        print("error: the following arguments are required: --unit", file=sys.stderr)
        return EXIT_USAGE
    progress = _progress if sys.stderr.isatty() else None
    result = ingest(
        sources,
        args.unit,
        Path(args.out),
        year=args.year,
        force=args.force,
        progress=progress,
        unit_name=args.unit_name,
        settings=Settings.load(Path(args.out)),
    )
    d = result.disclosure
    print(
        f"imported {source} → {result.package_dir}: {d.unit}, {d.year}, {len(d.tables)} tables, {result.rows} rows, "
        f"{len(d.texts)} texts"
    )
    for name, where in result.found:
        t = d.tables[name]
        state = "empty as published" if t.published_empty else f"{len(t.rows)} rows"
        print(f"  found    {name:<32} {state:<20} {where}")
    for title in d.not_published:
        print(f"  missing  {title}")
    for item in d.not_imported:
        print(f"  skipped  {item}: recognised but not imported")
    for f in result.findings:
        print(f"  {f.line()}")
    if result.findings:
        return EXIT_FAIL
    counts = result.counts()
    print(f"  checks: {len(result.results)}: " + ", ".join(f"{n} {STATUS_ZH[k]}" for k, n in counts.items()))
    for f in result.reported():
        print(f"  {f.line()}")
    return EXIT_OK if result.ok else EXIT_FAIL


def _slug(value: str) -> str:
    """--unit names a directory: checked before any document is read."""
    from .package import SLUG_RULE, is_slug

    if not is_slug(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a unit slug: use {SLUG_RULE}")
    return value


def _progress(done: int, total: int) -> None:
    print(f"\rreading page {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def _scheduler_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scheduler",
        help="run the tasks on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786; its "
        "workers must see the same files at the same paths), or `local` for worker processes on this machine",
        metavar="ADDRESS",
    )
    p.add_argument("--workers", type=int, help="worker processes of a local cluster (default: the cores, at most 8)")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="budgetsite",
        description="Publish Chinese public budget disclosures as validated data packages and a static site.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser(
        "build",
        help="validate every data package and build the static site",
        description="Validate every package under datapackages/, write the generated pages and downloads under "
        "docs/, and run a strict build of the site into site/. Nothing is published if any package has an error; "
        "the previous site stays in place if the build fails.",
    )
    b.add_argument("--root", default=".", help="project directory holding mkdocs.yml (default: current directory)")
    b.add_argument("--data", help="directory of data packages (default: ROOT/datapackages)")
    b.add_argument("--site", help="output directory (default: ROOT/site)")
    b.set_defaults(func=_cmd_build)

    c = sub.add_parser(
        "check",
        help="validate data packages and check that their figures add up",
        description="Check data packages without building or publishing anything: validate every package under "
        "PATH (default: datapackages, the project's packages; or the one package at PATH) with Frictionless, then "
        "check its fiscal identities (勾稽关系: 类 = Σ款 = Σ项, 合计 rows, 基本 + 项目, income = expenditure), the "
        "same figure across tables, the performance forms against the project table, and the figures stated in "
        "its explanations. Errors are listed with package, table, row and field, and the exit code is 1; rounding "
        "differences are listed as warnings.",
    )
    c.add_argument(
        "path",
        nargs="?",
        default="datapackages",
        help="a package directory or a directory of packages (default: datapackages)",
    )
    c.add_argument("-v", "--verbose", action="store_true", help="also list the figures that could not be checked")
    c.set_defaults(func=_cmd_check)

    pub = sub.add_parser(
        "publish",
        help="publish one frozen snapshot per budget year, with a year selector",
        description="Build each budget year as its own site into OUT/<year>/ with a SHA-256 manifest and an "
        "archive OUT/<year>.zip, then write OUT/versions.json (the year selector) and OUT/latest/. A year "
        "already published is frozen and left byte for byte as it is, unless --force is given. Honours "
        "SOURCE_DATE_EPOCH, so the same input gives the same bytes.",
    )
    pub.add_argument("--root", default=".", help="project directory holding mkdocs.yml (default: current directory)")
    pub.add_argument("--out", default="public", help="output directory (default: public)")
    pub.add_argument("--year", type=int, action="append", help="publish only this year (repeatable)")
    pub.add_argument("--force", action="store_true", help="rebuild years that are already published")
    pub.add_argument(
        "--site-url",
        help="the address OUT is served from (e.g. https://example.org/budget/); with it the year selector keeps "
        "the reader on the same page, without it the selector opens the other year's home page",
    )
    _scheduler_options(pub)
    pub.set_defaults(func=_cmd_publish)

    ver = sub.add_parser(
        "verify",
        help="check a published snapshot or its archive against its SHA-256 manifest",
        description="Check every file of a snapshot directory (OUT/<year>) or archive (OUT/<year>.zip) against its "
        "SHA256SUMS manifest, and name every file that is missing, changed or not in the manifest.",
    )
    ver.add_argument("path", help="a snapshot directory or a .zip archive")
    ver.set_defaults(func=_cmd_verify)

    i = sub.add_parser(
        "import",
        help="read a disclosure document (PDF or text) into a data package",
        description="Read a budget disclosure (a PDF with a text layer, or extracted text with tab-separated cells), "
        "write a data package in the catalogue's canonical shape to OUT/<year>/<unit>/, then check it and print "
        "what was found, what is missing and what does not add up. An existing package is replaced only with "
        "--force, and then atomically.",
    )
    i.add_argument(
        "source",
        nargs="+",
        help="the disclosure document (or its files in order, for one printed as several), or a folder: every "
        "document in it, each its own package (unit slugs from the file names, or from units.tsv in the folder)",
    )
    i.add_argument(
        "--year", type=int, help="budget year: the year the document must be for, or its year where it prints none"
    )
    i.add_argument("--unit-name", help="the unit's name, where the document does not print it (or prints it otherwise)")
    i.add_argument("--unit", type=_slug, help="unit slug, e.g. xinzhou-shebao (required for a document)")
    _scheduler_options(i)
    i.add_argument("--out", default="datapackages", help="directory of data packages (default: datapackages)")
    i.add_argument("--force", action="store_true", help="replace an existing package (atomically)")
    i.set_defaults(func=_cmd_import)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ValidationFailed as exc:
        for f in exc.findings:
            print(f.line(), file=sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
