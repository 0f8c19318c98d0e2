"""Read a disclosure given as extracted text: one line per printed row, table cells separated by tabs.

The reader knows the parts every disclosure has (概况, 预算报表, 情况说明, 名词解释), finds each
standard table by its title, and refuses what it cannot place rather than guessing.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import catalogue as cat
from ..errors import ImportFailed
from ..model import Disclosure, Row, Table, Text
from . import families
from .columns import INDICATOR_LEVEL1, INDICATOR_LEVEL2, NATIONAL_FORM_FIELDS, NATIONAL_INDICATOR_FIELDS, printed_fields
from .common import (
    AMOUNT,
    EMPTY_NOTES,
    SECTION,
    column_titles,
    derive,
    is_data_start,
    is_numbering,
    join_wrapped,
    make_row,
    parse_amount,
)
from .titles import find_table

_CN_NUM = "一二三四五六七八九十"
_PART = re.compile(rf"^第[{_CN_NUM}]+部分\s*(.*)$")
_PAREN_ITEM = re.compile(rf"^[（(]([{_CN_NUM}]+)[）)]\s*(.*)$")
_FORM_TITLE = re.compile(r"项目支出绩效目标申报表\s*$")
_KJUESUAN = re.compile(r"决算")


class _Lines:
    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def where(self, index: int) -> str:
        return f"{self.path.name}:{index + 1}"

    def cells(self, index: int) -> list[str]:
        return [c.strip() for c in self.lines[index].split("\t")]

    def plain(self, index: int) -> str:
        return self.lines[index].strip()


def read_text(path: Path) -> Disclosure:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"cannot read the file ({exc.strerror})", path) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed("not UTF-8 text; convert it to UTF-8 first", path) from exc
    return parse(_Lines(path, text))


def parse(src: _Lines) -> Disclosure:
    parts = _find_parts(src)
    head = [src.plain(i) for i in range(parts[0][0]) if src.plain(i)]
    if len(head) < 2:
        raise ImportFailed("no unit name and document title before the contents", src.path)
    unit, title = head[0], head[1]
    m = re.search(r"((?:19|20)\d{2})\s*年", title)
    if not m:
        raise ImportFailed(f"no budget year in the document title {title!r}", src.path, row=1)
    if _KJUESUAN.search(title):
        raise ImportFailed(
            f"this is a 决算 (final accounts) document ({title!r}); only 预算 disclosures are read", src.path
        )
    if "预算" not in title:
        raise ImportFailed(f"not a budget disclosure: the title {title!r} does not say 预算", src.path)
    disclosure = Disclosure(unit=unit, year=int(m.group(1)), kind="预算", title=title, source=src.path.name)

    bounds = {name: (start, end) for name, start, end in _part_ranges(parts, len(src.lines))}
    if "概况" in bounds:
        _read_overview(src, *bounds["概况"], disclosure)
    tables_key = next((k for k in bounds if "报表" in k), None)
    if tables_key is None:
        raise ImportFailed("no part with the budget tables (第二部分 …预算报表)", src.path)
    _read_tables(src, *bounds[tables_key], disclosure)
    text_key = next((k for k in bounds if "说明" in k), None)
    if text_key is not None:
        _read_explanations(src, *bounds[text_key], disclosure)
    if "名词解释" in bounds:
        _read_glossary(src, *bounds["名词解释"], disclosure)
    return disclosure


# ---------------------------------------------------------------------------------------------
# Parts


def _find_parts(src: _Lines) -> list[tuple[int, str]]:
    """Part headings in the body (the table of contents lists them too, with page numbers)."""
    found = []
    for i, line in enumerate(src.lines):
        if "\t" in line:
            continue
        m = _PART.match(line.strip())
        if m:
            found.append((i, re.sub(r"^(19|20)\d{2}\s*年度?", "", m.group(1).strip())))
    if not found:
        raise ImportFailed("no 第…部分 headings: not a budget disclosure in the expected form", src.path)
    return found


def _part_ranges(parts: list[tuple[int, str]], n: int):
    for k, (start, name) in enumerate(parts):
        end = parts[k + 1][0] if k + 1 < len(parts) else n
        yield name, start + 1, end


# ---------------------------------------------------------------------------------------------
# 第一部分 概况


def _paragraphs(src: _Lines, start: int, end: int) -> list[tuple[int, str]]:
    out = []
    for i in range(start, end):
        line = src.plain(i)
        if line:
            out.append((i, re.sub(r"^[-•·]\s+", "", line)))
    return out


def _read_overview(src: _Lines, start: int, end: int, d: Disclosure) -> None:
    paras = _paragraphs(src, start, end)
    sections: list[tuple[str, list[tuple[int, str]]]] = []
    for i, p in paras:
        m = SECTION.match(p)
        if m and len(p) < 30:
            sections.append((m.group(2), []))
        elif sections:
            sections[-1][1].append((i, p))
    for heading, body in sections:
        if "职责" in heading:
            _read_items(src, body, d, "duties", with_name=False)
        elif "机构" in heading:
            _read_items(src, body, d, "offices", with_name=True)


def _read_items(src: _Lines, body: list[tuple[int, str]], d: Disclosure, name: str, with_name: bool) -> None:
    spec = next(e for e in cat.EXTRAS if e.name == name)
    items: list[list] = []
    intro = []
    for i, p in body:
        m = _PAREN_ITEM.match(p)
        if m:
            items.append([i, f"（{m.group(1)}）", m.group(2)])
        elif items:
            items[-1][2] += p  # a paragraph cut by a page break continues the item before it
        else:
            intro.append(p)
    if intro:
        d.intro[name] = "".join(intro)
    rows: list[Row] = []
    for _, seq, text in items:
        if with_name:
            office, _, duties = text.partition("。")
            rows.append({"seq": seq, "name": office, "duties": duties})
        else:
            rows.append({"seq": seq, "text": text})
    d.tables[name] = Table(
        name=name,
        printed_title=spec.title,
        titles={f.name: f.title for f in spec.fields},
        header_paths={},
        rows=rows,
        sources=[f"line {i + 1}" for i, _, _ in items],
        located=src.where(body[0][0]) if body else "",
    )


# ---------------------------------------------------------------------------------------------
# 第二部分 tables


def _read_tables(src: _Lines, start: int, end: int, d: Disclosure) -> None:
    blocks: list[tuple[int, cat.TableKind, str]] = []
    for i in range(start, end):
        line = src.plain(i)
        if not line or "\t" in src.lines[i]:
            continue
        kind = find_table(line)
        if kind is not None:
            blocks.append((i, kind, line))
        elif re.search(r"(表|表（.*）|表\(.*\))$", line) and not line.startswith(("预算公开表", "注")):
            raise ImportFailed(f"table title not in the catalogue: {line!r}", src.where(i))
    for k, (i, kind, title) in enumerate(blocks):
        stop = blocks[k + 1][0] if k + 1 < len(blocks) else end
        if kind.name in d.tables:
            raise ImportFailed(f"table {title!r} appears twice", src.where(i))
        d.tables[kind.name] = _read_table(src, i, stop, kind, title)
    for kind in cat.TABLES:
        if kind.name not in d.tables:
            raise ImportFailed(f"standard table missing: {kind.title}", src.path)


def _read_table(src: _Lines, title_at: int, stop: int, kind: cat.TableKind, title: str) -> Table:
    header: list[list[str]] = []
    data: list[tuple[int, list[str]]] = []
    unit: str | None = None
    note: str | None = None
    for i in range(title_at + 1, stop):
        line = src.lines[i]
        if not line.strip():
            continue
        cells = src.cells(i)
        filled = [c for c in cells if c]
        meta = [c for c in filled if c.startswith(("单位名称", "单位：", "单位:", "金额单位"))]
        if meta and len(meta) == len(filled):
            for c in meta:
                m = re.match(rf"^(?:金额)?单位[：:]\s*({cat.UNIT_PATTERN})$", c)
                if m:
                    unit = m.group(1)
            continue
        if len(filled) == 1 and filled[0].startswith(("注", "备注")):
            note = re.sub(r"^(注|备注)[：:]\s*", "", filled[0])
            continue
        if len(filled) == 1 and filled[0].startswith("预算公开表"):
            continue
        if not data and not is_data_start(kind, cells):
            if not is_numbering(cells):
                header.append([join_wrapped(c) for c in cells])
            continue
        data.append((i, cells))

    width = max((len(cells) for _, cells in data), default=len(header[-1]) if header else 0)
    chosen = families.layout_for(kind, families.column_headers(header, width), width)
    family, printed = chosen if chosen is not None else (families.NATIONAL, printed_fields(kind))
    titles, paths = column_titles(kind, printed, header)
    table = Table(
        name=kind.name,
        printed_title=title,
        titles=titles,
        header_paths=paths,
        note=note,
        amount_unit=unit or kind.amount_unit,
        amount_unit_printed=unit is not None,
        located=src.where(title_at),
        family=family,
    )
    if note and any(n in note for n in EMPTY_NOTES):
        table.published_empty = True
        for i, cells in data:
            amounts = [c for c in cells[1:] if AMOUNT.match(c)]
            if amounts:
                raise ImportFailed(f"table says {note!r} but prints amounts {amounts}", src.where(i))
        return table
    for i, cells in data:
        row = make_row(kind, printed, cells, src.where(i))
        table.rows.append(row)
        table.sources.append(f"line {i + 1}")
    if not table.rows:
        table.published_empty = True
    derive(kind, table)
    return table


# ---------------------------------------------------------------------------------------------
# 第三部分 explanations, with the performance forms inside


def _read_explanations(src: _Lines, start: int, end: int, d: Disclosure) -> None:
    heads: list[tuple[int, str, str]] = []
    for i in range(start, end):
        if "\t" in src.lines[i]:
            continue
        m = SECTION.match(src.plain(i))
        if m and len(src.plain(i)) <= 30 and not src.plain(i).endswith("。"):
            heads.append((i, m.group(1), src.plain(i)))
    forms: list[tuple[int, int]] = []
    for k, (i, _, title) in enumerate(heads):
        stop = heads[k + 1][0] if k + 1 < len(heads) else end
        body_end = stop
        for j in range(i + 1, stop):
            if "\t" not in src.lines[j] and _FORM_TITLE.search(src.plain(j)):
                body_end = min(body_end, j)
                forms.append((j, stop))
        d.texts.append(Text(seq=k + 1, title=title, markdown=_markdown(src, i + 1, body_end), located=src.where(i)))
    # each form runs to the next form title or the end of its section
    spans = []
    for k, (j, stop) in enumerate(forms):
        nxt = forms[k + 1][0] if k + 1 < len(forms) and forms[k + 1][0] < stop else stop
        spans.append((j, nxt))
    _read_forms(src, spans, d)


_MD_ESCAPE = re.compile(r"([\\`*_<>#|])")


def _md_escape(text: str) -> str:
    return _MD_ESCAPE.sub(r"\\\1", text)


def _markdown(src: _Lines, start: int, end: int) -> str:
    out = []
    for i in range(start, end):
        line = src.plain(i)
        if not line:
            continue
        if "\t" in src.lines[i]:
            line = " ".join(c for c in src.cells(i) if c)
        sub = _PAREN_ITEM.match(line) or re.match(r"^\d+[、.．]\s*\S", line)
        if sub and len(line) <= 30 and not line.endswith("。"):
            out.append(f"### {_md_escape(line)}")
        elif out and not out[-1].startswith("###") and _continues(out[-1]):
            out[-1] += _md_escape(line)  # a sentence cut by a page break
        else:
            out.append(_md_escape(line))
    return "\n\n".join(out) + "\n"


def _continues(previous: str) -> bool:
    return not re.search(r"[。；！？：:.）)]$|[0-9]%$", previous) and len(previous) > 30


# ---------------------------------------------------------------------------------------------
# 绩效目标申报表


_FORM_LABELS = {
    "项目名称": "project_name",
    "项目概况": "overview",
    "立项依据": "basis",
    "项目设立必要性": "necessity",
    "保证项目实施的制度、措施": "safeguards",
    "项目实施计划": "plan",
}
_FUND_LABELS = {title: key for key, title in cat.FORM_FUND_SOURCES}


def _fund_key(label: str) -> str | None:
    label = re.sub(r"^其中[：:]", "", label).rstrip("：:")
    for text, key in _FUND_LABELS.items():
        if label.endswith(text):
            return key
    return None


def _read_forms(src: _Lines, spans: list[tuple[int, int]], d: Disclosure) -> None:
    projects = cat.PERFORMANCE_PROJECTS
    indicators = cat.PERFORMANCE_INDICATORS
    p_table = Table(
        name=projects.name,
        printed_title=src.plain(spans[0][0]) if spans else projects.title,
        titles={f.name: f.title for f in projects.fields if f.name in NATIONAL_FORM_FIELDS},
        header_paths={},
        amount_unit=projects.amount_unit,
        published_empty=not spans,
        located=src.where(spans[0][0]) if spans else "",
    )
    i_table = Table(
        name=indicators.name,
        printed_title=p_table.printed_title,
        titles={f.name: f.title for f in indicators.fields if f.name in NATIONAL_INDICATOR_FIELDS},
        header_paths={},
        published_empty=not spans,
        located=p_table.located,
    )
    for n, (start, stop) in enumerate(spans, start=1):
        row, ind_rows, ind_src = _read_form(src, start, stop, n)
        p_table.rows.append(row)
        p_table.sources.append(f"line {start + 1}")
        i_table.rows.extend(ind_rows)
        i_table.sources.extend(ind_src)
    d.tables[projects.name] = p_table
    d.tables[indicators.name] = i_table


def _read_form(src: _Lines, start: int, stop: int, form: int) -> tuple[Row, list[Row], list[str]]:
    row: Row = {name: None for name in NATIONAL_FORM_FIELDS}
    row["form"] = str(form)
    indicators: list[Row] = []
    sources: list[str] = []
    in_indicators = False
    for i in range(start + 1, stop):
        if not src.lines[i].strip():
            continue
        cells = [c for c in src.cells(i) if c]
        where = src.where(i)
        head = cells[0]
        if in_indicators:
            indicators.append(_indicator(cells, where, form, len(indicators) + 1))
            sources.append(f"line {i + 1}")
        elif head in _FORM_LABELS:
            row[_FORM_LABELS[head]] = " ".join(cells[1:]) or None
        elif head.startswith("主管部门"):
            _pairs(cells, row, {"主管部门及代码": "department", "实施单位": "implementer"}, where)
        elif head == "项目属性":
            _pairs(cells, row, {"项目属性": "attribute", "项目期": "period", "项目日期": "period"}, where)
        elif head.startswith("项目资金") or _fund_key(head):
            _funds(cells[1:] if head.startswith("项目资金") else cells, row, where)
        elif head == "总体目标":
            if len(cells) != 3:
                raise ImportFailed(f"总体目标 should have two texts (实施期, 年度), found {len(cells) - 1}", where)
            row["goal_plan"], row["goal_year"] = cells[1], cells[2]
        elif head == "绩效指标":
            in_indicators = True
        elif head in ("实施期目标", "年度目标") or re.match(r"^[（(]\s*(19|20)\d{2}\s*年度?[）)]$", head):
            continue
        else:
            raise ImportFailed(f"unrecognised row in a performance form: {head!r}", where)
    if not row["project_name"]:
        raise ImportFailed("performance form without 项目名称", src.where(start))
    return row, indicators, sources


def _pairs(cells: list[str], row: Row, labels: dict[str, str], where: str) -> None:
    for k in range(0, len(cells), 2):
        key = labels.get(cells[k])
        if key is None or k + 1 >= len(cells):
            raise ImportFailed(f"unexpected cells in a performance form: {cells}", where)
        row[key] = cells[k + 1]


def _funds(cells: list[str], row: Row, where: str) -> None:
    """Label [amount] label [amount]: the first pair is 实施期, the second 年度; a blank amount stays blank."""
    side = 0
    k = 0
    while k < len(cells):
        key = _fund_key(cells[k])
        if key is None or side > 1:
            raise ImportFailed(f"unexpected cells in a funding row: {cells}", where)
        amount = None
        if k + 1 < len(cells) and AMOUNT.match(cells[k + 1]):
            amount = parse_amount(cells[k + 1], where, cells[k])
            k += 1
        row[f"{('plan', 'year')[side]}_{key}"] = amount
        side += 1
        k += 1


def _is_level2(cell: str) -> bool:
    return any(v == cell or (len(cell) >= 4 and v.startswith(cell)) for v in INDICATOR_LEVEL2)


def _half(tokens: list[str]) -> tuple[str | None, str | None, str | None] | None:
    """One side of an indicator row: [二级] [三级 指标值]; None if the tokens cannot be that."""
    if len(tokens) == 0:
        return (None, None, None)
    if len(tokens) == 1:
        return (tokens[0], None, None) if _is_level2(tokens[0]) else None
    if len(tokens) == 2:
        return (None, tokens[0], tokens[1]) if not _is_level2(tokens[1]) else None
    if len(tokens) == 3:
        if _is_level2(tokens[0]) and not _is_level2(tokens[2]):
            return (tokens[0], tokens[1], tokens[2])
    return None


def _indicator(cells: list[str], where: str, form: int, seq: int) -> Row:
    """Split an indicator row, whose printed columns drift, into 一级 + 实施期 half + 年度 half."""
    level1 = None
    tokens = list(cells)
    if tokens and tokens[0] in INDICATOR_LEVEL1:
        level1 = tokens.pop(0)
    candidates = []
    for cut in range(len(tokens) + 1):
        a, b = _half(tokens[:cut]), _half(tokens[cut:])
        if a is not None and b is not None:
            candidates.append((a, b))
    if len(candidates) > 1:
        # the 年度 side repeats the 实施期 side, its 三级 often cut short by the column width
        mirrored = [
            (a, b)
            for a, b in candidates
            if (a[1] or "").startswith(b[1] or "\0") or (a[2] is not None and a[2] == b[2])
        ]
        candidates = mirrored or candidates
    if len(candidates) != 1:
        raise ImportFailed(f"cannot split the indicator row into 实施期 and 年度 columns: {cells}", where)
    a, b = candidates[0]
    return {
        "form": str(form),
        "seq": str(seq),
        "level1": level1,
        "plan_level2": a[0],
        "plan_level3": a[1],
        "plan_value": a[2],
        "year_level2": b[0],
        "year_level3": b[1],
        "year_value": b[2],
    }


# ---------------------------------------------------------------------------------------------
# 第四部分 名词解释


_GLOSS_SPLIT = re.compile(r"^(.+?)[：:]\s*(.*)$")
_GLOSS_VERB = re.compile(r"^(.+?)(是指|是对|指)(.*)$")


def _read_glossary(src: _Lines, start: int, end: int, d: Disclosure) -> None:
    entries: list[list] = []
    for i, p in _paragraphs(src, start, end):
        m = SECTION.match(p)
        if m:
            entries.append([i, m.group(1), m.group(2)])
        elif entries:
            entries[-1][2] += p
        else:
            raise ImportFailed(f"glossary text before the first numbered term: {p[:30]!r}", src.where(i))
    rows: list[Row] = []
    for i, seq, body in entries:
        m = _GLOSS_SPLIT.match(body)
        if m and len(m.group(1)) <= 15:
            term, definition = m.group(1), m.group(2)
        else:
            v = _GLOSS_VERB.match(body)
            if not v or len(v.group(1)) > 15:
                raise ImportFailed(f"cannot tell the term from its definition: {body[:30]!r}", src.where(i))
            term, definition = v.group(1), v.group(2) + v.group(3)
        rows.append({"seq": seq, "term": term, "definition": definition})
    d.tables["glossary"] = Table(
        name="glossary",
        printed_title=cat.GLOSSARY.title,
        titles={f.name: f.title for f in cat.GLOSSARY.fields},
        header_paths={},
        rows=rows,
        sources=[f"line {i + 1}" for i, _, _ in entries],
        located=src.where(start - 1),
    )
