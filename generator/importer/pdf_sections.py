"""The text sections of a PDF disclosure: a 说明 as Markdown (its paragraphs joined again over line and page breaks,
numbered headings as headings), 主要职能 and 机构设置 as numbered items, 名词解释 as numbered entries; page numbers
and running titles left out."""

from __future__ import annotations

import re
from pathlib import Path

from .. import catalogue as cat
from ..model import Row, Table
from .common import join_wrapped
from .pdf_pages import FOLIO, GLOSSARY_ENTRY, NUMBERED, PAGE_NOISE, Block, running_title


def _section_lines(pages: list, b: Block) -> list[str]:
    """The text of a section: its pages' lines after the heading, without page numbers and running titles."""
    running = running_title(pages)
    out: list[str] = []
    for k, n in enumerate(b.pages):
        lines = [
            join_wrapped(ln)
            for ln in pages[n][1]
            if ln.strip() and not FOLIO.match(ln) and (not running or re.sub(r"\s+", "", ln) != running)
        ]  # no stray spaces between Chinese characters
        if k == 0:
            if b.heading_lines:
                while lines and PAGE_NOISE.match(lines[0]):
                    lines = lines[1:]  # a year or a unit line printed above the heading
            lines = lines[b.heading_lines :]
        out.extend(lines)
    return out


def _paragraphs(lines: list[str]) -> list[str]:
    paras: list[str] = []
    for ln in lines:
        s = ln.strip()
        starts = bool(NUMBERED.match(s))
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
    return bool(NUMBERED.match(p)) and len(p) <= 20 and not re.search(r"[。，；,;]", p)


def markdown(pages: list, b: Block) -> str:
    out = []
    for p in _paragraphs(_section_lines(pages, b)):
        text = re.sub(r"([\\`*_<>#|])", r"\\\1", p)
        text = re.sub(r"^(\d+)([.．])", r"\1\\\2", text)  # “1. …” as printed, not a Markdown list
        if _is_heading(p):
            out.append(f"### {text}")
        else:
            out.append(text)
    return "\n\n".join(out) + "\n"


def items(path: Path, pages: list, b: Block) -> tuple[Table, str]:
    """概况 printed as numbered paragraphs: 职责 (一、…) or the units of the department (1. …)."""
    spec = cat.DUTIES if b.kind == "duties" else cat.OFFICES
    intro: list[str] = []
    rows: list[Row] = []
    for p in _paragraphs(_section_lines(pages, b)):
        m = NUMBERED.match(p)
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


def glossary(path: Path, pages: list, b: Block) -> tuple[Table, str]:
    """名词解释 as numbered entries (（一）term：…, 一、term：…, 1.term：…). A paragraph that is not an entry
    continues the one before it, or (before the first) is the section's lead: kept verbatim either way."""
    rows: list[Row] = []
    sources: list[str] = []
    intro: list[str] = []
    for p in _paragraphs(_section_lines(pages, b)):
        m = GLOSSARY_ENTRY.match(p)
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
