"""Import time per document: each source is read and written to a temporary package, three runs, best kept.

python benchmarks/import_time.py [SOURCE ...]     (default: every PDF and text under sources/)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.importer.pdf import read_pdf  # noqa: E402
from generator.importer.text import read_text  # noqa: E402
from generator.package_write import write_package  # noqa: E402


def once(source: Path, out: Path) -> tuple[float, int]:
    started = time.perf_counter()
    d = read_pdf(source)[0] if source.suffix == ".pdf" else read_text(source)
    write_package(d, "bench", out / "p", force=True)
    return time.perf_counter() - started, sum(len(t.rows) for t in d.tables.values())


def main(sources: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for source in sources:
            runs = [once(source, Path(tmp)) for _ in range(3)]
            best = min(t for t, _ in runs)
            print(
                f"{source.name:<48} {best:6.2f} s  ({runs[0][1]} rows; runs: {', '.join(f'{t:.2f}' for t, _ in runs)})"
            )


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]]
    main(args or sorted((ROOT / "sources").rglob("*.pdf")) + sorted((ROOT / "sources").glob("*.txt")))
