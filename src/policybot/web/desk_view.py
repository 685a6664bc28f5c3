"""Pieces of the citation desk that are pure data -> text: the department
choices grouped by region, and the feedback log as readable cards."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .feedback import Feedback
from .render import esc

# A department name that names one body ends like one (局, 委, 中心, 公司 …);
# names with 各/有关/相关 or without such an ending (功能区, 有关县市区) name a
# group of bodies, so they are listed apart.
_COLLECTIVE = re.compile(r"各|有关|相关|成员单位")
_BODY_END = re.compile(
    r"(局|委|办|厅|部|院|署|中心|公司|集团|分行|支行|海关|办公室|专班|政府|机关|监委|法院|检察院|银行|协会|委员会)$"
)
SEP = "|"  # between region and department in a choice's value
VAGUE_GROUP = "泛指"


def is_vague(name: str) -> bool:
    """True when a name stands for several bodies, not one."""
    return bool(_COLLECTIVE.search(name)) or not _BODY_END.search(name)


def department_choices(pairs: Iterable[tuple[str, str]], regions: Sequence[str]) -> list[tuple[str, str]]:
    """(region, department) pairs -> dropdown choices "济南市 · 市财政局",
    grouped by region in the given order; vague names (功能区, 有关县市区)
    last, under 泛指, for every region. A value is "region|department"."""
    order = {r: i for i, r in enumerate(regions)}
    specific: set[tuple[str, str]] = set()
    vague: set[str] = set()
    for region, name in pairs:
        name = name.strip()
        if not name:
            continue
        if is_vague(name):
            vague.add(name)
        else:
            specific.add((region, name))
    ranked = sorted(specific, key=lambda p: (order.get(p[0], len(order)), p[0], p[1]))
    out = [(f"{region} · {name}", f"{region}{SEP}{name}") for region, name in ranked]
    out += [(f"{VAGUE_GROUP} · {name}", f"{SEP}{name}") for name in sorted(vague)]
    return out


def parse_department(value: str) -> tuple[str, str]:
    """A choice's value (or a typed name) -> (region, department)."""
    value = (value or "").strip()
    if SEP in value:
        region, name = value.split(SEP, 1)
        return region.strip(), name.strip()
    return "", value


def feedback_html(rows: Sequence[Feedback], answer_chars: int = 240) -> str:
    """The feedback log as cards: when, the rating, the comment, the
    conversation that led to the question (a follow-up like 「这个归哪个
    部门管？」 means nothing without it), the answer and its citations."""
    if not rows:
        return '<div class="pb-empty">还没有反馈。</div>'
    cards = []
    for f in rows:
        conversation = ""
        if f.history:
            turns = "".join(f"<li>{esc(q)}</li>" for q in f.history)
            conversation = f'<div class="pb-fb-conv"><span class="pb-sub">之前的问题：</span><ol>{turns}</ol></div>'
        answer = f.answer if len(f.answer) <= answer_chars else f.answer[: answer_chars - 1] + "…"
        comment = f'<p class="pb-fb-comment">评论：{esc(f.comment)}</p>' if f.comment else ""
        cites = f'<p class="pb-sub">引用：{esc(f.citations_line())}</p>' if f.citations else ""
        cards.append(
            f'<li class="pb-fb-card" data-rating="{esc(f.rating)}">'
            f'<div class="pb-fb-head"><span class="pb-fb-rating">{esc(f.rating_label)}</span> '
            f'<span class="pb-sub">{esc(f.created[:16].replace("T", " "))} · 索引 {esc(f.index_version or "—")}</span></div>'
            f"{comment}{conversation}"
            f'<p class="pb-fb-q"><span class="pb-sub">问题：</span>{esc(f.question)}</p>'
            f'<p class="pb-fb-a">{esc(answer)}</p>{cites}</li>'
        )
    return f'<div class="pb-count">共 {len(rows)} 条</div><ol class="pb-fb-list">{"".join(cards)}</ol>'
