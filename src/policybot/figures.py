"""The figure line of an amount answer: the rate or amount that applies to the
case asked about, stated before the quotes.

「我们在济南搞智能化改造，整个车间改造能补多少？」 with the cited clause
「对整生产线、整车间和整工厂的智能化改造项目，分别给予设备投资（含软件）12%、
15% 和 20% 的奖补，单个企业最高不超过 2000 万元」 gives
「整车间智能化改造：设备投资（含软件）的15%，单个企业最高2000万元 [1]」; a
question that does not say which case gets the cases side by side. Every
figure in the line is a span of the cited clause (``Measure`` fields).

Pure: a question and citations in, lines out.
"""

from __future__ import annotations

import re

from .clauses import scales
from .evidence import levels, other_level
from .query import without_premise
from .measures import Measure, extract
from .types import Citation

BY_CASE = "按情形："  # a line that gives each case of a list its figure
_QUALIFIER = re.compile(r"^(?:整个?|全|单个|单条|一条)")


def _t(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _head(case: str) -> str:
    """整车间 -> 车间: the noun a question may say another way (整个车间)."""
    return _QUALIFIER.sub("", case) or case


def _topic(m: Measure) -> str:
    """The case with what the list qualifies: 整车间 + 智能化改造."""
    if m.case is None:
        return ""
    for c in m.conditions:
        if c.start <= m.case.start and m.case.end <= c.end:
            after = c.text[m.case.end - c.start:]
            rest = re.sub(r"^[^的]*的", "", after) if "的" in after else ""
            rest = re.sub(r"(?:项目|企业|单位)$", "", rest)
            return _t(m.case.text + rest)
    return _t(m.case.text)


def _condition_named(condition: str, question: str) -> bool:
    """The question names what a measure's condition is (普通技改项目 -> 普通技改)."""
    core = re.sub(r"^(?:对|对于)|(?:的)?(?:项目|企业|单位)$", "", _t(condition))
    # (not the scope of a cap or a unit, 「每家企业最高」: who gets it is said elsewhere)
    return len(core) >= 3 and core in question and not re.search(r"最高|最多|不超过|不高于|每", core)


def _value(m: Measure) -> str:
    if m.rate is not None:
        return (f"{_t(m.base.text)}的" if m.base else "") + _t(m.rate.text)
    if m.amount is not None:
        return (_t(m.per.text) if m.per else "") + _t(m.amount.text)
    return ""


def _cap(m: Measure) -> str:
    if m.cap is None:
        return ""
    return f"{_t(m.cap_scope.text) if m.cap_scope else ''}最高{_t(m.cap.text)}"


def figure_lines(question: str, citations: tuple[Citation, ...] | list[Citation], limit: int = 2) -> list[str]:
    """One line per cited clause whose quote grants a figure: the case the
    question names, or all the cases of the quoted list side by side."""
    out: list[str] = []
    # the cases the question asks about, not one the asker states before asking
    # (「之前听人说普通技改只补10%，那我们这种整个车间的改造比例是不是更高？」)
    q = _t(without_premise(question))
    asked = levels(question)
    for cit in citations:
        clause = cit.clause
        a = clause.text.find(cit.quote)
        if a < 0:
            continue
        b = a + len(cit.quote)
        ms = [m for m in extract(clause)[0] if (m.value or m.cap) is not None and a <= (m.value or m.cap).start < b]
        if not ms:
            continue
        # 省级 asked: not the 国家级 figure beside it
        ms = [m for m in ms if not other_level(asked, " ".join(c.text for c in m.conditions))]
        if not ms:
            continue
        # the measures of one phrase; the one whose case the question names wins
        groups: dict[int, list[Measure]] = {}
        for m in ms:
            groups.setdefault(m.group, []).append(m)
        named = [m for m in ms if m.case is not None and (_t(m.case.text) in q or _head(_t(m.case.text)) in q)]
        # (or the one measure whose condition the question names: 「普通技改…补多少」 beside 整车间 12%…)
        said_of = [g for g in groups.values() if len(g) == 1 and any(_condition_named(c.text, q) for c in g[0].conditions)]
        if not named and len(said_of) == 1:
            named = said_of[0]
        if len(named) == 1:
            m = named[0]
            parts = [p for p in (_value(m), _cap(m)) if p]
            topic = _topic(m) or next((_t(c.text) for c in m.conditions if _condition_named(c.text, q)), "")
            out.append(f"{topic + '：' if topic else ''}{'，'.join(parts)} [{cit.n}]")
        else:
            # 「冲过了10个亿」: the measure whose condition is that threshold (每新上一个十亿元台阶)
            said = scales(question)
            steps = {k: set().union(*(scales(" ".join(c.text for c in m.conditions)) for m in g)) for k, g in groups.items()} if said else {}
            at = [groups[k] for k, sc in steps.items() if sc & said]
            if said and not at:
                # 「冲过20个亿」: no step of its own; the highest one reached (每新上一个10亿元台阶, not the 百亿元 one)
                reached = [(max(sc), k) for k, sc in steps.items() if sc and max(sc) <= max(said)]
                at = [groups[max(reached)[1]]] if reached else []
            g = at[0] if len(at) == 1 else max(groups.values(), key=len)
            if len(g) > 1 and all(m.case is not None for m in g):
                sides = "；".join(f"{_t(m.case.text)} {_t(m.rate.text) if m.rate else _value(m)}" for m in g)
                base = f"（{_t(g[0].base.text)}）" if g[0].base else ""
                cap = f"，{_cap(g[0])}" if g[0].cap else ""
                out.append(f"{BY_CASE}{sides}{base}{cap} [{cit.n}]")
            else:
                m = g[0]
                parts = [p for p in (_value(m), _cap(m)) if p]
                who = _t(m.conditions[-1].text) if m.conditions and len(m.conditions[-1].text) <= 20 else ""
                if parts:
                    out.append(f"{who + '：' if who else ''}{'，'.join(parts)} [{cit.n}]")
        if len(out) >= limit:
            break
    return out


_FIGURE = re.compile(r"\d[\d.,]*\s*(?:%|％|万元|亿元|元)")


def figure_values(line: str) -> set[str]:
    """The amounts and rates a figure line states (「最高100万元」 -> {100万元})."""
    return set(_FIGURE.findall(line))
