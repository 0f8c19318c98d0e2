"""What each page of a PDF disclosure is, from its text: its heading (the title wherever the first lines print it,
past running titles, page numbers and unit lines), and the pages grouped into blocks in the order printed: a standard
table with its continuation pages, a text section (说明, 职能, 机构, 名词解释), a page a family's own reader reads, a
table the catalogue does not know, or a page that is not imported. Also the report of what the reader found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import families
from .titles import TABLE_NUMBER_BEFORE, find_table, table_key

OWN = "own:"  # a block read by a family's own reader
NUMBERED = re.compile(r"^(（[一二三四五六七八九十]+）、?|[一二三四五六七八九十]+、|\d{1,2}[.．、](?!\d)\s*|（\d+）)")
GLOSSARY_ENTRY = re.compile(
    r"^(?:（([一二三四五六七八九十]+|\d+)）|([一二三四五六七八九十]+)、|(\d{1,2})[.．、](?!\d))、?\s*(.{1,40}?)[：:]\s*(.*)$"
)
FOLIO = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|\d{1,3})\s*$")  # a page number printed as a line of its own
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
class Block:
    kind: str  # table name, "combined", a text section, or "skip"
    title: str
    pages: list[int] = field(default_factory=list)
    heading_lines: int = 1  # lines atop its first page that are its heading, not its text


PAGE_NOISE = re.compile(
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
        if not key or key == running or PAGE_NOISE.match(ln):
            continue
        contents = sum(bool(_TABLE_TITLE.search(re.sub(r"\s+", "", x))) for x in top[i + 1 :]) > 1  # 目录 page
        if (
            (PART.match(key) or (_PART_NUMBERED.match(key) and not contents) or SET_TITLE.search(key))
            and find_table(key) is None
            and i + 1 < len(top)
        ):
            after = next((re.sub(r"\s+", "", x) for x in top[i + 1 :] if not PAGE_NOISE.match(x)), "")
            if PART.fullmatch(key) or _TABLE_TITLE.search(after) or TABLE_NUMBER_BEFORE.fullmatch(after):
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
        return ln if part or PAGE_NOISE.match(first) else first  # the first line that is not noise decides
    return first


def _text_title(lines: list[str], running: str) -> str:
    """The first line of a page of text that is not a page number or the running title."""
    top = [ln.strip() for ln in lines if ln.strip()]
    return next(
        (ln for ln in top if re.sub(r"\s+", "", ln) != running and not PAGE_NOISE.match(ln)), top[0] if top else ""
    )


def running_title(pages: list) -> str:
    """A line repeated at the top of many pages (苏州市审计局 2026 年度部门预算公开), to be looked past."""
    from collections import Counter

    tops = Counter(re.sub(r"\s+", "", ln) for _, lines in pages[1:] for ln in [x for x in lines if x.strip()][:1])
    for key in [k for k in tops if TABLE_NUMBER_BEFORE.fullmatch(k)]:
        del tops[key]  # a table's own number (表 3) printed over each of its pages
    title, n = tops.most_common(1)[0] if tops else ("", 0)
    return title if n >= 3 and not re.fullmatch(r"[-—–\s\d]*", title) else ""


def blocks_of(pages: list, report: PdfReport, path: Path) -> list[Block]:
    blocks: list[Block] = []
    running = running_title(pages)
    for n, (_page, lines) in enumerate(pages):
        head = _heading(lines, running)
        key = re.sub(r"\s+", "", head)
        kind = find_table(key)
        if n == 0 and kind is None and not prose(lines):
            continue  # the cover (重庆 has none: its first page is the 说明)
        if key in ("目录", "目次"):
            blocks.append(Block("skip", head, [n]))
        elif kind is not None:
            last = blocks[-1] if blocks else None
            if last is not None and last.kind == kind.name and table_key(last.title) == table_key(head):
                last.pages.append(n)  # the same table, its title printed again on the next page
            else:
                blocks.append(Block(kind.name, head, [n]))
        elif (own := families.reader_for(key)) is not None:
            blocks.append(Block(OWN + own.name, head, [n]))  # one block a page; a family's reader reads them all
        elif any(x in key for x in _NOT_IMPORTED):
            if blocks and blocks[-1].kind == "not-imported" and blocks[-1].title == head:
                blocks[-1].pages.append(n)
            else:
                blocks.append(Block("not-imported", head, [n]))
        elif (section := next((s for h, s in _TEXT_SECTIONS if key.endswith(h) and len(key) < 60), None)) is not None:
            blocks.append(Block(section, head, [n]))
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
                blocks.append(Block("unrecognised", head, [n]))
        elif (PART.match(key) or (_PART_NUMBERED.match(key) and prose(lines))) and len(
            [ln for ln in lines if ln.strip()]
        ) > 3:
            blocks.append(Block("explanation", head, [n]))  # 第三部分 … / 一、文字部分: a part of the text, verbatim
        elif title := _part_title(lines):
            blocks.append(Block("part", title, [n]))  # 第三部分 and its title alone on a page: it titles what follows
        elif blocks and blocks[-1].kind == "part":
            part = re.sub(r"\s+", "", blocks[-1].title)
            section = next((s for h, s in _TEXT_SECTIONS if part.endswith(h)), "explanation")
            blocks[-1] = Block(section, blocks[-1].title, [n], heading_lines=0)
        elif (
            blocks
            and blocks[-1].kind == "glossary"
            and (GLOSSARY_ENTRY.match(head.strip()) or not NUMBERED.match(head.strip()))
        ):
            blocks[-1].pages.append(n)  # the next entries of the 名词解释, or the rest of the last one
        elif blocks and (blocks[-1].kind in _RUNS_ON or not prose(lines)) and not _after_contents(blocks, lines):
            blocks[-1].pages.append(n)  # a continuation page
        elif blocks or prose(lines):
            blocks.append(Block("explanation", _text_title(lines, running), [n]))  # text after a table, verbatim
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
        if not key or key in title or key == running or PAGE_NOISE.match(ln) or FOLIO.match(ln):
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


PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_TABLE_TITLE = re.compile(r"表(（[^）]*）|\([^)]*\))?$")
_APART = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")
# the title of the whole set of tables over the first one (某部门 2024 年度部门决算表)
SET_TITLE = re.compile(r"(?:19|20)\d{2}年度?(?:部门|单位)(?:预算|决算)报?表$")
_PART_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、\S{0,8}部分$")  # 二、表格部分
_PROSE_LINE = re.compile(r"[\u4e00-\u9fff].*[，。；].*[\u4e00-\u9fff]")


def _part_title(lines: list[str]) -> str:
    """The title of a page that prints only a part's title (第三部分 / 2026年部门预算情况说明) and its page number."""
    top = [ln.strip() for ln in lines if ln.strip() and not FOLIO.match(ln)]
    return " ".join(top) if 0 < len(top) <= 3 and PART.match(top[0]) and not prose(lines) else ""


def _after_contents(blocks: list[Block], lines: list[str]) -> bool:
    """A page of running text after the 目录: the text begins (湖州 and 杭州 print their 目录 over two pages and the
    说明 after it under a heading no section is named by, 一、部门概况)."""
    return blocks[-1].kind == "skip" and prose(lines)


def prose(lines: list[str]) -> bool:
    """A page of running text (not the rest of a table): several long lines of sentences, each printed in one
    piece (the cells of a table's row are apart: 产出指标 数量指标 …)."""
    long = [
        ln
        for ln in lines
        if len(re.findall(r"[\u4e00-\u9fff]", ln)) >= 15 and _PROSE_LINE.search(ln) and not _APART.search(ln)
    ]
    return len(long) >= 3
