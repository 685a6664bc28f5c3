"""How a sentence of a clause is read into ``Measure`` records: the lexicon
(support words and the words that make a number a cap, a threshold or a
statistic) and the span-level rules. ``measures.extract`` is the entry point;
the definitions the rules follow are in its module docstring.

Pure functions over a clause's text; every field is a ``Span`` of it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .measures import Measure, Span
from .types import Clause

# ---------------------------------------------------------------- lexicon

# surface word -> kind. Longer words first where one contains another.
KINDS: tuple[tuple[str, str], ...] = (
    ("奖补", "奖补"), ("以奖代补", "奖补"), ("奖励", "奖励"), ("补助", "补助"), ("补贴", "补贴"),
    ("贴息", "贴息"), ("扶持", "扶持"), ("资助", "资助"), ("返还", "返还"), ("退还", "返还"), ("先征后补", "返还"),
    ("减免", "减免"), ("免收", "减免"), ("免征", "减免"), ("免除", "减免"), ("减半", "减免"), ("减征", "减免"),
    ("下浮", "减免"), ("降低", "减免"), ("缓缴", "缓缴"), ("延期缴纳", "缓缴"), ("基金", "基金"), ("专项资金", "基金"),
    ("用地", "用地"), ("人才公寓", "人才"), ("融资", "融资"), ("贷款", "融资"), ("担保", "融资"),
    ("支持", "扶持"),
)
_KIND_RE = re.compile("|".join(re.escape(w) for w, _ in sorted(KINDS, key=lambda t: -len(t[0]))))
_KIND_OF = dict(KINDS)
# kinds a bare value can be read with (融资/用地/降低 words name a topic, not a grant)
_GRANT_KINDS = {"奖补", "奖励", "补助", "补贴", "贴息", "扶持", "资助", "返还", "减免", "缓缴"}

_NUM = r"\d+(?:[.,]\d+)*|[一二两三四五六七八九十百千半]+"
_MONEY = re.compile(rf"({_NUM})\s*(亿元|万元|千元|元)")
_RATE = re.compile(rf"(?:{_NUM})\s*[%％‰]|百分之[一二三四五六七八九十百\d.]+")
_MONTHS = re.compile(r"(?<!\d)(?:\d{1,2}|[一二两三四五六七八九十半]+)\s*(?:个月|年)(?!度|底|初|末|\d)")
_TIME_KINDS = re.compile(r"缓缴|免收|减半|减免|减征|免征")
_CAP_WORD = re.compile(r"(?:最高|不超过|不高于|不多于|上限为?|最多|封顶|最高额度)\s*$")
# words before a number that make it a threshold or a statistic, not a grant
_THRESHOLD_BEFORE = re.compile(r"(?:超过|达到|突破|超|达|预计|累计|共计|合计|总计|约|不低于|不少于|增长|投资|营业收入|规模|在|计|额度在|实现|引进|由原|原|降低|下降|资金|经费|贷款)\s*$")
_THRESHOLD_AFTER = re.compile(r"^\s*(?:[（(]含[)）])?\s*(?:以上|及以上|以下|以内|台阶|级|规模|左右|的企业|的项目|的[，,；;]|用于|资金|专项资金|基金|亿元?级|政策|期限)")
_STAT_BEFORE = re.compile(r"预计|共计|合计|总计|涉及|测算|估计|大约")
_POOL_BEFORE = re.compile(r"设立|安排|筹集|统筹|下达|拨付|投入")
_GRANT_VERB = re.compile(r"给予|予以|给|可享受|享受|发放|按照|按|(?:可|将)?获得|返还|减免|免收|免征|减半|缓缴|补助|补贴|奖励|奖补|贴息|扶持|资助|安排")
_VALUELESS = re.compile(
    r"(?<!不得)(?<!不再)(?<!不予)(?:给予|予以|可享受|享受)[^，,。；;]{0,16}?(奖补|奖励|补助|补贴|贴息|扶持|资助|返还|减免)"
    r"(?![^，,。；;]{0,4}(?:的|时|资金|政策|名单|标准|范围|办法))")
_PAYER = re.compile(
    r"(?:中央|国家|省级?|市级?|县级?|区级?|市县|县区|自治区|地方|受益地|同级|各级|企业所在地)?财政(?:部门|局)?"
    r"(?=给予|予以|按|对|再|可|一次性|先行|安排)"
    r"|(?<=由)[\u4e00-\u9fff]{2,10}?(?:政府|局|委|部门|厅|办)(?=给予|予以|按|对|安排|发放)")
_PER = re.compile(r"(?:每(?:人|户|家|个|名|位|月|天|日|年|吨|亩|平方米|套|台|项|辆|床)+|/(?:人|月|天|年|户))")
_LEVEL = re.compile(r"国家级|省级|市级|区级|县级")
_SENT_END = "。；;！？!?\n"
_SEG_END = "，,：:"
TARGET = re.compile(r"(?:到|至)\s*(20\d{2})\s*年")
_TARGET_VERB = re.compile(r"达到|突破|提高到|提升至|提升到|超过|实现|培育|力争|打造|形成|保持")


def _spans(text: str, ends: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    out, a = [], start
    for i in range(start, end):
        if text[i] in ends:
            out.append((a, i + 1))
            a = i + 1
    if a < end:
        out.append((a, end))
    return out


def _strip(text: str, a: int, b: int, chars: str = " \t\u3000，,、：:。；;") -> tuple[int, int]:
    while a < b and text[a] in chars:
        a += 1
    while b > a and text[b - 1] in chars:
        b -= 1
    return a, b


def _span(text: str, a: int, b: int) -> Span | None:
    a, b = _strip(text, a, b)
    return Span(a, b, text[a:b]) if b > a else None


@dataclass(frozen=True)
class _Value:
    start: int
    end: int
    is_rate: bool
    is_cap: bool


def _values(text: str, a: int, b: int) -> list[_Value]:
    """Rates, amounts and caps in text[a:b] (thresholds and statistics left out)."""
    found: list[tuple[int, int, bool]] = []
    for m in _RATE.finditer(text, a, b):
        found.append((m.start(), m.end(), True))
    for m in _MONEY.finditer(text, a, b):
        if not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), False))
    out = []
    for s, e, is_rate in sorted(found):
        before = text[max(a, s - 8):s]
        after = text[e:e + 6]
        if _THRESHOLD_AFTER.match(after) or (not _CAP_WORD.search(before) and _THRESHOLD_BEFORE.search(before)):
            continue
        if re.match(r"\s*[—–\-~～至到]\s*\d", after):  # 20%至70%: one value, the range
            continue
        seg_a = max([i + 1 for i in range(a, s) if text[i] in _SEG_END + _SENT_END] or [a])
        if not is_rate and _POOL_BEFORE.search(text, seg_a, s):  # 设立2亿元专项资金: a fund's size
            continue
        if _STAT_BEFORE.search(text, seg_a, s) and not _CAP_WORD.search(text[max(a, s - 8):s]):
            # 预计返还资金3900万元: a statistic, not a grant
            continue
        rng = re.search(rf"(?:{_NUM})\s*[%％‰]?\s*[—–\-~～至到]\s*$", text[max(a, s - 10):s])
        if rng:
            s = max(a, s - 10) + rng.start()
        # a rate is what the measure grants even when capped (不超过2%): only amounts are caps
        out.append(_Value(s, e, is_rate, not is_rate and bool(_CAP_WORD.search(text[max(a, s - 8):s]))))
    return out


def _month_values(text: str, a: int, b: int) -> list[_Value]:
    """Durations granted by deferrals and exemptions (缓缴6个月, 免收2个月房租)."""
    out = []
    for m in _MONTHS.finditer(text, a, b):
        before, after = text[max(a, m.start() - 8):m.start()], text[m.end():m.end() + 4]
        if re.match(r"\s*(?:[（(]含[^)）]*[)）])?\s*(?:以上|以下|以内|内|后|後|前|左右|至|到|[-—])", after):
            continue
        cap = bool(_CAP_WORD.search(before))
        if not cap and (_THRESHOLD_BEFORE.search(before) or re.search(r"满|就业|期限$|期$", before)):
            continue
        out.append(_Value(m.start(), m.end(), False, cap))
    return out


def _kind_for(text: str, sent: tuple[int, int], pos: int, end: int) -> re.Match | None:
    """The support word that names what the value at [pos, end) is: after it in
    its phrase, else the nearest before it in the sentence."""
    seg_end = next((i for i in range(end, sent[1]) if text[i] in _SEG_END + _SENT_END), sent[1])
    after = [m for m in _KIND_RE.finditer(text, end, seg_end) if _KIND_OF[m.group(0)] in _GRANT_KINDS]
    if after:
        return after[0]
    before = [m for m in _KIND_RE.finditer(text, sent[0], pos) if _KIND_OF[m.group(0)] in _GRANT_KINDS]
    return before[-1] if before else None


def _parallel(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The items of the last 「A、B和C」 list in text[a:b], trimmed at 的."""
    best: list[tuple[int, int]] = []
    for seg_a, seg_b in _spans(text, _SEG_END, a, b):
        seg = text[seg_a:seg_b]
        m = re.search(r"[^、和及与或，,]{1,14}(?:(?:、|和|及|与|或)[^、和及与或，,]{1,14})+", seg)
        if not m:
            continue
        items, pos = [], seg_a + m.start()
        for part in re.split(r"(、|和|及|与|或)", m.group(0)):
            if part in ("、", "和", "及", "与", "或"):
                pos += len(part)
                continue
            s, e = pos, pos + len(part)
            pos = e
            items.append((s, e))
        if len(items) >= 2:
            s0, e0 = items[0]
            s0 = s0 + 1 if text[s0] in "对凡" else s0
            items[0] = (s0, e0)
            s1, e1 = items[-1]
            cut = re.search(r"的|等|项目|企业|分别|给予|予以|按", text[s1:e1])
            items[-1] = (s1, s1 + cut.start() if cut and cut.start() > 0 else e1)
            best = items
    return best


def _base(text: str, lo: int, v: _Value, verb_end: int) -> Span | None:
    """What a rate applies to: the words between the grant verb and the rate
    (「给予设备投资（含软件）12%」, 「按照贷款金额的1%」), or before a verb that
    directly precedes it (「检验项目收费减免50%」)."""
    if not v.is_rate:
        return None
    a = max(lo, verb_end)
    seg = text[a:v.start]
    seg_a = a
    m = re.search(r"(?:给予|予以|按照|按|返还|减免|补助|补贴|奖励|其|以|再|的|不超过|不高于|最高)+", seg)
    while m and m.end() < len(seg) and re.search(r"给予|予以|按照|按|返还|减免|补贴|补助|奖励", seg[m.end():]):
        m2 = re.search(r"(?:给予|予以|按照|按|返还|减免|补助|补贴|奖励)+", seg[m.end():])
        seg_a, seg = seg_a + m.end() + m2.start(), seg[m.end() + m2.start():]
        m = re.search(r"(?:给予|予以|按照|按|返还|减免|补助|补贴|奖励|其|以|再|的)+", seg)
    if m and m.start() == 0:
        seg_a, seg = seg_a + m.end(), seg[m.end():]
    cand = seg.rstrip()
    cand = re.sub(r"(?:的|之|为|按|，|,|、)+$", "", cand)
    lead = re.match(r"^(?:其|该|企业|单位)?(?:(?:不超过|不高于|最高)\s*)?", cand)
    skip = lead.end() if lead else 0
    if cand[skip:] and len(cand) - skip <= 30 and not re.search(r"[，,；;。]", cand[skip:]):
        return Span(seg_a + skip, seg_a + len(cand), cand[skip:])
    # 「收费减免50%」: the noun before the verb right in front of the rate
    m = re.search(r"([^，,；;。对]{2,16})(?:减免|减征|下浮|降低)\s*$", text[lo:v.start])
    if m:
        return Span(lo + m.start(1), lo + m.end(1), m.group(1))
    return None


_COND_START = re.compile(r"^(?:对于|对|凡|若|如|经|新获|首次|首笔|获得|获|属于|符合|受|因|在|疫情|参加|承租|截至|截止)")
_ADVERB_TAIL = re.compile(r"(?:分别|可|均|再|并|将|一次性|优先|另|可以|可按规定|按规定|申请|可申请)+$")
_HEAD_NOISE = re.compile(r"^.*(?:[)）]|[一二三四五六七八九十]、|[（(][一二三四五六七八九十\d]+[)）])\s*(?=对|凡)")


def _conditions(text: str, a: int, b: int, payers: list[Span]) -> tuple[Span, ...]:
    """Who qualifies: the 对…/凡…/…的 phrases before the grant verb, and the
    words in front of the verb in its own phrase."""
    out = []
    segs = _spans(text, _SEG_END, a, b)
    for n, (s, e) in enumerate(segs):
        s2, e2 = _strip(text, s, e)
        raw = text[s2:e2]
        noise = _HEAD_NOISE.match(raw)
        if noise:  # 「（七）鼓励金融机构增加信贷投放对…」: the heading before 对 is not a condition
            s2 += noise.end()
        ends_de = text[s2:e2].endswith("的")
        last = n == len(segs) - 1
        if not (_COND_START.match(text[s2:e2]) or ends_de or (last and e == b)):
            continue
        if text.startswith("对于", s2):
            s2 += 2
        elif s2 < e2 and text[s2] in "对凡":
            s2 += 1
        for p in payers:  # the payer is a department, not a condition
            if s2 <= p.start and p.end <= e2 + 1:
                if p.start - s2 <= 1:
                    s2 = p.end
                else:
                    e2 = max(s2, p.start - (1 if text[p.start - 1] == "由" else 0))
        while e2 > s2 and text[e2 - 1] in "的，, ":
            e2 -= 1
        tail = _ADVERB_TAIL.search(text[s2:e2])
        if tail:
            e2 = s2 + tail.start()
        s2, e2 = _strip(text, s2, e2)
        piece = text[s2:e2]
        cut = re.search(r"给予|予以", piece)
        if cut and cut.start() >= 2:  # 「对…企业贷款给予财政贴息支持」: the part before the verb
            e2 = s2 + cut.start()
            piece = text[s2:e2]
        if len(piece) >= 2 and not re.fullmatch(
            r"(?:同时|其中|此外|另外|对此|为此|原则上|每[^，,]{0,4}|(?:根据|依据|参照).*|(?:在|按照).*(?:基础上|政策|规定|精神)"
            r"|[^，,]{0,8}(?:标准|比例|金额|额度|期限)|联系电话.*)",
            piece,
        ):
            out.append(Span(s2, e2, piece))
    return tuple(out)


def _scope(text: str, a: int, cap_start: int) -> Span | None:
    """Whom a cap is counted for: 「单个企业最高不超过」 -> 单个企业."""
    seg_a = max([i + 1 for i in range(a, cap_start) if text[i] in _SEG_END + "、"] or [a])
    head = text[seg_a:cap_start]
    while True:
        m = re.search(r"(?:最高|不超过|不高于|不多于|上限为?|最多|封顶|额度|金额|总额|累计|的|补贴|补助|奖励|奖补|贴息|资助|扶持)\s*$", head)
        if not m or m.start() == len(head) and not m.group(0):
            break
        head = head[: m.start()]
    m = re.search(r"(?:给予|予以|对|按|且|每)?((?:单个|单家|单一|每个|每家|每户|每人|每年|同一|单笔|单项|单个项目)[^，,；;。]{0,10})$", head)
    if not m:
        return None
    return _span(text, seg_a + m.start(1), seg_a + m.end(1))


def _departments(clause: Clause, payers: list[Span]) -> tuple[Span, ...]:
    out = list(payers)
    for name in (*clause.lead, *clause.responsible):
        i = clause.text.rfind(name)
        if i >= 0 and not any(s.text == name for s in out):
            out.append(Span(i, i + len(name), name))
    return tuple(out)


def _mid(clause_id: str, a: int, b: int, k: int) -> str:
    return f"{clause_id}#m{hashlib.sha1(f'{a}:{b}:{k}'.encode()).hexdigest()[:6]}"


def measures_of_sentence(clause: Clause, sent: tuple[int, int], group0: int = 0) -> list[Measure]:
    text = clause.text
    a, b = sent
    sentence = _span(text, a, b)
    if sentence is None or not _KIND_RE.search(text, a, b):
        return []
    vals = _values(text, a, b)
    if not vals and _TIME_KINDS.search(text, a, b):
        vals = _month_values(text, a, b)
    payers = [Span(m.start(), m.end(), m.group(0)) for m in _PAYER.finditer(text, a, b)]
    # runs of grant values joined by 、/和/及 are one phrase with several cases
    groups: list[list[_Value]] = []
    for v in (v for v in vals if not v.is_cap):
        if groups and re.fullmatch(r"\s*(?:、|和|及|或|至)\s*", text[groups[-1][-1].end:v.start]) and groups[-1][-1].is_rate == v.is_rate:
            groups[-1].append(v)
        else:
            groups.append([v])
    caps = [v for v in vals if v.is_cap]
    out: list[Measure] = []
    units: list[tuple[list[_Value], list[_Value]]] = []
    for i, g in enumerate(groups):
        nxt = groups[i + 1][0].start if i + 1 < len(groups) else b
        units.append((g, [c for c in caps if g[0].start <= c.start < nxt]))
    attached = {c for _, cs in units for c in cs}
    free_caps = [c for c in caps if c not in attached]
    # a cap with no value before it in the sentence is a measure of its own (最高 500 万元)
    for c in free_caps:
        units.append(([], [c]))
    units.sort(key=lambda u: (u[0] or u[1])[0].start)
    lo = a
    for gi, (g, cs) in enumerate(units):
        anchor = (g or cs)[0]
        last = (g or cs)[-1]
        km = _kind_for(text, (a, b), anchor.start, last.end)
        if km is None:
            lo = last.end
            continue
        kind_span = Span(km.start(), km.end(), km.group(0))
        seg_start = max([i + 1 for i in range(lo, anchor.start) if text[i] in _SEG_END] or [lo])
        in_seg = list(_GRANT_VERB.finditer(text, seg_start, anchor.start))
        positional = in_seg
        strong = [m for m in in_seg if m.group(0) in ("给予", "予以", "按照", "按", "发放", "享受", "可享受") or "获得" in m.group(0)]
        in_seg = strong + [m for m in in_seg if m not in strong] if strong else in_seg
        before = list(_GRANT_VERB.finditer(text, lo, seg_start))
        verb = in_seg[0] if in_seg else (before[-1] if before else None)
        cond_end = verb.start() if verb is not None else seg_start
        my_payers = [p for p in payers if lo <= p.start < anchor.start]
        conds = _conditions(text, lo, cond_end, my_payers)
        cap = cs[0] if cs else None
        cap_span = Span(cap.start, cap.end, text[cap.start:cap.end]) if cap else None
        scope = _scope(text, a, cap.start) if cap is not None else None
        depts = _departments(clause, my_payers)
        cases = _parallel(text, lo, anchor.start) if len(g) > 1 else []
        if len(cases) != len(g):
            cases = []
        verb_end = positional[-1].end() if positional else seg_start
        base = _base(text, seg_start, g[0], verb_end) if g else None
        for k, v in enumerate(g or [None]):
            per = None
            if v is not None and not v.is_rate:
                pm = [m for m in _PER.finditer(text, max(lo, v.start - 10), v.start)]
                pa = _PER.match(text, v.end)
                per = Span(pm[-1].start(), pm[-1].end(), pm[-1].group(0)) if pm else (Span(pa.start(), pa.end(), pa.group(0)) if pa else None)
            vspan = Span(v.start, v.end, text[v.start:v.end]) if v is not None else None
            out.append(
                Measure(
                    measure_id=_mid(clause.clause_id, (v or anchor).start, (v or anchor).end, k),
                    clause_id=clause.clause_id,
                    doc_id=clause.doc_id,
                    kind=_KIND_OF[km.group(0)],
                    kind_span=kind_span,
                    sentence=sentence,
                    conditions=conds,
                    case=Span(*cases[k], text[cases[k][0]:cases[k][1]]) if cases else None,
                    base=base,
                    rate=vspan if v is not None and v.is_rate else None,
                    amount=vspan if v is not None and not v.is_rate else None,
                    per=per,
                    cap=cap_span,
                    cap_scope=scope,
                    departments=depts,
                    group=group0 + gi,
                )
            )
        lo = max(last.end, max((c.end for c in cs), default=last.end))
        # the rest of this phrase (的奖补，单个企业最高…) belongs to this unit
        nxt_seg = next((i + 1 for i in range(lo, b) if text[i] in _SEG_END), b)
        if gi + 1 < len(units) and nxt_seg <= (units[gi + 1][0] or units[gi + 1][1])[0].start:
            lo = nxt_seg
    if not units:
        vm = _VALUELESS.search(text, a, b)
        if vm:
            verb = re.search(r"给予|予以|可享受|享受", text[a:vm.start(1)])
            cond_end = a + verb.start() if verb else vm.start()
            my_payers = [p for p in payers if p.start < vm.start()]
            out.append(
                Measure(
                    measure_id=_mid(clause.clause_id, vm.start(1), vm.end(1), 0),
                    clause_id=clause.clause_id,
                    doc_id=clause.doc_id,
                    kind=_KIND_OF[vm.group(1)],
                    kind_span=Span(vm.start(1), vm.end(1), vm.group(1)),
                    sentence=sentence,
                    conditions=_conditions(text, a, cond_end, my_payers),
                    departments=_departments(clause, my_payers),
                    group=group0,
                )
            )
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for a, b in _spans(text, _SENT_END):
        # a sentence that is only a clause's heading or duty line carries no measure
        a, b = _strip(text, a, b, " \t\u3000\n")
        if b > a:
            out.append((a, b))
    return out


def is_target(text: str) -> bool:
    return bool(TARGET.search(text) and _TARGET_VERB.search(text)) and not _VALUELESS.search(text)


def level_of(text: str) -> str | None:
    m = _LEVEL.search(text)
    return m.group(0) if m else None
