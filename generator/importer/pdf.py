"""Read a disclosure published as a PDF with ruled tables (pdfplumber).

Pages are classified by their first line: a standard table's title starts a table, which continues on the following
pages (header rows repeated there are skipped); a known section heading starts a text section. Anything else that
carries a table or a heading the reader does not know is reported, never guessed at.

This module opens the file, reads the text of every page, refuses what is not a budget disclosure and walks the
document's blocks. What each page is: `pdf_pages`; the cells of its tables: `pdf_cells`; a standard table:
`pdf_tables`; the text sections: `pdf_sections`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .. import catalogue as cat
from ..errors import ImportFailed
from ..model import Disclosure, Text
from . import families
from .common import MalformedAmount
from .layout import page_lines
from .metadata import ATTACHED, Metadata, metadata
from .pdf_cells import Tables, clean, extract_tables, first_table
from .pdf_pages import OWN, PART, SET_TITLE, Block, PdfReport, blocks_of, prose
from .pdf_sections import glossary, items, markdown
from .pdf_tables import AS_PRINTED_NOTE, as_printed, page_tables, standard_table
from .stated import stated_table


def read_pdf(
    path: Path,
    progress=None,
    unit_name: str | None = None,
    year: int | None = None,
    alone: bool = True,
    workers: int | None = None,
) -> tuple[Disclosure, PdfReport]:
    """The disclosure in a PDF; `progress(done, total)` is called as pages are read. `alone`: False where the file
    is one of several files of a disclosure (then a file of explanations without tables is not refused).
    `workers`: the processes its tables are read on (None: one a core, at most two)."""
    from pypdfium2 import PdfiumError  # type: ignore[import-untyped]

    doc = _open(path)
    # pdfium reads the text of every page fast; pdfplumber's slower analysis is kept for the pages with tables
    texts: list[list[str]] = []
    try:
        for n in range(len(doc)):
            texts.append(page_lines(doc[n]))
            if progress:
                progress(n + 1, len(doc))
    except PdfiumError as exc:
        raise ImportFailed(
            f"a damaged PDF: page {len(texts) + 1} cannot be read; download the document again", path
        ) from exc
    finally:
        doc.close()
    if not any(line.strip() for lines in texts for line in lines):
        raise ImportFailed("the PDF has no text layer (scanned images only); it needs OCR first", path)
    plain = [(None, lines) for lines in texts]
    wanted = sorted(
        n
        for b in blocks_of(plain, PdfReport(), path)
        if b.kind in cat.BY_NAME or b.kind == "unrecognised" or b.kind.startswith(OWN)
        for n in b.pages
    )
    _refuse_other_kinds(path, metadata(texts, unit_name, year))  # before the slow part: tables
    tables = extract_tables(path, wanted, workers)
    if alone and not any(tables.values()):  # none where titles are: is there one on any page but running text?
        tables.update(first_table(path, [n for n, t in enumerate(texts) if n not in wanted and not prose(t)]))
    pages = [(Tables(tables.get(n, [])), lines) for n, lines in enumerate(texts)]
    return _read(path, pages, unit_name, year, alone)


def _open(path: Path):
    """The PDF opened by pdfium, or a refusal that says in words what the file is instead."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise ImportFailed(f"the file cannot be opened ({exc.strerror or 'no access'})", path) from exc
    if b"%PDF-" not in head:
        raise ImportFailed(f"not a PDF: {_what_instead(head)}", path)
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise ImportFailed("the PDF is protected by a password; save a copy without one", path) from exc
        if exc.err_code == pdfium.raw.FPDF_ERR_SECURITY:
            raise ImportFailed("the PDF is locked by a security handler that cannot be opened", path) from exc
        raise ImportFailed("a damaged PDF that cannot be opened (cut short?); download it again", path) from exc


def _what_instead(head: bytes) -> str:
    """What a file named .pdf holds instead, from its first bytes."""
    start = head.lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:200]:
        return "it is a web page (HTML), perhaps an error page saved in place of the document"
    if head.startswith(b"PK\x03\x04"):
        return "it is a ZIP archive (a .docx or .xlsx file?); save the document as PDF"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "it is an older Office file (.doc or .xls?); save the document as PDF"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "it is an image; a budget is read from a PDF with a text layer"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "it does not start as a PDF does (%PDF-)"
    return "it holds plain text (extracted text is read from a file named .txt)"


def _read(
    path: Path, pages: list, unit_name: str | None = None, year: int | None = None, alone: bool = True
) -> tuple[Disclosure, PdfReport]:
    meta = metadata([lines for _, lines in pages], unit_name, year)
    _refuse_other_kinds(path, meta)
    if alone and not any(page.extract_tables() for page, _ in pages if page is not None):
        raise ImportFailed(_text_only(path, pages), path)
    if meta.kind == cat.FINAL and alone and not _any_figure(pages):
        raise ImportFailed(
            "a blank 决算 template: its tables print headers and no figure, so there is nothing to import", path
        )
    if meta.year is None or not meta.unit:
        if (tables := _tables_only(pages, path)) is not None:
            raise ImportFailed(_without_cover(path, tables, meta.unit is None, meta.year is None), path)
    if meta.year is None:
        raise ImportFailed(f"no budget year in the title {meta.title!r} or the headings; give it with --year", path)
    if not meta.unit:
        raise ImportFailed(
            "the unit is named nowhere (cover, 编制单位/单位名称/部门：…); give it with --unit-name", path
        )
    d = Disclosure(unit=meta.unit, year=meta.year, kind=meta.kind or cat.BUDGET, title=meta.title, source=path.name)
    report = PdfReport()

    blocks = blocks_of(pages, report, path)
    texts: list[tuple[str, str, str]] = []
    own: dict[str, list[Block]] = {}
    for b in blocks:
        where = f"page {b.pages[0] + 1}" + (f"–{b.pages[-1] + 1}" if len(b.pages) > 1 else "")
        if b.kind in cat.BY_NAME:
            try:
                d.tables[b.kind] = standard_table(path, pages, b, cat.BY_NAME[b.kind])
                report.found.append((b.kind, where))
                if apart := d.tables[b.kind].set_apart:  # those columns, with the rest, as printed
                    t = as_printed(path, pages, b, f"{b.kind}_as_printed", b.kind)
                    t.note = AS_PRINTED_NOTE.format(titles="”“".join(apart), title=b.title)
                    d.tables[t.name] = t
                    report.found.append((t.name, f"{where} (as printed, for its columns {'、'.join(apart)})"))
            except MalformedAmount:
                raise  # a figure that cannot be read is never set aside with its table
            except ImportFailed as exc:  # columns this reader does not know for that kind: kept as printed
                try:
                    t = as_printed(path, pages, b, f"{b.kind}_as_printed", b.kind)
                except ImportFailed:
                    report.not_imported.append(f"{b.title} ({where}): {exc.message}")
                    continue
                d.tables[t.name] = t
                report.found.append((t.name, f"{where} (as printed: {_why(exc)})"))
                if (computed := families.from_printed(b.kind, t)) is not None:
                    d.tables[b.kind] = computed
                    report.found.append((b.kind, f"{where} (computed from the table as printed, {computed.family})"))
        elif b.kind == "glossary":
            d.tables["glossary"], intro = glossary(path, pages, b)
            if intro:
                d.intro["glossary"] = intro
            report.found.append(("glossary", where))
        elif b.kind in ("duties", "offices"):
            d.tables[b.kind], intro = items(path, pages, b)
            if intro:
                d.intro[b.kind] = intro
            report.found.append((b.kind, where))
        elif b.kind == "explanation":
            texts.append((b.title, markdown(pages, b), where))
        elif b.kind.startswith(OWN):
            own.setdefault(b.kind[len(OWN) :], []).append(b)
        elif b.kind == "not-imported":
            report.not_imported.append(f"{b.title} ({where})")
        elif b.kind == "unrecognised":
            try:
                t = as_printed(path, pages, b, f"table_{len(d.tables) + 1:02d}", None)
            except ImportFailed:
                t = None
            if t is not None and t.rows:
                d.tables[t.name] = t
                report.found.append((t.name, f"{where} (as printed)"))
            elif t is not None and any(not re.fullmatch(r"第\d+栏", x) for x in t.titles.values()):
                t.note = "原表无数据（仅印表头）"  # printed with its headers and no figure: published empty
                d.tables[t.name] = t
                report.found.append((t.name, f"{where} (as printed, no figures)"))
            else:
                report.not_imported.append(f"{b.title} ({where}): no table on the page")
    for name, bs in own.items():
        printed = [families.Page(n, pages[n][1], page_tables(pages[n][0])) for b in bs for n in b.pages]
        where = f"page {bs[0].pages[0] + 1}" + (f"–{bs[-1].pages[-1] + 1}" if len(bs) > 1 else "")
        for t in families.reader_named(name).read(path.name, [b.title for b in bs], printed):
            d.tables[t.name] = t
            report.found.append((t.name, where))
    for n, (heading, md, where) in enumerate(texts, start=1):
        d.texts.append(Text(seq=n, title=heading, markdown=md, located=f"{path.name}: {where}"))
    _unprinted_units(d)
    if d.kind == cat.FINAL:
        d.captions = _captions(pages, blocks)
        if (said := stated_table(d)) is not None:
            d.tables[said.name] = said
    report.missing = [k.title for k in cat.tables_of(d.kind) if k.name not in d.tables]
    d.level = meta.level
    d.not_published = list(report.missing)
    d.not_imported = list(report.not_imported)
    return d, report


_CAPTION_DEPT = re.compile(r"(?:^|\s)(?:编制部门|编制单位|部门|单位名称)\s*[：:]\s*([^\s：:]+)")


def _captions(pages: list, blocks: list[Block]) -> list[dict]:
    """The unit each table page names, over its tables (某局 2024 年度部门决算表) or on a labelled line (部门：某局),
    once per wording, with the first page that prints it."""
    out: dict[str, dict] = {}
    for b in blocks:
        if b.kind not in cat.BY_NAME:
            continue
        for n in b.pages:
            lines = [ln.strip() for ln in pages[n][1] if ln.strip()][:8]
            for ln in lines:
                key = re.sub(r"\s+", "", ln)
                if (m := SET_TITLE.search(key)) and m.start() > 0:
                    unit = PART.sub("", re.sub(r"(?:19|20)\d{2}年度?(?:部门|单位)(?:预算|决算)报?表$", "", key))
                    out.setdefault(key, {"page": n + 1, "printed": ln, "unit": unit})
            if m := _CAPTION_DEPT.search(" ".join(lines)):
                dept = m.group(1)
                out.setdefault(f"dept:{dept}", {"page": n + 1, "printed": m.group(0).strip(), "unit": dept})
    return list(out.values())


_FIGURE = re.compile(r"^-?(?:[\d,]*\d *\.\d+|\d{1,3}(?:,\d{3})+|\d{4,},\d{3})$")  # also 120258,600 and 25180591 .33


def _any_figure(pages: list) -> bool:
    """Some table cell holds an amount with decimals (a template's tables hold only headers and XXX)."""
    return any(
        _FIGURE.match(clean(c))
        for page, _ in pages
        if page is not None
        for t in page.extract_tables()
        for r in t
        for c in r
        if c
    )


def _refuse_other_kinds(path: Path, meta: Metadata) -> None:
    if meta.kind not in cat.DOCUMENT_KINDS:
        raise ImportFailed("not a budget disclosure: no 预算 or 决算 in its title, headings or running titles", path)


def _text_only(path: Path, pages: list) -> str:
    """A file of explanations whose tables were published apart (北京: 第一部分 情况说明 here, the 报表 in an
    attachment): what it holds, what it names as missing, and how to import both."""
    lines = [ln.strip() for _, page in pages for ln in page if ln.strip()]
    part = next((m.group(0) for ln in lines if (m := _EXPLANATIONS.match(ln))), None)
    if part:
        part = re.sub(r"\s+", " ", part)
        holds = f"the explanations ({part!r}, {len(pages)} pages)"
    else:
        holds = f"{len(pages)} pages of text"
    attached = next((m.group(0) for ln in reversed(lines) if (m := ATTACHED.search(ln))), None)
    announced = next((m.group(1) for ln in reversed(lines) if (m := _TABLES_PART.search(ln))), None)
    both = f"import both with `budgetsite import {path} <tables file> --unit …`"
    if attached:
        missing = f"the tables are in {attached!r}, a file of their own: {both}"
    elif announced:
        missing = f"the tables of {announced!r} are not in it: {both}"
    else:
        missing = f"a budget's figures are read from its tables: if they were published as a file of their own, {both}"
    return f"holds only {holds} and no table; {missing}"


def _tables_only(pages: list, path: Path) -> list[str] | None:
    """The titles of the tables of a file that is only tables (北京's 报表 attachment: no cover, no explanations,
    the first page a table), or None."""
    blocks = blocks_of(pages, PdfReport(), path)
    if not blocks or blocks[0].pages[0] != 0 or blocks[0].kind not in cat.BY_NAME:
        return None
    return [b.title for b in blocks if b.kind in cat.BY_NAME or b.kind == "unrecognised"]


def _unprinted_units(d: Disclosure) -> None:
    """A table that prints no amount unit is in the unit the document's other tables print (the usual one)."""
    printed = Counter(t.amount_unit for t in d.tables.values() if t.amount_unit and t.amount_unit_printed)
    if printed:
        usual = printed.most_common(1)[0][0]
        for t in d.tables.values():
            if t.amount_unit and not t.amount_unit_printed:
                t.amount_unit = usual


def _without_cover(path: Path, tables: list[str], unit: bool, year: bool) -> str:
    if unit and year:
        lacks = "prints neither its unit nor its year: give them with --unit-name <unit> --year <year>"
    else:
        lacks = "does not print its unit: give it with --unit-name <unit>"
        if year:
            lacks = "does not print its year: give it with --year <year>"
    first = re.sub(r"\s+", " ", tables[0])
    return (
        f"holds only tables ({len(tables)} of them, {first} first), without cover or explanations, and {lacks}, "
        f"or import it after the file of explanations it belongs to: "
        f"`budgetsite import <explanations file> {path} --unit …`"
    )


_EXPLANATIONS = re.compile(r"^第[一二三四五六七八九十]+部分\s*\S.*?说明$")
_TABLES_PART = re.compile(r"(第[一二三四五六七八九十]+部分\s*[^。，；]*?(?:报表|预算表))\s*$")


def _why(exc: ImportFailed) -> str:
    """A reason in full, with the row it concerns where it names one (the page is said already)."""
    at = (exc.path or "").split(": ", 1)[-1]
    return f"{at}: {exc.message}" if "row" in at else exc.message
