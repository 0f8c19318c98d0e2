"""A package as one zip: its files, its check results and a LICENSE.txt, with fixed timestamps."""

from __future__ import annotations

from ..files import zip_bytes
from ..package import Package
from ..terms import Terms


def licence_text(pkg: Package, terms: Terms) -> bytes:
    """LICENSE.txt of a package's zip: the publisher, the licence and the source's rights."""
    sources = "、".join(str(s.get("file")) for s in pkg.descriptor.get("sources", []))
    return f"{pkg.unit} {pkg.year}\n{terms.notice}\n来源文件：{sources}\n".encode()


def package_zip(pkg: Package, extra: dict[str, bytes], terms: Terms) -> bytes:
    """The package's files plus the extra ones (e.g. the check results) and its LICENSE.txt, with fixed
    timestamps."""
    root = pkg.path
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    files.update(extra)
    files["LICENSE.txt"] = licence_text(pkg, terms)
    return zip_bytes((f"{pkg.year}-{pkg.slug}/{name}", files[name]) for name in sorted(files))
