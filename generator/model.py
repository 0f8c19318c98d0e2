"""The in-memory shape of one disclosure, between importer and package writer."""

from __future__ import annotations

from dataclasses import dataclass, field

Row = dict[str, str | None]


@dataclass
class Table:
    """One resource's rows, with what the source printed about it."""

    name: str
    printed_title: str
    titles: dict[str, str]  # field name -> column header as printed
    header_paths: dict[str, str]  # field name -> full header path ("本年收入 / 合计")
    rows: list[Row] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # per row: where it was printed ("line 212")
    published_empty: bool = False
    note: str | None = None
    amount_unit: str | None = None
    amount_unit_printed: bool = True
    located: str = ""  # where the table starts in the source
    # a table read as printed (not one of the catalogue's kinds): its columns as (name, printed title, type)
    printed_fields: list[tuple[str, str, str]] | None = None
    kind_hint: str | None = None  # the catalogue kind its title names, when its columns are not a known layout
    derived: dict[str, str] = field(default_factory=dict)  # field name -> how it was derived (not printed)
    set_apart: list[str] = field(default_factory=list)  # printed titles of columns no field of the kind is for
    family: str = ""  # the document family whose layout the table was read with (全国, 浙江 …)


@dataclass
class Text:
    """One explanation section (第三部分), as Markdown."""

    seq: int
    title: str
    markdown: str
    located: str = ""


@dataclass
class Disclosure:
    unit: str
    year: int
    kind: str  # 预算 or 决算
    title: str
    source: str  # file name of the source document
    tables: dict[str, Table] = field(default_factory=dict)
    texts: list[Text] = field(default_factory=list)
    intro: dict[str, str] = field(default_factory=dict)  # resource name -> lead sentence printed before it
    level: str = "单位"  # 单位 or 部门 disclosure
    not_published: list[str] = field(default_factory=list)  # standard tables the document does not print
    not_imported: list[str] = field(default_factory=list)  # parts recognised but not read, with their pages
    confirmed: list[dict] = field(default_factory=list)  # discrepancies confirmed as printed in the source
    also: list[str] = field(default_factory=list)  # the other files of a disclosure printed as several
    # the unit a table caption names ({page, printed, unit}), where it is printed over the tables (决算)
    captions: list[dict] = field(default_factory=list)
