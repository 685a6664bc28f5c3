"""HTML and Markdown for the web app: every piece of escaping lives here.

Everything shown in the browser that comes from a question, a document or a
feedback comment passes through :func:`esc` (for ``gr.HTML``) or
:func:`md_text` (for chat messages, which Gradio renders as Markdown). The
functions are pure: data in, a string out, so tests can feed them hostile
text by hand.

``gr.HTML`` in Gradio 6 evaluates its template as a JavaScript template
literal; values are passed as variables (safe), but ``$``, braces and
backticks are written as character references anyway, so no text from a
document can ever become template syntax.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable, Iterable, Sequence

from ..service import QuoteMatch, Validity
from ..types import HEADING, Answer, Citation, Clause, DocumentMeta, Hit

ValidityOf = Callable[[DocumentMeta], Validity]

_EXTRA = {"$": "&#36;", "{": "&#123;", "}": "&#125;", "`": "&#96;", "\\": "&#92;"}
_EXTRA_RE = re.compile(r"[${}`\\]")
_MD_INLINE = re.compile(r"([\\`*_\[\]()~|$])")  # < > & become entities
_MD_LINE_START = re.compile(r"^(\s*)([#+=\-]|\d+(?=[.)]))", re.M)
_MD_MARKER = re.compile(r"\\\[(\d{1,3})\\\](?!:)")  # [n] markers stay readable
_DOM_ID_RE = re.compile(r"[^A-Za-z0-9_-]")


def esc(text: object) -> str:
    """Text -> HTML that shows exactly that text (nothing in it runs)."""
    s = html.escape("" if text is None else str(text), quote=True)
    return _EXTRA_RE.sub(lambda m: _EXTRA[m.group(0)], s)


def md_text(text: str) -> str:
    """Text -> Markdown that shows exactly that text: HTML escaped, Markdown
    syntax backslash-escaped, line breaks kept. Citation markers ``[n]`` stay
    as they are (no link definitions can exist, so they stay plain text)."""
    s = _MD_INLINE.sub(r"\\\1", text or "")
    s = _MD_LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2).isdigit() else m.group(2) + "\\"), s)
    s = _MD_MARKER.sub(r"[\1]", s)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def book_titles(text: str) -> str:
    """Book-title marks nested the Chinese way: 《…》 inside 《…》 becomes
    〈…〉, so 《《规划》评估报告》 reads 《〈规划〉评估报告》."""
    out, depth = [], 0
    for ch in text or "":
        if ch == "《":
            out.append("《" if depth == 0 else "〈")
            depth += 1
        elif ch == "》" and depth > 0:
            depth -= 1
            out.append("》" if depth == 0 else "〉")
        else:
            out.append(ch)
    return "".join(out)


def book_title(title: str) -> str:
    """A document title in 《》 (plain text; escape it when it goes into HTML)."""
    return book_titles(f"《{title}》")


def dom_id(clause_id: str) -> str:
    """A clause id as an HTML id (clause ids contain ':')."""
    return "pb-c-" + _DOM_ID_RE.sub("_", clause_id)


# --- quote highlighting --------------------------------------------------------


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text``: verbatim first, then ignoring
    whitespace (a quote taken across a line break). None when absent."""
    quote = (quote or "").strip()
    if not quote:
        return None
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    squeezed = re.sub(r"\s+", "", quote)
    if not squeezed:
        return None
    pattern = r"\s*".join(re.escape(ch) for ch in squeezed)
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def highlight_span(text: str, start: int, end: int) -> str:
    start, end = max(0, start), min(len(text), end)
    if start >= end:
        return esc(text)
    return f"{esc(text[:start])}<mark>{esc(text[start:end])}</mark>{esc(text[end:])}"


def highlight(text: str, quote: str) -> str:
    span = find_quote(text, quote)
    return highlight_span(text, *span) if span else esc(text)


# --- documents -----------------------------------------------------------------


def validity_text(v: Validity) -> str:
    """What a badge says; an expired document always says 已到期."""
    return v.text if not v.expired or "已到期" in v.text else f"已到期：{v.text}"


def validity_badge(v: Validity) -> str:
    cls = {"expired": "pb-expired", "in_force": "pb-in-force"}.get(v.status, "pb-unstated")
    return f'<span class="pb-badge {cls}">{esc(validity_text(v))}</span>'


def doc_line(doc: DocumentMeta) -> str:
    """One line of plain text naming a document (for dropdowns)."""
    return f"{doc.title}（{doc.number}）" if doc.number else doc.title


def doc_meta_html(doc: DocumentMeta, v: Validity) -> str:
    rows = [
        ("文号", doc.number or "（未编号）"),
        ("发文机关", doc.issuer),
        ("成文日期", doc.date),
        ("地区", doc.region),
        ("期限", doc.period or "（未写明）"),
    ]
    cells = "".join(f"<dt>{esc(k)}</dt><dd>{esc(val)}</dd>" for k, val in rows)
    return (
        f'<div class="pb-doc-meta"><h3>{esc(doc.title)}</h3>'
        f"<dl>{cells}<dt>效力</dt><dd>{validity_badge(v)}</dd></dl></div>"
    )


def documents_table_html(docs: Sequence[DocumentMeta], validity_of: ValidityOf) -> str:
    """Every document with its metadata; a row opens the document. Columns
    marked ``pb-opt`` give way on a narrow screen, so 效力 always shows."""
    cols = [("文件", ""), ("文号", "pb-opt"), ("发文机关", "pb-opt"), ("日期", "pb-date"), ("地区", ""), ("期限", "pb-opt"), ("效力", "")]
    head = "".join(f'<th class="{c}">{h}</th>' for h, c in cols)
    rows = []
    for d in docs:
        cells = [d.number or "—", d.issuer, d.date, d.region, d.period or "—"]
        rows.append(
            f'<tr><td><button type="button" class="pb-doclink" data-doc="{esc(d.doc_id)}">{esc(d.title)}</button></td>'
            + "".join(f'<td class="{c}">{esc(v)}</td>' for v, (_, c) in zip(cells, cols[1:6], strict=True))
            + f"<td>{validity_badge(validity_of(d))}</td></tr>"
        )
    return (
        f'<div class="pb-table-wrap"><table class="pb-doc-table"><thead><tr>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )


def duties_html(clause: Clause) -> str:
    parts = []
    if clause.lead:
        parts.append(f"牵头单位：{esc('、'.join(clause.lead))}")
    if clause.responsible:
        parts.append(f"责任单位：{esc('、'.join(clause.responsible))}")
    return f'<div class="pb-duties">{"；".join(parts)}</div>' if parts else ""


def _where(clause: Clause) -> str:
    page = f" · 第{clause.page}页" if clause.page else ""
    return f'<div class="pb-path">{esc(clause.path_str)}{esc(page)}</div>'


def document_html(
    doc: DocumentMeta,
    v: Validity,
    clauses: Sequence[Clause],
    focus_id: str | None = None,
    quote: str = "",
) -> str:
    """A whole document: its metadata, then its clause tree (indented by path
    depth, headings bold). The focused clause is shown in full and marked."""
    items = []
    for c in clauses:
        depth = max(0, len(c.path) - 1)
        focused = c.clause_id == focus_id
        title = c.path[-1] if c.path else c.label
        cls = "pb-node pb-heading" if c.kind == HEADING else f"pb-node pb-kind-{esc(c.kind)}"
        if focused:
            cls += " pb-focus"
        if c.kind == HEADING:
            body = f"<strong>{esc(title)}</strong>"
        elif focused:
            body = f"<strong>{esc(title)}</strong><div class='pb-clause-text'>{highlight(c.text, quote)}</div>{duties_html(c)}"
        else:
            preview = c.text if len(c.text) <= 90 else c.text[:88] + "…"
            body = f"<span class='pb-preview'>{esc(preview)}</span>"
        items.append(
            f'<li id="{dom_id(c.clause_id)}" class="{cls}" style="margin-left:{depth * 1.4:.1f}em">'
            f'<button type="button" class="pb-link" data-clause="{esc(c.clause_id)}">{body}</button></li>'
        )
    tree = f'<ol class="pb-tree">{"".join(items)}</ol>' if items else "<p>（这份文件没有条款）</p>"
    return f'<div class="pb-document">{doc_meta_html(doc, v)}{tree}</div>'


def clause_html(clause: Clause, doc: DocumentMeta, v: Validity, *, quote: str = "", heading: str = "") -> str:
    """One clause verbatim, the quote marked, with the document it is from."""
    head = f"<h4>{esc(heading)}</h4>" if heading else ""
    return (
        f'<div class="pb-clause" data-clause-id="{esc(clause.clause_id)}">{head}'
        f'<div class="pb-source">{esc(book_title(doc.title))}{esc(doc.number or "")} · {esc(doc.issuer)} · {esc(doc.date)} '
        f"{validity_badge(v)}</div>"
        f"{_where(clause)}"
        f'<blockquote class="pb-clause-text">{highlight(clause.text, quote)}</blockquote>'
        f"{duties_html(clause)}</div>"
    )


# --- the chat ------------------------------------------------------------------


def answer_markdown(answer: Answer, note: str = "") -> str:
    """The assistant's chat message (see :mod:`answer_view`): the headline,
    the quotes grouped by document, clickable [n] markers."""
    from .answer_view import answer_html

    return answer_html(answer, note)


def citation_card(c: Citation, v: Validity) -> str:
    doc = c.document
    bits = [esc(doc.number)] if doc.number else []
    bits += [esc(doc.issuer), esc(doc.date)]
    page = f" · 第{c.clause.page}页" if c.clause.page else ""
    expired = f" {validity_badge(v)}" if v.expired else ""
    return (
        f'<li><button type="button" class="pb-cite pb-link" data-cite="{c.n}">'
        f'<span class="pb-n">[{c.n}]</span> <span class="pb-title">{esc(doc.title)}</span>{expired}'
        f'<span class="pb-sub">{" · ".join(bits)}</span>'
        f'<span class="pb-sub">{esc(c.clause.path_str)}{esc(page)}</span></button></li>'
    )


def related_card(h: Hit, doc: DocumentMeta | None) -> str:
    title = esc(doc.title) if doc else esc(h.clause.doc_id)
    return (
        f'<li><button type="button" class="pb-related pb-link" data-clause="{esc(h.clause.clause_id)}">'
        f'<span class="pb-title">{title}</span><span class="pb-sub">{esc(h.clause.path_str)}</span></button></li>'
    )


def sources_html(answer: Answer | None, validity_of: ValidityOf, doc_of: Callable[[str], DocumentMeta | None]) -> str:
    if answer is None:
        return '<div class="pb-empty">回答引用的条款会列在这里，点击可查看原文。</div>'
    out = []
    if answer.citations:
        cards = "".join(citation_card(c, validity_of(c.document)) for c in answer.citations)
        out.append(f'<h4>引用（点击查看原文）</h4><ol class="pb-sources">{cards}</ol>')
    elif not answer.refused:
        out.append('<div class="pb-empty">这条回答没有引用条款。</div>')
    if answer.refused:
        out.append('<div class="pb-refused">没有条款能支持回答，所以不作答。</div>')
    if answer.related:
        cards = "".join(related_card(h, doc_of(h.clause.doc_id)) for h in answer.related)
        out.append(f'<h4>可能相关（不是引用，仅供查阅）</h4><ul class="pb-sources pb-related-list">{cards}</ul>')
    return "".join(out)


# --- the citation desk ---------------------------------------------------------


def hits_html(hits: Iterable[Hit], doc_of: Callable[[str], DocumentMeta | None]) -> str:
    """Search results, each titled with its document and clause path."""
    rows = []
    for h in hits:
        c = h.clause
        doc = doc_of(c.doc_id)
        lead = "、".join(c.lead) or "—"
        resp = "、".join(c.responsible) or "—"
        preview = c.text if len(c.text) <= 120 else c.text[:118] + "…"
        page = f" · 第{c.page}页" if c.page else ""
        region = f"{doc.region} · " if doc else ""
        rows.append(
            f'<li><button type="button" class="pb-hit pb-link" data-clause="{esc(c.clause_id)}">'
            f'<span class="pb-title">{esc(book_title(doc.title if doc else c.doc_id))}</span>'
            f'<span class="pb-sub">{esc(region)}{esc(c.path_str)}{esc(page)}</span>'
            f'<span class="pb-preview">{esc(preview)}</span>'
            f'<span class="pb-sub">牵头：{esc(lead)}；责任：{esc(resp)}</span></button></li>'
        )
    if not rows:
        return '<div class="pb-empty">没有找到符合条件的条款。</div>'
    return f'<div class="pb-count">找到 {len(rows)} 条</div><ol class="pb-hits">{"".join(rows)}</ol>'


def char_diff(pasted: str, original: str) -> tuple[str, str]:
    """Both texts as HTML with the characters that differ marked: in the
    pasted text <del> (not in the original), in the original <ins> (what the
    document really says). Whitespace is ignored."""
    a, b = re.sub(r"\s+", "", pasted or ""), re.sub(r"\s+", "", original or "")
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(esc(a[i1:i2]))
            right.append(esc(b[j1:j2]))
            continue
        if i2 > i1:
            left.append(f"<del>{esc(a[i1:i2])}</del>")
        if j2 > j1:
            right.append(f"<ins>{esc(b[j1:j2])}</ins>")
    return "".join(left), "".join(right)


def quote_match_html(m: QuoteMatch | None, v: Validity | None = None, pasted: str = "") -> str:
    if m is None:
        return '<div class="pb-notfound">未在任何文件中找到这句话。</div>'
    diff = ""
    if m.exact:
        verdict = '<div class="pb-verdict pb-exact">原文一致：这句话逐字出自下面的条款。</div>'
    else:
        verdict = (
            f'<div class="pb-verdict pb-similar">不是原文：最接近的条款相似度 {m.similarity:.0%}，'
            "不同的字已标出（删除线是粘贴的句子里的，加粗下划线是原文里的）。</div>"
        )
        if pasted:
            yours, theirs = char_diff(pasted, m.clause.text[m.start : m.end])
            diff = (
                '<dl class="pb-diff"><dt>粘贴的句子</dt>'
                f'<dd class="pb-diff-pasted">{yours}</dd><dt>文件原文</dt><dd class="pb-diff-original">{theirs}</dd></dl>'
            )
    clause = m.clause
    body = (
        f'<div class="pb-clause"><div class="pb-source">{esc(book_title(m.document.title))}{esc(m.document.number or "")} · '
        f'{esc(m.document.issuer)} · {esc(m.document.date)} {validity_badge(v) if v else ""}</div>'
        f"{_where(clause)}"
        f'<blockquote class="pb-clause-text">{highlight_span(clause.text, m.start, m.end)}</blockquote></div>'
    )
    return verdict + diff + body


def notice_html(text: str, kind: str = "info") -> str:
    return f'<div class="pb-notice pb-{esc(kind)}">{esc(text)}</div>'
