"""Figures worked out from two quoted ones, when a question asks for a share,
a difference or a multiple the text does not write: 「全市算力总共多少？智算占几
成」 is answered by 「全市算力总规模达5290PFlops,其中智能算力4599PFlops」 and
the line 「智能算力4599PFlops约占算力总规模5290PFlops的86.9%」, said to be
worked out from the quotes, not written in the text.

Two figures are worked with only when they are of one kind of unit (亿元 and
万元; 家; %), each is named by the question (its words before the figure, in
part: 智能算力 by 智算) better than any third of that kind: a difference
between a told figure and one the text does not give (「离350亿的目标还差多
少」) is not worked out from another measure of the same sentence.

Pure: a question, the index and the chosen sentences in; a worked line out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .evidence import Evidence
from .index import IndexData
from .superlative import LEAD_NOISE, Mention, expanded, figures_of, named_length

SHARE = "share"
DIFFERENCE = "difference"
MULTIPLE = "multiple"
# 「智算占几成」, 「大概占规上的几成」, 「占比多少」, 「大概占几个点」
_SHARE = re.compile(r"占[^，,。？?！!；;]{0,10}?(?:几成|多少|百分之几|几个点|多大|比例|比重|几分之几|百分比)|占比")
# 「剩下的还有多少」, 「俩差多少」, 「差几个百分点」, 「超了多少」
_DIFFERENCE = re.compile(r"差(?:了|出)?(?:多少|几|好多)|相差|剩下|剩余|余下|多(?:出|了)多少|少了多少|超(?:了|出)多少|高出多少|低了多少")
# 「差几倍」, 「翻了几番」
_MULTIPLE = re.compile(r"几倍|多少倍|翻了?几番")
NAMED = 3  # the characters of a figure's own words a question must say (or half of them, when they are fewer than twice that)


@dataclass(frozen=True)
class Worked:
    """What was worked out, of the larger and the smaller figure as quoted."""

    kind: str
    larger: Mention
    smaller: Mention

    def line(self, number: dict[int, int]) -> str:
        big = f"{_label(self.larger)}{self.larger.figure} [{number[self.larger.clause_pos]}]"
        small = f"{_label(self.smaller)}{self.smaller.figure} [{number[self.smaller.clause_pos]}]"
        if self.kind == SHARE:
            said = f"{small}约占{big}的{_decimal(100 * self.smaller.value / self.larger.value)}%"
        elif self.kind == MULTIPLE:
            said = f"{big}约为{small}的{_decimal(self.larger.value / self.smaller.value)}倍"
        else:
            said = f"{big}与{small}相差{_in_unit(self.larger.value - self.smaller.value, self.larger)}"
        return f"按所引数字计算（不是文件原文）：{said}"


def asked(question: str) -> tuple[str, ...]:
    """The workings a question asks for, in the order it asks them."""
    found = [(m.start(), kind) for kind, pattern in ((SHARE, _SHARE), (DIFFERENCE, _DIFFERENCE), (MULTIPLE, _MULTIPLE))
             if (m := pattern.search(question))]
    return tuple(kind for _, kind in sorted(found))


def pair(index: IndexData, question: str, spans: list[Evidence]) -> tuple[Mention, Mention] | None:
    """The two figures of ``spans`` the question names, larger first: of the
    kinds of unit with two distinct figures named better than any third, the
    one the question names more of; None when there is no such kind or two tie."""
    text = expanded(question)
    found: dict[str, dict[float, tuple[tuple[int, int], Mention]]] = {}
    for e in spans:
        for m in figures_of(index, e.clause_pos):
            if e.start <= m.start < e.end and (said := _said(m, text)):
                # (as well named, the one with fewer words unsaid: 「算力」 is 算力总规模, more than 智能算力)
                found.setdefault(m.unit, {}).setdefault(m.value, ((said, said - len(_own(m))), m))
    two = []
    for by_value in found.values():
        named = sorted(by_value.values(), key=lambda x: (-x[0][0], -x[0][1]))
        if len(named) >= 2 and (len(named) == 2 or named[1][0] > named[2][0]):  # (two named better than any third)
            two.append((named[0][0][0] + named[1][0][0], [named[0][1], named[1][1]]))
    two.sort(key=lambda x: -x[0])
    if not two or (len(two) > 1 and two[1][0] == two[0][0]):
        return None
    larger, smaller = sorted(two[0][1], key=lambda m: -m.value)
    return larger, smaller


def worked(index: IndexData, question: str, spans: list[Evidence]) -> tuple[Worked, ...]:
    """Each working asked that the chosen spans' figures allow (no share of two
    shares, nor one the text writes)."""
    kinds = asked(question)
    figures = pair(index, question, spans) if kinds else None
    if not figures or not figures[1].value:
        return ()
    larger, smaller = figures
    # (a share is of a whole: not of one measure's two years, 「80家…100家」 of 新能源重点企业)
    return tuple(Worked(k, larger, smaller) for k in kinds if not (k != DIFFERENCE and larger.unit == "%")
                 and not (k == SHARE and (_label(larger) == _label(smaller) or share_written(index, question, spans))))


def share_written(index: IndexData, question: str, spans: list[Evidence]) -> bool:
    """A share of ``spans`` states the one asked: what it is the share of, the
    words before its 占, is named by the question (「研发费用占营收的多少」 by
    「规模以上工业企业研发费用支出占业务收入比重达到2%」; not 「营收过亿的企业占规
    上的几成」 by 「制造业占规模以上工业比重」)."""
    text = expanded(question)
    for e in spans:
        for m in figures_of(index, e.clause_pos):
            if e.start <= m.start < e.end and m.unit == "%" and "占" in m.lead:
                whose = LEAD_NOISE.sub("", m.lead[:m.lead.index("占")])
                if not whose:  # (「…发电装机规模达到300万千瓦以上、占电力装机比重超过22%」: of the phrase before)
                    before = index.clauses[m.clause_pos].text[m.start:m.lead_at]
                    whose = LEAD_NOISE.sub("", re.split(r"[，,；;、：:。]", before.rstrip("，,；;、：: "))[-1])
                if _said_of(whose, text):
                    return True
    return False


def _said(m: Mention, text: str) -> int:
    """How much of a figure's own words the question says; 0 when too little to name it."""
    return _said_of(_own(m), text)


def _own(m: Mention) -> str:
    """A figure's own words, without the word that makes it a total (算力总规模: 算力)."""
    own = LEAD_NOISE.sub("", m.lead)
    return _TOTAL.sub("", own) or own


_TOTAL = re.compile(r"(?:总规模|总量|总额|总数|规模)$")


def _said_of(words: str, text: str) -> int:
    said = named_length(words, text)
    return said if said >= NAMED or (said >= 2 and 2 * said >= len(words)) else 0


def _label(m: Mention) -> str:
    """What a figure is of, the members of a class before its 等 left out (「…供应业等重点产业规模总量」)."""
    own = LEAD_NOISE.sub("", m.lead)
    return own[own.rindex("等") + 1:] if "等" in own[:-2] else own


def _decimal(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _in_unit(value: float, like: Mention) -> str:
    """``value`` in the unit ``like``'s figure is written in (691 of 5290PFlops, 3.5 of 7.5%)."""
    number = re.match(r"[\d.]+", like.figure).group(0)
    scale = like.value / float(number)
    return f"{round(value / scale, 4):g}{like.figure[len(number):]}"
