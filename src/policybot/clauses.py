"""Split a cleaned policy document into its clause tree.

Chinese official documents number their parts 一、 → （一） → 1. → （1）, with
inline 一是…二是… and "——" paragraphs below. Numbering restarts in every
section, so a clause is identified by its *path*. Each marker opens a node that
owns the text up to the next marker; paragraphs without a marker continue the
open node. A standalone 牵头单位/责任单位 line closes the block it follows.

Pure functions: text in, ``Clause`` records out.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from .normalize import CN_NUM, TITLE_LINE, Mapped, fold_text
from .types import CLAUSE, DUTY, FOOTER, HEADING, MASTHEAD, PREAMBLE, Clause, SourceText



# (rank, pattern). Lower rank = higher level.
_LEVELS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(r"^第[一二三四五六七八九十百零〇\d]+[章节]")),
    (1, re.compile(rf"^[{CN_NUM}]+、")),
    (2, re.compile(rf"^[（(]\s*[{CN_NUM}]+\s*[）)]")),
    (3, re.compile(r"^第[一二三四五六七八九十百零〇\d]+条")),
    (3, re.compile(r"^\d{1,2}\s*[.、．](?!\d)")),
    (4, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
    (5, re.compile(r"^[①-⑳]")),
    (6, re.compile(r"^——")),
]
_DUTY_LINE = re.compile(r"^(?:牵头单位|责任单位)\s*[:：]")
_DUTY_TAIL = re.compile(
    r"[（(〔\[]\s*((?:牵头单位|责任单位)\s*[:：].*?)[）)〕\]]\s*$", re.S
)
_INLINE = [f"{n}是" for n in CN_NUM]
_FOOTER_START = re.compile(r"^(?:抄送[:：]|抄报[:：])")
_FOOTER_LINE = re.compile(r"^[（(]此件.{1,12}[）)]$|.{2,30}\d{1,2}\s*日印发$")


@dataclass
class _Node:
    rank: int
    title: str  # the path element: marker + heading phrase
    marker: str
    start: int  # offsets in the clean text
    end: int
    kind: str = CLAUSE
    parent: "_Node | None" = None
    children: list["_Node"] = field(default_factory=list)
    lead: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()


def _marker(paragraph: str) -> tuple[int, str] | None:
    for rank, pat in _LEVELS:
        m = pat.match(paragraph)
        if m:
            return rank, m.group(0)
    return None


_INLINE_RUN = re.compile(rf"^[{CN_NUM}]{{1,3}}是")


def numbering(text: str) -> int | None:
    """Which family of numbering a clause opens with (一、 (一) 1. (1) …, by
    their rank; 一是 its own): the parts of one run share it."""
    found = _marker(text)
    if found:
        return found[0]
    return len(_LEVELS) if _INLINE_RUN.match(text) else None


def _heading_phrase(text: str, marker: str, limit: int = 36) -> str:
    """The marker and the phrase that names the part: ``7. 加大投资支持力度``."""
    rest = text[len(marker):]
    first_line = rest.split("\n", 1)[0]
    m = re.search(r"[。：:；;]", first_line)
    phrase = first_line[: m.start()] if m else first_line
    if len(phrase) > limit:
        cut = re.search(r"[，,]", phrase)
        phrase = phrase[: cut.start()] if cut and cut.start() <= limit else phrase[:16] + "…"
    sep = " " if marker[-1:] in ".．" and not marker.endswith(" ") else ""
    return (marker.rstrip() + sep + phrase.strip()).strip()


def split_departments(text: str) -> tuple[str, ...]:
    """市工业和信息化局、市科技局等，各区县政府（含…）-> tuple of names."""
    text = re.sub(r"[（(][^（()）]*[)）]", "", text)  # (含各功能区管委会，下同)
    text = re.sub(r"分工负责|负责$|等$", "", text.strip())
    parts = re.split(r"[、，,；;]", text)
    out = []
    for p in parts:
        p = re.sub(r"^\s*(?:牵头单位|责任单位)\s*[:：]", "", p).strip()
        p = re.sub(r"(?:等|分工负责)$", "", p).strip(" 。")
        if p and p not in out:
            out.append(p)
    return tuple(out)


def parse_duties(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """'牵头单位:A;责任单位:B、C' -> ((A,), (B, C))."""
    lead: tuple[str, ...] = ()
    resp: tuple[str, ...] = ()
    for m in re.finditer(r"(牵头单位|责任单位)\s*[:：](.*?)(?=[;；，,]?\s*(?:牵头单位|责任单位)\s*[:：]|$)", text, re.S):
        body = m.group(2)
        if m.group(1) == "牵头单位":
            lead = split_departments(body)
            continue
        # "A、B牵头，C、D分工负责" inside a 责任单位 list
        head, sep, tail = body.partition("牵头")
        if sep and not lead:
            lead, resp = split_departments(head), split_departments(tail.lstrip("，,、"))
        else:
            resp = split_departments(body)
    return lead, resp


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            cuts = [pos, *(pos + c for c in inline_headings(line)), pos + len(line)]
            spans.extend((a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip())
        pos += len(line) + 1
    return spans


# Numbered headings written inside a line ("…请遵照执行。一、…。二、…"): a
# notice copied from a web page often loses its line breaks. A heading starts
# after the end of a sentence (or a colon, or a space); 一、 (一) 1. each count.
# A bracketed （一） may also follow its section's heading phrase directly
# (「二、再动员再部署（一）做好客流预测。」), once line breaks are lost; not a
# reference to an item of another text (「第三条（一）项」, 「《办法》（二）」).
_INLINE_HEADING = re.compile(
    rf"(?:(?<=[。；;！!？?：:\s　])\s*(?:(?P<cn>[{CN_NUM}]{{1,3}})、|(?P<ar>\d{{1,2}})\s*[.．、](?!\d))"
    rf"|(?<![第条款项》）)号\d])[（(](?P<pcn>[{CN_NUM}]{{1,3}})[）)])"
)


# A short item that ends a sentence (「1. 企业复工申请表；」) is content, not a bare title.
_ITEM_END = re.compile(r"[；;。]\s*$")


def item_number(label: str) -> int | None:
    """四、7. -> 7; 三、（三）9. -> 9; 三、四是 -> 4: the number of a numbered item's label."""
    m = re.search(r"(\d+)\.$", label.strip())
    if m:
        return int(m.group(1))
    # 三、四是: a point counted in words where no numbered item holds it (not 四、6.二是, a point inside item 6)
    m = re.fullmatch(r"[^\d.]*?([一二三四五六七八九十]+)是", label.strip())
    return cn_int(m.group(1)) if m else None


def within_item(label: str, item: int) -> bool:
    """四、13. and its parts (四、13.(三)) are within item 13."""
    return bool(re.search(rf"(?<![\d.]){item}\.(?!\d)", label))


def cn_int(numeral: str) -> int:
    """一 -> 1, 十二 -> 12, 二十一 -> 21, 两千五百 -> 2500, 千 -> 1000; 0 for what is no numeral."""
    digits = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"两": 2}
    total, current = 0, 0
    for ch in numeral:
        if ch in digits:
            current = digits[ch]
        elif ch in "十百千":
            total += (current or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            current = 0
        else:
            return 0
    return total + current


LEVEL_RE = re.compile(r"(国家|省|市|区县|区|县)级(以上|及以上)?")  # 国家级, 省级以上
SCALE_RE = re.compile(r"(\d+|[一二两三四五六七八九十]{1,3}|百|千|万)\s*个?\s*多?\s*(亿|万)")


def scales(text: str) -> set[int]:
    """The sums a text names by scale: 十亿元 and 10个亿 are 10亿, 百亿元 100亿, 万亿元 10000亿."""
    out = set()
    for m in SCALE_RE.finditer(text):
        n = m.group(1)
        v = int(n) if n.isdigit() else {"百": 100, "千": 1000, "万": 10000}.get(n) or cn_int(n.replace("两", "二"))
        out.add(v * (10**8 if m.group(2) == "亿" else 10**4))
    return out


def inline_headings(line: str) -> list[int]:
    """Offsets in ``line`` where a numbered heading starts mid-line.

    Only numbered runs count: a family's headings must follow each other
    (一、 then 二、 …; a lower family restarts at 1 under each higher heading,
    or goes on counting across them, as （五） under 三、 after （四） under 二、;
    a second list, a summary's details, starts again at one),
    with at least two of a family in the line; a stray "。2." is no heading.
    """
    rank = {"cn": 0, "pcn": 1, "ar": 2}
    expected: dict[str, set[int]] = {f: {1} for f in rank}
    taken: dict[str, list[int]] = {f: [] for f in rank}
    first = _INLINE_HEADING.match("。" + line, 1)  # a heading that opens the line counts in its run
    for m in ([first] if first else []) + list(_INLINE_HEADING.finditer(line)):
        fam = next(f for f in rank if m.group(f))
        raw = m.group(fam)
        n = int(raw) if fam == "ar" else cn_int(raw)
        if n not in expected[fam]:
            continue
        at = m.start() + len(m.group(0)) - len(m.group(0).lstrip()) - (1 if m is first else 0)
        taken[fam].append(at)
        expected[fam] = {1, n + 1}  # a second list may start again at one
        for f, r in rank.items():  # the numbering under this heading starts again, or goes on
            if r > rank[fam]:
                expected[f] = {1} | {x for x in expected[f] if x > 1 and taken[f]}
    return sorted(c for cuts in taken.values() if len(cuts) >= 2 for c in cuts if c > 0)


def _build_tree(text: str) -> list[_Node]:
    """Nodes in document order (flat list; parents linked)."""
    nodes: list[_Node] = []
    stack: list[_Node] = []
    started = False  # first marker seen
    in_footer = False
    for start, end in _paragraphs(text):
        para = text[start:end]
        if in_footer or _FOOTER_START.match(para) or (started and _FOOTER_LINE.match(para)):
            in_footer = in_footer or bool(_FOOTER_START.match(para))
            nodes.append(_Node(99, "附注", "", start, end, kind=FOOTER))
            continue
        mk = _marker(para)
        if mk is None and _DUTY_LINE.match(para) is None:
            if stack and started:
                stack[-1].end = end  # continuation paragraph
            else:
                kind = PREAMBLE if len(para) >= 40 else MASTHEAD
                last = nodes[-1] if nodes else None
                if last is not None and last.kind == kind and not started and not (kind == PREAMBLE and TITLE_LINE.search(text[last.start:last.end])):
                    last.end = end
                else:
                    nodes.append(_Node(-1, "前言" if kind == PREAMBLE else "文头", "", start, end, kind=kind))
            continue
        if mk is None:  # standalone 牵头单位/责任单位 line: closes the block above
            while stack and stack[-1].rank > 2:
                stack.pop()
            parent = stack[-1] if stack else None
            node = _Node(7, "牵头/责任单位", "", start, end, kind=DUTY, parent=parent)
            node.lead, node.responsible = parse_duties(para)
            if parent is not None:
                parent.children.append(node)
                if not parent.lead and not parent.responsible:
                    parent.lead, parent.responsible = node.lead, node.responsible
            nodes.append(node)
            continue
        rank, marker = mk
        started = True
        while stack and stack[-1].rank >= rank:
            stack.pop()
        parent = stack[-1] if stack else None
        node = _Node(rank, _heading_phrase(para, marker), marker, start, end, parent=parent)
        if parent is not None:
            parent.children.append(node)
        nodes.append(node)
        stack.append(node)
    return nodes


def _split_inline(text: str, nodes: list[_Node]) -> list[_Node]:
    """一是…二是… inside a node's own text -> child nodes, one per part."""
    out: list[_Node] = []
    for node in nodes:
        out.append(node)
        if node.kind != CLAUSE:
            continue
        own = text[node.start:node.end]
        cuts = []
        pos = 0
        for i, word in enumerate(_INLINE):
            j = own.find(word, pos)
            # an inline part starts a sentence: after 。；：or the heading
            while j > 0 and own[j - 1] not in "。；;：:\n":
                j = own.find(word, j + 1)
            if j <= 0:
                break
            cuts.append(j)
            pos = j + 2
        if len(cuts) < 2:
            continue
        children = []
        bounds = cuts + [len(own)]
        for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
            part = own[a:b]
            child = _Node(8, _heading_phrase(part, _INLINE[k], limit=20), _INLINE[k],
                          node.start + a, node.start + b, parent=node)
            children.append(child)
        node.end = node.start + cuts[0]
        node.children = children + node.children
        out.extend(children)
    return out


def _label(path_nodes: list[_Node]) -> str:
    parts = []
    for n in path_nodes:
        if n.kind == DUTY:
            parts.append("牵头/责任单位")
        elif n.marker == "——":
            sibs = [c for c in (n.parent.children if n.parent else []) if c.marker == "——"]
            parts.append(f"——{sibs.index(n) + 1 if n in sibs else ''}")
        elif n.marker:
            parts.append(n.marker.replace(" ", ""))
        else:
            parts.append(n.title)
    return "".join(parts)


def clause_id(doc_id: str, path: tuple[str, ...], text: str) -> str:
    h = hashlib.sha1(("\x1f".join((doc_id, *path)) + "\x1e" + fold_text(text)).encode("utf-8"))
    return f"{doc_id}:{h.hexdigest()[:10]}"


def parse_clauses(doc_id: str, clean: Mapped, source: SourceText) -> list[Clause]:
    """The clause tree of one document, as ``Clause`` records in order.

    ``clean`` is ``clean_layout(source.text)``; offsets in the records index
    ``clean.text`` (start/end) and ``source.text`` (source_start/source_end).
    """
    text = clean.text
    nodes = _split_inline(text, _build_tree(text))
    nodes.sort(key=lambda n: (n.start, n.rank))

    # duties written at the end of a clause: （责任单位：…） / 〔责任单位：…〕
    for node in nodes:
        if node.kind not in (CLAUSE,):
            continue
        own = text[node.start:node.end].rstrip()
        m = _DUTY_TAIL.search(own)
        if m:
            target = node.parent if node.marker in _INLINE and node.parent else node
            target.lead, target.responsible = parse_duties(m.group(1))

    def path_of(n: _Node) -> list[_Node]:
        chain = []
        while n is not None:
            chain.append(n)
            n = n.parent
        return chain[::-1]

    ids: dict[int, str] = {}
    records: list[Clause] = []
    seen: dict[str, int] = {}
    for ordinal, node in enumerate(nodes):
        raw = text[node.start:node.end]
        stripped = raw.rstrip()
        lstrip = len(raw) - len(raw.lstrip())
        start, end = node.start + lstrip, node.start + len(stripped)
        own = text[start:end]
        kind = node.kind
        if kind == CLAUSE:
            body = own[len(node.title.replace(" ", "")) if own.replace(" ", "").startswith(node.title.replace(" ", "")) else 0:]
            if len(re.sub(r"[\s。：:，,；;]", "", body)) < 4 and node.children:
                kind = HEADING
            elif len(re.sub(r"[\s。：:，,；;]", "", own)) <= len(node.title) + 1 and not node.children and not _ITEM_END.search(own):
                kind = HEADING  # a bare title; an item of a list (「1. 企业复工申请表；」) is content
        chain = path_of(node)
        path = tuple(n.title for n in chain)
        lead, resp = (), ()
        for n in reversed(chain):  # own first, then the nearest ancestor's
            if n.lead or n.responsible:
                lead, resp = n.lead, n.responsible
                break
        cid = clause_id(doc_id, path, own)
        if cid in seen:  # identical path and text twice: disambiguate by order
            seen[cid] += 1
            cid = f"{cid}-{seen[cid]}"
        else:
            seen[cid] = 0
        ids[id(node)] = cid
        s_start, s_end = clean.span_to_parent(start, end)
        records.append(
            Clause(
                clause_id=cid,
                doc_id=doc_id,
                ordinal=ordinal,
                kind=kind,
                path=path,
                label=_label(chain),
                text=own,
                start=start,
                end=end,
                source_start=s_start,
                source_end=s_end,
                page=source.page_at(s_start),
                page_end=source.page_at(max(s_start, s_end - 1)),
                lead=lead,
                responsible=resp,
                parent_id=ids.get(id(node.parent)) if node.parent else None,
            )
        )
    return records
