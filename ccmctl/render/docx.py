"""A Word document (.docx) from a document's HTML, with python-docx.

The HTML comes from a template (:mod:`ccmctl.render.html`), so the template that drives the
HTML report drives the Word one: same sections, same words, same order. This module maps a
small, fixed part of HTML onto Word's own structures, and ignores the rest (CSS, scripts,
unknown elements keep only their text):

* ``h1`` -> Title, ``h2``-``h4`` -> Heading 1-3; ``p`` -> a paragraph; ``ul``/``ol`` ->
  List Bullet / List Number; ``strong``/``b``, ``em``/``i``, ``code``, ``sup``, ``br``;
* ``table`` -> a Word table (Table Grid) whose ``thead`` rows (or rows of ``th`` only) are
  header rows, bold and repeated on each page; ``td class="num"`` is right-aligned;
* ``figure`` with an ``img`` whose ``src`` is a PNG or JPEG data URI -> a picture 17 cm
  wide with the ``alt`` text as its description; ``figcaption`` -> Caption. An inline SVG
  (Word cannot show one without a PNG) becomes its ``data-alt`` text;
* every page has A4 size and "Page N of M" in the footer; a country brief (``<body
  class="brief">``) has the smaller type and margins of its one page.

Text is always inserted as text (python-docx escapes it for XML): nothing from the data
can become Word markup, a field or a link. The output is byte-stable: fixed core
properties (the document's date, not the clock) and fixed timestamps in the zip.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

SKIP = {"head", "style", "script", "title", "template", "noscript"}
VOID = {"br", "img", "meta", "link", "hr", "input", "source", "wbr", "col", "area", "base"}
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "pre", "dt", "dd"}
HEADINGS = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
HEADINGS |= {"h5": "Heading 3", "h6": "Heading 3"}
_DATA_URI = re.compile(r"^data:image/(png|jpeg);base64,(.*)$", re.S)


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag: str) -> list[Node]:
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if c.tag == tag:
                    out.append(c)
                out += c.find_all(tag)
        return out


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or tag in SKIP or tag == "svg":
            if tag not in VOID:
                self.skipping += 1
            if tag == "svg" and self.skipping == 1:
                self.stack[-1].children.append(Node("svg", {k: v or "" for k, v in attrs}))
            return
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            return
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.stack[-1].children.append(data)


def parse(html_text: str) -> tuple[Node, str]:
    """The HTML as a tree, and the document's title."""
    title = re.search(r"<title[^>]*>(.*?)</title>", html_text, re.S | re.I)
    tree = _Tree()
    tree.feed(html_text)
    tree.close()
    from html import unescape

    return tree.root, " ".join(unescape(title.group(1)).split()) if title else ""


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text)


class _Writer:
    def __init__(self, doc: Any) -> None:
        self.doc = doc

    # -- inline content -----------------------------------------------------------------

    def runs(self, paragraph: Any, node: Node | str, fmt: dict[str, bool]) -> None:
        if isinstance(node, str):
            text = _space(node)
            if text:
                run = paragraph.add_run(text)
                run.bold = fmt.get("b") or None
                run.italic = fmt.get("i") or None
                if fmt.get("sup"):
                    run.font.superscript = True
                if fmt.get("code"):
                    run.font.name = "Courier New"
            return
        tag = node.tag
        if tag == "br":
            paragraph.add_run().add_break()
            return
        if tag == "svg":
            return
        if tag == "img":
            self.picture(node, paragraph)
            return
        inner = dict(fmt)
        if tag in ("strong", "b", "th"):
            inner["b"] = True
        if tag in ("em", "i"):
            inner["i"] = True
        if tag == "sup" or "fn" in node.attrs.get("class", "").split():
            inner["sup"] = True
        if tag in ("code", "kbd", "samp"):
            inner["code"] = True
        for child in node.children:
            self.runs(paragraph, child, inner)

    def paragraph(self, node: Node, style: str | None = None) -> Any:
        p = self.doc.add_paragraph(style=style)
        for child in node.children:
            self.runs(p, child, {})
        _trim(p)
        return p

    # -- blocks -------------------------------------------------------------------------

    def block(self, node: Node, list_style: str | None = None) -> None:
        pending: list[Node | str] = []

        def flush() -> None:
            if any(isinstance(c, Node) or c.strip() for c in pending):
                self.paragraph(Node("p", {}, list(pending)))
            pending.clear()

        for child in node.children:
            if isinstance(child, str) or child.tag not in _BLOCK_HANDLERS | BLOCKS:
                if isinstance(child, Node) and child.tag == "svg":
                    flush()
                    continue
                pending.append(child)
                continue
            flush()
            tag = child.tag
            if tag in HEADINGS:
                self.paragraph(child, HEADINGS[tag])
            elif tag == "li":
                self.paragraph(child, list_style or "List Bullet")
            elif tag == "figcaption":
                self.paragraph(child, "Caption")
            elif tag in BLOCKS:
                self.paragraph(child)
            elif tag == "ul":
                self.block(child, "List Bullet")
            elif tag == "ol":
                self.block(child, "List Number")
            elif tag == "table":
                self.table(child)
            elif tag == "figure":
                self.figure(child)
            else:
                self.block(child, list_style)
        flush()

    def figure(self, node: Node) -> None:
        imgs = node.find_all("img")
        svgs = [c for c in node.children if isinstance(c, Node) and c.tag == "svg"]
        if imgs:
            p = self.doc.add_paragraph()
            for img in imgs:
                self.picture(img, p)
        elif svgs and node.attrs.get("data-alt"):
            self.doc.add_paragraph(f"[Figure: {node.attrs['data-alt']}]")
        for cap in node.find_all("figcaption"):
            self.paragraph(cap, "Caption")

    def picture(self, img: Node, paragraph: Any) -> None:
        from docx.shared import Cm

        m = _DATA_URI.match(img.attrs.get("src", ""))
        alt = img.attrs.get("alt", "")
        if not m:
            if alt:
                paragraph.add_run(f"[Image: {alt}]")
            return
        blob = base64.b64decode(m.group(2))
        shape = paragraph.add_run().add_picture(io.BytesIO(blob), width=Cm(17))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt)
        doc_pr.set("title", alt[:250])

    def table(self, node: Node) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rows: list[tuple[Node, bool]] = []
        for child in node.children:
            if not isinstance(child, Node):
                continue
            if child.tag == "tr":
                rows.append((child, _all_th(child)))
            elif child.tag in ("thead", "tbody", "tfoot"):
                for tr in child.children:
                    if isinstance(tr, Node) and tr.tag == "tr":
                        rows.append((tr, child.tag == "thead" or _all_th(tr)))
        if not rows:
            return
        cells_of = [
            [c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")]
            for tr, _ in rows
        ]
        ncols = max((len(c) for c in cells_of), default=0)
        if ncols == 0:
            return
        table = self.doc.add_table(rows=len(rows), cols=ncols)
        table.style = "Table Grid"
        for r, ((_, header), cells) in enumerate(zip(rows, cells_of, strict=True)):
            row = table.rows[r]
            if header:
                tr_pr = row._tr.get_or_add_trPr()
                flag = OxmlElement("w:tblHeader")
                flag.set(qn("w:val"), "true")
                tr_pr.append(flag)
            for c, cell_node in enumerate(cells):
                cell = row.cells[c]
                p = cell.paragraphs[0]
                for child in cell_node.children:
                    self.runs(p, child, {"b": header or cell_node.tag == "th"})
                _trim(p)
                if "num" in cell_node.attrs.get("class", "").split():
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.doc.add_paragraph()


_BLOCK_HANDLERS = {"ul", "ol", "table", "figure", "section", "div", "header", "footer"}
_BLOCK_HANDLERS |= {"main", "article", "aside", "nav", "body", "html", "blockquote", "dl"}


def _all_th(tr: Node) -> bool:
    cells = [c for c in tr.children if isinstance(c, Node)]
    return bool(cells) and all(c.tag == "th" for c in cells)


def _trim(paragraph: Any) -> None:
    """No leading or trailing space in a paragraph (HTML whitespace is not text)."""
    runs = paragraph.runs
    if runs and runs[0].text:
        runs[0].text = runs[0].text.lstrip()
    if runs and runs[-1].text:
        runs[-1].text = runs[-1].text.rstrip()


def _page_numbers(section: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in ("Page ", "PAGE", " of ", "NUMPAGES"):
        if piece.isupper():
            fld = OxmlElement("w:fldSimple")
            fld.set(qn("w:instr"), f" {piece} ")
            r = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = "1"
            r.append(t)
            fld.append(r)
            p._p.append(fld)
        else:
            p.add_run(piece)


def _one_page(doc: Any, section: Any) -> None:
    """The country brief (``<body class="brief">``) is one page: smaller type and spacing,
    narrower margins, as its HTML stylesheet has them."""
    from docx.shared import Cm, Pt

    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.3))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(8.5)
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.line_spacing = 1.0
    for name, size, before in (("Title", 15, 0), ("Heading 1", 10.5, 7), ("Heading 2", 9, 5)):
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(2)


def html_to_docx(html_text: str, day: dt.date) -> bytes:
    """The Word document for ``html_text``; ``day`` (the document's as-of date) stands
    for its creation date, so the same HTML gives the same bytes."""
    from docx import Document
    from docx.shared import Cm, Pt

    root, title = parse(html_text)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.8)
    _page_numbers(section)
    body = root.find_all("body")
    if body and "brief" in body[0].attrs.get("class", "").split():
        _one_page(doc, section)
    _Writer(doc).block(body[0] if body else root)
    props = doc.core_properties
    stamp = dt.datetime(day.year, day.month, day.day)
    props.title = title[:250]
    props.author = "ccmctl"
    props.last_modified_by = "ccmctl"
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue())


def _stable_zip(blob: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01 (zip's epoch), in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
