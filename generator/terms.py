"""The terms everything published carries (pages, packages, zips, spreadsheets): who publishes it and under which
licence, set once in the project's pyproject.toml under [tool.budgetsite.terms]."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import GeneratorError


@dataclass(frozen=True)
class Terms:
    publisher: str = "预算公开数据"
    licence: str = "CC-BY-4.0"  # an SPDX identifier
    licence_title: str = "知识共享署名 4.0 国际许可协议（CC BY 4.0）"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/deed.zh-hans"
    source_rights: str = "原始公开文件的权利归各发布单位；数字照原文录入，未作更正。"
    site_url: str = ""  # the address the site is served from, for citations (https://example.org)

    @property
    def notice(self) -> str:
        """One line for a page footer or a file header."""
        return f"{self.publisher}整理发布。数据按{self.licence_title}提供：{self.licence_url}。{self.source_rights}"

    def licenses(self) -> list[dict[str, str]]:
        """As a Frictionless descriptor lists them."""
        return [{"name": self.licence, "path": self.licence_url, "title": self.licence_title}]


def project_terms(start: Path) -> Terms:
    """The terms of the project `start` is in: the first pyproject.toml at or above it with [tool.budgetsite.terms];
    the defaults where there is none. Every page asks, so a file is parsed once per version of it."""
    for folder in [start.resolve(), *start.resolve().parents]:
        path = folder / "pyproject.toml"
        try:
            stat = path.stat()
        except OSError:
            continue
        terms = _terms_in(path, stat.st_mtime_ns, stat.st_size)
        if terms is not None:
            return terms
    return Terms()


@functools.lru_cache(maxsize=64)
def _terms_in(path: Path, mtime_ns: int, size: int) -> Terms | None:
    """The terms one pyproject.toml sets (None where it sets none); cached by the file's path, time and size."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("budgetsite", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise GeneratorError(f"not valid TOML ({exc})", path) from exc
    given = table.get("terms")
    if given is None:
        return None
    known = {f.name for f in fields(Terms)}
    if not isinstance(given, dict) or set(given) - known or not all(isinstance(v, str) for v in given.values()):
        raise GeneratorError(f"[tool.budgetsite.terms] takes text values for {sorted(known)}", path)
    return Terms(**given)


def _bibtex(text: str) -> str:
    """A value inside a BibTeX field's braces: braces and backslashes from the data cannot close it."""
    return text.replace("\\", "").replace("{", "（").replace("}", "）")


def citation(
    terms: Terms, unit: str, year: int, title: str, address: str, sha256: str, key: str, kind: str = "预算"
) -> dict[str, str]:
    """How to cite a published page: GB/T 7714-2015 (数据集, [DS/OL]) and BibTeX. `address`: the page's path from
    the site root, made absolute with the project's site_url when one is set."""
    url = f"{terms.site_url.rstrip('/')}/{address}" if terms.site_url else f"/{address}"
    shown = url if terms.site_url else f"{url}（相对地址）"
    gbt = f"{terms.publisher}. {unit}{year}年{kind}公开数据：{title}[DS/OL]. ({year})[引用日期]. {shown}. SHA-256: {sha256}."
    bib = (
        f"@misc{{{key},\n"
        f"  author = {{{{{_bibtex(terms.publisher)}}}}},\n"
        f"  title = {{{_bibtex(f'{unit}{year}年{kind}公开数据：{title}')}}},\n"
        f"  year = {{{year}}},\n"
        f"  howpublished = {{\\url{{{url}}}}},\n"
        f"  note = {{{'' if terms.site_url else '相对地址. '}SHA-256: {sha256}. {_bibtex(terms.licence_title)}}}\n"
        "}"
    )
    relative = "" if terms.site_url else "relative"
    return {"gbt": gbt, "bibtex": bib, "url": url, "sha256": sha256, "relative": relative}
