"""Which of a document's parallel figures is the highest (or lowest), when a
question asks which: 「济宁231那六个集群里，2025年营收目标最高的是哪个？」 is
answered by each cluster's 「到2025年,…营业收入达到1600亿元」 side by side,
highest first, with what each figure is of.

Figures are of one kind when the words just before them end in the same
measure (营业收入达到, 产业规模突破: the verb dropped) and their units are of
one kind (亿元 and 万元; 家; %); the question must name the measure. What a
figure is of is named by the words before it (「能源互联网全口径产业规模」 of
「力争能源互联网全口径产业规模突破4000亿元」), or else by the heading its
clause has and the others' do not (「(二)高端化工产业集群」). A total (the
231 clusters' 4300亿元, under another part of the document) is no rival of
its members: figures named by heading sit under the same top-level part.

The same figures answer 「挨个加起来多少」: all of them, and their sum, said
to be worked out from the quotes, not written in the text.

Pure: a question, the index and the scored sentences in; ranked figures out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .evidence import Evidence
from .index import IndexData
from .lexicon import get as lexicon
from .measure_parse import TARGET
from .query import without_quoted

# 「最高的是哪个」, 「金额最大的…是哪个产业」, 「是不是他们定的最高的」: an extreme asked of several; not a cap
# (「最高能补多少」, 「最多给多少」), which asks one measure's ceiling
_EXTREME = re.compile(r"最(高|大|多|少|低|小)")
_WHICH = re.compile(r"哪|什么|啥|是不是|是否|排第一|排名第一|第一名")
_CAP = re.compile(r"^最[高大多少低小]\s*(?:能|可|给|补|奖|不超过|额度|限额|多少|拿|支持|资助|奖励|补贴|扶持|贴息|也|就|才|到|为|要|得|需|标准|门槛|要求|条件"
                  r"|\d|[一二两三四五六七八九十百千万几]|[\u4e00-\u9fff]{1,4}?(?:额度|金额|限额|上限))")
# (「是不是也最多1000万封顶」: a ceiling told; 「单个项目最高投资额度是什么」: a ceiling asked)
_PIECE = re.compile(r"[，,。？?！!；;]")

_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|万元|千元|元|亿级|亿|万千瓦|万吨|万人|万平方米|万亩|万个|万辆|万公里|家|个|项|%|％|台|座|条|所|名|种|款|套|人|辆|公里"
                     r"|PFlops|P(?![A-Za-z]))")
_SCALE = {"亿": 1e8, "万": 1e4, "千": 1e3}
_VERB = re.compile(r"(?:提升至|提升到|提高到|提高至|增长到|增加到|达到|突破|超过|实现|达|至|到|为|约|累计|总计|合计|保持在|保持|控制在|在)\s*$")
LEAD_NOISE = re.compile(r"^(?:[，,、：:；;。\s]|力争|到\s*20\d{2}\s*年(?:底|末)?|至\s*20\d{2}\s*年(?:底|末)?|20\d{2}\s*年(?:底|末)?|全市|全区|全县|其中|累计|实现|推动|使|新增|培育|拥有|建成|建设|打造|引进|认定)+")
_NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])\s*")
SHOWN = 6  # figures listed at most (the extreme ones first)
SUM = 2  # what ``asked`` says of a question asking the figures added up
# 「挨个加起来多少」, 「合在一起是多少」: the figures of the kind, added (not 「一共多少」, which a text's own total answers)
_SUMMED = re.compile(r"加起来|加在一起|相加|加总|合起来|合在一起|总和")
# (each figure to be added said so: 「挨个加起来」, 「各是多少，合起来多少」; not 「这几个集群加起来」, whose total a text states)
_EACH = re.compile(r"挨个|逐个|一个个|逐项|逐一|分别|各")


@dataclass(frozen=True)
class Ranked:
    """One figure of the kind asked: the sentence that states it, what it is of, the figure as written."""

    evidence: Evidence
    label: str
    figure: str
    value: float


@dataclass(frozen=True)
class Mention:
    clause_pos: int
    start: int  # of the segment that states it
    end: int
    lead: str  # the words before the figure back to the last mark, the verb dropped
    figure: str
    value: float
    unit: str  # of one kind: 元, 家, %, 千瓦 …
    year: int | None
    lead_at: int  # where in the clause the words before the figure begin


def asked(question: str) -> int:
    """+1 when the question asks which is the highest, -1 the lowest,
    ``SUM`` the figures added up (「挨个加起来多少」), 0 none of these."""
    # (not in what the asker quotes: 「“…100个高频事项最多跑一次”出自哪个文件？」)
    written = without_quoted(lexicon().written(question))
    for piece in _PIECE.split(written):
        for m in _EXTREME.finditer(piece):
            if _WHICH.search(piece) and not _CAP.search(piece[m.start():]):
                return 1 if m.group(1) in "高大多" else -1
    return SUM if _SUMMED.search(written) and _EACH.search(written) else 0


def rank(index: IndexData, question: str, evidence: list[Evidence], years: list[int], direction: int,
         members: str = "") -> tuple[Ranked, ...]:
    """The figures of the kind asked, highest (or lowest) first, from the
    document of the best sentences; () when no kind of figure that two of its
    sentences state is named by the question. Only those of the things
    ``members`` (the whole question) names are ranked, when it names two."""
    asked_text, named_text = expanded(question), expanded(members or question)
    docs = list(dict.fromkeys(index.clauses[e.clause_pos].doc_id for e in evidence[:3]))
    kinds = []
    for order, doc in enumerate(docs):
        found = [m for cp in index.clauses_of(doc) for m in figures_of(index, cp) if not years or m.year in years]
        for unit, measure in _measures(found):
            if measure in lexicon().generic_words:
                continue  # (企业: any count of firms, not one kind of figure)
            named = named_length(measure, asked_text)
            of_kind = [m for m in found if m.unit == unit and m.lead.endswith(measure)]
            if named >= 2:  # (the kind the question names most of; of those, the one most figures are of: 实验室, not 重点实验室)
                kinds.append(((-named, -len(of_kind), -len(measure), order), of_kind, measure))
    for _, found, measure in sorted(kinds, key=lambda k: k[0]):
        ranked = _rivals(index, found, measure, named_text, years)
        if len(ranked) >= 2 and (direction != SUM or _addable(ranked)):
            ordered = sorted(ranked, key=lambda r: -(1 if direction == SUM else direction) * r.value)
            return tuple(ordered if direction == SUM else ordered[:SHOWN])  # (a sum is of all of them)
    return ()


def headline(ranked: tuple[Ranked, ...], direction: int, number: dict[int, int]) -> tuple[str, ...]:
    """「最高：高端化工产业集群 1600亿元 [2]」 and the others after it, or
    (``SUM``) 「以下6项相加为4300亿元（…）：…」; ``number`` gives each quoted
    sentence's citation number by the clause it is from."""
    def said(r: Ranked) -> str:
        return f"{r.label} {r.figure} [{number[r.evidence.clause_pos]}]"

    shown = [r for r in ranked if r.evidence.clause_pos in number]
    if len(shown) < 2:
        return ()
    if direction == SUM:
        if len(shown) < len(ranked):
            return ()  # (a sum of the figures quoted only)
        return (f"以下{len(shown)}项相加为{_total(shown)}（按所引数字计算，不是文件原文）：{'；'.join(said(r) for r in shown)}",)
    top = [r for r in shown if r.value == shown[0].value]
    word = "最高" if direction > 0 else "最低"
    lines = [f"{word}{'（并列）' if len(top) > 1 else ''}：{'；'.join(said(r) for r in top)}"]
    rest = shown[len(top):]
    if rest:
        lines.append(f"其余：{'；'.join(said(r) for r in rest)}")
    return tuple(lines)


def _addable(ranked: list[Ranked]) -> bool:
    """Figures that add up: amounts or counts in one unit as written (not shares)."""
    units = {_unit_of(r.figure) for r in ranked}
    return len(units) == 1 and not units & {"%", "％"}


def _unit_of(figure: str) -> str:
    return re.sub(r"^[\d.]+", "", figure)


def _total(ranked: list[Ranked]) -> str:
    """The sum of the figures, in the unit they are written in (1500亿元 + 1600亿元 -> 3100亿元)."""
    first = ranked[0]
    scale = first.value / float(re.match(r"[\d.]+", first.figure).group(0))
    total = round(sum(r.value for r in ranked) / scale, 4)
    return f"{total:g}{_unit_of(first.figure)}"


def expanded(question: str) -> str:
    """The question with its spoken words and abbreviations in the documents' words (营收 -> 营业收入)."""
    text = lexicon().written(question)
    for short, full in sorted(lexicon().abbreviations, key=lambda kv: -len(kv[0])):
        text = text.replace(short, "".join(full))
    return re.sub(r"\s+", "", text)


def figures_of(index: IndexData, clause_pos: int) -> list[Mention]:
    """The figures of one clause, each with the segment that states it."""
    text = index.clauses[clause_pos].text
    out = []
    for sid in index.segments_of(clause_pos):
        _, a, b = index.segments[sid]
        for f in _FIGURE.finditer(text, a, b):
            back = max(text.rfind(ch, a, f.start()) for ch in "，,；;：:、。（(")
            if back >= a and text[back] in "（(" and re.fullmatch(r"[^（()）]*[）)]\s*", text[back + 1:f.start()]):
                # 「单项冠军企业（产品）120家」: the words before the aside the figure follows
                back = max(text.rfind(ch, a, back) for ch in "，,；;：:、。（(")
            lead = re.sub(r"\s+", "", text[max(a, back + 1):f.start()])
            lead = _VERB.sub("", lead)
            if len(lead) < 2:
                continue
            years = list(TARGET.finditer(text, a, f.start())) or list(TARGET.finditer(text, 0, a))
            unit = f.group(2)
            scale = _SCALE.get(unit[0], 1.0) if len(unit) > 1 else 1.0
            kind = unit[1:] if len(unit) > 1 and unit[0] in _SCALE else unit
            kind = "元" if kind in ("级", "") or unit in ("亿", "亿级") else kind.replace("％", "%")
            kind = "P" if kind == "PFlops" else kind  # (算力 written 2000P and 5290PFlops)
            out.append(Mention(clause_pos, a, b, lead, re.sub(r"\s+", "", f.group(0)), float(f.group(1)) * scale,
                               kind, int(years[-1].group(1)) if years else None, max(a, back + 1)))
    return out


def _common_tail(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n:]


def _measures(found: list[Mention]) -> set[tuple[str, str]]:
    """The (unit, measure) pairs two figures share: the longest tail their
    leads end in (产业规模 of 能源互联网全口径产业规模 and 新能源汽车产业规模)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for m in found:
        groups.setdefault((m.unit, m.lead[-2:]), []).append(m.lead)
    out = set()
    for (unit, _), leads in groups.items():
        distinct = sorted(set(leads))
        for i, a in enumerate(distinct):
            for b in distinct[i + 1:]:
                out.add((unit, _common_tail(a, b)))
        # (one lead stated twice, 「营业收入达到」 of each cluster, is a measure of its own)
        out |= {(unit, lead) for lead, n in Counter(leads).items() if n >= 2}
    return out


def named_length(measure: str, text: str) -> int:
    """The length of the longest part of ``measure`` the question says."""
    for n in range(len(measure), 1, -1):
        if any(measure[i:i + n] in text for i in range(len(measure) - n + 1)):
            return n
    return 0


_MEMBER_TAIL = re.compile(r"(?:产业集群|集群|产业|行业|领域|工程|项目)$")


def _rivals(index: IndexData, members: list[Mention], measure: str, asked_text: str, years: list[int]) -> list[Ranked]:
    """One figure per thing it is of: named by the words before the measure,
    or by the heading of its clause (then only beside figures of the same
    part of the document and depth of heading)."""
    paths = {m.clause_pos: index.clauses[m.clause_pos].path for m in members}
    def shape(m: Mention) -> tuple[tuple[str, ...], int]:
        return paths[m.clause_pos][:1], len(paths[m.clause_pos])

    said: list[tuple[str, Mention]] = []  # named by the words before the measure
    headed: list[tuple[str, Mention]] = []  # ... by a heading
    for m in members:
        if LEAD_NOISE.sub("", m.lead[:len(m.lead) - len(measure)]):
            said.append((LEAD_NOISE.sub("", m.lead), m))  # (the whole thing: 省重点实验室, 能源互联网全口径产业规模)
        elif label := _heading(paths[m.clause_pos], list(paths.values())):
            headed.append((label, m))
    if headed:  # those of the part of the document most of them are in (not a total under another part)
        shapes = [shape(m) for _, m in headed]
        common = max(set(shapes), key=shapes.count)
        headed = [(l, m) for l, m in headed if shape(m) == common]
    by_label: dict[str, Mention] = {}
    for label, m in said + headed:
        kept = by_label.get(label)
        if kept is None or (not years and (m.year or 0) > (kept.year or 0)):  # (no year asked: the latest one each states)
            by_label[label] = m
    # the members the question names, when it names two or more (「新能源、新材料、医药三个集群…哪个最高」)
    named = {l: m for l, m in by_label.items() if len(core := _MEMBER_TAIL.sub("", l)) >= 2 and core in asked_text}
    if len(named) >= 2:
        by_label = named
    return [Ranked(Evidence(m.clause_pos, m.start, m.end, 0.0, 0.0, 0.0, 0), label, m.figure, m.value)
            for label, m in by_label.items()]


def _heading(path: tuple[str, ...], others: list[tuple[str, ...]]) -> str:
    """The heading of ``path`` that other paths of its length do not share, numbering dropped."""
    for i, h in enumerate(path):
        if any(len(o) == len(path) and o[i] != h for o in others):
            return _NUMBERING.sub("", h).strip()
    return ""

