"""Read a disclosure published as a PDF with ruled tables (pdfplumber).

Pages are classified by their first line: a standard table's title starts a table, which continues on the following
pages (header rows repeated there are skipped); a known section heading starts a text section. Anything else that
carries a table or a heading the reader does not know is reported, never guessed at.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import catalogue as cat
from ..errors import ImportFailed
from ..model import Disclosure, Row, Table, Text
from ..workers import available, fork_map
from . import families
from .common import (
    AMOUNT,
    CODE,
    CODE_GLUED,
    MalformedAmount,
    column_titles,
    derive,
    is_data_start,
    is_numbering,
    is_total,
    join_wrapped,
    make_row,
    page_meta,
)
from .layout import page_lines
from .metadata import ATTACHED, Metadata, metadata
from .printed import printed_table
from .stated import stated_table
from .titles import TABLE_NUMBER_BEFORE, find_table, table_key

_OWN = "own:"  # a block read by a family's own reader
_NUMBERED = re.compile(r"^(（[一二三四五六七八九十]+）、?|[一二三四五六七八九十]+、|\d{1,2}[.．、](?!\d)\s*|（\d+）)")
_TEXT_SECTIONS = (
    ("主要职能", "duties"),
    ("机构设置", "offices"),
    ("名词解释", "glossary"),
    ("预算编制说明", "explanation"),
    ("其他相关情况说明", "explanation"),
    ("项目经费情况说明", "explanation"),
)
_RUNS_ON = ("explanation", "duties", "offices", "skip", "not-imported")  # text that goes on overleaf (名词解释: below)
_NOT_IMPORTED = ("绩效目标填报表", "绩效目标申报表")


@dataclass
class PdfReport:
    """What the reader found, for the import summary."""

    found: list[tuple[str, str]] = field(default_factory=list)  # (resource, pages)
    missing: list[str] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Block:
    kind: str  # table name, "combined", a text section, or "skip"
    title: str
    pages: list[int] = field(default_factory=list)
    heading_lines: int = 1  # lines atop its first page that are its heading, not its text


def _clean(cell: str | None) -> str:
    return re.sub(r"\s*\n\s*", "", cell or "").strip()


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
        for b in _blocks(plain, PdfReport(), path)
        if b.kind in cat.BY_NAME or b.kind == "unrecognised" or b.kind.startswith(_OWN)
        for n in b.pages
    )
    _refuse_other_kinds(path, metadata(texts, unit_name, year))  # before the slow part: tables
    tables = _extract_tables(path, wanted, workers)
    if alone and not any(tables.values()):  # none where titles are: is there one on any page but running text?
        tables.update(_first_table(path, [n for n, t in enumerate(texts) if n not in wanted and not _prose(t)]))
    pages = [(_Tables(tables.get(n, [])), lines) for n, lines in enumerate(texts)]
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


class _Tables:
    """A page's tables, extracted beforehand."""

    def __init__(self, tables: list):
        self.tables = tables

    def extract_tables(self) -> list:
        return self.tables


def _extract_some(path: str, pages: list[int]) -> dict[int, list]:
    import pdfplumber

    found = {}
    with pdfplumber.open(path) as pdf:
        for n in pages:
            try:
                found[n] = _cells(pdf.pages[n])
            except Exception as exc:  # pdfminer raises many kinds of errors for a damaged page
                raise ImportFailed(
                    f"a damaged PDF: the tables of page {n + 1} cannot be read; download it again", path
                ) from exc
    return found


def _cells(page) -> list:
    """pdfplumber's tables of a page as printed: each glyph overprinted at its own place (a faked bold face) read
    once, and a white fill (the background an office program paints under each cell, inside its margins) no rule."""
    page = page.filter(_not_white_fill).dedupe_chars()
    out = []
    for table in page.find_tables():
        rows = table.extract()
        _figures_within(page, table, rows)
        if (above := _row_above(page, table, rows)) is not None:
            rows.insert(0, above)
        widths = [c.bbox[2] - c.bbox[0] for c in table.columns]
        out.append(Grid(rows, widths=widths if all(len(r) == len(widths) for r in rows) else None))
    return out


class Grid(list):
    """A table's rows as pdfplumber gives them, with the width of each column where known (a blank column as wide
    as a printed one is a column of the table, not the margin of its frame)."""

    def __init__(self, rows: list, widths: list[float] | None = None):
        super().__init__(rows)
        self.widths = widths


def _figures_within(page, table, rows: list) -> None:
    """A cell whose text is no figure but whose characters wholly inside its box are one: the rest is a label of
    the cell beside or above it, clipped at the cell's edge on the page but present in the text layer ('入\n0.00')."""
    for i, line in enumerate(table.rows):
        for j, box in enumerate(line.cells):
            text = _clean(rows[i][j]) if j < len(rows[i]) else ""
            if box is None or not re.search(r"\d", text) or AMOUNT.match(text):
                continue
            x0, top, x1, bottom = box
            inside = [
                c for c in page.chars if x0 <= c["x0"] and c["x1"] <= x1 and top <= c["top"] and c["bottom"] <= bottom
            ]
            own = "".join(c["text"] for c in sorted(inside, key=lambda c: (round(c["top"]), c["x0"]))).strip()
            if own and AMOUNT.match(own):
                rows[i][j] = own


def _row_above(page, table, rows: list) -> list[str] | None:
    """The line printed just above a table that starts with a line numbered after 1 (a continuation page, its header
    not repeated) and whose top rule was drawn on the page before: a line of its own (23 | 302 | 商品和服务支出 | …) or
    the rest of the last line of that page ((基本建设)); each word in the column it stands in."""
    first = next((c for c in rows[0] if c), "") if rows else ""
    columns = table.rows[0].cells if table.rows else []
    if not re.fullmatch(r"\d{1,2}", _clean(first)) or int(_clean(first)) < 2 or not columns or None in columns:
        return None  # not a line numbered after line 1 (a code of 3 to 7 digits is no 序号), or merged cells
    left, top, right, _ = table.bbox
    height = columns[0][3] - columns[0][1]
    words = [
        w
        for w in page.extract_words()
        if top - 1.5 * height <= w["top"] and w["bottom"] <= top + 1 and left <= (w["x0"] + w["x1"]) / 2 <= right
    ]
    row = [""] * len(columns)
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        mid = (w["x0"] + w["x1"]) / 2
        j = next((j for j, c in enumerate(columns) if c[0] <= mid <= c[2]), None)
        if j is None:
            return None
        row[j] += w["text"]
    return row if words else None


_WHITE = ((1,), (1, 1, 1), (0, 0, 0, 0))  # gray, RGB, CMYK


def _not_white_fill(obj: dict) -> bool:
    if obj.get("object_type") != "rect" or not obj.get("fill") or obj.get("stroke"):
        return True
    colour = obj.get("non_stroking_color")
    colour = (colour,) if isinstance(colour, int | float) else tuple(colour or ())
    return colour not in _WHITE


def _first_table(path: Path, pages: list[int]) -> dict[int, list]:
    """The tables of the first of `pages` that has any (pdfplumber, page by page), or nothing."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for n in pages:
            try:
                if found := _cells(pdf.pages[n]):
                    return {n: found}
            except Exception as exc:  # pdfminer raises many kinds of errors for a damaged page
                raise ImportFailed(
                    f"a damaged PDF: the tables of page {n + 1} cannot be read; download it again", path
                ) from exc
    return {}


def _extract_tables(path: Path, pages: list[int], workers: int | None = None) -> dict[int, list]:
    """pdfplumber's tables of the given pages, on `workers` processes (None: one a core, at most two), each
    reading every n-th page (page parsing dominates import time)."""
    n = max(1, min(available() if workers is None else workers, len(pages)))
    try:
        found: dict[int, list] = {}
        for part in fork_map(functools.partial(_extract_some, str(path)), [pages[k::n] for k in range(n)], n):
            found.update(part)
    except ImportFailed:
        raise
    except Exception as exc:  # pdfminer raises many kinds of errors for a damaged file
        raise ImportFailed("a damaged PDF: its pages cannot be read for tables; download it again", path) from exc
    return found


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

    blocks = _blocks(pages, report, path)
    texts: list[tuple[str, str, str]] = []
    own: dict[str, list[_Block]] = {}
    for b in blocks:
        where = f"page {b.pages[0] + 1}" + (f"–{b.pages[-1] + 1}" if len(b.pages) > 1 else "")
        if b.kind in cat.BY_NAME:
            try:
                d.tables[b.kind] = _table(path, pages, b, cat.BY_NAME[b.kind])
                report.found.append((b.kind, where))
                if apart := d.tables[b.kind].set_apart:  # those columns, with the rest, as printed
                    t = _as_printed(path, pages, b, f"{b.kind}_as_printed", b.kind)
                    t.note = AS_PRINTED_NOTE.format(titles="”“".join(apart), title=b.title)
                    d.tables[t.name] = t
                    report.found.append((t.name, f"{where} (as printed, for its columns {'、'.join(apart)})"))
            except MalformedAmount:
                raise  # a figure that cannot be read is never set aside with its table
            except ImportFailed as exc:  # columns this reader does not know for that kind: kept as printed
                try:
                    t = _as_printed(path, pages, b, f"{b.kind}_as_printed", b.kind)
                except ImportFailed:
                    report.not_imported.append(f"{b.title} ({where}): {exc.message}")
                    continue
                d.tables[t.name] = t
                report.found.append((t.name, f"{where} (as printed: {_why(exc)})"))
                if (computed := families.from_printed(b.kind, t)) is not None:
                    d.tables[b.kind] = computed
                    report.found.append((b.kind, f"{where} (computed from the table as printed, {computed.family})"))
        elif b.kind == "glossary":
            d.tables["glossary"], intro = _glossary(path, pages, b)
            if intro:
                d.intro["glossary"] = intro
            report.found.append(("glossary", where))
        elif b.kind in ("duties", "offices"):
            d.tables[b.kind], intro = _items(path, pages, b)
            if intro:
                d.intro[b.kind] = intro
            report.found.append((b.kind, where))
        elif b.kind == "explanation":
            texts.append((b.title, _markdown(pages, b), where))
        elif b.kind.startswith(_OWN):
            own.setdefault(b.kind[len(_OWN) :], []).append(b)
        elif b.kind == "not-imported":
            report.not_imported.append(f"{b.title} ({where})")
        elif b.kind == "unrecognised":
            try:
                t = _as_printed(path, pages, b, f"table_{len(d.tables) + 1:02d}", None)
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
        printed = [families.Page(n, pages[n][1], _page_tables(pages[n][0])) for b in bs for n in b.pages]
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


def _captions(pages: list, blocks: list[_Block]) -> list[dict]:
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
                if (m := _SET_TITLE.search(key)) and m.start() > 0:
                    unit = _PART.sub("", re.sub(r"(?:19|20)\d{2}年度?(?:部门|单位)(?:预算|决算)报?表$", "", key))
                    out.setdefault(key, {"page": n + 1, "printed": ln, "unit": unit})
            if m := _CAPTION_DEPT.search(" ".join(lines)):
                dept = m.group(1)
                out.setdefault(f"dept:{dept}", {"page": n + 1, "printed": m.group(0).strip(), "unit": dept})
    return list(out.values())


_FIGURE = re.compile(r"^-?(?:[\d,]*\d *\.\d+|\d{1,3}(?:,\d{3})+|\d{4,},\d{3})$")  # also 120258,600 and 25180591 .33


def _any_figure(pages: list) -> bool:
    """Some table cell holds an amount with decimals (a template's tables hold only headers and XXX)."""
    return any(
        _FIGURE.match(_clean(c))
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
    blocks = _blocks(pages, PdfReport(), path)
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


_PAGE_NOISE = re.compile(
    r"^(?:[-—–\s]*\d+[-—–\s]*|第\s*\d+\s*页|(?:金额)?单位\s*[：:].*|(?:部门|单位|预算单位|部门（单位）|单位名称|部门名称)\s*[：:].*)$"
)


_QUALIFIER = re.compile(r"[（(](?:按|支出|不含)[^（()）]{1,30}[）)]")  # a title's (按经济分类科目分) under it


def _heading(lines: list[str], running: str = "") -> str:
    """A page's heading: its first line, or, for a table, the title wherever the first lines print it (after a
    running title or a page number, after a number of its own on a line of its own: 公开 01 表 / 收支总表)."""
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    top = [ln.strip() for ln in lines if ln.strip()][:8]
    part = False
    for i, ln in enumerate(top):
        key = re.sub(r"\s+", "", ln)
        if not key or key == running or _PAGE_NOISE.match(ln):
            continue
        contents = sum(bool(_TABLE_TITLE.search(re.sub(r"\s+", "", x))) for x in top[i + 1 :]) > 1  # 目录 page
        if (
            (_PART.match(key) or (_PART_NUMBERED.match(key) and not contents) or _SET_TITLE.search(key))
            and find_table(key) is None
            and i + 1 < len(top)
        ):
            after = next((re.sub(r"\s+", "", x) for x in top[i + 1 :] if not _PAGE_NOISE.match(x)), "")
            if _PART.fullmatch(key) or _TABLE_TITLE.search(after) or TABLE_NUMBER_BEFORE.fullmatch(after):
                part = True
                continue  # 第二部分 …预算表 / 二、表格部分 above the first table's own title
            return ln  # a part of the text that names itself (第一部分 部门概况, 第四部分 名词解释)
        # the title alone: before a label with a colon on the same line (… 预算单位：…), or before the first space
        candidates = [ln, re.sub(r"\s+\S*[：:].*$", "", ln), ln.split(" ")[0]]
        numbered = TABLE_NUMBER_BEFORE.fullmatch(key) and i + 1 < len(top)
        if numbered:
            candidates.insert(0, f"{ln} {top[i + 1]}")
        after = top[i + 1 + bool(numbered)] if i + 1 + bool(numbered) < len(top) else ""
        if _QUALIFIER.fullmatch(after) and re.sub(r"\s+", "", candidates[0]).endswith("表"):
            return candidates[0] + after  # (按经济分类科目分) on a line of its own under the title: part of it
        for c in candidates:
            if find_table(re.sub(r"\s+", "", c)) is not None:
                return c
        if numbered:  # a table of its own whose title the catalogue does not know (公开表9 / 部门预算项目支出表)
            return candidates[0]
        if candidates[1] != ln and re.search(r"表[）)]?$", candidates[1]):
            return candidates[1]  # a title the catalogue does not know, the page's text run on after it
        return ln if part or _PAGE_NOISE.match(first) else first  # the first line that is not noise decides
    return first


def _text_title(lines: list[str], running: str) -> str:
    """The first line of a page of text that is not a page number or the running title."""
    top = [ln.strip() for ln in lines if ln.strip()]
    return next(
        (ln for ln in top if re.sub(r"\s+", "", ln) != running and not _PAGE_NOISE.match(ln)), top[0] if top else ""
    )


def _running_title(pages: list) -> str:
    """A line repeated at the top of many pages (苏州市审计局 2026 年度部门预算公开), to be looked past."""
    from collections import Counter

    tops = Counter(re.sub(r"\s+", "", ln) for _, lines in pages[1:] for ln in [x for x in lines if x.strip()][:1])
    for key in [k for k in tops if TABLE_NUMBER_BEFORE.fullmatch(k)]:
        del tops[key]  # a table's own number (表 3) printed over each of its pages
    title, n = tops.most_common(1)[0] if tops else ("", 0)
    return title if n >= 3 and not re.fullmatch(r"[-—–\s\d]*", title) else ""


def _blocks(pages: list, report: PdfReport, path: Path) -> list[_Block]:
    blocks: list[_Block] = []
    running = _running_title(pages)
    for n, (_page, lines) in enumerate(pages):
        head = _heading(lines, running)
        key = re.sub(r"\s+", "", head)
        kind = find_table(key)
        if n == 0 and kind is None and not _prose(lines):
            continue  # the cover (重庆 has none: its first page is the 说明)
        if key in ("目录", "目次"):
            blocks.append(_Block("skip", head, [n]))
        elif kind is not None:
            last = blocks[-1] if blocks else None
            if last is not None and last.kind == kind.name and table_key(last.title) == table_key(head):
                last.pages.append(n)  # the same table, its title printed again on the next page
            else:
                blocks.append(_Block(kind.name, head, [n]))
        elif (own := families.reader_for(key)) is not None:
            blocks.append(_Block(_OWN + own.name, head, [n]))  # one block a page; a family's reader reads them all
        elif any(x in key for x in _NOT_IMPORTED):
            if blocks and blocks[-1].kind == "not-imported" and blocks[-1].title == head:
                blocks[-1].pages.append(n)
            else:
                blocks.append(_Block("not-imported", head, [n]))
        elif (section := next((s for h, s in _TEXT_SECTIONS if key.endswith(h) and len(key) < 60), None)) is not None:
            blocks.append(_Block(section, head, [n]))
        elif _TABLE_TITLE.search(key) and len(key) <= 60:
            # a table title the catalogue does not know: reported, never read as part of the table before it;
            # its title printed again on the next page continues it
            last = blocks[-1] if blocks else None
            if (
                last is not None
                and last.kind == "unrecognised"
                and re.sub(r"\s+", "", last.title) == key
                and _same_header(
                    _header_lines(pages[last.pages[0]][1], key, running), _header_lines(lines, key, running)
                )
            ):
                last.pages.append(n)
            else:
                blocks.append(_Block("unrecognised", head, [n]))
        elif (_PART.match(key) or (_PART_NUMBERED.match(key) and _prose(lines))) and len(
            [ln for ln in lines if ln.strip()]
        ) > 3:
            blocks.append(_Block("explanation", head, [n]))  # 第三部分 … / 一、文字部分: a part of the text, verbatim
        elif title := _part_title(lines):
            blocks.append(_Block("part", title, [n]))  # 第三部分 and its title alone on a page: it titles what follows
        elif blocks and blocks[-1].kind == "part":
            part = re.sub(r"\s+", "", blocks[-1].title)
            section = next((s for h, s in _TEXT_SECTIONS if part.endswith(h)), "explanation")
            blocks[-1] = _Block(section, blocks[-1].title, [n], heading_lines=0)
        elif (
            blocks
            and blocks[-1].kind == "glossary"
            and (_GLOSSARY_ENTRY.match(head.strip()) or not _NUMBERED.match(head.strip()))
        ):
            blocks[-1].pages.append(n)  # the next entries of the 名词解释, or the rest of the last one
        elif blocks and (blocks[-1].kind in _RUNS_ON or not _prose(lines)) and not _after_contents(blocks, lines):
            blocks[-1].pages.append(n)  # a continuation page
        elif blocks or _prose(lines):
            blocks.append(_Block("explanation", _text_title(lines, running), [n]))  # text after a table, verbatim
        else:
            report.notes.append(f"page {n + 1}: not recognised ({head[:30]!r})")
    return blocks


_FIGURE_LINE = re.compile(r"\d ?\.\d|^\d{3}(?:\d{2}){0,2}(?:\s|$)")  # an amount, or a line that starts with a code


def _header_lines(lines: list[str], title: str, running: str) -> list[str]:
    """The lines of a table's header: after its title, the page number and the unit line, before the first line
    with a figure (or the wrapped label before it). The same header on the next page under the same title continues
    the table (a form of its own on each page prints its own name there)."""
    out = []
    for ln in lines:
        key = re.sub(r"\s+", "", ln)
        if not key or key in title or key == running or _PAGE_NOISE.match(ln) or _FOLIO.match(ln):
            continue
        if _FIGURE_LINE.search(ln.strip()):
            break
        out.append(key)
    return out


def _same_header(a: list[str], b: list[str]) -> bool:
    """Two pages print the same header: the same lines, but for the two last ones (a first row's label wrapped
    above its figures)."""
    same = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return same >= 1 and same >= min(len(a), len(b)) - 2


_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_TABLE_TITLE = re.compile(r"表(（[^）]*）|\([^)]*\))?$")
_APART = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")
# the title of the whole set of tables over the first one (某部门 2024 年度部门决算表)
_SET_TITLE = re.compile(r"(?:19|20)\d{2}年度?(?:部门|单位)(?:预算|决算)报?表$")
_PART_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、\S{0,8}部分$")  # 二、表格部分
_PROSE_LINE = re.compile(r"[\u4e00-\u9fff].*[，。；].*[\u4e00-\u9fff]")


def _part_title(lines: list[str]) -> str:
    """The title of a page that prints only a part's title (第三部分 / 2026年部门预算情况说明) and its page number."""
    top = [ln.strip() for ln in lines if ln.strip() and not _FOLIO.match(ln)]
    return " ".join(top) if 0 < len(top) <= 3 and _PART.match(top[0]) and not _prose(lines) else ""


def _after_contents(blocks: list[_Block], lines: list[str]) -> bool:
    """A page of running text after the 目录: the text begins (湖州 and 杭州 print their 目录 over two pages and the
    说明 after it under a heading no section is named by, 一、部门概况)."""
    return blocks[-1].kind == "skip" and _prose(lines)


def _prose(lines: list[str]) -> bool:
    """A page of running text (not the rest of a table): several long lines of sentences, each printed in one
    piece (the cells of a table's row are apart: 产出指标 数量指标 …)."""
    long = [
        ln
        for ln in lines
        if len(re.findall(r"[\u4e00-\u9fff]", ln)) >= 15 and _PROSE_LINE.search(ln) and not _APART.search(ln)
    ]
    return len(long) >= 3


# ---------------------------------------------------------------------------------------------
# Tables


def _page_tables(page) -> list[list[list[str]]]:
    return [
        _without_margins([[_clean(c) for c in row] for row in t], getattr(t, "widths", None))
        for t in page.extract_tables()
    ]


_MARGIN = 12.0  # pt: a blank column narrower than this (under two characters) is the margin of a frame


def _without_margins(rows: list[list[str]], widths: list[float] | None = None) -> list[list[str]]:
    """A ruled table without the blank margins of its frame, and without the rows inside the frame that only
    repeat the title, the unit or the running title. Where the columns' widths are known, a blank column as wide
    as a printed one is kept where it stands (a continuation page whose income half is an empty grid)."""
    width = max((len(r) for r in rows), default=0)
    filled = [j for j in range(width) if any(j < len(r) and r[j] for r in rows)]
    # a frame: the first column blank in every row; then a blank last column is its right edge. A blank column
    # inside a table, or at the right of a table without a frame, is data (a continuation page with no figure
    # in its last columns).
    keep = list(range(filled[0], filled[-1] + 1)) if filled and filled[0] > 0 else list(range(width))
    if widths and len(widths) == width and keep != list(range(width)):
        start, end = keep[0], keep[-1]
        while start > 0 and widths[start - 1] >= _MARGIN:
            start -= 1
        while end < width - 1 and widths[end + 1] >= _MARGIN:
            end += 1
        keep = list(range(start, end + 1))
    out = [[r[j] if j < len(r) else "" for j in keep] for r in rows]
    return [r for r in out if not _title_row(r)] if len(keep) < width or any(map(_title_row, out)) else out


def _title_row(row: list[str]) -> bool:
    """A row whose only cells are a table title, a unit line (金额单位：万元) or a 预算单位：… line."""
    filled = [c for c in row if c]
    return bool(filled) and all(
        _PAGE_NOISE.match(c) or TABLE_NUMBER_BEFORE.fullmatch(re.sub(r"\s+", "", c)) or find_table(c) for c in filled
    )


def _code_runs(header: list[list[str]]) -> list[list[int]]:
    """Columns of codes printed as 类 | 款 | 项 (or 类 | 款): one run per classification (some families print the 部门 and
    the 政府 economic code side by side)."""
    for row in header:
        runs, j = [], 0
        while j < len(row):
            k = j + 1
            if row[j] == "类":
                while k < len(row) and row[k] in ("款", "项"):
                    k += 1
                if k - j >= 2:
                    runs.append(list(range(j, k)))
            j = k
        if runs:
            return runs
    return []


def _code_columns(header: list[list[str]]) -> list[int]:
    runs = _code_runs(header)
    return runs[0] if runs else []


def _join_later_codes(row: list[str], runs: list[list[int]], header: bool = False) -> list[str]:
    """The codes of a second classification on the line as one cell each (its header: the title over them)."""
    for run in reversed(runs[1:]):
        if len(row) <= run[-1]:
            continue
        parts = [row[j] for j in run]
        cell = next((p for p in parts if p and p not in ("类", "款", "项")), "") if header else "".join(parts)
        row = [*row[: run[0]], cell, *row[run[-1] + 1 :]]
    return row


def _merge_codes(row: list[str], code_cols: list[int], width: int = 0, above: list[str] | None = None) -> list[str]:
    """One code cell from 类 | 款 | 项; a row not printed across all columns (a spanning 合计) is left as it is.
    Where a 款 or 项 row prints only its own part of the code (| 40 | or | | 01 |), the codes of the rows above
    complete it (`above`: the last full code seen at each level, kept up to date here)."""
    if not code_cols or (width and len(row) != width) or len(row) <= code_cols[-1]:
        return row
    parts = [row[j] for j in code_cols]
    before, after = row[: code_cols[0]], row[code_cols[-1] + 1 :]
    if is_total(parts[0]) or (not any(parts) and after and is_total(after[0])):
        return [*before, "合计", *after]
    if not any(parts) or above is None:
        return [*before, "".join(p for p in parts if p), *after]
    first = next(k for k, p in enumerate(parts) if p)
    code = "".join(p for p in parts[first:] if p)
    if first > 0 and len(above) >= first and above[first - 1]:
        code = above[first - 1] + code
    level = {3: 0, 5: 1, 7: 2}.get(len(code))
    if level is not None:
        above[:] = [*above[:level], code, *([""] * (2 - level))][:3]
    return [*before, code, *after]


def _merge_header(row: list[str], code_cols: list[int]) -> list[str]:
    if not code_cols:
        return row
    label = next((row[j] for j in code_cols if row[j] and row[j] not in ("类", "款", "项")), "")
    return row[: code_cols[0]] + [label] + row[code_cols[-1] + 1 :]


def _table(path: Path, pages: list, b: _Block, kind: cat.TableKind) -> Table:
    header: list[list[str]] = []
    data: list[tuple[int, list[str]]] = []
    code_cols: list[int] = []
    unit, _ = page_meta(pages[b.pages[0]][1])
    for n in b.pages:
        page, _lines = pages[n]
        started = False
        for t in _page_tables(page):
            for raw in t:
                if not started:
                    merged_probe = _merge_codes(raw, _code_columns(header + [raw]) or code_cols)
                    wrapped = bool(data) and raw is t[0] and _labels_only(header, raw)  # the last line's rest
                    if not is_data_start(kind, merged_probe) and not _numbered_line(header, raw) and not wrapped:
                        if n == b.pages[0]:
                            header.append(raw)
                            code_cols = _code_columns(header)
                        continue  # a header repeated on a continuation page
                    started = True
                if any(raw):
                    if n != b.pages[0] and any(is_total(c) for c in raw[:2]) and any(raw == d for _, d in data):
                        continue  # the 合计 line printed again under the header of each page (广东 决算)
                    data.append((n, raw))
    header = [r for r in header if not is_numbering(r)]  # ** 1 2 3 … under the header
    if len(runs := _code_runs(header)) > 1:
        header = [_join_later_codes(r, runs, header=True) for r in header]
        data = [(n, _join_later_codes(raw, runs)) for n, raw in data]

    def fit(header: list[list[str]], data: list[tuple[int, list[str]]]):
        merged = [_merge_header(r, code_cols) for r in header]
        width = len(merged[-1]) if merged else (len(_merge_codes(data[0][1], code_cols)) if data else 0)
        headers = [c for r in merged for c in r if c]
        apart = families.set_apart(kind, merged, width)  # columns no field of the kind is for, by their own header
        titles = list(apart.values())
        if apart:
            merged = [[c for j, c in enumerate((r + [""] * width)[:width]) if j not in apart] for r in merged]
            width -= len(apart)
        chosen = families.layout_for(kind, families.column_headers(merged, width), width)
        return merged, width, headers, chosen, apart, titles

    merged_header, width, headers, chosen, apart, apart_titles = fit(header, data)
    if chosen is None and kind.layout in (cat.CLASSIFICATION, cat.STATE_CAPITAL, cat.ECONOMIC) and not code_cols:
        split_header, split_data = _split_glued(header, data)  # [2010501]行政运行 in one column: two columns
        if split_data is not data and (again := fit(split_header, split_data))[3] is not None:
            header, data = split_header, split_data
            merged_header, width, headers, chosen, apart, apart_titles = again
    where = f"{path.name}: page {b.pages[0] + 1}"
    if chosen is None:
        raise ImportFailed(_unknown_layout(b.title, kind, headers, width, bool(data)), where)
    family, layout = chosen
    titles, paths = column_titles(kind, layout, merged_header)
    full = width + len(apart)
    table = Table(
        name=kind.name,
        printed_title=b.title,
        titles=titles,
        header_paths=paths,
        amount_unit=unit or kind.amount_unit,
        amount_unit_printed=unit is not None,
        located=where,
        family=family,
        set_apart=apart_titles,
    )
    if apart_titles:
        table.note = SET_APART_NOTE.format(titles="”“".join(apart_titles))
    lines: list[tuple[int, int, list[str]]] = []
    above = ["", "", ""]
    code_at = next((j for j, f in enumerate(layout) if f.name == "code"), None)
    for k, (n, raw) in enumerate(data, start=1):
        cells = _merge_codes(raw, code_cols, len(header[-1]) if header else 0, above)
        if apart and len(cells) == full:
            cells = [c for j, c in enumerate(cells) if j not in apart]
        if code_at is not None and not code_cols and code_at < len(cells):
            cells[code_at] = _own_part(cells[code_at], above)
        if len(cells) < width and cells and is_total(cells[0]):
            cells = [cells[0]] + [""] * (width - len(cells)) + cells[1:]  # 合计 printed across the label columns
        first_on_page = k == 1 or data[k - 2][0] != n
        if (
            first_on_page
            and lines
            and kind.layout != cat.TWO_SIDED
            and (joined := _rest_of_row(layout, lines[-1][2], cells)) is not None
        ):
            lines[-1] = (lines[-1][0], lines[-1][1], joined)  # the row's cells went on over the page break
            continue
        if first_on_page and lines and (joined := _rest_of_numbered(layout, lines[-1][2], cells)) is not None:
            lines[-1] = (lines[-1][0], lines[-1][1], joined)  # its labels wrapped over the page break
            continue
        lines.append((n, k, cells))
    rows = [(n, make_row(kind, layout, cells, f"{path.name}: page {n + 1}, row {k}")) for n, k, cells in lines]
    amounts = [f.name for f in layout if f.role == cat.AMOUNT]
    if all(all(r.get(a) is None for a in amounts) for _, r in rows):
        # the table prints no amount at all (blank rows, or a lone 合计 row): published empty
        table.published_empty = True
        table.note = "原表无数据（仅印表头" + ("及空白合计行" if rows else "") + "）"
        return table
    for n, r in rows:
        table.rows.append(r)
        table.sources.append(f"page {n + 1}, table 1")
    derive(kind, table)
    return table


def _unknown_layout(title: str, kind: cat.TableKind, headers: list[str], width: int, figures: bool) -> str:
    """Why a table's columns were not read as `kind`, in words: what the page printed over them."""
    title = re.sub(r"\s+", " ", title).strip()
    if not headers and not figures:
        return "no table on the page"
    if not headers:
        return f"no column header was read above the figures of {title!r}, so its {width} columns cannot be named"
    printed = " | ".join(re.sub(r"\s+", " ", h) for h in headers)
    return f"the {width} columns of {title!r}, headed {printed}, are not a layout of {kind.title} this reader knows"


def _own_part(code: str, above: list[str]) -> str:
    """A 款 printed in the code column as its own two digits (| 10 | under | 201 |): completed by the 类 above it, as
    its indentation reads; `above` keeps the last 类 seen."""
    if CODE.match(code) and len(code) == 3:
        above[0] = code
    elif re.fullmatch(r"\d{2}", code) and above[0]:
        return above[0] + code
    return code


def _numbered_line(header: list[list[str]], raw: list[str]) -> bool:
    """A line of a table that prints a 序号 before each line: its number under that column (a line with no figure,
    such as an item whose amount is blank, is a line of the table all the same)."""
    return (
        bool(header and header[0] and re.sub(r"\s+", "", header[0][0]) == "序号")
        and bool(raw and raw[0].isdigit())
        and not is_numbering(raw)
    )


AS_PRINTED_NOTE = "原表全部栏目照录；其中“{titles}”栏统一格式无此栏目，其余各栏另按统一格式录入（“{title}”）。"
SET_APART_NOTE = "原表另有“{titles}”栏，统一格式无此栏目，未计入本表任何一栏；全部栏目照原表录入于同名“照原表”表。"


def _rest_of_row(layout: tuple[cat.Field, ...], last: list[str], first: list[str]) -> list[str] | None:
    """The last row of a page with the first row of the next joined, where that first row is the rest of it: no code,
    no 合计 and no numbered item, its first amount blank, every cell under a filled one, and each of its cells, run on
    after the one above, still a cell of its kind
    (杭州市机动 | 12,437.3 over the break, 车驾驶员考试服务中心 | 6 after it). None where it is a row of its own."""
    if len(first) != len(layout) or len(last) != len(layout) or not any(first):
        return None
    amounts = [j for j, f in enumerate(layout) if f.role == cat.AMOUNT]
    codes = [j for j, f in enumerate(layout) if f.role == cat.CODE]
    if not amounts or first[amounts[0]] or any(first[j] for j in codes) or any(is_total(c) for c in first):
        return None
    if any(c and (not above or cat.ITEM_NUMBER.match(c)) for c, above in zip(first, last, strict=True)):
        return None  # a cell under a blank one, or a numbered item (十八、…), starts a row of its own
    joined = [a + b for a, b in zip(last, first, strict=True)]
    if any(joined[j] and not AMOUNT.match(joined[j]) for j in amounts):
        return None
    return joined


def _labels_only(header: list[list[str]], raw: list[str]) -> bool:
    """A line with words and no 序号 nor figure, in a table that prints a 序号 before each line."""
    return (
        bool(header and header[0] and re.sub(r"\s+", "", header[0][0]) == "序号")
        and bool(raw)
        and not raw[0]
        and any(raw)
        and not any(AMOUNT.match(c) for c in raw if c)
    )


def _rest_of_numbered(layout: tuple[cat.Field, ...], last: list[str], first: list[str]) -> list[str] | None:
    """The first line of a page that has no 序号 where every line has one, and no figure: the rest of the labels of
    the page's last line, wrapped over the page break ((5)资本性支出 | … / (基本建设)). None otherwise."""
    if not layout or layout[0].name != "seq" or len(first) != len(last) or first[0] or not any(first):
        return None
    if any(first[j] for j, f in enumerate(layout) if f.role != cat.LABEL and j < len(first)):
        return None
    return [a + b for a, b in zip(last, first, strict=True)]


def _split_glued(
    header: list[list[str]], data: list[tuple[int, list[str]]]
) -> tuple[list[list[str]], list[tuple[int, list[str]]]]:
    """Code and name printed in one column ([2010501]行政运行 under 功能科目名称): two columns, as the catalogue has
    them. Only where every row but a total carries a code in that column."""
    firsts = [raw[0] for _, raw in data if raw and raw[0]]
    glued = [c for c in firsts if CODE_GLUED.match(c) and not CODE.match(c)]
    if not glued or len(glued) + sum(is_total(c) for c in firsts) != len(firsts):
        return header, data
    split = []
    for n, raw in data:
        m = CODE_GLUED.match(raw[0]) if raw else None
        first = [m.group(1), m.group(2)] if m else ["合计", ""] if raw and is_total(raw[0]) else ["", raw[0]]
        split.append((n, first + raw[1:]))
    return [["", *r] for r in header], split


def _as_printed(path: Path, pages: list, b: _Block, name: str, kind: str | None) -> Table:
    unit, _ = page_meta(pages[b.pages[0]][1])
    rows = [row for n in b.pages for t in _page_tables(pages[n][0]) for row in t]
    where = f"{path.name}: page {b.pages[0] + 1}"
    title = re.sub(r"\s+", " ", b.title).strip()
    return printed_table(name, title, rows, unit, where, where, kind)


# ---------------------------------------------------------------------------------------------
# Text


_FOLIO = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|\d{1,3})\s*$")  # a page number printed as a line of its own


def _section_lines(pages: list, b: _Block) -> list[str]:
    """The text of a section: its pages' lines after the heading, without page numbers and running titles."""
    running = _running_title(pages)
    out: list[str] = []
    for k, n in enumerate(b.pages):
        lines = [
            join_wrapped(ln)
            for ln in pages[n][1]
            if ln.strip() and not _FOLIO.match(ln) and (not running or re.sub(r"\s+", "", ln) != running)
        ]  # no stray spaces between Chinese characters
        if k == 0:
            if b.heading_lines:
                while lines and _PAGE_NOISE.match(lines[0]):
                    lines = lines[1:]  # a year or a unit line printed above the heading
            lines = lines[b.heading_lines :]
        out.extend(lines)
    return out


def _paragraphs(lines: list[str]) -> list[str]:
    paras: list[str] = []
    for ln in lines:
        s = ln.strip()
        starts = bool(_NUMBERED.match(s))
        after_heading = bool(paras) and _is_heading(paras[-1])
        if paras and not starts and not after_heading and not re.search(r"[。：:]$", paras[-1]):
            paras[-1] += s
        elif paras and not starts and re.match(r"^[。，、；）)]", s):
            paras[-1] += s
        else:
            paras.append(s)
    return paras


def _is_heading(p: str) -> bool:
    """A numbered line short of a sentence: 一、项目概况 / （二）公务接待费."""
    return bool(_NUMBERED.match(p)) and len(p) <= 20 and not re.search(r"[。，；,;]", p)


def _markdown(pages: list, b: _Block) -> str:
    out = []
    for p in _paragraphs(_section_lines(pages, b)):
        text = re.sub(r"([\\`*_<>#|])", r"\\\1", p)
        text = re.sub(r"^(\d+)([.．])", r"\1\\\2", text)  # “1. …” as printed, not a Markdown list
        if _is_heading(p):
            out.append(f"### {text}")
        else:
            out.append(text)
    return "\n\n".join(out) + "\n"


def _items(path: Path, pages: list, b: _Block) -> tuple[Table, str]:
    """概况 printed as numbered paragraphs: 职责 (一、…) or the units of the department (1. …)."""
    spec = cat.DUTIES if b.kind == "duties" else cat.OFFICES
    intro: list[str] = []
    rows: list[Row] = []
    for p in _paragraphs(_section_lines(pages, b)):
        m = _NUMBERED.match(p)
        if not m:
            if rows:  # a paragraph that continues the item before it: kept with it, verbatim
                key = "text" if b.kind == "duties" else "name"
                rows[-1][key] = f"{rows[-1][key]}\n{p}"
                continue
            intro.append(p)
            continue
        seq = m.group(1).strip()
        body = p[m.end() :].strip()
        if b.kind == "duties":
            rows.append({"seq": seq, "text": body})
        else:
            rows.append({"seq": seq, "name": body.rstrip("。"), "duties": None})
    table = Table(
        name=spec.name,
        printed_title=b.title,
        titles={f.name: f.title for f in spec.fields},
        header_paths={},
        rows=rows,
        sources=[f"page {b.pages[0] + 1}"] * len(rows),
        located=f"{path.name}: page {b.pages[0] + 1}",
    )
    return table, "".join(intro)


_GLOSSARY_ENTRY = re.compile(
    r"^(?:（([一二三四五六七八九十]+|\d+)）|([一二三四五六七八九十]+)、|(\d{1,2})[.．、](?!\d))、?\s*(.{1,40}?)[：:]\s*(.*)$"
)


def _glossary(path: Path, pages: list, b: _Block) -> tuple[Table, str]:
    """名词解释 as numbered entries (（一）term：…, 一、term：…, 1.term：…). A paragraph that is not an entry
    continues the one before it, or (before the first) is the section's lead: kept verbatim either way."""
    rows: list[Row] = []
    sources: list[str] = []
    intro: list[str] = []
    for p in _paragraphs(_section_lines(pages, b)):
        m = _GLOSSARY_ENTRY.match(p)
        if not m:
            if rows:
                rows[-1]["definition"] = f"{rows[-1]['definition']}\n{p}"
            else:
                intro.append(p)
            continue
        seq = next(g for g in m.groups()[:3] if g)
        rows.append({"seq": seq, "term": m.group(4).strip(), "definition": m.group(5)})
        sources.append(f"page {b.pages[0] + 1}")
    table = Table(
        name="glossary",
        printed_title=b.title,
        titles={f.name: f.title for f in cat.GLOSSARY.fields},
        header_paths={},
        rows=rows,
        sources=sources,
        located=f"{path.name}: page {b.pages[0] + 1}",
    )
    return table, "".join(intro)
