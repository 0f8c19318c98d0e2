"""The shape of the code: imports run one way (no cycle anywhere in generator/), and only the engine adapter
knows the site engine."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import generator
from tests.conftest import ROOT

PACKAGE_DIR = Path(generator.__file__).parent


def _module(path: Path) -> str:
    parts = ["generator", *path.relative_to(PACKAGE_DIR).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    """Every import of a generator module by another, at any level of the file (inside functions too). Importing
    a.b also runs a/__init__, so it counts as an import of a as well."""
    modules = {_module(p): p for p in PACKAGE_DIR.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            for t in targets:
                while t:
                    if t in modules and t != name:
                        graph[name].add(t)
                    t = t.rsplit(".", 1)[0] if "." in t else ""
    return graph


def test_no_import_cycle() -> None:
    graph = _graph()
    assert len(graph) > 20
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycles.append(path[path.index(n) :] + [n] if n in path else [m, n])
            elif n not in state:
                visit(n, [*path, n])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    # a package's own __init__ importing its submodules is how a package is made, not a cycle of dependencies
    real = [c for c in cycles if not all(x.startswith(c[0] + ".") or x == c[0] for x in c[1:])]
    assert real == []


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


# (a layer, the layers it must not import): the pipeline reads top to bottom, and each layer only looks down
LAYERS = [
    ("generator.site", ("generator.importer", "generator.ingest", "generator.batch", "generator.cli")),
    ("generator.downloads", ("generator.site", "generator.importer", "generator.ingest", "generator.cli")),
    ("generator.importer", ("generator.checks", "generator.site", "generator.downloads", "generator.cli")),
    ("generator.checks", ("generator.importer", "generator.site", "generator.downloads", "generator.cli")),
]


@pytest.mark.parametrize(("layer", "below"), LAYERS, ids=[layer for layer, _ in LAYERS])
def test_layers_import_only_downwards(layer: str, below: tuple[str, ...]) -> None:
    graph = _graph()
    assert any(_under(m, layer) for m in graph), layer
    wrong = sorted(
        (m, d) for m, deps in graph.items() if _under(m, layer) for d in deps if any(_under(d, b) for b in below)
    )
    assert wrong == []


def test_no_module_imports_another_modules_private_names() -> None:
    """A name with a leading underscore is its module's own: another module that needs it needs a public name."""
    found = []
    for path in PACKAGE_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("generator")):
                names = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                found += [f"{path.relative_to(PACKAGE_DIR)}: {n}" for n in names]
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                base = node.value
                if isinstance(base, ast.Name) and base.id in {"cat", "catalogue", "registry", "formats", "engine"}:
                    found.append(f"{path.relative_to(PACKAGE_DIR)}: {base.id}.{node.attr}")
    assert found == []


def test_each_kind_of_page_has_one_module_and_one_template() -> None:
    """site/pages/<kind>.py renders templates/<kind>.md.j2 (a performance form's two layouts: form_national and
    form_single), and nothing else renders a page template."""
    pages = {p.stem for p in (PACKAGE_DIR / "site" / "pages").glob("*.py") if p.stem != "__init__"}
    templates = {p.name.removesuffix(".md.j2") for p in (PACKAGE_DIR / "templates").glob("*.md.j2")}
    kinds = {t.split("_")[0] if t.startswith("form_") else t for t in templates}
    assert pages == kinds
    for path in PACKAGE_DIR.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for template in templates:
            if f'"{template}.md.j2"' in text:
                kind = template.split("_")[0] if template.startswith("form_") else template
                assert path == PACKAGE_DIR / "site" / "pages" / f"{kind}.py", (template, path)


def test_no_record_is_read_by_position() -> None:
    """The site and the downloads name what they pass (UnitWork, LongRow, a Download): no `u[4]` on a record
    whose fields are of several kinds."""
    found = []
    for path in [*(PACKAGE_DIR / "site").rglob("*.py"), *(PACKAGE_DIR / "downloads").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            index = node.slice if isinstance(node, ast.Subscript) else None
            if isinstance(index, ast.Constant) and isinstance(index.value, int) and index.value >= 2:
                found.append(f"{path.relative_to(PACKAGE_DIR)}:{node.lineno}: {ast.unparse(node)}")
    assert found == []


def test_only_the_engine_knows_the_site_engine() -> None:
    words = ("mkdocs", "mike", "material", "zensical")
    for path in PACKAGE_DIR.rglob("*.py"):
        if path.name in ("engine.py",):
            continue
        code = "\n".join(
            line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")
        )
        tree = ast.parse(code)
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
            and n.body
            and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)
        }
        strings = [
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
        ]
        found = [w for w in words for s in strings if w in s.lower() and "mkdocs.yml" not in s]
        imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
        imported = [
            getattr(n, "module", None) or n.names[0].name
            for n in imports
            if any(w in str(getattr(n, "module", "") or n.names[0].name).lower() for w in words)
        ]
        assert not found and not imported, (path.name, found, imported)


@pytest.mark.parametrize("package", sorted(p.parent for p in (ROOT / "datapackages").glob("*/*/datapackage.json")))
def test_frictionless_cli_validates_every_bundled_package(package: Path) -> None:
    """Plain Frictionless, from its own command line, finds every bundled package valid."""
    cli = Path(sys.executable).with_name("frictionless")
    proc = subprocess.run([str(cli), "validate", str(package / "datapackage.json")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


def test_the_environment_and_the_terms_are_read_once_where_a_run_starts() -> None:
    """Settings are read in settings.py, where a run starts, and passed down: no other module reads an environment
    variable or looks for pyproject.toml (the engine hands its environment on to the site engine's process)."""
    found = []
    for path in PACKAGE_DIR.rglob("*.py"):
        if path.name == "settings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = ast.unparse(node) if isinstance(node, ast.Call | ast.Attribute) else ""
            if isinstance(node, ast.Call) and text.startswith(("os.getenv", "project_terms(")):
                found.append(f"{path.relative_to(PACKAGE_DIR)}: {text}")
            if isinstance(node, ast.Attribute) and text == "os.environ":
                found.append(f"{path.relative_to(PACKAGE_DIR)}:{node.lineno}")
    assert [f.split(":")[0] for f in found] == ["engine.py"]


def test_settings_come_from_the_environment_given() -> None:
    from generator.errors import GeneratorError
    from generator.settings import Settings

    s = Settings.load(
        environ={"BUDGETSITE_SHARD_UNITS": "7", "BUDGETSITE_SCRATCH": "/x", "BUDGETSITE_ENGINE": "zensical"}
    )
    assert (s.shard_units, s.scratch, s.engine) == (7, "/x", "zensical")
    assert Settings.load(environ={}).shard_units == 100 and Settings.load(environ={}).scratch is None
    with pytest.raises(GeneratorError, match="BUDGETSITE_SHARD_UNITS"):
        Settings.load(environ={"BUDGETSITE_SHARD_UNITS": "many"})


def test_one_pool_maps_in_order_here_or_on_forked_processes() -> None:
    from generator.workers import fork_map

    seen: list[int] = []
    assert fork_map(lambda x: x * x, list(range(7)), 2) == [x * x for x in range(7)]
    assert fork_map(lambda x: seen.append(x) or x, [3, 1], 1) == [3, 1] and seen == [3, 1]  # one process: here


def test_no_fork_after_the_chart_compiler_started() -> None:
    """vl-convert runs its JavaScript runtime on threads of its own: a process forked after it started would wait
    for them for ever. After a chart is compiled, fork_map works in this process and returns."""
    code = (
        "import json\n"
        "from generator import charts, workers\n"
        "def compile(n):\n"
        "    spec = {'mark': 'bar', 'data': {'values': [{'x': n}]}, 'encoding': {'x': {'field': 'x', 'type': 'quantitative'}}}\n"
        "    return len(charts._compiled(json.dumps(spec)))\n"
        "compile(0)\n"
        "print(workers.fork_map(compile, [1, 2, 3, 4], 2))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("[")


# A module above this size does more than one job, save those whose one job is long (the reason says which)
MODULE_LINES = 600
ONE_LONG_JOB = {
    "catalogue.py": "what the tables are: the 22 schemas of the national tables and the other resources, in one place",
}


def test_no_module_is_long_but_one_long_job() -> None:
    long = {
        path.relative_to(PACKAGE_DIR).as_posix(): n
        for path in PACKAGE_DIR.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }
    assert set(long) <= set(ONE_LONG_JOB), long
