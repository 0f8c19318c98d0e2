"""Command line: parses arguments, calls one stage, turns domain errors into messages and exit codes."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import GeneratorError, ValidationFailed

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    started = time.perf_counter()
    result = build(Path(args.root), Path(args.data) if args.data else None, Path(args.site) if args.site else None)
    took = time.perf_counter() - started
    print(
        f"built {result.site_dir}: {len(result.packages)} package(s), {result.pages} pages, "
        f"{result.files} generated files in {took:.1f} s"
    )
    return EXIT_OK


def _cmd_publish(args: argparse.Namespace) -> int:
    from .archive import publish
    from .terms import project_terms

    if not args.site_url and not project_terms(Path(args.root)).site_url:
        print(
            "warning: no --site-url (nor site_url in [tool.budgetsite.terms]): citations give addresses relative to "
            "the published directory (/2026/…), marked 相对地址, and the year selector opens the other year's home "
            "page",
            file=sys.stderr,
        )
    started = time.perf_counter()
    result = publish(Path(args.root), Path(args.out), args.year or None, force=args.force, site_url=args.site_url)
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

    packages = load_packages(Path(args.path), outcome=f" checked under {args.path}")
    for pkg in packages:
        counts = summary(pkg.checks)
        print(f"{pkg.path}: {len(pkg.checks)} checks: " + ", ".join(f"{n} {STATUS_ZH[k]}" for k, n in counts.items()))
        for r in pkg.checks:
            if r.severity == "warning" or (args.verbose and r.severity == "info"):
                print("  " + result_finding(pkg, r).line())
    print(f"checked {len(packages)} package(s) under {args.path}: no errors")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from .catalogue import STATUS_ZH
    from .ingest import ingest

    sources = [Path(s) for s in args.source]
    source = sources[0]
    progress = _progress if sys.stderr.isatty() else None
    result = ingest(
        sources,
        args.unit,
        Path(args.out),
        year=args.year,
        force=args.force,
        progress=progress,
        unit_name=args.unit_name,
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
        "source", nargs="+", help="the disclosure document (or its files in order, for one printed as several)"
    )
    i.add_argument(
        "--year", type=int, help="budget year: the year the document must be for, or its year where it prints none"
    )
    i.add_argument("--unit-name", help="the unit's name, where the document does not print it (or prints it otherwise)")
    i.add_argument("--unit", required=True, type=_slug, help="unit slug, e.g. xinzhou-shebao")
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
